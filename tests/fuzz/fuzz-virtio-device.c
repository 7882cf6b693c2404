/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/virtio (and lib/scsi behind virtio-scsi): the
 * fake virtio PCI function of tests/fakes turned hostile by the input:
 * patched capabilities and device configuration, odd feature bits, and a
 * chaos stream that rewrites every completion (status bytes, response
 * headers, data, used ids, lengths, index steps, lost completions). The
 * drivers must neither crash nor hang, and must explain every failure. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../fakes/virtio-fake.h"
#include "scsi/scsi.h"
#include "virtio/virtio-blk.h"
#include "virtio/virtio-scsi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_blk(const struct virtio_blk *b)
{
	if (b->block_size < 512 || b->block_size > 65536 || (b->block_size & (b->block_size - 1)))
		abort();
	if (b->max_blocks == 0 || (uint64_t)b->max_blocks * b->block_size > VIRTIO_BLK_MAX_BYTES)
		abort();
}

static void run_blk(struct virtio_fake *f)
{
	static struct virtio_blk b;
	uint8_t *buf;

	if (virtio_blk_init(&b, &virtio_fake_ops, f) != 0) {
		if (!b.pci.err.text[0])
			abort();
		return;
	}
	check_blk(&b);
	buf = malloc(2048u * 512 + 4096);
	for (int k = 0; k < 3 && buf; k++) {
		uint32_t count = k == 2 ? (uint32_t)(2048u * 512 / b.block_size) + 1 : 1 + (uint32_t)k;
		uint64_t lba = k == 1 && b.num_blocks ? b.num_blocks - 1 : 0;
		int r;

		if ((uint64_t)count * b.block_size > 2048u * 512 + 4096)
			count = 1;
		r = virtio_blk_read(&b, lba, count, buf);
		if (r < 0 && !b.pci.err.text[0])
			abort();
		if (r > 0)
			abort();
	}
	free(buf);
}

static void run_scsi(struct virtio_fake *f)
{
	static struct virtio_scsi vs;
	struct scsi_disk d;
	uint32_t luns[SCSI_MAX_LUNS];
	uint8_t *buf;
	int r;

	if (virtio_scsi_init(&vs, &virtio_fake_ops, f) != 0) {
		if (!vs.pci.err.text[0])
			abort();
		return;
	}
	if (vs.cdb_size < 16 || vs.cdb_size > 256 || vs.sense_size > 256 || !vs.transport.max_transfer)
		abort();
	scsi_disk_init(&d, &vs.transport, 0, 0);
	r = scsi_report_luns(&d, luns, SCSI_MAX_LUNS);
	if (r > SCSI_MAX_LUNS || (r < 0 && !d.err.text[0]))
		abort();
	buf = malloc(65536 * 2);
	for (uint32_t t = 0; t < 4 && buf; t++) {
		r = scsi_disk_probe(&d, &vs.transport, t, t == 3 ? 300 : 0);
		if (r < 0 && !d.err.text[0])
			abort();
		if (r != 0)
			continue;
		if (d.block_size < 512 || d.block_size > 65536 || (d.block_size & (d.block_size - 1)))
			abort();
		r = scsi_disk_read(&d, d.num_blocks ? d.num_blocks - 1 : 0, 1, buf);
		if (r < 0 && !d.err.text[0])
			abort();
		r = scsi_disk_read(&d, 0, 2, buf);
		if (r < 0 && !d.err.text[0])
			abort();
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct virtio_fake f;
	static struct scsi_fake units;
	size_t pos = 3;
	unsigned patches;

	if (size < 3)
		return 0;
	memset(&f, 0, sizeof(f));
	if (data[0] & 1) {
		static const uint32_t sizes[4] = { 0, 512, 2048, 4096 };

		virtio_fake_init_blk(&f, 64 + data[1], sizes[(data[0] >> 1) & 3]);
	} else {
		memset(&units, 0, sizeof(units));
		scsi_fake_add(&units, 0, 0, SCSI_TYPE_DISK, 512, 200);
		scsi_fake_add(&units, 1, 0, SCSI_TYPE_CDROM, 2048, 30)->unit_attentions = data[1] & 3;
		scsi_fake_add(&units, 2, 0, SCSI_TYPE_DISK, 4096, 40);
		scsi_fake_add(&units, 3, 300, SCSI_TYPE_CDROM, 2048, 0)->no_medium = true;
		virtio_fake_init_scsi(&f, &units);
	}
	/* Feature bits: low byte and the two reserved bits the driver checks. */
	f.host_features ^= (uint64_t)(data[2] & 0x3f) | ((uint64_t)(data[2] >> 6) << 32);
	/* Patches: (where, value) pairs into the capabilities or the device
	 * configuration. */
	patches = (data[0] >> 3) & 7;
	for (unsigned i = 0; i < patches && pos + 2 <= size; i++, pos += 2) {
		uint8_t where = data[pos], v = data[pos + 1];

		if (where < 0xc0)
			f.pci_cfg[0x34 + where % 0xcc] = v;
		else
			f.device_cfg[where & 0x3f] = v;
	}
	f.chaos = data + pos;
	f.chaos_len = size - pos;
	if (f.type == VIRTIO_ID_BLOCK)
		run_blk(&f);
	else
		run_scsi(&f);
	virtio_fake_free(&f);
	return 0;
}
