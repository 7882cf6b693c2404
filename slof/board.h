/* SPDX-License-Identifier: MIT */
/* The only way the Open Firmware core reaches the board. board-qemu/
 * implements it for QEMU pseries; host tests implement it with fakes. */
#ifndef SLOF_BOARD_H
#define SLOF_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Console: write bytes as given (no newline translation); read one byte,
 * or -1 if none is pending. */
void board_console_write(const char *s, size_t n);
int board_console_read(void);

/* Free-running time in milliseconds since an arbitrary start. */
uint64_t board_milliseconds(void);

/* The running processor's own PVR (mfpvr), not the tree's cpu-version. */
uint32_t board_processor_pvr(void);

__attribute__((noreturn)) void board_power_off(void);
__attribute__((noreturn)) void board_reset(void);

/* Copies the board's RTAS entry code to base (at most size bytes) and
 * returns its entry address in *entry. Returns 0, or -1 if it does not fit. */
int board_instantiate_rtas(uint64_t base, uint32_t size, uint64_t *entry);

/* Generic RTAS call by service name; rets[0] is the RTAS status. Returns 0
 * if the call was made, -1 if the service is unknown to this machine. */
int board_rtas_call(const char *service, int nargs, int nret,
		    const uint32_t *args, uint32_t *rets);

/* Forwards a (rebuilt) architecture vector to the hypervisor. On success
 * returns 0 and a pointer to the FDT the hypervisor wrote into buf.
 * Returns -1 with *reason set when the hypervisor refused. */
int board_cas(const void *vector, void *buf, size_t bufsize,
	      const void **fdt_out, const char **reason);

/* Hands the final device tree to the hypervisor (which keeps it for
 * firmware-assisted NMI and hotplug). Returns 0, 1 if the hypervisor does
 * not take trees, or -1 if it rejected this one. */
int board_update_dt(const void *fdt);

/* Reads size bytes of NVRAM at offset into buf. Returns 0 or -1. */
int board_nvram_read(uint32_t offset, void *buf, uint32_t size);
int board_nvram_write(uint32_t offset, const void *buf, uint32_t size);
uint32_t board_nvram_size(void);

/* Client-interface entry address handed to clients in r5. */
uint64_t board_ci_entry_address(void);

/* Enters a client program; does not return. msr_flags select the mode:
 * BOARD_CLIENT_LE for a little-endian entry, BOARD_CLIENT_64 for 64-bit. */
#define BOARD_CLIENT_LE 1u
#define BOARD_CLIENT_64 2u
__attribute__((noreturn)) void board_start_client(uint64_t entry, uint64_t r3,
						  uint64_t r4, uint64_t stack,
						  uint64_t toc, unsigned flags);

/* The memory the firmware itself occupies (image, BSS, stacks, heap):
 * fills up to max [start, end) pairs and returns how many. */
int board_firmware_ranges(uint64_t *start, uint64_t *end, int max);
const void *board_romfs(size_t *len);

/* VIO access for drivers (board-qemu/vio-access.c) */
/* The hypercalls of PAPR VIO devices (spapr-vscsi): command/response
 * queues and the device's TCE window. Each returns 0 or one of these
 * (the hypervisor's own codes stay in the board): */
#define BOARD_VIO_ERR_PARAM		(-1)	/* unit, address or size refused */
#define BOARD_VIO_ERR_BUSY		(-2)	/* a queue is already registered */
#define BOARD_VIO_ERR_CLOSED		(-3)	/* the partner is not connected */
#define BOARD_VIO_ERR_HARDWARE		(-4)	/* hypervisor/hardware failure */
#define BOARD_VIO_ERR_UNSUPPORTED	(-5)	/* no such hcall, or no CRQ on the unit */
#define BOARD_VIO_ERR_OTHER		(-6)
/* TCE permission bits, or-ed into the real page address. */
#define BOARD_VIO_TCE_READ		1u	/* the device may read the page */
#define BOARD_VIO_TCE_WRITE		2u	/* the device may write the page */

/* H_REG_CRQ: the queue of len bytes (>= 4096) at page-aligned I/O
 * address ioba of the unit's DMA window; the partner writes 16-byte
 * entries there and wraps. */
int board_vio_reg_crq(uint32_t unit, uint64_t ioba, uint64_t len);
/* H_FREE_CRQ (retried while the hypervisor says busy, a bounded number
 * of times). */
int board_vio_free_crq(uint32_t unit);
/* H_SEND_CRQ: bytes 0-7 and 8-15 of a 16-byte message, first byte most
 * significant. */
int board_vio_send_crq(uint32_t unit, uint64_t hi, uint64_t lo);
/* H_PUT_TCE: maps the page at I/O address ioba of window liobn to the
 * real address in tce (page-aligned) with the BOARD_VIO_TCE_* bits in its
 * low bits; tce 0 unmaps. */
int board_vio_put_tce(uint32_t liobn, uint64_t ioba, uint64_t tce);

/* Device access for drivers (board-qemu/pci-access.c) */
struct of_node;

/* A PCI function's configuration space through RTAS ibm,read-pci-config /
 * ibm,write-pci-config. The function is named by its tree node: "reg"
 * gives bus, device and function, the PHB above it (a child of the root)
 * its BUID. size is 1, 2 or 4 with offset aligned to it and below 4096;
 * values are numeric (PCI's little-endian is the hypervisor's business).
 * Return 0, or -1 (not a PCI function, RTAS refused). */
int board_pci_config_read(const struct of_node *dev, uint32_t offset, unsigned size,
			  uint32_t *value);
int board_pci_config_write(const struct of_node *dev, uint32_t offset, unsigned size,
			   uint32_t value);

/* One base address register as board_pci_enable_device left it. */
struct board_pci_bar {
	uint64_t cpu_addr;	/* processor (real) address; 0: no such BAR */
	uint64_t size;
	bool io;		/* I/O space rather than memory */
};

/* Makes a function on a PHB's root bus usable: every BAR its "reg"
 * lists (not the expansion ROM) gets an address from the PHB's "ranges"
 * windows, or keeps the one its "assigned-addresses" already records
 * (QEMU 7.2 leaves BARs unassigned and writes no such property); the BARs
 * are programmed, "assigned-addresses" is written, and memory, I/O and
 * bus mastering are enabled. bars[0..5] describe the result. Calling it
 * again for the same node reuses the addresses. Returns 0, or -1 with
 * *reason (behind a bridge, malformed reg, window full, RTAS refused). */
int board_pci_enable_device(struct of_node *dev, struct board_pci_bar bars[6],
			    const char **reason);

/* Cache-inhibited loads and stores at a processor address (PAPR
 * H_LOGICAL_CI_LOAD/STORE). The value is what a big-endian load of those
 * bytes gives, so a little-endian device register must be byte-swapped by
 * the caller. A load the hypervisor refuses reads as all ones. */
uint8_t board_mmio_read8(uint64_t addr);
uint16_t board_mmio_read16(uint64_t addr);
uint32_t board_mmio_read32(uint64_t addr);
void board_mmio_write8(uint64_t addr, uint8_t value);
void board_mmio_write16(uint64_t addr, uint16_t value);
void board_mmio_write32(uint64_t addr, uint32_t value);

/* The bus address at which a PCI device reaches firmware memory p for
 * DMA. QEMU's virtio-pci devices without iommu_platform=on bypass the
 * PHB's TCE table, so this is the real address. */
uint64_t board_pci_dma_address(const void *p);

#endif
