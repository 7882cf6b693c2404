/* SPDX-License-Identifier: MIT */
/* virtio-blk (virtio 1.x section 5.2): a read is a chain of the 16-byte
 * request header (le32 type, le32 reserved, le64 sector in 512-byte
 * units), the data buffer and one status byte the device writes last. */
#include <stdio.h>
#include <string.h>

#include "virtio/virtio-blk.h"
#include "virtio/virtio-le.h"

/* struct virtio_blk_config */
#define CFG_CAPACITY	0
#define CFG_SIZE_MAX	8
#define CFG_BLK_SIZE	20

#define HDR_SIZE	16
#define QUEUE_MAX	16

int virtio_blk_init(struct virtio_blk *b, const struct virtio_pci_ops *ops, void *ctx)
{
	uint64_t wanted = (1ull << VIRTIO_BLK_F_SIZE_MAX) | (1ull << VIRTIO_BLK_F_SEG_MAX) |
			  (1ull << VIRTIO_BLK_F_RO) | (1ull << VIRTIO_BLK_F_BLK_SIZE);
	uint64_t capacity, v;
	uint32_t max_bytes = VIRTIO_BLK_MAX_BYTES;
	int rc;

	memset(b, 0, sizeof(*b));
	rc = virtio_pci_open(&b->pci, ops, ctx);
	if (rc == 0)
		rc = virtio_pci_start(&b->pci, wanted, 0);
	if (rc != 0)
		return rc;
	b->block_size = 512;
	if (b->pci.features & (1ull << VIRTIO_BLK_F_BLK_SIZE)) {
		rc = virtio_pci_config_read(&b->pci, CFG_BLK_SIZE, 4, &v);
		if (rc != 0)
			return rc;
		if (v < 512 || v > 65536 || (v & (v - 1)))
			return status_failf(&b->pci.err, STATUS_EUNSUPPORTED,
					    "unsupported block size %llu", (unsigned long long)v);
		b->block_size = (uint32_t)v;
	}
	rc = virtio_pci_config_read(&b->pci, CFG_CAPACITY, 8, &capacity);
	if (rc != 0)
		return rc;
	b->num_blocks = capacity / (b->block_size / 512);
	if (b->pci.features & (1ull << VIRTIO_BLK_F_SIZE_MAX)) {
		rc = virtio_pci_config_read(&b->pci, CFG_SIZE_MAX, 4, &v);
		if (rc != 0)
			return rc;
		if (v && v < max_bytes)
			max_bytes = (uint32_t)v;
	}
	b->max_blocks = max_bytes / b->block_size;
	if (b->max_blocks == 0)
		return status_failf(&b->pci.err, STATUS_EUNSUPPORTED,
				    "device's size_max is below one block");
	b->read_only = (b->pci.features & (1ull << VIRTIO_BLK_F_RO)) != 0;
	b->req = ops->dma_alloc(ctx, HDR_SIZE + 16, 16);
	if (!b->req)
		return status_failf(&b->pci.err, STATUS_ENOMEM, "out of memory for the request header");
	rc = virtio_pci_setup_queue(&b->pci, &b->vq, 0, QUEUE_MAX);
	if (rc == 0)
		rc = virtio_pci_driver_ok(&b->pci);
	return rc;
}

static int read_chunk(struct virtio_blk *b, uint64_t lba, uint32_t count, uint8_t *buf)
{
	uint32_t bytes = count * b->block_size, len = 0;
	uint8_t *status = b->req + HDR_SIZE;
	struct virtq_buf bufs[3] = {
		{ virtio_pci_dma(&b->pci, b->req), HDR_SIZE, false },
		{ virtio_pci_dma(&b->pci, buf), bytes, true },
		{ virtio_pci_dma(&b->pci, status), 1, true },
	};
	int rc;

	le32_write(b->req, VIRTIO_BLK_T_IN);
	le32_write(b->req + 4, 0);
	le64_write(b->req + 8, lba * (b->block_size / 512));
	*status = 0xff;		/* anything but OK until the device says so */
	rc = virtio_pci_transact(&b->pci, &b->vq, bufs, 3, &len);
	if (rc != 0)
		return rc;
	if (*status != VIRTIO_BLK_S_OK)
		return status_failf(&b->pci.err, STATUS_EDEVICE,
				    "device status %u (%s) reading %u blocks at %llu", *status,
				    *status == VIRTIO_BLK_S_IOERR ? "I/O error" :
				    *status == VIRTIO_BLK_S_UNSUPP ? "unsupported" : "invalid",
				    count, (unsigned long long)lba);
	if (len != bytes + 1)
		return status_failf(&b->pci.err, STATUS_EMALFORMED,
				    "device wrote %u bytes for a %u-byte read at block %llu",
				    len, bytes + 1, (unsigned long long)lba);
	return 0;
}

int virtio_blk_read(struct virtio_blk *b, uint64_t lba, uint32_t count, void *buf)
{
	uint8_t *p = buf;

	if (lba > b->num_blocks || count > b->num_blocks - lba)
		return status_failf(&b->pci.err, STATUS_EINVAL,
				    "read of %u blocks at %llu is beyond the end (%llu blocks)", count,
				    (unsigned long long)lba, (unsigned long long)b->num_blocks);
	while (count) {
		uint32_t n = count < b->max_blocks ? count : b->max_blocks;
		int rc = read_chunk(b, lba, n, p);

		if (rc != 0)
			return rc;
		lba += n;
		count -= n;
		p += (size_t)n * b->block_size;
	}
	return 0;
}
