/* SPDX-License-Identifier: MIT */
/* SCSI RDMA Protocol information units (T10 SRP, revision 16a) as the
 * IBM vSCSI protocol carries them: login, SRP_CMD with one direct memory
 * descriptor, SRP_RSP with status, residuals and sense data. Every field
 * is big-endian on the wire; the decoders never read past the length
 * they are given. */
#ifndef LIB_VSCSI_SRP_H
#define LIB_VSCSI_SRP_H

#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

/* IU opcodes (byte 0). */
#define SRP_LOGIN_REQ		0x00u
#define SRP_TSK_MGMT		0x01u
#define SRP_CMD			0x02u
#define SRP_I_LOGOUT		0x03u
#define SRP_T_LOGOUT		0x80u
#define SRP_CRED_REQ		0x81u
#define SRP_AER_REQ		0x82u
#define SRP_LOGIN_RSP		0xc0u
#define SRP_RSP			0xc1u
#define SRP_LOGIN_REJ		0xc2u

/* Sizes of the fixed parts. */
#define SRP_LOGIN_REQ_LEN	64u
#define SRP_LOGIN_RSP_LEN	52u
#define SRP_LOGIN_REJ_LEN	32u
#define SRP_CMD_LEN		48u	/* without descriptors */
#define SRP_DIRECT_DESC_LEN	16u	/* u64 address, u32 handle, u32 length */
#define SRP_RSP_LEN		36u	/* without response and sense data */

/* Buffer formats a login asks for and the target supports (u16). */
#define SRP_BUF_FORMAT_DIRECT	0x0002u
#define SRP_BUF_FORMAT_INDIRECT	0x0004u

/* Descriptor formats in SRP_CMD byte 5 (data-out high nibble, data-in
 * low nibble). */
#define SRP_DESC_NONE		0u
#define SRP_DESC_DIRECT		1u
#define SRP_DESC_INDIRECT	2u

/* SRP_RSP flags (byte 18). */
#define SRP_RSP_FLAG_RSPVALID	0x01u
#define SRP_RSP_FLAG_SNSVALID	0x02u
#define SRP_RSP_FLAG_DOOVER	0x04u
#define SRP_RSP_FLAG_DOUNDER	0x08u
#define SRP_RSP_FLAG_DIOVER	0x10u
#define SRP_RSP_FLAG_DIUNDER	0x20u

enum srp_dir {
	SRP_DIR_NONE,
	SRP_DIR_IN,		/* device to memory (READ) */
	SRP_DIR_OUT,		/* memory to device (WRITE) */
};

/* Writes an SRP_LOGIN_REQ asking for IUs of up to max_it_iu_len bytes
 * and the given buffer formats. Returns the IU length (64), or 0 if cap
 * is too small. */
size_t srp_encode_login_req(uint8_t *iu, size_t cap, uint64_t tag,
			    uint32_t max_it_iu_len, uint16_t buf_fmt);

struct srp_login_info {
	uint8_t opcode;			/* SRP_LOGIN_RSP or SRP_LOGIN_REJ */
	uint64_t tag;
	uint32_t req_lim_delta;		/* credits granted */
	uint32_t max_it_iu_len;		/* largest IU the target accepts */
	uint32_t max_ti_iu_len;		/* largest IU the target sends */
	uint16_t buf_fmt;		/* SRP_BUF_FORMAT_* the target supports */
	uint32_t reject_reason;		/* SRP_LOGIN_REJ only */
};

/* Decodes the answer to a login. Returns STATUS_OK for SRP_LOGIN_RSP,
 * STATUS_EREFUSED (reject_reason filled) for SRP_LOGIN_REJ, and
 * STATUS_EMALFORMED for an IU too short for its opcode or another IU. */
int srp_decode_login(const uint8_t *iu, size_t len, struct srp_login_info *out);

struct srp_cmd_args {
	uint64_t tag;
	uint64_t lun;			/* the 8-byte SAM LUN, as on the wire */
	const uint8_t *cdb;
	unsigned cdb_len;		/* 1..16 */
	enum srp_dir dir;
	uint64_t va;			/* I/O address of the data (one direct descriptor) */
	uint32_t len;			/* data bytes; 0 means no data phase */
};

/* Writes an SRP_CMD (simple task attribute) with at most one direct
 * descriptor. Returns the IU length (48 without data, 64 with), or 0 if
 * cap is too small or the arguments are invalid. */
size_t srp_encode_cmd(uint8_t *iu, size_t cap, const struct srp_cmd_args *a);

struct srp_rsp_info {
	uint64_t tag;
	uint32_t req_lim_delta;
	uint8_t flags;			/* SRP_RSP_FLAG_* */
	uint8_t status;			/* SCSI status byte */
	uint32_t data_out_resid;	/* meaningful with DOOVER/DOUNDER */
	uint32_t data_in_resid;		/* meaningful with DIOVER/DIUNDER */
	const uint8_t *resp_data;	/* with RSPVALID: points into the IU */
	uint32_t resp_len;
	const uint8_t *sense;		/* with SNSVALID: points into the IU */
	uint32_t sense_len;		/* as present in the IU (may be clipped) */
	uint32_t sense_len_claimed;	/* as the target wrote it */
};

/* Decodes an SRP_RSP of len bytes. Response data (RSPVALID) comes
 * first, then sense data (SNSVALID). A response data length past the
 * end is malformed; sense data that does not fit is clipped to what is
 * present. Returns STATUS_OK, or STATUS_EMALFORMED for a short IU, another
 * opcode or that response data length. */
int srp_decode_rsp(const uint8_t *iu, size_t len, struct srp_rsp_info *out);


#endif
