/* SPDX-License-Identifier: MIT */
/* Inside the disk package (disk.c, disk-boot.c): an open instance, byte
 * reads over a block device, and the walks of partition labels and ISO
 * 9660 volumes through lib/part and lib/iso9660. */
#ifndef SLOF_DEVICES_DISK_IO_H
#define SLOF_DEVICES_DISK_IO_H

#include <stddef.h>
#include <stdint.h>

#include "devices/block.h"
#include "iso9660/iso9660.h"
#include "part/part.h"
#include "status/status.h"

#define DISK_IO_CHUNK_BYTES	(4u << 20)	/* largest single request to a driver */

struct disk_inst {
	struct block_dev *dev;
	uint64_t base;		/* byte offset of the opened range */
	uint64_t size;		/* bytes in it */
	uint64_t pos;		/* relative to base */
	unsigned partition;	/* 0: whole disk */
	int is_file;
	uint8_t *bounce;	/* one block */
};

/* lib/iso9660's view: bytes of a range [base, base + size) of the device. */
struct disk_iso_ctx {
	struct block_dev *dev;
	uint8_t *bounce;
	uint64_t base;
};

/* Scratch for one label or volume walk (4 KiB each: kept off the stack). */
struct disk_walk {
	struct part_disk pd;
	struct part_label label;
	struct iso9660_fs fs;
	struct disk_iso_ctx ic;
};

/* The device's size in bytes. */
uint64_t disk_io_bytes(const struct block_dev *dev);
/* Reads len bytes at byte offset off of the device into buf: whole blocks
 * straight into buf (in chunks), partial ones through bounce (one block).
 * The caller keeps [off, off + len) on the device. Returns 0 or -1. */
int disk_io_read(struct block_dev *dev, uint8_t *bounce, uint64_t off, void *buf, uint64_t len);
/* A walk over dev (heap; heap_free it). NULL when out of memory. */
struct disk_walk *disk_io_walk_new(struct block_dev *dev, uint8_t *bounce);
/* Points w's ISO 9660 view at [base, base + size) and probes it: 1 if it
 * holds "CD001" at sector 16, 0 if not, STATUS_EIO on a read error. */
int disk_io_iso_probe(struct disk_walk *w, uint64_t base, uint64_t size);
/* Partition number of the device: fills *e and returns 0, or a negative
 * status with why set. */
int disk_io_partition(struct disk_walk *w, unsigned number, struct part_entry *e,
		      struct status_text *why);
/* A file on the ISO 9660 volume in [base, base + size): its byte range
 * (*off, *len) and 0, or a negative status with why set. */
int disk_io_iso_file(struct disk_walk *w, uint64_t base, uint64_t size, const char *path,
		     uint64_t *off, uint64_t *len, struct status_text *why);

#endif
