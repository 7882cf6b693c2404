/* SPDX-License-Identifier: MIT */
/* The core's start-up (after of_start imported the tree) and the Open
 * Firmware nodes it adds. */
#ifndef SLOF_START_START_H
#define SLOF_START_START_H

#include <stddef.h>
#include <stdint.h>

#include "core.h"

/* Runs the firmware on the imported tree (of_start's second half); fdt is
 * QEMU's blob, for its memory reservations. Does not return. */
__attribute__((noreturn)) void of_main(const void *fdt, size_t fdt_size);

/* Adds the nodes and properties an OS expects of Open Firmware. */
int of_setup_tree(void);
/* The console device: /chosen stdout-path, else the first vty. NULL if
 * the machine has none. */
struct of_node *of_console_node(void);

#endif
