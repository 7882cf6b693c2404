/* SPDX-License-Identifier: MIT */
/* Partition lookup over a block-read callback: which label a disk has (MBR
 * with its EBR chain, or GPT behind a protective MBR), partition N
 * (1-based: MBR 1-4 primary, 5+ logical in chain order; GPT entry index+1)
 * and the PReP boot partition (MBR type 0x41, GPT type 9E1A2D38-...).
 * Every const char **reason argument is required (never NULL). */
#ifndef LIB_PART_PART_H
#define LIB_PART_PART_H

#include <stdbool.h>
#include <stdint.h>

#include "part/gpt.h"
#include "part/mbr.h"
#include "status/status.h"

#define PART_MAX_BLOCK		4096	/* largest block size handled */
#define PART_MAX_LOGICAL	128	/* bounds the EBR chain */

/* The disk, as the caller gives it. */
struct part_disk {
	/* Reads count blocks from lba into buf; returns 0 or nonzero. */
	int (*read)(void *ctx, uint64_t lba, uint32_t count, void *buf);
	void *ctx;
	uint32_t block_size;		/* 512 .. PART_MAX_BLOCK, power of two */
	uint64_t num_blocks;
	uint8_t buf[PART_MAX_BLOCK];	/* scratch */
};

enum part_scheme { PART_SCHEME_NONE = 0, PART_SCHEME_MBR, PART_SCHEME_GPT };

struct part_label {
	enum part_scheme scheme;
	struct mbr_table mbr;		/* the MBR (the protective one for GPT) */
	struct gpt_header gpt;		/* GPT only */
};

struct part_entry {
	unsigned number;		/* 1-based */
	uint64_t start;			/* first block */
	uint64_t count;			/* blocks */
	uint8_t mbr_type;		/* MBR system id (0 for GPT) */
	uint8_t type_guid[16];		/* GPT type GUID (zero for MBR) */
	bool bootable;			/* MBR boot flag 0x80 */
	bool prep;			/* a PReP boot partition */
};

/* Reads block 0 (and for GPT the header at block 1 and the whole entry
 * array, whose CRC32 is checked). Returns 0 with l->scheme MBR or GPT, or
 * with *reason set: STATUS_EMALFORMED for a damaged table ("MBR signature
 * missing ...", "GPT header CRC mismatch", "GPT partition entry array CRC
 * mismatch"), STATUS_EIO on a read error, STATUS_EUNSUPPORTED for a block
 * size other than 512..PART_MAX_BLOCK and a power of two (or a GPT
 * revision other than 1.x), STATUS_ETOOBIG past GPT_MAX_ENTRIES. */
int part_read_label(struct part_disk *d, struct part_label *l, const char **reason);

/* Partition number (1-based) of a label part_read_label accepted. Returns
 * 0 and fills *e, or with *reason: STATUS_ENOTFOUND when there is no such
 * partition or it is empty/unused/extended, STATUS_EINVAL for number 0,
 * STATUS_EMALFORMED when an EBR on the way is damaged or the partition
 * extends beyond the end of the disk (then *e is filled, so the caller can
 * name the blocks), STATUS_ETOOBIG past PART_MAX_LOGICAL EBRs, STATUS_EIO
 * on a read error. */
int part_get(struct part_disk *d, const struct part_label *l, unsigned number,
	     struct part_entry *e, const char **reason);

/* The first PReP boot partition: MBR primaries 1-4, then the logical ones;
 * GPT entries in order. Returns 0 and fills *e, or with *reason:
 * STATUS_ENOTFOUND when there is none, otherwise as part_get (beyond the
 * disk: *e is filled). */
int part_find_prep(struct part_disk *d, const struct part_label *l,
		   struct part_entry *e, const char **reason);

#endif
