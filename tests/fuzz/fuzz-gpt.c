/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/part over GPT disks. The first input byte picks
 * the block size (512 or 4096); the rest is the disk, given a protective
 * MBR and then checked both as is and with both CRCs fixed up, so that
 * mutations reach the checks past them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crc32/crc32.h"
#include "le.h"
#include "part/part.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
	const uint8_t *data;
	size_t size;
	uint32_t bs;
};

static int in_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	struct input *in = ctx;
	uint64_t off = lba * in->bs, len = (uint64_t)count * in->bs;

	if (lba > in->size || off > in->size)
		return -1;
	memset(buf, 0, len);
	memcpy(buf, in->data + off, in->size - off < len ? in->size - off : len);
	return 0;
}

static void run(const uint8_t *disk, size_t size, uint32_t bs)
{
	static struct part_disk d;
	struct input in = { disk, size, bs };
	struct part_label l;
	struct part_entry e;
	const char *why = NULL;

	memset(&d, 0, sizeof(d));
	d.read = in_read;
	d.ctx = &in;
	d.block_size = bs;
	d.num_blocks = (size + bs - 1) / bs;
	if (part_read_label(&d, &l, &why) != 0) {
		if (!why)
			abort();
		return;
	}
	for (unsigned n = 1; n <= 130; n += (n < 8 ? 1 : 61)) {
		why = NULL;
		if (part_get(&d, &l, n, &e, &why) == 0) {
			if (e.start == 0 || e.start >= d.num_blocks ||
			    e.count > d.num_blocks - e.start || e.number != n)
				abort();
		} else if (!why) {
			abort();
		}
	}
	why = NULL;
	if (part_find_prep(&d, &l, &e, &why) == 0) {
		if (!e.prep || e.start + e.count > d.num_blocks)
			abort();
	} else if (!why) {
		abort();
	}
}

/* Recomputes the entry-array and header CRCs of the header at block 1. */
static void fix_crcs(uint8_t *disk, size_t size, uint32_t bs)
{
	uint8_t *h = disk + bs;
	uint32_t hsize = le32_read(h + 12), n = le32_read(h + 80), esz = le32_read(h + 84);
	uint64_t array = le64_read(h + 72);

	if (array < size / bs && (uint64_t)n * esz <= size - array * bs)
		le32_write(h + 88, crc32_ieee(0, disk + array * bs, (size_t)n * esz));
	if (hsize >= 20 && hsize <= bs) {
		le32_write(h + 16, 0);
		le32_write(h + 16, crc32_ieee(0, h, hsize));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t bs;
	uint8_t *disk;
	size_t dsize;

	if (size < 1)
		return 0;
	bs = (data[0] & 1) ? 4096 : 512;
	dsize = size - 1;
	if (dsize < 2 * (size_t)bs)
		dsize = 2 * (size_t)bs;
	disk = calloc(1, dsize);
	if (!disk)
		return 0;
	memcpy(disk, data + 1, size - 1);
	/* protective MBR: partition 1 of type 0xee */
	disk[446 + 4] = 0xee;
	le32_write(disk + 446 + 8, 1);
	le32_write(disk + 446 + 12, 0xffffffff);
	disk[446] = 0;
	disk[510] = 0x55;
	disk[511] = 0xaa;
	run(disk, dsize, bs);
	fix_crcs(disk, dsize, bs);
	run(disk, dsize, bs);
	free(disk);
	return 0;
}
