/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/scsi: the decoders of device data (sense,
 * INQUIRY, READ CAPACITY, REPORT LUNS) on raw bytes, then the command
 * layer against a hostile transport whose every answer (outcome, status,
 * residual, sense, data) comes from the input. Checks the layer's
 * promises: results in range, an error line on every failure. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scsi/scsi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct stream {
	const uint8_t *p;
	size_t len, pos;
};

static uint8_t next(struct stream *s)
{
	return s->pos < s->len ? s->p[s->pos++] : 0;
}

static uint32_t next32(struct stream *s)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++)
		v = (v << 8) | next(s);
	return v;
}

static int hostile_exec(void *ctx, uint32_t target, uint32_t lun, const uint8_t *cdb,
			unsigned cdb_len, void *data, uint32_t data_len, struct scsi_result *res)
{
	struct stream *s = ctx;
	uint8_t mode = next(s);
	uint32_t n;

	(void)target;
	(void)lun;
	if (!cdb || cdb_len < 6 || cdb_len > 16 || (data_len && !data))
		abort();
	if (mode >= 0xf0)
		return STATUS_ENOTFOUND;
	if (mode >= 0xe0)
		return STATUS_EIO;
	res->status = (mode & 3) == 0 ? SCSI_STATUS_GOOD : (mode & 3) == 1 ?
		      SCSI_STATUS_CHECK_CONDITION : next(s);
	res->residual = (mode & 4) ? next32(s) : 0;
	/* The transport contract caps sense_len; the layer checks anyway. */
	res->sense_len = (mode & 8) ? next(s) : 0;
	for (uint32_t i = 0; i < res->sense_len && i < SCSI_SENSE_MAX; i++)
		res->sense[i] = next(s);
	n = (mode & 16) ? next(s) : data_len;
	if (n > data_len)
		n = data_len;
	for (uint32_t i = 0; i < n && s->pos < s->len; i++)
		((uint8_t *)data)[i] = next(s);
	return STATUS_OK;
}

static const char *hostile_error(void *ctx)
{
	(void)ctx;
	return "hostile transport failure";
}

static const struct scsi_transport_ops hostile_ops = { hostile_exec, hostile_error };

static void check_disk(const struct scsi_disk *d)
{
	if (d->inq.type != SCSI_TYPE_DISK && d->inq.type != SCSI_TYPE_CDROM)
		abort();
	if (d->block_size < 512 || d->block_size > 65536 || (d->block_size & (d->block_size - 1)))
		abort();
	if (d->no_medium && d->num_blocks)
		abort();
}

static void parsers(const uint8_t *data, size_t size)
{
	struct scsi_sense sense;
	struct scsi_inquiry inq;
	uint64_t luns[8], last64;
	uint32_t last, bs;
	int n;

	if (scsi_parse_sense(data, size, &sense) == 0 && (sense.key > 15))
		abort();
	if (scsi_parse_inquiry(data, size, &inq) == 0 &&
	    (strlen(inq.vendor) > 8 || strlen(inq.product) > 16 || inq.type > 0x1f))
		abort();
	if (scsi_parse_capacity10(data, size, &last, &bs) == 0 && bs == 0)
		abort();
	if (scsi_parse_capacity16(data, size, &last64, &bs) == 0 && bs == 0)
		abort();
	n = scsi_parse_report_luns(data, size, luns, 8);
	if (n > 8 || (n > 0 && size < 8 + 8 * (size_t)n))
		abort();
	for (int i = 0; i < n; i++) {
		int num = scsi_lun_to_number(luns[i]);

		if (num > 16383)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stream s = { data, size, 0 };
	struct scsi_transport t = { &hostile_ops, &s, 0 };
	struct scsi_disk d;
	uint32_t luns[SCSI_MAX_LUNS];
	uint8_t *buf;
	int r;

	parsers(data, size);
	t.max_transfer = next32(&s) & 0x3ffff;
	scsi_disk_init(&d, &t, 0, 0);
	r = scsi_report_luns(&d, luns, SCSI_MAX_LUNS);
	if (r > SCSI_MAX_LUNS || (r < 0 && !d.err.text[0]))
		abort();
	for (int i = 0; i < r; i++)
		if (luns[i] > 16383)
			abort();
	r = scsi_disk_probe(&d, &t, 1, 2);
	if (r < 0 && !d.err.text[0])
		abort();
	if (r != 0)
		return 0;
	check_disk(&d);
	/* Reads at the start and the end, spanning several commands, each
	 * into a buffer sized with the block size of the moment (the caller's
	 * contract; a medium change is reported, not written past). */
	for (int k = 0; k < 3; k++) {
		uint32_t count = 1 + next(&s) % 8;
		uint64_t lba = k == 1 && d.num_blocks >= count ? d.num_blocks - count : next(&s);

		buf = malloc((size_t)count * d.block_size);
		if (!buf)
			return 0;
		r = scsi_disk_read(&d, lba, count, buf);
		free(buf);
		if (r > 0 || (r < 0 && !d.err.text[0]))
			abort();
		if (r == 0) {
			if (lba + count > d.num_blocks)
				abort();
			check_disk(&d);
		}
	}
	return 0;
}
