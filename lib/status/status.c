/* SPDX-License-Identifier: MIT */
/* Names of the status codes and the formatter of struct status_text. */
#include <stdarg.h>
#include <stdio.h>

#include "status/status.h"

const char *status_name(enum status code)
{
	static const char *const names[] = {
		[-STATUS_OK] = "success",
		[-STATUS_EIO] = "I/O error",
		[-STATUS_ETIMEDOUT] = "timed out",
		[-STATUS_EMALFORMED] = "malformed data",
		[-STATUS_ENOTFOUND] = "not found",
		[-STATUS_EUNSUPPORTED] = "not supported",
		[-STATUS_EBUSY] = "busy",
		[-STATUS_EREFUSED] = "refused",
		[-STATUS_ECLOSED] = "connection closed",
		[-STATUS_EDROPPED] = "dropped",
		[-STATUS_ETOOBIG] = "too big",
		[-STATUS_EINVAL] = "invalid argument",
		[-STATUS_EDEVICE] = "device error",
		[-STATUS_ENOMEM] = "out of memory",
		[-STATUS_ENOTOURS] = "not for us",
	};
	_Static_assert(sizeof(names) / sizeof(names[0]) == 1 - STATUS_LAST,
		       "STATUS_LAST is not the lowest code");

	/* A hole would be NULL: test-status checks every code has a name. */
	if (code > 0 || code < STATUS_LAST || !names[-code])
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
