/* SPDX-License-Identifier: MIT */
/* lib/vlan (spapr-vlan) against the fake hypervisor of tests/fakes/
 * vlan-fake.c: the wire layout, registration as QEMU checks it, frames
 * both ways with their exact bytes, receive queue wrap and toggle, a
 * full receive pool, refusals and bad queue entries named, close, and
 * lib/net's DHCP and TFTP end to end over the driver. */
#include <stdint.h>
#include <string.h>

#include "be.h"
#include "net-peer.h"
#include "net/net-stack.h"
#include "status/status.h"
#include "unit.h"
#include "vlan-fake.h"
#include "vlan/vlan.h"

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static _Alignas(4096) uint8_t dmamem[VLAN_DMA_BYTES];
static struct vlan_fake fake;
static struct vlan nic;

static int start(enum vlan_fake_fault fault)
{
	struct vlan_config cfg = vlan_fake_config(mac);

	vlan_fake_init(&fake, fault, NULL);
	return vlan_open(&nic, &vlan_fake_ops, &fake, &cfg, dmamem);
}

static void make_frame(uint8_t *f, uint32_t seq)
{
	memset(f, 0, 60);
	memcpy(f, mac, 6);
	memcpy(f + 6, "\x52\x55\x0a\x00\x02\x02", 6);
	f[12] = 0x08;
	be32_write(f + 14, seq);
	for (unsigned i = 18; i < 60; i++)
		f[i] = (uint8_t)(seq * 3 + i);
}

static void test_wire(void)
{
	static const uint8_t entry[16] = { 0xc0, 0, 0, 8, 0, 0, 0x05, 0xea,
					   0x56, 0x4c, 0x41, 0x4e, 0, 0, 0, 3 };
	static const uint8_t prop8[8] = { 0, 0, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	struct vlan_rxq_entry e;
	uint8_t out[16], m[6];
	const char *why = NULL;

	CHECK_EQ_U64(vlan_bd(0x2000, 2048), 0x8000080000002000ull);
	CHECK_EQ_U64(vlan_bd_len(0xc0ffffff12345678ull), 0xffffff);
	CHECK_EQ_U64(vlan_bd_addr(0xc0ffffff12345678ull), 0x12345678);
	CHECK_EQ_U64(vlan_mac_arg(mac), 0x525400123456ull);
	vlan_rxq_decode(entry, &e);
	CHECK_EQ_U64(e.control, 0xc0);
	CHECK_EQ_U64(e.offset, 8);
	CHECK_EQ_U64(e.length, 1514);
	CHECK_EQ_U64(e.correlator, 0x564c414e00000003ull);
	vlan_rxq_encode(out, &e);
	CHECK(memcmp(out, entry, 16) == 0);
	CHECK_EQ_U64(vlan_mac_from_property(mac, 6, m, &why), 0);
	CHECK(memcmp(m, mac, 6) == 0);
	memset(m, 0, 6);
	CHECK_EQ_U64(vlan_mac_from_property(prop8, 8, m, &why), 0);
	CHECK(memcmp(m, mac, 6) == 0);
	CHECK(vlan_mac_from_property(prop8, 7, m, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "local-mac-address is neither 6 nor 8 bytes");
}

static void test_open(void)
{
	CHECK_EQ_U64(start(VLAN_FAKE_OK), 0);
	CHECK_EQ_U64(fake.reg_calls, 1);
	CHECK_EQ_U64(fake.mapped, 12);
	/* Pages at I/O 0 (buffer list), 0x1000 (filter), 0x2000 (queue). */
	CHECK_EQ_U64(fake.last_rxq_bd, 0x8000100000002000ull);
	CHECK_EQ_U64(fake.last_filter, 0x1000);
	CHECK_EQ_U64(fake.last_mac, 0x525400123456ull);
	CHECK_EQ_U64(be64_read(dmamem), 0x8000100000002000ull);
	CHECK_EQ_U64(be64_read(dmamem + 8), 0x8000100000001000ull);
	CHECK_EQ_U64(fake.pool_count, VLAN_RX_BUFS);
	CHECK_EQ_U64(fake.add_calls, VLAN_RX_BUFS);
	/* Buffer 15 (I/O 0x3000 + 15 * 2048) carries its correlator. */
	CHECK_EQ_U64(fake.pool[15], 0x800008000000a800ull);
	CHECK_EQ_U64(be64_read(dmamem + 0xa800), 0x564c414e0000000full);
	CHECK_EQ_U64(fake.dma_faults, 0);
}

static void test_send_receive(void)
{
	uint8_t f[60], got[1600];

	CHECK_EQ_U64(start(VLAN_FAKE_OK), 0);
	make_frame(f, 1);
	CHECK_EQ_U64(vlan_send(&nic, f, 60), 0);
	CHECK_EQ_U64(fake.last_tx_len, 60);
	CHECK(memcmp(fake.last_tx, f, 60) == 0);
	CHECK(vlan_send(&nic, f, 13) == STATUS_EINVAL);
	CHECK_STR(nic.err.text, "cannot send a frame of 13 bytes");
	CHECK_EQ_U64(vlan_receive(&nic, got, sizeof(got)), 0);
	CHECK(vlan_fake_inject(&fake, f, 60));
	/* Entry 0: toggle and valid, offset 8, length 60, buffer 15. */
	CHECK(memcmp(dmamem + 0x2000, "\xc0\0\0\x08\0\0\0\x3c\x56\x4c\x41\x4e\0\0\0\x0f", 16) == 0);
	CHECK_EQ_U64(vlan_receive(&nic, got, sizeof(got)), 60);
	CHECK(memcmp(got, f, 60) == 0);
	CHECK_EQ_U64(fake.pool_count, VLAN_RX_BUFS);	/* given back */
	CHECK_EQ_U64(vlan_receive(&nic, got, sizeof(got)), 0);
	CHECK(vlan_fake_inject(&fake, f, 60));
	CHECK_EQ_U64(vlan_receive(&nic, got, 59), 0);
	CHECK_STR(nic.drop.text, "received frame of 60 bytes exceeds the caller's 59");
	CHECK_EQ_U64(fake.pool_count, VLAN_RX_BUFS);
	CHECK_EQ_U64(fake.dma_faults, 0);
}

/* 1000 frames: the 256-entry queue wraps, the toggle bit alternates. */
static void test_wrap_and_toggle(void)
{
	uint8_t f[60], got[1600];
	unsigned bad = 0;

	CHECK_EQ_U64(start(VLAN_FAKE_OK), 0);
	for (uint32_t seq = 0; seq < 1000; seq++) {
		make_frame(f, seq);
		if (!vlan_fake_inject(&fake, f, 60) || vlan_receive(&nic, got, sizeof(got)) != 60 ||
		    memcmp(got, f, 60))
			bad++;
	}
	CHECK_EQ_U64(bad, 0);
	CHECK_EQ_U64(nic.rx_frames, 1000);
	CHECK_EQ_U64(nic.rxq_next, 1000 % 256);
	CHECK_EQ_U64(nic.toggle, 0);	/* three wraps */
	CHECK_EQ_U64(be64_read(dmamem) & VLAN_BD_TOGGLE, VLAN_BD_TOGGLE);
	CHECK_EQ_U64(fake.dma_faults, 0);
}

static void test_full_pool(void)
{
	uint8_t f[60], got[1600];
	unsigned in_order = 0;

	CHECK_EQ_U64(start(VLAN_FAKE_OK), 0);
	for (uint32_t seq = 0; seq < 24; seq++) {
		make_frame(f, seq);
		CHECK(vlan_fake_inject(&fake, f, 60));
	}
	CHECK_EQ_U64(fake.pool_count, 0);
	CHECK_EQ_U64(fake.n_pending, 8);
	CHECK(!vlan_fake_inject(&fake, f, 60));
	for (uint32_t seq = 0; seq < 24; seq++)
		if (vlan_receive(&nic, got, sizeof(got)) == 60 && be32_read(got + 14) == seq)
			in_order++;
	CHECK_EQ_U64(in_order, 24);
	CHECK_EQ_U64(vlan_receive(&nic, got, sizeof(got)), 0);
	CHECK_EQ_U64(fake.pool_count, VLAN_RX_BUFS);
	/* A frame no 2048-byte buffer can hold is counted in the buffer list. */
	{
		static uint8_t big[2041];

		CHECK(vlan_fake_inject(&fake, big, sizeof(big)));
		CHECK_EQ_U64(vlan_fake_dropped_counter(&fake), 1);
		CHECK_EQ_U64(vlan_receive(&nic, got, sizeof(got)), 0);
	}
}

static void test_refusals(void)
{
	struct vlan_config cfg = vlan_fake_config(mac);

	CHECK(start(VLAN_FAKE_REGISTER_REFUSED) == STATUS_EINVAL);
	CHECK_STR(nic.err.text, "H_REGISTER_LOGICAL_LAN failed: invalid argument");
	CHECK_EQ_U64(fake.mapped, 0);
	CHECK_EQ_U64(start(VLAN_FAKE_LEFT_OPEN), 0);
	CHECK_EQ_U64(fake.reg_calls, 2);
	CHECK_EQ_U64(fake.free_calls, 1);
	CHECK(start(VLAN_FAKE_ADD_REFUSED) == STATUS_EIO);
	CHECK_STR(nic.err.text, "H_ADD_LOGICAL_LAN_BUFFER refused receive buffer 0");
	CHECK(!fake.isopen);
	CHECK_EQ_U64(fake.mapped, 0);
	vlan_fake_init(&fake, VLAN_FAKE_OK, NULL);
	cfg.window_size = 0x1000;
	CHECK(vlan_open(&nic, &vlan_fake_ops, &fake, &cfg, dmamem) == STATUS_EINVAL);
	CHECK_STR(nic.err.text, "DMA window 0x0+0x1000 is unusable (need 0xc000 bytes below 4 GiB)");
	CHECK_EQ_U64(fake.tce_calls, 0);
}

static void test_bad_entries(void)
{
	uint8_t f[60], got[1600];

	make_frame(f, 9);
	CHECK_EQ_U64(start(VLAN_FAKE_NOT_VALID), 0);
	CHECK(vlan_fake_inject(&fake, f, 60));
	CHECK_EQ_U64(vlan_receive(&nic, got, sizeof(got)), 0);
	CHECK_STR(nic.drop.text, "receive queue entry for buffer 15 is not valid (control 0x80)");
	CHECK_EQ_U64(fake.pool_count, VLAN_RX_BUFS);
	CHECK_EQ_U64(start(VLAN_FAKE_BAD_OFFSET), 0);
	CHECK(vlan_fake_inject(&fake, f, 60));
	CHECK_EQ_U64(vlan_receive(&nic, got, sizeof(got)), 0);
	CHECK_STR(nic.drop.text, "receive queue entry places 60 bytes at offset 2000 of a 2048-byte buffer");
	CHECK_EQ_U64(start(VLAN_FAKE_BAD_CORRELATOR), 0);
	CHECK(vlan_fake_inject(&fake, f, 60));
	CHECK(vlan_receive(&nic, got, sizeof(got)) == STATUS_EMALFORMED);
	CHECK_STR(nic.err.text, "receive queue entry names buffer 0x564c414e0000010f, which the "
			   "driver did not post; LAN freed");
	CHECK(!fake.isopen);
	CHECK_EQ_U64(fake.mapped, 0);
	CHECK(vlan_receive(&nic, got, sizeof(got)) == STATUS_ECLOSED);
	CHECK_STR(nic.err.text, "the LAN is stopped");
}

static void test_close(void)
{
	uint8_t f[60], got[1600];

	CHECK_EQ_U64(start(VLAN_FAKE_OK), 0);
	vlan_close(&nic);
	CHECK(!fake.isopen);
	CHECK_EQ_U64(fake.free_calls, 1);
	CHECK_EQ_U64(fake.mapped, 0);
	make_frame(f, 2);
	vlan_fake_inject(&fake, f, 60);
	CHECK_EQ_U64(fake.rx_delivered, 0);
	CHECK(vlan_receive(&nic, got, sizeof(got)) == STATUS_ECLOSED);
	CHECK(vlan_send(&nic, f, 60) == STATUS_ECLOSED);
	CHECK_STR(nic.err.text, "the LAN is stopped");
	CHECK_EQ_U64(fake.send_calls, 0);
	vlan_close(&nic);
	CHECK_EQ_U64(fake.free_calls, 1);
	/* The OS can register the LAN again. */
	CHECK_EQ_U64(start(VLAN_FAKE_OK), 0);
}

static uint8_t file[200000], got_file[200000];

static void test_dhcp_tftp_end_to_end(void)
{
	static struct net_peer peer;
	static struct net_stack stack;
	static struct net_lease lease;
	struct vlan_config cfg = vlan_fake_config(mac);
	struct net_ops peer_ops, ops;
	const char *why = NULL;
	size_t size = 0;

	for (size_t i = 0; i < sizeof(file); i++)
		file[i] = (uint8_t)(i * 5 + (i >> 10));
	net_peer_init(&peer);
	peer.bootfile = "grub.elf";
	net_peer_add_file(&peer, "grub.elf", file, sizeof(file));
	peer_ops = net_peer_ops(&peer);
	vlan_fake_init(&fake, VLAN_FAKE_OK, &peer_ops);
	CHECK_EQ_U64(vlan_open(&nic, &vlan_fake_ops, &fake, &cfg, dmamem), 0);
	ops = (struct net_ops){ vlan_op_send, vlan_op_receive, vlan_op_now_ms, &nic };
	net_stack_init(&stack, &ops, nic.cfg.mac, NULL);
	CHECK_EQ_U64(net_dhcp(&stack, &lease, &why), STATUS_OK);
	CHECK_EQ_U64(stack.ip, 0x0a00020f);
	CHECK_STR(lease.reply.bootfile, "grub.elf");
	CHECK_EQ_U64(net_tftp_get(&stack, lease.tftp_server, "grub.elf", got_file,
				  sizeof(got_file), &size, &why), STATUS_OK);
	CHECK_EQ_U64(size, sizeof(file));
	CHECK(memcmp(got_file, file, sizeof(file)) == 0);
	CHECK_EQ_U64(peer.bad_frames_from_client, 0);
	CHECK_EQ_U64(nic.rx_dropped, 0);
	CHECK_EQ_U64(fake.dma_faults, 0);
	vlan_close(&nic);
	CHECK(!fake.isopen);
}

int main(void)
{
	test_wire();
	test_open();
	test_send_receive();
	test_wrap_and_toggle();
	test_full_pool();
	test_refusals();
	test_bad_entries();
	test_close();
	test_dhcp_tftp_end_to_end();
	vlan_fake_free(&fake);
	return unit_done("test-vlan");
}
