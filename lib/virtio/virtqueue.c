/* SPDX-License-Identifier: MIT */
/* Split virtqueue rings (virtio 1.x section 2.7), driver side, polled.
 * Every field shared with the device is little-endian; indices the device
 * may read at any time are written with one 16-bit store. */
#include <string.h>

#include "virtio/virtio-le.h"
#include "virtio/virtqueue.h"

#define AVAIL_HDR 4	/* le16 flags, le16 idx */
#define USED_HDR 4
#define USED_ELEM 8	/* le32 id, le32 len */

static bool valid_num(uint16_t num)
{
	return num >= 1 && num <= VIRTQ_MAX_SIZE && (num & (num - 1)) == 0;
}

static size_t avail_offset(uint16_t num)
{
	return (size_t)VIRTQ_DESC_SIZE * num;
}

static size_t used_offset(uint16_t num)
{
	/* avail: header, ring, le16 used_event; the used ring is 4-aligned. */
	return (avail_offset(num) + AVAIL_HDR + 2u * num + 2u + 3u) & ~(size_t)3;
}

size_t virtqueue_mem_size(uint16_t num)
{
	if (!valid_num(num))
		return 0;
	return used_offset(num) + USED_HDR + (size_t)USED_ELEM * num + 2u;
}

int virtqueue_init(struct virtqueue *vq, uint16_t index, uint16_t num, void *mem,
		   size_t mem_size)
{
	size_t need = virtqueue_mem_size(num);

	if (!need || !mem || mem_size < need || ((uintptr_t)mem & 15))
		return STATUS_EINVAL;
	memset(mem, 0, need);
	memset(vq, 0, sizeof(*vq));
	vq->index = index;
	vq->num = num;
	vq->desc = mem;
	vq->avail_off = avail_offset(num);
	vq->used_off = used_offset(num);
	vq->avail = vq->desc + vq->avail_off;
	vq->used = vq->desc + vq->used_off;
	/* Polling only: ask the device not to interrupt. */
	le16_write(vq->avail, VIRTQ_AVAIL_F_NO_INTERRUPT);
	return 0;
}

static void store_idx(uint8_t *p, uint16_t v)
{
	*(volatile uint16_t *)(void *)p = virtio_cpu_to_le16(v);
}

static uint16_t load_shared16(const uint8_t *p)
{
	return virtio_le16_to_cpu(*(const volatile uint16_t *)(const void *)p);
}

int virtqueue_add_chain(struct virtqueue *vq, const struct virtq_buf *bufs, unsigned n)
{
	uint16_t slot;

	if (n == 0 || n > vq->num || n > VIRTQ_MAX_CHAIN)
		return STATUS_EINVAL;
	if (vq->busy)
		return STATUS_EBUSY;
	for (unsigned i = 0; i < n; i++) {
		uint8_t *d = vq->desc + (size_t)VIRTQ_DESC_SIZE * i;
		uint16_t flags = bufs[i].device_writes ? VIRTQ_DESC_F_WRITE : 0;

		if (i + 1 < n)
			flags |= VIRTQ_DESC_F_NEXT;
		le64_write(d, bufs[i].addr);
		le32_write(d + 8, bufs[i].len);
		le16_write(d + 12, flags);
		le16_write(d + 14, (uint16_t)(i + 1 < n ? i + 1 : 0));
	}
	vq->head = 0;
	slot = vq->avail_idx & (vq->num - 1);
	le16_write(vq->avail + AVAIL_HDR + 2u * slot, vq->head);
	/* Section 2.7.13: descriptors and ring entry before the index, the
	 * index before the notification (done by the caller). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	vq->avail_idx++;
	store_idx(vq->avail + 2, vq->avail_idx);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	vq->busy = true;
	return 0;
}

int virtqueue_poll(struct virtqueue *vq, uint32_t *len)
{
	uint16_t idx = load_shared16(vq->used + 2);
	const uint8_t *e;
	uint32_t id;

	if (idx == vq->last_used)
		return 0;
	if (!vq->busy || (uint16_t)(idx - vq->last_used) != 1)
		return STATUS_EMALFORMED;
	/* Read the entry only after seeing the index (section 2.7.14). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	e = vq->used + USED_HDR + (size_t)USED_ELEM * (vq->last_used & (vq->num - 1));
	id = le32_read(e);
	if (id != vq->head)
		return STATUS_EMALFORMED;
	*len = le32_read(e + 4);
	vq->last_used = idx;
	vq->busy = false;
	return 1;
}

static bool is_posted(const struct virtqueue *vq, uint16_t d)
{
	return (vq->posted[d / 8] >> (d % 8)) & 1;
}

int virtqueue_post(struct virtqueue *vq, uint16_t desc, const struct virtq_buf *buf)
{
	uint8_t *d = vq->desc + (size_t)VIRTQ_DESC_SIZE * desc;
	uint16_t slot;

	if (desc >= vq->num || is_posted(vq, desc))
		return STATUS_EINVAL;
	le64_write(d, buf->addr);
	le32_write(d + 8, buf->len);
	le16_write(d + 12, buf->device_writes ? VIRTQ_DESC_F_WRITE : 0);
	le16_write(d + 14, 0);
	slot = vq->avail_idx & (vq->num - 1);
	le16_write(vq->avail + AVAIL_HDR + 2u * slot, desc);
	vq->posted[desc / 8] |= (uint8_t)(1u << (desc % 8));
	vq->outstanding++;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	vq->avail_idx++;
	store_idx(vq->avail + 2, vq->avail_idx);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return 0;
}

int virtqueue_take_used(struct virtqueue *vq, uint16_t *desc, uint32_t *len, const char **reason)
{
	uint16_t idx = load_shared16(vq->used + 2);
	const uint8_t *e;
	uint32_t id;

	if (idx == vq->last_used)
		return 0;
	if ((uint16_t)(idx - vq->last_used) > vq->outstanding) {
		return status_fail(reason, STATUS_EMALFORMED, "used index moved past the buffers the device holds");
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	e = vq->used + USED_HDR + (size_t)USED_ELEM * (vq->last_used & (vq->num - 1));
	id = le32_read(e);
	if (id >= vq->num) {
		return status_fail(reason, STATUS_EMALFORMED, "used element names a descriptor beyond the ring");
	}
	if (!is_posted(vq, (uint16_t)id)) {
		return status_fail(reason, STATUS_EMALFORMED, "used element names a descriptor the device does not hold");
	}
	vq->posted[id / 8] &= (uint8_t)~(1u << (id % 8));
	vq->outstanding--;
	vq->last_used++;
	*desc = (uint16_t)id;
	*len = le32_read(e + 4);
	return 1;
}

bool virtqueue_needs_notify(const struct virtqueue *vq)
{
	/* The new avail index must be visible before the device's flag is
	 * read, or a device that just re-enabled notifications is missed. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !(load_shared16(vq->used) & VIRTQ_USED_F_NO_NOTIFY);
}
