/* SPDX-License-Identifier: MIT */
/* sPAPR hypercalls the board uses (PAPR; QEMU's private range 0xf000+).
 * Hypervisor H_* codes stay inside board-qemu/. */
#ifndef BOARD_HCALL_H
#define BOARD_HCALL_H

#include <stddef.h>
#include <stdint.h>

#define H_SUCCESS		0
#define H_HARDWARE		(-1)
#define H_FUNCTION		(-2)
#define H_PARAMETER		(-4)
#define H_MULTI_THREADS_ACTIVE	(-9005)

#define H_GET_TERM_CHAR		0x54
#define H_PUT_TERM_CHAR		0x58
#define KVMPPC_H_RTAS		0xf000
#define KVMPPC_H_CAS		0xf002
#define KVMPPC_H_UPDATE_DT	0xf003

struct hcall_args {
	uint64_t r[9];	/* r[0]: opcode; r[1..8]: r4..r11 in and out */
};

/* The trampoline in entry.S; returns r3. */
long hcall_regs(struct hcall_args *a);

long hcall_put_term_char(uint32_t unit, const char *buf, size_t len);
/* Returns the number of bytes read (0..16) or a negative H_ code. */
long hcall_get_term_char(uint32_t unit, char buf[16]);
long hcall_rtas(void *args);
long hcall_cas(const void *vector, void *buf, uint64_t size);
long hcall_update_dt(const void *fdt);

/* VIO: command/response queues and TCEs (PAPR hcall-crq, hcall-tce), for
 * board-qemu/vio-access.c. */
#ifndef H_BUSY
#define H_BUSY			1
#endif
#ifndef H_CLOSED
#define H_CLOSED		2
#endif
#ifndef H_NOT_FOUND
#define H_NOT_FOUND		(-7)
#endif
#ifndef H_RESOURCE
#define H_RESOURCE		(-16)
#endif
#ifndef H_LONG_BUSY_START
#define H_LONG_BUSY_START	9900
#define H_LONG_BUSY_END		9905
#endif
#define H_PUT_TCE		0x20
#define H_REG_CRQ		0xfc
#define H_FREE_CRQ		0x100
#define H_SEND_CRQ		0x108

long hcall_reg_crq(uint64_t unit, uint64_t queue_ioba, uint64_t queue_len);
long hcall_free_crq(uint64_t unit);
/* hi, lo: bytes 0-7 and 8-15 of the 16-byte message, first byte most
 * significant. */
long hcall_send_crq(uint64_t unit, uint64_t hi, uint64_t lo);
long hcall_put_tce(uint64_t liobn, uint64_t ioba, uint64_t tce);

/* Logical LAN (PAPR hcall-lLAN), for board-qemu/vio-access.c. */
#ifndef H_DROPPED
#define H_DROPPED		(-12)
#endif
#define H_REGISTER_LOGICAL_LAN	0x114
#define H_FREE_LOGICAL_LAN	0x118
#define H_ADD_LOGICAL_LAN_BUFFER 0x11c
#define H_SEND_LOGICAL_LAN	0x120

long hcall_register_llan(uint64_t unit, uint64_t buf_list, uint64_t rxq_bd,
			 uint64_t filter_list, uint64_t mac);
long hcall_free_llan(uint64_t unit);
long hcall_add_llan_buffer(uint64_t unit, uint64_t bd);
/* bd first, the other five descriptors and the continuation token 0. */
long hcall_send_llan(uint64_t unit, uint64_t bd);

/* Cache-inhibited MMIO for PCI drivers (PAPR hcall-logical-ci, QEMU
 * h_logical_load/store), for board-qemu/pci-access.c. The value travels as
 * a big-endian access of size 1, 2, 4 or 8 bytes at a real address. */
#define H_LOGICAL_CI_LOAD	0x3c
#define H_LOGICAL_CI_STORE	0x40

long hcall_logical_ci_load(uint64_t size, uint64_t addr, uint64_t *value);
long hcall_logical_ci_store(uint64_t size, uint64_t addr, uint64_t value);

#endif
