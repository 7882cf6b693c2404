/* SPDX-License-Identifier: MIT */
/* qemu-compat-caps: the pieces of the host helper and how they connect.
 * Detection (detect-*.c) finds the caps, output.c / dtb-edit.c / exec.c
 * hand them to the guest firmware in the compat-caps v1 ABI. */
#ifndef TOOLS_QEMU_COMPAT_CAPS_H
#define TOOLS_QEMU_COMPAT_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "compatcaps/compat-caps.h"

#define TOOL_NAME "qemu-compat-caps"

/* Exit statuses (also in the man page, README and docs/). In exec mode a
 * QEMU that started gives its own status instead. */
#define TOOL_EXIT_OK      0
#define TOOL_EXIT_FAIL    1	/* other failure: unreadable DTB, exec failed */
#define TOOL_EXIT_USAGE   2	/* bad command line */
#define TOOL_EXIT_NO_CAPS 3	/* no caps found (print, --dtb, exec --strict) */

/* ---- diag.c: one-line messages on stderr, "qemu-compat-caps: ..." ---- */
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- where the caps came from ---- */
enum caps_source {
	SOURCE_NONE = 0,
	SOURCE_LEVELS,		/* --levels */
	SOURCE_MAX,		/* --max */
	SOURCE_KVM,		/* KVM_PPC_GET_COMPAT_CAPS */
	SOURCE_DEVICE_TREE,	/* cpu-version of the first CPU node */
	SOURCE_CPUINFO,		/* the cpu line of /proc/cpuinfo */
};

struct host_caps {
	uint64_t caps;		/* as the source gave them (KVM may add bits
				 * unknown here: they are passed on, the ABI
				 * says consumers ignore them) */
	enum caps_source source;
	char detail[256];	/* what the source said, for people */
};


/* ---- levels.c: level sets ---- */

/* Every known level from POWER9 up to and including level (0 if legacy):
 * what --max gives and what a host in compat mode at level offers. */
uint64_t levels_up_to(enum compat_level level);

/* A raw processor of the given level runs guests at its own level and the
 * two before it, where known (raw POWER10 -> POWER9, POWER10). */
uint64_t levels_of_raw(enum compat_level level);

/* Parses "power9,power10" (case-insensitive, no empty items). Returns 0 and
 * sets *caps, or -1 after a diag() naming the bad item. */
int levels_parse_list(const char *list, uint64_t *caps);

/* Parses --max LEVEL. Returns 0 and sets *caps, or -1 after a diag(). */
int levels_parse_max(const char *word, uint64_t *caps);

/* "POWER9 and POWER10", "POWER9, POWER10 and Power11" into buf. */
char *levels_describe(uint64_t caps, char *buf, size_t buflen);

/* ---- host-file.c: files of the host, under --root ---- */

/* Joins root (NULL or "" = "/") and an absolute host path. Returns 0, or -1
 * if it does not fit (after a diag()). */
int host_file_path(const char *root, const char *host_path, char *buf,
		   size_t buflen);

/* Reads at most cap bytes of path into buf. Returns the byte count, or -1
 * with errno set (the file is absent or unreadable). */
long host_file_read(const char *path, void *buf, size_t cap);

/* ---- detection: each source answers, stays silent, or finds a host that
 * no known level fits ---- */
enum detect_result {
	DETECT_SILENT = 0,	/* does not say: try the next source */
	DETECT_FOUND,		/* out->caps has at least one known level */
	DETECT_NO_LEVEL,	/* answered, but no level from POWER9 on */
};

enum detect_result detect_kvm(const char *root, struct host_caps *out);
enum detect_result detect_dt(const char *root, struct host_caps *out);
enum detect_result detect_cpuinfo(const char *root, struct host_caps *out);

/* Short machine name of a source: "kvm", "device-tree", "cpuinfo",
 * "levels", "max". */
const char *detect_source_name(enum caps_source source);

/* Runs the sources in order (KVM, device tree, cpuinfo). Returns
 * DETECT_FOUND with *out filled; DETECT_NO_LEVEL when a source answered with
 * no known level (out->detail says which); DETECT_SILENT when none
 * answered. Says nothing about the last two: the caller words it. */
enum detect_result detect_host_caps(const char *root, struct host_caps *out);

/* Why detection found no caps, as one clause without a newline, e.g. "no
 * compat caps found on this host (...)". res is DETECT_NO_LEVEL or
 * DETECT_SILENT, hc what detect_host_caps() left. */
void detect_describe_none(enum detect_result res, const char *root,
			  const struct host_caps *hc, char *buf, size_t buflen);

/* ---- kvm-answer.c: the kernel's answer to KVM_PPC_GET_COMPAT_CAPS ---- */
enum kvm_answer {
	KVM_ANSWER_OK = 0,	/* *caps set */
	KVM_ANSWER_BAD_SIZE,	/* size below the first version's 24 */
	KVM_ANSWER_BAD_FLAGS,	/* reserved flags set */
};

/* Judges the struct the kernel filled. A size above 24 is a newer kernel:
 * accepted, the 24 bytes we know are read. On a rejection why says what
 * was wrong, for a diag(). */
enum kvm_answer kvm_answer_check(const struct kvm_ppc_compat_caps_abi *a,
				 uint64_t *caps, char *why, size_t whylen);

/* ---- options.c: the command line ---- */
enum tool_mode { MODE_PRINT, MODE_DTB, MODE_EXEC };
enum output_format { FORMAT_TEXT, FORMAT_HEX, FORMAT_PROM_ENV, FORMAT_JSON };

struct options {
	enum tool_mode mode;
	const char *root;		/* NULL: the real host */
	bool have_policy;		/* --levels or --max given */
	struct host_caps policy;
	enum output_format format;
	const char *dtb_in, *dtb_out;
	char **command;			/* exec: the QEMU command, NULL-ended */
	bool strict;			/* exec --strict: no caps, no QEMU */
	bool help, version;
};

/* Parses argv. Returns 0, or -1 after a diag() (a usage error). */
int options_parse(int argc, char **argv, struct options *opts);

/* The usage text, for --help (stdout) and after usage errors. */
void options_usage(FILE *f);

/* ---- output.c ---- */

/* Writes caps in the given format to f. Returns 0, or -1 on a write error
 * (after a diag()). */
int output_print(FILE *f, const struct host_caps *hc, enum output_format fmt);

/* ---- dtb-edit.c ---- */

/* Copies the DTB in to out with /chosen/qemu,compat-caps set to the v1
 * property of caps (node and property added or replaced). Returns 0, or -1
 * after a diag(). */
int dtb_edit_set_caps(const char *in, const char *out, uint64_t caps);

/* ---- exec.c ---- */

/* True if the QEMU command already passes -prom-env qemu,compat-caps=... */
bool exec_sets_caps(char **command);

/* Runs command with "-prom-env qemu,compat-caps=HEX" appended (hex NULL:
 * unchanged). Returns only on failure, after a diag(). */
void exec_qemu(char **command, const char *hex);

#endif
