/* SPDX-License-Identifier: MIT */
/* Split virtqueue, driver side (virtio 1.x section 2.7): descriptor table,
 * available ring, used ring in one block of memory the caller provides.
 * The firmware is synchronous, so a queue carries one descriptor chain at a
 * time, always at descriptors 0..n-1; completion is found by polling. */
#ifndef LIB_VIRTIO_VIRTQUEUE_H
#define LIB_VIRTIO_VIRTQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

#define VIRTQ_DESC_F_NEXT	1
#define VIRTQ_DESC_F_WRITE	2
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1
#define VIRTQ_USED_F_NO_NOTIFY	1

#define VIRTQ_MAX_SIZE		256	/* what the firmware ever asks for */
#define VIRTQ_MAX_CHAIN		8	/* descriptors in one request */

/* Wire layout of one descriptor: le64 addr, le32 len, le16 flags, le16 next. */
#define VIRTQ_DESC_SIZE		16

/* One buffer of a request as the device sees it. */
struct virtq_buf {
	uint64_t addr;		/* device (DMA) address */
	uint32_t len;
	bool device_writes;	/* device-writable ("in") buffer */
};

struct virtqueue {
	uint16_t index;		/* queue number within the device */
	uint16_t num;		/* ring size, a power of two */
	uint8_t *desc, *avail, *used;	/* parts of the ring memory */
	size_t avail_off, used_off;	/* offsets of avail and used in it */
	uint16_t avail_idx;	/* free-running index of the next avail slot */
	uint16_t last_used;	/* used index consumed so far */
	uint16_t head;		/* descriptor of the chain in flight */
	bool busy;		/* a chain is with the device */
	uint64_t notify;	/* the transport's: where to notify this queue */
	/* Posted mode (virtqueue_post): which descriptors the device holds. */
	uint16_t outstanding;
	uint8_t posted[VIRTQ_MAX_SIZE / 8];
};

/* Bytes of ring memory for num entries (desc, avail, used, with the
 * alignments of section 2.7: 16, 2, 4). 0 if num is not a power of two in
 * 1..VIRTQ_MAX_SIZE. */
size_t virtqueue_mem_size(uint16_t num);

/* Lays out the rings in mem (16-byte aligned, zeroed here) and resets the
 * indices. Returns 0, or STATUS_EINVAL if num is invalid or mem is too
 * small or misaligned. */
int virtqueue_init(struct virtqueue *vq, uint16_t index, uint16_t num, void *mem,
		   size_t mem_size);

/* Writes bufs[0..n-1] as one chain and makes it available (with the memory
 * barriers the spec requires before the index update). The caller then
 * notifies the device. Returns 0, STATUS_EINVAL if n is 0, larger than the
 * ring or VIRTQ_MAX_CHAIN, or STATUS_EBUSY if a chain is already in
 * flight. */
int virtqueue_add_chain(struct virtqueue *vq, const struct virtq_buf *bufs, unsigned n);

/* Looks once at the used ring. Returns 1 when the chain in flight has come
 * back (*len = bytes the device says it wrote), 0 while it has not, and
 * STATUS_EMALFORMED when the device's used ring is inconsistent (an id that is not the chain
 * in flight, or the used index moving by more than one). */
int virtqueue_poll(struct virtqueue *vq, uint32_t *len);

/* Posted mode, for a queue that keeps many one-descriptor buffers with
 * the device at once (a NIC's receive queue); not to be mixed with
 * virtqueue_add_chain on the same queue. Makes descriptor desc (< num)
 * describe buf and makes it available (barriers as in add_chain; the
 * caller notifies). Returns 0, or STATUS_EINVAL if desc is out of range or
 * already with the device. */
int virtqueue_post(struct virtqueue *vq, uint16_t desc, const struct virtq_buf *buf);

/* Posted mode: takes the next used element. Returns 1 with *desc and *len
 * (bytes the device says it wrote), 0 when there is none, and
 * STATUS_EMALFORMED with *reason when the used ring is inconsistent: the
 * used index moved past what was posted, or the element names a
 * descriptor out of range or not posted. Nothing is consumed then. */
int virtqueue_take_used(struct virtqueue *vq, uint16_t *desc, uint32_t *len,
			const char **reason);

/* False while the device has asked not to be notified (used ring flag
 * NO_NOTIFY: it is already working through the avail ring, as QEMU's
 * virtio-net does while frames flow); the kick can then be left out. */
bool virtqueue_needs_notify(const struct virtqueue *vq);

#endif
