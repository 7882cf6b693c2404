/* SPDX-License-Identifier: MIT */
/* PHB windows from "ranges" and BAR address assignment (Open Firmware
 * PCI bus binding, 2.2.1 address representation). */
#include <string.h>

#include "be.h"
#include "pci/pci-window.h"

#define CHILD_AC	3	/* phys.hi, phys.mid, phys.lo */

static uint64_t cells(const uint8_t *p, uint32_t n)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < n; i++)
		v = (v << 32) | be32_read(p + 4 * i);
	return v;
}

int pci_windows_parse(struct pci_windows *w, const uint8_t *ranges, uint32_t len,
		      uint32_t parent_ac, uint32_t sc)
{
	uint32_t entry;

	memset(w, 0, sizeof(*w));
	if (parent_ac < 1 || parent_ac > 2 || sc < 1 || sc > 2)
		return STATUS_EUNSUPPORTED;
	if (!ranges)
		return STATUS_EINVAL;
	entry = 4 * (CHILD_AC + parent_ac + sc);
	for (uint32_t off = 0; off + entry <= len; off += entry) {
		const uint8_t *e = ranges + off;
		struct pci_window win = {
			.pci = cells(e + 4, 2),
			.cpu = cells(e + 4 * CHILD_AC, parent_ac),
			.size = cells(e + 4 * (CHILD_AC + parent_ac), sc),
		};

		win.next = win.pci;
		switch (PCI_PHYS_SPACE(be32_read(e))) {
		case PCI_SPACE_IO:
			if (win.size > PCI_IO_RESERVED)
				win.next += PCI_IO_RESERVED;
			w->io = win;
			break;
		case PCI_SPACE_MEM32:
			w->mem32 = win;
			break;
		case PCI_SPACE_MEM64:
			w->mem64 = win;
			break;
		default:
			break;
		}
	}
	return 0;
}

struct pci_window *pci_windows_for(struct pci_windows *w, uint32_t space)
{
	switch (space) {
	case PCI_SPACE_IO:
		return w->io.size ? &w->io : NULL;
	case PCI_SPACE_MEM64:
		if (w->mem64.size)
			return &w->mem64;
		return w->mem32.size ? &w->mem32 : NULL;
	case PCI_SPACE_MEM32:
		return w->mem32.size ? &w->mem32 : NULL;
	default:
		return NULL;
	}
}

struct pci_window *pci_windows_holding(struct pci_windows *w, uint32_t space,
				       uint64_t pci, uint64_t size)
{
	struct pci_window *ws[3] = { &w->io, &w->mem32, &w->mem64 };

	for (int i = 0; i < 3; i++) {
		struct pci_window *win = ws[i];

		if ((space == PCI_SPACE_IO) != (i == 0) || !win->size)
			continue;
		if (pci >= win->pci && size <= win->size && pci - win->pci <= win->size - size)
			return win;
	}
	return NULL;
}

int pci_window_alloc(struct pci_window *w, uint64_t size, uint64_t *pci)
{
	uint64_t at;

	if (size == 0 || (size & (size - 1)))
		return STATUS_EINVAL;
	at = (w->next + size - 1) & ~(size - 1);
	if (at < w->next || at - w->pci > w->size || size > w->size - (at - w->pci))
		return STATUS_ETOOBIG;
	w->next = at + size;
	*pci = at;
	return 0;
}
