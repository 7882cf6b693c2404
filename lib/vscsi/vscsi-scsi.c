/* SPDX-License-Identifier: MIT */
/* lib/scsi transport over spapr-vscsi (SRP_CMD on one adapter), and the
 * discovery of its logical units (SPC-4 REPORT LUNS, INQUIRY). */
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "vscsi/vscsi-scsi.h"

#define REPORT_LUNS		0xa0u
/* REPORT LUNS answer looked at: header and twice VSCSI_MAX_UNITS entries
 * (QEMU lists LUN 0 even when nothing is there). */
#define BUS_REPORT_BYTES	(8u + 16u * VSCSI_MAX_UNITS)

uint32_t vscsi_scsi_target(const struct vscsi_lun_addr *a)
{
	return a->channel * (VSCSI_MAX_TARGET + 1) + a->target;
}

int vscsi_scsi_addr(uint32_t target, uint32_t lun, struct vscsi_lun_addr *a)
{
	if (target > (VSCSI_MAX_CHANNEL + 1) * (VSCSI_MAX_TARGET + 1) - 1 || lun > VSCSI_MAX_LUN)
		return STATUS_EINVAL;
	a->target = target % (VSCSI_MAX_TARGET + 1);
	a->channel = target / (VSCSI_MAX_TARGET + 1);
	a->lun = lun;
	return 0;
}

static int vscsi_scsi_exec(void *ctx, uint32_t target, uint32_t lun, const uint8_t *cdb,
			   unsigned cdb_len, void *data, uint32_t data_len,
			   struct scsi_result *res)
{
	struct vscsi_host *h = ctx;
	struct vscsi_lun_addr a;
	struct vscsi_cmd c;
	struct vscsi_result r;
	uint64_t srp_lun;
	int rc;

	memset(res, 0, sizeof(*res));
	if (vscsi_scsi_addr(target, lun, &a) != 0 || vscsi_lun_make(&a, &srp_lun) != 0)
		return STATUS_ENOTFOUND;
	if (data_len > VSCSI_MAX_TRANSFER) {
		status_textf(&h->detail, "transfer of %u bytes exceeds %u",
			 data_len, VSCSI_MAX_TRANSFER);
		return STATUS_EIO;
	}
	c = (struct vscsi_cmd){ .lun = srp_lun, .cdb = cdb, .cdb_len = cdb_len,
				.dir = data_len ? SRP_DIR_IN : SRP_DIR_NONE,
				.buf = data, .len = data_len };
	rc = vscsi_host_exec(h, &c, &r);
	if (rc != STATUS_OK && rc != STATUS_EDEVICE)
		return STATUS_EIO;
	res->status = r.status;
	res->residual = data_len - r.transferred;
	res->sense_len = r.sense_len < SCSI_SENSE_MAX ? r.sense_len : SCSI_SENSE_MAX;
	memcpy(res->sense, r.sense, res->sense_len);
	return STATUS_OK;
}

static const char *vscsi_scsi_last_error(void *ctx)
{
	const struct vscsi_host *h = ctx;

	return h->detail.text[0] ? h->detail.text : "no error";
}

const struct scsi_transport_ops vscsi_scsi_ops = {
	.exec = vscsi_scsi_exec,
	.last_error = vscsi_scsi_last_error,
};

void vscsi_scsi_transport(struct scsi_transport *t, struct vscsi_host *h)
{
	t->ops = &vscsi_scsi_ops;
	t->ctx = h;
	t->max_transfer = VSCSI_MAX_TRANSFER;
}

/* REPORT LUNS to the 8-byte LUN 0: QEMU answers it for the whole bus, in
 * logical unit addressing. Returns the count, STATUS_EDEVICE if the
 * adapter answered with an error status or an unusable list (try the
 * target scan), or a transport error. */
static int report_bus(struct vscsi_host *h, uint64_t *luns, unsigned max)
{
	uint8_t data[BUS_REPORT_BYTES];
	uint8_t cdb[12] = { REPORT_LUNS };
	struct vscsi_cmd c = { .lun = 0, .cdb = cdb, .cdb_len = sizeof(cdb),
			       .dir = SRP_DIR_IN, .buf = data, .len = sizeof(data) };
	struct vscsi_result r;
	unsigned listed, skipped;
	int rc;

	be32_write(cdb + 6, sizeof(data));
	memset(data, 0, sizeof(data));
	rc = vscsi_host_exec(h, &c, &r);
	if (rc != STATUS_OK)
		return rc;
	rc = vscsi_report_luns_parse(data, r.transferred, luns, max, &listed, &skipped);
	return rc < 0 ? STATUS_EDEVICE : rc;
}

static void add_unit(struct vscsi_unit *units, unsigned *n, unsigned max,
		     const struct scsi_transport *t, uint64_t lun)
{
	struct vscsi_lun_addr a;
	struct vscsi_unit *u;
	int rc;

	if (*n >= max || vscsi_lun_split(lun, &a) != 0)
		return;
	for (unsigned i = 0; i < *n; i++)
		if (units[i].lun == lun)
			return;
	u = &units[*n];
	memset(u, 0, sizeof(*u));
	u->lun = lun;
	rc = scsi_disk_probe(&u->disk, t, vscsi_scsi_target(&a), a.lun);
	if (rc == SCSI_PROBE_ABSENT)
		return;
	u->rc = rc;
	(*n)++;
}

static int discover(struct vscsi_host *h, const struct scsi_transport *t,
		    struct vscsi_unit *units, unsigned max)
{
	uint64_t luns[VSCSI_MAX_UNITS];
	unsigned n = 0;
	int count;

	if (!h->up) {
		int rc = vscsi_host_start(h);

		if (rc != STATUS_OK)
			return rc;
	}
	count = report_bus(h, luns, VSCSI_MAX_UNITS);
	if (count < 0 && count != STATUS_EDEVICE)
		return count;
	if (count >= 0) {
		/* QEMU lists the newest device first: probe in LUN order,
		 * so disk@8000... comes before disk@8001... */
		for (int i = 1; i < count; i++)
			for (int j = i; j > 0 && luns[j - 1] > luns[j]; j--) {
				uint64_t tmp = luns[j];

				luns[j] = luns[j - 1];
				luns[j - 1] = tmp;
			}
		/* A transport failure takes the adapter down: stop there
		 * rather than start it again for every LUN. */
		for (int i = 0; i < count && h->up; i++)
			add_unit(units, &n, max, t, luns[i]);
		return (int)n;
	}
	/* No bus-wide list: LUN 0 of each target, then what it reports. */
	for (unsigned target = 0; target <= VSCSI_MAX_TARGET && n < max && h->up; target++) {
		struct vscsi_lun_addr a = { target, 0, 0 };
		struct scsi_disk d;
		uint32_t more[VSCSI_MAX_LUN + 1];
		uint64_t lun;
		unsigned before = n;
		int k;

		vscsi_lun_make(&a, &lun);
		add_unit(units, &n, max, t, lun);
		if (n == before || !h->up)
			continue;
		scsi_disk_init(&d, t, vscsi_scsi_target(&a), 0);
		k = scsi_report_luns(&d, more, VSCSI_MAX_LUN + 1);
		for (int i = 0; i < k && h->up; i++) {
			a.lun = more[i];
			if (more[i] != 0 && vscsi_lun_make(&a, &lun) == 0)
				add_unit(units, &n, max, t, lun);
		}
	}
	return (int)n;
}

int vscsi_scsi_discover(struct vscsi_host *h, const struct scsi_transport *t,
			struct vscsi_unit *units, unsigned max)
{
	unsigned saved = h->cfg.cmd_timeout_ms;
	int n;

	if (max > VSCSI_MAX_UNITS)
		max = VSCSI_MAX_UNITS;
	/* Discovery commands are answered at once by a working partner:
	 * a hung one costs VSCSI_DISCOVER_TIMEOUT_MS, not the I/O bound. */
	if (h->cfg.cmd_timeout_ms > VSCSI_DISCOVER_TIMEOUT_MS)
		h->cfg.cmd_timeout_ms = VSCSI_DISCOVER_TIMEOUT_MS;
	n = discover(h, t, units, max);
	h->cfg.cmd_timeout_ms = saved;
	return n;
}
