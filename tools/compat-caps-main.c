/* SPDX-License-Identifier: MIT */
/* qemu-compat-caps: finds the processor compat levels the host can run
 * pseries guests in and hands them to the guest firmware in the compat-caps
 * v1 ABI (printed, written into a DTB, or added to a QEMU command line). */
#include <stdlib.h>

#include "qemu-compat-caps.h"

/* No caps: an error, except in exec mode without --strict, where QEMU
 * starts unchanged (an x86 or POWER8 host must still run its guests). */
static int main_no_caps(const struct options *o, enum detect_result res,
			const struct host_caps *hc)
{
	char why[512];

	detect_describe_none(res, o->root, hc, why, sizeof(why));
	if (o->mode == MODE_EXEC && !o->strict) {
		diag("warning: %s; starting QEMU without compat caps (pass --levels or --max to give some, --strict to refuse)",
		     why);
		exec_qemu(o->command, NULL);
		return TOOL_EXIT_FAIL;
	}
	diag("%s; %spass --levels or --max", why,
	     o->mode == MODE_EXEC ? "not starting QEMU (--strict); " : "");
	return TOOL_EXIT_NO_CAPS;
}

int main(int argc, char **argv)
{
	char hex[COMPAT_CAPS_HEX_DIGITS + 1];
	enum detect_result res;
	struct options o;
	struct host_caps hc;

	/* options_parse() has said what was wrong, in one line. */
	if (options_parse(argc, argv, &o) < 0)
		return TOOL_EXIT_USAGE;
	if (o.help) {
		options_usage(stdout);
		return fflush(stdout) == 0 ? TOOL_EXIT_OK : TOOL_EXIT_FAIL;
	}
	if (o.version) {
		printf(TOOL_NAME " 1.0 (compat-caps ABI v1)\n");
		return fflush(stdout) == 0 ? TOOL_EXIT_OK : TOOL_EXIT_FAIL;
	}
	/* The user's own value wins; nothing to detect then. */
	if (o.mode == MODE_EXEC && exec_sets_caps(o.command)) {
		exec_qemu(o.command, NULL);
		return TOOL_EXIT_FAIL;
	}
	if (o.have_policy) {
		hc = o.policy;
	} else {
		res = detect_host_caps(o.root, &hc);
		if (res != DETECT_FOUND)
			return main_no_caps(&o, res, &hc);
	}

	switch (o.mode) {
	case MODE_PRINT:
		return output_print(stdout, &hc, o.format) < 0 ? TOOL_EXIT_FAIL
							       : TOOL_EXIT_OK;
	case MODE_DTB:
		return dtb_edit_set_caps(o.dtb_in, o.dtb_out, hc.caps) < 0
			       ? TOOL_EXIT_FAIL : TOOL_EXIT_OK;
	case MODE_EXEC:
		compat_caps_encode_hex(hc.caps, hex);
		exec_qemu(o.command, hex);
		return TOOL_EXIT_FAIL;
	}
	return TOOL_EXIT_FAIL;
}
