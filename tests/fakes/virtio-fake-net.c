/* SPDX-License-Identifier: MIT */
/* The virtio-net model of the fake virtio PCI function (see
 * virtio-fake.h), behaving like QEMU's: a transmitted buffer is header +
 * frame and goes to the backend; a received frame waits for a receive
 * buffer (one device-writable descriptor), gets a zero 12-byte header
 * with num_buffers 1 and is returned through the used ring. Faults
 * corrupt the used element or the header. */
#include <string.h>

#include "virtio-fake.h"
#include "virtio/virtio-le.h"

#define HDR 12

static void *ptr(uint64_t addr)
{
	return (void *)(uintptr_t)addr;
}

void virtio_fake_init_net(struct virtio_fake *f, const uint8_t mac[6],
			  const struct net_ops *backend)
{
	enum vfake_fault fault = f->fault;

	virtio_fake_init_blk(f, 0, 0);	/* the common parts */
	f->fault = fault;
	f->type = VIRTIO_ID_NET;
	f->backend = backend;
	/* Keep VERSION_1 / ACCESS_PLATFORM as the fault set them; QEMU 7.2
	 * also offers CSUM, GUEST_CSUM, the TSO/UFO family, MRG_RXBUF,
	 * STATUS, CTRL_VQ and more, which the driver must not take. */
	f->host_features &= (1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_F_ACCESS_PLATFORM);
	f->host_features |= (1ull << 0) | (1ull << 1) | (1ull << 7) | (1ull << 11) |
			    (1ull << 15) | (1ull << 16) | (1ull << 17);
	if (fault != VFAKE_NET_NO_MAC)
		f->host_features |= 1ull << 5;
	memset(f->device_cfg, 0, sizeof(f->device_cfg));
	memcpy(f->device_cfg, mac, 6);
	le16_write(f->device_cfg + 6, 1);	/* status: link up */
	/* Rebuild config space for the network device id. */
	f->pci_cfg[0x02] = 0x00;
	f->pci_cfg[0x03] = 0x10;
	f->pci_cfg[0x2e] = VIRTIO_ID_NET;
}

unsigned virtio_fake_net_rx_avail(const struct virtio_fake *f)
{
	const struct vfake_queue *q = &f->q[0];

	if (!q->enabled)
		return 0;
	return (uint16_t)(le16_read(ptr(q->avail) + 2) - q->last_avail);
}

static bool deliver_one(struct virtio_fake *f, const uint8_t *frame, size_t len)
{
	struct vfake_queue *q = &f->q[0];
	uint8_t *avail = ptr(q->avail), *used = ptr(q->used), *d, *b, *e;
	uint16_t head, flags, id;
	uint32_t blen, written;

	if (!q->enabled || !(f->status & VIRTIO_STATUS_DRIVER_OK) ||
	    q->last_avail == le16_read(avail + 2))
		return false;
	head = le16_read(avail + 4 + 2 * (q->last_avail % q->size));
	q->last_avail++;
	if (head >= q->size) {
		f->bad_accesses++;
		return true;
	}
	d = ptr(q->desc) + 16 * (size_t)head;
	flags = le16_read(d + 12);
	b = ptr(le64_read(d));
	blen = le32_read(d + 8);
	if (!(flags & VIRTQ_DESC_F_WRITE) || (flags & VIRTQ_DESC_F_NEXT) || blen < HDR + len) {
		f->bad_accesses++;	/* QEMU would truncate or fail the device */
		return true;
	}
	memset(b, 0, HDR);
	le16_write(b + 10, 1);	/* num_buffers */
	if (f->fault == VFAKE_NET_GSO)
		b[1] = 1;
	memcpy(b + HDR, frame, len);
	written = (uint32_t)(HDR + len);
	id = head;
	if (f->fault == VFAKE_NET_USED_TOO_LONG)
		written = blen + 1;
	if (f->fault == VFAKE_NET_USED_BAD_ID)
		id = (uint16_t)(q->size + 5);
	e = used + 4 + 8 * (size_t)(q->used_idx % q->size);
	le32_write(e, id);
	le32_write(e + 4, written);
	q->used_idx++;
	le16_write(used + 2, q->used_idx);
	f->rx_delivered++;
	return true;
}

void vfake_net_deliver(struct virtio_fake *f)
{
	while (f->n_pending) {
		unsigned i = f->pending_head;

		if (!deliver_one(f, f->pending[i], f->pending_len[i]))
			return;
		f->pending_head = (i + 1) % VFAKE_NET_PENDING;
		f->n_pending--;
	}
}

bool virtio_fake_net_inject(struct virtio_fake *f, const void *frame, size_t len)
{
	unsigned slot;

	if (f->n_pending == VFAKE_NET_PENDING || len > VFAKE_NET_FRAME_MAX) {
		f->rx_lost++;
		return false;
	}
	slot = (f->pending_head + f->n_pending) % VFAKE_NET_PENDING;
	memcpy(f->pending[slot], frame, len);
	f->pending_len[slot] = len;
	f->n_pending++;
	vfake_net_deliver(f);
	return true;
}

uint32_t vfake_net_tx(struct virtio_fake *f, const uint8_t *const *p, const uint32_t *len,
		      int ns, bool any_writable)
{
	size_t total = 0;

	if (any_writable) {
		f->bad_accesses++;
		return 0;
	}
	for (int i = 0; i < ns; i++) {
		if (total + len[i] > sizeof(f->last_tx)) {
			f->bad_accesses++;
			return 0;
		}
		memcpy(f->last_tx + total, p[i], len[i]);
		total += len[i];
	}
	if (total < HDR) {
		f->bad_accesses++;
		return 0;
	}
	f->last_tx_len = total;
	f->tx_frames++;
	if (f->backend)
		f->backend->send(f->backend->ctx, f->last_tx + HDR, total - HDR);
	return 0;	/* QEMU reports 0 bytes written for a transmit */
}

void vfake_net_pump(struct virtio_fake *f)
{
	uint8_t frame[VFAKE_NET_FRAME_MAX];

	/* Take frames from the backend only while they can be delivered. */
	while (f->n_pending < VFAKE_NET_PENDING && virtio_fake_net_rx_avail(f) > f->n_pending) {
		int n = f->backend->receive(f->backend->ctx, frame, sizeof(frame));

		if (n <= 0)
			break;
		virtio_fake_net_inject(f, frame, (size_t)n);
	}
}
