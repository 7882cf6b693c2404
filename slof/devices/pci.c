/* SPDX-License-Identifier: MIT */
/* PCI functions on PAPR PHBs: configuration space through RTAS
 * (ibm,read-pci-config / ibm,write-pci-config, args config-address, BUID
 * high, BUID low, size[, value]) and BAR assignment from the PHB's
 * "ranges" (QEMU 7.2 enumerates buses but leaves BARs to the firmware). */
#include <string.h>

#include "be.h"
#include "board.h"
#include "devices/pci.h"
#include "pci/pci-window.h"
#include "tree/tree.h"

#define PCI_COMMAND		0x04
#define PCI_COMMAND_IO		0x1
#define PCI_COMMAND_MEMORY	0x2
#define PCI_COMMAND_MASTER	0x4
#define PCI_BAR0		0x10
#define PCI_BAR5		0x24

#define MAX_PHBS	8

/* What the firmware has handed out per PHB (windows from "ranges"). */
struct phb {
	const struct of_node *node;
	uint64_t buid;
	struct pci_windows win;
};

static struct phb phbs[MAX_PHBS];

static const struct of_node *phb_of(const struct of_node *dev)
{
	const struct of_node *n = dev;

	while (n && n->parent && n->parent->parent)
		n = n->parent;
	return n && n != dev && n->parent ? n : NULL;
}

static struct phb *phb_get(const struct of_node *node)
{
	uint32_t len, root_ac, ac, sc;
	const uint8_t *reg, *ranges;
	struct phb *p = NULL;

	for (int i = 0; i < MAX_PHBS; i++) {
		if (phbs[i].node == node)
			return &phbs[i];
		if (!p && !phbs[i].node)
			p = &phbs[i];
	}
	reg = of_get_prop(node, "reg", &len);
	root_ac = of_get_u32_or(of_root(), "#address-cells", 2);
	if (!p || !reg || root_ac < 1 || root_ac > 2 || len < 4 * root_ac)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->node = node;
	p->buid = of_read_cells(reg, root_ac);
	ac = of_get_u32_or(node, "#address-cells", 3);
	sc = of_get_u32_or(node, "#size-cells", 2);
	ranges = of_get_prop(node, "ranges", &len);
	if (ac == 3)
		pci_windows_parse(&p->win, ranges, ranges ? len : 0, root_ac, sc);
	return p;
}

/* Bus/devfn and the PHB of a function node. */
static int locate(const struct of_node *dev, struct phb **phb, uint32_t *phys_hi)
{
	const struct of_node *pn = phb_of(dev);
	const uint8_t *reg;
	uint32_t len;

	if (!pn)
		return -1;
	reg = of_get_prop(dev, "reg", &len);
	if (!reg || len < 20)
		return -1;
	*phys_hi = be32_read(reg);
	*phb = phb_get(pn);
	return *phb ? 0 : -1;
}

static uint32_t config_address(uint32_t phys_hi, uint32_t offset)
{
	/* QEMU rtas_pci_cfgaddr: register bits 11:8 travel in bits 31:28. */
	return (PCI_PHYS_BUS(phys_hi) << 16) | (PCI_PHYS_DEVFN(phys_hi) << 8) | (offset & 0xff) |
	       ((offset & 0xf00) << 20);
}

/* The first four RTAS arguments of both config calls: config address,
 * BUID high, BUID low, size. Returns 0, or -1 for a bad access or a device
 * not under a known PHB. */
static int config_args(const struct of_node *dev, uint32_t offset, unsigned size,
		       uint32_t args[4])
{
	struct phb *phb;
	uint32_t hi;

	if ((size != 1 && size != 2 && size != 4) || offset % size || offset >= 4096 ||
	    locate(dev, &phb, &hi) != 0)
		return -1;
	args[0] = config_address(hi, offset);
	args[1] = (uint32_t)(phb->buid >> 32);
	args[2] = (uint32_t)phb->buid;
	args[3] = size;
	return 0;
}

int pci_config_read(const struct of_node *dev, uint32_t offset, unsigned size,
		    uint32_t *value)
{
	uint32_t args[4], rets[2];

	if (config_args(dev, offset, size, args) != 0 ||
	    board->rtas_call("ibm,read-pci-config", 4, 2, args, rets) != 0 || rets[0] != 0)
		return -1;
	*value = rets[1];
	return 0;
}

int pci_config_write(const struct of_node *dev, uint32_t offset, unsigned size,
		     uint32_t value)
{
	uint32_t args[5], ret;

	if (config_args(dev, offset, size, args) != 0)
		return -1;
	args[4] = value;
	if (board->rtas_call("ibm,write-pci-config", 5, 1, args, &ret) != 0 || ret != 0)
		return -1;
	return 0;
}

static int program_bar(const struct of_node *dev, uint32_t hi, uint64_t pci)
{
	uint32_t reg = PCI_PHYS_REG(hi);

	if (pci_config_write(dev, reg, 4, (uint32_t)pci) != 0)
		return -1;
	if (PCI_PHYS_SPACE(hi) == PCI_SPACE_MEM64 &&
	    pci_config_write(dev, reg + 4, 4, (uint32_t)(pci >> 32)) != 0)
		return -1;
	return 0;
}

/* Addresses recorded earlier (by us, or a QEMU that writes them). */
static int reuse_assigned(struct of_node *dev, struct phb *phb, struct pci_bar bars[6],
			  const char **reason)
{
	uint32_t len;
	const uint8_t *aa = of_get_prop(dev, "assigned-addresses", &len);

	for (uint32_t off = 0; aa && off + 20 <= len; off += 20) {
		uint32_t hi = be32_read(aa + off), reg = PCI_PHYS_REG(hi);
		uint64_t pci = of_read_cells(aa + off + 4, 2), size = of_read_cells(aa + off + 12, 2);
		struct pci_window *w = pci_windows_holding(&phb->win, PCI_PHYS_SPACE(hi), pci, size);

		if (reg < PCI_BAR0 || reg > PCI_BAR5 || (reg & 3))
			continue;
		if (!w) {
			*reason = "its assigned-addresses lie outside the PHB's windows";
			return -1;
		}
		if (program_bar(dev, hi, pci) != 0) {
			*reason = "cannot program a BAR (ibm,write-pci-config failed)";
			return -1;
		}
		bars[(reg - PCI_BAR0) / 4] = (struct pci_bar){
			pci_window_cpu(w, pci), size, PCI_PHYS_SPACE(hi) == PCI_SPACE_IO };
	}
	return 0;
}

static int assign(struct of_node *dev, struct phb *phb, struct pci_bar bars[6],
		  const char **reason)
{
	uint32_t len, n = 0;
	const uint8_t *reg = of_get_prop(dev, "reg", &len);
	uint8_t aa[6 * 20];

	/* Entry 0 of "reg" is the configuration space itself. */
	for (uint32_t off = 20; reg && off + 20 <= len; off += 20) {
		uint32_t hi = be32_read(reg + off), r = PCI_PHYS_REG(hi);
		uint64_t size = of_read_cells(reg + off + 12, 2), pci;
		struct pci_window *w = pci_windows_for(&phb->win, PCI_PHYS_SPACE(hi));

		if (r < PCI_BAR0 || r > PCI_BAR5 || (r & 3))
			continue;	/* expansion ROM: not needed */
		if (size == 0 || (size & (size - 1)) || n >= 6) {
			*reason = "its reg property lists a malformed BAR";
			return -1;
		}
		if (!w) {
			*reason = "its PHB has no window for one of its BARs";
			return -1;
		}
		if (pci_window_alloc(w, size, &pci) != 0) {
			*reason = "no room left in the PHB's window for its BARs";
			return -1;
		}
		if (program_bar(dev, hi, pci) != 0) {
			*reason = "cannot program a BAR (ibm,write-pci-config failed)";
			return -1;
		}
		bars[(r - PCI_BAR0) / 4] = (struct pci_bar){
			pci_window_cpu(w, pci), size, PCI_PHYS_SPACE(hi) == PCI_SPACE_IO };
		be32_write(aa + 20 * n, (hi & ~(7u << 29)) | PCI_PHYS_N);
		be64_write(aa + 20 * n + 4, pci);
		be64_write(aa + 20 * n + 12, size);
		n++;
	}
	if (of_set_prop(dev, "assigned-addresses", aa, 20 * n) != 0) {
		*reason = "out of memory";
		return -1;
	}
	return 0;
}

int pci_enable_device(struct of_node *dev, struct pci_bar bars[6], const char **reason)
{
	uint32_t hi, cmd, len;
	struct phb *phb;

	memset(bars, 0, 6 * sizeof(bars[0]));
	*reason = "it is not a PCI function on a PHB";
	if (locate(dev, &phb, &hi) != 0)
		return -1;
	if (dev->parent != phb->node) {
		*reason = "it sits behind a PCI bridge, which the firmware does not set up";
		return -1;
	}
	if (of_get_prop(dev, "assigned-addresses", &len) && len >= 20) {
		if (reuse_assigned(dev, phb, bars, reason) != 0)
			return -1;
	} else if (assign(dev, phb, bars, reason) != 0) {
		return -1;
	}
	if (pci_config_read(dev, PCI_COMMAND, 2, &cmd) != 0 ||
	    pci_config_write(dev, PCI_COMMAND, 2, cmd | PCI_COMMAND_IO |
				   PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER) != 0) {
		*reason = "cannot enable it (ibm,write-pci-config failed)";
		return -1;
	}
	return 0;
}
