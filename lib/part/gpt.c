/* SPDX-License-Identifier: MIT */
/* GPT header and entry parsing (UEFI 2.x 5.3.2 header, 5.3.3 entries).
 * Only the primary header is used: a damaged one is reported, not repaired
 * from the backup. */
#include <string.h>

#include "crc32/crc32.h"
#include "part/gpt.h"
#include "le.h"

const uint8_t gpt_guid_prep[16] = {
	0x38, 0x2d, 0x1a, 0x9e, 0x12, 0xc6, 0x16, 0x43,
	0xaa, 0x26, 0x8b, 0x49, 0x52, 0x1e, 0x5a, 0x8b,
};

bool gpt_guid_equal(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, 16) == 0;
}

int gpt_header_parse(const uint8_t *block, uint32_t block_size, uint64_t lba,
		     uint64_t num_blocks, struct gpt_header *h, const char **reason)
{
	uint8_t zero[4] = { 0, 0, 0, 0 };
	uint64_t array_bytes;
	uint32_t crc, size;

	if (memcmp(block, "EFI PART", 8) != 0)
		return status_fail_into(reason, STATUS_EMALFORMED, "GPT header signature \"EFI PART\" missing");
	h->revision = le32_read(block + 8);
	if ((h->revision >> 16) != 1)
		return status_fail_into(reason, STATUS_EUNSUPPORTED, "GPT header revision is not 1.x");
	h->header_size = le32_read(block + 12);
	if (h->header_size < GPT_HEADER_MIN_SIZE || h->header_size > block_size)
		return status_fail_into(reason, STATUS_EMALFORMED, "GPT header size is out of range (92 up to the block size)");
	crc = crc32_ieee(0, block, 16);
	crc = crc32_ieee(crc, zero, 4);
	crc = crc32_ieee(crc, block + 20, h->header_size - 20);
	if (crc != le32_read(block + 16))
		return status_fail_into(reason, STATUS_EMALFORMED, "GPT header CRC mismatch");
	h->my_lba = le64_read(block + 24);
	h->alternate_lba = le64_read(block + 32);
	h->first_usable = le64_read(block + 40);
	h->last_usable = le64_read(block + 48);
	memcpy(h->disk_guid, block + 56, 16);
	h->entries_lba = le64_read(block + 72);
	h->num_entries = le32_read(block + 80);
	h->entry_size = le32_read(block + 84);
	h->entries_crc = le32_read(block + 88);
	if (h->my_lba != lba)
		return status_fail_into(reason, STATUS_EMALFORMED, "GPT header does not name its own block (MyLBA)");
	if (h->first_usable > h->last_usable || h->last_usable >= num_blocks)
		return status_fail_into(reason, STATUS_EMALFORMED, "GPT usable block range is empty or outside the disk");
	size = h->entry_size;
	if (size < GPT_ENTRY_MIN_SIZE || size > GPT_ENTRY_MAX_SIZE || (size & (size - 1)))
		return status_fail_into(reason, STATUS_EMALFORMED, "GPT partition entry size is not 128 x 2^n (at most 4096)");
	if (h->num_entries > GPT_MAX_ENTRIES)
		return status_fail_into(reason, STATUS_ETOOBIG, "GPT declares more than 4096 partition entries");
	array_bytes = (uint64_t)h->num_entries * size;
	h->entries_blocks = (array_bytes + block_size - 1) / block_size;
	if (h->entries_lba <= lba && h->entries_lba + h->entries_blocks > lba)
		return status_fail_into(reason, STATUS_EMALFORMED, "GPT partition entry array overlaps the header");
	if (h->entries_lba >= num_blocks || h->entries_blocks > num_blocks - h->entries_lba)
		return status_fail_into(reason, STATUS_EMALFORMED, "GPT partition entry array lies outside the disk");
	return 0;
}

int gpt_entry_parse(const uint8_t *raw, struct gpt_entry *e, const char **reason)
{
	static const uint8_t unused[16];

	memcpy(e->type_guid, raw, 16);
	memcpy(e->unique_guid, raw + 16, 16);
	e->first_lba = le64_read(raw + 32);
	e->last_lba = le64_read(raw + 40);
	e->attributes = le64_read(raw + 48);
	if (gpt_guid_equal(e->type_guid, unused))
		return 0;
	if (e->first_lba > e->last_lba)
		return status_fail_into(reason, STATUS_EMALFORMED, "GPT partition entry ends before it starts");
	return 1;
}
