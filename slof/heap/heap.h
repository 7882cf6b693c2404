/* SPDX-License-Identifier: MIT */
/* The firmware's own allocator over one region the board hands it. */
#ifndef SLOF_HEAP_H
#define SLOF_HEAP_H

#include <stddef.h>
#include <stdint.h>

void heap_init(void *base, size_t size);
/* 16-byte aligned; NULL when the heap is exhausted. */
void *heap_alloc(size_t size);
void *heap_zalloc(size_t size);
void heap_free(void *p);
/* Aligned allocation for large buffers (align a power of two); free with
 * heap_free. */
void *heap_alloc_aligned(size_t size, size_t align);
char *heap_strndup(const char *s, size_t n);
size_t heap_free_bytes(void);

#endif
