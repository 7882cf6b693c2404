/* SPDX-License-Identifier: MIT */
/* The core's start-up after the board imported the tree: Open Firmware
 * nodes, memory ownership, NVRAM options, compat caps, then boot. */
#include "board.h"
#include "claim.h"
#include "client-mem.h"
#include "fdt/fdt-reader.h"
#include "instance.h"
#include "log.h"
#include "of.h"
#include "tree.h"

void of_packages_register(void);

#define CLIENT_STACK_SIZE 0x40000	/* Linux prom_init and GRUB run on it */

static uint64_t client_stack_top;

uint64_t of_client_stack_top(void)
{
	return client_stack_top;
}

static void claim_reserved(const void *fdt, size_t fdt_size)
{
	struct fdt_reader r;
	const char *reason;
	uint64_t addr, size;

	if (fdt_reader_open(&r, fdt, fdt_size, &reason) != 0)
		return;
	for (unsigned i = 0; fdt_reader_rsv(&r, i, &addr, &size) == 1; i++)
		if (size && claim_range(addr, size) != 0)
			log_line("of", "memory reservation 0x%llx+0x%llx overlaps the firmware",
				 (unsigned long long)addr, (unsigned long long)size);
}

void of_main(const void *fdt, size_t fdt_size)
{
	uint64_t start[4], end[4], stack;
	int n;

	of_packages_register();
	if (of_setup_tree() != 0)
		log_line("of", "out of memory adding Open Firmware nodes");
	if (claim_init() != 0) {
		log_line("of", "the device tree describes no memory: cannot boot");
		board_power_off();
	}
	n = board_firmware_ranges(start, end, 4);
	for (int i = 0; i < n; i++) {
		if (claim_range(start[i], end[i] - start[i]) != 0)
			log_line("of", "firmware memory 0x%llx-0x%llx is not free RAM",
				 (unsigned long long)start[i], (unsigned long long)end[i]);
		client_mem_protect(start[i], end[i] - start[i]);
	}
	claim_reserved(fdt, fdt_size);
	if (claim_alloc(CLIENT_STACK_SIZE, 0x1000, 0x100000000ull, &stack) == 0)
		client_stack_top = stack + CLIENT_STACK_SIZE - 0x100;
	of_options_load();
	of_cas_setup();
	log_line("of", "%u nodes, %llu MiB RAM", of_count_nodes(of_root()),
		 (unsigned long long)(claim_ram_total() >> 20));
	of_boot();
}
