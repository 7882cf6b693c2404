/* SPDX-License-Identifier: MIT */
/* Typed wrappers around the one hypercall trampoline. */
#include <string.h>

#include "hcall.h"

long hcall_put_term_char(uint32_t unit, const char *buf, size_t len)
{
	struct hcall_args a = { { H_PUT_TERM_CHAR, unit, len } };
	uint8_t bytes[16] = { 0 };

	if (len > 16)
		return H_PARAMETER;
	memcpy(bytes, buf, len);
	/* First byte in the most significant byte of r6. */
	for (int i = 0; i < 8; i++) {
		a.r[3] = (a.r[3] << 8) | bytes[i];
		a.r[4] = (a.r[4] << 8) | bytes[8 + i];
	}
	return hcall_regs(&a);
}

long hcall_get_term_char(uint32_t unit, char buf[16])
{
	struct hcall_args a = { { H_GET_TERM_CHAR, unit } };
	long rc = hcall_regs(&a);
	uint64_t count;

	if (rc != H_SUCCESS)
		return rc;
	count = a.r[1] > 16 ? 16 : a.r[1];
	for (unsigned i = 0; i < count; i++) {
		uint64_t w = i < 8 ? a.r[2] : a.r[3];

		buf[i] = (char)(w >> (56 - 8 * (i % 8)));
	}
	return (long)count;
}

long hcall_rtas(void *args)
{
	struct hcall_args a = { { KVMPPC_H_RTAS, (uint64_t)(uintptr_t)args } };

	return hcall_regs(&a);
}

long hcall_cas(const void *vector, void *buf, uint64_t size)
{
	struct hcall_args a = { { KVMPPC_H_CAS, (uint64_t)(uintptr_t)vector,
				  (uint64_t)(uintptr_t)buf, size } };

	return hcall_regs(&a);
}

long hcall_update_dt(const void *fdt)
{
	struct hcall_args a = { { KVMPPC_H_UPDATE_DT, (uint64_t)(uintptr_t)fdt } };

	return hcall_regs(&a);
}

long hcall_reg_crq(uint64_t unit, uint64_t queue_ioba, uint64_t queue_len)
{
	struct hcall_args a = { { H_REG_CRQ, unit, queue_ioba, queue_len } };

	return hcall_regs(&a);
}

long hcall_free_crq(uint64_t unit)
{
	struct hcall_args a = { { H_FREE_CRQ, unit } };

	return hcall_regs(&a);
}

long hcall_send_crq(uint64_t unit, uint64_t hi, uint64_t lo)
{
	struct hcall_args a = { { H_SEND_CRQ, unit, hi, lo } };

	return hcall_regs(&a);
}

long hcall_put_tce(uint64_t liobn, uint64_t ioba, uint64_t tce)
{
	struct hcall_args a = { { H_PUT_TCE, liobn, ioba, tce } };

	return hcall_regs(&a);
}

long hcall_register_llan(uint64_t unit, uint64_t buf_list, uint64_t rxq_bd,
			 uint64_t filter_list, uint64_t mac)
{
	struct hcall_args a = { { H_REGISTER_LOGICAL_LAN, unit, buf_list, rxq_bd, filter_list, mac } };

	return hcall_regs(&a);
}

long hcall_free_llan(uint64_t unit)
{
	struct hcall_args a = { { H_FREE_LOGICAL_LAN, unit } };

	return hcall_regs(&a);
}

long hcall_add_llan_buffer(uint64_t unit, uint64_t bd)
{
	struct hcall_args a = { { H_ADD_LOGICAL_LAN_BUFFER, unit, bd } };

	return hcall_regs(&a);
}

long hcall_send_llan(uint64_t unit, uint64_t bd)
{
	struct hcall_args a = { { H_SEND_LOGICAL_LAN, unit, bd } };

	return hcall_regs(&a);
}

long hcall_logical_ci_load(uint64_t size, uint64_t addr, uint64_t *value)
{
	struct hcall_args a = { { H_LOGICAL_CI_LOAD, size, addr } };
	long rc = hcall_regs(&a);

	*value = a.r[1];
	return rc;
}

long hcall_logical_ci_store(uint64_t size, uint64_t addr, uint64_t value)
{
	struct hcall_args a = { { H_LOGICAL_CI_STORE, size, addr, value } };

	return hcall_regs(&a);
}
