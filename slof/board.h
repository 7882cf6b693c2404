/* SPDX-License-Identifier: MIT */
/* The board interface: the only way the Open Firmware core reaches the
 * machine. A board fills one struct board_ops and calls of_start (core.h);
 * the core then calls the board only through these operations.
 * board-qemu/ implements it for QEMU pseries; host tests use fakes. */
#ifndef SLOF_BOARD_H
#define SLOF_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"	/* the VIO operations' codes */

/* TCE permission bits, or-ed into the real page address. */
#define BOARD_VIO_TCE_READ		1u	/* the device may read the page */
#define BOARD_VIO_TCE_WRITE		2u	/* the device may write the page */

/* start_client flags: little-endian entry, 64-bit entry. */
#define BOARD_CLIENT_LE 1u
#define BOARD_CLIENT_64 2u

/* What the core hands the board to enter a client program. */
struct board_client {
	uint64_t entry, r3, r4, stack, toc;
	unsigned flags;				/* BOARD_CLIENT_* */
	/* Every client-interface call lands here (argument block address);
	 * returns the value for the client's r3. */
	long (*ci_call)(uint32_t args_addr);
	/* The client's entry function returned instead of calling exit. */
	__attribute__((noreturn)) void (*returned)(void);
};

struct board_ops {
	/* Console: write bytes as given (no newline translation); read one
	 * byte, or -1 if none is pending. */
	void (*console_write)(const char *s, size_t n);
	int (*console_read)(void);
	/* The core found the console device: its "reg" (vty unit address). */
	void (*console_select)(uint32_t unit);

	/* Free-running time in milliseconds since an arbitrary start. */
	uint64_t (*milliseconds)(void);
	/* The running processor's own PVR (mfpvr), not the tree's cpu-version. */
	uint32_t (*processor_pvr)(void);

	__attribute__((noreturn)) void (*power_off)(void);
	__attribute__((noreturn)) void (*reset)(void);

	/* Copies the board's RTAS entry code to dst, which the client gave
	 * (size bytes, also dst's real address). Returns 0, or -1 if it does
	 * not fit. */
	int (*instantiate_rtas)(void *dst, uint32_t size);
	/* Generic RTAS call by service name; rets[0] is the RTAS status.
	 * Returns 0 if the call was made, -1 if the service is unknown. */
	int (*rtas_call)(const char *service, int nargs, int nret,
			 const uint32_t *args, uint32_t *rets);

	/* Forwards a (rebuilt) architecture vector to the hypervisor. On
	 * success returns 0 and a pointer to the FDT the hypervisor wrote
	 * into buf. Returns -1 with *reason set when the hypervisor refused. */
	int (*cas)(const void *vector, void *buf, size_t bufsize,
		   const void **fdt_out, const char **reason);
	/* Hands the final device tree to the hypervisor. Returns 0, 1 if the
	 * hypervisor does not take trees, or -1 if it rejected this one. */
	int (*update_dt)(const void *fdt);

	/* NVRAM: size bytes at offset. Return 0 or -1. */
	int (*nvram_read)(uint32_t offset, void *buf, uint32_t size);
	int (*nvram_write)(uint32_t offset, const void *buf, uint32_t size);
	uint32_t (*nvram_size)(void);

	/* Enters a client program; does not return. */
	__attribute__((noreturn)) void (*start_client)(const struct board_client *c);

	/* The memory the firmware itself occupies (image, BSS, stacks, heap):
	 * fills up to max [start, end) pairs and returns how many. */
	int (*firmware_ranges)(uint64_t *start, uint64_t *end, int max);
	/* The romfs archive packed into the image. */
	const void *(*romfs)(size_t *len);

	/* PAPR VIO (spapr-vscsi). Each returns STATUS_OK (0) or a negative
	 * enum status (lib/status; the hypervisor's own H_* codes stay in
	 * the board): H_PARAMETER is STATUS_EINVAL, H_RESOURCE STATUS_EBUSY,
	 * H_CLOSED STATUS_ECLOSED, H_HARDWARE STATUS_EDEVICE, H_DROPPED
	 * STATUS_EDROPPED, H_FUNCTION and H_NOT_FOUND STATUS_EUNSUPPORTED,
	 * anything else STATUS_EIO.
	 * reg_crq: the queue of len bytes (>= 4096) at page-aligned I/O
	 * address ioba of the unit's DMA window. free_crq is retried while
	 * the hypervisor says busy, a bounded number of times. send_crq: bytes
	 * 0-7 and 8-15 of a 16-byte message, first byte most significant.
	 * put_tce: maps I/O address ioba of window liobn to the real page in
	 * tce with BOARD_VIO_TCE_* in its low bits; tce 0 unmaps. */
	int (*vio_reg_crq)(uint32_t unit, uint64_t ioba, uint64_t len);
	int (*vio_free_crq)(uint32_t unit);
	int (*vio_send_crq)(uint32_t unit, uint64_t hi, uint64_t lo);
	int (*vio_put_tce)(uint32_t liobn, uint64_t ioba, uint64_t tce);
	/* PAPR logical LAN (spapr-vlan), same codes. reg_llan: buffer list and filter list I/O
	 * addresses, receive queue descriptor, MAC in the low 48 bits.
	 * send_llan: one buffer descriptor (the other five 0, continuation
	 * token 0). */
	int (*vio_reg_llan)(uint32_t unit, uint64_t buf_list, uint64_t rxq_bd,
			    uint64_t filter_list, uint64_t mac);
	int (*vio_free_llan)(uint32_t unit);
	int (*vio_add_llan_buffer)(uint32_t unit, uint64_t bd);
	int (*vio_send_llan)(uint32_t unit, uint64_t bd);

	/* Cache-inhibited loads and stores at a processor address. The value
	 * is what a big-endian load of those bytes gives (a little-endian
	 * register must be swapped by the caller). A refused load reads as
	 * all ones. */
	uint8_t (*mmio_read8)(uint64_t addr);
	uint16_t (*mmio_read16)(uint64_t addr);
	uint32_t (*mmio_read32)(uint64_t addr);
	void (*mmio_write8)(uint64_t addr, uint8_t value);
	void (*mmio_write16)(uint64_t addr, uint16_t value);
	void (*mmio_write32)(uint64_t addr, uint32_t value);
	/* The bus address at which a PCI device reaches firmware memory p. */
	uint64_t (*pci_dma_address)(const void *p);
};

/* The board the core runs on; set by of_start (host tests set it to a
 * fake before calling into the core). */
extern const struct board_ops *board;

#endif
