/* SPDX-License-Identifier: MIT */
/* lib/net DHCP messages: the DISCOVER/REQUEST bytes, and replies shaped
 * like QEMU slirp's (bootfile in the file field, siaddr 10.0.2.2) and like
 * full servers' (options 66, 67, 17, overload), with each refusal named. */
#include <stdint.h>
#include <string.h>

#include "net/dhcp.h"
#include "status/status.h"
#include "unit.h"

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static void test_build(void)
{
	static const uint8_t discover_opts[] = {
		53, 1, 1, 57, 2, 0x05, 0xc0,
		55, 9, 1, 3, 6, 15, 17, 51, 54, 66, 67, 255,
	};
	static const uint8_t request_opts[] = {
		53, 1, 3, 57, 2, 0x05, 0xc0, 50, 4, 10, 0, 2, 15, 54, 4, 10, 0, 2, 2,
		55, 9, 1, 3, 6, 15, 17, 51, 54, 66, 67, 255,
	};
	struct dhcp_request req = { .type = DHCP_DISCOVER, .xid = 0x11223344, .secs = 3 };
	uint8_t m[400], zero[300] = { 0 };

	memcpy(req.mac, mac, 6);
	memset(m, 0xee, sizeof(m));
	CHECK_EQ_U64(dhcp_build(m, 299, &req), 0);
	CHECK_EQ_U64(dhcp_build(m, sizeof(m), &req), 300);
	CHECK(m[0] == 1 && m[1] == 1 && m[2] == 6 && m[3] == 0);
	CHECK(m[4] == 0x11 && m[5] == 0x22 && m[6] == 0x33 && m[7] == 0x44);
	CHECK(m[8] == 0 && m[9] == 3);			/* secs */
	CHECK(m[10] == 0x80 && m[11] == 0);		/* broadcast flag */
	CHECK(memcmp(m + 12, zero, 16) == 0);		/* ciaddr .. giaddr */
	CHECK(memcmp(m + 28, mac, 6) == 0);
	CHECK(memcmp(m + 34, zero, 10 + 64 + 128) == 0);	/* chaddr pad, sname, file */
	CHECK(m[236] == 99 && m[237] == 130 && m[238] == 83 && m[239] == 99);
	CHECK(memcmp(m + 240, discover_opts, sizeof(discover_opts)) == 0);
	CHECK(memcmp(m + 240 + sizeof(discover_opts), zero, 60 - sizeof(discover_opts)) == 0);
	CHECK_EQ_U64(m[300], 0xee);			/* nothing past the message */

	req.type = DHCP_REQUEST;
	req.requested_ip = 0x0a00020f;
	req.server_id = 0x0a000202;
	CHECK_EQ_U64(dhcp_build(m, sizeof(m), &req), 300);
	CHECK(memcmp(m + 240, request_opts, sizeof(request_opts)) == 0);
}

/* A reply as slirp sends it (236 + 312 bytes), options appended by the
 * caller at m + 240. */
static size_t reply(uint8_t *m, uint8_t type, const uint8_t *opts, size_t n)
{
	memset(m, 0, 548);
	m[0] = 2;
	m[1] = 1;
	m[2] = 6;
	m[4] = 0xca; m[5] = 0xfe; m[6] = 0xf0; m[7] = 0x0d;
	m[16] = 10; m[17] = 0; m[18] = 2; m[19] = 15;	/* yiaddr */
	m[20] = 10; m[21] = 0; m[22] = 2; m[23] = 2;	/* siaddr */
	memcpy(m + 28, mac, 6);
	memcpy(m + 108, "pxelinux.0", 10);
	m[236] = 99; m[237] = 130; m[238] = 83; m[239] = 99;
	m[240] = 53; m[241] = 1; m[242] = type;
	if (n)
		memcpy(m + 243, opts, n);
	m[243 + n] = 255;
	return 548;
}

static int parse(const uint8_t *m, size_t len, struct dhcp_reply *r, const char **why)
{
	*why = NULL;
	return dhcp_parse_reply(m, len, 0xcafef00d, mac, r, why);
}

static void test_slirp_offer(void)
{
	/* slirp's options after 53: 54, 1, 3, 6, 51. */
	static const uint8_t opts[] = {
		54, 4, 10, 0, 2, 2, 1, 4, 255, 255, 255, 0, 3, 4, 10, 0, 2, 2,
		6, 4, 10, 0, 2, 3, 51, 4, 0x00, 0x01, 0x51, 0x80,
	};
	uint8_t m[600];
	struct dhcp_reply r;
	const char *why;
	size_t len = reply(m, DHCP_OFFER, opts, sizeof(opts));

	CHECK_EQ_U64(parse(m, len, &r, &why), STATUS_OK);
	CHECK_EQ_U64(r.msg_type, DHCP_OFFER);
	CHECK_EQ_U64(r.yiaddr, 0x0a00020f);
	CHECK_EQ_U64(r.siaddr, 0x0a000202);
	CHECK_EQ_U64(r.server_id, 0x0a000202);
	CHECK_EQ_U64(r.subnet_mask, 0xffffff00);
	CHECK_EQ_U64(r.router, 0x0a000202);
	CHECK_EQ_U64(r.lease_secs, 86400);
	CHECK_STR(r.bootfile, "pxelinux.0");
	CHECK_STR(r.tftp_server, "");
	CHECK_STR(r.root_path, "");
	CHECK_EQ_U64(dhcp_reply_tftp_server(&r), 0x0a000202);
}

static void test_full_server(void)
{
	/* 67 overrides the file field; 66 as a dotted quad names the TFTP
	 * server; 17 split in two instances is concatenated (RFC 3396). */
	static const uint8_t opts[] = {
		54, 4, 10, 0, 2, 1,
		67, 15, 'b', 'o', 'o', 't', '/', 'c', 'o', 'r', 'e', '.', 'e', 'l', 'f', 0, 0,
		66, 8, '1', '0', '.', '0', '.', '2', '.', '9',
		17, 5, '/', 's', 'r', 'v', '/',
		17, 4, 'r', 'o', 'o', 't',
	};
	uint8_t m[600];
	struct dhcp_reply r;
	const char *why;
	size_t len = reply(m, DHCP_ACK, opts, sizeof(opts));

	CHECK_EQ_U64(parse(m, len, &r, &why), STATUS_OK);
	CHECK_STR(r.bootfile, "boot/core.elf");	/* up to the NUL the server counted */
	CHECK_STR(r.tftp_server, "10.0.2.9");
	CHECK_STR(r.root_path, "/srv/root");
	CHECK_EQ_U64(dhcp_reply_tftp_server(&r), 0x0a000209);
	/* A host name in 66 cannot be used without DNS: siaddr then. */
	memcpy(m + 243 + 6 + 17 + 2, "tftp.lan", 8);
	CHECK_EQ_U64(parse(m, len, &r, &why), STATUS_OK);
	CHECK_STR(r.tftp_server, "tftp.lan");
	CHECK_EQ_U64(dhcp_reply_tftp_server(&r), 0x0a000202);
	m[20] = m[21] = m[22] = m[23] = 0;
	CHECK_EQ_U64(parse(m, len, &r, &why), STATUS_OK);
	CHECK_EQ_U64(dhcp_reply_tftp_server(&r), 0x0a000201);	/* server id */
}

static void test_overload(void)
{
	static const uint8_t opts[] = { 52, 1, 3 };
	uint8_t m[600];
	struct dhcp_reply r;
	const char *why;
	size_t len = reply(m, DHCP_ACK, opts, sizeof(opts));

	/* file holds 67 and 17, sname holds 66; neither is a name. */
	memset(m + 44, 0, 64 + 128);
	memcpy(m + 108, "\x43\x06grub.e\x00\x11\x04/nfs\xff", 16);
	memcpy(m + 44, "\x42\x08" "10.0.2.7" "\xff", 11);
	CHECK_EQ_U64(parse(m, len, &r, &why), STATUS_OK);
	CHECK_EQ_U64(r.overload, 3);
	CHECK_STR(r.bootfile, "grub.e");
	CHECK_STR(r.root_path, "/nfs");
	CHECK_STR(r.tftp_server, "10.0.2.7");
	/* Overload 1 only: sname is a plain name again. */
	m[245] = 1;
	memcpy(m + 44, "next.lan", 9);
	CHECK_EQ_U64(parse(m, len, &r, &why), STATUS_OK);
	CHECK_STR(r.bootfile, "grub.e");
	CHECK_STR(r.tftp_server, "next.lan");
	/* An option running past the file field is named. */
	m[108 + 1] = 200;
	CHECK_EQ_U64(parse(m, len, &r, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "DHCP: an option runs past the end of its field");
	m[245] = 4;
	CHECK_EQ_U64(parse(m, len, &r, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "DHCP: option overload (52) value is not 1, 2 or 3");
}

static void expect_refused(const uint8_t *opts, size_t n, const char *reason)
{
	uint8_t m[600];
	struct dhcp_reply r;
	const char *why;
	size_t len = reply(m, DHCP_OFFER, opts, n);

	CHECK_EQ_U64(parse(m, len, &r, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, reason);
}

static void test_refusals(void)
{
	uint8_t m[600], longopt[2 * 202];
	struct dhcp_reply r;
	const char *why;
	size_t len = reply(m, DHCP_OFFER, NULL, 0);

	CHECK_EQ_U64(parse(m, 239, &r, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "DHCP: message shorter than the BOOTP header and magic cookie (240 bytes)");
	m[0] = 1;
	CHECK_EQ_U64(parse(m, len, &r, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "DHCP: not a BOOTP reply (op is not 2)");
	m[0] = 2;
	m[7] ^= 1;
	CHECK_EQ_U64(parse(m, len, &r, &why), (uint64_t)STATUS_ENOTOURS);
	CHECK_STR(why, "DHCP: reply to another transaction id");
	m[7] ^= 1;
	m[33] ^= 1;
	CHECK_EQ_U64(parse(m, len, &r, &why), (uint64_t)STATUS_ENOTOURS);
	CHECK_STR(why, "DHCP: reply to another client hardware address");
	m[33] ^= 1;
	m[239] = 0;
	CHECK_EQ_U64(parse(m, len, &r, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "DHCP: magic cookie 99.130.83.99 missing");
	m[239] = 99;
	m[240] = 0;	/* the message type becomes padding */
	m[241] = 0;
	m[242] = 0;
	CHECK_EQ_U64(parse(m, len, &r, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "DHCP: reply has no message type (option 53)");
	/* The options end with the message: a missing End is accepted. */
	m[240] = 53;
	m[241] = 1;
	m[242] = 2;
	m[243] = 0;
	CHECK_EQ_U64(parse(m, 243, &r, &why), STATUS_OK);

	expect_refused((const uint8_t[]){ 1, 3, 255, 255, 0 }, 5,
		       "DHCP: subnet mask option (1) is not 4 bytes");
	expect_refused((const uint8_t[]){ 3, 6, 1, 2, 3, 4, 5, 6 }, 8,
		       "DHCP: router option (3) is not a list of 4-byte addresses");
	expect_refused((const uint8_t[]){ 51, 2, 1, 2 }, 4,
		       "DHCP: lease time option (51) is not 4 bytes");
	expect_refused((const uint8_t[]){ 54, 0 }, 2,
		       "DHCP: server identifier option (54) is not 4 bytes");
	expect_refused((const uint8_t[]){ 53, 2, 1, 2 }, 4,
		       "DHCP: message type option (53) is not 1 byte");
	/* Two instances of 17 adding up to more than 255 bytes. */
	memset(longopt, 'x', sizeof(longopt));
	longopt[0] = 17;
	longopt[1] = 200;
	longopt[202] = 17;
	longopt[203] = 56;
	expect_refused(longopt, 202 + 58, "DHCP: root path (option 17) is longer than 255 bytes");
	/* The last option's length byte points past the message. */
	len = reply(m, DHCP_OFFER, (const uint8_t[]){ 12, 10, 'a' }, 3);
	CHECK_EQ_U64(parse(m, 246, &r, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "DHCP: an option runs past the end of its field");
	CHECK_EQ_U64(parse(m, 244, &r, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "DHCP: an option runs past the end of its field");
}

int main(void)
{
	test_build();
	test_slirp_offer();
	test_full_server();
	test_overload();
	test_refusals();
	return unit_done("test-net-dhcp");
}
