/* SPDX-License-Identifier: MIT */
/* slof/heap/heap.h on the host's malloc, so AddressSanitizer sees every tree
 * node and property as its own allocation (overflows, use after free).
 * The size given to heap_init is a budget: allocations beyond it fail as
 * the firmware heap would when exhausted. */
#include <malloc.h>
#include <stdlib.h>

#include "heap/heap.h"

static size_t budget, used;

void heap_init(void *base, size_t size)
{
	(void)base;
	budget = size;
}

static void *take(size_t size, size_t align)
{
	void *p;

	if (size > ((size_t)1 << 40) || used > budget || size > budget - used)
		return NULL;
	if (posix_memalign(&p, align < 16 ? 16 : align, size ? size : 1) != 0)
		return NULL;
	used += malloc_usable_size(p);
	return p;
}

void *heap_alloc(size_t size)
{
	return take(size, 16);
}

void heap_free(void *p)
{
	if (!p)
		return;
	used -= malloc_usable_size(p);
	free(p);
}

void *heap_alloc_aligned(size_t size, size_t align)
{
	return take(size, align);
}

size_t heap_free_bytes(void)
{
	return used > budget ? 0 : budget - used;
}
