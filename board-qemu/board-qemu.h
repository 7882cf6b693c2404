/* SPDX-License-Identifier: MIT */
/* Board-internal interfaces of board-qemu/. */
#ifndef BOARD_QEMU_H
#define BOARD_QEMU_H

#include <stdint.h>

void board_console_set_unit(uint32_t unit);
/* RTAS tokens from QEMU's FDT until board_rtas_init has the live tree. */
void board_rtas_early(const void *fdt);
/* Reads RTAS tokens and the NVRAM size from the live tree. */
void board_rtas_init(void);

#endif
