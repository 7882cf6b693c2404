/* SPDX-License-Identifier: MIT */
/* A whole firmware on the host: client RAM in a buffer, the core started
 * the way board-qemu's fw_main starts it (heap, tree import, of_main up to
 * the prompt), and client-interface calls made the way a client makes
 * them: an argument block of big-endian cells in client memory. */
#ifndef TESTS_FAKES_FAKE_MACHINE_H
#define TESTS_FAKES_FAKE_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "client/ci.h"
#include "fake-board.h"
#include "fake-fdt.h"

#define FM_RAM_DEFAULT   0x4000000u	/* 64 MiB */
#define FM_HEAP_DEFAULT  0x800000u	/* 8 MiB, as board-qemu */
/* Firmware ranges (claimed by of_main and write-protected), like the real
 * board's image at 0 and heap + FDT at the top of the RMA. */
#define FM_FW0_BASE      0x0u
#define FM_FW0_END       0x100000u
#define FM_FW1_SIZE      0x400000u	/* the last 4 MiB of RAM */
/* Where fm_str()/fm_buf() put client data (not claimed: the CI does not
 * require claimed memory, only RAM). */
#define FM_SCRATCH_BASE  0x100000u
#define FM_SCRATCH_SIZE  0x100000u
#define FM_PROTECT_FILL  0xc3u

struct fake_machine {
	uint8_t *ram;
	uint64_t ram_size;	/* of the buffer (fixed at the first boot) */
	uint64_t tree_ram;	/* /memory@0 size of the current tree */
	size_t heap_size;	/* set before the first boot; 0: FM_HEAP_DEFAULT */
	uint8_t fdt[65536];
	size_t fdt_size;
	enum fake_exit main_exit;
	uint32_t scratch_next;
	bool booted;
};

extern struct fake_machine fm;

/* fake_board_reset() and fm_start(). */
enum fake_exit fm_boot(const struct fake_fdt_opts *opts);
/* (Re)starts the firmware with the current fake_board settings: closes
 * every instance and empties the tree (its root persists, as the core has
 * no way to destroy it), clears RAM, writes the tree for opts (ram_size 0
 * means the whole buffer; the buffer is sized by the first call, default
 * FM_RAM_DEFAULT), imports it as fw_main does and runs of_main. Default
 * firmware ranges are FM_FW0 and the last FM_FW1_SIZE of the tree's RAM;
 * after of_main they are filled with FM_PROTECT_FILL. Returns how of_main
 * ended (FAKE_EXIT_CONSOLE_IDLE when it reached the prompt). */
enum fake_exit fm_start(const struct fake_fdt_opts *opts);
/* Closes all instances and empties the tree (for harnesses). */
void fm_teardown(void);

/* True if every firmware range still holds FM_PROTECT_FILL. */
bool fm_protected_intact(void);

/* Client data in scratch memory; return client addresses. */
void fm_scratch_reset(void);
uint32_t fm_str(const char *s);
uint32_t fm_bytes(const void *p, size_t n);
uint32_t fm_buf(size_t n, uint8_t fill);
/* Host pointer for a client address range; aborts outside the buffer. */
void *fm_ptr(uint64_t addr, uint64_t len);

/* Package handle of a path or alias; 0 if absent (a test shortcut that
 * bypasses the CI). */
uint32_t fm_ph(const char *path);

struct fm_result {
	long rc;			/* ci_handle's return value */
	uint32_t ret[CI_MAX_CELLS];	/* the return cells read back */
};

/* Calls service with nargs cells (uint32_t varargs) and nret return cells
 * (preset to 0xdeadbeef), through an argument block in scratch memory. */
struct fm_result fm_call(const char *service, unsigned nargs, unsigned nret, ...);
/* Same with the arguments in an array. */
struct fm_result fm_callv(const char *service, unsigned nargs, unsigned nret,
			  const uint32_t *args);
/* Writes a raw argument block at block (name pointer, counts, args, return
 * cells preset to 0xdeadbeef) without checking anything, calls ci_handle
 * and reads the return cells back where they lie in RAM. */
struct fm_result fm_call_raw(uint32_t block, uint32_t name_addr, uint32_t nargs,
			     uint32_t nret, const uint32_t *args);
/* fm_callv inside fake_board_run(): for services that may not return. */
enum fake_exit fm_call_run(struct fm_result *r, const char *service, unsigned nargs,
			   unsigned nret, const uint32_t *args);

#endif
