/* SPDX-License-Identifier: MIT */
/* Host caps detection: the sources in order (KVM, host device tree,
 * /proc/cpuinfo), the first that answers wins. Never a default: with no
 * answer the caller tells the user (an error, or in exec mode a warning). */
#include <stdio.h>
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

enum detect_result detect_host_caps(const char *root, struct host_caps *out)
{
	static enum detect_result (*const sources[])(const char *,
						     struct host_caps *) = {
		detect_kvm, detect_dt, detect_cpuinfo,
	};
	enum detect_result res;
	size_t i;

	for (i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		memset(out, 0, sizeof(*out));
		res = sources[i](root, out);
		/* NO_LEVEL ends the search too: the host answered that a level
		 * the caps can name does not run here. Going on could only
		 * guess. */
		if (res != DETECT_SILENT)
			return res;
	}
	memset(out, 0, sizeof(*out));
	return DETECT_SILENT;
}

void detect_describe_none(enum detect_result res, const char *root,
			  const struct host_caps *hc, char *buf, size_t buflen)
{
	if (res == DETECT_NO_LEVEL)
		snprintf(buf, buflen, "%s: no compat level from POWER9 on",
			 hc->detail);
	else
		snprintf(buf, buflen,
			 "no compat caps found %s%s (no KVM answer, no POWER9 or newer CPU in the device tree or /proc/cpuinfo)",
			 root ? "under " : "on this host", root ? root : "");
}
