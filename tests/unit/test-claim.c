/* SPDX-License-Identifier: MIT */
/* Memory ownership (slof/memory/claim.c): claiming, splitting and merging, aligned
 * allocation under a limit, and the /memory "available" property after
 * every step, for one and two memory nodes and 1- and 2-cell addresses. */
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "boot/boot.h"
#include "fake-machine.h"
#include "memory/claim.h"
#include "tree/tree.h"
#include "unit.h"

#define MiB 0x100000ull

static uint8_t fdt[8192];
static unsigned cells_a = 2, cells_s = 2;

struct mem_node {
	const char *name;
	unsigned nranges;
	uint64_t base[4], size[4];
};

static void put_cells(uint8_t **p, unsigned cells, uint64_t v)
{
	if (cells == 2)
		be64_write(*p, v);
	else
		be32_write(*p, (uint32_t)v);
	*p += 4 * cells;
}

/* Replaces the tree by a root with the given memory nodes and runs
 * claim_init(); returns its result. */
static int load(unsigned ac, unsigned sc, unsigned nnodes, const struct mem_node *nodes)
{
	const char *reason = "?";

	cells_a = ac;
	cells_s = sc;
	fdt_create(fdt, sizeof(fdt));
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	fdt_property_u32(fdt, "#address-cells", ac);
	fdt_property_u32(fdt, "#size-cells", sc);
	fdt_begin_node(fdt, "cpus");
	fdt_end_node(fdt);
	for (unsigned i = 0; i < nnodes; i++) {
		uint8_t reg[64], *p = reg;

		for (unsigned r = 0; r < nodes[i].nranges; r++) {
			put_cells(&p, ac, nodes[i].base[r]);
			put_cells(&p, sc, nodes[i].size[r]);
		}
		fdt_begin_node(fdt, nodes[i].name);
		fdt_property_string(fdt, "device_type", "memory");
		if (nodes[i].nranges)
			fdt_property(fdt, "reg", reg, (int)(p - reg));
		fdt_end_node(fdt);
	}
	fdt_end_node(fdt);
	if (fdt_finish(fdt) < 0) {
		CHECK(!"building the tree");
		return -1;
	}
	fm_teardown();
	if (of_import_fdt(fdt, sizeof(fdt), &reason) != 0) {
		CHECK(!"importing the tree");
		fprintf(stderr, "  %s\n", reason);
		return -1;
	}
	return claim_init();
}

/* Checks the node's "available": n (base, size) pairs given as varargs. */
static void check_avail_(int line, const char *path, unsigned n, ...)
{
	uint32_t len, step = 4 * (cells_a + cells_s);
	const uint8_t *v = of_get_prop(of_find_path(path), "available", &len);
	va_list ap;
	bool ok = v && len == n * step;

	va_start(ap, n);
	for (unsigned i = 0; ok && i < n; i++) {
		uint64_t base = va_arg(ap, uint64_t), size = va_arg(ap, uint64_t);
		const uint8_t *p = v + i * step;
		uint64_t b = cells_a == 2 ? be64_read(p) : be32_read(p);
		uint64_t s = cells_s == 2 ? be64_read(p + 4 * cells_a) : be32_read(p + 4 * cells_a);

		ok = b == base && s == size;
	}
	va_end(ap);
	unit_checks++;
	if (!ok) {
		unit_failures++;
		fprintf(stderr, "test-claim.c:%d: %s available is", line, path);
		for (uint32_t off = 0; v && off + step <= len; off += step) {
			const uint8_t *p = v + off;

			fprintf(stderr, " [0x%llx +0x%llx]",
				(unsigned long long)(cells_a == 2 ? be64_read(p) : be32_read(p)),
				(unsigned long long)(cells_s == 2 ? be64_read(p + 4 * cells_a) :
							  be32_read(p + 4 * cells_a)));
		}
		fprintf(stderr, " (%u bytes), expected %u ranges\n", v ? len : 0, n);
	}
}
#define check_avail(path, n, ...) check_avail_(__LINE__, path, n, ##__VA_ARGS__)

static void test_one_node(void)
{
	struct mem_node m = { "memory@0", 1, { 0 }, { 64 * MiB } };

	CHECK_EQ_U64(load(2, 2, 1, &m), 0);
	CHECK_EQ_U64(claim_ram_total(), 64 * MiB);
	check_avail("/memory@0", 1, 0ull, 64 * MiB);
	CHECK(claim_is_ram(0, 64 * MiB));
	CHECK(!claim_is_ram(0, 64 * MiB + 1));
	CHECK(!claim_is_ram(64 * MiB, 1));
	CHECK(!claim_is_ram(~0ull, 2));
	CHECK(claim_is_free(0, 64 * MiB));

	/* Claim in the middle: the free range splits. */
	CHECK_EQ_U64(claim_range(1 * MiB, 1 * MiB), 0);
	check_avail("/memory@0", 2, 0ull, 1 * MiB, 2 * MiB, 62 * MiB);
	CHECK(!claim_is_free(1 * MiB, 1));
	CHECK(!claim_is_free(0, 1 * MiB + 1));
	CHECK(claim_is_free(0, 1 * MiB));
	CHECK(claim_is_free(2 * MiB, 1));
	/* Touching claims merge; the free ranges shrink. */
	CHECK_EQ_U64(claim_range(2 * MiB, 1 * MiB), 0);
	check_avail("/memory@0", 2, 0ull, 1 * MiB, 3 * MiB, 61 * MiB);
	CHECK_EQ_U64(claim_range(0, 1 * MiB), 0);
	check_avail("/memory@0", 1, 3 * MiB, 61 * MiB);
	/* Overlaps, outside RAM, zero size, wrap-around: refused. */
	CHECK_EQ_U64(claim_range(2 * MiB + 4096, 4096), (uint64_t)-1);
	CHECK_EQ_U64(claim_range(3 * MiB - 1, 2), (uint64_t)-1);
	CHECK_EQ_U64(claim_range(63 * MiB, 2 * MiB), (uint64_t)-1);
	CHECK_EQ_U64(claim_range(64 * MiB, 4096), (uint64_t)-1);
	CHECK_EQ_U64(claim_range(10 * MiB, 0), (uint64_t)-1);
	CHECK_EQ_U64(claim_range(~0ull - 10, 100), (uint64_t)-1);
	check_avail("/memory@0", 1, 3 * MiB, 61 * MiB);

	/* Release from the middle of a claim: it splits. */
	CHECK_EQ_U64(claim_release(1 * MiB + 512 * 1024, 1 * MiB), 0);
	check_avail("/memory@0", 2, 1 * MiB + 512 * 1024, 1 * MiB, 3 * MiB, 61 * MiB);
	/* Releasing what is not (all) claimed is refused. */
	CHECK_EQ_U64(claim_release(1 * MiB + 512 * 1024, 1 * MiB), (uint64_t)-1);
	CHECK_EQ_U64(claim_release(2 * MiB + 256 * 1024, 1 * MiB), (uint64_t)-1);
	CHECK_EQ_U64(claim_release(0, 0), (uint64_t)-1);
	CHECK_EQ_U64(claim_release(~0ull - 10, 100), (uint64_t)-1);
	CHECK_EQ_U64(claim_release(0, 4 * MiB), (uint64_t)-1);	/* spans a hole */
	/* The head and the tail of a claim. */
	CHECK_EQ_U64(claim_release(0, 512 * 1024), 0);
	check_avail("/memory@0", 3, 0ull, 512 * 1024ull, 1 * MiB + 512 * 1024, 1 * MiB,
		    3 * MiB, 61 * MiB);
	CHECK_EQ_U64(claim_release(2 * MiB + 512 * 1024, 512 * 1024), 0);
	check_avail("/memory@0", 2, 0ull, 512 * 1024ull, 1 * MiB + 512 * 1024, 62 * MiB + 512 * 1024);
}

static void test_one_node_rest(void)
{
	struct mem_node m = { "memory@0", 1, { 0 }, { 64 * MiB } };
	uint64_t a = 0;

	CHECK_EQ_U64(load(2, 2, 1, &m), 0);
	CHECK_EQ_U64(claim_range(512 * 1024, 1 * MiB), 0);
	/* Release all of a claim: the free ranges join again. */
	CHECK_EQ_U64(claim_release(512 * 1024, 1 * MiB), 0);
	check_avail("/memory@0", 1, 0ull, 64 * MiB);
	/* Up to the very end of RAM. */
	CHECK_EQ_U64(claim_range(64 * MiB - 4096, 4096), 0);
	check_avail("/memory@0", 1, 0ull, 64 * MiB - 4096);
	CHECK_EQ_U64(claim_release(64 * MiB - 4096, 4096), 0);

	/* Aligned allocation: the lowest free address that fits. */
	CHECK_EQ_U64(claim_alloc(4096, 0x10000, ~0ull, &a), 0);
	CHECK_EQ_U64(a, 0);
	CHECK_EQ_U64(claim_alloc(4096, 0x10000, ~0ull, &a), 0);
	CHECK_EQ_U64(a, 0x10000);
	CHECK_EQ_U64(claim_alloc(0x8000, 4096, ~0ull, &a), 0);	/* in the hole */
	CHECK_EQ_U64(a, 0x1000);
	CHECK_EQ_U64(claim_alloc(0x10000, 4096, ~0ull, &a), 0);	/* hole too small */
	CHECK_EQ_U64(a, 0x11000);
	CHECK_EQ_U64(claim_alloc(100, 0, ~0ull, &a), 0);	/* align 0: any */
	CHECK_EQ_U64(a, 0x9000);
	CHECK_EQ_U64(claim_alloc(1, 1, ~0ull, &a), 0);
	CHECK_EQ_U64(a, 0x9064);
	check_avail("/memory@0", 2, 0x9065ull, 0x10000ull - 0x9065, 0x21000ull, 64 * MiB - 0x21000);
	/* The limit: the block must end at or below it. */
	CHECK_EQ_U64(claim_alloc(0x1000, 0x1000, 0x9000, &a), (uint64_t)-1);
	CHECK_EQ_U64(claim_alloc(0x6000, 0x1000, 0x10000, &a), 0);
	CHECK_EQ_U64(a, 0xa000);
	CHECK_EQ_U64(claim_alloc(0x1000, 0x1000, 0x10000, &a), (uint64_t)-1);
	/* Bad requests. */
	CHECK_EQ_U64(claim_alloc(0, 0x1000, ~0ull, &a), (uint64_t)-1);
	CHECK_EQ_U64(claim_alloc(0x1000, 0x3000, ~0ull, &a), (uint64_t)-1);
	CHECK_EQ_U64(claim_alloc(65 * MiB, 1, ~0ull, &a), (uint64_t)-1);
	CHECK_EQ_U64(claim_alloc(~0ull, 1, ~0ull, &a), (uint64_t)-1);
	CHECK_EQ_U64(claim_alloc(0x1000, 1ull << 63, ~0ull, &a), (uint64_t)-1);
	/* A large alignment. */
	CHECK_EQ_U64(claim_alloc(0x1000, 32 * MiB, ~0ull, &a), 0);
	CHECK_EQ_U64(a, 32 * MiB);
}

/* The table holds CLAIM_MAX_RANGES separate claims. */
static void test_table_full(void)
{
	struct mem_node m = { "memory@0", 1, { 0 }, { 64 * MiB } };
	uint64_t a;
	uint32_t len;

	CHECK_EQ_U64(load(2, 2, 1, &m), 0);
	for (unsigned i = 0; i < CLAIM_MAX_RANGES; i++)
		if (claim_range(i * 0x2000ull, 0x1000) != 0) {
			CHECK(!"claim while the table has room");
			break;
		}
	CHECK_EQ_U64(claim_range(CLAIM_MAX_RANGES * 0x2000ull, 0x1000), (uint64_t)-1);
	CHECK_EQ_U64(claim_alloc(0x1000, 0x1000, ~0ull, &a), (uint64_t)-1);
	/* A split needs a free slot; releasing a whole claim does not. */
	CHECK_EQ_U64(claim_release(0x2000 + 0x400, 0x400), (uint64_t)-1);
	CHECK(!claim_is_free(0x2400, 0x400));
	CHECK_EQ_U64(claim_release(0x2000, 0x1000), 0);
	CHECK_EQ_U64(claim_range(0x2000, 0x1000), 0);
	/* available lists every gap. */
	CHECK(of_get_prop(of_find_path("/memory@0"), "available", &len) != NULL);
	CHECK_EQ_U64(len, 16 * CLAIM_MAX_RANGES);
}

static void test_one_cell(void)
{
	struct mem_node m = { "memory@0", 1, { 0 }, { 64 * MiB } };

	CHECK_EQ_U64(load(1, 1, 1, &m), 0);
	check_avail("/memory@0", 1, 0ull, 64 * MiB);
	CHECK_EQ_U64(claim_range(4 * MiB, 4 * MiB), 0);
	check_avail("/memory@0", 2, 0ull, 4 * MiB, 8 * MiB, 56 * MiB);
	/* 2 cells of address, 1 of size. */
	CHECK_EQ_U64(load(2, 1, 1, &m), 0);
	CHECK_EQ_U64(claim_range(0, 4 * MiB), 0);
	check_avail("/memory@0", 1, 4 * MiB, 60 * MiB);
}

static void test_two_nodes(void)
{
	/* Tree order is not address order (QEMU's NUMA trees list
	 * memory@40000000 before memory@0). */
	struct mem_node m[2] = {
		{ "memory@4000000", 1, { 64 * MiB }, { 32 * MiB } },
		{ "memory@0", 2, { 0, 48 * MiB }, { 32 * MiB, 16 * MiB } },
	};
	uint64_t a = 0;

	CHECK_EQ_U64(load(2, 2, 2, m), 0);
	CHECK_EQ_U64(claim_ram_total(), 80 * MiB);
	check_avail("/memory@4000000", 1, 64 * MiB, 32 * MiB);
	check_avail("/memory@0", 2, 0ull, 32 * MiB, 48 * MiB, 16 * MiB);
	/* Holes are not RAM. */
	CHECK_EQ_U64(claim_range(32 * MiB, 4096), (uint64_t)-1);
	CHECK_EQ_U64(claim_range(31 * MiB, 2 * MiB), (uint64_t)-1);
	/* Each node lists its own free ranges. */
	CHECK_EQ_U64(claim_range(50 * MiB, 1 * MiB), 0);
	check_avail("/memory@0", 3, 0ull, 32 * MiB, 48 * MiB, 2 * MiB, 51 * MiB, 13 * MiB);
	check_avail("/memory@4000000", 1, 64 * MiB, 32 * MiB);
	CHECK_EQ_U64(claim_range(64 * MiB, 1 * MiB), 0);
	check_avail("/memory@4000000", 1, 65 * MiB, 31 * MiB);
	check_avail("/memory@0", 3, 0ull, 32 * MiB, 48 * MiB, 2 * MiB, 51 * MiB, 13 * MiB);
	/* The lowest free address, whatever the tree order. */
	CHECK_EQ_U64(claim_alloc(1 * MiB, 1 * MiB, ~0ull, &a), 0);
	CHECK_EQ_U64(a, 0);
	CHECK_EQ_U64(claim_range(1 * MiB, 31 * MiB), 0);
	CHECK_EQ_U64(claim_alloc(4 * MiB, 1 * MiB, ~0ull, &a), 0);
	CHECK_EQ_U64(a, 51 * MiB);
	/* Skips holes and ranges too small. */
	CHECK_EQ_U64(claim_alloc(16 * MiB, 1 * MiB, ~0ull, &a), 0);
	CHECK_EQ_U64(a, 65 * MiB);
	CHECK_EQ_U64(claim_alloc(16 * MiB, 1 * MiB, ~0ull, &a), (uint64_t)-1);
	check_avail("/memory@0", 2, 48 * MiB, 2 * MiB, 55 * MiB, 9 * MiB);
	check_avail("/memory@4000000", 1, 81 * MiB, 15 * MiB);
}

static void test_no_memory(void)
{
	struct mem_node none = { "memory@0", 0, { 0 }, { 0 } };
	struct mem_node zero = { "memory@0", 1, { 0 }, { 0 } };

	CHECK_EQ_U64(load(2, 2, 0, NULL), (uint64_t)-1);
	CHECK_EQ_U64(load(2, 2, 1, &none), (uint64_t)-1);
	CHECK_EQ_U64(load(2, 2, 1, &zero), (uint64_t)-1);
	CHECK(!claim_is_ram(0, 1));
	CHECK_EQ_U64(claim_range(0, 4096), (uint64_t)-1);
}

/* What of_main claims at boot: the firmware ranges, the memory
 * reservations of the FDT, and the client stack. */
static void test_boot_claims(void)
{
	struct fake_fdt_opts o = { .rsv_base = 0x2000000, .rsv_size = 0x10000 };

	CHECK_EQ_U64(fm_boot(&o), FAKE_EXIT_CONSOLE_IDLE);
	CHECK(!claim_is_free(FM_FW0_BASE, FM_FW0_END - FM_FW0_BASE));
	CHECK(!claim_is_free(fm.tree_ram - FM_FW1_SIZE, FM_FW1_SIZE));
	CHECK(!claim_is_free(0x2000000, 0x10000));
	CHECK(claim_is_free(0x2010000, 0x1000));
	CHECK(of_client_stack_top() > FM_FW0_END && of_client_stack_top() < 0x2000000);
	CHECK(!claim_is_free(of_client_stack_top() - 0x1000, 0x1000));
	{
		uint32_t len;
		const uint8_t *v = of_get_prop(of_find_path("/memory@0"), "available", &len);

		CHECK(v && len >= 16 && len <= 8 * 16);	/* GRUB reads 8 pairs at most */
	}
}

int main(void)
{
	fm_boot(NULL);
	test_one_node();
	test_one_node_rest();
	test_table_full();
	test_one_cell();
	test_two_nodes();
	test_no_memory();
	test_boot_claims();
	return unit_done("test-claim");
}
