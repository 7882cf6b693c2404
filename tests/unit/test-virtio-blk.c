/* SPDX-License-Identifier: MIT */
/* Unit test of lib/virtio (PCI transport + virtio-blk) against the fake
 * virtio PCI function: capability walk, status sequence, feature
 * negotiation, queue setup, reads with 512/2048/4096-byte blocks, request
 * splitting, and one error line per injected device fault. */
#include <stdlib.h>
#include <string.h>

#include "../fakes/virtio-fake.h"
#include "unit.h"
#include "virtio/virtio-blk.h"

static struct virtio_fake fake;
static struct virtio_blk blk;

static int contains(const char *s, const char *sub)
{
	return s && strstr(s, sub) != NULL;
}

static int data_ok(const uint8_t *buf, uint64_t byte_off, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (buf[i] != virtio_fake_blk_byte(byte_off + i))
			return 0;
	return 1;
}

static void test_device_type(void)
{
	CHECK_EQ_U64(virtio_pci_device_type(0x1af4, 0x1001), VIRTIO_ID_BLOCK);
	CHECK_EQ_U64(virtio_pci_device_type(0x1af4, 0x1004), VIRTIO_ID_SCSI);
	CHECK_EQ_U64(virtio_pci_device_type(0x1af4, 0x1042), VIRTIO_ID_BLOCK);
	CHECK_EQ_U64(virtio_pci_device_type(0x1af4, 0x1048), VIRTIO_ID_SCSI);
	CHECK_EQ_U64(virtio_pci_device_type(0x1af4, 0x1000), 1);
	CHECK_EQ_U64(virtio_pci_device_type(0x1af4, 0x1040), 0);
	CHECK_EQ_U64(virtio_pci_device_type(0x1af4, 0x0001), 0);
	CHECK_EQ_U64(virtio_pci_device_type(0x1234, 0x1001), 0);
}

static void test_512(void)
{
	uint8_t *buf = malloc(3000 * 512 + 1);

	fake.fault = VFAKE_OK;
	virtio_fake_init_blk(&fake, 16384, 0);
	CHECK(virtio_blk_init(&blk, &virtio_fake_ops, &fake) == 0);
	CHECK_EQ_U64(fake.status, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
				  VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
	CHECK_EQ_U64(fake.resets, 1);
	/* VERSION_1 and SEG_MAX taken, GEOMETRY/FLUSH/TOPOLOGY not. */
	CHECK_EQ_U64(fake.guest_features, (1ull << 32) | (1ull << 2));
	CHECK_EQ_U64(blk.block_size, 512);
	CHECK_EQ_U64(blk.num_blocks, 16384);
	CHECK(!blk.read_only);
	CHECK(fake.q[0].enabled && fake.q[0].size == 16);
	CHECK(!fake.q[1].enabled);
	CHECK(blk.pci.notify.bar == 4 && blk.pci.notify.offset == VFAKE_NOTIFY &&
	      blk.pci.notify_mult == VFAKE_NOTIFY_MULT);
	CHECK(blk.pci.device.offset == VFAKE_DEVICE && blk.pci.isr.offset == VFAKE_ISR);

	memset(buf, 0, 4096);
	CHECK(virtio_blk_read(&blk, 0, 1, buf) == 0 && data_ok(buf, 0, 512));
	CHECK(virtio_blk_read(&blk, 16383, 1, buf + 1) == 0 && data_ok(buf + 1, 16383 * 512, 512));
	CHECK_EQ_U64(fake.last_blk_bytes, 512);
	/* 3000 blocks: a 1 MiB request (2048 blocks), then 952 blocks. */
	fake.requests = 0;
	CHECK(virtio_blk_read(&blk, 100, 3000, buf) == 0 && data_ok(buf, 100 * 512, 3000 * 512));
	CHECK_EQ_U64(fake.requests, 2);
	CHECK_EQ_U64(fake.last_blk_bytes, 952 * 512);
	CHECK(virtio_blk_read(&blk, 16383, 2, buf) == STATUS_EINVAL);
	CHECK(contains(blk.pci.err.text, "beyond the end (16384 blocks)"));
	CHECK(virtio_blk_read(&blk, ~0ull, 2, buf) == STATUS_EINVAL);
	CHECK(virtio_blk_read(&blk, 0, 0, buf) == 0);
	CHECK_EQ_U64(fake.bad_accesses, 0);

	/* Quiesce: the device is reset, reads are refused with the reason. */
	virtio_pci_stop(&blk.pci, "the firmware was quiesced");
	CHECK_EQ_U64(fake.status, 0);
	CHECK_EQ_U64(fake.resets, 2);
	CHECK(virtio_blk_read(&blk, 0, 1, buf) == STATUS_ECLOSED);
	CHECK_STR(blk.pci.err.text, "device was reset: the firmware was quiesced");
	/* Brought up again, it works. */
	CHECK(virtio_blk_init(&blk, &virtio_fake_ops, &fake) == 0);
	CHECK(virtio_blk_read(&blk, 1, 1, buf) == 0 && data_ok(buf, 512, 512));
	virtio_fake_free(&fake);
	free(buf);
}

static void test_block_sizes(void)
{
	static const uint32_t sizes[] = { 512, 2048, 4096 };
	uint8_t buf[4096 * 3];

	for (unsigned i = 0; i < 3; i++) {
		uint32_t bs = sizes[i], spb = bs / 512;

		fake.fault = VFAKE_OK;
		virtio_fake_init_blk(&fake, 1000 * spb + spb - 1, bs);	/* a partial last block */
		CHECK(virtio_blk_init(&blk, &virtio_fake_ops, &fake) == 0);
		CHECK_EQ_U64(blk.block_size, bs);
		CHECK_EQ_U64(blk.num_blocks, 1000);
		CHECK(fake.guest_features & (1ull << VIRTIO_BLK_F_BLK_SIZE));
		CHECK(virtio_blk_read(&blk, 997, 3, buf) == 0 && data_ok(buf, 997ull * bs, 3ull * bs));
		CHECK(virtio_blk_read(&blk, 999, 2, buf) == STATUS_EINVAL);
		CHECK_EQ_U64(fake.bad_accesses, 0);
		virtio_fake_free(&fake);
	}
	for (unsigned i = 0; i < 4; i++) {
		static const uint32_t bad[] = { 256, 1000, 131072, 0xffffffffu };

		fake.fault = VFAKE_OK;
		virtio_fake_init_blk(&fake, 1000, 512);
		*(uint32_t *)(void *)(fake.device_cfg + 20) = 0;
		fake.device_cfg[20] = (uint8_t)bad[i];
		fake.device_cfg[21] = (uint8_t)(bad[i] >> 8);
		fake.device_cfg[22] = (uint8_t)(bad[i] >> 16);
		fake.device_cfg[23] = (uint8_t)(bad[i] >> 24);
		CHECK(virtio_blk_init(&blk, &virtio_fake_ops, &fake) == STATUS_EUNSUPPORTED);
		CHECK(contains(blk.pci.err.text, "unsupported block size"));
		virtio_fake_free(&fake);
	}
}

static void test_size_max_and_ro(void)
{
	uint8_t buf[512 * 40];

	fake.fault = VFAKE_OK;
	virtio_fake_init_blk(&fake, 100, 0);
	fake.host_features |= (1ull << VIRTIO_BLK_F_SIZE_MAX) | (1ull << VIRTIO_BLK_F_RO);
	fake.device_cfg[8] = 0x00;
	fake.device_cfg[9] = 0x20;	/* size_max 8192 */
	CHECK(virtio_blk_init(&blk, &virtio_fake_ops, &fake) == 0);
	CHECK(blk.read_only);
	CHECK_EQ_U64(blk.max_blocks, 16);
	fake.requests = 0;
	CHECK(virtio_blk_read(&blk, 2, 40, buf) == 0 && data_ok(buf, 1024, 40 * 512));
	CHECK_EQ_U64(fake.requests, 3);
	CHECK_EQ_U64(fake.last_blk_bytes, 8 * 512);
	virtio_fake_free(&fake);
}

struct fault_case {
	enum vfake_fault fault;
	bool init_fails;
	int code;			/* what init or the first read returns */
	const char *err;
};

static void test_faults(void)
{
	static const struct fault_case cases[] = {
		{ VFAKE_NO_CAP_LIST, true, STATUS_EUNSUPPORTED, "no PCI capabilities: legacy-only virtio device" },
		{ VFAKE_LEGACY_ONLY, true, STATUS_EUNSUPPORTED, "no virtio 1.0 common structure" },
		{ VFAKE_CAP_LOOP, true, STATUS_EMALFORMED, "PCI capability list is malformed" },
		{ VFAKE_CAP_OUTSIDE_BAR, true, STATUS_EMALFORMED, "virtio device structure 0x3f00+0x200 lies outside BAR 4" },
		{ VFAKE_NO_VERSION_1, true, STATUS_EUNSUPPORTED, "device lacks required features 0x100000000" },
		{ VFAKE_ACCESS_PLATFORM, true, STATUS_EUNSUPPORTED, "VIRTIO_F_ACCESS_PLATFORM (iommu_platform=on), not supported" },
		{ VFAKE_REFUSE_FEATURES, true, STATUS_EREFUSED, "device refused features" },
		{ VFAKE_RESET_STUCK, true, STATUS_ETIMEDOUT, "device does not complete a reset" },
		{ VFAKE_BAD_NOTIFY_OFF, true, STATUS_EMALFORMED, "notify offset 0x10000 lies outside the notify structure" },
		{ VFAKE_CONFIG_UNSTABLE, true, STATUS_EIO, "never reads consistently" },
		{ VFAKE_QUEUE_ABSENT, true, STATUS_ENOTFOUND, "queue 0 is not available" },
		{ VFAKE_DRIVER_OK_FAILS, true, STATUS_EDEVICE, "did not accept DRIVER_OK (status 0x4f)" },
		{ VFAKE_NEVER_COMPLETE, false, STATUS_ETIMEDOUT, "no completion on queue 0 within 5000 ms; device reset" },
		{ VFAKE_BAD_USED_ID, false, STATUS_EMALFORMED, "corrupt used ring on queue 0; device reset" },
		{ VFAKE_USED_JUMP, false, STATUS_EMALFORMED, "corrupt used ring on queue 0" },
		{ VFAKE_SHORT_USED_LEN, false, STATUS_EMALFORMED, "device wrote 256 bytes for a 513-byte read at block 3" },
		{ VFAKE_BLK_IOERR, false, STATUS_EDEVICE, "device status 1 (I/O error) reading 1 blocks at 3" },
	};
	uint8_t buf[512];

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct fault_case *c = &cases[i];
		int r;

		fake.fault = c->fault;
		virtio_fake_init_blk(&fake, 64, 0);
		r = virtio_blk_init(&blk, &virtio_fake_ops, &fake);
		if (c->init_fails) {
			CHECK(r == c->code);
		} else {
			CHECK(r == 0);
			CHECK(virtio_blk_read(&blk, 3, 1, buf) == c->code);
		}
		if (!contains(blk.pci.err.text, c->err))
			fprintf(stderr, "fault %d: \"%s\", expected \"%s\"\n", c->fault,
				blk.pci.err.text, c->err);
		CHECK(contains(blk.pci.err.text, c->err));
		/* A device that failed during bring-up is told so. */
		if (c->fault == VFAKE_NO_VERSION_1 || c->fault == VFAKE_ACCESS_PLATFORM ||
		    c->fault == VFAKE_REFUSE_FEATURES)
			CHECK(fake.status & VIRTIO_STATUS_FAILED);
		/* After a timeout or a corrupt ring the device was reset (its DMA
		 * stopped) and later reads fail at once. */
		if (c->fault == VFAKE_NEVER_COMPLETE || c->fault == VFAKE_BAD_USED_ID) {
			CHECK(fake.status == 0 && fake.resets == 2);
			unsigned before = fake.notifies;
			CHECK(virtio_blk_read(&blk, 3, 1, buf) == STATUS_ECLOSED);
			CHECK(contains(blk.pci.err.text, "device was reset: it "));
			CHECK_EQ_U64(fake.notifies, before);
		}
		CHECK_EQ_U64(fake.bad_accesses, 0);
		if (fake.bad_accesses)
			fprintf(stderr, "fault %d: bad access %s\n", c->fault, fake.bad_access);
		virtio_fake_free(&fake);
	}
	fake.fault = VFAKE_OK;
}

int main(void)
{
	test_device_type();
	test_512();
	test_block_sizes();
	test_size_max_and_ro();
	test_faults();
	return unit_done("test-virtio-blk");
}
