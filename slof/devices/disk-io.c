/* SPDX-License-Identifier: MIT */
/* Byte reads over a block device and the label/volume walks of the disk
 * package (lib/part for MBR and GPT, lib/iso9660). */
#include <string.h>

#include "devices/disk-io.h"
#include "heap/heap.h"

uint64_t disk_io_bytes(const struct block_dev *dev)
{
	return dev->num_blocks * dev->block_size;
}

/* Reads len bytes at byte offset off of the device into buf: whole blocks
 * straight into buf (in chunks), partial ones through the bounce block.
 * The caller keeps [off, off + len) on the device. */
int disk_io_read(struct block_dev *dev, uint8_t *bounce, uint64_t off, void *buf, uint64_t len)
{
	uint32_t bs = dev->block_size;
	uint8_t *out = buf;

	while (len) {
		uint64_t lba = off / bs, n;
		uint32_t in = (uint32_t)(off % bs);

		if (in || len < bs) {
			n = bs - in < len ? bs - in : len;
			if (dev->ops->read(dev, lba, 1, bounce) != 0)
				return -1;
			memcpy(out, bounce + in, n);
		} else {
			uint64_t count = len / bs;

			if (count > DISK_IO_CHUNK_BYTES / bs)
				count = DISK_IO_CHUNK_BYTES / bs;
			n = count * bs;
			if (dev->ops->read(dev, lba, (uint32_t)count, out) != 0)
				return -1;
		}
		out += n;
		off += n;
		len -= n;
	}
	return 0;
}

/* lib/part's view of the device (LBA-based). */
static int part_read_cb(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	struct block_dev *dev = ctx;

	if (lba >= dev->num_blocks || count > dev->num_blocks - lba)
		return -1;
	return dev->ops->read(dev, lba, count, buf);
}

static int iso_read_cb(void *ctx, uint64_t off, uint32_t len, void *buf)
{
	struct disk_iso_ctx *c = ctx;

	return disk_io_read(c->dev, c->bounce, c->base + off, buf, len);
}

struct disk_walk *disk_io_walk_new(struct block_dev *dev, uint8_t *bounce)
{
	struct disk_walk *w = heap_zalloc(sizeof(*w));

	if (!w)
		return NULL;
	w->pd.read = part_read_cb;
	w->pd.ctx = dev;
	w->pd.block_size = dev->block_size;
	w->pd.num_blocks = dev->num_blocks;
	w->ic.dev = dev;
	w->ic.bounce = bounce;
	w->fs.read = iso_read_cb;
	w->fs.ctx = &w->ic;
	return w;
}

/* Points w's ISO 9660 view at [base, base + size) and probes it: 1 if it
 * holds "CD001" at sector 16, 0 if not, STATUS_EIO on a read error. */
int disk_io_iso_probe(struct disk_walk *w, uint64_t base, uint64_t size)
{
	w->ic.base = base;
	w->fs.disk_size = size;
	return iso9660_probe(&w->fs);
}

/* Partition `number` of the device; fills *e. */
int disk_io_partition(struct disk_walk *w, unsigned number, struct part_entry *e,
		      struct status_text *why)
{
	const char *reason;

	if (part_read_label(&w->pd, &w->label, &reason) != 0)
		return status_failf(why, STATUS_EMALFORMED, "%s", reason);
	if (part_get(&w->pd, &w->label, number, e, &reason) != 0) {
		if (strcmp(reason, "partition extends beyond the end of the disk") == 0)
			return status_failf(why, STATUS_EMALFORMED, "partition %u (blocks %llu-%llu) extends beyond the end of the disk (%llu blocks)",
				    number, (unsigned long long)e->start,
				    (unsigned long long)(e->start + e->count - 1),
				    (unsigned long long)w->pd.num_blocks);
		return status_failf(why, STATUS_ENOTFOUND, "partition %u: %s", number, reason);
	}
	return 0;
}

/* A file on the ISO 9660 volume in [base, base + size): its byte range. */
int disk_io_iso_file(struct disk_walk *w, uint64_t base, uint64_t size, const char *path,
		     uint64_t *off, uint64_t *len, struct status_text *why)
{
	struct iso9660_file f;
	const char *reason;
	int rc = disk_io_iso_probe(w, base, size);

	if (rc < 0)
		return status_failf(why, STATUS_EIO, "read error looking for an ISO 9660 volume");
	if (rc == 0)
		return status_failf(why, STATUS_ENOTFOUND, "%s: no ISO 9660 volume there (the only file system this firmware reads)", path);
	if (iso9660_mount(&w->fs, &reason) != 0)
		return status_failf(why, STATUS_EMALFORMED, "%s", reason);
	if (iso9660_lookup(&w->fs, path, &f, &reason) != 0)
		return status_failf(why, STATUS_ENOTFOUND, "%s: %s", path, reason);
	if (f.dir)
		return status_failf(why, STATUS_EINVAL, "%s is a directory", path);
	*off = base + f.offset;
	*len = f.size;
	return 0;
}
