/* SPDX-License-Identifier: MIT */
/* Names of the status codes and the formatter of struct status_text. */
#include <stdarg.h>
#include <stdio.h>

#include "status/status.h"

const char *status_name(enum status code)
{
	/* Indexed by -code. */
	static const char *const names[] = {
		"success", "I/O error", "timed out", "malformed data", "not found",
		"not supported", "busy", "refused", "connection closed", "dropped", "too big",
		"invalid argument", "device error", "out of memory", "not for us",
	};
	_Static_assert(sizeof(names) / sizeof(names[0]) == 1 - STATUS_LAST,
		       "a status code without a name");

	if (code > 0 || code < STATUS_LAST)
		return "unknown error";
	return names[-code];
}

void status_vtextf(struct status_text *t, const char *fmt, va_list ap)
{
	vsnprintf(t->text, sizeof(t->text), fmt, ap);
}

void status_textf(struct status_text *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	status_vtextf(t, fmt, ap);
	va_end(ap);
}

int status_failf(struct status_text *t, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	status_vtextf(t, fmt, ap);
	va_end(ap);
	return code;
}
