/* SPDX-License-Identifier: MIT */
/* The fake network peer: see net-peer.h. Frames to the client go through
 * a queue where the configured faults are applied; frames from the client
 * are decoded with lib/net's parsers (a refusal is counted, so tests can
 * insist on zero) and answered at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "net-peer.h"
#include "net/arp.h"
#include "net/dhcp.h"
#include "net/ipv4.h"
#include "net/tftp.h"
#include "net/udp.h"

#define UDP_AT	(ETH_HLEN + IPV4_HLEN + UDP_HLEN)

void net_peer_init(struct net_peer *p)
{
	static const uint8_t mac[ETH_ALEN] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };

	memset(p, 0, sizeof(*p));
	memcpy(p->mac, mac, ETH_ALEN);
	p->server_ip = 0x0a000202;
	p->client_ip = 0x0a00020f;
	p->netmask = 0xffffff00;
	p->dns_ip = 0x0a000203;
	p->blksize_max = 1428;
	p->tftp_reply_from_69 = true;
}

void net_peer_add_file(struct net_peer *p, const char *name, const uint8_t *data, size_t len)
{
	if (p->n_files < NET_PEER_FILES)
		p->files[p->n_files++] = (struct net_peer_file){ name, data, len };
}

static bool bit(uint64_t mask, unsigned i)
{
	return i < 64 && (mask >> i & 1);
}

static void push(struct net_peer *p, const uint8_t *frame, size_t len)
{
	unsigned slot;

	if (p->q_count == NET_PEER_QUEUE || len > ETH_FRAME_MAX)
		return;		/* a full device ring drops, like hardware */
	slot = (p->q_head + p->q_count++) % NET_PEER_QUEUE;
	memcpy(p->queue[slot], frame, len);
	p->queue_len[slot] = len;
}

void net_peer_queue_raw(struct net_peer *p, const void *frame, size_t len)
{
	push(p, frame, len);
}

/* Applies the faults to the frame with the next index, then queues it. */
static void to_client(struct net_peer *p, uint8_t *frame, size_t len)
{
	unsigned i = p->frames_out++;

	if (bit(p->drop_mask, i) || (p->drop_every && (i + 1) % p->drop_every == 0))
		return;
	if (bit(p->corrupt_mask, i) && len > UDP_AT + 2)
		frame[UDP_AT + 2] ^= 0x5a;	/* payload byte: UDP checksum breaks */
	push(p, frame, len);
	if (bit(p->dup_mask, i))
		push(p, frame, len);
}

static void send_udp(struct net_peer *p, uint16_t sport, uint32_t dst, uint16_t dport,
		     uint8_t *frame, size_t payload_len)
{
	bool bcast = dst == IPV4_BROADCAST;

	udp_build(frame + ETH_HLEN + IPV4_HLEN, p->server_ip, dst, sport, dport, payload_len);
	if (p->udp_no_checksum)
		be16_write(frame + ETH_HLEN + IPV4_HLEN + 6, 0);
	ipv4_build(frame + ETH_HLEN, p->server_ip, dst, IPV4_PROTO_UDP, 0, UDP_HLEN + payload_len);
	eth_build(frame, bcast ? eth_broadcast : p->client_mac, p->mac, ETH_TYPE_IPV4);
	to_client(p, frame, UDP_AT + payload_len);
}

/* ---- DHCP server ---- */

static uint8_t *opt_u32(uint8_t *q, uint8_t code, uint32_t v)
{
	*q++ = code;
	*q++ = 4;
	be32_write(q, v);
	return q + 4;
}

static uint8_t *opt_str(uint8_t *q, uint8_t code, const char *s)
{
	*q++ = code;
	*q++ = (uint8_t)strlen(s);
	memcpy(q, s, strlen(s));
	return q + strlen(s);
}

static void dhcp_answer(struct net_peer *p, const uint8_t *req, uint8_t type)
{
	uint8_t frame[ETH_FRAME_MAX] = { 0 };
	uint8_t *m = frame + UDP_AT, *q;

	m[0] = 2;
	m[1] = 1;
	m[2] = 6;
	memcpy(m + 4, req + 4, 4);		/* xid */
	memcpy(m + 28, req + 28, 16);		/* chaddr */
	if (type != DHCP_NAK) {
		be32_write(m + 16, p->client_ip);
		be32_write(m + 20, p->server_ip);
	}
	if (p->bootfile)
		snprintf((char *)m + DHCP_FILE_OFFSET, DHCP_FILE_LEN, "%s", p->bootfile);
	m[236] = 99; m[237] = 130; m[238] = 83; m[239] = 99;
	q = m + DHCP_OPTIONS_OFFSET;
	*q++ = DHCP_OPT_MSG_TYPE;
	*q++ = 1;
	*q++ = type;
	if (type == DHCP_NAK) {
		q = opt_str(q, DHCP_OPT_MESSAGE, "requested address not available");
	} else {
		q = opt_u32(q, DHCP_OPT_SERVER_ID, type == DHCP_ACK && p->ack_server_id ?
					      p->ack_server_id : p->server_ip);
		q = opt_u32(q, DHCP_OPT_SUBNET, p->netmask);
		q = opt_u32(q, DHCP_OPT_ROUTER, p->server_ip);
		q = opt_u32(q, DHCP_OPT_DNS, p->dns_ip);
		q = opt_u32(q, DHCP_OPT_LEASE, 86400);
		if (p->tftp_server_name)
			q = opt_str(q, DHCP_OPT_TFTP_SERVER, p->tftp_server_name);
		if (p->root_path)
			q = opt_str(q, DHCP_OPT_ROOT_PATH, p->root_path);
		if (p->bootfile_opt67 && p->overload_file) {
			uint8_t *f = m + DHCP_FILE_OFFSET;

			memset(f, 0, DHCP_FILE_LEN);
			f = opt_str(f, DHCP_OPT_BOOTFILE, p->bootfile_opt67);
			*f = DHCP_OPT_END;
			*q++ = DHCP_OPT_OVERLOAD;
			*q++ = 1;
			*q++ = 1;
		} else if (p->bootfile_opt67) {
			q = opt_str(q, DHCP_OPT_BOOTFILE, p->bootfile_opt67);
		}
	}
	*q = DHCP_OPT_END;
	/* slirp's replies are a whole struct bootp_t: 236 + 312 bytes. */
	send_udp(p, DHCP_SERVER_PORT, IPV4_BROADCAST, DHCP_CLIENT_PORT, frame, 548);
}

/* An independent option walk: message type, options 50 and 54. */
static void dhcp_client_options(const uint8_t *m, size_t len, uint8_t *type, uint32_t *req_ip,
				uint32_t *server_id)
{
	size_t i = DHCP_OPTIONS_OFFSET;

	*type = 0;
	*req_ip = *server_id = 0;
	while (i + 1 < len && m[i] != DHCP_OPT_END) {
		if (m[i] == DHCP_OPT_PAD) {
			i++;
			continue;
		}
		if (i + 2 + m[i + 1] > len)
			return;
		if (m[i] == DHCP_OPT_MSG_TYPE)
			*type = m[i + 2];
		if (m[i] == DHCP_OPT_REQUESTED_IP)
			*req_ip = be32_read(m + i + 2);
		if (m[i] == DHCP_OPT_SERVER_ID)
			*server_id = be32_read(m + i + 2);
		i += 2 + (size_t)m[i + 1];
	}
}

static void dhcp_input(struct net_peer *p, const uint8_t *m, size_t len)
{
	uint8_t type;
	uint32_t req_ip, server_id;

	memcpy(p->last_dhcp, m, len < sizeof(p->last_dhcp) ? len : sizeof(p->last_dhcp));
	p->last_dhcp_len = len;
	if (len < DHCP_OPTIONS_OFFSET || m[0] != 1)
		return;
	dhcp_client_options(m, len, &type, &req_ip, &server_id);
	if (type == DHCP_DISCOVER)
		p->discovers++;
	if (type == DHCP_REQUEST)
		p->requests++;
	if (p->dhcp_silent)
		return;
	if (type == DHCP_DISCOVER)
		dhcp_answer(p, m, DHCP_OFFER);
	else if (type == DHCP_REQUEST)
		dhcp_answer(p, m, (p->dhcp_nak || req_ip != p->client_ip ||
				   server_id != p->server_ip) ? DHCP_NAK : DHCP_ACK);
}

/* ---- TFTP server ---- */

static void tftp_send(struct net_peer *p, uint8_t *frame, size_t len)
{
	p->last_send_ms = p->now;
	send_udp(p, p->session_port, p->client_ip, p->client_port, frame, len);
}

static void tftp_error(struct net_peer *p, uint16_t code, const char *msg)
{
	uint8_t frame[ETH_FRAME_MAX] = { 0 };

	tftp_send(p, frame, tftp_build_error(frame + UDP_AT, 512, code, msg));
	p->session = false;
}

/* Sends DATA for absolute block n (1-based). */
static void tftp_data(struct net_peer *p, uint32_t n)
{
	uint8_t frame[ETH_FRAME_MAX + 8] = { 0 };
	size_t off = (size_t)(n - 1) * p->blksize, len = 0;

	if (p->stop_after_blocks && n > p->stop_after_blocks)
		return;
	if (p->repeat_block && n > p->repeat_block)
		n = p->repeat_block;
	if (off < p->file->len)
		len = p->file->len - off < p->blksize ? p->file->len - off : p->blksize;
	if (p->oversize_block == n)
		len++;
	be16_write(frame + UDP_AT, TFTP_DATA);
	be16_write(frame + UDP_AT + 2, (uint16_t)n);
	if (off < p->file->len)
		memcpy(frame + UDP_AT + 4, p->file->data + off,
		       len > p->file->len - off ? p->file->len - off : len);
	p->sent_blocks = n;
	p->last_data_len = len;
	tftp_send(p, frame, 4 + len);
}

static void tftp_rrq(struct net_peer *p, uint16_t sport, const uint8_t *m, size_t len)
{
	uint8_t frame[ETH_FRAME_MAX] = { 0 };
	const char *s = (const char *)m + 2, *end = (const char *)m + len;
	const char *name, *mode;
	uint32_t blksize = 0;
	bool tsize = false, any = false;
	size_t o = UDP_AT + 2;
	unsigned i;

	memcpy(p->last_rrq, m, len < sizeof(p->last_rrq) ? len : sizeof(p->last_rrq));
	p->last_rrq_len = len;
	p->rrqs++;
	p->client_port = sport;
	p->session_port = p->tftp_reply_from_69 ? TFTP_SERVER_PORT : (uint16_t)(3000 + p->rrqs);
	p->session = true;
	p->finished = false;
	p->sent_blocks = 0;
	if (len < 2 || m[len - 1] != 0)
		return tftp_error(p, TFTP_ERR_ILLEGAL_OP, "bad request");
	name = s;
	s += strlen(s) + 1;
	mode = s < end ? s : "";
	s += strlen(mode) + 1;
	if (strcmp(mode, "octet") != 0)
		return tftp_error(p, TFTP_ERR_ILLEGAL_OP, "Unsupported transfer mode");
	while (s < end) {
		const char *key = s, *val = s + strlen(s) + 1;

		if (val >= end)
			break;
		s = val + strlen(val) + 1;
		any = true;
		if (strcmp(key, "blksize") == 0)
			blksize = (uint32_t)strtoul(val, NULL, 10);
		if (strcmp(key, "tsize") == 0)
			tsize = true;
	}
	if (p->rrq_error)
		return tftp_error(p, p->rrq_error, p->rrq_error_msg);
	p->file = NULL;
	for (i = 0; i < p->n_files; i++)
		if (strcmp(p->files[i].name, name) == 0)
			p->file = &p->files[i];
	if (!p->file)
		return tftp_error(p, TFTP_ERR_NOT_FOUND, "File not found");
	p->blksize = TFTP_BLKSIZE_DEFAULT;
	if (any && p->options_error8)
		return tftp_error(p, TFTP_ERR_OPTIONS, "options not supported");
	if (!any || !p->blksize_max)
		return tftp_data(p, 1);
	be16_write(frame + UDP_AT, TFTP_OACK);
	if (blksize) {
		p->blksize = (uint16_t)(blksize < p->blksize_max ? blksize : p->blksize_max);
		o += (size_t)sprintf((char *)frame + o, "blksize") + 1;
		o += (size_t)sprintf((char *)frame + o, "%u", (unsigned)p->blksize) + 1;
	}
	if (tsize) {
		o += (size_t)sprintf((char *)frame + o, "tsize") + 1;
		o += (size_t)sprintf((char *)frame + o, "%zu", p->file->len) + 1;
	}
	tftp_send(p, frame, o - UDP_AT);
}

static void tftp_input(struct net_peer *p, uint16_t sport, uint16_t dport, const uint8_t *m,
		       size_t len)
{
	uint16_t op, block;

	if (len < 4)
		return;
	op = be16_read(m);
	if (op == TFTP_RRQ && dport == TFTP_SERVER_PORT)
		return tftp_rrq(p, sport, m, len);
	if (!p->session || sport != p->client_port || dport != p->session_port)
		return;
	block = be16_read(m + 2);
	if (op == TFTP_ERROR) {
		p->client_errors++;
		p->last_client_error = block;
		p->session = false;
		return;
	}
	if (op != TFTP_ACK)
		return;
	p->acks++;
	if (block == (uint16_t)p->sent_blocks) {
		if (p->sent_blocks > 0 && p->last_data_len < p->blksize) {
			p->finished = true;
			p->session = false;
			return;
		}
		return tftp_data(p, p->sent_blocks + 1);
	}
	/* The previous block acknowledged again: our DATA was lost. Resend
	 * only after a while, so duplicate ACKs do not double the traffic
	 * (RFC 1123 4.2.3.1, the Sorcerer's Apprentice). */
	if (block == (uint16_t)(p->sent_blocks - 1) && p->now - p->last_send_ms >= 100)
		tftp_data(p, p->sent_blocks);
}

/* ---- the device ---- */

static void arp_input(struct net_peer *p, const uint8_t *frame, size_t len)
{
	uint8_t out[ETH_FRAME_MIN] = { 0 };
	struct arp_packet a;

	if (arp_parse(frame + ETH_HLEN, len - ETH_HLEN, &a, &(const char *){ NULL }) != 0) {
		p->bad_frames_from_client++;
		return;
	}
	if (a.op == ARP_OP_REPLY) {
		memcpy(p->last_arp_reply, frame, len);
		p->last_arp_reply_len = len;
		return;
	}
	p->arp_requests++;
	if (p->arp_silent || a.target_ip != p->server_ip)
		return;
	a.op = ARP_OP_REPLY;
	memcpy(a.target_mac, a.sender_mac, ETH_ALEN);
	a.target_ip = a.sender_ip;
	memcpy(a.sender_mac, p->mac, ETH_ALEN);
	a.sender_ip = p->server_ip;
	eth_build(out, a.target_mac, p->mac, ETH_TYPE_ARP);
	arp_build(out + ETH_HLEN, &a);
	to_client(p, out, sizeof(out));
}

static int peer_send(void *ctx, const void *data, size_t len)
{
	struct net_peer *p = ctx;
	const uint8_t *frame = data, *ip_payload, *udp_payload;
	size_t ip_len, udp_len;
	struct eth_hdr eth;
	struct ipv4_hdr ip;
	struct udp_hdr udp;
	const char *why;

	if (bit(p->drop_from_client_mask, p->frames_in++))
		return 0;
	if (len < ETH_FRAME_MIN || len > ETH_FRAME_MAX ||
	    eth_parse(frame, len, &eth, &ip_payload, &ip_len, &why) != 0) {
		p->bad_frames_from_client++;
		return 0;
	}
	memcpy(p->client_mac, eth.src, ETH_ALEN);
	if (eth.type == ETH_TYPE_ARP)
		return arp_input(p, frame, len), 0;
	if (eth.type != ETH_TYPE_IPV4 ||
	    ipv4_parse(ip_payload, ip_len, &ip, &udp_payload, &udp_len, &why) != 0 ||
	    ip.proto != IPV4_PROTO_UDP ||
	    udp_parse(ip.src, ip.dst, udp_payload, udp_len, &udp, &udp_payload, &udp_len, &why) != 0 ||
	    be16_read(frame + ETH_HLEN + IPV4_HLEN + 6) == 0) {
		p->bad_frames_from_client++;
		return 0;
	}
	if (udp.dst_port == DHCP_SERVER_PORT)
		dhcp_input(p, udp_payload, udp_len);
	else if (ip.dst == p->server_ip)
		tftp_input(p, udp.src_port, udp.dst_port, udp_payload, udp_len);
	return 0;
}

static int peer_receive(void *ctx, void *buf, size_t cap)
{
	struct net_peer *p = ctx;
	size_t len;

	p->now++;	/* every poll lets virtual time pass */
	if (p->q_count == 0)
		return 0;
	len = p->queue_len[p->q_head];
	if (len > cap)
		len = cap;
	memcpy(buf, p->queue[p->q_head], len);
	p->q_head = (p->q_head + 1) % NET_PEER_QUEUE;
	p->q_count--;
	return (int)len;
}

static uint64_t peer_now(void *ctx)
{
	return ((struct net_peer *)ctx)->now;
}

struct net_ops net_peer_ops(struct net_peer *p)
{
	return (struct net_ops){ peer_send, peer_receive, peer_now, p };
}

void net_peer_ask_arp(struct net_peer *p)
{
	uint8_t out[ETH_FRAME_MIN] = { 0 };
	struct arp_packet a = { .op = ARP_OP_REQUEST, .sender_ip = p->server_ip,
				.target_ip = p->client_ip };

	memcpy(a.sender_mac, p->mac, ETH_ALEN);
	eth_build(out, eth_broadcast, p->mac, ETH_TYPE_ARP);
	arp_build(out + ETH_HLEN, &a);
	push(p, out, sizeof(out));
}
