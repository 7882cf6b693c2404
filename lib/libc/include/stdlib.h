/* SPDX-License-Identifier: MIT */
/* Number parsing; allocation lives in the firmware core (slof/heap/heap.h). */
#ifndef LIBC_STDLIB_H
#define LIBC_STDLIB_H

#include <stddef.h>

unsigned long long strtoull(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);

#endif
