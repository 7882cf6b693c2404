/* SPDX-License-Identifier: MIT */
/* VIO access for drivers: the CRQ, logical LAN and TCE hypercalls (PAPR
 * hcall-crq, hcall-lLAN, hcall-tce) behind slof/board.h, with the hypervisor's H_* codes
 * translated to VSCSI_HV_* (lib/vscsi). */
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
		return VSCSI_HV_OK;
	case H_PARAMETER:
		return VSCSI_HV_PARAM;
	case H_RESOURCE:
		return VSCSI_HV_BUSY;
	case H_CLOSED:
		return VSCSI_HV_CLOSED;
	case H_HARDWARE:
		return VSCSI_HV_HARDWARE;
	case H_DROPPED:
		return VSCSI_HV_DROPPED;
	case H_FUNCTION:
	case H_NOT_FOUND:
		return VSCSI_HV_UNSUPPORTED;
	default:
		return VSCSI_HV_OTHER;
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
