/* SPDX-License-Identifier: MIT */
/* lib/virtio/virtio-net.c against the fake virtio-net function of
 * tests/fakes/virtio-fake-net.c: negotiation, MAC, frames both ways with
 * their exact bytes, ring wrap and refill, a full receive queue, devices
 * that refuse features or write bad used entries, quiesce, and lib/net's
 * DHCP and TFTP end to end over the driver. */
#include <stdint.h>
#include <string.h>

#include "net-peer.h"
#include "net/net-stack.h"
#include "status/status.h"
#include "unit.h"
#include "virtio-fake.h"
#include "virtio/virtio-le.h"
#include "virtio/virtio-net.h"

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static struct virtio_fake fake;
static struct virtio_net nic;

static int start(enum vfake_fault fault)
{
	virtio_fake_free(&fake);
	memset(&fake, 0, sizeof(fake));
	fake.fault = fault;
	virtio_fake_init_net(&fake, mac, NULL);
	return virtio_net_init(&nic, &virtio_fake_ops, &fake);
}

/* A 60-byte frame to us whose payload starts with seq. */
static void make_frame(uint8_t *f, uint32_t seq)
{
	memset(f, 0, 60);
	memcpy(f, mac, 6);
	memcpy(f + 6, "\x52\x55\x0a\x00\x02\x02", 6);
	f[12] = 0x08;
	le32_write(f + 14, seq);
	for (unsigned i = 18; i < 60; i++)
		f[i] = (uint8_t)(seq + i);
}

static void test_init(void)
{
	CHECK_EQ_U64(start(VFAKE_OK), 0);
	CHECK(memcmp(nic.mac, mac, 6) == 0);
	/* Only VERSION_1 and MAC, although the fake offers offloads too. */
	CHECK_EQ_U64(fake.guest_features, (1ull << 32) | (1ull << 5));
	CHECK_EQ_U64(fake.status, 0x0f);
	CHECK_EQ_U64(virtio_fake_net_rx_avail(&fake), VIRTIO_NET_RX_BUFS);
	CHECK_EQ_U64(fake.q[0].size, 16);
	CHECK_EQ_U64(fake.bad_accesses, 0);
}

static void test_send(void)
{
	uint8_t f[60];

	CHECK_EQ_U64(start(VFAKE_OK), 0);
	make_frame(f, 7);
	CHECK_EQ_U64(virtio_net_send(&nic, f, 60), 0);
	CHECK_EQ_U64(fake.tx_frames, 1);
	CHECK_EQ_U64(fake.last_tx_len, 72);
	CHECK(memcmp(fake.last_tx, "\0\0\0\0\0\0\0\0\0\0\0\0", 12) == 0);
	CHECK(memcmp(fake.last_tx + 12, f, 60) == 0);
	CHECK_EQ_U64(virtio_net_send(&nic, f, 13), (uint64_t)STATUS_EINVAL);
	CHECK_STR(nic.pci.err.text, "cannot send a frame of 13 bytes");
	CHECK_EQ_U64(virtio_net_send(&nic, f, 1519), (uint64_t)STATUS_EINVAL);
	CHECK_EQ_U64(fake.tx_frames, 1);
	CHECK_EQ_U64(fake.bad_accesses, 0);
}

static void test_receive(void)
{
	uint8_t f[60], got[1600];

	CHECK_EQ_U64(start(VFAKE_OK), 0);
	CHECK_EQ_U64(virtio_net_receive(&nic, got, sizeof(got)), 0);
	make_frame(f, 1);
	CHECK(virtio_fake_net_inject(&fake, f, 60));
	CHECK_EQ_U64(virtio_fake_net_rx_avail(&fake), 15);
	CHECK_EQ_U64(virtio_net_receive(&nic, got, sizeof(got)), 60);
	CHECK(memcmp(got, f, 60) == 0);
	/* The buffer went back at once. */
	CHECK_EQ_U64(virtio_fake_net_rx_avail(&fake), 16);
	CHECK_EQ_U64(virtio_net_receive(&nic, got, sizeof(got)), 0);
	/* A frame larger than the caller's buffer is dropped and named. */
	CHECK(virtio_fake_net_inject(&fake, f, 60));
	CHECK_EQ_U64(virtio_net_receive(&nic, got, 20), 0);
	CHECK_STR(nic.drop.text, "received frame of 60 bytes exceeds the caller's 20");
	CHECK_EQ_U64(nic.rx_dropped, 1);
	CHECK_EQ_U64(virtio_fake_net_rx_avail(&fake), 16);
	CHECK_EQ_U64(fake.bad_accesses, 0);
}

/* 70000 frames: the ring slots wrap every 16 and the 16-bit indices once. */
static void test_wrap_and_refill(void)
{
	uint8_t f[60], got[1600];
	unsigned bad = 0;

	CHECK_EQ_U64(start(VFAKE_OK), 0);
	for (uint32_t seq = 0; seq < 70000; seq++) {
		make_frame(f, seq);
		if (!virtio_fake_net_inject(&fake, f, 60) ||
		    virtio_net_receive(&nic, got, sizeof(got)) != 60 || memcmp(got, f, 60))
			bad++;
	}
	CHECK_EQ_U64(bad, 0);
	CHECK_EQ_U64(nic.rx_frames, 70000);
	CHECK_EQ_U64(fake.q[0].used_idx, (uint16_t)70000);
	CHECK_EQ_U64(virtio_fake_net_rx_avail(&fake), 16);
	CHECK_EQ_U64(fake.bad_accesses, 0);
}

/* All 16 buffers filled, 8 frames waiting in the device, one lost; the
 * driver then gets all 24 in order as it gives buffers back. */
static void test_full_rx_queue(void)
{
	uint8_t f[60], got[1600];
	unsigned in_order = 0;

	CHECK_EQ_U64(start(VFAKE_OK), 0);
	for (uint32_t seq = 0; seq < 24; seq++) {
		make_frame(f, seq);
		CHECK(virtio_fake_net_inject(&fake, f, 60));
	}
	CHECK_EQ_U64(virtio_fake_net_rx_avail(&fake), 0);
	CHECK_EQ_U64(fake.n_pending, 8);
	make_frame(f, 99);
	CHECK(!virtio_fake_net_inject(&fake, f, 60));
	CHECK_EQ_U64(fake.rx_lost, 1);
	for (uint32_t seq = 0; seq < 24; seq++)
		if (virtio_net_receive(&nic, got, sizeof(got)) == 60 && le32_read(got + 14) == seq)
			in_order++;
	CHECK_EQ_U64(in_order, 24);
	CHECK_EQ_U64(virtio_net_receive(&nic, got, sizeof(got)), 0);
	CHECK_EQ_U64(virtio_fake_net_rx_avail(&fake), 16);
	CHECK_EQ_U64(fake.bad_accesses, 0);
}

static void test_refusing_devices(void)
{
	CHECK_EQ_U64(start(VFAKE_REFUSE_FEATURES), (uint64_t)STATUS_EREFUSED);
	CHECK_STR(nic.pci.err.text, "device refused features 0x100000020 (status 0x3)");
	CHECK_EQ_U64(start(VFAKE_NO_VERSION_1), (uint64_t)STATUS_EUNSUPPORTED);
	CHECK_STR(nic.pci.err.text, "device lacks required features 0x100000000 (offers 0x388a3)");
	CHECK_EQ_U64(start(VFAKE_NET_NO_MAC), (uint64_t)STATUS_EUNSUPPORTED);
	CHECK_STR(nic.pci.err.text, "device offers no MAC address (no VIRTIO_NET_F_MAC)");
	CHECK_EQ_U64(fake.status, 0);	/* left reset */
	CHECK_EQ_U64(start(VFAKE_QUEUE_ABSENT), (uint64_t)STATUS_ENOTFOUND);
	CHECK_STR(nic.pci.err.text, "queue 0 is not available");
	CHECK_EQ_U64(fake.status, 0);
	CHECK_EQ_U64(start(VFAKE_DRIVER_OK_FAILS), (uint64_t)STATUS_EDEVICE);
	CHECK_STR(nic.pci.err.text, "device did not accept DRIVER_OK (status 0x4f)");
	CHECK_EQ_U64(fake.status, 0);
}

static void test_bad_device_writes(void)
{
	uint8_t f[60], got[1600];

	make_frame(f, 3);
	/* A used length beyond the buffer: dropped, named, buffer reposted. */
	CHECK_EQ_U64(start(VFAKE_NET_USED_TOO_LONG), 0);
	CHECK(virtio_fake_net_inject(&fake, f, 60));
	CHECK_EQ_U64(virtio_net_receive(&nic, got, sizeof(got)), 0);
	CHECK_STR(nic.drop.text, "device wrote 1537 bytes into 1536-byte receive buffer 0");
	CHECK_EQ_U64(virtio_fake_net_rx_avail(&fake), 16);
	/* A segmentation-offload header that was never negotiated. */
	CHECK_EQ_U64(start(VFAKE_NET_GSO), 0);
	CHECK(virtio_fake_net_inject(&fake, f, 60));
	CHECK_EQ_U64(virtio_net_receive(&nic, got, sizeof(got)), 0);
	CHECK_STR(nic.drop.text, "device sent a GSO frame (type 1) that was not negotiated");
	/* A used element naming no descriptor: the ring cannot be trusted,
	 * the device is reset and stays refused. */
	CHECK_EQ_U64(start(VFAKE_NET_USED_BAD_ID), 0);
	CHECK(virtio_fake_net_inject(&fake, f, 60));
	CHECK_EQ_U64(virtio_net_receive(&nic, got, sizeof(got)), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(nic.pci.err.text, "corrupt receive used ring: used element names a descriptor "
			       "beyond the ring; device reset");
	CHECK_EQ_U64(fake.status, 0);
	CHECK_EQ_U64(virtio_net_receive(&nic, got, sizeof(got)), (uint64_t)STATUS_ECLOSED);
	CHECK_STR(nic.pci.err.text, "device was reset: it returned a corrupt receive used ring earlier");
	CHECK_EQ_U64(virtio_net_send(&nic, f, 60), (uint64_t)STATUS_ECLOSED);
	/* A transmit that never completes ends in bounded time. */
	CHECK_EQ_U64(start(VFAKE_NEVER_COMPLETE), 0);
	CHECK_EQ_U64(virtio_net_send(&nic, f, 60), (uint64_t)STATUS_ETIMEDOUT);
	CHECK_STR(nic.pci.err.text, "no completion on queue 1 within 5000 ms; device reset");
}

static void test_quiesce(void)
{
	uint8_t f[60], got[1600];
	unsigned resets;

	CHECK_EQ_U64(start(VFAKE_OK), 0);
	resets = fake.resets;
	virtio_net_quiesce(&nic);
	CHECK_EQ_U64(fake.status, 0);
	CHECK_EQ_U64(fake.resets, resets + 1);
	CHECK(!fake.q[0].enabled && !fake.q[1].enabled);
	CHECK_EQ_U64(fake.q[0].desc, 0);
	/* The device writes nothing any more. */
	make_frame(f, 5);
	virtio_fake_net_inject(&fake, f, 60);
	CHECK_EQ_U64(fake.rx_delivered, 0);
	CHECK_EQ_U64(virtio_net_receive(&nic, got, sizeof(got)), (uint64_t)STATUS_ECLOSED);
	CHECK_STR(nic.pci.err.text, "device was reset: the network device was quiesced");
	CHECK_EQ_U64(virtio_net_send(&nic, f, 60), (uint64_t)STATUS_ECLOSED);
	CHECK_EQ_U64(fake.tx_frames, 0);
	virtio_net_quiesce(&nic);	/* twice is harmless */
	CHECK_EQ_U64(fake.resets, resets + 1);
	CHECK_EQ_U64(fake.bad_accesses, 0);
}

static uint8_t file[200000], got_file[200000];

static void test_dhcp_tftp_end_to_end(void)
{
	static struct net_peer peer;
	static struct net_stack stack;
	static struct net_lease lease;
	struct net_ops peer_ops, ops;
	const char *why = NULL;
	size_t size = 0;

	for (size_t i = 0; i < sizeof(file); i++)
		file[i] = (uint8_t)(i * 7 + (i >> 9));
	net_peer_init(&peer);
	peer.bootfile = "vmlinux";
	net_peer_add_file(&peer, "vmlinux", file, sizeof(file));
	peer_ops = net_peer_ops(&peer);
	virtio_fake_free(&fake);
	memset(&fake, 0, sizeof(fake));
	virtio_fake_init_net(&fake, mac, &peer_ops);
	CHECK_EQ_U64(virtio_net_init(&nic, &virtio_fake_ops, &fake), 0);
	ops = (struct net_ops){ virtio_net_op_send, virtio_net_op_receive, virtio_net_op_now_ms,
				&nic };
	net_stack_init(&stack, &ops, nic.mac, NULL);
	CHECK_EQ_U64(net_dhcp(&stack, &lease, &why), STATUS_OK);
	CHECK_EQ_U64(stack.ip, 0x0a00020f);
	CHECK_STR(lease.reply.bootfile, "vmlinux");
	CHECK_EQ_U64(net_tftp_get(&stack, lease.tftp_server, "vmlinux", got_file,
				  sizeof(got_file), &size, &why), STATUS_OK);
	CHECK_EQ_U64(size, sizeof(file));
	CHECK(memcmp(got_file, file, sizeof(file)) == 0);
	CHECK(memcmp(peer.client_mac, mac, 6) == 0);
	CHECK_EQ_U64(peer.bad_frames_from_client, 0);
	CHECK_EQ_U64(nic.rx_dropped, 0);
	CHECK_EQ_U64(fake.bad_accesses, 0);
	virtio_net_quiesce(&nic);
	CHECK_EQ_U64(fake.status, 0);
}

int main(void)
{
	test_init();
	test_send();
	test_receive();
	test_wrap_and_refill();
	test_full_rx_queue();
	test_refusing_devices();
	test_bad_device_writes();
	test_quiesce();
	test_dhcp_tftp_end_to_end();
	virtio_fake_free(&fake);
	return unit_done("test-virtio-net");
}
