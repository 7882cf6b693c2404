/* SPDX-License-Identifier: MIT */
/* Board-internal interfaces of board-qemu/: the functions board.c gathers
 * into its struct board_ops, and the start-up helpers. */
#ifndef BOARD_QEMU_H
#define BOARD_QEMU_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"

/* console.c: the hypervisor vty. */
void board_console_select(uint32_t unit);
void board_console_write(const char *s, size_t n);
int board_console_read(void);
/* One console line (fmt without the newline), after a line break if a
 * client left its line unfinished; board_log adds the "board: " prefix. */
void board_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define board_log(fmt, ...) board_line("board: " fmt, ##__VA_ARGS__)
#define board_error(fmt, ...) board_line("board: error: " fmt, ##__VA_ARGS__)

/* rtas.c: reads the RTAS tokens and the NVRAM size from QEMU's FDT. */
void board_rtas_init(const void *fdt, size_t fdt_size);
int board_rtas_call(const char *service, int nargs, int nret,
		    const uint32_t *args, uint32_t *rets);
int board_instantiate_rtas(void *dst, uint32_t size);
int board_nvram_read(uint32_t offset, void *buf, uint32_t size);
int board_nvram_write(uint32_t offset, const void *buf, uint32_t size);
uint32_t board_nvram_size(void);

/* vio-access.c */
int board_vio_reg_crq(uint32_t unit, uint64_t ioba, uint64_t len);
int board_vio_free_crq(uint32_t unit);
int board_vio_send_crq(uint32_t unit, uint64_t hi, uint64_t lo);
int board_vio_put_tce(uint32_t liobn, uint64_t ioba, uint64_t tce);
int board_vio_reg_llan(uint32_t unit, uint64_t buf_list, uint64_t rxq_bd,
		       uint64_t filter_list, uint64_t mac);
int board_vio_free_llan(uint32_t unit);
int board_vio_add_llan_buffer(uint32_t unit, uint64_t bd);
int board_vio_send_llan(uint32_t unit, uint64_t bd);

/* mmio-access.c */
uint8_t board_mmio_read8(uint64_t addr);
uint16_t board_mmio_read16(uint64_t addr);
uint32_t board_mmio_read32(uint64_t addr);
void board_mmio_write8(uint64_t addr, uint8_t value);
void board_mmio_write16(uint64_t addr, uint16_t value);
void board_mmio_write32(uint64_t addr, uint32_t value);
uint64_t board_pci_dma_address(const void *p);

#endif
