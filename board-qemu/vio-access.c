/* SPDX-License-Identifier: MIT */
/* VIO access for drivers: the CRQ, logical LAN and TCE hypercalls (PAPR
 * hcall-crq, hcall-lLAN, hcall-tce) behind slof/board.h, with the
 * hypervisor's H_* codes translated to enum status (lib/status). */
#include "board-qemu.h"
#include "hcall.h"

/* H_BUSY / H_LONG_BUSY_* answers are retried this often (PowerVM may
 * need a few tries to free a queue; QEMU never says busy). */
#define BUSY_RETRIES 1000

static int busy(long rc)
{
	return rc == H_BUSY || (rc >= H_LONG_BUSY_START && rc <= H_LONG_BUSY_END);
}

static int translate(long rc)
{
	switch (rc) {
	case H_SUCCESS:
		return STATUS_OK;
	case H_PARAMETER:
		return STATUS_EINVAL;
	case H_RESOURCE:
		return STATUS_EBUSY;
	case H_CLOSED:
		return STATUS_ECLOSED;
	case H_HARDWARE:
		return STATUS_EDEVICE;
	case H_DROPPED:
		return STATUS_EDROPPED;
	case H_FUNCTION:
	case H_NOT_FOUND:
		return STATUS_EUNSUPPORTED;
	default:
		return STATUS_EIO;
	}
}

int board_vio_reg_crq(uint32_t unit, uint64_t ioba, uint64_t len)
{
	return translate(hcall_reg_crq(unit, ioba, len));
}

int board_vio_free_crq(uint32_t unit)
{
	long rc;
	int tries = 0;

	do
		rc = hcall_free_crq(unit);
	while (busy(rc) && ++tries < BUSY_RETRIES);
	return translate(rc);
}

int board_vio_send_crq(uint32_t unit, uint64_t hi, uint64_t lo)
{
	return translate(hcall_send_crq(unit, hi, lo));
}

int board_vio_put_tce(uint32_t liobn, uint64_t ioba, uint64_t tce)
{
	return translate(hcall_put_tce(liobn, ioba, tce));
}

int board_vio_reg_llan(uint32_t unit, uint64_t buf_list, uint64_t rxq_bd,
		       uint64_t filter_list, uint64_t mac)
{
	return translate(hcall_register_llan(unit, buf_list, rxq_bd, filter_list, mac));
}

int board_vio_free_llan(uint32_t unit)
{
	long rc;
	int tries = 0;

	do
		rc = hcall_free_llan(unit);
	while (busy(rc) && ++tries < BUSY_RETRIES);
	return translate(rc);
}

int board_vio_add_llan_buffer(uint32_t unit, uint64_t bd)
{
	return translate(hcall_add_llan_buffer(unit, bd));
}

int board_vio_send_llan(uint32_t unit, uint64_t bd)
{
	return translate(hcall_send_llan(unit, bd));
}
