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

#endif
