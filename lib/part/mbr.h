/* SPDX-License-Identifier: MIT */
/* The classic PC partition table (MBR) and the extended boot records (EBR)
 * that chain logical partitions: parsing of one 512-byte sector.
 * Every const char **reason argument is required (never NULL). */
#ifndef LIB_PART_MBR_H
#define LIB_PART_MBR_H

#include <stdbool.h>
#include <stdint.h>

#include "status/status.h"

#define MBR_SECTOR_SIZE		512
#define MBR_TABLE_OFFSET	446
#define MBR_ENTRY_SIZE		16
#define MBR_TYPE_EMPTY		0x00
#define MBR_TYPE_PREP		0x41	/* PowerPC PReP boot */
#define MBR_TYPE_GPT		0xee	/* protective MBR of a GPT disk */

struct mbr_entry {
	uint8_t status;		/* 0x80 = bootable, 0x00 = not */
	uint8_t type;		/* system id; 0 = empty */
	uint32_t start;		/* first block, relative as the record says */
	uint32_t count;		/* blocks; 0 means empty too */
};

struct mbr_table {
	struct mbr_entry entry[4];
	bool protective;	/* an entry has type 0xee: the disk is GPT */
};

/* Parses the partition table of sector[0..512): bytes 510-511 must be
 * 0x55 0xaa and every boot flag 0x00 or 0x80 (a volume boot record, e.g.
 * a FAT superfloppy, usually fails the latter). Entries with type 0 or
 * count 0 are returned with type MBR_TYPE_EMPTY and count 0. Returns 0, or
 * STATUS_EMALFORMED with *reason set to a static sentence. */
int mbr_parse(const uint8_t *sector, struct mbr_table *t, const char **reason);

/* True for the types that hold an EBR chain: 0x05, 0x0f, 0x85. */
bool mbr_is_extended(uint8_t type);

#endif
