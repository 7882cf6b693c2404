/* SPDX-License-Identifier: MIT */
/* SRP information units (T10 SRP r16a sections 6.2-6.9): byte offsets of
 * SRP_LOGIN_REQ/RSP/REJ, SRP_CMD and SRP_RSP. */
#include <string.h>

#include "be.h"
#include "vscsi/srp.h"
#include "be.h"

size_t srp_encode_login_req(uint8_t *iu, size_t cap, uint64_t tag,
			    uint32_t max_it_iu_len, uint16_t buf_fmt)
{
	if (!iu || cap < SRP_LOGIN_REQ_LEN)
		return 0;
	memset(iu, 0, SRP_LOGIN_REQ_LEN);
	iu[0] = SRP_LOGIN_REQ;
	be64_write(iu + 8, tag);
	be32_write(iu + 16, max_it_iu_len);	/* requested max initiator-to-target IU */
	be16_write(iu + 24, buf_fmt);	/* required buffer formats */
	/* Byte 26, req_flags: 0 = single channel. Port identifiers (32-63)
	 * stay zero: the VIO partner knows who is on the other end. */
	return SRP_LOGIN_REQ_LEN;
}

int srp_decode_login(const uint8_t *iu, size_t len, struct srp_login_info *out)
{
	memset(out, 0, sizeof(*out));
	if (len < 1)
		return STATUS_EMALFORMED;
	out->opcode = iu[0];
	if (iu[0] == SRP_LOGIN_RSP) {
		if (len < SRP_LOGIN_RSP_LEN)
			return STATUS_EMALFORMED;
		out->req_lim_delta = be32_read(iu + 4);
		out->tag = be64_read(iu + 8);
		out->max_it_iu_len = be32_read(iu + 16);
		out->max_ti_iu_len = be32_read(iu + 20);
		out->buf_fmt = be16_read(iu + 24);
		return STATUS_OK;
	}
	if (iu[0] == SRP_LOGIN_REJ) {
		/* The tag is at 8 and the reason at 4: accept the shortest
		 * IU that holds both. */
		if (len < 16)
			return STATUS_EMALFORMED;
		out->reject_reason = be32_read(iu + 4);
		out->tag = be64_read(iu + 8);
		if (len >= 26)
			out->buf_fmt = be16_read(iu + 24);
		return STATUS_EREFUSED;
	}
	return STATUS_EMALFORMED;
}

size_t srp_encode_cmd(uint8_t *iu, size_t cap, const struct srp_cmd_args *a)
{
	size_t len = SRP_CMD_LEN;
	int data = a->dir != SRP_DIR_NONE && a->len != 0;

	if (!iu || !a->cdb || a->cdb_len == 0 || a->cdb_len > 16)
		return 0;
	if (a->dir != SRP_DIR_NONE && a->dir != SRP_DIR_IN && a->dir != SRP_DIR_OUT)
		return 0;
	if (data)
		len += SRP_DIRECT_DESC_LEN;
	if (cap < len)
		return 0;
	memset(iu, 0, len);
	iu[0] = SRP_CMD;
	/* Byte 1, sol_not: 0 = the target always answers with SRP_RSP. */
	if (data) {
		/* One direct descriptor: the format nibble says so, the
		 * descriptor counts stay 0 (they count indirect tables). */
		iu[5] = a->dir == SRP_DIR_IN ? SRP_DESC_DIRECT : (uint8_t)(SRP_DESC_DIRECT << 4);
	}
	be64_write(iu + 8, a->tag);
	be64_write(iu + 20, a->lun);
	iu[29] = 0;		/* task attribute: SIMPLE */
	iu[31] = 0;		/* no additional CDB bytes */
	memcpy(iu + 32, a->cdb, a->cdb_len);
	if (data) {
		be64_write(iu + 48, a->va);
		be32_write(iu + 56, 0);		/* memory handle: unused by VIO */
		be32_write(iu + 60, a->len);
	}
	return len;
}

int srp_decode_rsp(const uint8_t *iu, size_t len, struct srp_rsp_info *out)
{
	size_t off, avail;

	memset(out, 0, sizeof(*out));
	if (len < 1)
		return STATUS_EMALFORMED;
	if (iu[0] != SRP_RSP)
		return STATUS_EMALFORMED;
	if (len < SRP_RSP_LEN)
		return STATUS_EMALFORMED;
	out->req_lim_delta = be32_read(iu + 4);
	out->tag = be64_read(iu + 8);
	out->flags = iu[18];
	out->status = iu[19];
	out->data_out_resid = be32_read(iu + 20);
	out->data_in_resid = be32_read(iu + 24);
	off = SRP_RSP_LEN;
	if (out->flags & SRP_RSP_FLAG_RSPVALID) {
		uint32_t rl = be32_read(iu + 32);

		if (rl > len - off)
			return STATUS_EMALFORMED;
		out->resp_data = iu + off;
		out->resp_len = rl;
		off += rl;
	}
	if (out->flags & SRP_RSP_FLAG_SNSVALID) {
		out->sense_len_claimed = be32_read(iu + 28);
		avail = len - off;
		out->sense_len = out->sense_len_claimed < avail ?
				 out->sense_len_claimed : (uint32_t)avail;
		out->sense = out->sense_len ? iu + off : NULL;
	}
	return STATUS_OK;
}
