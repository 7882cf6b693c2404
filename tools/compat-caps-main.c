/* SPDX-License-Identifier: MIT */
/* qemu-compat-caps: finds the processor compat levels the host can run
 * pseries guests in and hands them to the guest firmware in the compat-caps
 * v1 ABI (printed, written into a DTB, or added to a QEMU command line). */
#include <stdlib.h>

#include "qemu-compat-caps.h"

/* The caps to use: the explicit policy, else detection. */
static int main_caps(const struct options *o, struct host_caps *hc)
{
	if (o->have_policy) {
		*hc = o->policy;
		return 0;
	}
	return detect_host_caps(o->root, hc);
}

int main(int argc, char **argv)
{
	char hex[COMPAT_CAPS_HEX_DIGITS + 1];
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
	if (main_caps(&o, &hc) < 0)
		return TOOL_EXIT_USAGE;

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
