/* SPDX-License-Identifier: MIT */
/* A SCSI logical unit as a block device, the same for every SCSI adapter
 * (virtio-scsi, spapr-vscsi): one geometry and one retry policy. */
#ifndef SLOF_DEVICES_SCSI_LUN_H
#define SLOF_DEVICES_SCSI_LUN_H

#include "devices/block.h"
#include "scsi/scsi.h"

struct scsi_lun {
	struct block_dev bd;
	struct scsi_disk *disk;		/* the adapter's, probed */
	const char *log_prefix;		/* "virtio-scsi", "vscsi" */
};

/* Registers disk (probed by the adapter) as the block device of node.
 * Geometry: the unit's block size (before a medium is known: 2048 bytes
 * for a CD-ROM, else 512) and its blocks (0 without a medium), refreshed
 * after every read since a medium may come or go. A read that fails on a
 * unit with a medium, within its blocks, is retried once: an adapter that
 * lost an answer comes back up on the next command. Each failure prints
 * one "<log_prefix>: <path>: ..." line. Returns 0, or -1 (table full). */
int scsi_lun_register(struct scsi_lun *l, struct of_node *node, struct scsi_disk *disk,
		      const char *log_prefix);

#endif
