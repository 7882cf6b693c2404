/* SPDX-License-Identifier: MIT */
/* The one error contract of lib/ and the core: 0 or a negative enum status.
 * A failure that has more to say hands over a static sentence through a
 * `const char **reason` argument, or, when it must be formatted (a sense
 * key, a byte count), a struct status_text owned by the failing object. */
#ifndef LIB_STATUS_STATUS_H
#define LIB_STATUS_STATUS_H

#include <stdarg.h>

enum status {
	STATUS_OK = 0,
	STATUS_EIO = -1,		/* a transfer or call failed (the plain -1) */
	STATUS_ETIMEDOUT = -2,		/* no answer within the bound */
	STATUS_EMALFORMED = -3,		/* data breaks its format or protocol */
	STATUS_ENOTFOUND = -4,		/* no such target, LUN or thing */
	STATUS_EUNSUPPORTED = -5,	/* the device or hypervisor lacks the function */
	STATUS_EBUSY = -6,		/* in use or out of resources (H_RESOURCE) */
	STATUS_EREFUSED = -7,		/* the other side said no (login reject, NAK) */
	STATUS_ECLOSED = -8,		/* the partner is not there or went away */
	STATUS_EDROPPED = -9,		/* a frame was not sent */
	STATUS_ETOOBIG = -10,		/* does not fit the caller's limit */
	STATUS_EINVAL = -11,		/* unusable arguments (H_PARAMETER too) */
	STATUS_EDEVICE = -12,		/* the device reported an error or failed */
	STATUS_ENOMEM = -13,		/* out of memory */
	STATUS_ENOTOURS = -14,		/* well formed, but for another host or transaction */
};

/* The lowest code: status_name knows STATUS_LAST..STATUS_OK. */
#define STATUS_LAST	STATUS_ENOTOURS

/* A short phrase for code ("I/O error", "timed out"); "unknown error" for
 * a value outside the enum. Never NULL. */
const char *status_name(enum status code);

/* Sets *reason to why (when reason is not NULL) and returns code. */
static inline int status_fail(const char **reason, int code, const char *why)
{
	if (reason)
		*reason = why;
	return code;
}

/* status_fail for a reason that is never NULL, as in the parsers whose
 * public entries require one: without the check each of their many
 * failure sites is two instructions shorter (512 bytes of image). */
static inline int status_fail_into(const char **reason, int code, const char *why)
{
	*reason = why;
	return code;
}

/* A formatted detail: one console line's worth, always terminated. */
#define STATUS_TEXT_MAX	160
struct status_text {
	char text[STATUS_TEXT_MAX];
};

/* Formats into t (cut to fit); status_vtextf for a helper's va_list. */
void status_vtextf(struct status_text *t, const char *fmt, va_list ap);
void status_textf(struct status_text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Formats into t and returns code. */
int status_failf(struct status_text *t, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
