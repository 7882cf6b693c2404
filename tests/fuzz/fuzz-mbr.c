/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/part over MBR disks: the input is the disk
 * (512-byte blocks; reads past it fail). Every lookup either fails with a
 * reason or returns a partition inside the disk. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "part/part.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
	const uint8_t *data;
	size_t size;
	unsigned reads;
};

static int in_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	struct input *in = ctx;
	uint64_t off = lba * 512, len = (uint64_t)count * 512;

	in->reads++;
	if (lba > in->size || off > in->size)
		return -1;
	memset(buf, 0, len);
	memcpy(buf, in->data + off, in->size - off < len ? in->size - off : len);
	return 0;
}

static void check_entry(const struct part_disk *d, const struct part_entry *e)
{
	if (e->start == 0 || e->start >= d->num_blocks || e->count > d->num_blocks - e->start)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct part_disk d;
	struct input in = { data, size, 0 };
	struct part_label l;
	struct part_entry e;
	const char *why;

	memset(&d, 0, sizeof(d));
	d.read = in_read;
	d.ctx = &in;
	d.block_size = 512;
	/* Claim a larger disk than the data now and then: reads then fail. */
	d.num_blocks = (size + 511) / 512 + (size && (data[0] & 1) ? 100000 : 0);
	why = NULL;
	if (part_read_label(&d, &l, &why) != 0) {
		if (!why)
			abort();
		return 0;
	}
	if (l.scheme != PART_SCHEME_MBR && l.scheme != PART_SCHEME_GPT)
		abort();
	for (unsigned n = 1; n <= 12; n++) {
		why = NULL;
		if (part_get(&d, &l, n, &e, &why) == 0) {
			check_entry(&d, &e);
			if (e.number != n)
				abort();
		} else if (!why) {
			abort();
		}
	}
	why = NULL;
	if (part_find_prep(&d, &l, &e, &why) == 0) {
		check_entry(&d, &e);
		if (!e.prep)
			abort();
	} else if (!why) {
		abort();
	}
	/* Bounded: 13 walks of at most 4 + 128 EBRs, or one GPT array pass. */
	if (in.reads > 13 * (PART_MAX_LOGICAL + 2) + 2 * 4096)
		abort();
	return 0;
}
