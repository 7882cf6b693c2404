/* SPDX-License-Identifier: MIT */
/* Partition lookup over a block-read callback (see part.h): label
 * detection, partition by number, the PReP boot partition. Every walk is
 * bounded: 4 primaries, PART_MAX_LOGICAL EBRs, GPT_MAX_ENTRIES entries. */
#include <string.h>

#include "crc32/crc32.h"
#include "part/part.h"

static bool block_size_ok(uint32_t bs)
{
	return bs >= 512 && bs <= PART_MAX_BLOCK && (bs & (bs - 1)) == 0;
}

static int read_block(struct part_disk *d, uint64_t lba, const char **reason)
{
	if (lba >= d->num_blocks)
		return status_fail_into(reason, STATUS_EMALFORMED, "a partition table block lies beyond the end of the disk");
	if (d->read(d->ctx, lba, 1, d->buf) != 0)
		return status_fail_into(reason, STATUS_EIO, "read error on a partition table block");
	return 0;
}

/* Reads the GPT entry array block by block and checks its CRC32. */
static int gpt_check_array(struct part_disk *d, const struct gpt_header *h,
			   const char **reason)
{
	uint64_t left = (uint64_t)h->num_entries * h->entry_size;
	uint32_t crc = 0;

	for (uint64_t i = 0; i < h->entries_blocks; i++) {
		uint32_t n = left < d->block_size ? (uint32_t)left : d->block_size;

		int rc = read_block(d, h->entries_lba + i, reason);

		if (rc != 0)
			return rc;
		crc = crc32_ieee(crc, d->buf, n);
		left -= n;
	}
	if (crc != h->entries_crc)
		return status_fail_into(reason, STATUS_EMALFORMED, "GPT partition entry array CRC mismatch");
	return 0;
}

int part_read_label(struct part_disk *d, struct part_label *l, const char **reason)
{
	int rc;

	memset(l, 0, sizeof(*l));
	if (!block_size_ok(d->block_size))
		return status_fail_into(reason, STATUS_EUNSUPPORTED, "block size is not a power of two from 512 to 4096");
	rc = read_block(d, 0, reason);
	if (rc == 0)
		rc = mbr_parse(d->buf, &l->mbr, reason);
	if (rc != 0)
		return rc;
	if (!l->mbr.protective) {
		l->scheme = PART_SCHEME_MBR;
		return 0;
	}
	if (d->num_blocks < 3)
		return status_fail_into(reason, STATUS_EMALFORMED, "protective MBR (type 0xee) on a disk too small for a GPT");
	rc = read_block(d, 1, reason);
	if (rc == 0)
		rc = gpt_header_parse(d->buf, d->block_size, 1, d->num_blocks, &l->gpt, reason);
	if (rc == 0)
		rc = gpt_check_array(d, &l->gpt, reason);
	if (rc != 0)
		return rc;
	l->scheme = PART_SCHEME_GPT;
	return 0;
}

static int check_bounds(const struct part_disk *d, const struct part_entry *e,
			const char **reason)
{
	if (e->start >= d->num_blocks || e->count > d->num_blocks - e->start)
		return status_fail_into(reason, STATUS_EMALFORMED, "partition extends beyond the end of the disk");
	if (e->start == 0)
		return status_fail_into(reason, STATUS_EMALFORMED, "partition starts at block 0, over the partition table");
	return 0;
}

static void from_mbr(struct part_entry *e, unsigned number, uint64_t base,
		     const struct mbr_entry *m)
{
	memset(e, 0, sizeof(*e));
	e->number = number;
	e->start = base + m->start;
	e->count = m->count;
	e->mbr_type = m->type;
	e->bootable = m->status == 0x80;
	e->prep = m->type == MBR_TYPE_PREP;
}

/* What a walk looks for: partition `number`, or (number 0) the first PReP. */
struct query {
	unsigned number;
	struct part_entry *out;
};

static bool matches(const struct query *q, const struct part_entry *e)
{
	return q->number ? e->number == q->number : e->prep;
}

/* Walks the EBR chain of the extended partition ext. Returns 1 when q
 * matched (*q->out filled), 0 when the chain ended without a match, or a
 * negative status with *reason on a damaged chain. */
static int walk_logical(struct part_disk *d, const struct mbr_entry *ext,
			const struct query *q, const char **reason)
{
	uint64_t ext_start = ext->start, ext_end = ext_start + ext->count;
	uint64_t ebr = ext_start;
	unsigned number = 5;

	for (unsigned links = 0; links < PART_MAX_LOGICAL; links++) {
		struct mbr_table t;
		uint64_t next = 0;
		int rc = read_block(d, ebr, reason);

		if (rc != 0)
			return rc;
		if (mbr_parse(d->buf, &t, reason) != 0)
			return status_fail_into(reason, STATUS_EMALFORMED, "extended boot record (EBR) signature missing or damaged");
		for (unsigned i = 0; i < 4; i++) {
			const struct mbr_entry *m = &t.entry[i];

			if (m->type == MBR_TYPE_EMPTY)
				continue;
			if (mbr_is_extended(m->type)) {
				if (!next)
					next = ext_start + m->start;
				continue;
			}
			from_mbr(q->out, number++, ebr, m);
			if (matches(q, q->out))
				return 1;
		}
		if (!next)
			return 0;
		if (next <= ext_start || next >= ext_end || next == ebr)
			return status_fail_into(reason, STATUS_EMALFORMED, "EBR chain link points outside the extended partition");
		ebr = next;
	}
	return status_fail_into(reason, STATUS_ETOOBIG, "EBR chain has more than 128 links (a loop?)");
}

static int mbr_lookup(struct part_disk *d, const struct part_label *l,
		      const struct query *q, const char **reason)
{
	const struct mbr_entry *ext = NULL;

	for (unsigned i = 0; i < 4; i++) {
		const struct mbr_entry *m = &l->mbr.entry[i];

		if (m->type == MBR_TYPE_EMPTY)
			continue;
		if (mbr_is_extended(m->type)) {
			if (!ext)
				ext = m;
			if (q->number == i + 1)
				return status_fail_into(reason, STATUS_ENOTFOUND, "the partition is an extended partition (a container)");
			continue;
		}
		from_mbr(q->out, i + 1, 0, m);
		if (matches(q, q->out))
			return 1;
	}
	if (q->number >= 1 && q->number <= 4)
		return status_fail_into(reason, STATUS_ENOTFOUND, "the partition is empty");
	if (!ext)
		return 0;
	return walk_logical(d, ext, q, reason);
}

static int gpt_lookup(struct part_disk *d, const struct gpt_header *h,
		      const struct query *q, const char **reason)
{
	uint32_t per_block = d->block_size / h->entry_size;
	uint32_t first = 0, last = h->num_entries;

	if (per_block == 0)
		return status_fail_into(reason, STATUS_EUNSUPPORTED, "GPT partition entries are larger than a block");
	if (q->number) {
		if (q->number > h->num_entries)
			return 0;
		first = q->number - 1;
		last = q->number;
	}
	for (uint32_t i = first; i < last; i++) {
		struct gpt_entry g;
		int used;

		if (i == first || i % per_block == 0) {
			int rc = read_block(d, h->entries_lba + i / per_block, reason);

			if (rc != 0)
				return rc;
		}
		used = gpt_entry_parse(d->buf + (i % per_block) * h->entry_size, &g, reason);
		if (used < 0)
			return used;
		if (!used) {
			if (q->number)
				return status_fail_into(reason, STATUS_ENOTFOUND, "the GPT partition entry is unused");
			continue;
		}
		/* Past the disk's end is reported by the caller with the entry;
		 * over the header or the entry array is caught here. */
		if (g.first_lba < h->first_usable)
			return status_fail_into(reason, STATUS_EMALFORMED, "a GPT partition starts before the header's first usable block");
		memset(q->out, 0, sizeof(*q->out));
		q->out->number = i + 1;
		q->out->start = g.first_lba;
		q->out->count = g.last_lba - g.first_lba + 1;
		memcpy(q->out->type_guid, g.type_guid, 16);
		q->out->prep = gpt_guid_equal(g.type_guid, gpt_guid_prep);
		if (matches(q, q->out))
			return 1;
	}
	return 0;
}

static int lookup(struct part_disk *d, const struct part_label *l, const struct query *q,
		  const char **reason)
{
	int rc;

	if (l->scheme == PART_SCHEME_MBR)
		rc = mbr_lookup(d, l, q, reason);
	else if (l->scheme == PART_SCHEME_GPT)
		rc = gpt_lookup(d, &l->gpt, q, reason);
	else
		return status_fail_into(reason, STATUS_ENOTFOUND, "the disk has no partition table");
	if (rc < 0)
		return rc;
	if (rc == 0)
		return status_fail_into(reason, STATUS_ENOTFOUND, q->number ? "no such partition"
				     : l->scheme == PART_SCHEME_MBR
				     ? "no PReP boot partition (MBR type 0x41)"
				     : "no PReP boot partition (GPT type 9E1A2D38-C612-4316-AA26-8B49521E5A8B)");
	return check_bounds(d, q->out, reason);
}

int part_get(struct part_disk *d, const struct part_label *l, unsigned number,
	     struct part_entry *e, const char **reason)
{
	struct query q = { number, e };

	if (number == 0)
		return status_fail_into(reason, STATUS_EINVAL, "partition numbers start at 1");
	return lookup(d, l, &q, reason);
}

int part_find_prep(struct part_disk *d, const struct part_label *l,
		   struct part_entry *e, const char **reason)
{
	struct query q = { 0, e };

	return lookup(d, l, &q, reason);
}
