/* SPDX-License-Identifier: MIT */
/* Bounds-checked client memory access (see client-mem.h). */
#include <string.h>

#include "memory/claim.h"
#include "memory/client-mem.h"

#define MAX_PROTECTED 8

static uintptr_t mem_base;
static struct {
	uint64_t base, end;
} protected_ranges[MAX_PROTECTED];
static unsigned n_protected;

void client_mem_set_base(uintptr_t base)
{
	mem_base = base;
}

void client_mem_protect(uint64_t addr, uint64_t size)
{
	if (n_protected < MAX_PROTECTED) {
		protected_ranges[n_protected].base = addr;
		protected_ranges[n_protected].end = addr + size;
		n_protected++;
	}
}

uint64_t client_addr_of(const void *p)
{
	return (uint64_t)((uintptr_t)p - mem_base);
}

void *client_to_ptr(uint64_t addr)
{
	return (void *)(mem_base + (uintptr_t)addr);
}

const void *client_ptr_read(uint64_t addr, uint64_t len)
{
	if (!claim_is_ram(addr, len ? len : 1))
		return NULL;
	return client_to_ptr(addr);
}

void *client_ptr_write(uint64_t addr, uint64_t len)
{
	uint64_t end = addr + len;

	if (!claim_is_ram(addr, len ? len : 1))
		return NULL;
	for (unsigned i = 0; i < n_protected; i++)
		if (addr < protected_ranges[i].end && protected_ranges[i].base < end)
			return NULL;
	return client_to_ptr(addr);
}

long client_read_string(uint64_t addr, char *buf, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		const char *p = client_ptr_read(addr + i, 1);

		if (!p)
			return -1;
		buf[i] = *p;
		if (!*p)
			return (long)i;
	}
	return -1;
}
