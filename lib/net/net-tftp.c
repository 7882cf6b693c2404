/* SPDX-License-Identifier: MIT */
/* Runs a tftp_client over the stack: sends what it asks, feeds it the
 * server's datagrams, and turns the clock into its timeouts. */
#include <stdio.h>
#include <string.h>

#include "net/net-stack.h"
#include "status/status.h"
#include "net/tftp-client.h"

/* Keeps why in s->reason: it may point into the tftp_client on our stack. */
static int finish(struct net_stack *s, const char *why, int code, const char **reason)
{
	if (why != s->reason)
		snprintf(s->reason, sizeof(s->reason), "%s", why);
	return status_fail(reason, code, s->reason);
}

static uint16_t take_port(struct net_stack *s)
{
	uint16_t port = s->next_port;

	s->next_port = port == 65535 ? 49152 : (uint16_t)(port + 1);
	return port;
}

/* Waits for the next step of c until the deadline: a tftp_step, or a
 * negative status (STATUS_ETIMEDOUT when the wait ran out). */
static int wait_step(struct net_stack *s, struct tftp_client *c, uint32_t server, uint16_t port,
		     uint64_t deadline, const char **reason)
{
	struct net_udp_rx rx;
	int rc;

	while (s->ops.now_ms(s->ops.ctx) < deadline) {
		rc = net_stack_poll(s, &rx, reason);
		if (rc < 0)
			return rc;
		if (rc == 0 || rx.src_ip != server || rx.dst_port != port)
			continue;
		rc = tftp_client_input(c, rx.src_port, rx.data, rx.len, reason);
		if (rc != TFTP_STEP_WAIT)
			return rc;
	}
	return STATUS_ETIMEDOUT;
}

int net_tftp_get(struct net_stack *s, uint32_t server, const char *filename, void *buf,
		 size_t limit, size_t *size, const char **reason)
{
	struct tftp_client c;
	uint16_t port = take_port(s);
	uint64_t deadline;
	const char *why;
	int step, rc;

	*size = 0;
	if (server == 0 || server == 0xffffffffu)
		return finish(s, "TFTP: no server address", STATUS_EINVAL, reason);
	rc = tftp_client_start(&c, filename, buf, limit, s->cfg.tftp_blksize, s->cfg.tftp_tries, &why);
	if (rc)
		return finish(s, why, rc, reason);
	step = TFTP_STEP_SEND;
	deadline = 0;
	for (;;) {
		uint16_t dst = c.server_port ? c.server_port : TFTP_SERVER_PORT;

		if (step == TFTP_STEP_SEND || step == TFTP_STEP_DONE) {
			rc = net_stack_send_udp(s, server, port, dst, c.out, c.out_len, &why);
			if (rc)
				return finish(s, why, rc, reason);
			if (step == TFTP_STEP_DONE)
				break;
		}
		/* Only progress or a timeout starts a new wait: a server
		 * repeating old blocks cannot keep us here. */
		if (deadline == 0 || c.progress)
			deadline = s->ops.now_ms(s->ops.ctx) + s->cfg.tftp_timeout_ms;
		step = wait_step(s, &c, server, port, deadline, &why);
		if (step == STATUS_ETIMEDOUT) {
			step = tftp_client_timeout(&c, &why);
			deadline = 0;
		}
		if (step < 0) {
			/* Tell the server why we stop, so it frees its session. */
			if (c.out_len && c.server_port)
				net_stack_send_udp(s, server, port, c.server_port, c.out, c.out_len,
						   &(const char *){ NULL });
			return finish(s, why, step, reason);
		}
	}
	*size = c.received;
	return STATUS_OK;
}
