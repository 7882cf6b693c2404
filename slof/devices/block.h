/* SPDX-License-Identifier: MIT */
/* Block devices as drivers hand them to the core: a driver (virtio-blk,
 * virtio-scsi LUN, spapr-vscsi LUN) creates or finds the tree node for the
 * disk and registers a struct block_dev on it; the core's disk package
 * (open/read/seek/block-size/#blocks/read-blocks/load) and the boot-device
 * loop work on that. */
#ifndef SLOF_BLOCK_H
#define SLOF_BLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "tree/tree.h"

struct block_dev;

struct block_dev_ops {
	/* Reads count blocks starting at lba into buf (any alignment, in
	 * firmware memory). Returns 0, or -1 after printing one line naming
	 * the device and the failure. */
	int (*read)(struct block_dev *dev, uint64_t lba, uint32_t count, void *buf);
	/* Optional; same contract. */
	int (*write)(struct block_dev *dev, uint64_t lba, uint32_t count, const void *buf);
};

struct block_dev {
	const struct block_dev_ops *ops;
	void *priv;			/* the driver's */
	uint32_t block_size;		/* 512, 2048, 4096 ... */
	uint64_t num_blocks;
	bool removable;			/* CD-ROM style media */
	bool is_cdrom;			/* SCSI peripheral type 5 */
	struct of_node *node;		/* set by block_register */
};

/* Attaches dev to node: sets device_type "block" (unless the node has one)
 * and makes open/read/... on the node use it. Returns 0 or -1 (table full). */
int block_register(struct of_node *node, struct block_dev *dev);
/* The child "disk@<unit>" of a controller node (reg = the 64-bit unit, as
 * QEMU's qemu,boot-list names SCSI LUNs), created if missing. NULL when
 * out of memory. */
struct of_node *block_disk_node(struct of_node *controller, uint64_t unit);
/* The i-th registered block device (registration order), or NULL. */
struct block_dev *block_nth(unsigned i);
/* The block device registered on node, or NULL. */
struct block_dev *block_find(const struct of_node *node);

#endif
