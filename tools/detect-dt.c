/* SPDX-License-Identifier: MIT */
/* Caps source 2: the host device tree. The first CPU node under
 * ROOT/proc/device-tree/cpus (device_type "cpu") and its cpu-version: a
 * logical PVR means compat mode at that level, a raw one the processor's. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "be.h"
#include "qemu-compat-caps.h"

/* The tree as /proc shows it, or where /proc/device-tree points. */
static const char *const detect_dt_cpus_dirs[] = {
	"/proc/device-tree/cpus",
	"/sys/firmware/devicetree/base/cpus",
};

/* True if the device_type property is "cpu" (with its NUL, as the kernel
 * exports it, or without). */
static bool detect_dt_is_cpu(const char *node)
{
	char path[4096], val[16];
	long n;

	if (snprintf(path, sizeof(path), "%s/device_type", node) >= (int)sizeof(path))
		return false;
	n = host_file_read(path, val, sizeof(val));
	while (n > 0 && val[n - 1] == '\0')
		n--;
	return n == 3 && memcmp(val, "cpu", 3) == 0;
}

static int detect_dt_by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Finds the first CPU node (by name, so the answer is the same on every
 * run) under dir into node. Returns 0, or -1 if there is none. */
static int detect_dt_first_cpu(const char *dir, char *node, size_t len)
{
	struct dirent **names;
	int n, i, found = -1;

	n = scandir(dir, &names, NULL, detect_dt_by_name);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct stat st;
		int k;

		if (found < 0 && names[i]->d_name[0] != '.') {
			k = snprintf(node, len, "%s/%s", dir, names[i]->d_name);
			if (k > 0 && (size_t)k < len && stat(node, &st) == 0 &&
			    S_ISDIR(st.st_mode) && detect_dt_is_cpu(node))
				found = i;
		}
		free(names[i]);
	}
	free(names);
	return found < 0 ? -1 : 0;
}

/* Maps a cpu-version to caps and a description. */
static enum detect_result detect_dt_pvr(uint32_t pvr, const char *node,
					struct host_caps *out)
{
	bool logical = (pvr & 0xffff0000) == 0x0f000000;
	enum compat_level l = logical ? compat_level_of_logical_pvr(pvr)
				      : compat_level_of_raw_pvr(pvr);

	out->source = SOURCE_DEVICE_TREE;
	out->caps = logical ? levels_up_to(l) : levels_of_raw(l);
	if (l == COMPAT_LEVEL_LEGACY)
		snprintf(out->detail, sizeof(out->detail),
			 "host device tree: cpu-version 0x%08x of %s is %s older than POWER9 or unknown",
			 (unsigned)pvr, node, logical ? "a logical PVR" : "a raw PVR");
	else
		snprintf(out->detail, sizeof(out->detail),
			 "host device tree: cpu-version 0x%08x of %s, %s %s", (unsigned)pvr, node,
			 logical ? "compat mode at" : "raw", compat_level_name(l));
	return out->caps ? DETECT_FOUND : DETECT_NO_LEVEL;
}

enum detect_result detect_dt(const char *root, struct host_caps *out)
{
	char dir[4096], node[4096], path[4096];
	uint8_t val[64];
	size_t rlen;
	size_t i;
	long n;

	for (i = 0; i < sizeof(detect_dt_cpus_dirs) / sizeof(detect_dt_cpus_dirs[0]); i++) {
		if (host_file_path(root, detect_dt_cpus_dirs[i], dir, sizeof(dir)) < 0)
			return DETECT_SILENT;
		if (detect_dt_first_cpu(dir, node, sizeof(node)) == 0)
			break;
	}
	if (i == sizeof(detect_dt_cpus_dirs) / sizeof(detect_dt_cpus_dirs[0]))
		return DETECT_SILENT;	/* no tree, or no CPU in it */

	if (snprintf(path, sizeof(path), "%s/cpu-version", node) >= (int)sizeof(path))
		return DETECT_SILENT;
	n = host_file_read(path, val, sizeof(val));
	if (n < 0)
		return DETECT_SILENT;	/* a CPU node without cpu-version */
	if (n != 4) {
		diag("%s is %ld%s bytes, expected 4; ignoring the device tree",
		     path, n, n == (long)sizeof(val) ? " or more" : "");
		return DETECT_SILENT;
	}
	/* Name the node as the host knows it, without the --root prefix. */
	rlen = strlen(dir) - strlen(detect_dt_cpus_dirs[i]);
	return detect_dt_pvr(be32_read(val), node + rlen, out);
}
