/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/vscsi/vscsi-scsi: lib/scsi over spapr-vscsi, and
 * discovery of the units behind an adapter, against the fake partner. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "test-vscsi-fake.h"
#include "unit.h"
#include "vscsi/vscsi-scsi.h"

static struct vscsi_fake fake;
static struct vscsi_host host;
static struct scsi_transport tr;
static struct vscsi_unit units[VSCSI_MAX_UNITS];
static uint8_t *dma_pages;

static void setup(void)
{
	struct vscsi_host_config cfg;

	vscsi_fake_init(&fake);
	cfg = vscsi_fake_config(&fake);
	CHECK(vscsi_host_init(&host, &vscsi_fake_ops, &fake, &cfg, dma_pages) == STATUS_OK);
	vscsi_scsi_transport(&tr, &host);
	memset(units, 0, sizeof(units));
}

static void test_addresses(void)
{
	struct vscsi_lun_addr a = { 5, 2, 7 }, b;

	CHECK(vscsi_scsi_target(&a) == 2 * 64 + 5);
	CHECK(vscsi_scsi_addr(2 * 64 + 5, 7, &b) == 0);
	CHECK(b.target == 5 && b.channel == 2 && b.lun == 7);
	CHECK(vscsi_scsi_addr(8 * 64, 0, &b) == STATUS_EINVAL);
	CHECK(vscsi_scsi_addr(0, 32, &b) == STATUS_EINVAL);
}

static void test_discover_qemu_bus(void)
{
	struct vscsi_fake_lu *cd;
	int n;

	/* Disks at 0/0/0 (512-byte), 0/0/3 (4096-byte, big), 2/1/0 (CD-ROM,
	 * unit attention pending), and an empty CD drive at 4/0/0. */
	setup();
	vscsi_fake_add(&fake, 0, 0, 0, 0, 512, 20480);
	vscsi_fake_add(&fake, 0, 0, 3, 0, 4096, 0x180000000ull);
	cd = vscsi_fake_add(&fake, 2, 1, 0, 5, 2048, 1000);
	cd->unit_attentions = 2;
	vscsi_fake_add(&fake, 4, 0, 0, 5, 2048, 0)->no_medium = true;
	n = vscsi_scsi_discover(&host, &tr, units, VSCSI_MAX_UNITS);
	CHECK(n == 4);
	CHECK(fake.last_lun != 0);
	CHECK_EQ_U64(units[0].lun, 0x8000000000000000ull);
	CHECK(units[0].rc == 0 && units[0].disk.block_size == 512 && units[0].disk.num_blocks == 20480);
	CHECK(units[0].disk.inq.type == 0 && strcmp(units[0].disk.inq.product, "QEMU HARDDISK") == 0);
	CHECK_EQ_U64(units[1].lun, 0x8003000000000000ull);
	CHECK(units[1].rc == 0 && units[1].disk.block_size == 4096);
	CHECK_EQ_U64(units[1].disk.num_blocks, 0x180000000ull);	/* via READ CAPACITY(16) */
	CHECK_EQ_U64(units[2].lun, 0x8220000000000000ull);
	CHECK(units[2].rc == 0 && units[2].disk.inq.type == 5 && units[2].disk.block_size == 2048);
	CHECK(units[2].disk.num_blocks == 1000 && cd->unit_attentions == 0);
	CHECK_EQ_U64(units[3].lun, 0x8400000000000000ull);
	CHECK(units[3].rc == 0 && units[3].disk.no_medium);
	CHECK(fake.mapped == 2);

	/* Reads through lib/scsi: 4096-byte blocks past 32-bit LBAs use
	 * READ(16); reads are split at VSCSI_MAX_TRANSFER. */
	{
		static uint8_t buf[256 * 4096 + 64];
		const struct vscsi_fake_lu *big = &fake.lus[1];
		uint64_t lba = 0x17fffff00ull;
		unsigned reads = big->reads;
		int bad = 0;

		CHECK(scsi_disk_read(&units[1].disk, lba, 256, buf + 1) == 0);
		CHECK(fake.last_cdb[0] == 0x88 && big->reads - reads == 256 * 4096 / VSCSI_MAX_TRANSFER);
		for (uint32_t i = 0; i < 256 * 4096; i++)
			bad += buf[1 + i] != vscsi_fake_byte(big, lba * 4096 + i);
		CHECK(bad == 0);
		CHECK(scsi_disk_read(&units[0].disk, 20000, 481, buf) == STATUS_EINVAL);	/* past the end */
		CHECK(scsi_disk_read(&units[3].disk, 0, 1, buf) == STATUS_EDEVICE);	/* no medium */
		/* The medium arrives: the next read probes again. */
		fake.lus[3].no_medium = false;
		fake.lus[3].num_blocks = 50;
		CHECK(scsi_disk_read(&units[3].disk, 49, 1, buf) == 0);
		CHECK(units[3].disk.num_blocks == 50 && be64_read(buf) == 49);
	}
	vscsi_host_stop(&host);
}

static void test_discover_fallback(void)
{
	int n;

	/* An adapter that refuses REPORT LUNS on LUN 0: targets are scanned,
	 * and each target's own REPORT LUNS gives its other LUNs. */
	setup();
	fake.report_luns_fails = true;
	vscsi_fake_add(&fake, 0, 0, 0, 0, 512, 100);
	vscsi_fake_add(&fake, 0, 0, 2, 0, 512, 100);
	vscsi_fake_add(&fake, 7, 0, 0, 5, 2048, 10);
	vscsi_fake_add(&fake, 63, 0, 0, 0, 512, 10);
	n = vscsi_scsi_discover(&host, &tr, units, VSCSI_MAX_UNITS);
	CHECK(n == 4);
	CHECK_EQ_U64(units[0].lun, 0x8000000000000000ull);
	CHECK_EQ_U64(units[1].lun, 0x8002000000000000ull);
	CHECK_EQ_U64(units[2].lun, 0x8700000000000000ull);
	CHECK_EQ_U64(units[3].lun, 0xbf00000000000000ull);
	vscsi_host_stop(&host);
}

static void test_discover_failures(void)
{
	int n;

	/* An adapter that never answers: an error, quickly. */
	setup();
	fake.no_init_answer = true;
	CHECK(vscsi_scsi_discover(&host, &tr, units, VSCSI_MAX_UNITS) == STATUS_ETIMEDOUT);

	/* Nothing on the bus: QEMU still lists LUN 0, which is empty. */
	setup();
	CHECK(vscsi_scsi_discover(&host, &tr, units, VSCSI_MAX_UNITS) == 0);

	/* A unit whose READ CAPACITY fails is listed with its error. */
	setup();
	vscsi_fake_add(&fake, 0, 0, 0, 0, 512, 100)->block_size = 520;
	n = vscsi_scsi_discover(&host, &tr, units, VSCSI_MAX_UNITS);
	CHECK(n == 1 && units[0].rc == STATUS_EUNSUPPORTED && strstr(units[0].disk.err.text, "block size 520"));

	/* The adapter dies in the middle: the scan stops there, with the
	 * unit it was probing listed as failed, and does not restart the
	 * adapter for every remaining LUN. */
	setup();
	vscsi_fake_add(&fake, 0, 0, 0, 0, 512, 100);
	vscsi_fake_add(&fake, 1, 0, 0, 0, 512, 100);
	vscsi_fake_add(&fake, 2, 0, 0, 0, 512, 100);
	fake.dead_after = 2;		/* REPORT LUNS and INQUIRY answered, TUR not */
	n = vscsi_scsi_discover(&host, &tr, units, VSCSI_MAX_UNITS);
	CHECK(n == 1 && !host.up);
	CHECK(units[0].rc == STATUS_EIO && strstr(units[0].disk.err.text, "no answer") != NULL);
	CHECK(fake.reg_calls == 1 && fake.cmds == 2);
	/* A long I/O bound does not make discovery wait that long. */
	setup();
	host.cfg.cmd_timeout_ms = 60000;
	vscsi_fake_add(&fake, 0, 0, 0, 0, 512, 100);
	fake.dead_after = 2;
	{
		uint64_t before = fake.now;

		CHECK(vscsi_scsi_discover(&host, &tr, units, VSCSI_MAX_UNITS) == 1);
		CHECK(fake.now - before >= VSCSI_DISCOVER_TIMEOUT_MS);
		CHECK(fake.now - before < VSCSI_DISCOVER_TIMEOUT_MS + 100);
		CHECK(host.cfg.cmd_timeout_ms == 60000);
	}
	/* Dead from the start: REPORT LUNS times out. */
	setup();
	fake.dead_after = 1;
	fake.cmds = 1;
	CHECK(vscsi_scsi_discover(&host, &tr, units, VSCSI_MAX_UNITS) == STATUS_ETIMEDOUT);

	/* More units than asked for. */
	setup();
	for (unsigned t = 0; t < 6; t++)
		vscsi_fake_add(&fake, t, 0, 0, 0, 512, 8);
	CHECK(vscsi_scsi_discover(&host, &tr, units, 3) == 3);
}

static void test_transport_errors(void)
{
	struct scsi_disk d;
	uint8_t buf[4096];

	setup();
	vscsi_fake_add(&fake, 0, 0, 0, 0, 512, 100);
	CHECK(scsi_disk_probe(&d, &tr, 0, 0) == 0);
	fake.drop_answers = 1;
	CHECK(scsi_disk_read(&d, 0, 1, buf) == STATUS_EIO);
	CHECK(strstr(d.err.text, "no answer to SCSI command 0x28") != NULL);
	CHECK(scsi_disk_read(&d, 0, 1, buf) == 0);		/* restarted */
	/* Addresses with no spapr-vscsi form. */
	CHECK(scsi_disk_probe(&d, &tr, 9 * 64, 0) == SCSI_PROBE_ABSENT);
	CHECK(scsi_disk_probe(&d, &tr, 0, 40) == SCSI_PROBE_ABSENT);
	vscsi_host_stop(&host);
}

int main(void)
{
	dma_pages = aligned_alloc(4096, VSCSI_HOST_DMA_BYTES);
	test_addresses();
	test_discover_qemu_bus();
	test_discover_fallback();
	test_discover_failures();
	test_transport_errors();
	vscsi_fake_free(&fake);
	free(dma_pages);
	return unit_done("test-vscsi-scsi");
}
