/* SPDX-License-Identifier: MIT */
/* SCSI commands for block devices over any transport (SPC-4 INQUIRY,
 * TEST UNIT READY, REPORT LUNS; SBC-3 READ CAPACITY, READ). Retries are
 * bounded counts, never delays. */
#include <string.h>

#include "be.h"
#include "scsi/scsi.h"

const char *scsi_sense_key_name(uint8_t key)
{
	static const char *const names[16] = {
		"NO SENSE", "RECOVERED ERROR", "NOT READY", "MEDIUM ERROR",
		"HARDWARE ERROR", "ILLEGAL REQUEST", "UNIT ATTENTION", "DATA PROTECT",
		"BLANK CHECK", "VENDOR SPECIFIC", "COPY ABORTED", "ABORTED COMMAND",
		"RESERVED", "VOLUME OVERFLOW", "MISCOMPARE", "COMPLETED",
	};

	return names[key & 0x0f];
}

void scsi_disk_init(struct scsi_disk *d, const struct scsi_transport *t, uint32_t target,
		    uint32_t lun)
{
	memset(d, 0, sizeof(*d));
	d->t = t;
	d->target = target;
	d->lun = lun;
}

/* One exec; STATUS_OK means res is valid. */
static int issue(struct scsi_disk *d, const char *what, const uint8_t *cdb, unsigned cdb_len,
		 void *data, uint32_t len, struct scsi_result *res)
{
	const struct scsi_transport_ops *ops = d->t->ops;
	int r;

	memset(res, 0, sizeof(*res));
	r = ops->exec(d->t->ctx, d->target, d->lun, cdb, cdb_len, data, len, res);
	if (r == STATUS_ENOTFOUND)
		return status_failf(&d->err, r, "%s: no such target or LUN", what);
	if (r < 0) {
		const char *why = ops->last_error ? ops->last_error(d->t->ctx) : NULL;

		return status_failf(&d->err, r, "%s: %s", what,
				    why && *why ? why : "transport failure");
	}
	if (res->residual > len || res->sense_len > SCSI_SENSE_MAX)
		return status_failf(&d->err, STATUS_EMALFORMED,
				    "%s: transport reports residual %u of %u bytes",
				    what, res->residual, len);
	return STATUS_OK;
}

/* Runs a command, retrying UNIT ATTENTION and BUSY (and NOT READY "becoming
 * ready" when asked) up to attempts times. A status other than GOOD is
 * STATUS_EDEVICE; on CHECK CONDITION *sense holds the decoded sense of the
 * last attempt. */
static int command(struct scsi_disk *d, const char *what, const uint8_t *cdb, unsigned cdb_len,
		   void *data, uint32_t len, struct scsi_result *res, struct scsi_sense *sense,
		   unsigned attempts, bool retry_becoming_ready)
{
	for (unsigned i = 1;; i++) {
		bool sense_ok = false;
		int r = issue(d, what, cdb, cdb_len, data, len, res);

		memset(sense, 0, sizeof(*sense));
		if (r != STATUS_OK)
			return r;
		if (res->status == SCSI_STATUS_GOOD)
			return 0;
		if (res->status == SCSI_STATUS_CHECK_CONDITION)
			sense_ok = scsi_parse_sense(res->sense, res->sense_len, sense) == 0;
		if (i < attempts) {
			if (res->status == SCSI_STATUS_BUSY)
				continue;
			if (sense_ok && sense->key == SCSI_SENSE_UNIT_ATTENTION)
				continue;
			if (sense_ok && retry_becoming_ready && sense->key == SCSI_SENSE_NOT_READY &&
			    sense->asc == SCSI_ASC_NOT_READY && sense->ascq == 0x01)
				continue;
		}
		if (sense_ok)
			return status_failf(&d->err, STATUS_EDEVICE,
					    "%s failed: %s (sense key 0x%x, ASC 0x%02x, ASCQ 0x%02x)",
					    what, scsi_sense_key_name(sense->key), sense->key,
					    sense->asc, sense->ascq);
		if (res->status == SCSI_STATUS_CHECK_CONDITION)
			return status_failf(&d->err, STATUS_EDEVICE,
					    "%s failed: CHECK CONDITION without usable sense data",
					    what);
		return status_failf(&d->err, STATUS_EDEVICE, "%s failed: SCSI status 0x%02x",
				    what, res->status);
	}
}

int scsi_inquiry(struct scsi_disk *d, struct scsi_inquiry *out)
{
	uint8_t buf[96], cdb[6] = { 0x12, 0, 0, 0, sizeof(buf), 0 };
	struct scsi_result res;
	struct scsi_sense sense;
	int r;

	memset(buf, 0, sizeof(buf));
	r = command(d, "INQUIRY", cdb, sizeof(cdb), buf, sizeof(buf), &res, &sense,
		    SCSI_CMD_ATTEMPTS, false);
	if (r == STATUS_EDEVICE && sense.key == SCSI_SENSE_ILLEGAL_REQUEST &&
	    sense.asc == SCSI_ASC_LUN_NOT_SUPPORTED)
		return STATUS_ENOTFOUND;
	if (r != 0)
		return r;
	if (scsi_parse_inquiry(buf, sizeof(buf) - res.residual, out) != 0)
		return status_failf(&d->err, STATUS_EMALFORMED, "INQUIRY returned only %u bytes",
				    (unsigned)(sizeof(buf) - res.residual));
	return 0;
}

static bool is_no_medium(const struct scsi_sense *s)
{
	return s->key == SCSI_SENSE_NOT_READY && s->asc == SCSI_ASC_MEDIUM_NOT_PRESENT;
}

int scsi_test_unit_ready(struct scsi_disk *d)
{
	uint8_t cdb[6] = { 0 };
	struct scsi_result res;
	struct scsi_sense sense;
	int r = command(d, "TEST UNIT READY", cdb, sizeof(cdb), NULL, 0, &res, &sense,
			SCSI_TUR_ATTEMPTS, true);

	d->no_medium = r == STATUS_EDEVICE && is_no_medium(&sense);
	return d->no_medium ? 0 : r;
}

static int check_block_size(struct scsi_disk *d, uint32_t bs)
{
	if (bs < 512 || bs > 65536 || (bs & (bs - 1)))
		return status_failf(&d->err, STATUS_EUNSUPPORTED, "unsupported block size %u", bs);
	return 0;
}

int scsi_read_capacity(struct scsi_disk *d)
{
	uint8_t buf[32], cdb10[10] = { 0x25 }, cdb16[16] = { 0x9e, 0x10 };
	struct scsi_result res;
	struct scsi_sense sense;
	uint32_t last32, bs;
	uint64_t last;
	int r;

	memset(buf, 0, sizeof(buf));
	r = command(d, "READ CAPACITY(10)", cdb10, sizeof(cdb10), buf, 8, &res, &sense,
		    SCSI_CMD_ATTEMPTS, false);
	if (r == STATUS_EDEVICE && is_no_medium(&sense)) {
		d->no_medium = true;
		return 0;
	}
	if (r != 0)
		return r;
	if (scsi_parse_capacity10(buf, 8 - res.residual, &last32, &bs) != 0)
		return status_failf(&d->err, STATUS_EMALFORMED,
				    "READ CAPACITY(10) returned unusable data");
	last = last32;
	if (last32 == 0xffffffffu) {
		/* SBC-3 5.16: too many blocks for 32 bits, ask with 16 bytes. */
		be32_write(cdb16 + 10, sizeof(buf));
		memset(buf, 0, sizeof(buf));
		r = command(d, "READ CAPACITY(16)", cdb16, sizeof(cdb16), buf, sizeof(buf), &res,
			    &sense, SCSI_CMD_ATTEMPTS, false);
		if (r != 0)
			return r;
		if (scsi_parse_capacity16(buf, sizeof(buf) - res.residual, &last, &bs) != 0 ||
		    last == UINT64_MAX)
			return status_failf(&d->err, STATUS_EMALFORMED,
					    "READ CAPACITY(16) returned unusable data");
	}
	r = check_block_size(d, bs);
	if (r != 0)
		return r;
	d->block_size = bs;
	d->num_blocks = last + 1;
	d->no_medium = false;
	return 0;
}

/* TEST UNIT READY, then the capacity unless there is no medium. */
static int refresh(struct scsi_disk *d)
{
	int r = scsi_test_unit_ready(d);

	if (r != 0)
		return r;
	if (d->no_medium) {
		d->num_blocks = 0;
		return 0;
	}
	return scsi_read_capacity(d);
}

int scsi_disk_probe(struct scsi_disk *d, const struct scsi_transport *t, uint32_t target,
		    uint32_t lun)
{
	int r;

	scsi_disk_init(d, t, target, lun);
	r = scsi_inquiry(d, &d->inq);
	if (r == STATUS_ENOTFOUND)
		return SCSI_PROBE_ABSENT;
	if (r != 0)
		return r;
	if (d->inq.qualifier != 0 ||
	    (d->inq.type != SCSI_TYPE_DISK && d->inq.type != SCSI_TYPE_CDROM))
		return SCSI_PROBE_ABSENT;
	d->block_size = d->inq.type == SCSI_TYPE_CDROM ? 2048 : 512;
	return refresh(d);
}

static int read_piece(struct scsi_disk *d, uint64_t lba, uint32_t n, uint8_t *buf)
{
	uint8_t cdb[16] = { 0 };
	struct scsi_result res;
	struct scsi_sense sense;
	uint32_t bytes = n * d->block_size;
	unsigned cdb_len;
	const char *what;
	int r;

	if (lba + n - 1 <= 0xffffffffu) {
		cdb[0] = 0x28;			/* READ (10) */
		be32_write(cdb + 2, (uint32_t)lba);
		cdb[7] = (uint8_t)(n >> 8);
		cdb[8] = (uint8_t)n;
		cdb_len = 10;
		what = "READ(10)";
	} else {
		cdb[0] = 0x88;			/* READ (16) */
		be64_write(cdb + 2, lba);
		be32_write(cdb + 10, n);
		cdb_len = 16;
		what = "READ(16)";
	}
	r = command(d, what, cdb, cdb_len, buf, bytes, &res, &sense, SCSI_CMD_ATTEMPTS, false);
	if (r != 0)
		return r;
	if (res.residual)
		return status_failf(&d->err, STATUS_EIO,
				    "%s of %u blocks at %llu: short transfer (%u of %u bytes)",
				    what, n, (unsigned long long)lba, bytes - res.residual, bytes);
	return 0;
}

int scsi_disk_read(struct scsi_disk *d, uint64_t lba, uint32_t count, void *buf)
{
	uint32_t max = d->t->max_transfer ? d->t->max_transfer : SCSI_DEFAULT_MAX_TRANSFER;
	uint32_t per;
	uint8_t *p = buf;
	int r;

	if (d->block_size == 0)
		return status_failf(&d->err, STATUS_EINVAL, "unit was not probed successfully");
	if (d->no_medium) {
		uint32_t bs = d->block_size;

		r = refresh(d);
		if (r != 0)
			return r;
		if (d->no_medium)
			return status_failf(&d->err, STATUS_EDEVICE, "no medium");
		/* The caller sized buf with the old block size. */
		if (d->block_size != bs)
			return status_failf(&d->err, STATUS_EDEVICE,
					    "medium changed: blocks are now %u bytes", d->block_size);
	}
	if (lba > d->num_blocks || count > d->num_blocks - lba)
		return status_failf(&d->err, STATUS_EINVAL, "beyond the end (%llu blocks)",
				    (unsigned long long)d->num_blocks);
	per = max / d->block_size;
	if (per == 0)
		per = 1;
	if (per > 0xffff)
		per = 0xffff;		/* READ (10) transfer length */
	while (count) {
		uint32_t n = count < per ? count : per;

		r = read_piece(d, lba, n, p);
		if (r != 0)
			return r;
		lba += n;
		count -= n;
		p += (size_t)n * d->block_size;
	}
	return 0;
}

int scsi_report_luns(struct scsi_disk *d, uint32_t *luns, int max)
{
	uint8_t buf[8 + 8 * SCSI_MAX_LUNS], cdb[12] = { 0xa0 };
	uint64_t raw[SCSI_MAX_LUNS];
	struct scsi_result res;
	struct scsi_sense sense;
	int n, count = 0, r;

	be32_write(cdb + 6, sizeof(buf));
	memset(buf, 0, sizeof(buf));
	r = command(d, "REPORT LUNS", cdb, sizeof(cdb), buf, sizeof(buf), &res, &sense,
		    SCSI_CMD_ATTEMPTS, false);
	if (r != 0)
		return r;
	n = scsi_parse_report_luns(buf, sizeof(buf) - res.residual, raw, SCSI_MAX_LUNS);
	if (n < 0)
		return status_failf(&d->err, STATUS_EMALFORMED, "REPORT LUNS returned malformed data");
	for (int i = 0; i < n && count < max; i++) {
		int num = scsi_lun_to_number(raw[i]);
		bool dup = false;

		for (int j = 0; j < count; j++)
			dup |= luns[j] == (uint32_t)num;
		if (num >= 0 && !dup)
			luns[count++] = (uint32_t)num;
	}
	return count;
}
