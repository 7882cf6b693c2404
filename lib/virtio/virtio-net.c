/* SPDX-License-Identifier: MIT */
/* virtio-net (virtio 1.x section 5.1.6): every buffer is one descriptor
 * holding the 12-byte header and then the frame (VERSION_1 implies
 * ANY_LAYOUT). Receive buffers are descriptors 0..RX_BUFS-1 of receiveq1,
 * each given back to the device as soon as its frame was copied out. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "virtio/virtio-le.h"
#include "virtio/virtio-net.h"

/* struct virtio_net_config: mac[6] first. */
#define CFG_MAC		0

#define HDR_GSO_TYPE	1

static uint8_t *rx_buf(struct virtio_net *n, uint16_t i)
{
	return n->rx_bufs + (size_t)i * VIRTIO_NET_BUF_SIZE;
}

static int post_rx(struct virtio_net *n, uint16_t i)
{
	struct virtq_buf b = { virtio_pci_dma(&n->pci, rx_buf(n, i)), VIRTIO_NET_BUF_SIZE, true };

	return virtqueue_post(&n->rxq, i, &b);
}

static int bring_up(struct virtio_net *n, const struct virtio_pci_ops *ops, void *ctx)
{
	uint64_t v;
	int rc = virtio_pci_start(&n->pci, 1ull << VIRTIO_NET_F_MAC, 0);

	if (rc != 0)
		return rc;
	if (!(n->pci.features & (1ull << VIRTIO_NET_F_MAC)))
		return status_failf(&n->pci.err, STATUS_EUNSUPPORTED,
				    "device offers no MAC address (no VIRTIO_NET_F_MAC)");
	for (unsigned i = 0; i < 6; i++) {
		rc = virtio_pci_config_read(&n->pci, CFG_MAC + i, 1, &v);
		if (rc != 0)
			return rc;
		n->mac[i] = (uint8_t)v;
	}
	n->rx_bufs = ops->dma_alloc(ctx, (size_t)VIRTIO_NET_RX_BUFS * VIRTIO_NET_BUF_SIZE, 16);
	n->tx_buf = ops->dma_alloc(ctx, VIRTIO_NET_BUF_SIZE, 16);
	if (!n->rx_bufs || !n->tx_buf)
		return status_failf(&n->pci.err, STATUS_ENOMEM, "out of memory for the network buffers");
	rc = virtio_pci_setup_queue(&n->pci, &n->rxq, VIRTIO_NET_RXQ, VIRTIO_NET_RX_BUFS);
	if (rc == 0)
		rc = virtio_pci_setup_queue(&n->pci, &n->txq, VIRTIO_NET_TXQ, 4);
	if (rc != 0)
		return rc;
	if (n->rxq.num < VIRTIO_NET_RX_BUFS)
		return status_failf(&n->pci.err, STATUS_EUNSUPPORTED,
				    "receive queue is smaller than 16 entries");
	for (uint16_t i = 0; i < VIRTIO_NET_RX_BUFS; i++)
		post_rx(n, i);
	/* Section 3.1.1: no notification before DRIVER_OK. */
	rc = virtio_pci_driver_ok(&n->pci);
	if (rc != 0)
		return rc;
	virtio_pci_notify(&n->pci, &n->rxq);
	return 0;
}

int virtio_net_init(struct virtio_net *n, const struct virtio_pci_ops *ops, void *ctx)
{
	int rc;

	memset(n, 0, sizeof(*n));
	rc = virtio_pci_open(&n->pci, ops, ctx);
	if (rc != 0)
		return rc;
	rc = bring_up(n, ops, ctx);
	if (rc != 0)
		/* Leave nothing half set up for the OS. A reset keeps err,
		 * unless it times out too: then err names that. */
		virtio_pci_reset(&n->pci);
	return rc;
}

int virtio_net_send(struct virtio_net *n, const void *frame, size_t len)
{
	struct virtq_buf b;
	uint32_t written;
	int rc;

	if (len < 14 || len > VIRTIO_NET_FRAME_MAX)
		return status_failf(&n->pci.err, STATUS_EINVAL, "cannot send a frame of %zu bytes", len);
	/* All zero: no checksum or segmentation offload asked for. */
	memset(n->tx_buf, 0, VIRTIO_NET_HDR_SIZE);
	memcpy(n->tx_buf + VIRTIO_NET_HDR_SIZE, frame, len);
	b.addr = virtio_pci_dma(&n->pci, n->tx_buf);
	b.len = (uint32_t)(VIRTIO_NET_HDR_SIZE + len);
	b.device_writes = false;
	rc = virtio_pci_transact(&n->pci, &n->txq, &b, 1, &written);
	if (rc != 0)
		return rc;
	n->tx_frames++;
	return 0;
}

/* Records why a frame was dropped; returns 0 (nothing delivered). */
__attribute__((format(printf, 2, 3)))
static int drop(struct virtio_net *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	status_vtextf(&n->drop, fmt, ap);
	va_end(ap);
	n->rx_dropped++;
	return 0;
}

int virtio_net_receive(struct virtio_net *n, void *buf, size_t cap)
{
	const char *why = NULL;
	uint16_t id;
	uint32_t len;
	uint8_t *b;
	int r;

	if (n->pci.stopped)
		return status_failf(&n->pci.err, STATUS_ECLOSED, "device was reset: %s",
				    n->pci.stopped);
	r = virtqueue_take_used(&n->rxq, &id, &len, &why);
	if (r == 0)
		return 0;
	if (r < 0) {
		virtio_pci_stop(&n->pci, "it returned a corrupt receive used ring earlier");
		return status_failf(&n->pci.err, r, "corrupt receive used ring: %s; device reset",
				    why);
	}
	b = rx_buf(n, id);
	if (len < VIRTIO_NET_HDR_SIZE + 14 || len > VIRTIO_NET_BUF_SIZE)
		r = drop(n, "device wrote %u bytes into %u-byte receive buffer %u", len,
			 VIRTIO_NET_BUF_SIZE, id);
	else if (b[HDR_GSO_TYPE] != VIRTIO_NET_HDR_GSO_NONE)
		r = drop(n, "device sent a GSO frame (type %u) that was not negotiated",
			 b[HDR_GSO_TYPE]);
	else if (b[0] & VIRTIO_NET_HDR_F_NEEDS_CSUM)
		r = drop(n, "device sent a partial checksum that was not negotiated");
	else if (len - VIRTIO_NET_HDR_SIZE > cap)
		r = drop(n, "received frame of %u bytes exceeds the caller's %zu",
			 len - VIRTIO_NET_HDR_SIZE, cap);
	else {
		r = (int)(len - VIRTIO_NET_HDR_SIZE);
		memcpy(buf, b + VIRTIO_NET_HDR_SIZE, (size_t)r);
		n->rx_frames++;
	}
	/* The buffer goes back whatever became of its frame. */
	post_rx(n, id);
	virtio_pci_notify(&n->pci, &n->rxq);
	return r;
}

void virtio_net_quiesce(struct virtio_net *n)
{
	if (!n->pci.stopped)
		virtio_pci_stop(&n->pci, "the network device was quiesced");
}

int virtio_net_op_send(void *ctx, const void *frame, size_t len)
{
	return virtio_net_send(ctx, frame, len);
}

int virtio_net_op_receive(void *ctx, void *buf, size_t cap)
{
	return virtio_net_receive(ctx, buf, cap);
}

uint64_t virtio_net_op_now_ms(void *ctx)
{
	struct virtio_net *n = ctx;

	return n->pci.ops->ms(n->pci.ctx);
}
