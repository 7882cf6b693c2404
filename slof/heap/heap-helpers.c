/* SPDX-License-Identifier: MIT */
/* Allocations built on heap_alloc alone, shared by the firmware's
 * allocator and the host tests' malloc-backed one. */
#include <string.h>

#include "heap/heap.h"

void *heap_zalloc(size_t size)
{
	void *p = heap_alloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

char *heap_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = heap_alloc(len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}
