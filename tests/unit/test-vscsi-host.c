/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/vscsi/vscsi-host: bring-up, commands and every
 * failure path, against the fake partner of tests/fakes/vscsi-fake.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "test-vscsi-fake.h"
#include "unit.h"
#include "vscsi/vscsi-host.h"
#include "vscsi/vscsi-lun.h"

static struct vscsi_fake fake;
static struct vscsi_host host;
static uint8_t *dma_pages;

#define LUN0 0x8000000000000000ull	/* target 0 LUN 0 */
#define LUN_CD 0x8101000000000000ull	/* target 1 LUN 1 */

static void setup(void)
{
	struct vscsi_host_config cfg;

	vscsi_fake_init(&fake);
	vscsi_fake_add(&fake, 0, 0, 0, 0, 512, 2048);
	vscsi_fake_add(&fake, 1, 0, 1, 5, 2048, 300);
	cfg = vscsi_fake_config(&fake);
	CHECK(vscsi_host_init(&host, &vscsi_fake_ops, &fake, &cfg, dma_pages) == STATUS_OK);
}

static int inquiry(uint64_t lun, uint8_t *buf, uint32_t len, struct vscsi_result *res)
{
	uint8_t cdb[6] = { 0x12, 0, 0, 0, (uint8_t)len, 0 };
	struct vscsi_cmd c = { .lun = lun, .cdb = cdb, .cdb_len = 6, .dir = SRP_DIR_IN,
			       .buf = buf, .len = len };

	return vscsi_host_exec(&host, &c, res);
}

static int read10(uint64_t lun, uint32_t lba, uint16_t blocks, uint32_t bs, void *buf,
		  struct vscsi_result *res)
{
	uint8_t cdb[10] = { 0x28 };
	struct vscsi_cmd c = { .lun = lun, .cdb = cdb, .cdb_len = 10, .dir = SRP_DIR_IN,
			       .buf = buf, .len = (uint32_t)blocks * bs };

	be32_write(cdb + 2, lba);
	cdb[7] = (uint8_t)(blocks >> 8);
	cdb[8] = (uint8_t)blocks;
	return vscsi_host_exec(&host, &c, res);
}

static int tur(uint64_t lun, struct vscsi_result *res)
{
	uint8_t cdb[6] = { 0 };
	struct vscsi_cmd c = { .lun = lun, .cdb = cdb, .cdb_len = 6 };

	return vscsi_host_exec(&host, &c, res);
}

static void test_bring_up(void)
{
	setup();
	CHECK(!host.up && fake.reg_calls == 0);	/* init makes no hypercall */
	CHECK(vscsi_host_start(&host) == STATUS_OK);
	CHECK(host.up && host.registered);
	CHECK(fake.registered && fake.crq_ioba == 0 && fake.crq_len == 4096);
	CHECK(fake.inits == 1 && fake.logins == 1);
	CHECK(host.req_lim == 22 && host.max_it_iu_len == 256);
	CHECK(fake.mapped == 2);		/* ring and IU page */
	vscsi_host_stop(&host);
	CHECK(!host.up && !fake.registered && fake.mapped == 0 && fake.free_calls == 1);
	vscsi_host_stop(&host);
	CHECK(fake.free_calls == 1);		/* nothing to free twice */
}

static void test_commands(void)
{
	static uint8_t big[VSCSI_MAX_TRANSFER + 8192];
	uint8_t buf[96];
	struct vscsi_result res;
	const struct vscsi_fake_lu *disk, *cd;
	int bad = 0;

	setup();
	disk = &fake.lus[0];
	cd = &fake.lus[1];
	/* The first command brings the adapter up. */
	memset(buf, 0xee, sizeof(buf));
	CHECK(inquiry(LUN0, buf, 96, &res) == STATUS_OK);
	CHECK(host.up && fake.logins == 1);
	CHECK(res.status == 0 && res.transferred == 36);	/* underflow reported */
	CHECK(buf[0] == 0 && memcmp(buf + 16, "QEMU HARDDISK", 13) == 0);
	CHECK(fake.last_lun == LUN0 && fake.last_cdb[0] == 0x12);
	CHECK(fake.mapped == 2);		/* data pages unmapped again */

	CHECK(inquiry(LUN_CD, buf, 36, &res) == STATUS_OK && buf[0] == 5 && buf[1] == 0x80);
	/* An empty address answers INQUIRY with qualifier 3. */
	CHECK(inquiry(0x8300000000000000ull, buf, 36, &res) == STATUS_OK && buf[0] == 0x7f);

	/* A read into a buffer that is not page-aligned, over 3 pages. */
	memset(big, 0, sizeof(big));
	CHECK(read10(LUN0, 5, 16, 512, big + 100, &res) == STATUS_OK);
	CHECK(res.transferred == 8192);
	for (uint32_t i = 0; i < 8192; i++)
		bad += big[100 + i] != vscsi_fake_byte(disk, 5 * 512 + i);
	CHECK(bad == 0 && big[99] == 0 && big[100 + 8192] == 0);

	/* The largest transfer, misaligned: VSCSI_MAX_TRANSFER / 4096 + 1 pages. */
	CHECK(read10(LUN_CD, 10, VSCSI_MAX_TRANSFER / 2048, 2048, big + 4000, &res) == STATUS_OK);
	bad = 0;
	for (uint32_t i = 0; i < VSCSI_MAX_TRANSFER; i++)
		bad += big[4000 + i] != vscsi_fake_byte(cd, 10 * 2048 + i);
	CHECK(bad == 0 && fake.mapped == 2);

	/* Too large, or no CDB: refused before anything is sent. */
	{
		uint8_t cdb[10] = { 0x28 };
		struct vscsi_cmd c = { .lun = LUN0, .cdb = cdb, .cdb_len = 10, .dir = SRP_DIR_IN,
				       .buf = big, .len = VSCSI_MAX_TRANSFER + 1 };
		unsigned sent = fake.send_calls;

		CHECK(vscsi_host_exec(&host, &c, &res) == STATUS_EINVAL);
		c.len = 512;
		c.cdb_len = 0;
		CHECK(vscsi_host_exec(&host, &c, &res) == STATUS_EINVAL);
		c.cdb_len = 10;
		c.buf = NULL;
		CHECK(vscsi_host_exec(&host, &c, &res) == STATUS_EINVAL);
		CHECK(fake.send_calls == sent);
	}

	/* CHECK CONDITION: status and sense come back. */
	CHECK(read10(LUN0, 2047, 2, 512, big, &res) == STATUS_EDEVICE);
	CHECK(res.status == 2 && res.sense_len == 18 && res.sense[2] == 5 && res.sense[12] == 0x21);
	CHECK(host.up);				/* a SCSI error is not a transport error */
	fake.lus[1].no_medium = true;
	CHECK(tur(LUN_CD, &res) == STATUS_EDEVICE && res.sense[2] == 2 && res.sense[12] == 0x3a);

	/* More commands than ring slots: the ring wraps. */
	for (int i = 0; i < 300; i++)
		bad += tur(LUN0, &res) != STATUS_OK;
	CHECK(bad == 0 && fake.queue_full == 0);
	vscsi_host_stop(&host);
}

static void test_handshake_failures(void)
{
	uint64_t before;

	/* A partner that never answers the init request. */
	setup();
	fake.no_init_answer = true;
	before = fake.now;
	CHECK(vscsi_host_start(&host) == STATUS_ETIMEDOUT);
	CHECK(strstr(host.detail.text, "CRQ init") != NULL);
	CHECK(fake.now - before <= 110);	/* the 100 ms bound, not more */
	CHECK(!fake.registered && fake.mapped == 0 && !host.up);

	/* A partner that came up after us sends its own init request. */
	setup();
	fake.partner_inits = true;
	CHECK(vscsi_host_start(&host) == STATUS_OK && fake.logins == 1);

	/* Login rejected, unanswered, or without direct descriptors. */
	setup();
	fake.login_reject = true;
	CHECK(vscsi_host_start(&host) == STATUS_EREFUSED);
	CHECK(strstr(host.detail.text, "0x00010001") != NULL && !fake.registered);
	setup();
	fake.no_login_answer = true;
	CHECK(vscsi_host_start(&host) == STATUS_ETIMEDOUT && strstr(host.detail.text, "login"));
	setup();
	fake.login_indirect_only = true;
	CHECK(vscsi_host_start(&host) == STATUS_EMALFORMED && strstr(host.detail.text, "direct"));

	/* A queue left registered is freed and registered again. */
	setup();
	fake.reg_busy_once = true;
	CHECK(vscsi_host_start(&host) == STATUS_OK);
	CHECK(fake.reg_calls == 2 && fake.free_calls == 1 && host.up);
	/* ... a refusal is reported. */
	setup();
	fake.reg_fails = true;
	CHECK(vscsi_host_start(&host) == STATUS_EIO && strstr(host.detail.text, "H_REG_CRQ"));
	CHECK(fake.mapped == 0);
	/* Failed answer transfer. */
	setup();
	fake.crq_status = 0x10;
	CHECK(vscsi_host_start(&host) == STATUS_EIO);
}

static void test_command_failures(void)
{
	struct vscsi_result res;
	uint8_t buf[512];
	unsigned regs;

	/* An unanswered command: bounded wait, adapter reset, then the
	 * next command starts it again. */
	setup();
	CHECK(vscsi_host_start(&host) == STATUS_OK);
	fake.drop_answers = 1;
	CHECK(tur(LUN0, &res) == STATUS_ETIMEDOUT && strstr(host.detail.text, "0x00"));
	CHECK(!host.up && !fake.registered && fake.mapped == 0);
	regs = fake.reg_calls;
	CHECK(tur(LUN0, &res) == STATUS_OK && fake.reg_calls == regs + 1 && fake.logins == 2);

	/* Answers with other tags are skipped. */
	fake.stale_before = 3;
	CHECK(read10(LUN0, 0, 1, 512, buf, &res) == STATUS_OK && host.stale == 3);
	CHECK(be64_read(buf) == 0);		/* block 0 starts with its number */

	/* Transport event, partner restart. */
	fake.event_on_cmd = true;
	CHECK(tur(LUN0, &res) == STATUS_ECLOSED && strstr(host.detail.text, "transport event"));
	CHECK(!host.up);
	fake.event_on_cmd = false;
	fake.restart_on_cmd = true;
	CHECK(tur(LUN0, &res) == STATUS_ECLOSED && strstr(host.detail.text, "restarted"));
	fake.restart_on_cmd = false;
	CHECK(tur(LUN0, &res) == STATUS_OK);

	/* The partner could not move the IU; malformed answers. */
	fake.crq_status = 0x10;
	CHECK(tur(LUN0, &res) == STATUS_EIO);
	fake.crq_status = 0;
	fake.rsp_truncate = true;
	CHECK(tur(LUN0, &res) == STATUS_EMALFORMED);
	fake.rsp_truncate = false;
	fake.rsp_bad_opcode = true;
	CHECK(tur(LUN0, &res) == STATUS_EMALFORMED);
	fake.rsp_bad_opcode = false;
	/* Sense claimed longer than the IU: clipped, still a SCSI error. */
	fake.rsp_sense_claim = 200;
	CHECK(tur(0x8300000000000000ull, &res) == STATUS_EDEVICE && res.sense_len == 18);
	fake.rsp_sense_claim = 0;

	/* Answers that come later than the command (QEMU's asynchronous
	 * block layer), within and beyond the bound. */
	fake.delay_ms = 50;
	CHECK(read10(LUN0, 1, 1, 512, buf, &res) == STATUS_OK && be64_read(buf) == 1);
	fake.delay_ms = 500;
	CHECK(tur(LUN0, &res) == STATUS_ETIMEDOUT);
	fake.delay_ms = 0;
	CHECK(tur(LUN0, &res) == STATUS_OK);
	vscsi_host_stop(&host);
}

static void test_no_clock(void)
{
	struct vscsi_hv_ops ops = vscsi_fake_ops;
	struct vscsi_host_config cfg;
	struct vscsi_result res;

	/* Without a clock the poll count alone bounds the wait. */
	ops.now_ms = NULL;
	vscsi_fake_init(&fake);
	vscsi_fake_add(&fake, 0, 0, 0, 0, 512, 8);
	cfg = vscsi_fake_config(&fake);
	cfg.init_timeout_ms = 1;
	cfg.cmd_timeout_ms = 1;
	CHECK(vscsi_host_init(&host, &ops, &fake, &cfg, dma_pages) == STATUS_OK);
	CHECK(tur(LUN0, &res) == STATUS_OK);
	fake.drop_answers = 1;
	CHECK(tur(LUN0, &res) == STATUS_ETIMEDOUT);
	fake.no_init_answer = true;
	CHECK(tur(LUN0, &res) == STATUS_ETIMEDOUT);
}

static void test_init_checks(void)
{
	struct vscsi_host_config cfg;

	vscsi_fake_init(&fake);
	cfg = vscsi_fake_config(&fake);
	CHECK(vscsi_host_init(&host, &vscsi_fake_ops, &fake, &cfg, dma_pages + 16) == STATUS_EINVAL);
	CHECK(vscsi_host_init(&host, &vscsi_fake_ops, &fake, &cfg, NULL) == STATUS_EINVAL);
	cfg.window_size = VSCSI_WINDOW_NEEDED - 4096;
	CHECK(vscsi_host_init(&host, &vscsi_fake_ops, &fake, &cfg, dma_pages) == STATUS_EINVAL);
	CHECK(strstr(host.detail.text, "DMA window") != NULL);
	cfg.window_size = VSCSI_WINDOW_NEEDED;
	cfg.window_base = 0x800;
	CHECK(vscsi_host_init(&host, &vscsi_fake_ops, &fake, &cfg, dma_pages) == STATUS_EINVAL);
	cfg.window_base = 0x10000;
	CHECK(vscsi_host_init(&host, &vscsi_fake_ops, &fake, &cfg, dma_pages) == STATUS_OK);
	CHECK(host.ring_ioba == 0x10000 && host.iu_ioba == 0x11000 && host.data_ioba == 0x12000);
	CHECK(host.cfg.init_timeout_ms == 100);
	cfg.init_timeout_ms = 0;
	cfg.cmd_timeout_ms = 0;
	CHECK(vscsi_host_init(&host, &vscsi_fake_ops, &fake, &cfg, dma_pages) == STATUS_OK);
	CHECK(host.cfg.init_timeout_ms == 1000 && host.cfg.cmd_timeout_ms == 10000);
	CHECK(strcmp(status_name(STATUS_EBUSY), "busy") == 0);
}

int main(void)
{
	dma_pages = aligned_alloc(4096, VSCSI_HOST_DMA_BYTES + 4096);
	test_bring_up();
	test_commands();
	test_handshake_failures();
	test_command_failures();
	test_no_clock();
	test_init_checks();
	vscsi_fake_free(&fake);
	free(dma_pages);
	return unit_done("test-vscsi-host");
}
