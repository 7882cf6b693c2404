/* SPDX-License-Identifier: MIT */
/* lib/pci/pci-window: a PHB's windows as QEMU's pseries machine describes
 * them, and BAR addresses handed out from them (alignment, the reserved
 * start of I/O space, full windows, the 64-bit fallback). */
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "pci/pci-window.h"
#include "unit.h"

/* One "ranges" entry: phys.hi, 64-bit PCI address, 64-bit CPU address,
 * 64-bit size (parent #address-cells 2, #size-cells 2). */
static uint32_t put(uint8_t *p, uint32_t hi, uint64_t pci, uint64_t cpu, uint64_t size)
{
	be32_write(p, hi);
	be64_write(p + 4, pci);
	be64_write(p + 12, cpu);
	be64_write(p + 20, size);
	return 28;
}

/* QEMU's first PHB (spapr_pci.c layout of QEMU 7.2). */
static uint32_t qemu_phb0(uint8_t *r, bool with_mem64)
{
	uint32_t n = 0;

	n += put(r + n, 0x01000000, 0, 0x200000000000ull, 0x10000);
	n += put(r + n, 0x02000000, 0x80000000, 0x200080000000ull, 0x80000000);
	if (with_mem64)
		n += put(r + n, 0x03000000, 0x210000000000ull, 0x210000000000ull,
			 0x10000000000ull);
	return n;
}

static void test_parse(void)
{
	uint8_t r[3 * 28];
	struct pci_windows w;

	CHECK(pci_windows_parse(&w, r, qemu_phb0(r, true), 2, 2) == 0);
	CHECK_EQ_U64(w.io.cpu, 0x200000000000ull);
	CHECK_EQ_U64(w.io.size, 0x10000);
	CHECK_EQ_U64(w.io.next, 0x1000);	/* I/O address 0 stays unassigned */
	CHECK_EQ_U64(w.mem32.pci, 0x80000000);
	CHECK_EQ_U64(w.mem32.next, 0x80000000);
	CHECK_EQ_U64(w.mem64.size, 0x10000000000ull);
	/* Cell counts the binding does not allow: no windows at all. */
	CHECK(pci_windows_parse(&w, r, sizeof(r), 3, 2) == STATUS_EUNSUPPORTED);
	CHECK(w.io.size == 0 && w.mem32.size == 0 && w.mem64.size == 0);
	CHECK(pci_windows_parse(&w, NULL, 0, 2, 2) == STATUS_EINVAL);
	/* A truncated last entry is ignored. */
	CHECK(pci_windows_parse(&w, r, qemu_phb0(r, true) - 1, 2, 2) == 0);
	CHECK(w.mem32.size != 0 && w.mem64.size == 0);
}

static void test_alloc(void)
{
	uint8_t r[3 * 28];
	struct pci_windows w;
	struct pci_window *m;
	uint64_t a = 0, before;

	pci_windows_parse(&w, r, qemu_phb0(r, true), 2, 2);
	m = pci_windows_for(&w, PCI_SPACE_MEM32);
	CHECK(m == &w.mem32);
	/* Naturally aligned, in order. */
	CHECK(pci_window_alloc(m, 0x4000, &a) == 0);
	CHECK_EQ_U64(a, 0x80000000);
	CHECK(pci_window_alloc(m, 0x1000, &a) == 0);
	CHECK_EQ_U64(a, 0x80004000);
	CHECK(pci_window_alloc(m, 0x10000, &a) == 0);
	CHECK_EQ_U64(a, 0x80010000);
	CHECK_EQ_U64(pci_window_cpu(m, a), 0x200080010000ull);
	/* Sizes that are no BAR size, and a window without room: refused,
	 * nothing handed out. */
	before = m->next;
	CHECK(pci_window_alloc(m, 0, &a) == STATUS_EINVAL);
	CHECK(pci_window_alloc(m, 0x3000, &a) == STATUS_EINVAL);
	CHECK(pci_window_alloc(m, 0x80000000, &a) == STATUS_ETOOBIG);
	CHECK_EQ_U64(m->next, before);
	/* The rest of the window still fits exactly up to its end. */
	CHECK(pci_window_alloc(m, 0x40000000, &a) == 0);
	CHECK_EQ_U64(a, 0xc0000000);
	CHECK(pci_window_alloc(m, 0x40000000, &a) == STATUS_ETOOBIG);
	/* I/O starts after the reserved first 4 KiB. */
	CHECK(pci_window_alloc(pci_windows_for(&w, PCI_SPACE_IO), 0x40, &a) == 0);
	CHECK_EQ_U64(a, 0x1000);
	/* A 64-bit BAR uses the 64-bit window when there is one... */
	CHECK(pci_windows_for(&w, PCI_SPACE_MEM64) == &w.mem64);
	/* ...and the 32-bit window when there is none. */
	pci_windows_parse(&w, r, qemu_phb0(r, false), 2, 2);
	CHECK(pci_windows_for(&w, PCI_SPACE_MEM64) == &w.mem32);
	CHECK(pci_windows_for(&w, 0) == NULL);	/* configuration space */
}

static void test_holding(void)
{
	uint8_t r[3 * 28];
	struct pci_windows w;

	pci_windows_parse(&w, r, qemu_phb0(r, true), 2, 2);
	CHECK(pci_windows_holding(&w, PCI_SPACE_MEM32, 0x80004000, 0x1000) == &w.mem32);
	CHECK(pci_windows_holding(&w, PCI_SPACE_MEM64, 0x210000000000ull, 0x4000) == &w.mem64);
	/* Memory BARs may sit in either memory window. */
	CHECK(pci_windows_holding(&w, PCI_SPACE_MEM64, 0x80000000, 0x1000) == &w.mem32);
	/* Across the end, below the start, or in the wrong space: none. */
	CHECK(pci_windows_holding(&w, PCI_SPACE_MEM32, 0xfffff000, 0x2000) == NULL);
	CHECK(pci_windows_holding(&w, PCI_SPACE_MEM32, 0x7ffff000, 0x1000) == NULL);
	CHECK(pci_windows_holding(&w, PCI_SPACE_IO, 0x80000000, 0x1000) == NULL);
	CHECK(pci_windows_holding(&w, PCI_SPACE_IO, 0x1000, 0x100) == &w.io);
}

int main(void)
{
	test_parse();
	test_alloc();
	test_holding();
	return unit_done("test-pci-window");
}
