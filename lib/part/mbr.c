/* SPDX-License-Identifier: MIT */
/* MBR / EBR sector parsing (the PC partition table: four 16-byte entries
 * at offset 446, signature 0x55 0xaa at 510). */
#include "le.h"
#include "part/mbr.h"

bool mbr_is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

int mbr_parse(const uint8_t *sector, struct mbr_table *t, const char **reason)
{
	t->protective = false;
	if (sector[510] != 0x55 || sector[511] != 0xaa) {
		*reason = "MBR signature missing (bytes 510-511 are not 55 aa)";
		return STATUS_EMALFORMED;
	}
	for (unsigned i = 0; i < 4; i++) {
		const uint8_t *raw = sector + MBR_TABLE_OFFSET + i * MBR_ENTRY_SIZE;
		struct mbr_entry *e = &t->entry[i];

		e->status = raw[0];
		e->type = raw[4];
		e->start = le32_read(raw + 8);
		e->count = le32_read(raw + 12);
		if (e->status != 0x00 && e->status != 0x80) {
			*reason = "MBR partition entry has a boot flag other than 0x00 or 0x80 "
				  "(not a partition table)";
			return STATUS_EMALFORMED;
		}
		if (e->type == MBR_TYPE_EMPTY || e->count == 0) {
			e->type = MBR_TYPE_EMPTY;
			e->count = 0;
		}
		if (e->type == MBR_TYPE_GPT)
			t->protective = true;
	}
	return 0;
}
