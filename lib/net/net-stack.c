/* SPDX-License-Identifier: MIT */
/* The stack's frame handling: receive and demultiplex (ARP answered here,
 * UDP handed up), next-hop resolution and UDP send. */
#include <stdio.h>
#include <string.h>

#include "net/ipv4.h"
#include "net/net-stack.h"
#include "status/status.h"
#include "net/udp.h"

#define NET_UDP_OFFSET	(ETH_HLEN + IPV4_HLEN + UDP_HLEN)

void net_config_default(struct net_config *cfg)
{
	cfg->arp_tries = 3;
	cfg->arp_timeout_ms = 500;
	cfg->dhcp_tries = 4;
	cfg->dhcp_timeout_ms = 1000;
	cfg->tftp_tries = 5;
	cfg->tftp_timeout_ms = 1000;
	/* Fills a 1500-byte MTU exactly (1500 - 20 IPv4 - 8 UDP - 4 TFTP);
	 * a server with a smaller maximum answers its own (QEMU's: 1428). */
	cfg->tftp_blksize = 1468;
}

void net_stack_init(struct net_stack *s, const struct net_ops *ops, const uint8_t mac[ETH_ALEN],
		    const struct net_config *cfg)
{
	memset(s, 0, sizeof(*s));
	s->ops = *ops;
	if (cfg)
		s->cfg = *cfg;
	else
		net_config_default(&s->cfg);
	memcpy(s->mac, mac, ETH_ALEN);
	arp_cache_init(&s->arp);
	/* Distinct hosts start at distinct ports in the dynamic range. */
	s->next_port = (uint16_t)(49152 + ((mac[4] << 8 | mac[5]) & 0x3fff));
}

void net_stack_configure(struct net_stack *s, uint32_t ip, uint32_t netmask, uint32_t router)
{
	s->ip = ip;
	s->netmask = netmask;
	s->router = router;
}

static int send_frame(struct net_stack *s, size_t len, const char **reason)
{
	if (len < ETH_FRAME_MIN) {
		memset(s->tx + len, 0, ETH_FRAME_MIN - len);
		len = ETH_FRAME_MIN;
	}
	if (s->ops.send(s->ops.ctx, s->tx, len) != 0)
		return status_fail(reason, STATUS_EDEVICE, "net: the network device failed to send a frame");
	return STATUS_OK;
}

static void send_arp(struct net_stack *s, uint16_t op, const uint8_t *dst_mac, uint32_t target_ip)
{
	struct arp_packet a;
	const char *ignored;

	a.op = op;
	memcpy(a.sender_mac, s->mac, ETH_ALEN);
	a.sender_ip = s->ip;
	memcpy(a.target_mac, op == ARP_OP_REPLY ? dst_mac : (const uint8_t[ETH_ALEN]){ 0 }, ETH_ALEN);
	a.target_ip = target_ip;
	eth_build(s->tx, dst_mac, s->mac, ETH_TYPE_ARP);
	arp_build(s->tx + ETH_HLEN, &a);
	/* A lost ARP frame is covered by the requester's retry. */
	send_frame(s, ETH_HLEN + ARP_LEN, &ignored);
}

static void take_arp(struct net_stack *s, const uint8_t *p, size_t len)
{
	struct arp_packet a;

	if (arp_parse(p, len, &a, &s->last_drop) != STATUS_OK)
		return;
	if (s->ip == 0 || a.target_ip != s->ip)
		return;
	/* RFC 826: a packet for us teaches us its sender. */
	arp_cache_put(&s->arp, a.sender_ip, a.sender_mac);
	if (a.op == ARP_OP_REQUEST)
		send_arp(s, ARP_OP_REPLY, a.sender_mac, a.sender_ip);
}

static bool ip_for_us(const struct net_stack *s, uint32_t dst)
{
	if (s->ip == 0)	/* unconfigured: DHCP replies may use any address */
		return true;
	return dst == s->ip || dst == IPV4_BROADCAST ||
	       (s->netmask && dst == (s->ip | ~s->netmask));
}

static int take_ipv4(struct net_stack *s, const uint8_t *p, size_t len, struct net_udp_rx *rx)
{
	struct ipv4_hdr ip;
	struct udp_hdr udp;
	const uint8_t *seg;
	size_t seg_len;

	if (ipv4_parse(p, len, &ip, &seg, &seg_len, &s->last_drop) != STATUS_OK)
		return 0;
	if (!ip_for_us(s, ip.dst) || ip.proto != IPV4_PROTO_UDP)
		return 0;
	if (udp_parse(ip.src, ip.dst, seg, seg_len, &udp, &rx->data, &rx->len, &s->last_drop) != STATUS_OK)
		return 0;
	rx->src_ip = ip.src;
	rx->dst_ip = ip.dst;
	rx->src_port = udp.src_port;
	rx->dst_port = udp.dst_port;
	return 1;
}

int net_stack_poll(struct net_stack *s, struct net_udp_rx *rx, const char **reason)
{
	struct eth_hdr eth;
	const uint8_t *p;
	size_t len;
	int n = s->ops.receive(s->ops.ctx, s->rx, sizeof(s->rx));

	if (n < 0)
		return status_fail(reason, STATUS_EDEVICE, "net: the network device failed to receive");
	if (n == 0)
		return 0;
	if ((size_t)n > sizeof(s->rx)) {
		s->last_drop = "net: the device returned a frame longer than its buffer";
		return 0;
	}
	if (eth_parse(s->rx, (size_t)n, &eth, &p, &len, &s->last_drop) != STATUS_OK)
		return 0;
	if (!eth_addr_equal(eth.dst, s->mac) && !eth_addr_equal(eth.dst, eth_broadcast))
		return 0;
	if (eth.type == ETH_TYPE_ARP) {
		take_arp(s, p, len);
		return 0;
	}
	if (eth.type == ETH_TYPE_IPV4)
		return take_ipv4(s, p, len, rx);
	return 0;
}

int net_stack_resolve(struct net_stack *s, uint32_t ip, uint8_t mac[ETH_ALEN],
		      const char **reason)
{
	struct net_udp_rx rx;
	char name[16];
	unsigned try;
	int rc;

	for (try = 0; try < s->cfg.arp_tries; try++) {
		uint64_t deadline;

		if (arp_cache_find(&s->arp, ip, mac))
			return STATUS_OK;
		send_arp(s, ARP_OP_REQUEST, eth_broadcast, ip);
		deadline = s->ops.now_ms(s->ops.ctx) + s->cfg.arp_timeout_ms;
		while (!arp_cache_find(&s->arp, ip, mac)) {
			if (s->ops.now_ms(s->ops.ctx) >= deadline)
				break;
			/* Datagrams arriving meanwhile are dropped: UDP users retry. */
			rc = net_stack_poll(s, &rx, reason);
			if (rc < 0)
				return rc;
		}
	}
	if (arp_cache_find(&s->arp, ip, mac))
		return STATUS_OK;
	ipv4_format(ip, name);
	snprintf(s->reason, sizeof(s->reason), "ARP: no reply from %s after %u tries", name,
		 s->cfg.arp_tries);
	return status_fail(reason, STATUS_ETIMEDOUT, s->reason);
}

int net_stack_send_udp(struct net_stack *s, uint32_t dst_ip, uint16_t src_port,
		       uint16_t dst_port, const void *payload, size_t len, const char **reason)
{
	uint8_t dst_mac[ETH_ALEN];
	uint32_t hop = dst_ip;
	int rc;

	if (len > ETH_MTU - IPV4_HLEN - UDP_HLEN)
		return status_fail(reason, STATUS_EINVAL, "net: UDP payload larger than one frame");
	if (dst_ip == IPV4_BROADCAST) {
		memcpy(dst_mac, eth_broadcast, ETH_ALEN);
	} else {
		if (s->netmask && s->router && ((dst_ip ^ s->ip) & s->netmask))
			hop = s->router;	/* off our subnet */
		rc = net_stack_resolve(s, hop, dst_mac, reason);
		if (rc)
			return rc;
	}
	memmove(s->tx + NET_UDP_OFFSET, payload, len);
	udp_build(s->tx + ETH_HLEN + IPV4_HLEN, s->ip, dst_ip, src_port, dst_port, len);
	ipv4_build(s->tx + ETH_HLEN, s->ip, dst_ip, IPV4_PROTO_UDP, s->ip_id++, UDP_HLEN + len);
	eth_build(s->tx, dst_mac, s->mac, ETH_TYPE_IPV4);
	return send_frame(s, NET_UDP_OFFSET + len, reason);
}
