/* SPDX-License-Identifier: MIT */
/* TFTP packets (RFC 1350) with option negotiation (RFC 2347), block size
 * (RFC 2348) and transfer size (RFC 2349): what a reading client builds
 * (RRQ, ACK, ERROR) and parses (DATA, ERROR, OACK). */
#ifndef LIB_NET_TFTP_H
#define LIB_NET_TFTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TFTP_SERVER_PORT	69
#define TFTP_BLKSIZE_DEFAULT	512
#define TFTP_BLKSIZE_MIN	8	/* RFC 2348 */
#define TFTP_BLKSIZE_MAX	65464	/* RFC 2348 */
#define TFTP_FILENAME_MAX	255
#define TFTP_ERRMSG_MAX		128	/* message kept, NUL included */

enum tftp_opcode {
	TFTP_RRQ = 1, TFTP_WRQ = 2, TFTP_DATA = 3, TFTP_ACK = 4, TFTP_ERROR = 5, TFTP_OACK = 6,
};

/* Error codes (RFC 1350 section 5; 8 from RFC 2347). */
enum tftp_error_code {
	TFTP_ERR_UNDEFINED = 0, TFTP_ERR_NOT_FOUND = 1, TFTP_ERR_ACCESS = 2,
	TFTP_ERR_DISK_FULL = 3, TFTP_ERR_ILLEGAL_OP = 4, TFTP_ERR_UNKNOWN_TID = 5,
	TFTP_ERR_EXISTS = 6, TFTP_ERR_NO_USER = 7, TFTP_ERR_OPTIONS = 8,
};

struct tftp_packet {
	uint16_t opcode;
	uint16_t block;			/* DATA */
	const uint8_t *data;		/* DATA: points into the packet */
	size_t data_len;
	uint16_t error_code;		/* ERROR */
	char error_msg[TFTP_ERRMSG_MAX];	/* ERROR: printable ASCII only */
	bool has_blksize, has_tsize;	/* OACK */
	uint16_t blksize;
	uint64_t tsize;
};

/* Decodes a packet a server sent a reading client: DATA (4 bytes or more),
 * ERROR (code and message; an unterminated message is taken up to the
 * end, other than printable bytes become '?'), OACK (NUL-terminated
 * name/value pairs, names compared without case; only "blksize" in
 * 8..65464 and "tsize" are accepted, values are decimal). Returns STATUS_OK,
 * or STATUS_EMALFORMED with *reason naming the fault, including an RRQ, WRQ
 * or ACK, which a server never sends to a reader. */
int tftp_parse(const uint8_t *p, size_t len, struct tftp_packet *t, const char **reason);

/* Builds an RRQ for filename in octet mode, with "blksize" when blksize is
 * non-zero and "tsize" 0 when tsize is set. Returns the length, or 0 when
 * the name is empty or longer than TFTP_FILENAME_MAX, or cap is too small. */
size_t tftp_build_rrq(uint8_t *buf, size_t cap, const char *filename, uint16_t blksize,
		      bool tsize);

/* Builds the 4-byte ACK of block; returns 4. */
size_t tftp_build_ack(uint8_t *buf, uint16_t block);

/* Builds an ERROR packet (message truncated to fit cap); returns its
 * length, or 0 when cap < 5. */
size_t tftp_build_error(uint8_t *buf, size_t cap, uint16_t code, const char *msg);

/* A lower-case sentence for an error code ("file not found"). */
const char *tftp_error_name(uint16_t code);

#endif
