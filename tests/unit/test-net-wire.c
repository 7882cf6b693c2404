/* SPDX-License-Identifier: MIT */
/* lib/net wire formats: Internet checksum, Ethernet, ARP (and its cache),
 * IPv4 and UDP, against byte vectors computed outside this code. */
#include <stdint.h>
#include <string.h>

#include "net/arp.h"
#include "net/eth.h"
#include "net/inet-csum.h"
#include "net/ipv4.h"
#include "status/status.h"
#include "net/udp.h"
#include "unit.h"

static void test_checksum(void)
{
	/* RFC 1071 section 3 example: the sum is 0xddf2. */
	static const uint8_t rfc1071[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	static const uint8_t odd[] = { 0x12, 0x34, 0x56 };

	CHECK_EQ_U64(inet_csum_finish(inet_csum_add(0, rfc1071, sizeof(rfc1071))), 0x220d);
	/* In two pieces: the sum does not depend on where it is split. */
	CHECK_EQ_U64(inet_csum_finish(inet_csum_add(inet_csum_add(0, rfc1071, 4), rfc1071 + 4, 4)),
		     0x220d);
	/* An odd tail is padded with a zero byte: 0x1234 + 0x5600. */
	CHECK_EQ_U64(inet_csum_finish(inet_csum_add(0, odd, 3)), (uint16_t)~0x6834);
}

static void test_eth(void)
{
	static const uint8_t dst[6] = { 1, 2, 3, 4, 5, 6 }, src[6] = { 0xa, 0xb, 0xc, 0xd, 0xe, 0xf };
	static const uint8_t want[16] = { 1, 2, 3, 4, 5, 6, 0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0x08, 0x06, 0x77, 0x88 };
	uint8_t f[16] = { 0 };
	struct eth_hdr h;
	const uint8_t *pl;
	size_t pl_len;
	const char *why = NULL;

	CHECK_EQ_U64(eth_build(f, dst, src, ETH_TYPE_ARP), 14);
	f[14] = 0x77;
	f[15] = 0x88;
	CHECK(memcmp(f, want, 16) == 0);
	CHECK_EQ_U64(eth_parse(f, 16, &h, &pl, &pl_len, &why), STATUS_OK);
	CHECK_EQ_U64(h.type, ETH_TYPE_ARP);
	CHECK(memcmp(h.dst, dst, 6) == 0 && memcmp(h.src, src, 6) == 0);
	CHECK(pl == f + 14 && pl_len == 2);
	CHECK_EQ_U64(eth_parse(f, 13, &h, &pl, &pl_len, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "Ethernet: frame shorter than its 14-byte header");
	f[12] = 0x05;
	f[13] = 0xdc;	/* 1500: an 802.3 length */
	CHECK_EQ_U64(eth_parse(f, 16, &h, &pl, &pl_len, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "Ethernet: 802.3 length field instead of an EtherType");
}

static void test_arp(void)
{
	/* Who has 10.0.2.2? Tell 10.0.2.15 (52:54:00:12:34:56). */
	static const uint8_t want[28] = {
		0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01,
		0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 10, 0, 2, 15,
		0, 0, 0, 0, 0, 0, 10, 0, 2, 2,
	};
	struct arp_packet a = { .op = ARP_OP_REQUEST, .sender_mac = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 },
				.sender_ip = 0x0a00020f, .target_ip = 0x0a000202 };
	struct arp_packet b;
	uint8_t p[28];
	const char *why = NULL;

	CHECK_EQ_U64(arp_build(p, &a), 28);
	CHECK(memcmp(p, want, 28) == 0);
	CHECK_EQ_U64(arp_parse(p, 28, &b, &why), STATUS_OK);
	CHECK_EQ_U64(b.op, 1);
	CHECK_EQ_U64(b.sender_ip, 0x0a00020f);
	CHECK_EQ_U64(b.target_ip, 0x0a000202);
	CHECK(memcmp(b.sender_mac, a.sender_mac, 6) == 0);
	CHECK_EQ_U64(arp_parse(p, 27, &b, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "ARP: packet shorter than 28 bytes");
	p[5] = 16;	/* IPv6-sized protocol addresses */
	CHECK_EQ_U64(arp_parse(p, 28, &b, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "ARP: not Ethernet/IPv4 (hardware 1, protocol 0x0800, lengths 6 and 4)");
	p[5] = 4;
	p[7] = 3;	/* RARP request */
	CHECK_EQ_U64(arp_parse(p, 28, &b, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "ARP: operation is neither request (1) nor reply (2)");
}

static void test_arp_cache(void)
{
	struct arp_cache c;
	uint8_t mac[6] = { 0 }, got[6];
	unsigned i;

	arp_cache_init(&c);
	CHECK(!arp_cache_find(&c, 0x0a000202, got));
	for (i = 1; i <= ARP_CACHE_SIZE; i++) {
		mac[5] = (uint8_t)i;
		arp_cache_put(&c, 0x0a000200 + i, mac);
	}
	CHECK(arp_cache_find(&c, 0x0a000201, got) && got[5] == 1);
	/* Updating an entry keeps one entry for the address. */
	mac[5] = 0x99;
	arp_cache_put(&c, 0x0a000201, mac);
	CHECK(arp_cache_find(&c, 0x0a000201, got) && got[5] == 0x99);
	/* The ninth address replaces the least recently stored (.2). */
	mac[5] = 9;
	arp_cache_put(&c, 0x0a000209, mac);
	CHECK(!arp_cache_find(&c, 0x0a000202, got));
	CHECK(arp_cache_find(&c, 0x0a000201, got) && got[5] == 0x99);
	CHECK(arp_cache_find(&c, 0x0a000209, got) && got[5] == 9);
	arp_cache_put(&c, 0, mac);
	arp_cache_put(&c, 0xffffffff, mac);
	CHECK(!arp_cache_find(&c, 0, got) && !arp_cache_find(&c, 0xffffffff, got));
}

static void test_ipv4(void)
{
	/* A well-known header: 192.168.0.1 -> 192.168.0.199, UDP, DF, TTL 64,
	 * total length 0x73, checksum 0xb861. */
	static const uint8_t want[20] = {
		0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xb8, 0x61,
		0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
	};
	uint8_t p[0x80] = { 0 };
	struct ipv4_hdr h;
	const uint8_t *pl;
	size_t pl_len;
	const char *why = NULL;
	char text[16];
	uint32_t ip;

	CHECK_EQ_U64(ipv4_build(p, 0xc0a80001, 0xc0a800c7, IPV4_PROTO_UDP, 0, 0x73 - 20), 20);
	CHECK(memcmp(p, want, 20) == 0);
	/* Ethernet padding past the total length is not payload. */
	CHECK_EQ_U64(ipv4_parse(p, sizeof(p), &h, &pl, &pl_len, &why), STATUS_OK);
	CHECK_EQ_U64(h.src, 0xc0a80001);
	CHECK_EQ_U64(h.dst, 0xc0a800c7);
	CHECK_EQ_U64(h.proto, 17);
	CHECK(pl == p + 20 && pl_len == 0x73 - 20);

	CHECK_EQ_U64(ipv4_parse(p, 19, &h, &pl, &pl_len, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "IPv4: packet shorter than its 20-byte header");
	CHECK_EQ_U64(ipv4_parse(p, 0x72, &h, &pl, &pl_len, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "IPv4: total length is shorter than the header or longer than the frame");
	p[0] = 0x65;
	CHECK_EQ_U64(ipv4_parse(p, sizeof(p), &h, &pl, &pl_len, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "IPv4: version is not 4");
	p[0] = 0x44;
	CHECK_EQ_U64(ipv4_parse(p, sizeof(p), &h, &pl, &pl_len, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "IPv4: header length below 20 bytes");
	p[0] = 0x4f;
	CHECK_EQ_U64(ipv4_parse(p, 40, &h, &pl, &pl_len, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "IPv4: header runs past the end of the frame");
	p[0] = 0x45;
	p[8] = 63;	/* TTL changed, checksum not */
	CHECK_EQ_U64(ipv4_parse(p, sizeof(p), &h, &pl, &pl_len, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "IPv4: header checksum mismatch");
	/* More fragments, then an offset: both refused with the reason. */
	ipv4_build(p, 0xc0a80001, 0xc0a800c7, IPV4_PROTO_UDP, 7, 0x73 - 20);
	p[6] = 0x20;
	p[10] = p[11] = 0;
	p[10] = (uint8_t)(inet_csum_finish(inet_csum_add(0, p, 20)) >> 8);
	p[11] = (uint8_t)inet_csum_finish(inet_csum_add(0, p, 20));
	CHECK_EQ_U64(ipv4_parse(p, sizeof(p), &h, &pl, &pl_len, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "IPv4: fragmented packet (fragments are not supported)");
	p[6] = 0x00;
	p[7] = 0x10;
	p[10] = p[11] = 0;
	p[10] = (uint8_t)(inet_csum_finish(inet_csum_add(0, p, 20)) >> 8);
	p[11] = (uint8_t)inet_csum_finish(inet_csum_add(0, p, 20));
	CHECK_EQ_U64(ipv4_parse(p, sizeof(p), &h, &pl, &pl_len, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "IPv4: fragmented packet (fragments are not supported)");

	ipv4_format(0x0a00020f, text);
	CHECK_STR(text, "10.0.2.15");
	ipv4_format(0xffffffff, text);
	CHECK_STR(text, "255.255.255.255");
	CHECK(ipv4_parse_dotted("10.0.2.2", &ip) == STATUS_OK && ip == 0x0a000202);
	CHECK(ipv4_parse_dotted("10.0.2", &ip) != STATUS_OK);
	CHECK(ipv4_parse_dotted("10.0.2.256", &ip) != STATUS_OK);
	CHECK(ipv4_parse_dotted("10.0.2.2.", &ip) != STATUS_OK);
	CHECK(ipv4_parse_dotted("10..2.2", &ip) != STATUS_OK);
	CHECK(ipv4_parse_dotted("tftp.example", &ip) != STATUS_OK);
	CHECK(ipv4_parse_dotted("0010.0.2.2", &ip) != STATUS_OK);
}

static void test_udp(void)
{
	/* 10.0.2.15:1024 -> 10.0.2.2:69, payload 00 01 "hi!"; checksum
	 * computed independently (pseudo-header included): 0x5a14. */
	static const uint8_t want[13] = {
		0x04, 0x00, 0x00, 0x45, 0x00, 0x0d, 0x5a, 0x14, 0x00, 0x01, 'h', 'i', '!',
	};
	uint8_t seg[16] = { 0 };
	struct udp_hdr h;
	const uint8_t *pl;
	size_t pl_len;
	const char *why = NULL;

	memcpy(seg + 8, "\x00\x01hi!", 5);
	CHECK_EQ_U64(udp_build(seg, 0x0a00020f, 0x0a000202, 1024, 69, 5), 13);
	CHECK(memcmp(seg, want, 13) == 0);
	CHECK_EQ_U64(udp_parse(0x0a00020f, 0x0a000202, seg, 16, &h, &pl, &pl_len, &why), STATUS_OK);
	CHECK_EQ_U64(h.src_port, 1024);
	CHECK_EQ_U64(h.dst_port, 69);
	CHECK(pl == seg + 8 && pl_len == 5);
	/* The pseudo-header counts: the same bytes from another source fail. */
	CHECK_EQ_U64(udp_parse(0x0a000210, 0x0a000202, seg, 16, &h, &pl, &pl_len, &why),
		     (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "UDP: checksum mismatch");
	seg[12] ^= 1;
	CHECK_EQ_U64(udp_parse(0x0a00020f, 0x0a000202, seg, 16, &h, &pl, &pl_len, &why),
		     (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "UDP: checksum mismatch");
	/* Zero means "no checksum" (RFC 768): accepted as is. */
	seg[6] = seg[7] = 0;
	CHECK_EQ_U64(udp_parse(0x0a00020f, 0x0a000202, seg, 16, &h, &pl, &pl_len, &why), STATUS_OK);
	CHECK_EQ_U64(udp_parse(0x0a00020f, 0x0a000202, seg, 7, &h, &pl, &pl_len, &why),
		     (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "UDP: datagram shorter than its 8-byte header");
	CHECK_EQ_U64(udp_parse(0x0a00020f, 0x0a000202, seg, 12, &h, &pl, &pl_len, &why),
		     (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "UDP: length field is below 8 or longer than the IPv4 payload");
	seg[4] = 0;
	seg[5] = 7;
	CHECK_EQ_U64(udp_parse(0x0a00020f, 0x0a000202, seg, 16, &h, &pl, &pl_len, &why),
		     (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "UDP: length field is below 8 or longer than the IPv4 payload");
}

/* A datagram whose checksum computes to 0 is sent with 0xffff (RFC 768).
 * The payload is chosen so that the ones' complement sum is 0xffff. */
static void test_udp_zero_checksum(void)
{
	uint8_t seg[12] = { 0 };
	struct udp_hdr h;
	const uint8_t *pl;
	size_t pl_len;
	const char *why;
	uint32_t sum;

	/* src 0.0.0.1, dst 0.0.0.0, ports 0/0, length 12: pseudo-header and
	 * header sum to 1 + 17 + 12 + 12 = 42; the payload word adds the rest. */
	sum = 0xffff - 42;
	seg[8] = (uint8_t)(sum >> 8);
	seg[9] = (uint8_t)sum;
	udp_build(seg, 1, 0, 0, 0, 4);
	CHECK_EQ_U64(seg[6] << 8 | seg[7], 0xffff);
	CHECK_EQ_U64(udp_parse(1, 0, seg, 12, &h, &pl, &pl_len, &why), STATUS_OK);
}

int main(void)
{
	test_checksum();
	test_eth();
	test_arp();
	test_arp_cache();
	test_ipv4();
	test_udp();
	test_udp_zero_checksum();
	return unit_done("test-net-wire");
}
