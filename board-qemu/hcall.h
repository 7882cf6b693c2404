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
#define H_SET_MODE		0x31c
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
long hcall_set_mode(uint64_t mflags, uint64_t resource);

#endif
