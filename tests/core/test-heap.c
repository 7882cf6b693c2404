/* SPDX-License-Identifier: MIT */
/* The firmware heap on the host: alignment, reuse, coalescing, aligned
 * allocations, exhaustion, and that free space comes back whole. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/unit.h"
#include "heap/heap.h"

#define ARENA (1u << 20)

int main(void)
{
	uint8_t *arena = malloc(ARENA + 16);
	void *p[64];
	size_t start;

	heap_init(arena + 3, ARENA);	/* misaligned on purpose */
	start = heap_free_bytes();
	CHECK(start > ARENA - 64 && start <= ARENA);

	for (int i = 0; i < 64; i++) {
		p[i] = heap_alloc((size_t)(i * 37 + 1));
		CHECK(p[i] != NULL);
		CHECK(((uintptr_t)p[i] & 15) == 0);
		memset(p[i], i, (size_t)(i * 37 + 1));
	}
	for (int i = 0; i < 64; i++) {
		uint8_t *b = p[i];

		for (int k = 0; k < i * 37 + 1; k++)
			if (b[k] != (uint8_t)i) {
				CHECK(!"allocations overlap");
				break;
			}
	}
	/* Free every other block, then the rest: all space must coalesce. */
	for (int i = 0; i < 64; i += 2)
		heap_free(p[i]);
	for (int i = 1; i < 64; i += 2)
		heap_free(p[i]);
	CHECK_EQ_U64(heap_free_bytes(), start);

	/* One block of nearly everything fits again after coalescing. */
	p[0] = heap_alloc(ARENA - 4096);
	CHECK(p[0] != NULL);
	CHECK(heap_alloc(8192) == NULL);	/* exhausted: NULL, no crash */
	heap_free(p[0]);
	CHECK_EQ_U64(heap_free_bytes(), start);

	/* Aligned blocks, as for the CAS buffer and virtqueues. */
	for (size_t align = 32; align <= 65536; align <<= 1) {
		void *a = heap_alloc_aligned(1000, align);

		CHECK(a != NULL && ((uintptr_t)a & (align - 1)) == 0);
		memset(a, 0xaa, 1000);
		heap_free(a);
	}
	CHECK_EQ_U64(heap_free_bytes(), start);

	{
		char *z = heap_zalloc(100), *s = heap_strndup("abcdef", 3);

		CHECK(z && z[0] == 0 && z[99] == 0);
		CHECK_STR(s, "abc");
		heap_free(z);
		heap_free(s);
	}
	CHECK(heap_alloc((size_t)1 << 41) == NULL);
	heap_free(NULL);
	CHECK_EQ_U64(heap_free_bytes(), start);
	free(arena);
	return unit_done("test-heap");
}
