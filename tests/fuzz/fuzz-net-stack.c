/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/net's stack: net_dhcp, then net_tftp_get, with
 * every received frame from the input. Records are [kind][length, 2
 * bytes][bytes]; kind & 3 is 0 for a DHCP payload (the client's xid and
 * MAC patched in, sent from 10.0.2.2:67), 1 for a TFTP payload from
 * 10.0.2.2 (port 69 or 2000 + kind >> 2), 2 for a raw frame, 3 for a
 * quiet spell of kind * 8 ms. Each call must end, within bounded time,
 * with success or a reason. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "net/ipv4.h"
#include "net/net-stack.h"
#include "status/status.h"
#include "net/udp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SERVER_IP	0x0a000202
#define CLIENT_IP	0x0a00020f

static const uint8_t client_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t server_mac[6] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };

struct feed {
	const uint8_t *data;
	size_t size, at;
	uint64_t now, quiet_until;
	uint8_t xid[4];
	uint16_t client_port;
};

static int feed_send(void *ctx, const void *frame, size_t len)
{
	struct feed *f = ctx;
	const uint8_t *b = frame;

	if (len < ETH_FRAME_MIN || len > ETH_FRAME_MAX)
		abort();
	/* Remember what a reply must match: the DHCP xid, the TFTP port. */
	if (len >= 42 + 8 && be16_read(b + 12) == ETH_TYPE_IPV4 && b[23] == IPV4_PROTO_UDP) {
		if (be16_read(b + 36) == 67)
			memcpy(f->xid, b + 42 + 4, 4);
		else
			f->client_port = be16_read(b + 34);
	}
	return 0;
}

static size_t wrap_udp(uint8_t *buf, uint16_t sport, uint32_t dst, uint16_t dport,
		       const uint8_t *p, size_t n)
{
	memcpy(buf + 42, p, n);
	udp_build(buf + 34, SERVER_IP, dst, sport, dport, n);
	ipv4_build(buf + 14, SERVER_IP, dst, IPV4_PROTO_UDP, 0, 8 + n);
	eth_build(buf, dst == IPV4_BROADCAST ? eth_broadcast : client_mac, server_mac, ETH_TYPE_IPV4);
	return 42 + n;
}

static int feed_receive(void *ctx, void *out, size_t cap)
{
	struct feed *f = ctx;
	uint8_t buf[ETH_FRAME_MAX];
	uint8_t kind;
	size_t n, len;

	if (f->now < f->quiet_until || f->at + 3 > f->size)
		return 0;
	kind = f->data[f->at];
	n = be16_read(f->data + f->at + 1);
	f->at += 3;
	if ((kind & 3) == 3) {
		f->quiet_until = f->now + kind * 8u;
		return 0;
	}
	if (n > f->size - f->at)
		n = f->size - f->at;
	if (n > ETH_FRAME_MAX - 42)
		n = ETH_FRAME_MAX - 42;
	memset(buf, 0, sizeof(buf));
	if ((kind & 3) == 2) {
		memcpy(buf, f->data + f->at, n);
		len = n;
	} else if ((kind & 3) == 0) {
		len = wrap_udp(buf, 67, IPV4_BROADCAST, 68, f->data + f->at, n);
		if (n >= 240) {
			memcpy(buf + 42 + 4, f->xid, 4);
			memcpy(buf + 42 + 28, client_mac, 6);
			udp_build(buf + 34, SERVER_IP, IPV4_BROADCAST, 67, 68, n);
		}
	} else {
		len = wrap_udp(buf, kind >> 2 ? (uint16_t)(2000 + (kind >> 2)) : 69, CLIENT_IP,
			       f->client_port, f->data + f->at, n);
	}
	f->at += n;
	if (len < ETH_FRAME_MIN)
		len = ETH_FRAME_MIN;
	if (len > cap)
		abort();
	memcpy(out, buf, len);
	return (int)len;
}

static uint64_t feed_now(void *ctx)
{
	struct feed *f = ctx;

	/* Every wait is bounded: a virtual hour means a hang. */
	if (++f->now > 3600000)
		abort();
	return f->now;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct net_stack s;
	static struct net_lease lease;
	static uint8_t file[200000];
	struct feed f = { .data = data, .size = size };
	struct net_ops ops = { feed_send, feed_receive, feed_now, &f };
	struct net_config cfg;
	const char *why = NULL;
	size_t got = 0;
	int rc;

	net_config_default(&cfg);
	cfg.dhcp_tries = 2;
	cfg.tftp_tries = 2;
	net_stack_init(&s, &ops, client_mac, &cfg);
	rc = net_dhcp(&s, &lease, &why);
	if (rc != STATUS_OK) {
		if (!why || !*why)
			abort();
		/* Carry on with a static address so the TFTP path is reached. */
		net_stack_configure(&s, CLIENT_IP, 0xffffff00, SERVER_IP);
	} else if (lease.ack_len > sizeof(lease.ack) || s.ip != lease.reply.yiaddr) {
		abort();
	}
	arp_cache_put(&s.arp, SERVER_IP, server_mac);
	why = NULL;
	rc = net_tftp_get(&s, SERVER_IP, "vmlinux", file, sizeof(file), &got, &why);
	if (rc != STATUS_OK && (!why || !*why))
		abort();
	if (got > sizeof(file))
		abort();
	return 0;
}
