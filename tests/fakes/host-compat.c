/* SPDX-License-Identifier: MIT */
/* strlcpy for host C libraries without it (see host-compat.h). */
#include "host-compat.h"

#ifdef HOST_COMPAT_NEED_STRLCPY
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
#endif
