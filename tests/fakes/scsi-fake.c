/* SPDX-License-Identifier: MIT */
/* Fake SCSI logical units (see scsi-fake.h): command decoding per SPC-4 /
 * SBC-3, unit attentions reported on every command but INQUIRY and REPORT
 * LUNS, fixed or descriptor format sense. */
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "scsi-fake.h"

struct scsi_fake_unit *scsi_fake_add(struct scsi_fake *f, uint32_t target, uint32_t lun,
				     uint8_t type, uint32_t block_size, uint64_t num_blocks)
{
	struct scsi_fake_unit *u;

	if (f->nunits >= SCSI_FAKE_MAX_UNITS)
		return NULL;
	u = &f->units[f->nunits++];
	memset(u, 0, sizeof(*u));
	u->target = target;
	u->lun = lun;
	u->type = type;
	u->removable = type == SCSI_TYPE_CDROM;
	u->block_size = block_size;
	u->num_blocks = num_blocks;
	return u;
}

uint8_t scsi_fake_byte(uint32_t target, uint32_t lun, uint64_t off)
{
	uint64_t x = off * 0x9e3779b97f4a7c15ull + ((uint64_t)target << 40) + ((uint64_t)lun << 20);

	return (uint8_t)(x >> 56) ^ (uint8_t)off;
}

static struct scsi_fake_unit *find(struct scsi_fake *f, uint32_t target, uint32_t lun,
				   bool *target_present)
{
	*target_present = false;
	for (int i = 0; i < f->nunits; i++) {
		if (f->units[i].target != target)
			continue;
		*target_present = true;
		if (f->units[i].lun == lun)
			return &f->units[i];
	}
	return NULL;
}

static void set_sense(const struct scsi_fake_unit *u, uint8_t key, uint8_t asc, uint8_t ascq,
		      uint8_t *status, uint8_t *sense, uint32_t *sense_len)
{
	*status = SCSI_STATUS_CHECK_CONDITION;
	memset(sense, 0, 18);
	if (u && u->descriptor_sense) {
		sense[0] = 0x72;
		sense[1] = key;
		sense[2] = asc;
		sense[3] = ascq;
		*sense_len = 8;
	} else {
		sense[0] = 0x70;
		sense[2] = key;
		sense[7] = 10;
		sense[12] = asc;
		sense[13] = ascq;
		*sense_len = 18;
	}
}

static uint32_t put(uint8_t *data, uint32_t data_len, const uint8_t *src, uint32_t n)
{
	uint32_t k = n < data_len ? n : data_len;

	memcpy(data, src, k);
	return data_len - k;	/* residual */
}

static void report_luns(struct scsi_fake *f, uint32_t target, uint8_t *data, uint32_t data_len,
			uint32_t *residual)
{
	uint8_t buf[8 + 8 * SCSI_FAKE_MAX_UNITS] = { 0 };
	uint32_t n = 0;

	for (int i = 0; i < f->nunits; i++) {
		const struct scsi_fake_unit *u = &f->units[i];
		uint8_t *e = buf + 8 + 8 * n;

		if (u->target != target)
			continue;
		if (u->lun >= 256) {
			e[0] = (uint8_t)(0x40 | (u->lun >> 8));
			e[1] = (uint8_t)u->lun;
		} else {
			e[1] = (uint8_t)u->lun;
		}
		n++;
	}
	be32_write(buf, 8 * n);
	*residual = put(data, data_len, buf, 8 + 8 * n);
}

static void do_read(struct scsi_fake *f, struct scsi_fake_unit *u, uint64_t lba, uint32_t count,
		    uint8_t *data, uint32_t data_len, uint8_t *status, uint32_t *residual,
		    uint8_t *sense, uint32_t *sense_len)
{
	uint64_t bytes = (uint64_t)count * u->block_size;

	if (data_len > f->max_read_bytes)
		f->max_read_bytes = data_len;
	if (lba > u->num_blocks || count > u->num_blocks - lba) {
		set_sense(u, SCSI_SENSE_ILLEGAL_REQUEST, 0x21, 0, status, sense, sense_len);
		return;
	}
	if (u->read_error) {
		set_sense(u, SCSI_SENSE_MEDIUM_ERROR, 0x11, 0, status, sense, sense_len);
		return;
	}
	if (bytes > data_len)
		bytes = data_len;
	if (u->short_read && u->short_read <= bytes)
		bytes -= u->short_read;
	for (uint64_t i = 0; i < bytes; i++)
		data[i] = scsi_fake_byte(u->target, u->lun, lba * u->block_size + i);
	*residual = data_len - (uint32_t)bytes;
}

int scsi_fake_exec(struct scsi_fake *f, uint32_t target, uint32_t lun, const uint8_t *cdb,
		   unsigned cdb_len, uint8_t *data, uint32_t data_len, uint8_t *status,
		   uint32_t *residual, uint8_t *sense, uint32_t *sense_len)
{
	bool target_present;
	struct scsi_fake_unit *u = find(f, target, lun, &target_present);
	uint8_t op = cdb_len ? cdb[0] : 0xff;
	uint8_t buf[96];

	if (f->transport_error)
		return f->transport_error;
	f->commands++;
	f->last_target = target;
	f->last_lun = lun;
	memset(f->last_cdb, 0, sizeof(f->last_cdb));
	memcpy(f->last_cdb, cdb, cdb_len < 16 ? cdb_len : 16);
	*status = SCSI_STATUS_GOOD;
	*residual = data_len;
	*sense_len = 0;
	if (!target_present)
		return STATUS_ENOTFOUND;
	if (op == 0xa0) {				/* REPORT LUNS */
		if (f->no_report_luns)
			set_sense(u, SCSI_SENSE_ILLEGAL_REQUEST, 0x20, 0, status, sense, sense_len);
		else
			report_luns(f, target, data, data_len, residual);
		return STATUS_OK;
	}
	if (!u) {
		if (op == 0x12 && !f->absent_lun_check_condition) {
			memset(buf, 0, 36);
			buf[0] = 0x7f;			/* qualifier 3, type 0x1f */
			*residual = put(data, data_len, buf, 36);
		} else {
			set_sense(NULL, SCSI_SENSE_ILLEGAL_REQUEST, 0x25, 0, status, sense, sense_len);
		}
		return STATUS_OK;
	}
	if (u->busy_once) {
		u->busy_once = false;
		*status = SCSI_STATUS_BUSY;
		return STATUS_OK;
	}
	if (op == 0x12) {				/* INQUIRY */
		memset(buf, ' ', sizeof(buf));
		buf[0] = u->type;
		buf[1] = u->removable ? 0x80 : 0;
		buf[2] = 5;
		buf[3] = 2;
		buf[4] = 91;
		buf[5] = buf[6] = buf[7] = 0;
		const char *product = u->type == SCSI_TYPE_CDROM ? "QEMU CD-ROM" : "QEMU HARDDISK";
		uint32_t alloc = (uint32_t)(cdb[3] << 8 | cdb[4]);

		memcpy(buf + 8, "QEMU", 4);
		memcpy(buf + 16, product, strlen(product));
		*residual = put(data, data_len, buf, alloc < 96 ? alloc : 96);
		return STATUS_OK;
	}
	if (u->unit_attentions) {
		u->unit_attentions--;
		set_sense(u, SCSI_SENSE_UNIT_ATTENTION, 0x29, 0, status, sense, sense_len);
		return STATUS_OK;
	}
	if (u->becoming_ready) {
		u->becoming_ready--;
		set_sense(u, SCSI_SENSE_NOT_READY, 0x04, 0x01, status, sense, sense_len);
		return STATUS_OK;
	}
	if (u->no_medium && op != 0x12) {
		set_sense(u, SCSI_SENSE_NOT_READY, 0x3a, 0, status, sense, sense_len);
		return STATUS_OK;
	}
	switch (op) {
	case 0x00:					/* TEST UNIT READY */
		return STATUS_OK;
	case 0x25: {					/* READ CAPACITY (10) */
		uint64_t last = u->num_blocks - 1;

		be32_write(buf, last > 0xffffffffu ? 0xffffffffu : (uint32_t)last);
		be32_write(buf + 4, u->block_size);
		*residual = put(data, data_len, buf, 8);
		return STATUS_OK;
	}
	case 0x9e:					/* SERVICE ACTION IN (16) */
		if ((cdb[1] & 0x1f) != 0x10)
			break;
		memset(buf, 0, 32);
		be64_write(buf, u->num_blocks - 1);
		be32_write(buf + 8, u->block_size);
		*residual = put(data, data_len, buf, 32 < be32_read(cdb + 10) ? 32 : be32_read(cdb + 10));
		return STATUS_OK;
	case 0x28:					/* READ (10) */
		do_read(f, u, be32_read(cdb + 2), (uint32_t)(cdb[7] << 8 | cdb[8]), data, data_len,
			status, residual, sense, sense_len);
		return STATUS_OK;
	case 0x88:					/* READ (16) */
		f->saw_read16 = true;
		do_read(f, u, be64_read(cdb + 2), be32_read(cdb + 10), data, data_len, status,
			residual, sense, sense_len);
		return STATUS_OK;
	default:
		break;
	}
	set_sense(u, SCSI_SENSE_ILLEGAL_REQUEST, 0x20, 0, status, sense, sense_len);
	return STATUS_OK;
}

static int fake_exec(void *ctx, uint32_t target, uint32_t lun, const uint8_t *cdb,
		     unsigned cdb_len, void *data, uint32_t data_len, struct scsi_result *res)
{
	struct scsi_fake *f = ctx;
	int r = scsi_fake_exec(f, target, lun, cdb, cdb_len, data, data_len, &res->status,
			       &res->residual, res->sense, &res->sense_len);

	if (r < 0 && r != STATUS_ENOTFOUND)
		status_textf(&f->err, "fake transport error: %s", status_name(r));
	return r;
}

static const char *fake_last_error(void *ctx)
{
	return ((struct scsi_fake *)ctx)->err.text;
}

const struct scsi_transport_ops scsi_fake_transport_ops = {
	.exec = fake_exec,
	.last_error = fake_last_error,
};
