/* SPDX-License-Identifier: MIT */
/* The core's start-up: the board's operations, the heap and the live
 * tree from QEMU's FDT, Open Firmware nodes, memory ownership, NVRAM
 * options, compat caps, then boot. */
#include "board.h"
#include "boot/boot.h"
#include "cas/cas.h"
#include "client/ci.h"
#include "client/packages.h"
#include "fdt/fdt-reader.h"
#include "heap/heap.h"
#include "log/log.h"
#include "memory/claim.h"
#include "memory/client-mem.h"
#include "start/start.h"
#include "tree/instance.h"
#include "tree/options.h"
#include "tree/tree.h"

const struct board_ops *board;

/* The client interface's control services run the boot layer's actions. */
static const struct ci_control ci_control = {
	.quiesce = of_quiesce,
	.exit = of_client_exited,
	.enter = of_prompt,
};

static void claim_reserved(const void *fdt, size_t fdt_size)
{
	struct fdt_reader r;
	const char *reason;
	uint64_t addr, size;

	if (fdt_reader_open(&r, fdt, fdt_size, &reason) != 0)
		return;
	for (unsigned i = 0; fdt_reader_rsv(&r, i, &addr, &size) == 1; i++)
		if (size && claim_range(addr, size) != 0)
			log_warning("of", "memory reservation 0x%llx+0x%llx overlaps the firmware",
				 (unsigned long long)addr, (unsigned long long)size);
}

/* The console the board should use from now on: the tree's, by its reg. */
static void select_console(void)
{
	struct of_node *con = of_console_node();

	if (con)
		board->console_select(of_get_u32_or(con, "reg", 0));
}

void of_main(const void *fdt, size_t fdt_size)
{
	uint64_t start[4], end[4];
	int n;

	select_console();
	of_packages_register();
	ci_set_control(&ci_control);
	if (of_setup_tree() != 0)
		log_error("of", "out of memory adding Open Firmware nodes");
	if (claim_init() != 0) {
		log_error("of", "the device tree describes no memory: cannot boot");
		board->power_off();
	}
	n = board->firmware_ranges(start, end, 4);
	for (int i = 0; i < n; i++) {
		if (claim_range(start[i], end[i] - start[i]) != 0)
			log_warning("of", "firmware memory 0x%llx-0x%llx is not free RAM",
				 (unsigned long long)start[i], (unsigned long long)end[i]);
		client_mem_protect(start[i], end[i] - start[i]);
	}
	claim_reserved(fdt, fdt_size);
	of_client_stack_claim();
	of_options_load();
	ci_set_trace(of_option_true("ci-trace?"));
	of_cas_setup();
	log_line("of", "%u nodes, %llu MiB RAM", of_count_nodes(of_root()),
		 (unsigned long long)(claim_ram_total() >> 20));
	of_boot();
}

void of_start(const struct board_ops *ops, const struct of_start_info *info)
{
	const char *reason = "out of memory";

	board = ops;
	heap_init(info->heap, info->heap_size);
	if (of_tree_init() != 0 || of_import_fdt(info->fdt, info->fdt_size, &reason) != 0) {
		log_error("board", "cannot import the device tree: %s", reason);
		board->power_off();
	}
	of_main(info->fdt, info->fdt_size);
}
