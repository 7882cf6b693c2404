/* SPDX-License-Identifier: MIT */
/* The disk package (IEEE 1275 "disk-label" and "deblocker" support
 * packages in one): byte-granular read/seek over a block device, the
 * CHRP device arguments "[partition][,path]" (MBR, GPT, ISO 9660 via
 * lib/part and lib/iso9660, see disk-io.c), and the methods, among them
 * load (whose boot program disk-boot.c finds). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "devices/block.h"
#include "devices/disk-io.h"
#include "devices/disk.h"
#include "heap/heap.h"
#include "iso9660/iso9660.h"
#include "log/log.h"
#include "memory/client-mem.h"
#include "part/part.h"
#include "tree/instance.h"
#include "tree/tree.h"


/* ---- instance state ---- */

static struct status_text open_error;

const char *disk_open_error(void)
{
	return open_error.text;
}

/* Parses "[partition][,path]" (partition decimal, or a letter a-z = 1-26
 * as OpenBoot writes it; a path may also follow the ':' directly). */
static int parse_args(const char *args, unsigned *partition, const char **path,
		      struct status_text *why)
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
				return status_failf(why, STATUS_EINVAL, "partition number \"%s\" is too large", args);
			*partition = *partition * 10 + (unsigned)(*p - '0');
		}
	}
	if (*p == ',')
		p++;
	else if (*p && *p != '\\' && *p != '/')
		return status_failf(why, STATUS_EINVAL, "cannot parse the device arguments \"%s\" ([partition][,path])", args);
	if (*p)
		*path = p;
	return 0;
}

static int disk_open(struct of_instance *inst)
{
	struct block_dev *dev = block_find(inst->node);
	struct disk_inst *d;
	struct disk_walk *w = NULL;
	const char *path;
	unsigned partition;
	struct status_text *why = &open_error;

	open_error.text[0] = '\0';
	if (!dev)
		return status_failf(why, STATUS_ENOTFOUND, "no block device on this node");
	if (dev->block_size == 0 || (dev->block_size & (dev->block_size - 1)))
		return status_failf(why, STATUS_EUNSUPPORTED, "the driver gave a block size of %u bytes", dev->block_size);
	if (parse_args(inst->args, &partition, &path, why) != 0)
		return -1;
	d = heap_zalloc(sizeof(*d));
	if (d)
		d->bounce = heap_alloc(dev->block_size);
	if (!d || !d->bounce) {
		heap_free(d);
		return status_failf(why, STATUS_ENOMEM, "out of memory");
	}
	d->dev = dev;
	d->size = disk_io_bytes(dev);
	d->partition = partition;
	if (d->partition || path) {
		struct part_entry e;

		w = disk_io_walk_new(dev, d->bounce);
		if (!w)
			goto fail_mem;
		if (d->partition) {
			if (disk_io_partition(w, d->partition, &e, why) != 0)
				goto fail;
			d->base = e.start * dev->block_size;
			d->size = e.count * dev->block_size;
		}
		if (path) {
			if (disk_io_iso_file(w, d->base, d->size, path, &d->base, &d->size, why) != 0)
				goto fail;
			d->is_file = 1;
		}
		heap_free(w);
	}
	inst->priv = d;
	return 0;
fail_mem:
	status_failf(why, STATUS_ENOMEM, "out of memory");
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
	if (disk_io_read(d->dev, d->bounce, d->base + d->pos, buf, n) != 0)
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

/* ---- methods ---- */

static int method_load(struct of_instance *inst, uint32_t addr, uint32_t *size)
{
	struct disk_boot b;
	struct status_text why;
	void *dst;

	*size = 0;
	if (disk_find_boot(inst, &b, &why) != 0) {
		log_line("disk", "load: %s", why.text);
		return 0;
	}
	dst = b.size <= UINT32_MAX ? client_ptr_write(addr, b.size) : NULL;
	if (!dst) {
		log_line("disk", "load: %s (%llu bytes) does not fit at 0x%x", b.what,
			 (unsigned long long)b.size, addr);
		return 0;
	}
	if (disk_read_boot(inst, &b, dst, &why) != 0) {
		log_line("disk", "load: %s", why.text);
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
		rets[0] = DISK_IO_CHUNK_BYTES;
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
		if (!buf || (count && disk_io_read(d->dev, d->bounce, d->base + lba * bs, buf, count * bs) != 0))
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
