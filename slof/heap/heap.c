/* SPDX-License-Identifier: MIT */
/* First-fit allocator with an address-ordered free list and coalescing.
 * Small and predictable: the firmware allocates a few hundred nodes and
 * properties and a handful of big buffers. */
#include "heap/heap.h"

struct chunk {
	size_t size;		/* bytes including this header */
	struct chunk *next;	/* free list only */
};

#define HDR 16u			/* keeps payloads 16-byte aligned */
#define MIN_CHUNK 32u

static struct chunk *free_list;
static size_t free_bytes;

void heap_init(void *base, size_t size)
{
	uintptr_t start = ((uintptr_t)base + 15) & ~(uintptr_t)15;

	size -= start - (uintptr_t)base;
	size &= ~(size_t)15;
	free_list = (struct chunk *)start;
	free_list->size = size;
	free_list->next = NULL;
	free_bytes = size;
}

static void *take(struct chunk **link, struct chunk *c, size_t need)
{
	if (c->size - need >= MIN_CHUNK) {
		struct chunk *rest = (struct chunk *)((char *)c + need);

		rest->size = c->size - need;
		rest->next = c->next;
		*link = rest;
		c->size = need;
	} else {
		*link = c->next;
	}
	free_bytes -= c->size;
	return (char *)c + HDR;
}

void *heap_alloc(size_t size)
{
	size_t need;

	if (size > ((size_t)1 << 40))
		return NULL;
	need = (size + HDR + 15) & ~(size_t)15;
	for (struct chunk **link = &free_list; *link; link = &(*link)->next)
		if ((*link)->size >= need)
			return take(link, *link, need);
	return NULL;
}

void heap_free(void *p)
{
	struct chunk *c, **link;

	if (!p)
		return;
	c = (struct chunk *)((char *)p - HDR);
	free_bytes += c->size;
	for (link = &free_list; *link && *link < c; link = &(*link)->next)
		;
	c->next = *link;
	*link = c;
	if (c->next && (char *)c + c->size == (char *)c->next) {
		c->size += c->next->size;
		c->next = c->next->next;
	}
	if (link != &free_list) {
		struct chunk *prev = (struct chunk *)((char *)link -
						      offsetof(struct chunk, next));

		if ((char *)prev + prev->size == (char *)c) {
			prev->size += c->size;
			prev->next = c->next;
		}
	}
}

void *heap_alloc_aligned(size_t size, size_t align)
{
	/* Over-allocate, then give the unused head back as its own chunk. */
	char *p, *q;
	struct chunk *c, *head;
	size_t lead;

	if (align <= 16)
		return heap_alloc(size);
	p = heap_alloc(size + align + MIN_CHUNK);
	if (!p)
		return NULL;
	q = (char *)(((uintptr_t)p + MIN_CHUNK + align - 1) & ~(uintptr_t)(align - 1));
	lead = (size_t)(q - p);
	head = (struct chunk *)(p - HDR);
	c = (struct chunk *)(q - HDR);
	c->size = head->size - lead;
	head->size = lead;
	heap_free(p);
	return q;
}

size_t heap_free_bytes(void)
{
	return free_bytes;
}
