/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/part: CRC32, MBR and EBR chains, GPT header and entry
 * array checks, partition lookup by number and PReP detection, each
 * rejection with its reason. Disks are built in memory. */
#include <stdlib.h>
#include <string.h>

#include "crc32/crc32.h"
#include "le.h"
#include "part/part.h"
#include "unit.h"

#define DISK_BYTES (4u << 20)

static uint8_t disk[DISK_BYTES];
static uint32_t bs = 512;
static int64_t fail_lba = -1;
static unsigned reads;

static int ram_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	(void)ctx;
	reads++;
	if ((int64_t)lba == fail_lba)
		return -1;
	if ((lba + count) * bs > DISK_BYTES)
		return -1;
	memcpy(buf, disk + lba * bs, (size_t)count * bs);
	return 0;
}

static struct part_disk *new_disk(uint32_t block_size, uint64_t blocks)
{
	static struct part_disk d;

	memset(&d, 0, sizeof(d));
	bs = block_size;
	d.read = ram_read;
	d.block_size = block_size;
	d.num_blocks = blocks;
	fail_lba = -1;
	return &d;
}

static void mbr_entry(uint8_t *sector, unsigned i, uint8_t status, uint8_t type,
		      uint32_t start, uint32_t count)
{
	uint8_t *e = sector + 446 + 16 * i;

	e[0] = status;
	e[4] = type;
	le32_write(e + 8, start);
	le32_write(e + 12, count);
}

static void mbr_sign(uint8_t *sector)
{
	sector[510] = 0x55;
	sector[511] = 0xaa;
}

static const char *reason_of(struct part_disk *d, struct part_label *l)
{
	const char *why = NULL;

	return part_read_label(d, l, &why) == 0 ? "ok" : why;
}

static void test_crc32(void)
{
	CHECK_EQ_U64(crc32_ieee(0, "123456789", 9), 0xcbf43926);
	CHECK_EQ_U64(crc32_ieee(crc32_ieee(0, "1234", 4), "56789", 5), 0xcbf43926);
	CHECK_EQ_U64(crc32_ieee(0, "", 0), 0);
}

static void test_mbr_primary(void)
{
	struct part_disk *d = new_disk(512, 8192);
	struct part_label l;
	struct part_entry e;
	const char *why = NULL;

	memset(disk, 0, DISK_BYTES);
	CHECK_STR(reason_of(d, &l), "MBR signature missing (bytes 510-511 are not 55 aa)");
	mbr_sign(disk);
	mbr_entry(disk, 0, 0x80, 0x41, 2048, 1024);
	mbr_entry(disk, 1, 0x00, 0x83, 4096, 2048);
	mbr_entry(disk, 3, 0x00, 0x0c, 7000, 5000);	/* runs past the end */
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(l.scheme == PART_SCHEME_MBR);
	CHECK(part_get(d, &l, 1, &e, &why) == 0);
	CHECK(e.prep && e.bootable && e.number == 1 && e.start == 2048 && e.count == 1024);
	CHECK(part_get(d, &l, 2, &e, &why) == 0);
	CHECK(!e.prep && !e.bootable && e.mbr_type == 0x83 && e.start == 4096);
	CHECK(part_get(d, &l, 3, &e, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "the partition is empty");
	CHECK(part_get(d, &l, 4, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition extends beyond the end of the disk");
	CHECK(e.number == 4 && e.start == 7000 && e.count == 5000);
	CHECK(part_get(d, &l, 5, &e, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "no such partition");
	CHECK(part_get(d, &l, 0, &e, &why) == STATUS_EINVAL);
	CHECK_STR(why, "partition numbers start at 1");
	CHECK(part_find_prep(d, &l, &e, &why) == 0 && e.number == 1);

	/* No PReP */
	mbr_entry(disk, 0, 0x00, 0x83, 2048, 1024);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_find_prep(d, &l, &e, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "no PReP boot partition (MBR type 0x41)");

	/* PReP beyond the end: found, but refused with its blocks named */
	mbr_entry(disk, 2, 0x00, 0x41, 8000, 1000);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_find_prep(d, &l, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition extends beyond the end of the disk");
	CHECK(e.number == 3 && e.start == 8000);

	/* Start 0 overlaps the table */
	mbr_entry(disk, 2, 0x00, 0x41, 0, 1000);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_find_prep(d, &l, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition starts at block 0, over the partition table");

	/* A boot sector that is not a partition table */
	disk[446 + 16] = 0x12;
	CHECK_STR(reason_of(d, &l),
		  "MBR partition entry has a boot flag other than 0x00 or 0x80 (not a partition table)");

	/* Type set but no blocks: empty */
	memset(disk, 0, 512);
	mbr_sign(disk);
	mbr_entry(disk, 0, 0x00, 0x41, 2048, 0);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_get(d, &l, 1, &e, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "the partition is empty");

	/* Read error and unsupported block size */
	fail_lba = 0;
	CHECK_STR(reason_of(d, &l), "read error on a partition table block");
	d = new_disk(8192, 100);
	CHECK_STR(reason_of(d, &l), "block size is not a power of two from 512 to 4096");
	d = new_disk(1000, 100);
	CHECK_STR(reason_of(d, &l), "block size is not a power of two from 512 to 4096");
	d = new_disk(512, 0);
	CHECK_STR(reason_of(d, &l), "a partition table block lies beyond the end of the disk");
}

/* Extended partition at 1000..7999 with EBRs at 1000, 3000, 5000. */
static void make_extended(void)
{
	memset(disk, 0, DISK_BYTES);
	mbr_sign(disk);
	mbr_entry(disk, 0, 0x00, 0x83, 100, 800);
	mbr_entry(disk, 1, 0x00, 0x0f, 1000, 7000);
	/* EBR 1: logical 5 at 1000+10, next EBR at ext+2000 */
	mbr_sign(disk + 1000 * 512);
	mbr_entry(disk + 1000 * 512, 0, 0, 0x83, 10, 500);
	mbr_entry(disk + 1000 * 512, 1, 0, 0x05, 2000, 1500);
	/* EBR 2: logical 6 = PReP */
	mbr_sign(disk + 3000 * 512);
	mbr_entry(disk + 3000 * 512, 0, 0x80, 0x41, 10, 100);
	mbr_entry(disk + 3000 * 512, 1, 0, 0x05, 4000, 1500);
	/* EBR 3: logical 7, end of chain */
	mbr_sign(disk + 5000 * 512);
	mbr_entry(disk + 5000 * 512, 0, 0, 0x0b, 10, 900);
}

static void test_mbr_logical(void)
{
	struct part_disk *d = new_disk(512, 8192);
	struct part_label l;
	struct part_entry e;
	const char *why = NULL;

	make_extended();
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_get(d, &l, 5, &e, &why) == 0);
	CHECK(e.start == 1010 && e.count == 500 && e.mbr_type == 0x83);
	CHECK(part_get(d, &l, 6, &e, &why) == 0);
	CHECK(e.start == 3010 && e.prep && e.bootable);
	CHECK(part_get(d, &l, 7, &e, &why) == 0);
	CHECK(e.start == 5010 && e.count == 900 && e.mbr_type == 0x0b);
	CHECK(part_get(d, &l, 8, &e, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "no such partition");
	CHECK(part_get(d, &l, 2, &e, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "the partition is an extended partition (a container)");
	CHECK(part_find_prep(d, &l, &e, &why) == 0 && e.number == 6 && e.start == 3010);

	/* A primary PReP wins over a logical one. */
	mbr_entry(disk, 2, 0x00, 0x41, 8000, 100);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_find_prep(d, &l, &e, &why) == 0 && e.number == 3);

	/* EBR 2 lost its signature */
	make_extended();
	disk[3000 * 512 + 510] = 0;
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_get(d, &l, 5, &e, &why) == 0);
	CHECK(part_get(d, &l, 6, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "extended boot record (EBR) signature missing or damaged");
	CHECK(part_find_prep(d, &l, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "extended boot record (EBR) signature missing or damaged");

	/* Link outside the extended partition */
	make_extended();
	mbr_entry(disk + 3000 * 512, 1, 0, 0x05, 9000, 10);
	CHECK(part_get(d, &l, 7, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "EBR chain link points outside the extended partition");
	/* Link to itself */
	mbr_entry(disk + 3000 * 512, 1, 0, 0x05, 2000, 10);
	CHECK(part_get(d, &l, 7, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "EBR chain link points outside the extended partition");
	/* A loop of two EBRs: bounded */
	mbr_entry(disk + 3000 * 512, 1, 0, 0x05, 0 + 1, 10);
	mbr_sign(disk + 1001 * 512);
	mbr_entry(disk + 1001 * 512, 1, 0, 0x05, 2000, 10);
	mbr_entry(disk + 1000 * 512, 1, 0, 0x05, 2000, 10);
	reads = 0;
	CHECK(part_find_prep(d, &l, &e, &why) == 0);	/* found before the loop */
	CHECK(part_get(d, &l, 100, &e, &why) == STATUS_ETOOBIG);
	CHECK_STR(why, "EBR chain has more than 128 links (a loop?)");
	CHECK(reads < 200);

	/* EBR beyond the end of the disk */
	make_extended();
	d->num_blocks = 4000;
	mbr_entry(disk, 1, 0x00, 0x0f, 1000, 2999);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_get(d, &l, 6, &e, &why) == 0);
	CHECK(part_get(d, &l, 7, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "EBR chain link points outside the extended partition");
}

/* GPT with 128 entries of 128 bytes at block 2 (32 blocks of 512). */
static void gpt_fix_crcs(uint32_t block_size, uint64_t hdr_lba)
{
	uint8_t *h = disk + hdr_lba * block_size;
	uint64_t array = le64_read(h + 72);
	uint32_t n = le32_read(h + 80), sz = le32_read(h + 84);

	if ((array * block_size + (uint64_t)n * sz) <= DISK_BYTES)
		le32_write(h + 88, crc32_ieee(0, disk + array * block_size, (size_t)n * sz));
	le32_write(h + 16, 0);
	le32_write(h + 16, crc32_ieee(0, h, le32_read(h + 12)));
}

static void gpt_set_entry(uint32_t block_size, unsigned i, const uint8_t *guid,
			  uint64_t first, uint64_t last)
{
	uint8_t *e = disk + 2 * block_size + 128 * i;

	memcpy(e, guid, 16);
	memset(e + 16, 0x11 + i, 16);
	le64_write(e + 32, first);
	le64_write(e + 40, last);
}

static const uint8_t guid_data[16] = {
	0xa2, 0xa0, 0xd0, 0xeb, 0xe5, 0xb9, 0x33, 0x44,
	0x87, 0xc0, 0x68, 0xb6, 0xb7, 0x26, 0x99, 0xc7,
};

static void make_gpt(uint32_t block_size, uint64_t blocks)
{
	uint8_t *h = disk + block_size;

	memset(disk, 0, DISK_BYTES);
	mbr_sign(disk);
	mbr_entry(disk, 0, 0x00, 0xee, 1, (uint32_t)(blocks - 1));
	memcpy(h, "EFI PART", 8);
	le32_write(h + 8, 0x00010000);
	le32_write(h + 12, 92);
	le64_write(h + 24, 1);
	le64_write(h + 32, blocks - 1);
	le64_write(h + 40, 34);
	le64_write(h + 48, blocks - 34);
	memset(h + 56, 0x42, 16);
	le64_write(h + 72, 2);
	le32_write(h + 80, 128);
	le32_write(h + 84, 128);
	gpt_set_entry(block_size, 0, guid_data, 100, 199);
	gpt_set_entry(block_size, 1, gpt_guid_prep, 200, 299);
	gpt_set_entry(block_size, 5, guid_data, 300, 399);
	gpt_fix_crcs(block_size, 1);
}

static void test_gpt(void)
{
	struct part_disk *d = new_disk(512, 8192);
	struct part_label l;
	struct part_entry e;
	const char *why = NULL;
	uint8_t *h = disk + 512;

	make_gpt(512, 8192);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(l.scheme == PART_SCHEME_GPT);
	CHECK(l.gpt.num_entries == 128 && l.gpt.entries_blocks == 32);
	CHECK(part_get(d, &l, 1, &e, &why) == 0);
	CHECK(e.start == 100 && e.count == 100 && !e.prep && e.mbr_type == 0);
	CHECK(memcmp(e.type_guid, guid_data, 16) == 0);
	CHECK(part_get(d, &l, 2, &e, &why) == 0 && e.prep && e.start == 200);
	CHECK(part_get(d, &l, 3, &e, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "the GPT partition entry is unused");
	CHECK(part_get(d, &l, 6, &e, &why) == 0 && e.start == 300);
	CHECK(part_get(d, &l, 129, &e, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "no such partition");
	CHECK(part_find_prep(d, &l, &e, &why) == 0 && e.number == 2);

	/* Entry-array CRC: change an unused entry only */
	disk[2 * 512 + 128 * 100] = 1;
	CHECK_STR(reason_of(d, &l), "GPT partition entry array CRC mismatch");
	make_gpt(512, 8192);
	h[60] ^= 0xff;	/* disk GUID */
	CHECK_STR(reason_of(d, &l), "GPT header CRC mismatch");
	make_gpt(512, 8192);
	h[0] = 'X';
	CHECK_STR(reason_of(d, &l), "GPT header signature \"EFI PART\" missing");
	make_gpt(512, 8192);
	le32_write(h + 8, 0x00020000);
	gpt_fix_crcs(512, 1);
	CHECK_STR(reason_of(d, &l), "GPT header revision is not 1.x");
	make_gpt(512, 8192);
	le32_write(h + 12, 600);
	CHECK_STR(reason_of(d, &l), "GPT header size is out of range (92 up to the block size)");
	make_gpt(512, 8192);
	le64_write(h + 24, 5);
	gpt_fix_crcs(512, 1);
	CHECK_STR(reason_of(d, &l), "GPT header does not name its own block (MyLBA)");
	make_gpt(512, 8192);
	le64_write(h + 48, 9000);
	gpt_fix_crcs(512, 1);
	CHECK_STR(reason_of(d, &l), "GPT usable block range is empty or outside the disk");
	make_gpt(512, 8192);
	le32_write(h + 84, 192);
	gpt_fix_crcs(512, 1);
	CHECK_STR(reason_of(d, &l), "GPT partition entry size is not 128 x 2^n (at most 4096)");
	make_gpt(512, 8192);
	le32_write(h + 80, 100000);
	gpt_fix_crcs(512, 1);
	CHECK_STR(reason_of(d, &l), "GPT declares more than 4096 partition entries");
	make_gpt(512, 8192);
	le64_write(h + 72, 8190);
	gpt_fix_crcs(512, 1);
	CHECK_STR(reason_of(d, &l), "GPT partition entry array lies outside the disk");
	make_gpt(512, 8192);
	le64_write(h + 72, 1);
	gpt_fix_crcs(512, 1);
	CHECK_STR(reason_of(d, &l), "GPT partition entry array overlaps the header");
	make_gpt(512, 8192);
	fail_lba = 5;
	CHECK_STR(reason_of(d, &l), "read error on a partition table block");
	fail_lba = -1;

	/* An entry that ends before it starts, and one past the disk */
	make_gpt(512, 8192);
	gpt_set_entry(512, 1, gpt_guid_prep, 300, 299);
	gpt_fix_crcs(512, 1);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_find_prep(d, &l, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "GPT partition entry ends before it starts");
	gpt_set_entry(512, 1, gpt_guid_prep, 2, 40);	/* over the entry array */
	gpt_fix_crcs(512, 1);
	CHECK(part_find_prep(d, &l, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "a GPT partition starts before the header's first usable block");
	gpt_set_entry(512, 1, gpt_guid_prep, 8000, 8199);
	gpt_fix_crcs(512, 1);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_find_prep(d, &l, &e, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition extends beyond the end of the disk");
	CHECK(e.number == 2 && e.start == 8000 && e.count == 200);

	/* No PReP */
	gpt_set_entry(512, 1, guid_data, 200, 299);
	gpt_fix_crcs(512, 1);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(part_find_prep(d, &l, &e, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "no PReP boot partition (GPT type 9E1A2D38-C612-4316-AA26-8B49521E5A8B)");

	/* Protective MBR on a tiny disk */
	d = new_disk(512, 2);
	CHECK_STR(reason_of(d, &l), "protective MBR (type 0xee) on a disk too small for a GPT");
}

static void test_gpt_4k(void)
{
	struct part_disk *d = new_disk(4096, 1024);
	struct part_label l;
	struct part_entry e;
	const char *why = NULL;

	make_gpt(4096, 1024);
	le64_write(disk + 4096 + 40, 6);
	le64_write(disk + 4096 + 48, 1000);
	gpt_fix_crcs(4096, 1);
	CHECK_STR(reason_of(d, &l), "ok");
	CHECK(l.gpt.entries_blocks == 4);
	CHECK(part_find_prep(d, &l, &e, &why) == 0 && e.number == 2 && e.start == 200);
	CHECK(part_get(d, &l, 6, &e, &why) == 0 && e.start == 300);
}

/* Random bytes never crash and every failure has a reason. */
static void test_random(void)
{
	srand(1275);
	for (int round = 0; round < 300; round++) {
		struct part_disk *d = new_disk(512, 64);
		struct part_label l;
		struct part_entry e;
		const char *why = NULL;

		for (size_t i = 0; i < 64 * 512; i++)
			disk[i] = (uint8_t)rand();
		if (round & 1) {
			mbr_sign(disk);
			for (int i = 0; i < 4; i++)
				disk[446 + 16 * i] &= 0x80;
		}
		if (part_read_label(d, &l, &why) != 0) {
			CHECK(why != NULL);
			continue;
		}
		for (unsigned n = 1; n < 10; n++)
			if (part_get(d, &l, n, &e, &why) != 0)
				CHECK(why != NULL);
		if (part_find_prep(d, &l, &e, &why) == 0)
			CHECK(e.start > 0 && e.start + e.count <= 64);
	}
}

int main(void)
{
	test_crc32();
	test_mbr_primary();
	test_mbr_logical();
	test_gpt();
	test_gpt_4k();
	test_random();
	return unit_done("test-part");
}
