/* SPDX-License-Identifier: MIT */
/* virtio-blk driver (virtio 1.x section 5.2): reads over one request
 * queue, block size from blk_size when VIRTIO_BLK_F_BLK_SIZE is offered,
 * capacity in 512-byte sectors whatever the block size. */
#ifndef LIB_VIRTIO_VIRTIO_BLK_H
#define LIB_VIRTIO_VIRTIO_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio/virtio-pci.h"
#include "virtio/virtqueue.h"

#define VIRTIO_BLK_F_SIZE_MAX	1
#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_BLK_SIZE	6

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

/* Most bytes one request moves (fewer when the device sets size_max). */
#define VIRTIO_BLK_MAX_BYTES	(1u << 20)

struct virtio_blk {
	struct virtio_pci_dev pci;	/* pci.err says why a call failed */
	struct virtqueue vq;
	uint32_t block_size;	/* 512, 4096, ...: a power of two */
	uint64_t num_blocks;	/* of block_size bytes */
	bool read_only;
	uint32_t max_blocks;	/* per request */
	uint8_t *req;		/* DMA memory: 16-byte header, then the status byte */
};

/* Brings the device up (reset, features, queue 0, DRIVER_OK) and reads its
 * geometry. Returns 0, or with b->pci.err virtio-pci's code (no modern
 * interface, ...), STATUS_EUNSUPPORTED (a block size that is not a power of
 * two in 512..65536, a size_max below one block) or STATUS_ENOMEM. */
int virtio_blk_init(struct virtio_blk *b, const struct virtio_pci_ops *ops, void *ctx);

/* Reads count blocks from lba into buf (firmware memory, any alignment).
 * Returns 0, or with b->pci.err STATUS_EINVAL (beyond the end),
 * STATUS_EDEVICE (device error status), STATUS_EMALFORMED (a wrong
 * transfer length) or virtio_pci_transact's code (timeout, ...). */
int virtio_blk_read(struct virtio_blk *b, uint64_t lba, uint32_t count, void *buf);

#endif
