/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/iso9660: the input is the volume from sector
 * 16 on (the 32 KiB system area before it is zero), so small inputs reach
 * the descriptors and directories. A found file must lie on the disk. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iso9660/iso9660.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SYSTEM_AREA (16 * ISO9660_SECTOR)

struct input {
	const uint8_t *data;
	size_t size;		/* of data; the disk is SYSTEM_AREA + size */
	unsigned reads;
};

static int in_read(void *ctx, uint64_t off, uint32_t len, void *buf)
{
	struct input *in = ctx;
	uint8_t *out = buf;

	in->reads++;
	if (off > SYSTEM_AREA + in->size || len > SYSTEM_AREA + in->size - off)
		abort();	/* the library must not read past disk_size */
	if (off < SYSTEM_AREA) {
		uint32_t zeros = SYSTEM_AREA - off < len ? (uint32_t)(SYSTEM_AREA - off) : len;

		memset(out, 0, zeros);
		out += zeros;
		off += zeros;
		len -= zeros;
	}
	if (len)
		memcpy(out, in->data + (off - SYSTEM_AREA), len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"\\ppc\\bootinfo.txt", "/boot/grub/powerpc.elf", "\\a\\b\\c\\d",
		"\\", "README", "\\x;1",
	};
	static struct iso9660_fs fs;
	struct input in = { data, size, 0 };
	const char *why = NULL;

	memset(&fs, 0, sizeof(fs));
	fs.read = in_read;
	fs.ctx = &in;
	fs.disk_size = SYSTEM_AREA + size;
	if (iso9660_probe(&fs) < 0)
		abort();
	if (iso9660_mount(&fs, &why) != 0) {
		if (!why)
			abort();
		return 0;
	}
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct iso9660_file f;

		why = NULL;
		if (iso9660_lookup(&fs, paths[i], &f, &why) == 0) {
			if (!f.dir && f.offset + f.size > fs.disk_size)
				abort();
		} else if (!why) {
			abort();
		}
	}
	return 0;
}
