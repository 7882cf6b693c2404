/* SPDX-License-Identifier: MIT */
/* The one error convention of lib/net: functions return NET_OK (0) or one
 * of the negative codes below, and set *reason to a sentence naming what
 * was wrong (a static string, or a buffer owned by the object named in the
 * function's contract). */
#ifndef LIB_NET_NET_STATUS_H
#define LIB_NET_NET_STATUS_H

enum net_status {
	NET_OK = 0,
	NET_EMALFORMED = -1,	/* a packet breaks its protocol's rules */
	NET_ENOTOURS = -2,	/* well formed, but for another host/transaction */
	NET_ETIMEDOUT = -3,	/* every try ran out of time */
	NET_EREFUSED = -4,	/* the server answered no (DHCP NAK, TFTP ERROR) */
	NET_ETOOBIG = -5,	/* the data does not fit the caller's limit */
	NET_EDEVICE = -6,	/* the network device failed to send or receive */
	NET_EINVAL = -7,	/* the caller's arguments are unusable */
};

/* Sets *reason (when reason is not NULL) and returns code. */
static inline int net_fail(const char **reason, int code, const char *why)
{
	if (reason)
		*reason = why;
	return code;
}

#endif
