/* SPDX-License-Identifier: MIT */
/* TFTP read transfer (RFC 1350 section 6 with RFC 2347 negotiation): the
 * client sends RRQ, takes OACK or DATA 1 from the server's new port, and
 * acknowledges each block in order; timeouts resend the last packet. */
#include <stdio.h>
#include <string.h>

#include "status/status.h"
#include "net/tftp-client.h"

static int fail(struct tftp_client *c, int code, const char **reason)
{
	c->state = TFTP_CLIENT_FAILED;
	*reason = c->reason;
	return code;
}

/* Fails and leaves an ERROR packet for the server in c->out. */
static int abort_transfer(struct tftp_client *c, int code, uint16_t tftp_code,
			  const char *msg, const char **reason)
{
	c->out_len = tftp_build_error(c->out, sizeof(c->out), tftp_code, msg);
	return fail(c, code, reason);
}

static int send_rrq(struct tftp_client *c)
{
	c->out_len = tftp_build_rrq(c->out, sizeof(c->out), c->filename, c->blksize_asked,
				    c->blksize_asked != 0);
	c->tries = 1;
	c->progress = true;
	return TFTP_STEP_SEND;
}

static int send_ack(struct tftp_client *c, uint16_t block, bool progress)
{
	c->out_len = tftp_build_ack(c->out, block);
	if (progress)
		c->tries = 1;
	c->progress = progress;
	return TFTP_STEP_SEND;
}

int tftp_client_start(struct tftp_client *c, const char *filename, uint8_t *buf,
		      size_t limit, uint16_t blksize, unsigned max_tries, const char **reason)
{
	size_t n = strnlen(filename, TFTP_FILENAME_MAX + 1);

	memset(c, 0, sizeof(*c));
	if (n == 0 || n > TFTP_FILENAME_MAX)
		return status_fail(reason, STATUS_EINVAL, "TFTP: file name is empty or longer than 255 bytes");
	if (blksize && blksize < TFTP_BLKSIZE_MIN)
		return status_fail(reason, STATUS_EINVAL, "TFTP: block size below 8");
	if (max_tries == 0)
		return status_fail(reason, STATUS_EINVAL, "TFTP: the number of tries must be at least 1");
	memcpy(c->filename, filename, n + 1);
	c->buf = buf;
	c->limit = limit;
	c->blksize_asked = blksize;
	c->blksize = TFTP_BLKSIZE_DEFAULT;
	c->expect = 1;
	c->max_tries = max_tries;
	c->state = TFTP_CLIENT_REQUESTING;
	send_rrq(c);
	return STATUS_OK;
}

static int take_oack(struct tftp_client *c, const struct tftp_packet *t, const char **reason)
{
	if (c->state == TFTP_CLIENT_RECEIVING)	/* a copy: our ACK 0 was lost */
		return c->blocks == 0 ? send_ack(c, 0, false) : TFTP_STEP_WAIT;
	if (!c->blksize_asked) {
		snprintf(c->reason, sizeof(c->reason), "TFTP: server sent an OACK to a request without options");
		return abort_transfer(c, STATUS_EMALFORMED, TFTP_ERR_OPTIONS, "no options were requested", reason);
	}
	if (t->has_blksize && t->blksize > c->blksize_asked) {
		snprintf(c->reason, sizeof(c->reason),
			 "TFTP: server chose block size %u, above the %u asked for",
			 (unsigned)t->blksize, (unsigned)c->blksize_asked);
		return abort_transfer(c, STATUS_EMALFORMED, TFTP_ERR_OPTIONS, "block size too large", reason);
	}
	if (t->has_tsize && t->tsize > c->limit) {
		snprintf(c->reason, sizeof(c->reason),
			 "TFTP: \"%s\" is %llu bytes, more than the %zu-byte limit",
			 c->filename, (unsigned long long)t->tsize, c->limit);
		return abort_transfer(c, STATUS_ETOOBIG, TFTP_ERR_OPTIONS, "file too large", reason);
	}
	if (t->has_blksize)
		c->blksize = t->blksize;
	c->have_tsize = t->has_tsize;
	c->tsize = t->tsize;
	c->state = TFTP_CLIENT_RECEIVING;
	return send_ack(c, 0, true);
}

static int take_data(struct tftp_client *c, const struct tftp_packet *t, const char **reason)
{
	if (t->block != c->expect) {
		/* The previous block again: our ACK was lost, say it again. */
		if (c->blocks > 0 && t->block == (uint16_t)(c->expect - 1))
			return send_ack(c, t->block, false);
		return TFTP_STEP_WAIT;
	}
	if (t->data_len > c->blksize) {
		snprintf(c->reason, sizeof(c->reason),
			 "TFTP: DATA block %u carries %zu bytes, more than the block size %u",
			 (unsigned)t->block, t->data_len, (unsigned)c->blksize);
		return abort_transfer(c, STATUS_EMALFORMED, TFTP_ERR_ILLEGAL_OP, "block too large", reason);
	}
	if (t->data_len > c->limit - c->received) {
		snprintf(c->reason, sizeof(c->reason), "TFTP: \"%s\" is larger than the %zu-byte limit",
			 c->filename, c->limit);
		return abort_transfer(c, STATUS_ETOOBIG, TFTP_ERR_DISK_FULL, "file too large", reason);
	}
	memcpy(c->buf + c->received, t->data, t->data_len);
	c->received += t->data_len;
	c->blocks++;
	c->state = TFTP_CLIENT_RECEIVING;
	/* Block numbers wrap from 65535 to 0, as common servers do. */
	c->expect = (uint16_t)(t->block + 1);
	send_ack(c, t->block, true);
	if (t->data_len == c->blksize)
		return TFTP_STEP_SEND;
	if (c->have_tsize && c->tsize != c->received) {
		snprintf(c->reason, sizeof(c->reason),
			 "TFTP: \"%s\" ended after %zu bytes, but the server announced %llu (tsize)",
			 c->filename, c->received, (unsigned long long)c->tsize);
		c->out_len = 0;
		return fail(c, STATUS_EMALFORMED, reason);
	}
	c->state = TFTP_CLIENT_FINISHED;
	return TFTP_STEP_DONE;
}

int tftp_client_input(struct tftp_client *c, uint16_t src_port, const uint8_t *pkt,
		      size_t len, const char **reason)
{
	struct tftp_packet t;
	const char *why;

	c->progress = false;
	if (c->state == TFTP_CLIENT_FINISHED || c->state == TFTP_CLIENT_FAILED)
		return TFTP_STEP_WAIT;
	if (c->server_port && src_port != c->server_port)
		return TFTP_STEP_WAIT;	/* another transfer's packet */
	if (tftp_parse(pkt, len, &t, &why) != STATUS_OK) {
		if (!c->server_port)
			return TFTP_STEP_WAIT;
		snprintf(c->reason, sizeof(c->reason), "%s", why);
		return abort_transfer(c, STATUS_EMALFORMED, TFTP_ERR_ILLEGAL_OP, "malformed packet", reason);
	}
	if (t.opcode == TFTP_ERROR) {
		/* RFC 2347: a server may refuse the options; ask again without. */
		if (t.error_code == TFTP_ERR_OPTIONS && c->state == TFTP_CLIENT_REQUESTING &&
		    c->blksize_asked) {
			c->blksize_asked = 0;
			c->server_port = 0;
			return send_rrq(c);
		}
		snprintf(c->reason, sizeof(c->reason), "TFTP: %s (server error %u: %s)",
			 tftp_error_name(t.error_code), (unsigned)t.error_code, t.error_msg);
		c->out_len = 0;
		return fail(c, STATUS_EREFUSED, reason);
	}
	c->server_port = src_port;
	if (t.opcode == TFTP_OACK)
		return take_oack(c, &t, reason);
	return take_data(c, &t, reason);
}

int tftp_client_timeout(struct tftp_client *c, const char **reason)
{
	if (c->state == TFTP_CLIENT_FINISHED || c->state == TFTP_CLIENT_FAILED)
		return status_fail(reason, STATUS_EINVAL, "TFTP: the transfer is over");
	if (c->tries >= c->max_tries) {
		if (c->state == TFTP_CLIENT_REQUESTING)
			snprintf(c->reason, sizeof(c->reason),
				 "TFTP: no answer to the request for \"%s\" after %u tries",
				 c->filename, c->tries);
		else
			snprintf(c->reason, sizeof(c->reason),
				 "TFTP: no DATA block %lu of \"%s\" after %u tries (%zu bytes received)",
				 (unsigned long)c->blocks + 1, c->filename, c->tries, c->received);
		c->out_len = 0;
		return fail(c, STATUS_ETIMEDOUT, reason);
	}
	c->tries++;
	return TFTP_STEP_SEND;
}
