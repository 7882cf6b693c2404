/* SPDX-License-Identifier: MIT */
/* Unit tests for the wire formats of lib/vscsi: CRQ messages and ring,
 * SRP login/command/response IUs, LUN addresses, REPORT LUNS data and the
 * table "vscsi-report-luns" hands to GRUB (read back the way GRUB's
 * ofdisk.c reads it). */
#include <stdint.h>
#include <string.h>

#include "be.h"
#include "unit.h"
#include "vscsi/srp.h"
#include "vscsi/vscsi-crq.h"
#include "vscsi/vscsi-lun.h"

static void test_crq_messages(void)
{
	uint8_t m[16];
	struct vscsi_crq_msg d;
	uint64_t hi, lo;

	vscsi_crq_init_request(m);
	CHECK(m[0] == 0xc0 && m[1] == 0x01);
	for (int i = 2; i < 16; i++)
		CHECK(m[i] == 0);
	vscsi_crq_words(m, &hi, &lo);
	CHECK_EQ_U64(hi, 0xc001000000000000ull);
	CHECK_EQ_U64(lo, 0);
	vscsi_crq_init_complete(m);
	CHECK(m[0] == 0xc0 && m[1] == 0x02);

	vscsi_crq_srp_request(m, 64, 0x1000);
	vscsi_crq_words(m, &hi, &lo);
	/* valid 0x80, format 1 (SRP), reserved, status, timeout 0, length 64 */
	CHECK_EQ_U64(hi, 0x8001000000000040ull);
	CHECK_EQ_U64(lo, 0x1000);
	vscsi_crq_decode(m, &d);
	CHECK(d.valid == 0x80 && d.format == 1 && d.status == 0 && d.timeout == 0);
	CHECK(d.iu_len == 64 && d.iu_ptr == 0x1000);

	d = (struct vscsi_crq_msg){ 0x80, 2, 0x10, 0x1234, 0xabcd, 0x0102030405060708ull };
	vscsi_crq_encode(m, &d);
	CHECK(m[0] == 0x80 && m[1] == 2 && m[2] == 0 && m[3] == 0x10);
	CHECK(m[4] == 0x12 && m[5] == 0x34 && m[6] == 0xab && m[7] == 0xcd);
	CHECK(m[8] == 1 && m[15] == 8);
}

static void test_crq_ring(void)
{
	static uint8_t page[64];
	struct vscsi_crq_ring r;
	uint8_t out[16];

	CHECK(vscsi_crq_ring_init(&r, page, 0) == STATUS_EINVAL);
	CHECK(vscsi_crq_ring_init(&r, page, 40) == STATUS_EINVAL);
	memset(page, 0xee, sizeof(page));
	CHECK(vscsi_crq_ring_init(&r, page, sizeof(page)) == 0);
	CHECK(page[0] == 0 && page[63] == 0);
	CHECK(!vscsi_crq_ring_pop(&r, out));
	/* The partner fills slots 0..3, then wraps to slot 0. */
	for (int round = 0; round < 3; round++) {
		for (int s = 0; s < 4; s++) {
			page[16 * s + 15] = (uint8_t)(round * 4 + s);
			page[16 * s] = 0x80;
		}
		for (int s = 0; s < 4; s++) {
			CHECK(vscsi_crq_ring_pop(&r, out));
			CHECK(out[0] == 0x80 && out[15] == round * 4 + s);
			CHECK(page[16 * s] == 0);	/* slot handed back */
		}
		CHECK(!vscsi_crq_ring_pop(&r, out));
	}
	page[0] = 0xc0;
	vscsi_crq_ring_reset(&r);
	CHECK(page[0] == 0 && r.next == 0);
}

static void test_srp_login(void)
{
	uint8_t iu[64], small[63];
	struct srp_login_info li;

	CHECK(srp_encode_login_req(small, sizeof(small), 1, 64, 2) == 0);
	memset(iu, 0xff, sizeof(iu));
	CHECK(srp_encode_login_req(iu, sizeof(iu), 0x1122334455667788ull, 64,
				   SRP_BUF_FORMAT_DIRECT) == 64);
	CHECK(iu[0] == SRP_LOGIN_REQ && iu[1] == 0 && iu[7] == 0);
	CHECK_EQ_U64(be64_read(iu + 8), 0x1122334455667788ull);
	CHECK_EQ_U64(be32_read(iu + 16), 64);
	CHECK(iu[24] == 0 && iu[25] == 2 && iu[26] == 0);
	for (int i = 32; i < 64; i++)
		CHECK(iu[i] == 0);

	/* QEMU's answer: 52 bytes, credits 22, IU lengths, direct|indirect. */
	memset(iu, 0, sizeof(iu));
	iu[0] = SRP_LOGIN_RSP;
	be32_write(iu + 4, 22);
	be64_write(iu + 8, 7);
	be32_write(iu + 16, 256);
	be32_write(iu + 20, 256);
	iu[25] = 6;
	CHECK(srp_decode_login(iu, 52, &li) == STATUS_OK);
	CHECK(li.req_lim_delta == 22 && li.tag == 7 && li.max_it_iu_len == 256 &&
	      li.max_ti_iu_len == 256 && li.buf_fmt == 6);
	CHECK(srp_decode_login(iu, 51, &li) == STATUS_EMALFORMED);
	CHECK(srp_decode_login(iu, 0, &li) == STATUS_EMALFORMED);

	iu[0] = SRP_LOGIN_REJ;
	be32_write(iu + 4, 0x00010002);
	CHECK(srp_decode_login(iu, 32, &li) == STATUS_EREFUSED);
	CHECK(li.reject_reason == 0x00010002 && li.tag == 7);
	CHECK(srp_decode_login(iu, 15, &li) == STATUS_EMALFORMED);
	iu[0] = SRP_RSP;
	CHECK(srp_decode_login(iu, 52, &li) == STATUS_EMALFORMED);
}

static void test_srp_cmd(void)
{
	static const uint8_t cdb[10] = { 0x28, 0, 0, 0, 0x12, 0x34, 0, 0, 8, 0 };
	uint8_t iu[64];
	struct srp_cmd_args a = { .tag = 0x55, .lun = 0x8001000000000000ull, .cdb = cdb,
				  .cdb_len = 10, .dir = SRP_DIR_IN, .va = 0x2345, .len = 4096 };

	memset(iu, 0xff, sizeof(iu));
	CHECK(srp_encode_cmd(iu, sizeof(iu), &a) == 64);
	CHECK(iu[0] == SRP_CMD && iu[1] == 0);
	CHECK(iu[5] == 0x01);			/* data-in direct, no data-out */
	CHECK(iu[6] == 0 && iu[7] == 0);	/* descriptor counts */
	CHECK_EQ_U64(be64_read(iu + 8), 0x55);
	CHECK_EQ_U64(be64_read(iu + 20), 0x8001000000000000ull);
	CHECK(iu[29] == 0 && iu[31] == 0);
	CHECK(memcmp(iu + 32, cdb, 10) == 0 && iu[42] == 0 && iu[47] == 0);
	CHECK_EQ_U64(be64_read(iu + 48), 0x2345);
	CHECK_EQ_U64(be32_read(iu + 56), 0);
	CHECK_EQ_U64(be32_read(iu + 60), 4096);

	a.dir = SRP_DIR_OUT;
	CHECK(srp_encode_cmd(iu, sizeof(iu), &a) == 64 && iu[5] == 0x10);
	a.dir = SRP_DIR_NONE;
	CHECK(srp_encode_cmd(iu, sizeof(iu), &a) == 48 && iu[5] == 0);
	a.dir = SRP_DIR_IN;
	a.len = 0;
	CHECK(srp_encode_cmd(iu, sizeof(iu), &a) == 48 && iu[5] == 0);
	a.len = 512;
	CHECK(srp_encode_cmd(iu, 63, &a) == 0);
	a.cdb_len = 17;
	CHECK(srp_encode_cmd(iu, sizeof(iu), &a) == 0);
	a.cdb_len = 0;
	CHECK(srp_encode_cmd(iu, sizeof(iu), &a) == 0);
	a.cdb_len = 6;
	a.dir = (enum srp_dir)7;
	CHECK(srp_encode_cmd(iu, sizeof(iu), &a) == 0);
}

static void test_srp_rsp(void)
{
	uint8_t iu[128];
	struct srp_rsp_info ri;

	/* GOOD with a data-in underflow. */
	memset(iu, 0, sizeof(iu));
	iu[0] = SRP_RSP;
	be32_write(iu + 4, 1);
	be64_write(iu + 8, 99);
	iu[18] = SRP_RSP_FLAG_DIUNDER;
	be32_write(iu + 24, 60);
	CHECK(srp_decode_rsp(iu, 36, &ri) == STATUS_OK);
	CHECK(ri.tag == 99 && ri.req_lim_delta == 1 && ri.status == 0);
	CHECK(ri.flags == SRP_RSP_FLAG_DIUNDER && ri.data_in_resid == 60);
	CHECK(!ri.sense && !ri.resp_data);
	CHECK(srp_decode_rsp(iu, 35, &ri) == STATUS_EMALFORMED);

	/* CHECK CONDITION with 18 bytes of sense (QEMU's answer: 54 bytes). */
	iu[18] = SRP_RSP_FLAG_SNSVALID;
	iu[19] = 2;
	be32_write(iu + 28, 18);
	iu[36] = 0x70;
	iu[38] = 6;
	iu[48] = 0x29;
	CHECK(srp_decode_rsp(iu, 54, &ri) == STATUS_OK);
	CHECK(ri.status == 2 && ri.sense == iu + 36 && ri.sense_len == 18);
	CHECK(ri.sense[2] == 6 && ri.sense[12] == 0x29);
	/* Sense claimed longer than the IU: clipped. */
	CHECK(srp_decode_rsp(iu, 40, &ri) == STATUS_OK);
	CHECK(ri.sense_len == 4 && ri.sense_len_claimed == 18);
	CHECK(srp_decode_rsp(iu, 36, &ri) == STATUS_OK && ri.sense_len == 0 && !ri.sense);

	/* Response data first, then sense. */
	iu[18] = SRP_RSP_FLAG_SNSVALID | SRP_RSP_FLAG_RSPVALID;
	be32_write(iu + 32, 4);
	CHECK(srp_decode_rsp(iu, 58, &ri) == STATUS_OK);
	CHECK(ri.resp_data == iu + 36 && ri.resp_len == 4);
	CHECK(ri.sense == iu + 40 && ri.sense_len == 18);
	be32_write(iu + 32, 0xfffffff0u);
	CHECK(srp_decode_rsp(iu, 128, &ri) == STATUS_EMALFORMED);
	iu[0] = SRP_LOGIN_RSP;
	CHECK(srp_decode_rsp(iu, 128, &ri) == STATUS_EMALFORMED);
	CHECK(srp_decode_rsp(iu, 0, &ri) == STATUS_EMALFORMED);
}

static void test_lun_forms(void)
{
	struct vscsi_lun_addr a = { 0, 0, 0 }, b;
	uint64_t l;
	char name[24];

	CHECK(vscsi_lun_make(&a, &l) == 0);
	CHECK_EQ_U64(l, 0x8000000000000000ull);	/* qemu,boot-list's disk@8000000000000000 */
	a = (struct vscsi_lun_addr){ 2, 1, 3 };
	CHECK(vscsi_lun_make(&a, &l) == 0);
	CHECK_EQ_U64(l, (uint64_t)(0x8000 | 2 << 8 | 1 << 5 | 3) << 48);
	a = (struct vscsi_lun_addr){ 63, 7, 31 };
	CHECK(vscsi_lun_make(&a, &l) == 0 && l == 0xbfff000000000000ull);
	a.target = 64;
	CHECK(vscsi_lun_make(&a, &l) == STATUS_EINVAL);
	a = (struct vscsi_lun_addr){ 0, 8, 0 };
	CHECK(vscsi_lun_make(&a, &l) == STATUS_EINVAL);
	a = (struct vscsi_lun_addr){ 0, 0, 32 };
	CHECK(vscsi_lun_make(&a, &l) == STATUS_EINVAL);

	/* The forms QEMU's REPORT LUNS uses. */
	CHECK(vscsi_lun_split(0, &b) == 0 && b.target == 0 && b.channel == 0 && b.lun == 0);
	CHECK(vscsi_lun_split(0x0005000000000000ull, &b) == 0 && b.lun == 5 && b.target == 0);
	CHECK(vscsi_lun_split(0x8321000000000000ull, &b) == 0);
	CHECK(b.target == 3 && b.channel == 1 && b.lun == 1);
	CHECK(vscsi_lun_canonical(0x0001000000000000ull, &l) == 0 && l == 0x8001000000000000ull);
	/* Flat space, small LUN. */
	CHECK(vscsi_lun_canonical(0x4007000000000000ull, &l) == 0 && l == 0x8007000000000000ull);
	CHECK(vscsi_lun_split(0x4020000000000000ull, &b) == STATUS_EUNSUPPORTED);	/* LUN 32 */
	/* Two-level peripheral: bus 2, target 5, then LUN 4. */
	CHECK(vscsi_lun_split(0x0205000400000000ull, &b) == 0);
	CHECK(b.channel == 2 && b.target == 5 && b.lun == 4);
	CHECK(vscsi_lun_split(0x0905000400000000ull, &b) == STATUS_EUNSUPPORTED);	/* bus 9 */
	CHECK(vscsi_lun_split(0x0240000400000000ull, &b) == STATUS_EUNSUPPORTED);	/* target 64 */
	CHECK(vscsi_lun_split(0x0205800400000000ull, &b) == STATUS_EUNSUPPORTED);	/* second level not simple */
	CHECK(vscsi_lun_split(0xc101000000000000ull, &b) == STATUS_EUNSUPPORTED);	/* extended (REPORT LUNS W-LUN) */
	CHECK(vscsi_lun_split(0x8000000000000001ull, &b) == STATUS_EUNSUPPORTED);	/* junk below */
	CHECK(vscsi_lun_split(0x0100000000000000ull, &b) == 0);	/* bus 1, target 0, LUN 0 */
	CHECK(b.channel == 1 && b.target == 0 && b.lun == 0);

	CHECK(vscsi_lun_unit_name(0x8000000000000000ull, name, sizeof(name)) == 16);
	CHECK_STR(name, "8000000000000000");
	vscsi_lun_unit_name(0x8321000000000000ull, name, sizeof(name));
	CHECK_STR(name, "8321000000000000");
	CHECK(vscsi_lun_unit_name(0x8000000000000000ull, name, 5) == 16);
	CHECK_STR(name, "8000");
}

static void test_report_luns(void)
{
	uint8_t d[8 + 8 * 6];
	uint64_t luns[8];
	unsigned listed, skipped;

	/* QEMU with disks at 0/0/1 and 2/0/0 and nothing at 0/0/0: LUN 0 is
	 * listed first anyway (zeros), then each device. */
	memset(d, 0, sizeof(d));
	be32_write(d, 8 * 5);
	d[8 + 8 * 1 + 1] = 1;		/* 0x0001: target 0 LUN 1 */
	d[8 + 8 * 2] = 0x82;		/* 0x8200: target 2 LUN 0 */
	d[8 + 8 * 3] = 0xc1;		/* an extended entry: skipped */
	d[8 + 8 * 3 + 1] = 0x01;
	d[8 + 8 * 4 + 1] = 1;		/* duplicate of 0x0001 */
	CHECK(vscsi_report_luns_parse(d, 8 + 8 * 5, luns, 8, &listed, &skipped) == 3);
	CHECK(listed == 5 && skipped == 1);
	CHECK_EQ_U64(luns[0], 0x8000000000000000ull);
	CHECK_EQ_U64(luns[1], 0x8001000000000000ull);
	CHECK_EQ_U64(luns[2], 0x8200000000000000ull);
	/* Cut short by the buffer: only whole entries present count. */
	CHECK(vscsi_report_luns_parse(d, 8 + 8 * 2 + 3, luns, 8, &listed, &skipped) == 2);
	CHECK(listed == 5);
	/* Header longer than the data; max smaller than the list. */
	CHECK(vscsi_report_luns_parse(d, sizeof(d), luns, 1, &listed, &skipped) == 1);
	be32_write(d, 0);
	CHECK(vscsi_report_luns_parse(d, sizeof(d), luns, 8, &listed, &skipped) == 0);
	CHECK(vscsi_report_luns_parse(d, 7, luns, 8, &listed, &skipped) == STATUS_EMALFORMED);
	be32_write(d, 0xfffffff8u);
	CHECK(vscsi_report_luns_parse(d, sizeof(d), luns, 8, &listed, &skipped) == 3);
}

/* GRUB (grub-core/disk/ieee1275/ofdisk.c, dev_iterate for "vscsi"):
 *   for (i = 0; i < nentries; i++) {
 *     ptr = *(uint64_t **)(table + 4 + 8 * i);   -- a 32-bit pointer
 *     while (*ptr) name "<path>/disk@%llx" of *ptr++
 *   }
 * Reads the table at client address base inside mem the same way. */
static unsigned grub_walk(const uint8_t *mem, uint32_t base, uint32_t table, unsigned nentries,
			  uint64_t *out, unsigned max)
{
	unsigned n = 0;

	for (unsigned i = 0; i < nentries; i++) {
		uint32_t ptr = be32_read(mem + (table - base) + 4 + 8 * i);

		CHECK(be32_read(mem + (table - base) + 8 * i) == 0);	/* high word */
		for (; be64_read(mem + (ptr - base)) && n < max; ptr += 8)
			out[n++] = be64_read(mem + (ptr - base));
	}
	return n;
}

static void test_lun_table(void)
{
	static uint8_t mem[1024];
	const uint64_t luns[] = { 0x8000000000000000ull, 0x8200000000000000ull,
				  0x8001000000000000ull, 0x8021000000000000ull };
	uint64_t seen[8];
	size_t size = vscsi_lun_table_size(luns, 4);
	int entries;

	/* Targets 0 (3 LUNs) and 2 (1 LUN): 2 pointers, 3+1 LUNs, 2 zeros. */
	CHECK(size == 8 * 2 + 8 * 6);
	memset(mem, 0xa5, sizeof(mem));
	entries = vscsi_lun_table_build(mem, sizeof(mem), 0x3f000000u, luns, 4);
	CHECK(entries == 2);
	CHECK(grub_walk(mem, 0x3f000000u, 0x3f000000u, 2, seen, 8) == 4);
	CHECK_EQ_U64(seen[0], 0x8000000000000000ull);
	CHECK_EQ_U64(seen[1], 0x8001000000000000ull);
	CHECK_EQ_U64(seen[2], 0x8021000000000000ull);
	CHECK_EQ_U64(seen[3], 0x8200000000000000ull);
	CHECK(mem[size] == 0xa5);			/* nothing written past the end */

	CHECK(vscsi_lun_table_build(mem, size - 1, 0x1000, luns, 4) == STATUS_ETOOBIG);
	CHECK(vscsi_lun_table_build(mem, sizeof(mem), 0xffffffd0u, luns, 4) == STATUS_ETOOBIG);
	CHECK(vscsi_lun_table_build(mem, sizeof(mem), 0xffffffc0u, luns, 4) == 2);	/* ends at 4 GiB */
	CHECK(vscsi_lun_table_size(luns, 0) == 0);
	CHECK(vscsi_lun_table_build(mem, sizeof(mem), 0x1000, luns, 0) == 0);
	{
		const uint64_t bad[] = { 0x0001000000000000ull };	/* not canonical */

		CHECK(vscsi_lun_table_build(mem, sizeof(mem), 0x1000, bad, 1) == STATUS_EINVAL);
	}
}

int main(void)
{
	test_crq_messages();
	test_crq_ring();
	test_srp_login();
	test_srp_cmd();
	test_srp_rsp();
	test_lun_forms();
	test_report_luns();
	test_lun_table();
	return unit_done("test-vscsi-wire");
}
