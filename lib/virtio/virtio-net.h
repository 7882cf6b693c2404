/* SPDX-License-Identifier: MIT */
/* virtio-net driver (virtio 1.x section 5.1), polled, for a network boot:
 * VERSION_1 and MAC only (no offloads, no mergeable buffers), receiveq1
 * kept full of buffers, transmitq1 one frame at a time with completion.
 * send/receive/now_ms have the shapes of lib/net's struct net_ops. */
#ifndef LIB_VIRTIO_VIRTIO_NET_H
#define LIB_VIRTIO_VIRTIO_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virtio/virtio-pci.h"
#include "virtio/virtqueue.h"

#define VIRTIO_NET_F_MAC	5

/* struct virtio_net_hdr with VERSION_1: 12 bytes whether or not
 * MRG_RXBUF is negotiated (flags, gso_type, le16 hdr_len, gso_size,
 * csum_start, csum_offset, num_buffers). */
#define VIRTIO_NET_HDR_SIZE	12
#define VIRTIO_NET_HDR_F_NEEDS_CSUM	1
#define VIRTIO_NET_HDR_GSO_NONE	0

#define VIRTIO_NET_RXQ		0
#define VIRTIO_NET_TXQ		1
#define VIRTIO_NET_RX_BUFS	16	/* receive buffers kept with the device */
#define VIRTIO_NET_FRAME_MAX	1518	/* Ethernet with a VLAN tag, no FCS */
#define VIRTIO_NET_BUF_SIZE	1536	/* header + the largest frame, rounded */

struct virtio_net {
	struct virtio_pci_dev pci;	/* pci.err says why a call failed */
	struct virtqueue rxq, txq;
	uint8_t mac[6];
	uint8_t *rx_bufs;		/* VIRTIO_NET_RX_BUFS x BUF_SIZE, DMA */
	uint8_t *tx_buf;		/* BUF_SIZE, DMA */
	unsigned rx_frames, tx_frames, rx_dropped;
	struct status_text drop;	/* why the last received frame was dropped */
};

/* Brings the device up: reset, features (VERSION_1 required, MAC
 * required: without a MAC from the device there is nothing to answer
 * DHCP with), both queues, the receive buffers, DRIVER_OK. Returns 0, or
 * with n->pci.err virtio-pci's code, STATUS_EUNSUPPORTED (no MAC, a small
 * receive queue) or STATUS_ENOMEM. */
int virtio_net_init(struct virtio_net *n, const struct virtio_pci_ops *ops, void *ctx);

/* Sends frame[0..len) (14..VIRTIO_NET_FRAME_MAX bytes) and waits, bounded,
 * for the device to give the buffer back. Returns 0, or with n->pci.err
 * STATUS_EINVAL (bad length) or virtio_pci_transact's code (device
 * stopped, no completion: the device is then reset). */
int virtio_net_send(struct virtio_net *n, const void *frame, size_t len);

/* Without waiting: copies the next received frame into buf and gives its
 * buffer back to the device. Returns the frame's length, 0 when none is
 * pending or the frame was dropped (n->drop says why: a used length the
 * buffer cannot hold, a GSO header, a frame larger than cap), or with
 * n->pci.err STATUS_EMALFORMED when the device's used ring is corrupt (the
 * device is then reset and every later call fails) or STATUS_ECLOSED when
 * the device is stopped. */
int virtio_net_receive(struct virtio_net *n, void *buf, size_t cap);

/* Resets the device (all DMA stops; the OS finds it unconfigured) and
 * refuses I/O from then on. Safe to call twice. */
void virtio_net_quiesce(struct virtio_net *n);

/* The struct net_ops entries, ctx = struct virtio_net *. */
int virtio_net_op_send(void *ctx, const void *frame, size_t len);
int virtio_net_op_receive(void *ctx, void *buf, size_t cap);
uint64_t virtio_net_op_now_ms(void *ctx);

#endif
