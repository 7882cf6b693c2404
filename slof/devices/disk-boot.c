/* SPDX-License-Identifier: MIT */
/* Finding a disk's boot program for "load" and the boot-device loop, as
 * PSERIES-REFERENCE 6.8 describes: ISO 9660 \ppc\bootinfo.txt, a PReP
 * partition (MBR type 0x41 or the GPT PReP type), raw and trimmed to the
 * ELF image it holds. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "devices/disk-io.h"
#include "devices/disk.h"
#include "elf/elf-extent.h"
#include "heap/heap.h"
#include "iso9660/bootinfo.h"

#define ELF_PEEK_BYTES		(64u << 10)	/* read to size a PReP ELF image */
#define BOOTINFO_PATH		"\\ppc\\bootinfo.txt"

/* A PReP partition: raw, at most DISK_PREP_MAX_BYTES, trimmed to
 * the ELF image at its start when there is one. */
static int prep_boot(struct disk_inst *d, const struct part_entry *e, const char *scheme,
		     struct disk_boot *b, struct status_text *why)
{
	uint64_t bs = d->dev->block_size;
	uint64_t max_blocks = DISK_PREP_MAX_BYTES / bs;
	uint64_t blocks = e->count < max_blocks ? e->count : max_blocks;
	uint64_t size = blocks * bs, peek = size < ELF_PEEK_BYTES ? size : ELF_PEEK_BYTES;
	uint8_t *head = heap_alloc((size_t)peek);
	uint64_t extent;

	if (!head)
		return status_failf(why, STATUS_ENOMEM, "out of memory");
	if (disk_io_read(d->dev, d->bounce, e->start * bs, head, peek) != 0) {
		heap_free(head);
		return status_failf(why, STATUS_EIO, "read error in PReP partition %u", e->number);
	}
	extent = elf_extent(head, peek);
	heap_free(head);
	if (extent && extent <= size)
		size = extent;
	b->offset = e->start * bs;
	b->size = size;
	b->args[0] = '\0';
	b->bootargs[0] = '\0';
	snprintf(b->what, sizeof(b->what), "PReP partition %u (%s)", e->number, scheme);
	return 0;
}

/* The program \ppc\bootinfo.txt names on the ISO 9660 volume of
 * partition `part` (0: the whole disk) at [base, base + size). */
/* "0", "00"...: the whole disk. */
static bool all_zeros(const char *s)
{
	for (; *s; s++)
		if (*s != '0')
			return false;
	return true;
}

static int bootinfo_boot(struct disk_inst *d, struct disk_walk *w, unsigned part, uint64_t base,
			 uint64_t size, struct disk_boot *b, struct status_text *why)
{
	struct bootinfo bi;
	const char *reason;
	uint64_t off, len;
	char *text;
	int rc;

	if (disk_io_iso_file(w, base, size, BOOTINFO_PATH, &off, &len, why) != 0)
		return -1;
	if (len > BOOTINFO_MAX_TEXT)
		len = BOOTINFO_MAX_TEXT;
	text = heap_alloc((size_t)len + 1);
	if (!text)
		return status_failf(why, STATUS_ENOMEM, "out of memory");
	rc = disk_io_read(d->dev, d->bounce, off, text, len);
	if (rc == 0)
		rc = bootinfo_parse(text, (size_t)len, &bi, &reason);
	else
		reason = "read error in " BOOTINFO_PATH;
	heap_free(text);
	if (rc != 0)
		return status_failf(why, STATUS_EMALFORMED, "%s", reason);
	if (bi.partition[0] && !all_zeros(bi.partition)) {
		/* "boot &device;:N,\path": a file on partition N of this disk
		 * (0 is the whole disk, as in a device argument) */
		struct part_entry e;
		unsigned p = 0;

		for (const char *s = bi.partition; *s; s++)
			p = p * 10 + (unsigned)(*s - '0');
		if (disk_io_partition(w, p, &e, why) != 0)
			return -1;
		part = p;
		base = e.start * d->dev->block_size;
		size = e.count * d->dev->block_size;
	}
	if (disk_io_iso_file(w, base, size, bi.path, &b->offset, &b->size, why) != 0)
		return -1;
	if (part)
		snprintf(b->args, sizeof(b->args), "%u,%s", part, bi.path);
	else
		snprintf(b->args, sizeof(b->args), ",%s", bi.path);
	snprintf(b->bootargs, sizeof(b->bootargs), "%s", bi.args);
	snprintf(b->what, sizeof(b->what), "%s (from " BOOTINFO_PATH ")", bi.path);
	return 0;
}

/* The whole disk: ISO 9660 first (a CD, or an ISO image on a hard disk),
 * then the partition table. */
static int disk_boot_whole(struct disk_inst *d, struct disk_walk *w, struct disk_boot *b,
			   struct status_text *why)
{
	struct part_entry e;
	const char *reason;
	int rc;

	if (d->dev->num_blocks == 0)
		return status_failf(why, STATUS_EDEVICE, "no medium (0 blocks)");
	rc = disk_io_iso_probe(w, 0, disk_io_bytes(d->dev));
	if (rc < 0)
		return status_failf(why, STATUS_EIO, "read error at sector 16 (ISO 9660 volume descriptors)");
	if (rc == 1)
		return bootinfo_boot(d, w, 0, 0, disk_io_bytes(d->dev), b, why);
	if (d->dev->block_size > PART_MAX_BLOCK)
		return status_failf(why, STATUS_EUNSUPPORTED, "%u-byte blocks and no ISO 9660 volume", d->dev->block_size);
	if (part_read_label(&w->pd, &w->label, &reason) != 0)
		return status_failf(why, STATUS_ENOTFOUND, "no boot partition found: %s", reason);
	if (part_find_prep(&w->pd, &w->label, &e, &reason) == 0)
		return prep_boot(d, &e, w->label.scheme == PART_SCHEME_GPT ? "GPT" : "MBR", b, why);
	if (strcmp(reason, "partition extends beyond the end of the disk") == 0)
		return status_failf(why, STATUS_EMALFORMED, "PReP partition %u (blocks %llu-%llu) extends beyond the end of the disk (%llu blocks)",
			    e.number, (unsigned long long)e.start,
			    (unsigned long long)(e.start + e.count - 1),
			    (unsigned long long)d->dev->num_blocks);
	if (w->label.scheme == PART_SCHEME_MBR) {
		/* CHRP: a boot file on partition 1 */
		struct part_entry p1;
		const char *r2;

		if (part_get(&w->pd, &w->label, 1, &p1, &r2) == 0 &&
		    disk_io_iso_probe(w, p1.start * d->dev->block_size,
				    p1.count * d->dev->block_size) == 1)
			return bootinfo_boot(d, w, 1, p1.start * d->dev->block_size,
					     p1.count * d->dev->block_size, b, why);
	}
	return status_failf(why, STATUS_ENOTFOUND, "no boot partition found: %s", reason);
}

int disk_find_boot(struct of_instance *inst, struct disk_boot *b, struct status_text *why)
{
	struct disk_inst *d = inst->priv;
	struct disk_walk *w;
	int rc;

	memset(b, 0, sizeof(*b));
	if (!disk_is_instance(inst) || !d)
		return status_failf(why, STATUS_EINVAL, "not a disk instance");
	if (d->is_file) {
		const char *comma = strchr(inst->args, ',');

		b->offset = d->base;
		b->size = d->size;
		snprintf(b->args, sizeof(b->args), "%s", inst->args);
		snprintf(b->what, sizeof(b->what), "%s", comma ? comma + 1 : inst->args);
		return 0;
	}
	w = disk_io_walk_new(d->dev, d->bounce);
	if (!w)
		return status_failf(why, STATUS_ENOMEM, "out of memory");
	if (d->partition) {
		rc = disk_io_iso_probe(w, d->base, d->size);
		if (rc == 1) {
			rc = bootinfo_boot(d, w, d->partition, d->base, d->size, b, why);
		} else if (rc < 0) {
			rc = status_failf(why, STATUS_EIO, "read error in partition %u", d->partition);
		} else {
			struct part_entry e = {
				.number = d->partition,
				.start = d->base / d->dev->block_size,
				.count = d->size / d->dev->block_size,
			};

			rc = prep_boot(d, &e, "raw", b, why);
			snprintf(b->args, sizeof(b->args), "%u", d->partition);
			snprintf(b->what, sizeof(b->what), "partition %u (raw)", d->partition);
		}
	} else {
		rc = disk_boot_whole(d, w, b, why);
	}
	heap_free(w);
	return rc;
}

int disk_read_boot(struct of_instance *inst, const struct disk_boot *b, void *buf,
		   struct status_text *why)
{
	struct disk_inst *d = inst->priv;

	if (!disk_is_instance(inst) || !d)
		return status_failf(why, STATUS_EINVAL, "not a disk instance");
	if (b->offset > disk_io_bytes(d->dev) || b->size > disk_io_bytes(d->dev) - b->offset)
		return status_failf(why, STATUS_EINVAL, "%s lies beyond the end of the disk", b->what);
	if (disk_io_read(d->dev, d->bounce, b->offset, buf, b->size) != 0)
		return status_failf(why, STATUS_EIO, "read error loading %s", b->what);
	return 0;
}
