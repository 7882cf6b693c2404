/* SPDX-License-Identifier: MIT */
/* A PCI host bridge's address windows (its "ranges", Open Firmware PCI
 * binding) and the assignment of BAR addresses from them. */
#ifndef LIB_PCI_PCI_WINDOW_H
#define LIB_PCI_PCI_WINDOW_H

#include <stdbool.h>
#include <stdint.h>

#include "status/status.h"

/* Open Firmware PCI binding, phys.hi: npt000ss bbbbbbbb dddddfff rrrrrrrr */
#define PCI_PHYS_N		0x80000000u
#define PCI_PHYS_SPACE(hi)	(((hi) >> 24) & 3u)
#define PCI_PHYS_BUS(hi)	(((hi) >> 16) & 0xffu)
#define PCI_PHYS_DEVFN(hi)	(((hi) >> 8) & 0xffu)
#define PCI_PHYS_REG(hi)	((hi) & 0xffu)
#define PCI_SPACE_IO		1u
#define PCI_SPACE_MEM32		2u
#define PCI_SPACE_MEM64		3u

/* Bytes of I/O space left unassigned at a window's start: some OSes read
 * I/O address 0 as "no address". */
#define PCI_IO_RESERVED		0x1000u

struct pci_window {
	uint64_t pci;		/* first PCI bus address */
	uint64_t cpu;		/* the processor address it appears at */
	uint64_t size;		/* 0: no such window */
	uint64_t next;		/* first PCI address not handed out yet */
};

struct pci_windows {
	struct pci_window io, mem32, mem64;
};

/* Reads a PHB's "ranges" (len bytes; child address 3 cells, parent
 * address parent_ac cells, size sc cells, each 1 or 2) into *w; entries
 * of other spaces are ignored. Returns 0, STATUS_EUNSUPPORTED for cell
 * counts it cannot read, or STATUS_EINVAL without ranges (then *w has no
 * windows). */
int pci_windows_parse(struct pci_windows *w, const uint8_t *ranges, uint32_t len,
		      uint32_t parent_ac, uint32_t sc);

/* The window a BAR of space gets its address from: a 64-bit memory BAR
 * goes below 4 GiB when there is no 64-bit window. NULL if none. */
struct pci_window *pci_windows_for(struct pci_windows *w, uint32_t space);

/* The window of space holding [pci, pci + size) entirely, or NULL. */
struct pci_window *pci_windows_holding(struct pci_windows *w, uint32_t space,
				       uint64_t pci, uint64_t size);

/* Hands out size bytes (a power of two, naturally aligned) from w.
 * Returns 0 with *pci, STATUS_EINVAL when size is not a power of two, or
 * STATUS_ETOOBIG when the window has no room left for it. */
int pci_window_alloc(struct pci_window *w, uint64_t size, uint64_t *pci);

/* The processor address of PCI address pci inside w. */
static inline uint64_t pci_window_cpu(const struct pci_window *w, uint64_t pci)
{
	return w->cpu + (pci - w->pci);
}

#endif
