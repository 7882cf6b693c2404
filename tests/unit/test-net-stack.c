/* SPDX-License-Identifier: MIT */
/* lib/net's stack end to end against the fake peer of tests/fakes/
 * net-peer.c: DHCP and TFTP the way QEMU's user network answers, then with
 * lost, duplicated and corrupted frames, refusals and silence; every
 * failure must end within its time budget with its exact reason. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "net-peer.h"
#include "net/ipv4.h"
#include "net/net-stack.h"
#include "status/status.h"
#include "net/udp.h"
#include "unit.h"

static const uint8_t client_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static struct net_peer peer;
static struct net_stack stack;
static uint8_t file[300000];
static uint8_t got[300000];

static void setup(void)
{
	struct net_ops ops;

	net_peer_init(&peer);
	peer.bootfile = "boot/grub/powerpc-ieee1275/core.elf";
	net_peer_add_file(&peer, "vmlinux", file, 100000);
	net_peer_add_file(&peer, "empty", file, 0);
	net_peer_add_file(&peer, "exact", file, 1428 * 3);
	ops = net_peer_ops(&peer);
	net_stack_init(&stack, &ops, client_mac, NULL);
}

static int dhcp(struct net_lease *lease, const char **why)
{
	*why = NULL;
	return net_dhcp(&stack, lease, why);
}

static void test_dhcp_like_slirp(void)
{
	static struct net_lease lease;
	const char *why;

	setup();
	CHECK_EQ_U64(dhcp(&lease, &why), STATUS_OK);
	CHECK_EQ_U64(peer.discovers, 1);
	CHECK_EQ_U64(peer.requests, 1);
	CHECK_EQ_U64(stack.ip, 0x0a00020f);
	CHECK_EQ_U64(stack.netmask, 0xffffff00);
	CHECK_EQ_U64(stack.router, 0x0a000202);
	CHECK_EQ_U64(lease.tftp_server, 0x0a000202);
	CHECK_EQ_U64(lease.reply.lease_secs, 86400);
	CHECK_STR(lease.reply.bootfile, "boot/grub/powerpc-ieee1275/core.elf");
	/* The raw ACK is kept for /chosen: slirp's 548 bytes, type ACK. */
	CHECK_EQ_U64(lease.ack_len, 548);
	CHECK(lease.ack[0] == 2 && lease.ack[240] == 53 && lease.ack[242] == DHCP_ACK);
	CHECK(memcmp(lease.ack + 108, "boot/grub/powerpc-ieee1275/core.elf", 36) == 0);
	/* The REQUEST named the offer and the server (options 50 and 54). */
	CHECK(memcmp(peer.last_dhcp + 247, "\x32\x04\x0a\x00\x02\x0f\x36\x04\x0a\x00\x02\x02", 12) == 0);
	CHECK(memcmp(peer.last_dhcp + 28, client_mac, 6) == 0);
	CHECK_EQ_U64(peer.bad_frames_from_client, 0);
}

static void test_dhcp_options(void)
{
	static struct net_lease lease;
	const char *why;

	setup();
	peer.bootfile = NULL;
	peer.bootfile_opt67 = "grub.elf";
	peer.overload_file = true;
	peer.tftp_server_name = "10.0.2.4";
	peer.root_path = "10.0.2.2:/srv/nfs";
	CHECK_EQ_U64(dhcp(&lease, &why), STATUS_OK);
	CHECK_STR(lease.reply.bootfile, "grub.elf");
	CHECK_EQ_U64(lease.reply.overload, 1);
	CHECK_STR(lease.reply.root_path, "10.0.2.2:/srv/nfs");
	CHECK_EQ_U64(lease.tftp_server, 0x0a000204);
}

static void test_dhcp_faults(void)
{
	static struct net_lease lease;
	const char *why;

	/* A dead network: four DISCOVERs, 1 + 2 + 4 + 4 s, then the reason. */
	setup();
	peer.dhcp_silent = true;
	CHECK_EQ_U64(dhcp(&lease, &why), (uint64_t)STATUS_ETIMEDOUT);
	CHECK_STR(why, "DHCP: no offer after 4 tries");
	CHECK_EQ_U64(peer.discovers, 4);
	CHECK(peer.now >= 11000 && peer.now < 11100);

	/* The first OFFER lost: the second DISCOVER gets one. */
	setup();
	peer.drop_mask = 1;
	CHECK_EQ_U64(dhcp(&lease, &why), STATUS_OK);
	CHECK_EQ_U64(peer.discovers, 2);
	CHECK_EQ_U64(stack.ip, 0x0a00020f);

	/* Every reply corrupted: the reason says what was dropped. */
	setup();
	peer.corrupt_mask = ~0ull;
	CHECK_EQ_U64(dhcp(&lease, &why), (uint64_t)STATUS_ETIMEDOUT);
	CHECK_STR(why, "DHCP: no offer after 4 tries (last packet dropped: UDP: checksum mismatch)");

	/* Duplicated OFFER and ACK change nothing. */
	setup();
	peer.dup_mask = 3;
	CHECK_EQ_U64(dhcp(&lease, &why), STATUS_OK);
	CHECK_EQ_U64(peer.requests, 1);

	/* The ACK lost twice: the REQUEST is sent again. */
	setup();
	peer.drop_mask = 2 | 4;
	CHECK_EQ_U64(dhcp(&lease, &why), STATUS_OK);
	CHECK_EQ_U64(peer.requests, 3);

	setup();
	peer.dhcp_nak = true;
	CHECK_EQ_U64(dhcp(&lease, &why), (uint64_t)STATUS_EREFUSED);
	CHECK_STR(why, "DHCP: server 10.0.2.2 refused the lease (NAK: requested address not available)");
	CHECK_EQ_U64(stack.ip, 0);

	/* An offer of no address is no offer. */
	setup();
	peer.client_ip = 0;
	CHECK_EQ_U64(dhcp(&lease, &why), (uint64_t)STATUS_ETIMEDOUT);
	CHECK_STR(why, "DHCP: no offer after 4 tries (last packet dropped: "
		  "DHCP: offer names no address (yiaddr 0.0.0.0))");

	/* An ACK from another server than the one asked is not ours. */
	setup();
	peer.ack_server_id = 0x0a000203;
	CHECK_EQ_U64(dhcp(&lease, &why), (uint64_t)STATUS_ETIMEDOUT);
	CHECK_STR(why, "DHCP: no acknowledgement after 4 tries");
	CHECK_EQ_U64(peer.requests, 4);

	/* A reply without UDP checksum is accepted (RFC 768). */
	setup();
	peer.udp_no_checksum = true;
	CHECK_EQ_U64(dhcp(&lease, &why), STATUS_OK);
}

static int tftp(const char *name, size_t limit, size_t *size, const char **why)
{
	static struct net_lease lease;
	int rc;

	*why = NULL;
	rc = net_dhcp(&stack, &lease, why);
	if (rc)
		return rc;
	return net_tftp_get(&stack, lease.tftp_server, name, got, limit, size, why);
}

static void test_tftp_like_slirp(void)
{
	const char *why;
	size_t size = 1;

	setup();
	memset(got, 0, sizeof(got));
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), STATUS_OK);
	CHECK_EQ_U64(size, 100000);
	CHECK(memcmp(got, file, 100000) == 0);
	/* blksize 1468 asked, 1428 granted: 71 blocks (70 full, one short). */
	CHECK_EQ_U64(peer.blksize, 1428);
	CHECK_EQ_U64(peer.sent_blocks, 71);
	CHECK(peer.finished);
	CHECK_EQ_U64(peer.rrqs, 1);
	CHECK_EQ_U64(peer.last_rrq_len, 2 + 8 + 6 + 8 + 5 + 6 + 2);
	CHECK(memcmp(peer.last_rrq, "\x00\x01vmlinux\0octet\0blksize\0" "1468\0tsize\0" "0", 37) == 0);
	CHECK_EQ_U64(peer.arp_requests, 1);	/* once, then cached */
	CHECK_EQ_U64(peer.bad_frames_from_client, 0);

	/* A file of whole blocks ends with an empty one. */
	CHECK_EQ_U64(net_tftp_get(&stack, 0x0a000202, "exact", got, sizeof(got), &size, &why), STATUS_OK);
	CHECK_EQ_U64(size, 1428 * 3);
	CHECK_EQ_U64(peer.sent_blocks, 4);
	CHECK_EQ_U64(net_tftp_get(&stack, 0x0a000202, "empty", got, sizeof(got), &size, &why), STATUS_OK);
	CHECK_EQ_U64(size, 0);
}

static void test_tftp_server_variants(void)
{
	const char *why;
	size_t size;

	/* A server with its own port per transfer (RFC 1350 TIDs). */
	setup();
	peer.tftp_reply_from_69 = false;
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), STATUS_OK);
	CHECK_EQ_U64(size, 100000);

	/* Options ignored: 512-byte blocks. */
	setup();
	peer.blksize_max = 0;
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), STATUS_OK);
	CHECK_EQ_U64(peer.sent_blocks, 196);
	CHECK(memcmp(got, file, 100000) == 0);

	/* Options refused with ERROR 8: asked again without them. */
	setup();
	peer.options_error8 = true;
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), STATUS_OK);
	CHECK_EQ_U64(peer.rrqs, 2);
	CHECK_EQ_U64(peer.last_rrq_len, 2 + 8 + 6);
	CHECK_EQ_U64(size, 100000);
}

static void test_tftp_refusals(void)
{
	const char *why;
	size_t size = 5;

	setup();
	CHECK_EQ_U64(tftp("missing", sizeof(got), &size, &why), (uint64_t)STATUS_EREFUSED);
	CHECK_STR(why, "TFTP: file not found (server error 1: File not found)");
	CHECK_EQ_U64(size, 0);

	setup();
	peer.rrq_error = 2;
	peer.rrq_error_msg = "Access violation";
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), (uint64_t)STATUS_EREFUSED);
	CHECK_STR(why, "TFTP: access violation (server error 2: Access violation)");

	/* tsize says too big: the server is told (ERROR 8) and no block moves. */
	setup();
	CHECK_EQ_U64(tftp("vmlinux", 99999, &size, &why), (uint64_t)STATUS_ETOOBIG);
	CHECK_STR(why, "TFTP: \"vmlinux\" is 100000 bytes, more than the 99999-byte limit");
	CHECK_EQ_U64(peer.client_errors, 1);
	CHECK_EQ_U64(peer.last_client_error, 8);
	CHECK_EQ_U64(peer.sent_blocks, 0);

	/* Without tsize the limit stops the transfer at the block crossing it. */
	setup();
	peer.blksize_max = 0;
	CHECK_EQ_U64(tftp("vmlinux", 1000, &size, &why), (uint64_t)STATUS_ETOOBIG);
	CHECK_STR(why, "TFTP: \"vmlinux\" is larger than the 1000-byte limit");
	CHECK_EQ_U64(peer.last_client_error, 3);

	setup();
	peer.oversize_block = 2;
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: DATA block 2 carries 1429 bytes, more than the block size 1428");

	CHECK_EQ_U64(net_tftp_get(&stack, 0, "vmlinux", got, 10, &size, &why), (uint64_t)STATUS_EINVAL);
	CHECK_STR(why, "TFTP: no server address");
}

static void test_tftp_faults(void)
{
	const char *why;
	size_t size;
	uint64_t start;

	/* Frames 0-3 are ARP, OFFER, ACK... the first TFTP frames follow:
	 * lose some DATA, the OACK, duplicate and corrupt others. */
	setup();
	peer.drop_mask = 1ull << 5 | 1ull << 9 | 1ull << 10;
	peer.dup_mask = 1ull << 6 | 1ull << 20;
	peer.corrupt_mask = 1ull << 12;
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), STATUS_OK);
	CHECK_EQ_U64(size, 100000);
	CHECK(memcmp(got, file, 100000) == 0);
	CHECK_EQ_U64(peer.bad_frames_from_client, 0);
	/* Each loss and the corruption cost one client timeout of 1 s
	 * (frames 9 and 10 are DATA 5 and its resend). */
	CHECK(peer.now >= 4000 && peer.now < 5000);
	CHECK_EQ_U64(peer.rrqs, 1);

	/* Every fifth frame lost, in both directions' effect. */
	setup();
	peer.drop_every = 5;
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), STATUS_OK);
	CHECK(memcmp(got, file, 100000) == 0);

	/* The client's ACKs lost now and then. */
	setup();
	peer.drop_from_client_mask = 1ull << 6 | 1ull << 7 | 1ull << 30;
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), STATUS_OK);
	CHECK(memcmp(got, file, 100000) == 0);

	/* The server dies after 10 blocks: 5 tries of 1 s, then the reason. */
	setup();
	peer.stop_after_blocks = 10;
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), (uint64_t)STATUS_ETIMEDOUT);
	start = peer.last_send_ms;
	CHECK_STR(why, "TFTP: no DATA block 11 of \"vmlinux\" after 5 tries (14280 bytes received)");
	CHECK(peer.now - start >= 5000 && peer.now - start < 5100);

	/* A server that repeats block 2 forever: duplicates are answered,
	 * but they do not extend the wait for block 3. */
	setup();
	peer.repeat_block = 2;
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), (uint64_t)STATUS_ETIMEDOUT);
	CHECK_STR(why, "TFTP: no DATA block 3 of \"vmlinux\" after 5 tries (2856 bytes received)");
	CHECK(peer.now < 6000);

	/* Nobody answers ARP for the server. */
	setup();
	peer.arp_silent = true;
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), (uint64_t)STATUS_ETIMEDOUT);
	CHECK_STR(why, "ARP: no reply from 10.0.2.2 after 3 tries");
	CHECK_EQ_U64(peer.arp_requests, 3);
}

static void test_tftp_silent_server(void)
{
	const char *why;
	size_t size;

	setup();
	peer.drop_mask = ~0ull << 3;	/* OFFER, ACK, ARP reply through, then nothing */
	CHECK_EQ_U64(tftp("vmlinux", sizeof(got), &size, &why), (uint64_t)STATUS_ETIMEDOUT);
	CHECK_STR(why, "TFTP: no answer to the request for \"vmlinux\" after 5 tries");
	CHECK_EQ_U64(peer.rrqs, 5);
}

static void test_rollover(void)
{
	static uint8_t big[65540 * 8 + 3];
	static uint8_t out[sizeof(big)];
	struct net_config cfg;
	struct net_ops ops;
	const char *why;
	size_t size, i;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i ^ (i >> 8) ^ (i >> 16));
	net_peer_init(&peer);
	net_peer_add_file(&peer, "big", big, sizeof(big));
	ops = net_peer_ops(&peer);
	net_config_default(&cfg);
	cfg.tftp_blksize = 8;
	net_stack_init(&stack, &ops, client_mac, &cfg);
	net_stack_configure(&stack, 0x0a00020f, 0xffffff00, 0x0a000202);
	CHECK_EQ_U64(net_tftp_get(&stack, 0x0a000202, "big", out, sizeof(out), &size, &why), STATUS_OK);
	CHECK_EQ_U64(size, sizeof(big));
	CHECK_EQ_U64(peer.sent_blocks, 65541);
	CHECK(memcmp(out, big, sizeof(big)) == 0);
}

static void test_arp_answer(void)
{
	static const uint8_t want[42] = {
		0x52, 0x55, 0x0a, 0x00, 0x02, 0x02, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x08, 0x06,
		0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x02,
		0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 10, 0, 2, 15,
		0x52, 0x55, 0x0a, 0x00, 0x02, 0x02, 10, 0, 2, 2,
	};
	uint8_t zero[18] = { 0 }, mac[6];
	struct net_udp_rx rx;
	const char *why;

	setup();
	/* Unconfigured, the stack does not claim any address. */
	net_peer_ask_arp(&peer);
	CHECK_EQ_U64(net_stack_poll(&stack, &rx, &why), 0);
	CHECK_EQ_U64(peer.last_arp_reply_len, 0);
	net_stack_configure(&stack, 0x0a00020f, 0xffffff00, 0x0a000202);
	net_peer_ask_arp(&peer);
	CHECK_EQ_U64(net_stack_poll(&stack, &rx, &why), 0);
	CHECK_EQ_U64(peer.last_arp_reply_len, 60);
	CHECK(memcmp(peer.last_arp_reply, want, 42) == 0);
	CHECK(memcmp(peer.last_arp_reply + 42, zero, 18) == 0);
	/* The asker was learned: no ARP request needed to reach it. */
	CHECK(arp_cache_find(&stack.arp, 0x0a000202, mac));
	/* A request for someone else is not answered. */
	peer.last_arp_reply_len = 0;
	peer.client_ip = 0x0a000210;
	net_peer_ask_arp(&peer);
	CHECK_EQ_U64(net_stack_poll(&stack, &rx, &why), 0);
	CHECK_EQ_U64(peer.last_arp_reply_len, 0);
}

/* Frames the stack must drop: to another MAC, another IP, not UDP. */
static void test_filtering(void)
{
	uint8_t f[60] = { 0 };
	struct net_udp_rx rx;
	const char *why;

	setup();
	net_stack_configure(&stack, 0x0a00020f, 0xffffff00, 0x0a000202);
	eth_build(f, (const uint8_t[6]){ 2, 0, 0, 0, 0, 1 }, peer.mac, ETH_TYPE_IPV4);
	memcpy(f + 42, "hello", 5);
	udp_build(f + 34, 0x0a000202, 0x0a00020f, 69, 1000, 5);
	ipv4_build(f + 14, 0x0a000202, 0x0a00020f, IPV4_PROTO_UDP, 1, 13);
	net_peer_queue_raw(&peer, f, 60);
	CHECK_EQ_U64(net_stack_poll(&stack, &rx, &why), 0);	/* other MAC */
	memcpy(f, client_mac, 6);
	net_peer_queue_raw(&peer, f, 60);
	CHECK_EQ_U64(net_stack_poll(&stack, &rx, &why), 1);
	CHECK(rx.src_ip == 0x0a000202 && rx.src_port == 69 && rx.dst_port == 1000 && rx.len == 5);
	CHECK(memcmp(rx.data, "hello", 5) == 0);
	/* Subnet broadcast is ours too; another host's address is not. */
	udp_build(f + 34, 0x0a000202, 0x0a0002ff, 69, 1000, 5);
	ipv4_build(f + 14, 0x0a000202, 0x0a0002ff, IPV4_PROTO_UDP, 1, 13);
	net_peer_queue_raw(&peer, f, 60);
	CHECK_EQ_U64(net_stack_poll(&stack, &rx, &why), 1);
	udp_build(f + 34, 0x0a000202, 0x0a000210, 69, 1000, 5);
	ipv4_build(f + 14, 0x0a000202, 0x0a000210, IPV4_PROTO_UDP, 1, 13);
	net_peer_queue_raw(&peer, f, 60);
	CHECK_EQ_U64(net_stack_poll(&stack, &rx, &why), 0);
	/* A fragment is dropped with its reason. */
	ipv4_build(f + 14, 0x0a000202, 0x0a00020f, IPV4_PROTO_UDP, 1, 13);
	f[14 + 6] |= 0x20;
	f[14 + 10] = (uint8_t)(f[14 + 10] - 0x20);	/* keep the checksum right */
	net_peer_queue_raw(&peer, f, 60);
	CHECK_EQ_U64(net_stack_poll(&stack, &rx, &why), 0);
	CHECK_STR(stack.last_drop, "IPv4: fragmented packet (fragments are not supported)");
}

/* A device that fails. */
static int broken_send(void *ctx, const void *f, size_t len)
{
	(void)ctx; (void)f; (void)len;
	return -1;
}

static int broken_receive(void *ctx, void *buf, size_t cap)
{
	(void)ctx; (void)buf; (void)cap;
	return -1;
}

static void test_device_errors(void)
{
	static struct net_lease lease;
	struct net_ops ops;
	const char *why;

	setup();
	ops = net_peer_ops(&peer);
	ops.send = broken_send;
	net_stack_init(&stack, &ops, client_mac, NULL);
	CHECK_EQ_U64(dhcp(&lease, &why), (uint64_t)STATUS_EDEVICE);
	CHECK_STR(why, "net: the network device failed to send a frame");
	ops = net_peer_ops(&peer);
	ops.receive = broken_receive;
	net_stack_init(&stack, &ops, client_mac, NULL);
	CHECK_EQ_U64(dhcp(&lease, &why), (uint64_t)STATUS_EDEVICE);
	CHECK_STR(why, "net: the network device failed to receive");
}

int main(void)
{
	for (size_t i = 0; i < sizeof(file); i++)
		file[i] = (uint8_t)(i * 31 + (i >> 10));
	test_dhcp_like_slirp();
	test_dhcp_options();
	test_dhcp_faults();
	test_tftp_like_slirp();
	test_tftp_server_variants();
	test_tftp_refusals();
	test_tftp_faults();
	test_tftp_silent_server();
	test_rollover();
	test_arp_answer();
	test_filtering();
	test_device_errors();
	return unit_done("test-net-stack");
}
