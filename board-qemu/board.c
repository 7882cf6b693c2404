/* SPDX-License-Identifier: MIT */
/* QEMU pseries board: memory layout, start-up, CAS bridge, timebase,
 * reset and power-off, client entry. fw_main is called from entry.S. */
#include <string.h>

#include "be.h"
#include "board.h"
#include "board-qemu.h"
#include "fdt/fdt-reader.h"
#include "hcall.h"
#include "heap.h"
#include "log.h"
#include "of.h"
#include "tree.h"

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

static uint64_t heap_base, fdt_base, fdt_end;
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

uint32_t board_processor_pvr(void)
{
	uint64_t pvr;

	__asm__("mfspr %0, 287" : "=r"(pvr));
	return (uint32_t)pvr;
}

uint64_t board_milliseconds(void)
{
	return mftb() / tb_per_ms;
}

int board_firmware_ranges(uint64_t *start, uint64_t *end, int max)
{
	if (max < 2)
		return 0;
	start[0] = 0;
	end[0] = (uint64_t)(uintptr_t)_fw_end;
	start[1] = heap_base;
	end[1] = fdt_end;
	return 2;
}

const void *board_romfs(size_t *len)
{
	*len = (size_t)(_romfs_end - _romfs_start);
	return _romfs_start;
}

uint64_t board_ci_entry_address(void)
{
	return (uint64_t)(uintptr_t)ci_entry;
}

void board_power_off(void)
{
	uint32_t args[2] = { 0xffffffffu, 0xffffffffu }, ret;

	log_line("board", "power off");
	board_rtas_call("power-off", 2, 1, args, &ret);
	for (;;)
		;
}

void board_reset(void)
{
	uint32_t ret;

	log_line("board", "reset");
	board_rtas_call("system-reboot", 0, 1, NULL, &ret);
	for (;;)
		;
}

void board_start_client(uint64_t entry, uint64_t r3, uint64_t r4, uint64_t stack,
			uint64_t toc, unsigned flags)
{
	uint64_t msr = MSR_FP;

	if (flags & BOARD_CLIENT_64)
		msr |= MSR_SF;
	if (flags & BOARD_CLIENT_LE)
		msr |= MSR_LE;
	client_start(entry, r3, r4, board_ci_entry_address(), stack, msr, toc);
}

int board_cas(const void *vector, void *buf, size_t bufsize, const void **fdt_out,
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

int board_update_dt(const void *fdt)
{
	long rc = hcall_update_dt(fdt);

	return rc == H_SUCCESS ? 0 : rc == H_FUNCTION ? 1 : -1;
}

/* Called from entry.S when a client's entry function returns. */
void board_client_returned(void)
{
	of_client_exited("the client returned to the firmware");
}

void board_exception(uint64_t vector, uint64_t srr0, uint64_t srr1, uint64_t lr)
{
	fw_printf("board: unexpected exception 0x%llx at 0x%llx (MSR 0x%llx, LR 0x%llx); powering off\n",
		  (unsigned long long)vector, (unsigned long long)srr0,
		  (unsigned long long)srr1, (unsigned long long)lr);
	board_power_off();
}

static void setup_console(void)
{
	struct of_node *vty = of_console_node();

	if (vty)
		board_console_set_unit(of_get_u32_or(vty, "reg", 0));
}

static void setup_timebase(void)
{
	struct of_node *cpus = of_find_path("/cpus");

	for (struct of_node *c = cpus ? cpus->child : NULL; c; c = c->sibling) {
		uint32_t f = of_get_u32_or(c, "timebase-frequency", 0);

		if (f >= 1000) {
			tb_per_ms = f / 1000;
			return;
		}
	}
}

void fw_main(const void *fdt)
{
	const char *reason;
	struct fdt_reader r;

	fw_printf("\n" OF_FIRMWARE_NAME " " OF_VERSION " (Open Firmware for QEMU pseries)\n");
	board_rtas_early(fdt);
	if (fdt_reader_open(&r, fdt, 0x200000, &reason) != 0) {
		log_line("board", "the device tree from QEMU at %p is unusable: %s", fdt, reason);
		board_power_off();
	}
	fdt_base = (uint64_t)(uintptr_t)fdt;
	fdt_end = (fdt_base + r.totalsize + 0xfff) & ~0xfffull;
	heap_base = (fdt_base - HEAP_SIZE) & ~0xfffull;
	if (heap_base < (uint64_t)(uintptr_t)_fw_end) {
		log_line("board", "no room for the firmware heap below the device tree at %p", fdt);
		board_power_off();
	}
	heap_init((void *)(uintptr_t)heap_base, fdt_base - heap_base);
	reason = "out of memory";
	if (of_tree_init() != 0 || of_import_fdt(fdt, r.totalsize, &reason) != 0) {
		log_line("board", "cannot import the device tree: %s", reason);
		board_power_off();
	}
	board_rtas_init();
	setup_console();
	setup_timebase();
	of_main(fdt, r.totalsize);
}
