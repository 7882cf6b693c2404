/* SPDX-License-Identifier: MIT */
/* The disk package (IEEE 1275 "disk-label" and "deblocker" support
 * packages in one): byte-granular read/seek over a block device, the
 * CHRP device arguments "[partition][,path]" (MBR, GPT, ISO 9660 via
 * lib/part and lib/iso9660), and the load method that finds a boot
 * program as PSERIES-REFERENCE 6.8 describes. Also the block-device
 * registry drivers fill (slof/devices/block.h). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "client/instance.h"
#include "devices/block.h"
#include "devices/disk.h"
#include "elf/elf-extent.h"
#include "iso9660/bootinfo.h"
#include "iso9660/iso9660.h"
#include "log/log.h"
#include "memory/client-mem.h"
#include "memory/heap.h"
#include "part/part.h"
#include "tree/tree.h"

#define MAX_BLOCK_DEVS		32
#define CHUNK_BYTES		(4u << 20)	/* largest single request to a driver */
#define ELF_PEEK_BYTES		(64u << 10)	/* read to size a PReP ELF image */
#define BOOTINFO_PATH		"\\ppc\\bootinfo.txt"

/* ---- block device registry ---- */

static struct block_dev *devs[MAX_BLOCK_DEVS];
static unsigned n_devs;

int block_register(struct of_node *node, struct block_dev *dev)
{
	if (!node || !dev || !dev->ops || !dev->ops->read)
		return -1;
	for (unsigned i = 0; i < n_devs; i++) {
		if (devs[i]->node == node) {
			devs[i] = dev;		/* the driver brought it up again */
			dev->node = node;
			return 0;
		}
	}
	if (n_devs == MAX_BLOCK_DEVS)
		return -1;
	disk_package_register();	/* the first device brings the package */
	dev->node = node;
	if (!of_has_prop(node, "device_type") && of_set_string(node, "device_type", "block") != 0)
		return -1;
	devs[n_devs++] = dev;
	return 0;
}

struct block_dev *block_find(const struct of_node *node)
{
	for (unsigned i = 0; i < n_devs; i++)
		if (devs[i]->node == node)
			return devs[i];
	return NULL;
}

struct block_dev *disk_block_dev(unsigned i)
{
	return i < n_devs ? devs[i] : NULL;
}

/* ---- instance state ---- */

struct disk_inst {
	struct block_dev *dev;
	uint64_t base;		/* byte offset of the opened range */
	uint64_t size;		/* bytes in it */
	uint64_t pos;		/* relative to base */
	unsigned partition;	/* 0: whole disk */
	int is_file;
	uint8_t *bounce;	/* one block */
};

static char open_error[160];

const char *disk_open_error(void)
{
	return open_error;
}

static int fail(char *why, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

static uint64_t dev_bytes(const struct block_dev *dev)
{
	return dev->num_blocks * dev->block_size;
}

/* Reads len bytes at byte offset off of the device into buf: whole blocks
 * straight into buf (in chunks), partial ones through the bounce block.
 * The caller keeps [off, off + len) on the device. */
static int dev_read(struct block_dev *dev, uint8_t *bounce, uint64_t off, void *buf, uint64_t len)
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

			if (count > CHUNK_BYTES / bs)
				count = CHUNK_BYTES / bs;
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

/* lib/iso9660's view: bytes of a range [base, base + size) of the device. */
struct iso_ctx {
	struct block_dev *dev;
	uint8_t *bounce;
	uint64_t base;
};

static int iso_read_cb(void *ctx, uint64_t off, uint32_t len, void *buf)
{
	struct iso_ctx *c = ctx;

	return dev_read(c->dev, c->bounce, c->base + off, buf, len);
}

/* Scratch for one label or volume walk (4 KiB each: kept off the stack). */
struct walk {
	struct part_disk pd;
	struct part_label label;
	struct iso9660_fs fs;
	struct iso_ctx ic;
};

static struct walk *walk_new(struct block_dev *dev, uint8_t *bounce)
{
	struct walk *w = heap_zalloc(sizeof(*w));

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
 * holds "CD001" at sector 16, 0 if not, -1 on a read error. */
static int iso_probe_range(struct walk *w, uint64_t base, uint64_t size)
{
	w->ic.base = base;
	w->fs.disk_size = size;
	return iso9660_probe(&w->fs);
}

/* Partition `number` of the device; fills *e. */
static int find_partition(struct walk *w, unsigned number, struct part_entry *e,
			  char *why, size_t n)
{
	const char *reason;

	if (part_read_label(&w->pd, &w->label, &reason) != 0)
		return fail(why, n, "%s", reason);
	if (part_get(&w->pd, &w->label, number, e, &reason) != 0) {
		if (strcmp(reason, "partition extends beyond the end of the disk") == 0)
			return fail(why, n, "partition %u (blocks %llu-%llu) extends beyond the end of the disk (%llu blocks)",
				    number, (unsigned long long)e->start,
				    (unsigned long long)(e->start + e->count - 1),
				    (unsigned long long)w->pd.num_blocks);
		return fail(why, n, "partition %u: %s", number, reason);
	}
	return 0;
}

/* A file on the ISO 9660 volume in [base, base + size): its byte range. */
static int iso_file(struct walk *w, uint64_t base, uint64_t size, const char *path,
		    uint64_t *off, uint64_t *len, char *why, size_t n)
{
	struct iso9660_file f;
	const char *reason;
	int rc = iso_probe_range(w, base, size);

	if (rc < 0)
		return fail(why, n, "read error looking for an ISO 9660 volume");
	if (rc == 0)
		return fail(why, n, "%s: no ISO 9660 volume there (the only file system this firmware reads)", path);
	if (iso9660_mount(&w->fs, &reason) != 0)
		return fail(why, n, "%s", reason);
	if (iso9660_lookup(&w->fs, path, &f, &reason) != 0)
		return fail(why, n, "%s: %s", path, reason);
	if (f.dir)
		return fail(why, n, "%s is a directory", path);
	*off = base + f.offset;
	*len = f.size;
	return 0;
}

/* Parses "[partition][,path]" (partition decimal, or a letter a-z = 1-26
 * as OpenBoot writes it; a path may also follow the ':' directly). */
static int parse_args(const char *args, unsigned *partition, const char **path,
		      char *why, size_t n)
{
	const char *p = args;

	*partition = 0;
	*path = NULL;
	if (*p >= 'a' && *p <= 'z' && (p[1] == '\0' || p[1] == ',')) {
		*partition = (unsigned)(*p - 'a' + 1);
		p++;
	} else {
		unsigned digits = 0;

		for (; *p >= '0' && *p <= '9'; p++) {
			if (++digits > 4)
				return fail(why, n, "partition number \"%s\" is too large", args);
			*partition = *partition * 10 + (unsigned)(*p - '0');
		}
	}
	if (*p == ',')
		p++;
	else if (*p && *p != '\\' && *p != '/')
		return fail(why, n, "cannot parse the device arguments \"%s\" ([partition][,path])", args);
	if (*p)
		*path = p;
	return 0;
}

static int disk_open(struct of_instance *inst)
{
	struct block_dev *dev = block_find(inst->node);
	struct disk_inst *d;
	struct walk *w = NULL;
	const char *path;
	unsigned partition;
	char *why = open_error;
	size_t n = sizeof(open_error);

	open_error[0] = '\0';
	if (!dev)
		return fail(why, n, "no block device on this node");
	if (dev->block_size == 0 || (dev->block_size & (dev->block_size - 1)))
		return fail(why, n, "the driver gave a block size of %u bytes", dev->block_size);
	if (parse_args(inst->args, &partition, &path, why, n) != 0)
		return -1;
	d = heap_zalloc(sizeof(*d));
	if (d)
		d->bounce = heap_alloc(dev->block_size);
	if (!d || !d->bounce) {
		heap_free(d);
		return fail(why, n, "out of memory");
	}
	d->dev = dev;
	d->size = dev_bytes(dev);
	d->partition = partition;
	if (d->partition || path) {
		struct part_entry e;

		w = walk_new(dev, d->bounce);
		if (!w)
			goto fail_mem;
		if (d->partition) {
			if (find_partition(w, d->partition, &e, why, n) != 0)
				goto fail;
			d->base = e.start * dev->block_size;
			d->size = e.count * dev->block_size;
		}
		if (path) {
			if (iso_file(w, d->base, d->size, path, &d->base, &d->size, why, n) != 0)
				goto fail;
			d->is_file = 1;
		}
		heap_free(w);
	}
	inst->priv = d;
	return 0;
fail_mem:
	fail(why, n, "out of memory");
fail:
	heap_free(w);
	heap_free(d->bounce);
	heap_free(d);
	return -1;
}

static void disk_close(struct of_instance *inst)
{
	struct disk_inst *d = inst->priv;

	if (d) {
		heap_free(d->bounce);
		heap_free(d);
	}
	inst->priv = NULL;
}

/* IEEE 1275 read: the bytes from the current position; fewer only at the
 * end of the range (GRUB needs the full length), -1 on a device error. */
static long disk_read(struct of_instance *inst, void *buf, uint32_t len)
{
	struct disk_inst *d = inst->priv;
	uint64_t n = len;

	if (d->pos >= d->size)
		return 0;
	if (n > d->size - d->pos)
		n = d->size - d->pos;
	if (dev_read(d->dev, d->bounce, d->base + d->pos, buf, n) != 0)
		return -1;
	d->pos += n;
	return (long)n;
}

static long disk_seek(struct of_instance *inst, uint64_t pos)
{
	struct disk_inst *d = inst->priv;

	if (pos > d->size)
		return -1;
	d->pos = pos;
	return 0;
}

/* ---- finding the boot program ---- */

/* A PReP partition: raw, at most DISK_PREP_MAX_BYTES, trimmed to
 * the ELF image at its start when there is one. */
static int prep_boot(struct disk_inst *d, const struct part_entry *e, const char *scheme,
		     struct disk_boot *b, char *why, size_t n)
{
	uint64_t bs = d->dev->block_size;
	uint64_t max_blocks = DISK_PREP_MAX_BYTES / bs;
	uint64_t blocks = e->count < max_blocks ? e->count : max_blocks;
	uint64_t size = blocks * bs, peek = size < ELF_PEEK_BYTES ? size : ELF_PEEK_BYTES;
	uint8_t *head = heap_alloc((size_t)peek);
	uint64_t extent;

	if (!head)
		return fail(why, n, "out of memory");
	if (dev_read(d->dev, d->bounce, e->start * bs, head, peek) != 0) {
		heap_free(head);
		return fail(why, n, "read error in PReP partition %u", e->number);
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

static int bootinfo_boot(struct disk_inst *d, struct walk *w, unsigned part, uint64_t base,
			 uint64_t size, struct disk_boot *b, char *why, size_t n)
{
	struct bootinfo bi;
	const char *reason;
	uint64_t off, len;
	char *text;
	int rc;

	if (iso_file(w, base, size, BOOTINFO_PATH, &off, &len, why, n) != 0)
		return -1;
	if (len > BOOTINFO_MAX_TEXT)
		len = BOOTINFO_MAX_TEXT;
	text = heap_alloc((size_t)len + 1);
	if (!text)
		return fail(why, n, "out of memory");
	rc = dev_read(d->dev, d->bounce, off, text, len);
	if (rc == 0)
		rc = bootinfo_parse(text, (size_t)len, &bi, &reason);
	else
		reason = "read error in " BOOTINFO_PATH;
	heap_free(text);
	if (rc != 0)
		return fail(why, n, "%s", reason);
	if (bi.partition[0] && !all_zeros(bi.partition)) {
		/* "boot &device;:N,\path": a file on partition N of this disk
		 * (0 is the whole disk, as in a device argument) */
		struct part_entry e;
		unsigned p = 0;

		for (const char *s = bi.partition; *s; s++)
			p = p * 10 + (unsigned)(*s - '0');
		if (find_partition(w, p, &e, why, n) != 0)
			return -1;
		part = p;
		base = e.start * d->dev->block_size;
		size = e.count * d->dev->block_size;
	}
	if (iso_file(w, base, size, bi.path, &b->offset, &b->size, why, n) != 0)
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
static int disk_boot_whole(struct disk_inst *d, struct walk *w, struct disk_boot *b,
			   char *why, size_t n)
{
	struct part_entry e;
	const char *reason;
	int rc;

	if (d->dev->num_blocks == 0)
		return fail(why, n, "no medium (0 blocks)");
	rc = iso_probe_range(w, 0, dev_bytes(d->dev));
	if (rc < 0)
		return fail(why, n, "read error at sector 16 (ISO 9660 volume descriptors)");
	if (rc == 1)
		return bootinfo_boot(d, w, 0, 0, dev_bytes(d->dev), b, why, n);
	if (d->dev->block_size > PART_MAX_BLOCK)
		return fail(why, n, "%u-byte blocks and no ISO 9660 volume", d->dev->block_size);
	if (part_read_label(&w->pd, &w->label, &reason) != 0)
		return fail(why, n, "no boot partition found: %s", reason);
	if (part_find_prep(&w->pd, &w->label, &e, &reason) == 0)
		return prep_boot(d, &e, w->label.scheme == PART_SCHEME_GPT ? "GPT" : "MBR", b, why, n);
	if (strcmp(reason, "partition extends beyond the end of the disk") == 0)
		return fail(why, n, "PReP partition %u (blocks %llu-%llu) extends beyond the end of the disk (%llu blocks)",
			    e.number, (unsigned long long)e.start,
			    (unsigned long long)(e.start + e.count - 1),
			    (unsigned long long)d->dev->num_blocks);
	if (w->label.scheme == PART_SCHEME_MBR) {
		/* CHRP: a boot file on partition 1 */
		struct part_entry p1;
		const char *r2;

		if (part_get(&w->pd, &w->label, 1, &p1, &r2) == 0 &&
		    iso_probe_range(w, p1.start * d->dev->block_size,
				    p1.count * d->dev->block_size) == 1)
			return bootinfo_boot(d, w, 1, p1.start * d->dev->block_size,
					     p1.count * d->dev->block_size, b, why, n);
	}
	return fail(why, n, "no boot partition found: %s", reason);
}

int disk_find_boot(struct of_instance *inst, struct disk_boot *b, char *why, size_t n)
{
	struct disk_inst *d = inst->priv;
	struct walk *w;
	int rc;

	memset(b, 0, sizeof(*b));
	if (!disk_is_instance(inst) || !d)
		return fail(why, n, "not a disk instance");
	if (d->is_file) {
		const char *comma = strchr(inst->args, ',');

		b->offset = d->base;
		b->size = d->size;
		snprintf(b->args, sizeof(b->args), "%s", inst->args);
		snprintf(b->what, sizeof(b->what), "%s", comma ? comma + 1 : inst->args);
		return 0;
	}
	w = walk_new(d->dev, d->bounce);
	if (!w)
		return fail(why, n, "out of memory");
	if (d->partition) {
		rc = iso_probe_range(w, d->base, d->size);
		if (rc == 1) {
			rc = bootinfo_boot(d, w, d->partition, d->base, d->size, b, why, n);
		} else if (rc < 0) {
			rc = fail(why, n, "read error in partition %u", d->partition);
		} else {
			struct part_entry e = {
				.number = d->partition,
				.start = d->base / d->dev->block_size,
				.count = d->size / d->dev->block_size,
			};

			rc = prep_boot(d, &e, "raw", b, why, n);
			snprintf(b->args, sizeof(b->args), "%u", d->partition);
			snprintf(b->what, sizeof(b->what), "partition %u (raw)", d->partition);
		}
	} else {
		rc = disk_boot_whole(d, w, b, why, n);
	}
	heap_free(w);
	return rc;
}

int disk_read_boot(struct of_instance *inst, const struct disk_boot *b, void *buf,
		   char *why, size_t n)
{
	struct disk_inst *d = inst->priv;

	if (!disk_is_instance(inst) || !d)
		return fail(why, n, "not a disk instance");
	if (b->offset > dev_bytes(d->dev) || b->size > dev_bytes(d->dev) - b->offset)
		return fail(why, n, "%s lies beyond the end of the disk", b->what);
	if (dev_read(d->dev, d->bounce, b->offset, buf, b->size) != 0)
		return fail(why, n, "read error loading %s", b->what);
	return 0;
}

/* ---- methods ---- */

static int method_load(struct of_instance *inst, uint32_t addr, uint32_t *size)
{
	struct disk_boot b;
	char why[200];
	void *dst;

	*size = 0;
	if (disk_find_boot(inst, &b, why, sizeof(why)) != 0) {
		log_line("disk", "load: %s", why);
		return 0;
	}
	dst = b.size <= UINT32_MAX ? client_ptr_write(addr, b.size) : NULL;
	if (!dst) {
		log_line("disk", "load: %s (%llu bytes) does not fit at 0x%x", b.what,
			 (unsigned long long)b.size, addr);
		return 0;
	}
	if (disk_read_boot(inst, &b, dst, why, sizeof(why)) != 0) {
		log_line("disk", "load: %s", why);
		return 0;
	}
	*size = (uint32_t)b.size;
	return 0;
}

static int disk_method(struct of_instance *inst, const char *method, unsigned nargs,
		       const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct disk_inst *d = inst->priv;
	uint32_t bs = d->dev->block_size;

	if (nret < 1)
		return -1;
	if (strcmp(method, "block-size") == 0) {
		rets[0] = bs;
	} else if (strcmp(method, "#blocks") == 0) {
		uint64_t blocks = d->size / bs;

		rets[0] = blocks > UINT32_MAX ? UINT32_MAX : (uint32_t)blocks;
	} else if (strcmp(method, "max-transfer") == 0) {
		rets[0] = CHUNK_BYTES;
	} else if (strcmp(method, "size") == 0) {
		/* ( -- d.size ): the high cell is on top, so it comes first */
		rets[0] = nret >= 2 ? (uint32_t)(d->size >> 32) : (uint32_t)d->size;
		if (nret >= 2)
			rets[1] = (uint32_t)d->size;
	} else if (strcmp(method, "read-blocks") == 0 && nargs >= 3) {
		/* ( addr block# #blocks -- #read ), relative to the instance.
		 * call-method passes the top of the stack first: #blocks,
		 * block#, addr (Linux's color! call shows the same order). */
		uint64_t lba = args[1], count = args[0], blocks = d->size / bs;
		void *buf;

		if (d->base % bs)
			return -1;
		if (lba > blocks)
			count = 0;
		else if (count > blocks - lba)
			count = blocks - lba;
		buf = client_ptr_write(args[2], count * bs);
		if (!buf || (count && dev_read(d->dev, d->bounce, d->base + lba * bs, buf, count * bs) != 0))
			count = 0;
		rets[0] = (uint32_t)count;
	} else if (strcmp(method, "load") == 0 && nargs >= 1) {
		return method_load(inst, args[0], &rets[0]);
	} else {
		return -1;
	}
	return 0;
}

static const struct instance_ops disk_ops = {
	.name = "disk",
	.open = disk_open,
	.close = disk_close,
	.read = disk_read,
	.seek = disk_seek,
	.call_method = disk_method,
};

int disk_is_instance(const struct of_instance *inst)
{
	return inst && inst->ops == &disk_ops;
}

static const struct instance_ops *disk_match(const struct of_node *n)
{
	return block_find(n) ? &disk_ops : NULL;
}

void disk_package_register(void)
{
	static bool registered;

	if (!registered)
		instance_register(disk_match);
	registered = true;
}
