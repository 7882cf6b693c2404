/* SPDX-License-Identifier: MIT */
/* Host caps detection: the sources in order (KVM, host device tree,
 * /proc/cpuinfo), the first that answers wins. Never a default: with no
 * answer the user is told to pass --levels or --max. */
#include <string.h>

#include "qemu-compat-caps.h"

const char *detect_source_name(enum caps_source source)
{
	switch (source) {
	case SOURCE_LEVELS:
		return "levels";
	case SOURCE_MAX:
		return "max";
	case SOURCE_KVM:
		return "kvm";
	case SOURCE_DEVICE_TREE:
		return "device-tree";
	case SOURCE_CPUINFO:
		return "cpuinfo";
	default:
		return "none";
	}
}

int detect_host_caps(const char *root, struct host_caps *out)
{
	static enum detect_result (*const sources[])(const char *,
						     struct host_caps *) = {
		detect_kvm, detect_dt, detect_cpuinfo,
	};
	size_t i;

	for (i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		memset(out, 0, sizeof(*out));
		switch (sources[i](root, out)) {
		case DETECT_FOUND:
			return 0;
		case DETECT_NO_LEVEL:
			/* The host answered: a guest level the caps can name
			 * does not run here. Going on could only guess. */
			diag("%s: no compat level from POWER9 on; pass --levels or --max if guests should still get caps",
			     out->detail);
			return -1;
		case DETECT_SILENT:
			break;
		}
	}
	memset(out, 0, sizeof(*out));
	diag("no compat caps found %s%s (no KVM answer, no POWER9 or newer CPU in the device tree or /proc/cpuinfo); pass --levels or --max",
	     root ? "under " : "on this host", root ? root : "");
	return -1;
}
