/* SPDX-License-Identifier: MIT */
/* RAM ranges from the tree, claimed ranges as a sorted array, and the
 * /memory "available" property regenerated from them. */
#include <string.h>

#include "be.h"
#include "heap/heap.h"
#include "memory/claim.h"
#include "tree/tree.h"

#define MAX_RAM 64

struct range {
	uint64_t base, end;	/* [base, end) */
	struct of_node *node;	/* memory node (RAM ranges only) */
};

static struct range ram[MAX_RAM];
static unsigned n_ram;
static struct range claimed[CLAIM_MAX_RANGES];
static unsigned n_claimed;
static unsigned addr_cells = 2, size_cells = 2;

static void write_cells(uint8_t *p, unsigned cells, uint64_t v)
{
	if (cells == 2)
		be64_write(p, v);
	else
		be32_write(p, (uint32_t)v);
}

static void update_available(void)
{
	static uint8_t buf[8 * 2 * (MAX_RAM + CLAIM_MAX_RANGES)];

	for (unsigned i = 0; i < n_ram; i++) {
		struct of_node *node = ram[i].node;
		size_t len = 0;

		if (i > 0 && ram[i - 1].node == node)
			continue;	/* done with the node's first range */
		for (unsigned k = i; k < n_ram && ram[k].node == node; k++) {
			uint64_t pos = ram[k].base;

			for (unsigned j = 0; j <= n_claimed && pos < ram[k].end; j++) {
				uint64_t stop = j < n_claimed ? claimed[j].base : ram[k].end;
				uint64_t next = j < n_claimed ? claimed[j].end : ram[k].end;

				if (stop > ram[k].end)
					stop = ram[k].end;
				if (next <= pos)
					continue;
				if (stop > pos && len + 4 * (addr_cells + size_cells) <= sizeof(buf)) {
					write_cells(buf + len, addr_cells, pos);
					len += 4 * addr_cells;
					write_cells(buf + len, size_cells, stop - pos);
					len += 4 * size_cells;
				}
				if (next > pos)
					pos = next;
			}
		}
		of_set_prop(node, "available", buf, (uint32_t)len);
	}
}

static void add_ram(struct of_node *node, uint64_t base, uint64_t size)
{
	unsigned i;

	if (size == 0 || n_ram == MAX_RAM || base + size < base)
		return;
	/* Keep sorted by node then address; nodes come in tree order. */
	i = n_ram++;
	ram[i].base = base;
	ram[i].end = base + size;
	ram[i].node = node;
}

static void scan_memory(struct of_node *n)
{
	of_for_each_child(c, n) {
		uint32_t len;
		const uint8_t *reg;

		if (of_is_type(c, "memory") &&
		    (reg = of_get_prop(c, "reg", &len)) != NULL) {
			unsigned step = 4 * (addr_cells + size_cells);

			for (uint32_t off = 0; off + step <= len; off += step)
				add_ram(c, of_read_cells(reg + off, addr_cells),
					of_read_cells(reg + off + 4 * addr_cells, size_cells));
		}
	}
}

int claim_init(void)
{
	struct of_node *root = of_root();

	addr_cells = of_get_u32_or(root, "#address-cells", 2);
	size_cells = of_get_u32_or(root, "#size-cells", 2);
	if (addr_cells < 1 || addr_cells > 2)
		addr_cells = 2;
	if (size_cells < 1 || size_cells > 2)
		size_cells = 2;
	n_ram = 0;
	n_claimed = 0;
	scan_memory(root);
	if (n_ram == 0)
		return -1;
	update_available();
	return 0;
}

bool claim_is_ram(uint64_t addr, uint64_t size)
{
	uint64_t end = addr + size, pos = addr;

	if (end < addr)
		return false;
	/* Adjacent memory nodes (NUMA) together cover a range. */
	while (pos < end) {
		unsigned i;

		for (i = 0; i < n_ram; i++)
			if (pos >= ram[i].base && pos < ram[i].end)
				break;
		if (i == n_ram)
			return false;
		pos = ram[i].end;
	}
	return size != 0 || claim_is_ram(addr, 1);
}

bool claim_is_free(uint64_t addr, uint64_t size)
{
	uint64_t end = addr + size;

	if (end < addr)
		return false;
	for (unsigned i = 0; i < n_claimed; i++)
		if (addr < claimed[i].end && claimed[i].base < end)
			return false;
	return true;
}

uint64_t claim_ram_total(void)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < n_ram; i++)
		total += ram[i].end - ram[i].base;
	return total;
}

int claim_range(uint64_t addr, uint64_t size)
{
	unsigned i;

	if (size == 0 || !claim_is_ram(addr, size) || !claim_is_free(addr, size) ||
	    n_claimed == CLAIM_MAX_RANGES)
		return -1;
	for (i = 0; i < n_claimed && claimed[i].base < addr; i++)
		;
	memmove(&claimed[i + 1], &claimed[i], (n_claimed - i) * sizeof(claimed[0]));
	claimed[i].base = addr;
	claimed[i].end = addr + size;
	claimed[i].node = NULL;
	n_claimed++;
	/* Merge touching neighbours so the table stays small. */
	if (i + 1 < n_claimed && claimed[i].end == claimed[i + 1].base) {
		claimed[i].end = claimed[i + 1].end;
		memmove(&claimed[i + 1], &claimed[i + 2], (n_claimed - i - 2) * sizeof(claimed[0]));
		n_claimed--;
	}
	if (i > 0 && claimed[i - 1].end == claimed[i].base) {
		claimed[i - 1].end = claimed[i].end;
		memmove(&claimed[i], &claimed[i + 1], (n_claimed - i - 1) * sizeof(claimed[0]));
		n_claimed--;
	}
	update_available();
	return 0;
}

int claim_alloc(uint64_t size, uint64_t align, uint64_t limit, uint64_t *addr)
{
	uint64_t best = 0;
	bool found = false;

	if (size == 0 || (align & (align - 1)))
		return -1;
	if (align == 0)
		align = 1;
	/* RAM ranges are in tree order, not address order (QEMU lists NUMA
	 * nodes high first): take the lowest fit over all of them. */
	for (unsigned i = 0; i < n_ram; i++) {
		uint64_t pos = (ram[i].base + align - 1) & ~(align - 1);

		while (pos + size <= ram[i].end && pos + size <= limit && pos + size > pos &&
		       (!found || pos < best)) {
			unsigned j;

			for (j = 0; j < n_claimed; j++)
				if (pos < claimed[j].end && claimed[j].base < pos + size)
					break;
			if (j == n_claimed) {
				best = pos;
				found = true;
				break;
			}
			pos = (claimed[j].end + align - 1) & ~(align - 1);
		}
	}
	if (!found)
		return -1;
	*addr = best;
	return claim_range(best, size);
}

int claim_release(uint64_t addr, uint64_t size)
{
	uint64_t end = addr + size;

	if (size == 0 || end < addr)
		return -1;
	for (unsigned i = 0; i < n_claimed; i++) {
		struct range *c = &claimed[i];

		if (addr < c->base || end > c->end)
			continue;
		if (addr == c->base && end == c->end) {
			memmove(c, c + 1, (n_claimed - i - 1) * sizeof(*c));
			n_claimed--;
		} else if (addr == c->base) {
			c->base = end;
		} else if (end == c->end) {
			c->end = addr;
		} else {
			if (n_claimed == CLAIM_MAX_RANGES)
				return -1;
			memmove(c + 1, c, (n_claimed - i) * sizeof(*c));
			n_claimed++;
			c->end = addr;
			(c + 1)->base = end;
		}
		update_available();
		return 0;
	}
	return -1;
}

static struct range client_ranges[CLAIM_MAX_RANGES];
static unsigned n_client;

void claim_mark_client(uint64_t addr, uint64_t size)
{
	if (n_client < CLAIM_MAX_RANGES) {
		client_ranges[n_client].base = addr;
		client_ranges[n_client].end = addr + size;
		n_client++;
	}
}

void claim_unmark_client(uint64_t addr, uint64_t size)
{
	for (unsigned i = 0; i < n_client; i++) {
		if (client_ranges[i].base == addr && client_ranges[i].end == addr + size) {
			client_ranges[i] = client_ranges[--n_client];
			return;
		}
	}
}

uint64_t claim_release_client(void)
{
	uint64_t bytes = 0;

	for (unsigned i = 0; i < n_client; i++) {
		uint64_t size = client_ranges[i].end - client_ranges[i].base;

		if (claim_release(client_ranges[i].base, size) == 0)
			bytes += size;
	}
	n_client = 0;
	return bytes;
}
