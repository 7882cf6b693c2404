/* SPDX-License-Identifier: MIT */
/* The reading side of a TFTP transfer as a state machine without I/O or
 * clock: the caller sends c->out when told, feeds every packet from the
 * server, and calls tftp_client_timeout when its wait runs out. */
#ifndef LIB_NET_TFTP_CLIENT_H
#define LIB_NET_TFTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/tftp.h"

#define TFTP_CLIENT_OUT_MAX	(TFTP_FILENAME_MAX + 48)

/* What the caller does next (negative values are enum status). */
enum tftp_step {
	TFTP_STEP_WAIT = 0,	/* nothing to send; keep waiting */
	TFTP_STEP_SEND = 1,	/* send c->out and wait anew */
	TFTP_STEP_DONE = 2,	/* send c->out (the last ACK); the file is in buf */
};

enum tftp_client_state {
	TFTP_CLIENT_REQUESTING,	/* RRQ sent, no answer yet */
	TFTP_CLIENT_RECEIVING,
	TFTP_CLIENT_FINISHED,
	TFTP_CLIENT_FAILED,
};

struct tftp_client {
	enum tftp_client_state state;
	char filename[TFTP_FILENAME_MAX + 1];
	uint8_t *buf;
	size_t limit;			/* bytes buf can take */
	size_t received;
	uint16_t blksize_asked;		/* 0: no options in the RRQ */
	uint16_t blksize;		/* in force: 512 unless an OACK said so */
	bool have_tsize;
	uint64_t tsize;
	uint16_t server_port;		/* the server's TID; 0 until it answers */
	uint16_t expect;		/* next DATA block number (wraps 65535 -> 0) */
	uint32_t blocks;		/* DATA blocks taken */
	unsigned tries, max_tries;
	bool progress;			/* the last input moved the transfer on
					 * (a new block, the OACK, a new RRQ);
					 * a duplicate's ACK is no progress, so
					 * it must not extend the caller's wait */
	uint8_t out[TFTP_CLIENT_OUT_MAX];	/* packet to send */
	size_t out_len;
	char reason[400];	/* holds a 255-byte name and a sentence */
};

/* Prepares the RRQ for filename in c->out (with "blksize" when blksize is
 * non-zero, and "tsize"). The file goes to buf[0..limit). max_tries (>= 1)
 * bounds how often one packet is sent without progress. Returns STATUS_OK,
 * or STATUS_EINVAL with *reason (empty or too long name, blksize outside
 * 8..65464, max_tries 0). */
int tftp_client_start(struct tftp_client *c, const char *filename, uint8_t *buf,
		      size_t limit, uint16_t blksize, unsigned max_tries, const char **reason);

/* Feeds one UDP payload that arrived from the server's src_port. Returns
 * a tftp_step, or a negative enum status with *reason (pointing into c)
 * when the transfer failed: STATUS_EREFUSED for a server ERROR (named in
 * the reason), STATUS_ETOOBIG past the limit, STATUS_EMALFORMED for a protocol
 * violation. On failure c->out_len > 0 means c->out is an ERROR packet
 * to send to c->server_port as a courtesy. Packets from a port other
 * than the server's, malformed packets before the server is known, and
 * stale blocks are ignored (TFTP_STEP_WAIT). */
int tftp_client_input(struct tftp_client *c, uint16_t src_port, const uint8_t *pkt,
		      size_t len, const char **reason);

/* The caller's wait ran out. Returns TFTP_STEP_SEND (c->out is the last
 * packet again) or, after max_tries sends, STATUS_ETIMEDOUT with *reason. */
int tftp_client_timeout(struct tftp_client *c, const char **reason);

#endif
