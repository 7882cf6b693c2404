/* SPDX-License-Identifier: MIT */
/* The fake board (see fake-board.h): slof/board.h on the host, with the
 * noreturn calls turned into a longjmp back to fake_board_run(). */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "fake-board.h"
#include "memory/client-mem.h"

struct fake_board fake_board;

#define CONSOLE_CAP (1u << 20)

static char console_buf[CONSOLE_CAP + 1];
static size_t console_len, console_total;

static uint8_t update_dt_blob[FAKE_UPDATE_DT_MAX];

static jmp_buf *run_target;
static enum fake_exit run_exit;

enum fake_exit fake_board_run(void (*fn)(void *ctx), void *ctx)
{
	jmp_buf here, *outer = run_target;
	enum fake_exit e = FAKE_EXIT_NONE;

	run_target = &here;
	if (setjmp(here) == 0)
		fn(ctx);
	else
		e = run_exit;
	run_target = outer;
	return e;
}

const char *fake_exit_name(enum fake_exit e)
{
	switch (e) {
	case FAKE_EXIT_NONE: return "returned";
	case FAKE_EXIT_POWER_OFF: return "power-off";
	case FAKE_EXIT_RESET: return "reset";
	case FAKE_EXIT_START_CLIENT: return "start-client";
	case FAKE_EXIT_CONSOLE_IDLE: return "console-idle";
	}
	return "?";
}

static __attribute__((noreturn)) void leave(enum fake_exit e)
{
	if (!run_target) {
		fprintf(stderr, "fake-board: %s outside fake_board_run(); console so far:\n%s\n",
			fake_exit_name(e), console_buf);
		abort();
	}
	run_exit = e;
	longjmp(*run_target, 1);
}

void fake_board_reset(void)
{
	memset(&fake_board, 0, sizeof(fake_board));
	fake_board.idle_limit = 1000;
	fake_board.pvr = 0x004e1202;
	fake_board.ms = 1000;
	fake_board.ms_step = 1;
	fake_board.rtas_blob_size = 64;
	fake_board.update_dt_blob = update_dt_blob;
	fake_console_clear();
}

void fake_board_set_input(const char *s, size_t len)
{
	fake_board.input = s;
	fake_board.input_len = len;
	fake_board.input_pos = 0;
	fake_board.idle_polls = 0;
}

/* ---- console ---- */

void board_console_select(uint32_t unit)
{
	fake_board.console_unit = unit;
}

const char *fake_console_text(void)
{
	return console_buf;
}

size_t fake_console_len(void)
{
	return console_total;
}

void fake_console_clear(void)
{
	console_len = console_total = 0;
	console_buf[0] = '\0';
}

bool fake_console_contains(const char *needle)
{
	return strstr(console_buf, needle) != NULL;
}

void board_console_write(const char *s, size_t n)
{
	size_t room = CONSOLE_CAP - console_len;
	size_t copy = n < room ? n : room;

	memcpy(console_buf + console_len, s, copy);
	console_len += copy;
	console_buf[console_len] = '\0';
	console_total += n;
}

int board_console_read(void)
{
	if (fake_board.input_pos < fake_board.input_len) {
		fake_board.idle_polls = 0;
		return (unsigned char)fake_board.input[fake_board.input_pos++];
	}
	if (++fake_board.idle_polls >= fake_board.idle_limit) {
		fake_board.idle_polls = 0;
		leave(FAKE_EXIT_CONSOLE_IDLE);
	}
	return -1;
}

/* ---- time, processor, power ---- */

uint64_t board_milliseconds(void)
{
	fake_board.ms += fake_board.ms_step;
	return fake_board.ms;
}

uint32_t board_processor_pvr(void)
{
	return fake_board.pvr;
}

void board_power_off(void)
{
	fake_board.power_offs++;
	leave(FAKE_EXIT_POWER_OFF);
}

void board_reset(void)
{
	fake_board.resets++;
	leave(FAKE_EXIT_RESET);
}

/* ---- RTAS ---- */

int board_instantiate_rtas(void *dst, uint32_t size)
{
	uint32_t blob = fake_board.rtas_blob_size;

	fake_board.rtas.instantiations++;
	fake_board.rtas.base = client_addr_of(dst);
	fake_board.rtas.size = size;
	if (fake_board.rtas_fail || size < blob)
		return -1;
	for (uint32_t i = 0; i < blob; i++)
		((uint8_t *)dst)[i] = FAKE_RTAS_BYTE(i);
	return 0;
}

int board_rtas_call(const char *service, int nargs, int nret,
		    const uint32_t *args, uint32_t *rets)
{
	(void)args;
	fake_board.rtas.calls++;
	snprintf(fake_board.rtas.last_service, sizeof(fake_board.rtas.last_service),
		 "%s", service);
	fake_board.rtas.last_nargs = nargs;
	fake_board.rtas.last_nret = nret;
	if (nret < 1 || nargs < 0)
		return -1;
	for (int i = 0; i < nret; i++)
		rets[i] = 0;
	return 0;
}

/* ---- CAS ---- */

/* How many bytes of the vector the hypervisor reads, as QEMU does: PVR
 * pairs up to the first whose value has a bit outside its mask (at most
 * 512), the count byte, then each declared option vector; at most max.
 * Only those bytes are touched, so a vector the firmware cut short shows
 * up as a read past its buffer. */
static size_t cas_vector_extent(const uint8_t *v, size_t max)
{
	size_t off = 0;
	unsigned n;

	for (n = 0; n < 512 && off + 8 <= max; n++, off += 8)
		if (be32_read(v + off + 4) & ~be32_read(v + off))
			break;
	off += 8;
	if (n == 512 || off + 1 > max)
		return off < max ? off : max;
	n = v[off++] + 1u;
	while (n-- && off < max)
		off += v[off] + 2u;
	return off < max ? off : max;
}

int board_cas(const void *vector, void *buf, size_t bufsize,
	      const void **fdt_out, const char **reason)
{
	struct fake_cas_config *c = &fake_board.cas;
	size_t rec = c->record_len < sizeof(c->recorded) ? c->record_len : sizeof(c->recorded);

	c->calls++;
	rec = cas_vector_extent(vector, rec);
	memcpy(c->recorded, vector, rec);
	c->recorded_len = rec;
	if (!c->reply_fdt) {
		*reason = c->refuse_reason ? c->refuse_reason : "fake hypervisor refused";
		return -1;
	}
	if (c->reply_size + 4 > bufsize) {
		*reason = "fake hypervisor: reply does not fit";
		return -1;
	}
	/* As QEMU: a non-zero 4-byte header, then the tree. */
	be32_write(buf, 1);
	memcpy((uint8_t *)buf + 4, c->reply_fdt, c->reply_size);
	*fdt_out = (const uint8_t *)buf + 4;
	return 0;
}

int board_update_dt(const void *fdt)
{
	size_t size = be32_read((const uint8_t *)fdt + 4);
	size_t copy = size < FAKE_UPDATE_DT_MAX ? size : FAKE_UPDATE_DT_MAX;

	fake_board.update_dt_calls++;
	fake_board.update_dt_size = size;
	memcpy(fake_board.update_dt_blob, fdt, copy);
	return fake_board.update_dt_rc;
}

/* ---- NVRAM ---- */

uint32_t board_nvram_size(void)
{
	return fake_board.nvram ? fake_board.nvram_size : 0;
}

int board_nvram_read(uint32_t offset, void *buf, uint32_t size)
{
	if (!fake_board.nvram || offset > fake_board.nvram_size ||
	    size > fake_board.nvram_size - offset)
		return -1;
	memcpy(buf, fake_board.nvram + offset, size);
	return 0;
}

int board_nvram_write(uint32_t offset, const void *buf, uint32_t size)
{
	if (!fake_board.nvram || offset > fake_board.nvram_size ||
	    size > fake_board.nvram_size - offset)
		return -1;
	memcpy(fake_board.nvram + offset, buf, size);
	fake_board.nvram_writes++;
	return 0;
}

/* ---- client hand-off, memory map, romfs ---- */

void board_start_client(const struct board_client *bc)
{
	struct fake_client_start *c = &fake_board.client;

	c->entry = bc->entry;
	c->r3 = bc->r3;
	c->r4 = bc->r4;
	c->stack = bc->stack;
	c->toc = bc->toc;
	c->flags = bc->flags;
	c->count++;
	leave(FAKE_EXIT_START_CLIENT);
}

int board_firmware_ranges(uint64_t *start, uint64_t *end, int max)
{
	int n = fake_board.n_fw < max ? fake_board.n_fw : max;

	for (int i = 0; i < n; i++) {
		start[i] = fake_board.fw_start[i];
		end[i] = fake_board.fw_end[i];
	}
	return n;
}

const void *board_romfs(size_t *len)
{
	*len = fake_board.romfs_len;
	return fake_board.romfs;
}

const struct board_ops fake_board_ops = {
	.console_write = board_console_write,
	.console_read = board_console_read,
	.console_select = board_console_select,
	.milliseconds = board_milliseconds,
	.processor_pvr = board_processor_pvr,
	.power_off = board_power_off,
	.reset = board_reset,
	.instantiate_rtas = board_instantiate_rtas,
	.rtas_call = board_rtas_call,
	.cas = board_cas,
	.update_dt = board_update_dt,
	.nvram_read = board_nvram_read,
	.nvram_write = board_nvram_write,
	.nvram_size = board_nvram_size,
	.start_client = board_start_client,
	.firmware_ranges = board_firmware_ranges,
	.romfs = board_romfs,
	.vio_reg_crq = board_vio_reg_crq,
	.vio_free_crq = board_vio_free_crq,
	.vio_send_crq = board_vio_send_crq,
	.vio_put_tce = board_vio_put_tce,
	.mmio_read8 = board_mmio_read8,
	.mmio_read16 = board_mmio_read16,
	.mmio_read32 = board_mmio_read32,
	.mmio_write8 = board_mmio_write8,
	.mmio_write16 = board_mmio_write16,
	.mmio_write32 = board_mmio_write32,
	.pci_dma_address = board_pci_dma_address,
};

/* The core reaches the fake only through these operations, as it reaches
 * a real board; every test program starts with them registered. */
__attribute__((constructor)) static void fake_board_register(void)
{
	board = &fake_board_ops;
}
