/* SPDX-License-Identifier: MIT */
/* Unit test of lib/scsi: the data decoders, and the command layer against
 * the fake targets of tests/fakes/scsi-fake.c used directly as transport
 * (probe of disks and CD-ROMs, unit attention retries, READ CAPACITY (16)
 * and READ (16) past 32 bits, chunking, error lines). */
#include <stdlib.h>
#include <string.h>

#include "../fakes/scsi-fake.h"
#include "scsi/scsi.h"
#include "unit.h"

static struct scsi_fake fake;
static struct scsi_transport tr = { &scsi_fake_transport_ops, &fake, 0 };

static void reset_fake(void)
{
	memset(&fake, 0, sizeof(fake));
	tr.max_transfer = 0;
}

static int contains(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

static int data_ok(const uint8_t *buf, uint32_t target, uint32_t lun, uint64_t lba, uint32_t bs,
		   uint32_t count)
{
	for (uint64_t i = 0; i < (uint64_t)count * bs; i++)
		if (buf[i] != scsi_fake_byte(target, lun, lba * bs + i))
			return 0;
	return 1;
}

static void test_parse_sense(void)
{
	struct scsi_sense s;
	uint8_t fixed[18] = { 0x70, 0, 0x06, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x29, 0x02 };
	uint8_t desc[8] = { 0x72, 0x02, 0x3a, 0x01 };

	CHECK(scsi_parse_sense(fixed, 18, &s) == 0);
	CHECK(s.key == 6 && s.asc == 0x29 && s.ascq == 2);
	fixed[0] = 0xf1;	/* valid bit, deferred error */
	CHECK(scsi_parse_sense(fixed, 18, &s) == 0 && s.key == 6);
	CHECK(scsi_parse_sense(fixed, 3, &s) == 0 && s.key == 6 && s.asc == 0);
	CHECK(scsi_parse_sense(fixed, 2, &s) == STATUS_EMALFORMED);
	fixed[7] = 4;		/* additional length stops before ASC */
	CHECK(scsi_parse_sense(fixed, 18, &s) == 0 && s.key == 6 && s.asc == 0);
	fixed[7] = 5;
	CHECK(scsi_parse_sense(fixed, 18, &s) == 0 && s.asc == 0x29 && s.ascq == 0);
	CHECK(scsi_parse_sense(desc, 8, &s) == 0);
	CHECK(s.key == 2 && s.asc == 0x3a && s.ascq == 1);
	CHECK(scsi_parse_sense(desc, 2, &s) == 0 && s.key == 2 && s.asc == 0);
	CHECK(scsi_parse_sense(desc, 1, &s) == STATUS_EMALFORMED);
	desc[0] = 0;
	CHECK(scsi_parse_sense(desc, 8, &s) == STATUS_EUNSUPPORTED);
	CHECK(scsi_parse_sense(NULL, 8, &s) == STATUS_EMALFORMED);
	CHECK(scsi_parse_sense(desc, 0, &s) == STATUS_EMALFORMED);
}

static void test_parse_data(void)
{
	struct scsi_inquiry inq;
	uint8_t in[36] = { 0x05, 0x80, 5, 2, 31, 0, 0, 0, 'Q', 'E', 'M', 'U', ' ', ' ', ' ', ' ',
			   'C', 'D', 0x01, ' ' };
	uint8_t cap10[8] = { 0xff, 0xff, 0xff, 0xff, 0, 0, 0x10, 0 };
	uint8_t cap16[32] = { 0, 0, 0, 1, 0, 0, 0, 0x0f, 0, 0, 2, 0 };
	uint8_t luns[8 + 24] = { 0, 0, 0, 24 };
	uint64_t out[4];
	uint32_t last, bs;
	uint64_t last64;

	for (int i = 20; i < 32; i++)
		in[i] = ' ';
	CHECK(scsi_parse_inquiry(in, 36, &inq) == 0);
	CHECK(inq.qualifier == 0 && inq.type == 5 && inq.removable);
	CHECK_STR(inq.vendor, "QEMU");
	CHECK_STR(inq.product, "CD?");
	CHECK(scsi_parse_inquiry(in, 5, &inq) == 0 && inq.vendor[0] == 0);
	CHECK(scsi_parse_inquiry(in, 4, &inq) == STATUS_EMALFORMED);
	in[0] = 0x7f;
	CHECK(scsi_parse_inquiry(in, 36, &inq) == 0 && inq.qualifier == 3 && inq.type == 0x1f);

	CHECK(scsi_parse_capacity10(cap10, 8, &last, &bs) == 0);
	CHECK(last == 0xffffffffu && bs == 4096);
	CHECK(scsi_parse_capacity10(cap10, 7, &last, &bs) == STATUS_EMALFORMED);
	cap10[6] = 0;
	CHECK(scsi_parse_capacity10(cap10, 8, &last, &bs) == STATUS_EMALFORMED);	/* block length 0 */
	CHECK(scsi_parse_capacity16(cap16, 12, &last64, &bs) == 0);
	CHECK(last64 == 0x10000000full && bs == 512);
	CHECK(scsi_parse_capacity16(cap16, 11, &last64, &bs) == STATUS_EMALFORMED);

	luns[8 + 1] = 3;			/* LUN 3, peripheral */
	luns[16] = 0x41; luns[17] = 0x2c;	/* LUN 300, flat */
	luns[24] = 0x81;			/* logical unit addressing */
	CHECK(scsi_parse_report_luns(luns, sizeof(luns), out, 4) == 3);
	CHECK(out[0] == 0x0003000000000000ull && out[1] == 0x412c000000000000ull);
	CHECK(scsi_parse_report_luns(luns, sizeof(luns), out, 1) == 1);
	CHECK(scsi_parse_report_luns(luns, 8 + 16 + 3, out, 4) == 2);	/* truncated */
	luns[3] = 200;				/* more LUNs than were sent */
	CHECK(scsi_parse_report_luns(luns, sizeof(luns), out, 4) == 3);
	luns[3] = 12;				/* not a multiple of 8 */
	CHECK(scsi_parse_report_luns(luns, sizeof(luns), out, 4) == STATUS_EMALFORMED);
	CHECK(scsi_parse_report_luns(luns, 7, out, 4) == STATUS_EMALFORMED);

	CHECK(scsi_lun_to_number(0) == 0);
	CHECK(scsi_lun_to_number(0x0005000000000000ull) == 5);
	CHECK(scsi_lun_to_number(0x412c000000000000ull) == 300);
	CHECK(scsi_lun_to_number(0x7fff000000000000ull) == 16383);
	CHECK(scsi_lun_to_number(0x0105000000000000ull) == STATUS_EUNSUPPORTED);	/* bus 1 */
	CHECK(scsi_lun_to_number(0x8100000000000000ull) == STATUS_EUNSUPPORTED);
	CHECK(scsi_lun_to_number(0xc100000000000000ull) == STATUS_EUNSUPPORTED);
	CHECK(scsi_lun_to_number(0x0000000100000000ull) == STATUS_EUNSUPPORTED);	/* second level */
	CHECK_STR(scsi_sense_key_name(6), "UNIT ATTENTION");
	CHECK_STR(scsi_sense_key_name(0x16), "UNIT ATTENTION");
}

static void test_probe_types(void)
{
	struct scsi_disk d;
	struct scsi_fake_unit *u;
	uint8_t buf[4096 * 3];

	reset_fake();
	scsi_fake_add(&fake, 0, 0, SCSI_TYPE_DISK, 512, 16384);
	scsi_fake_add(&fake, 1, 0, SCSI_TYPE_CDROM, 2048, 1000);
	scsi_fake_add(&fake, 2, 5, SCSI_TYPE_DISK, 4096, 777);
	scsi_fake_add(&fake, 3, 0, 0x01, 512, 100);		/* a tape */

	CHECK(scsi_disk_probe(&d, &tr, 0, 0) == 0);
	CHECK(d.inq.type == SCSI_TYPE_DISK && !d.inq.removable && !d.no_medium);
	CHECK_STR(d.inq.vendor, "QEMU");
	CHECK_STR(d.inq.product, "QEMU HARDDISK");
	CHECK_EQ_U64(d.block_size, 512);
	CHECK_EQ_U64(d.num_blocks, 16384);
	CHECK(scsi_disk_read(&d, 16380, 4, buf) == 0 && data_ok(buf, 0, 0, 16380, 512, 4));
	CHECK(fake.last_cdb[0] == 0x28 && fake.last_cdb[5] == 0xfc && fake.last_cdb[8] == 4);
	CHECK(scsi_disk_read(&d, 16381, 4, buf) == STATUS_EINVAL);
	CHECK(contains(d.err.text, "beyond the end (16384 blocks)"));

	CHECK(scsi_disk_probe(&d, &tr, 1, 0) == 0);
	CHECK(d.inq.type == SCSI_TYPE_CDROM && d.inq.removable);
	CHECK_EQ_U64(d.block_size, 2048);
	CHECK_EQ_U64(d.num_blocks, 1000);
	CHECK(scsi_disk_read(&d, 16, 3, buf) == 0 && data_ok(buf, 1, 0, 16, 2048, 3));

	CHECK(scsi_disk_probe(&d, &tr, 2, 5) == 0);
	CHECK_EQ_U64(d.block_size, 4096);
	CHECK_EQ_U64(d.num_blocks, 777);
	CHECK(scsi_disk_read(&d, 776, 1, buf + 1) == 0 && data_ok(buf + 1, 2, 5, 776, 4096, 1));

	CHECK(scsi_disk_probe(&d, &tr, 3, 0) == SCSI_PROBE_ABSENT);	/* not disk/CD */
	CHECK(scsi_disk_probe(&d, &tr, 4, 0) == SCSI_PROBE_ABSENT);	/* no target */
	CHECK(scsi_disk_probe(&d, &tr, 0, 1) == SCSI_PROBE_ABSENT);	/* qualifier 3 */
	fake.absent_lun_check_condition = true;
	CHECK(scsi_disk_probe(&d, &tr, 0, 1) == SCSI_PROBE_ABSENT);	/* LUN NOT SUPPORTED */

	u = scsi_fake_add(&fake, 5, 0, SCSI_TYPE_DISK, 1000, 10);
	CHECK(scsi_disk_probe(&d, &tr, 5, 0) == STATUS_EUNSUPPORTED);
	CHECK(contains(d.err.text, "unsupported block size 1000"));
	u->block_size = 256;
	CHECK(scsi_disk_probe(&d, &tr, 5, 0) == STATUS_EUNSUPPORTED);
	u->block_size = 131072;
	CHECK(scsi_disk_probe(&d, &tr, 5, 0) == STATUS_EUNSUPPORTED);
}

static void test_big_disk(void)
{
	struct scsi_disk d;
	uint8_t buf[512 * 4];
	uint64_t n = 0x100000010ull;

	reset_fake();
	scsi_fake_add(&fake, 0, 0, SCSI_TYPE_DISK, 512, n);
	CHECK(scsi_disk_probe(&d, &tr, 0, 0) == 0);
	CHECK_EQ_U64(d.num_blocks, n);
	CHECK(fake.last_cdb[0] == 0x9e && fake.last_cdb[1] == 0x10 && fake.last_cdb[13] == 32);
	CHECK(scsi_disk_read(&d, 10, 1, buf) == 0 && fake.last_cdb[0] == 0x28);
	CHECK(!fake.saw_read16);
	CHECK(scsi_disk_read(&d, 0x100000005ull, 2, buf) == 0);
	CHECK(fake.saw_read16 && fake.last_cdb[0] == 0x88 && fake.last_cdb[5] == 1);
	CHECK(data_ok(buf, 0, 0, 0x100000005ull, 512, 2));
	/* Straddling the 32-bit boundary needs READ (16) too. */
	fake.saw_read16 = false;
	CHECK(scsi_disk_read(&d, 0xfffffffeull, 4, buf) == 0 && fake.saw_read16);
	CHECK(data_ok(buf, 0, 0, 0xfffffffeull, 512, 4));
	fake.saw_read16 = false;
	CHECK(scsi_disk_read(&d, 0xfffffffcull, 4, buf) == 0 && !fake.saw_read16);
	CHECK(scsi_disk_read(&d, n - 1, 1, buf) == 0);
	CHECK(scsi_disk_read(&d, n, 1, buf) == STATUS_EINVAL);
}

static void test_attention_and_medium(void)
{
	struct scsi_disk d;
	struct scsi_fake_unit *u;
	uint8_t buf[2048];

	reset_fake();
	u = scsi_fake_add(&fake, 0, 0, SCSI_TYPE_DISK, 512, 100);
	u->unit_attentions = SCSI_TUR_ATTEMPTS - 1;
	CHECK(scsi_disk_probe(&d, &tr, 0, 0) == 0);
	CHECK(u->unit_attentions == 0);
	u->unit_attentions = SCSI_TUR_ATTEMPTS + 5;
	CHECK(scsi_disk_probe(&d, &tr, 0, 0) == STATUS_EDEVICE);
	CHECK(contains(d.err.text, "TEST UNIT READY failed: UNIT ATTENTION (sense key 0x6, ASC 0x29"));
	u->unit_attentions = 0;
	u->becoming_ready = 3;
	CHECK(scsi_disk_probe(&d, &tr, 0, 0) == 0);
	/* A unit attention in the middle of reading is retried. */
	u->unit_attentions = 1;
	CHECK(scsi_disk_read(&d, 0, 1, buf) == 0 && data_ok(buf, 0, 0, 0, 512, 1));
	u->busy_once = true;
	CHECK(scsi_disk_read(&d, 1, 1, buf) == 0);

	/* A CD-ROM without medium is found, empty; it is looked at again on
	 * the next read. */
	u = scsi_fake_add(&fake, 1, 0, SCSI_TYPE_CDROM, 2048, 50);
	u->no_medium = true;
	u->unit_attentions = 1;
	CHECK(scsi_disk_probe(&d, &tr, 1, 0) == 0);
	CHECK(d.no_medium && d.num_blocks == 0 && d.block_size == 2048);
	CHECK(scsi_disk_read(&d, 0, 1, buf) == STATUS_EDEVICE);
	CHECK_STR(d.err.text, "no medium");
	u->no_medium = false;
	CHECK(scsi_disk_read(&d, 3, 1, buf) == 0 && data_ok(buf, 1, 0, 3, 2048, 1));
	CHECK(!d.no_medium && d.num_blocks == 50);

	/* A medium with another block size than the caller sized buf for. */
	u->no_medium = true;
	CHECK(scsi_disk_probe(&d, &tr, 1, 0) == 0 && d.no_medium);
	u->no_medium = false;
	u->block_size = 512;
	CHECK(scsi_disk_read(&d, 0, 1, buf) == STATUS_EDEVICE);
	CHECK_STR(d.err.text, "medium changed: blocks are now 512 bytes");
	CHECK(d.block_size == 512 && d.num_blocks == 50);
	CHECK(scsi_disk_read(&d, 0, 4, buf) == 0 && data_ok(buf, 1, 0, 0, 512, 4));
}

static void test_errors(void)
{
	struct scsi_disk d;
	struct scsi_fake_unit *u;
	uint8_t buf[512 * 20];

	reset_fake();
	u = scsi_fake_add(&fake, 0, 0, SCSI_TYPE_DISK, 512, 100);
	CHECK(scsi_disk_probe(&d, &tr, 0, 0) == 0);
	u->read_error = true;
	CHECK(scsi_disk_read(&d, 0, 1, buf) == STATUS_EDEVICE);
	CHECK(contains(d.err.text, "READ(10) failed: MEDIUM ERROR (sense key 0x3, ASC 0x11, ASCQ 0x00)"));
	u->descriptor_sense = true;
	CHECK(scsi_disk_read(&d, 0, 1, buf) == STATUS_EDEVICE);
	CHECK(contains(d.err.text, "MEDIUM ERROR (sense key 0x3, ASC 0x11"));
	u->read_error = false;
	u->short_read = 512;
	CHECK(scsi_disk_read(&d, 0, 2, buf) == STATUS_EIO);
	CHECK(contains(d.err.text, "short transfer (512 of 1024 bytes)"));
	u->short_read = 0;

	/* Pieces of max_transfer bytes. */
	tr.max_transfer = 4096;
	fake.max_read_bytes = 0;
	CHECK(scsi_disk_read(&d, 3, 20, buf) == 0 && data_ok(buf, 0, 0, 3, 512, 20));
	CHECK_EQ_U64(fake.max_read_bytes, 4096);
	tr.max_transfer = 100;		/* below a block: one block at a time */
	CHECK(scsi_disk_read(&d, 3, 2, buf) == 0);
	CHECK_EQ_U64(fake.max_read_bytes, 4096);

	fake.transport_error = STATUS_ETIMEDOUT;
	CHECK(scsi_disk_read(&d, 0, 1, buf) == STATUS_ETIMEDOUT);
	CHECK(contains(d.err.text, "READ(10): fake transport error: timed out"));
	CHECK(scsi_disk_probe(&d, &tr, 0, 0) == STATUS_ETIMEDOUT);
	CHECK(contains(d.err.text, "INQUIRY: fake transport error"));
	fake.transport_error = 0;
}

static void test_report_luns(void)
{
	struct scsi_disk d;
	uint32_t luns[8];

	reset_fake();
	scsi_fake_add(&fake, 0, 0, SCSI_TYPE_DISK, 512, 10);
	scsi_fake_add(&fake, 0, 1, SCSI_TYPE_DISK, 512, 10);
	scsi_fake_add(&fake, 0, 300, SCSI_TYPE_CDROM, 2048, 10);
	scsi_fake_add(&fake, 2, 7, SCSI_TYPE_DISK, 512, 10);
	scsi_disk_init(&d, &tr, 0, 0);
	CHECK(scsi_report_luns(&d, luns, 8) == 3);
	CHECK(luns[0] == 0 && luns[1] == 1 && luns[2] == 300);
	CHECK(scsi_report_luns(&d, luns, 2) == 2);
	scsi_disk_init(&d, &tr, 2, 0);		/* LUN 0 absent, the target answers */
	CHECK(scsi_report_luns(&d, luns, 8) == 1 && luns[0] == 7);
	scsi_disk_init(&d, &tr, 1, 0);
	CHECK(scsi_report_luns(&d, luns, 8) == STATUS_ENOTFOUND);
	fake.no_report_luns = true;
	scsi_disk_init(&d, &tr, 0, 0);
	CHECK(scsi_report_luns(&d, luns, 8) == STATUS_EDEVICE);
	CHECK(contains(d.err.text, "REPORT LUNS failed: ILLEGAL REQUEST"));
	CHECK(scsi_disk_probe(&d, &tr, 0, 300) == 0 && d.inq.type == SCSI_TYPE_CDROM);
}

int main(void)
{
	test_parse_sense();
	test_parse_data();
	test_probe_types();
	test_big_disk();
	test_attention_and_medium();
	test_errors();
	test_report_luns();
	return unit_done("test-scsi");
}
