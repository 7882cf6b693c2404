/* SPDX-License-Identifier: MIT */
/* Bounded formatting only: the firmware has no FILE streams. */
#ifndef LIBC_STDIO_H
#define LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

/* Supports %d %i %u %x %X %o %c %s %p %% with flags '-' '0' ' ' '+' '#',
 * width and precision (also '*'), and length modifiers hh h l ll z t j.
 * Always NUL-terminates when size > 0; returns the untruncated length. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
