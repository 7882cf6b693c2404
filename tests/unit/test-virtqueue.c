/* SPDX-License-Identifier: MIT */
/* Unit test of lib/virtio/virtqueue.c: ring layout and alignment, the
 * little-endian bytes of descriptors and indices, completion polling, and
 * rejection of inconsistent used rings; index wrap-around. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "virtio/virtio-le.h"
#include "virtio/virtqueue.h"

static _Alignas(16) uint8_t mem[8192];

/* Plays the device: consumes the avail entry and returns it as used. */
static void device_complete(struct virtqueue *vq, uint32_t id, uint32_t len, uint16_t step)
{
	uint16_t used = le16_read(vq->used + 2);
	uint8_t *e = vq->used + 4 + 8 * (used & (vq->num - 1));

	le32_write(e, id);
	le32_write(e + 4, len);
	le16_write(vq->used + 2, (uint16_t)(used + step));
}

static void test_layout(void)
{
	struct virtqueue vq;

	CHECK_EQ_U64(virtqueue_mem_size(0), 0);
	CHECK_EQ_U64(virtqueue_mem_size(3), 0);
	CHECK_EQ_U64(virtqueue_mem_size(512), 0);
	/* 16 entries: desc 256, avail 4+32+2 = 38 (ends 294), used 4-aligned
	 * at 296 with 4+128+2 = 134 bytes. */
	CHECK_EQ_U64(virtqueue_mem_size(16), 430);
	CHECK_EQ_U64(virtqueue_mem_size(1), 16 + 8 + 14);
	CHECK_EQ_U64(virtqueue_mem_size(256), 4096 + 518 + 2 + 4 + 2048 + 2);
	CHECK(virtqueue_init(&vq, 0, 16, mem + 8, sizeof(mem) - 8) == STATUS_EINVAL);	/* misaligned */
	CHECK(virtqueue_init(&vq, 0, 16, mem, 429) == STATUS_EINVAL);			/* too small */
	CHECK(virtqueue_init(&vq, 0, 12, mem, sizeof(mem)) == STATUS_EINVAL);
	memset(mem, 0xaa, sizeof(mem));
	CHECK(virtqueue_init(&vq, 2, 16, mem, 430) == 0);
	CHECK_EQ_U64(vq.index, 2);
	CHECK_EQ_U64(vq.avail_off, 256);
	CHECK_EQ_U64(vq.used_off, 296);
	CHECK(vq.avail == mem + 256 && vq.used == mem + 296);
	/* Zeroed, with NO_INTERRUPT set in avail flags (LE). */
	CHECK_EQ_U64(mem[256], 1);
	CHECK_EQ_U64(mem[257], 0);
	CHECK_EQ_U64(mem[300], 0);
	CHECK_EQ_U64(mem[429], 0);
	CHECK_EQ_U64(mem[430], 0xaa);
}

static void test_chain(void)
{
	struct virtqueue vq;
	struct virtq_buf bufs[3] = {
		{ 0x1122334455667788ull, 16, false },
		{ 0xa0b0c0d0ull, 0x200, true },
		{ 0x42, 1, true },
	};
	uint32_t len = 0;

	CHECK(virtqueue_init(&vq, 0, 4, mem, sizeof(mem)) == 0);
	CHECK(virtqueue_add_chain(&vq, bufs, 0) == STATUS_EINVAL);
	CHECK(virtqueue_add_chain(&vq, bufs, 5) == STATUS_EINVAL);		/* longer than the ring */
	CHECK(virtqueue_add_chain(&vq, bufs, 3) == 0);
	/* Descriptor 0: addr LE, len LE, flags NEXT, next 1. */
	static const uint8_t d0[16] = { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
					16, 0, 0, 0, 1, 0, 1, 0 };
	static const uint8_t d1[16] = { 0xd0, 0xc0, 0xb0, 0xa0, 0, 0, 0, 0,
					0, 2, 0, 0, 3, 0, 2, 0 };
	static const uint8_t d2[16] = { 0x42, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0 };
	CHECK(memcmp(vq.desc, d0, 16) == 0);
	CHECK(memcmp(vq.desc + 16, d1, 16) == 0);
	CHECK(memcmp(vq.desc + 32, d2, 16) == 0);
	/* avail: idx 1 (LE) at +2, ring[0] = head 0. */
	CHECK_EQ_U64(vq.avail[2], 1);
	CHECK_EQ_U64(vq.avail[3], 0);
	CHECK_EQ_U64(le16_read(vq.avail + 4), 0);
	/* Only one chain at a time. */
	CHECK(virtqueue_add_chain(&vq, bufs, 1) == STATUS_EBUSY);
	CHECK(virtqueue_poll(&vq, &len) == 0);
	device_complete(&vq, 0, 0x201, 1);
	CHECK(virtqueue_poll(&vq, &len) == 1);
	CHECK_EQ_U64(len, 0x201);
	CHECK(!vq.busy);
	CHECK(virtqueue_poll(&vq, &len) == 0);
	/* Nine buffers exceed VIRTQ_MAX_CHAIN even on a big ring. */
	struct virtq_buf many[9] = { { 0 } };
	CHECK(virtqueue_init(&vq, 0, 16, mem, sizeof(mem)) == 0);
	CHECK(virtqueue_add_chain(&vq, many, 9) == STATUS_EINVAL);
	CHECK(virtqueue_add_chain(&vq, many, 8) == 0);
}

static void test_bad_device(void)
{
	struct virtqueue vq;
	struct virtq_buf b = { 0x1000, 8, true };
	uint32_t len;

	/* A used entry that is not our chain. */
	CHECK(virtqueue_init(&vq, 0, 8, mem, sizeof(mem)) == 0);
	CHECK(virtqueue_add_chain(&vq, &b, 1) == 0);
	device_complete(&vq, 5, 8, 1);
	CHECK(virtqueue_poll(&vq, &len) == STATUS_EMALFORMED);
	/* The used index moving by two. */
	CHECK(virtqueue_init(&vq, 0, 8, mem, sizeof(mem)) == 0);
	CHECK(virtqueue_add_chain(&vq, &b, 1) == 0);
	device_complete(&vq, 0, 8, 2);
	CHECK(virtqueue_poll(&vq, &len) == STATUS_EMALFORMED);
	/* A used entry when nothing is in flight. */
	CHECK(virtqueue_init(&vq, 0, 8, mem, sizeof(mem)) == 0);
	device_complete(&vq, 0, 8, 1);
	CHECK(virtqueue_poll(&vq, &len) == STATUS_EMALFORMED);
}

static void test_wrap(void)
{
	struct virtqueue vq;
	struct virtq_buf b = { 0x1000, 8, true };
	uint32_t len;
	int ok = 1;

	CHECK(virtqueue_init(&vq, 0, 2, mem, sizeof(mem)) == 0);
	for (unsigned i = 0; i < 70000 && ok; i++) {
		ok = virtqueue_add_chain(&vq, &b, 1) == 0;
		ok = ok && le16_read(vq.avail + 2) == (uint16_t)(i + 1);
		ok = ok && le16_read(vq.avail + 4 + 2 * (i & 1)) == 0;
		device_complete(&vq, 0, i, 1);
		ok = ok && virtqueue_poll(&vq, &len) == 1 && len == i;
	}
	CHECK(ok);
	CHECK_EQ_U64(vq.avail_idx, (uint16_t)70000);
	CHECK_EQ_U64(vq.last_used, (uint16_t)70000);
}

/* Posted mode: many single buffers out at once, returned in any order. */
static void test_posted(void)
{
	struct virtqueue vq;
	struct virtq_buf b = { 0x1000, 1536, true };
	const char *why = NULL;
	uint16_t id = 99;
	uint32_t len = 0;

	CHECK_EQ_U64(virtqueue_init(&vq, 0, 4, mem, sizeof(mem)), 0);
	for (uint16_t i = 0; i < 4; i++) {
		b.addr = 0x1000 + 0x800u * i;
		CHECK_EQ_U64(virtqueue_post(&vq, i, &b), 0);
	}
	CHECK_EQ_U64(virtqueue_post(&vq, 2, &b), (uint64_t)STATUS_EINVAL);	/* already out */
	CHECK_EQ_U64(virtqueue_post(&vq, 4, &b), (uint64_t)STATUS_EINVAL);	/* beyond the ring */
	/* Descriptor 3: addr, len, WRITE, no next; avail ring 0 1 2 3. */
	CHECK(memcmp(vq.desc + 48, "\x00\x28\0\0\0\0\0\0\x00\x06\0\0\x02\0\0\0", 16) == 0);
	CHECK(memcmp(vq.avail, "\x01\0\x04\0\0\0\x01\0\x02\0\x03\0", 12) == 0);
	CHECK_EQ_U64(virtqueue_take_used(&vq, &id, &len, &why), 0);
	device_complete(&vq, 2, 72, 1);
	CHECK_EQ_U64(virtqueue_take_used(&vq, &id, &len, &why), 1);
	CHECK_EQ_U64(id, 2);
	CHECK_EQ_U64(len, 72);
	CHECK_EQ_U64(vq.outstanding, 3);
	/* The device names 2 again, which it no longer holds. */
	device_complete(&vq, 2, 72, 1);
	CHECK(virtqueue_take_used(&vq, &id, &len, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "used element names a descriptor the device does not hold");
	CHECK_EQ_U64(vq.last_used, 1);	/* nothing consumed */
	/* Reposted, 2 is legitimate again. */
	CHECK_EQ_U64(virtqueue_post(&vq, 2, &b), 0);
	CHECK_EQ_U64(virtqueue_take_used(&vq, &id, &len, &why), 1);
	CHECK_EQ_U64(id, 2);
	/* An id beyond the ring, and an index jumping past what is out. */
	device_complete(&vq, 7, 1, 1);
	CHECK(virtqueue_take_used(&vq, &id, &len, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "used element names a descriptor beyond the ring");
	le16_write(vq.used + 2, (uint16_t)(vq.last_used + 5));
	CHECK(virtqueue_take_used(&vq, &id, &len, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "used index moved past the buffers the device holds");
}

/* The kick is left out only while the device's used ring says NO_NOTIFY. */
static void test_needs_notify(void)
{
	static uint8_t mem[512] __attribute__((aligned(16)));
	struct virtqueue vq;

	CHECK(virtqueue_init(&vq, 0, 8, mem, sizeof(mem)) == 0);
	CHECK(virtqueue_needs_notify(&vq));
	le16_write(vq.used, VIRTQ_USED_F_NO_NOTIFY);
	CHECK(!virtqueue_needs_notify(&vq));
	le16_write(vq.used, 2);		/* another bit: still notified */
	CHECK(virtqueue_needs_notify(&vq));
}

int main(void)
{
	test_needs_notify();
	test_posted();
	test_layout();
	test_chain();
	test_bad_device();
	test_wrap();
	return unit_done("test-virtqueue");
}
