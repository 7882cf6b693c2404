/* SPDX-License-Identifier: MIT */
/* A host implementation of every operation in slof/board.h (registered
 * as the core's board before main runs), for unit tests and fuzzers: captured console, scripted input, fake time, fake RTAS, CAS
 * and NVRAM; the noreturn board calls longjmp back into the test. */
#ifndef TESTS_FAKES_FAKE_BOARD_H
#define TESTS_FAKES_FAKE_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"

/* How a fake_board_run() body ended. */
enum fake_exit {
	FAKE_EXIT_NONE = 0,		/* the body returned */
	FAKE_EXIT_POWER_OFF,		/* board_power_off() */
	FAKE_EXIT_RESET,		/* board_reset() */
	FAKE_EXIT_START_CLIENT,		/* board_start_client() */
	FAKE_EXIT_CONSOLE_IDLE,		/* polled the console with no input too long */
};

/* Runs fn(ctx); a noreturn board call inside it (power off, reset, start
 * client, or a firmware waiting forever for console input) jumps back
 * here. Returns how fn ended. Calls may nest. Without an enclosing run,
 * those board calls print a message and abort(). */
enum fake_exit fake_board_run(void (*fn)(void *ctx), void *ctx);
const char *fake_exit_name(enum fake_exit e);

/* The board_start_client() arguments of the last client start. */
struct fake_client_start {
	uint64_t entry, r3, r4, stack, toc;
	unsigned flags;
	unsigned count;
};

/* The last RTAS instantiation and call the fake served. */
struct fake_rtas_record {
	unsigned instantiations;
	uint64_t base;
	uint32_t size;
	unsigned calls;
	char last_service[64];
	int last_nargs, last_nret;
};

/* What board_cas() answers. */
struct fake_cas_config {
	const void *reply_fdt;		/* copied into the caller's buffer; NULL: refuse */
	size_t reply_size;
	const char *refuse_reason;	/* reason when refusing (default given) */
	size_t record_len;		/* at most this much of the vector is read
					 * (as QEMU parses it) into recorded[] */
	/* Filled by board_cas: */
	unsigned calls;
	uint8_t recorded[4096];
	size_t recorded_len;
};

struct fake_board {
	/* Console input: bytes handed out by board_console_read(); after
	 * idle_limit empty polls in a row the firmware is assumed stuck at
	 * a prompt and the run ends with FAKE_EXIT_CONSOLE_IDLE. */
	const char *input;
	size_t input_len, input_pos;
	unsigned idle_polls, idle_limit;

	uint64_t ms, ms_step;		/* board_milliseconds(): ms += ms_step */
	uint32_t pvr;			/* board_processor_pvr() */

	uint32_t rtas_blob_size;	/* bytes instantiate-rtas copies */
	bool rtas_fail;			/* board_instantiate_rtas() fails */
	struct fake_rtas_record rtas;

	struct fake_cas_config cas;

	/* board_update_dt(): returns update_dt_rc; keeps a copy of the tree
	 * (up to FAKE_UPDATE_DT_MAX bytes of it) in update_dt_blob. */
	int update_dt_rc;
	unsigned update_dt_calls;
	uint8_t *update_dt_blob;
	size_t update_dt_size;		/* the tree's totalsize */

	uint8_t *nvram;			/* NULL: no NVRAM (size 0) */
	uint32_t nvram_size;
	unsigned nvram_writes;

	uint64_t fw_start[4], fw_end[4];	/* board_firmware_ranges() */
	int n_fw;

	const void *romfs;		/* board_romfs() */
	size_t romfs_len;

	uint32_t console_unit;		/* what the core passed to console_select */

	struct fake_client_start client;
	unsigned power_offs, resets;
};

#define FAKE_UPDATE_DT_MAX (1u << 20)

extern struct fake_board fake_board;

/* Resets every setting and record to the defaults: no input, idle limit
 * 1000, POWER9 PVR 0x004e1202, ms from 1000 in steps of 1, a 64-byte RTAS
 * blob, CAS refused, no NVRAM, no firmware ranges, no romfs. The console
 * capture is cleared too. */
void fake_board_reset(void);

/* Scripted console input (not copied: s must stay valid). */
void fake_board_set_input(const char *s, size_t len);

/* The console output so far, NUL-terminated; capture is capped at 1 MiB
 * (later output is counted but dropped). */
const char *fake_console_text(void);
size_t fake_console_len(void);
void fake_console_clear(void);
bool fake_console_contains(const char *needle);

/* fake-devices.c (kept apart so driver tests can link their own device
 * fakes): VIO, PCI and MMIO calls that find no device; counted here. */
extern unsigned fake_device_calls;

/* The operations of fake_board_ops, each a board_<op> function (driver
 * tests may replace the device ones, defined in fake-devices.c). */
extern const struct board_ops fake_board_ops;
void board_console_write(const char *s, size_t n);
int board_console_read(void);
void board_console_select(uint32_t unit);
uint64_t board_milliseconds(void);
uint32_t board_processor_pvr(void);
__attribute__((noreturn)) void board_power_off(void);
__attribute__((noreturn)) void board_reset(void);
int board_instantiate_rtas(void *dst, uint32_t size);
int board_rtas_call(const char *service, int nargs, int nret,
		    const uint32_t *args, uint32_t *rets);
int board_cas(const void *vector, void *buf, size_t bufsize,
	      const void **fdt_out, const char **reason);
int board_update_dt(const void *fdt);
int board_nvram_read(uint32_t offset, void *buf, uint32_t size);
int board_nvram_write(uint32_t offset, const void *buf, uint32_t size);
uint32_t board_nvram_size(void);
__attribute__((noreturn)) void board_start_client(const struct board_client *c);
int board_firmware_ranges(uint64_t *start, uint64_t *end, int max);
const void *board_romfs(size_t *len);
int board_vio_reg_crq(uint32_t unit, uint64_t ioba, uint64_t len);
int board_vio_free_crq(uint32_t unit);
int board_vio_send_crq(uint32_t unit, uint64_t hi, uint64_t lo);
int board_vio_put_tce(uint32_t liobn, uint64_t ioba, uint64_t tce);
uint8_t board_mmio_read8(uint64_t addr);
uint16_t board_mmio_read16(uint64_t addr);
uint32_t board_mmio_read32(uint64_t addr);
void board_mmio_write8(uint64_t addr, uint8_t value);
void board_mmio_write16(uint64_t addr, uint16_t value);
void board_mmio_write32(uint64_t addr, uint32_t value);
uint64_t board_pci_dma_address(const void *p);

/* The pattern instantiate-rtas writes: byte i of the blob is
 * FAKE_RTAS_BYTE(i). */
#define FAKE_RTAS_BYTE(i) ((uint8_t)(0x5a ^ (i)))

#endif
