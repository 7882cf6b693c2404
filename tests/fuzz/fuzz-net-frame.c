/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/net's frame parsers (Ethernet, ARP, IPv4, UDP)
 * and the stack's receive path. Each input is tried as is and with its
 * IPv4 and UDP checksums made right, so mutations get past them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "net/arp.h"
#include "net/eth.h"
#include "net/inet-csum.h"
#include "net/ipv4.h"
#include "net/net-stack.h"
#include "status/status.h"
#include "net/udp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct one_frame {
	const uint8_t *data;
	size_t size;
	bool given;
	unsigned sent;
	uint64_t now;
};

static int frame_send(void *ctx, const void *f, size_t len)
{
	struct one_frame *o = ctx;

	(void)f;
	if (len < ETH_FRAME_MIN || len > ETH_FRAME_MAX)
		abort();
	o->sent++;
	return 0;
}

static int frame_receive(void *ctx, void *buf, size_t cap)
{
	struct one_frame *o = ctx;
	size_t n = o->size < cap ? o->size : cap;

	if (o->given)
		return 0;
	o->given = true;
	memcpy(buf, o->data, n);
	return (int)n;
}

static uint64_t frame_now(void *ctx)
{
	return ((struct one_frame *)ctx)->now++;
}

static void parse(const uint8_t *f, size_t len)
{
	struct eth_hdr eth;
	struct arp_packet arp;
	struct ipv4_hdr ip;
	struct udp_hdr udp;
	const uint8_t *p, *q, *r;
	size_t plen, qlen, rlen;
	const char *why = NULL;

	if (eth_parse(f, len, &eth, &p, &plen, &why) != STATUS_OK) {
		if (!why)
			abort();
		return;
	}
	if (p + plen != f + len)
		abort();
	if (eth.type == ETH_TYPE_ARP) {
		why = NULL;
		if (arp_parse(p, plen, &arp, &why) != STATUS_OK && !why)
			abort();
		return;
	}
	why = NULL;
	if (ipv4_parse(p, plen, &ip, &q, &qlen, &why) != STATUS_OK) {
		if (!why)
			abort();
		return;
	}
	if (q < p || q + qlen > p + plen || ip.hdr_len < 20 || ip.hdr_len > 60)
		abort();
	why = NULL;
	if (udp_parse(ip.src, ip.dst, q, qlen, &udp, &r, &rlen, &why) != STATUS_OK) {
		if (!why)
			abort();
		return;
	}
	if (r != q + 8 || r + rlen > q + qlen)
		abort();
}

/* Rewrites the IPv4 header checksum and, for UDP, the UDP checksum. */
static void fix_checksums(uint8_t *f, size_t len)
{
	uint8_t *ip = f + ETH_HLEN;
	size_t hl, total;
	uint32_t sum;
	uint8_t ph[12];

	if (len < ETH_HLEN + IPV4_HLEN)
		return;
	hl = (size_t)(ip[0] & 0xf) * 4;
	total = be16_read(ip + 2);
	if (hl < IPV4_HLEN || hl > len - ETH_HLEN)
		return;
	be16_write(ip + 10, 0);
	be16_write(ip + 10, inet_csum_finish(inet_csum_add(0, ip, hl)));
	if (ip[9] != IPV4_PROTO_UDP || total > len - ETH_HLEN || total < hl + 8)
		return;
	memcpy(ph, ip + 12, 8);
	ph[8] = 0;
	ph[9] = IPV4_PROTO_UDP;
	memcpy(ph + 10, ip + hl + 4, 2);
	if (be16_read(ph + 10) < 8 || be16_read(ph + 10) > total - hl)
		return;
	be16_write(ip + hl + 6, 0);
	sum = inet_csum_add(inet_csum_add(0, ph, 12), ip + hl, be16_read(ph + 10));
	be16_write(ip + hl + 6, inet_csum_finish(sum));
}

static void run_stack(const uint8_t *f, size_t len, bool configured)
{
	static struct net_stack s;
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	struct one_frame o = { f, len, false, 0, 0 };
	struct net_ops ops = { frame_send, frame_receive, frame_now, &o };
	struct net_udp_rx rx;
	const char *why = NULL;
	int rc;

	net_stack_init(&s, &ops, mac, NULL);
	if (configured)
		net_stack_configure(&s, 0x0a00020f, 0xffffff00, 0x0a000202);
	rc = net_stack_poll(&s, &rx, &why);
	if (rc == 1 && (rx.data < s.rx || rx.data + rx.len > s.rx + sizeof(s.rx)))
		abort();
	if (rc < 0 || o.sent > 1)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *f;

	parse(data, size);
	run_stack(data, size, size & 1);
	f = malloc(size ? size : 1);
	if (!f)
		return 0;
	memcpy(f, data, size);
	fix_checksums(f, size);
	parse(f, size);
	run_stack(f, size, true);
	free(f);
	return 0;
}
