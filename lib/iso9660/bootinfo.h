/* SPDX-License-Identifier: MIT */
/* CHRP boot files (\ppc\bootinfo.txt): the boot program a <boot-script>
 * names with "boot &device;:[partition,]path [arguments]", as in
 * "<boot-script>boot &device;:\boot\grub\powerpc.elf</boot-script>".
 * Every const char **reason argument is required (never NULL). */
#ifndef LIB_ISO9660_BOOTINFO_H
#define LIB_ISO9660_BOOTINFO_H

#include <stddef.h>

#include "status/status.h"

#define BOOTINFO_MAX_TEXT	(64u << 10)	/* bytes of bootinfo.txt read */
#define BOOTINFO_PATH_MAX	256
#define BOOTINFO_ARGS_MAX	256
#define BOOTINFO_PART_MAX	8

struct bootinfo {
	char partition[BOOTINFO_PART_MAX];	/* "" or the digits before ',' */
	char path[BOOTINFO_PATH_MAX];		/* '\' separators, leading '\' */
	char args[BOOTINFO_ARGS_MAX];		/* "" or the rest of the line */
};

/* Parses text[0..len) (need not be NUL-terminated; NULs end it): the text
 * between the first <boot-script> and the following </boot-script> (tags
 * in any case), there the first "boot" word followed by "&device;:", then
 * the device argument up to white space: an optional decimal partition
 * and ',' and the path ('/' becomes '\'); the rest of that line, trimmed,
 * is the arguments. Returns 0 and fills *bi, or with *reason set to a
 * static sentence STATUS_EMALFORMED (no <boot-script>, no "boot &device;:"
 * in it, empty path, ...) or STATUS_ETOOBIG (an over-long partition, path
 * or arguments). */
int bootinfo_parse(const char *text, size_t len, struct bootinfo *bi, const char **reason);

#endif
