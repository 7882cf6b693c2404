/* SPDX-License-Identifier: MIT */
/* Unit test of lib/virtio/virtio-scsi.c with lib/scsi on top, against the
 * fake virtio-scsi-pci in front of fake SCSI units: header sizes from the
 * device configuration, LUN encoding, BAD_TARGET as an empty address,
 * disks and CD-ROMs of 512/2048/4096-byte blocks, and device failures. */
#include <stdlib.h>
#include <string.h>

#include "../fakes/virtio-fake.h"
#include "scsi/scsi.h"
#include "unit.h"
#include "virtio/virtio-scsi.h"

static struct virtio_fake fake;
static struct scsi_fake units;
static struct virtio_scsi vs;

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

static void setup(enum vfake_fault fault)
{
	memset(&units, 0, sizeof(units));
	scsi_fake_add(&units, 0, 0, SCSI_TYPE_DISK, 512, 16384);
	scsi_fake_add(&units, 1, 0, SCSI_TYPE_CDROM, 2048, 3000)->unit_attentions = 1;
	scsi_fake_add(&units, 12, 300, SCSI_TYPE_CDROM, 2048, 10);
	scsi_fake_add(&units, 3, 2, SCSI_TYPE_DISK, 4096, 5000);
	scsi_fake_add(&units, 4, 0, SCSI_TYPE_CDROM, 2048, 0)->no_medium = true;
	fake.fault = fault;
	virtio_fake_init_scsi(&fake, &units);
}

static void test_lun_encoding(void)
{
	uint8_t l[8];
	static const uint8_t l0[8] = { 1, 0, 0, 0 }, l1[8] = { 1, 0x0c, 0x41, 0x2c },
			     l2[8] = { 1, 0xff, 0x00, 0xff };

	virtio_scsi_encode_lun(l, 0, 0);
	CHECK(memcmp(l, l0, 8) == 0);
	virtio_scsi_encode_lun(l, 12, 300);
	CHECK(memcmp(l, l1, 8) == 0);
	virtio_scsi_encode_lun(l, 255, 255);
	CHECK(memcmp(l, l2, 8) == 0);
}

static void test_probe_and_read(void)
{
	struct scsi_disk d;
	uint32_t luns[8];
	uint8_t *buf = malloc(1 << 21);

	setup(VFAKE_OK);
	CHECK(virtio_scsi_init(&vs, &virtio_fake_ops, &fake) == 0);
	CHECK_EQ_U64(fake.status, 0x0f);
	CHECK_EQ_U64(fake.guest_features, 1ull << 32);
	CHECK(fake.q[2].enabled && !fake.q[0].enabled && !fake.q[1].enabled);
	CHECK_EQ_U64(vs.cdb_size, 32);
	CHECK_EQ_U64(vs.sense_size, 96);
	CHECK_EQ_U64(vs.max_target, 255);
	CHECK_EQ_U64(vs.transport.max_transfer, 1u << 20);

	CHECK(scsi_disk_probe(&d, &vs.transport, 0, 0) == 0);
	CHECK(d.inq.type == SCSI_TYPE_DISK && d.block_size == 512 && d.num_blocks == 16384);
	CHECK(scsi_disk_read(&d, 5, 3000, buf) == 0 && data_ok(buf, 0, 0, 5, 512, 3000));
	CHECK_EQ_U64(units.max_read_bytes, 1u << 20);

	CHECK(scsi_disk_probe(&d, &vs.transport, 1, 0) == 0);	/* after a unit attention */
	CHECK(d.inq.type == SCSI_TYPE_CDROM && d.block_size == 2048 && d.num_blocks == 3000);
	CHECK(scsi_disk_read(&d, 16, 2, buf + 3) == 0 && data_ok(buf + 3, 1, 0, 16, 2048, 2));

	CHECK(scsi_disk_probe(&d, &vs.transport, 12, 300) == 0);	/* flat LUN */
	CHECK(units.last_target == 12 && units.last_lun == 300);
	CHECK(scsi_disk_read(&d, 9, 1, buf) == 0 && data_ok(buf, 12, 300, 9, 2048, 1));

	CHECK(scsi_disk_probe(&d, &vs.transport, 3, 2) == 0);
	CHECK(d.block_size == 4096 && d.num_blocks == 5000);
	CHECK(scsi_disk_read(&d, 4990, 10, buf) == 0 && data_ok(buf, 3, 2, 4990, 4096, 10));

	CHECK(scsi_disk_probe(&d, &vs.transport, 4, 0) == 0 && d.no_medium);

	/* Empty addresses: no such target (BAD_TARGET), no such LUN, target
	 * numbers the adapter cannot address. */
	CHECK(scsi_disk_probe(&d, &vs.transport, 7, 0) == SCSI_PROBE_ABSENT);
	CHECK(scsi_disk_probe(&d, &vs.transport, 0, 1) == SCSI_PROBE_ABSENT);
	CHECK(scsi_disk_probe(&d, &vs.transport, 256, 0) == SCSI_PROBE_ABSENT);
	CHECK(scsi_disk_probe(&d, &vs.transport, 0, 16384) == SCSI_PROBE_ABSENT);

	scsi_disk_init(&d, &vs.transport, 12, 0);
	CHECK(scsi_report_luns(&d, luns, 8) == 1 && luns[0] == 300);
	scsi_disk_init(&d, &vs.transport, 9, 0);
	CHECK(scsi_report_luns(&d, luns, 8) == STATUS_ENOTFOUND);
	CHECK_EQ_U64(fake.bad_accesses, 0);
	virtio_fake_free(&fake);
	free(buf);
}

static void test_header_sizes(void)
{
	struct scsi_disk d;

	/* A device with other sizes: the request must carry its cdb_size
	 * (QEMU exits on a short header). */
	setup(VFAKE_OK);
	fake.device_cfg[24] = 64;	/* cdb_size */
	fake.device_cfg[20] = 32;	/* sense_size */
	CHECK(virtio_scsi_init(&vs, &virtio_fake_ops, &fake) == 0);
	CHECK(scsi_disk_probe(&d, &vs.transport, 0, 0) == 0);
	CHECK_EQ_U64(fake.bad_accesses, 0);
	virtio_fake_free(&fake);

	setup(VFAKE_OK);
	fake.device_cfg[24] = 12;
	CHECK(virtio_scsi_init(&vs, &virtio_fake_ops, &fake) == STATUS_EUNSUPPORTED);
	CHECK(contains(vs.pci.err.text, "unsupported cdb_size 12"));
	virtio_fake_free(&fake);

	setup(VFAKE_OK);
	fake.device_cfg[21] = 2;	/* sense_size 608 */
	CHECK(virtio_scsi_init(&vs, &virtio_fake_ops, &fake) == STATUS_EUNSUPPORTED);
	CHECK(contains(vs.pci.err.text, "unsupported sense_size"));
	virtio_fake_free(&fake);

	setup(VFAKE_OK);
	fake.device_cfg[0] = 0;		/* num_queues */
	CHECK(virtio_scsi_init(&vs, &virtio_fake_ops, &fake) == STATUS_EUNSUPPORTED);
	virtio_fake_free(&fake);

	setup(VFAKE_OK);
	fake.device_cfg[8] = 16;	/* max_sectors 16: 8 KiB per command */
	fake.device_cfg[9] = 0;
	CHECK(virtio_scsi_init(&vs, &virtio_fake_ops, &fake) == 0);
	CHECK_EQ_U64(vs.transport.max_transfer, 8192);
	virtio_fake_free(&fake);
}

static void test_faults(void)
{
	struct scsi_disk d;
	uint8_t buf[2048];

	setup(VFAKE_SCSI_FAILURE);
	CHECK(virtio_scsi_init(&vs, &virtio_fake_ops, &fake) == 0);
	CHECK(scsi_disk_probe(&d, &vs.transport, 0, 0) == STATUS_EIO);
	CHECK(contains(d.err.text, "INQUIRY: virtio-scsi response 9 (FAILURE)"));
	virtio_fake_free(&fake);

	setup(VFAKE_SCSI_BIG_RESIDUAL);
	CHECK(virtio_scsi_init(&vs, &virtio_fake_ops, &fake) == 0);
	CHECK(scsi_disk_probe(&d, &vs.transport, 0, 0) == STATUS_EIO);
	CHECK(contains(d.err.text, "INQUIRY: device reports residual 196 for 96 bytes"));
	virtio_fake_free(&fake);

	setup(VFAKE_NEVER_COMPLETE);
	CHECK(virtio_scsi_init(&vs, &virtio_fake_ops, &fake) == 0);
	CHECK(scsi_disk_probe(&d, &vs.transport, 0, 0) == STATUS_EIO);
	CHECK(contains(d.err.text, "INQUIRY: no completion on queue 2 within 5000 ms; device reset"));
	CHECK(scsi_disk_probe(&d, &vs.transport, 1, 0) == STATUS_EIO);
	CHECK(contains(d.err.text, "device was reset: it did not complete a request earlier"));
	CHECK(scsi_disk_read(&d, 0, 1, buf) == STATUS_EINVAL);	/* never probed */
	virtio_fake_free(&fake);

	setup(VFAKE_SHORT_USED_LEN);
	CHECK(virtio_scsi_init(&vs, &virtio_fake_ops, &fake) == 0);
	CHECK(scsi_disk_probe(&d, &vs.transport, 0, 0) == 0);	/* 108+96 halved still >= 12 */
	virtio_fake_free(&fake);
	CHECK_EQ_U64(fake.bad_accesses, 0);
	fake.fault = VFAKE_OK;
}

int main(void)
{
	test_lun_encoding();
	test_probe_and_read();
	test_header_sizes();
	test_faults();
	return unit_done("test-virtio-scsi");
}
