/* SPDX-License-Identifier: MIT */
/* DHCP client exchange (RFC 2131 section 3.1): DISCOVER until an OFFER,
 * then REQUEST until an ACK or NAK, each phase bounded by tries x time. */
#include <stdio.h>
#include <string.h>

#include "net/ipv4.h"
#include "net/net-stack.h"
#include "status/status.h"

struct dhcp_exchange {
	struct dhcp_request req;
	uint64_t start_ms;
	uint8_t msg[DHCP_MSG_MIN];
};

static int failf(struct net_stack *s, const char **reason, int code, const char *what)
{
	if (s->last_drop)
		snprintf(s->reason, sizeof(s->reason), "DHCP: %s after %u tries (last packet dropped: %s)",
			 what, s->cfg.dhcp_tries, s->last_drop);
	else
		snprintf(s->reason, sizeof(s->reason), "DHCP: %s after %u tries", what, s->cfg.dhcp_tries);
	return status_fail(reason, code, s->reason);
}

/* Waits until deadline for a reply of type want (or a NAK); STATUS_OK with
 * *r and the payload in rx, STATUS_ETIMEDOUT when none came. */
static int wait_reply(struct net_stack *s, const struct dhcp_exchange *x, uint8_t want,
		      uint64_t deadline, struct dhcp_reply *r, struct net_udp_rx *rx,
		      const char **reason)
{
	const char *why;
	int rc;

	while (s->ops.now_ms(s->ops.ctx) < deadline) {
		rc = net_stack_poll(s, rx, reason);
		if (rc < 0)
			return rc;
		if (rc == 0 || rx->dst_port != DHCP_CLIENT_PORT || rx->src_port != DHCP_SERVER_PORT)
			continue;
		rc = dhcp_parse_reply(rx->data, rx->len, x->req.xid, x->req.mac, r, &why);
		if (rc == STATUS_EMALFORMED)
			s->last_drop = why;
		if (rc != STATUS_OK)
			continue;
		if (want == DHCP_OFFER && r->msg_type == DHCP_OFFER && r->yiaddr == 0) {
			s->last_drop = "DHCP: offer names no address (yiaddr 0.0.0.0)";
			continue;
		}
		/* RFC 2131 4.4.1: only the chosen server's answer counts. */
		if (want == DHCP_ACK && r->server_id && r->server_id != x->req.server_id)
			continue;
		if (r->msg_type == want || (want == DHCP_ACK && r->msg_type == DHCP_NAK))
			return STATUS_OK;
	}
	return STATUS_ETIMEDOUT;
}

/* Sends x->req (type set by the caller) up to dhcp_tries times. */
static int exchange(struct net_stack *s, struct dhcp_exchange *x, uint8_t want,
		    struct dhcp_reply *r, struct net_udp_rx *rx, const char **reason)
{
	unsigned try;
	int rc;

	for (try = 0; try < s->cfg.dhcp_tries; try++) {
		uint64_t now = s->ops.now_ms(s->ops.ctx);
		uint64_t wait = (uint64_t)s->cfg.dhcp_timeout_ms << (try < 2 ? try : 2);
		size_t len;

		x->req.secs = (uint16_t)((now - x->start_ms) / 1000);
		len = dhcp_build(x->msg, sizeof(x->msg), &x->req);
		rc = net_stack_send_udp(s, IPV4_BROADCAST, DHCP_CLIENT_PORT, DHCP_SERVER_PORT,
					x->msg, len, reason);
		if (rc)
			return rc;
		rc = wait_reply(s, x, want, now + wait, r, rx, reason);
		if (rc != STATUS_ETIMEDOUT)
			return rc;
	}
	return STATUS_ETIMEDOUT;
}

int net_dhcp(struct net_stack *s, struct net_lease *lease, const char **reason)
{
	struct dhcp_exchange x;
	struct net_udp_rx rx;
	uint32_t offered, server;
	char name[16];
	int rc;

	memset(&x, 0, sizeof(x));
	memset(lease, 0, sizeof(*lease));
	net_stack_configure(s, 0, 0, 0);
	s->last_drop = NULL;
	x.start_ms = s->ops.now_ms(s->ops.ctx);
	memcpy(x.req.mac, s->mac, ETH_ALEN);
	/* Unique enough on one network segment: the MAC mixed with the clock. */
	x.req.xid = (uint32_t)(s->mac[2] << 24 | s->mac[3] << 16 | s->mac[4] << 8 | s->mac[5]) ^
		    (uint32_t)(x.start_ms * 2654435761u);
	x.req.type = DHCP_DISCOVER;
	rc = exchange(s, &x, DHCP_OFFER, &lease->reply, &rx, reason);
	if (rc == STATUS_ETIMEDOUT)
		return failf(s, reason, rc, "no offer");
	if (rc)
		return rc;
	offered = lease->reply.yiaddr;
	/* RFC 2131 requires option 54; fall back to the offer's source. */
	server = lease->reply.server_id ? lease->reply.server_id : rx.src_ip;

	s->last_drop = NULL;
	x.req.type = DHCP_REQUEST;
	x.req.requested_ip = offered;
	x.req.server_id = server;
	rc = exchange(s, &x, DHCP_ACK, &lease->reply, &rx, reason);
	if (rc == STATUS_ETIMEDOUT)
		return failf(s, reason, rc, "no acknowledgement");
	if (rc)
		return rc;
	if (lease->reply.msg_type == DHCP_NAK) {
		ipv4_format(rx.src_ip, name);
		snprintf(s->reason, sizeof(s->reason), "DHCP: server %s refused the lease (NAK%s%s)",
			 name, lease->reply.message[0] ? ": " : "", lease->reply.message);
		return status_fail(reason, STATUS_EREFUSED, s->reason);
	}
	if (lease->reply.yiaddr == 0)
		lease->reply.yiaddr = offered;
	memcpy(lease->ack, rx.data, rx.len);
	lease->ack_len = rx.len;
	lease->tftp_server = dhcp_reply_tftp_server(&lease->reply);
	net_stack_configure(s, lease->reply.yiaddr, lease->reply.subnet_mask, lease->reply.router);
	return STATUS_OK;
}
