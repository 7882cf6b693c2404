/* SPDX-License-Identifier: MIT */
/* Host build of the firmware core: what the firmware's libc has and the
 * host's may lack (strlcpy before glibc 2.38). Force-included (-include)
 * into the slof/ objects built for host tests. */
#ifndef TESTS_FAKES_HOST_COMPAT_H
#define TESTS_FAKES_HOST_COMPAT_H

#include <stddef.h>
#include <string.h>

#if defined(__GLIBC__) && (__GLIBC__ < 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ < 38))
#define HOST_COMPAT_NEED_STRLCPY 1
/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);
#endif

#endif
