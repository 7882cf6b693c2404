/* SPDX-License-Identifier: MIT */
/* Error and note messages of qemu-compat-caps: one line on stderr each,
 * prefixed with the program name, so logs (libvirt's too) name the tool. */
#include <stdarg.h>
#include <stdio.h>

#include "qemu-compat-caps.h"

void diag(const char *fmt, ...)
{
	va_list ap;

	fputs(TOOL_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
