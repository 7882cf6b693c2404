/* SPDX-License-Identifier: MIT */
/* The one entry of the Open Firmware core, for the board. */
#ifndef SLOF_CORE_H
#define SLOF_CORE_H

#include <stddef.h>

#include "board.h"

#define OF_FIRMWARE_NAME "ofpseries"
#ifndef OF_VERSION
#define OF_VERSION "0.1"
#endif

/* Where the board put things before starting the core. */
struct of_start_info {
	const void *fdt;	/* QEMU's flattened tree */
	size_t fdt_size;	/* its totalsize, checked by the board */
	void *heap;		/* free memory for the core's heap */
	size_t heap_size;
};

/* Registers the board's operations, imports the tree into the heap, sets
 * up Open Firmware and boots. Does not return. */
__attribute__((noreturn)) void of_start(const struct board_ops *ops,
					const struct of_start_info *info);

#endif
