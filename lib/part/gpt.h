/* SPDX-License-Identifier: MIT */
/* GUID partition table (UEFI 2.x chapter 5): header and entry parsing.
 * GUIDs are kept in their on-disk byte order (first three fields
 * little-endian).
 * Every const char **reason argument is required (never NULL). */
#ifndef LIB_PART_GPT_H
#define LIB_PART_GPT_H

#include <stdbool.h>
#include <stdint.h>

#include "status/status.h"

#define GPT_HEADER_MIN_SIZE	92
#define GPT_ENTRY_MIN_SIZE	128
#define GPT_ENTRY_MAX_SIZE	4096
#define GPT_MAX_ENTRIES		4096	/* bounds every walk over the array */

struct gpt_header {
	uint32_t revision;
	uint32_t header_size;
	uint64_t my_lba;
	uint64_t alternate_lba;
	uint64_t first_usable;
	uint64_t last_usable;
	uint8_t disk_guid[16];
	uint64_t entries_lba;
	uint32_t num_entries;
	uint32_t entry_size;
	uint32_t entries_crc;
	uint64_t entries_blocks;	/* blocks the entry array covers */
};

struct gpt_entry {
	uint8_t type_guid[16];
	uint8_t unique_guid[16];
	uint64_t first_lba;
	uint64_t last_lba;		/* inclusive */
	uint64_t attributes;
};

/* 9E1A2D38-C612-4316-AA26-8B49521E5A8B, PowerPC PReP boot, disk order. */
extern const uint8_t gpt_guid_prep[16];

/* Validates the header in block[0..block_size) read from block lba of a
 * disk of num_blocks blocks: signature "EFI PART", revision 1.x, header
 * size 92..block_size, header CRC32, my_lba == lba, the usable range and
 * the entry array inside the disk, entry size 128 x 2^n (at most 4096),
 * at most GPT_MAX_ENTRIES entries. block_size is 512..65536, a power of
 * two. Returns 0 and fills *h, or with *reason set to a static sentence:
 * STATUS_EUNSUPPORTED for a revision other than 1.x, STATUS_ETOOBIG for more
 * than GPT_MAX_ENTRIES entries, STATUS_EMALFORMED otherwise. */
int gpt_header_parse(const uint8_t *block, uint32_t block_size, uint64_t lba,
		     uint64_t num_blocks, struct gpt_header *h, const char **reason);

/* Decodes one entry of at least GPT_ENTRY_MIN_SIZE bytes. Returns 1 for a
 * used entry, 0 for an unused one (type GUID all zero), STATUS_EMALFORMED
 * with *reason when first_lba > last_lba. */
int gpt_entry_parse(const uint8_t *raw, struct gpt_entry *e, const char **reason);

bool gpt_guid_equal(const uint8_t *a, const uint8_t *b);

#endif
