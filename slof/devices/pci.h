/* SPDX-License-Identifier: MIT */
/* PCI functions on PAPR PHBs, named by their tree nodes. */
#ifndef SLOF_PCI_H
#define SLOF_PCI_H

#include <stdbool.h>
#include <stdint.h>

struct of_node;

/* Configuration space through RTAS ibm,read-pci-config and
 * ibm,write-pci-config: "reg" gives bus, device and function, the PHB
 * above (a child of the root) its BUID. size is 1, 2 or 4 with offset
 * aligned to it and below 4096; values are numeric. Return 0, or -1 (not
 * a PCI function, RTAS refused). */
int pci_config_read(const struct of_node *dev, uint32_t offset, unsigned size,
		    uint32_t *value);
int pci_config_write(const struct of_node *dev, uint32_t offset, unsigned size,
		     uint32_t value);

/* One base address register as pci_enable_device left it. */
struct pci_bar {
	uint64_t cpu_addr;	/* processor (real) address; 0: no such BAR */
	uint64_t size;
	bool io;		/* I/O space rather than memory */
};

/* Makes a function on a PHB's root bus usable: every BAR its "reg" lists
 * (not the expansion ROM) gets an address from the PHB's "ranges"
 * windows, or keeps the one its "assigned-addresses" already records
 * (QEMU 7.2 leaves BARs unassigned and writes no such property); the BARs
 * are programmed, "assigned-addresses" is written, and memory, I/O and
 * bus mastering are enabled. bars[0..5] describe the result. Calling it
 * again for the same node reuses the addresses. Returns 0, or -1 with
 * *reason (behind a bridge, malformed reg, window full, RTAS refused). */
int pci_enable_device(struct of_node *dev, struct pci_bar bars[6], const char **reason);

#endif
