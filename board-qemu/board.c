/* SPDX-License-Identifier: MIT */
/* QEMU pseries board: memory layout, start-up, CAS bridge, timebase,
 * reset and power-off, client entry, and the struct board_ops that hands
 * all of it to the core. fw_main is called from entry.S. */
#include <stdbool.h>
#include <string.h>

#include "be.h"
#include "board-qemu.h"
#include "core.h"
#include "fdt/fdt-reader.h"
#include "hcall.h"

/* The heap (live tree, CAS buffer) sits right below QEMU's FDT, which QEMU
 * places 2 MiB below the top of the RMA; QEMU keeps -kernel/-initrd at
 * least 40 MiB below that, so the space is ours. */
#define HEAP_SIZE 0x800000u

extern char _image_end[], _fw_end[], _romfs_start[], _romfs_end[];
extern char ci_entry[];
__attribute__((noreturn)) void client_start(uint64_t entry, uint64_t r3, uint64_t r4,
					     uint64_t r5, uint64_t stack, uint64_t msr,
					     uint64_t toc);
__attribute__((noreturn)) void fw_main(const void *fdt);
__attribute__((noreturn)) void board_exception(uint64_t vector, uint64_t srr0,
					       uint64_t srr1, uint64_t lr);
__attribute__((noreturn)) void board_client_returned(void);
long board_ci_call(uint32_t args_addr);

static uint64_t heap_base, fdt_base, fdt_end;
/* The running client's way back into the core (from board_start_client). */
static long (*client_ci_call)(uint32_t args_addr);
static void (*client_returned_fn)(void);
static uint64_t tb_per_ms = 512000;	/* 512 MHz under TCG until the tree says */

#define MSR_SF 0x8000000000000000ull
#define MSR_FP 0x2000ull
#define MSR_LE 0x1ull

static inline uint64_t mftb(void)
{
	uint64_t tb;

	__asm__ volatile("mftb %0" : "=r"(tb));
	return tb;
}

static uint32_t board_processor_pvr(void)
{
	uint64_t pvr;

	__asm__("mfspr %0, 287" : "=r"(pvr));
	return (uint32_t)pvr;
}

static uint64_t board_milliseconds(void)
{
	return mftb() / tb_per_ms;
}

static int board_firmware_ranges(uint64_t *start, uint64_t *end, int max)
{
	if (max < 2)
		return 0;
	start[0] = 0;
	end[0] = (uint64_t)(uintptr_t)_fw_end;
	start[1] = heap_base;
	end[1] = fdt_end;
	return 2;
}

static const void *board_romfs(size_t *len)
{
	*len = (size_t)(_romfs_end - _romfs_start);
	return _romfs_start;
}

__attribute__((noreturn)) static void board_power_off(void)
{
	uint32_t args[2] = { 0xffffffffu, 0xffffffffu }, ret;

	board_log("power off");
	board_rtas_call("power-off", 2, 1, args, &ret);
	for (;;)
		;
}

__attribute__((noreturn)) static void board_reset(void)
{
	uint32_t ret;

	board_log("reset");
	board_rtas_call("system-reboot", 0, 1, NULL, &ret);
	for (;;)
		;
}

__attribute__((noreturn)) static void board_start_client(const struct board_client *c)
{
	uint64_t msr = MSR_FP;

	if (c->flags & BOARD_CLIENT_64)
		msr |= MSR_SF;
	if (c->flags & BOARD_CLIENT_LE)
		msr |= MSR_LE;
	client_ci_call = c->ci_call;
	client_returned_fn = c->returned;
	client_start(c->entry, c->r3, c->r4, (uint64_t)(uintptr_t)ci_entry, c->stack, msr, c->toc);
}

/* Called from entry.S for every client-interface call. */
long board_ci_call(uint32_t args_addr)
{
	return client_ci_call(args_addr);
}

static int board_cas(const void *vector, void *buf, size_t bufsize, const void **fdt_out,
	      const char **reason)
{
	long rc = hcall_cas(vector, buf, bufsize);

	switch (rc) {
	case H_SUCCESS:
		break;
	case H_HARDWARE:
		*reason = "the hypervisor found no processor level it can run (H_HARDWARE)";
		return -1;
	case H_PARAMETER:
		*reason = "the hypervisor rejected the vector (H_PARAMETER)";
		return -1;
	case H_MULTI_THREADS_ACTIVE:
		*reason = "other CPUs are running (H_MULTI_THREADS_ACTIVE)";
		return -1;
	default:
		*reason = "the hypervisor refused client-architecture-support";
		return -1;
	}
	/* A 4-byte header in the host's byte order: any non-zero value is a
	 * tree update. */
	if (be32_read(buf) == 0) {
		*reason = "the hypervisor returned no device tree update";
		return -1;
	}
	*fdt_out = (const uint8_t *)buf + 4;
	return 0;
}

static int board_update_dt(const void *fdt)
{
	long rc = hcall_update_dt(fdt);

	return rc == H_SUCCESS ? 0 : rc == H_FUNCTION ? 1 : -1;
}

/* Called from entry.S when a client's entry function returns. */
void board_client_returned(void)
{
	client_returned_fn();
	for (;;)
		;
}

void board_exception(uint64_t vector, uint64_t srr0, uint64_t srr1, uint64_t lr)
{
	board_error("unexpected exception 0x%llx at 0x%llx (MSR 0x%llx, LR 0x%llx); powering off",
		  (unsigned long long)vector, (unsigned long long)srr0,
		  (unsigned long long)srr1, (unsigned long long)lr);
	board_power_off();
}

/* The timebase frequency of the first CPU that names one, from QEMU's FDT
 * (all CPUs of a pseries machine share it). */
static void setup_timebase(const void *fdt, size_t fdt_size)
{
	struct fdt_reader r;
	struct fdt_cursor c;
	struct fdt_event ev;
	const char *reason;
	bool in_cpus = false;

	if (fdt_reader_open(&r, fdt, fdt_size, &reason) != 0)
		return;
	fdt_cursor_init(&c, &r);
	while (fdt_cursor_next(&c, &ev) == 0 && ev.kind != FDT_EV_END) {
		if (ev.kind == FDT_EV_BEGIN_NODE && ev.depth == 2)
			in_cpus = strcmp(ev.name, "cpus") == 0;
		else if (ev.kind == FDT_EV_PROP && in_cpus && ev.depth == 3 && ev.len == 4 &&
			 strcmp(ev.name, "timebase-frequency") == 0 && be32_read(ev.value) >= 1000) {
			tb_per_ms = be32_read(ev.value) / 1000;
			return;
		}
	}
}

static const struct board_ops qemu_pseries_ops = {
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
	.vio_reg_llan = board_vio_reg_llan,
	.vio_free_llan = board_vio_free_llan,
	.vio_add_llan_buffer = board_vio_add_llan_buffer,
	.vio_send_llan = board_vio_send_llan,
	.mmio_read8 = board_mmio_read8,
	.mmio_read16 = board_mmio_read16,
	.mmio_read32 = board_mmio_read32,
	.mmio_write8 = board_mmio_write8,
	.mmio_write16 = board_mmio_write16,
	.mmio_write32 = board_mmio_write32,
	.pci_dma_address = board_pci_dma_address,
};

void fw_main(const void *fdt)
{
	const char *reason;
	struct fdt_reader r;

	board_console_write("\r\n", 2);
	board_line(OF_FIRMWARE_NAME " " OF_VERSION " (Open Firmware for QEMU pseries)");
	if (fdt_reader_open(&r, fdt, 0x200000, &reason) != 0) {
		board_error("the device tree from QEMU at %p is unusable: %s", fdt, reason);
		board_power_off();
	}
	board_rtas_init(fdt, r.totalsize);
	fdt_base = (uint64_t)(uintptr_t)fdt;
	fdt_end = (fdt_base + r.totalsize + 0xfff) & ~0xfffull;
	heap_base = (fdt_base - HEAP_SIZE) & ~0xfffull;
	if (heap_base < (uint64_t)(uintptr_t)_fw_end) {
		board_error("no room for the firmware heap below the device tree at %p", fdt);
		board_power_off();
	}
	setup_timebase(fdt, r.totalsize);
	of_start(&qemu_pseries_ops, &(const struct of_start_info){
		.fdt = fdt, .fdt_size = r.totalsize,
		.heap = (void *)(uintptr_t)heap_base, .heap_size = fdt_base - heap_base,
	});
}
