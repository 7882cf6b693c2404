/* SPDX-License-Identifier: MIT */
/* virtio-scsi command requests (virtio 1.x section 5.6.6): a chain of the
 * device-readable request (lun[8], le64 id, task_attr, prio, crn,
 * cdb[cdb_size]), the device-writable response (le32 sense_len, le32
 * residual, le16 status_qualifier, status, response, sense[sense_size])
 * and the data-in buffer. */
#include <stdio.h>
#include <string.h>

#include "virtio/virtio-le.h"
#include "virtio/virtio-scsi.h"

/* struct virtio_scsi_config */
#define CFG_NUM_QUEUES	0
#define CFG_MAX_SECTORS	8
#define CFG_SENSE_SIZE	20
#define CFG_CDB_SIZE	24
#define CFG_MAX_TARGET	30
#define CFG_MAX_LUN	32

#define REQ_HDR		19	/* before the CDB */
#define RESP_HDR	12	/* before the sense data */
#define QUEUE_MAX	16

static int unsupported(struct virtio_scsi *s, const char *what, uint32_t v)
{
	return status_failf(&s->pci.err, STATUS_EUNSUPPORTED, "%s %u", what, v);
}

/* The configuration fields the driver uses, read in one loop. */
enum { F_NUM_QUEUES, F_MAX_SECTORS, F_SENSE_SIZE, F_CDB_SIZE, F_MAX_TARGET, F_MAX_LUN, F_COUNT };

static const struct { uint8_t off, size; } cfg_fields[F_COUNT] = {
	[F_NUM_QUEUES] = { CFG_NUM_QUEUES, 4 }, [F_MAX_SECTORS] = { CFG_MAX_SECTORS, 4 },
	[F_SENSE_SIZE] = { CFG_SENSE_SIZE, 4 }, [F_CDB_SIZE] = { CFG_CDB_SIZE, 4 },
	[F_MAX_TARGET] = { CFG_MAX_TARGET, 2 }, [F_MAX_LUN] = { CFG_MAX_LUN, 4 },
};

static int read_config(struct virtio_scsi *s, uint32_t v[F_COUNT])
{
	for (unsigned i = 0; i < F_COUNT; i++) {
		uint64_t x;
		int rc = virtio_pci_config_read(&s->pci, cfg_fields[i].off, cfg_fields[i].size, &x);

		if (rc != 0)
			return rc;
		v[i] = (uint32_t)x;
	}
	return 0;
}

int virtio_scsi_init(struct virtio_scsi *s, const struct virtio_pci_ops *ops, void *ctx)
{
	uint32_t v[F_COUNT], max_bytes;
	int rc;

	memset(s, 0, sizeof(*s));
	rc = virtio_pci_open(&s->pci, ops, ctx);
	if (rc == 0)
		rc = virtio_pci_start(&s->pci, 0, 0);
	if (rc == 0)
		rc = read_config(s, v);
	if (rc != 0)
		return rc;
	s->sense_size = v[F_SENSE_SIZE];
	s->cdb_size = v[F_CDB_SIZE];
	s->max_target = v[F_MAX_TARGET];
	s->max_lun = v[F_MAX_LUN];
	if (v[F_NUM_QUEUES] == 0)
		return unsupported(s, "device offers request queues:", 0);
	/* Our CDBs are at most 16 bytes; the header carries cdb_size of them. */
	if (s->cdb_size < 16 || s->cdb_size > 256)
		return unsupported(s, "unsupported cdb_size", s->cdb_size);
	if (s->sense_size > 256)
		return unsupported(s, "unsupported sense_size", s->sense_size);
	if (s->max_lun > VIRTIO_SCSI_MAX_LUN)
		s->max_lun = VIRTIO_SCSI_MAX_LUN;
	s->req = ops->dma_alloc(ctx, REQ_HDR + s->cdb_size, 16);
	s->resp = ops->dma_alloc(ctx, RESP_HDR + s->sense_size, 16);
	if (!s->req || !s->resp)
		return status_failf(&s->pci.err, STATUS_ENOMEM, "out of memory for request headers");
	rc = virtio_pci_setup_queue(&s->pci, &s->vq, VIRTIO_SCSI_REQUEST_QUEUE, QUEUE_MAX);
	if (rc == 0)
		rc = virtio_pci_driver_ok(&s->pci);
	if (rc != 0)
		return rc;
	max_bytes = VIRTIO_SCSI_MAX_BYTES;
	if (v[F_MAX_SECTORS] && v[F_MAX_SECTORS] < max_bytes / 512)
		max_bytes = v[F_MAX_SECTORS] * 512;
	s->transport.ops = &virtio_scsi_transport_ops;
	s->transport.ctx = s;
	s->transport.max_transfer = max_bytes;
	return 0;
}

void virtio_scsi_encode_lun(uint8_t out[8], uint32_t target, uint32_t lun)
{
	memset(out, 0, 8);
	out[0] = 1;
	out[1] = (uint8_t)target;
	if (lun >= 256)
		out[2] = (uint8_t)(0x40 | (lun >> 8));
	out[3] = (uint8_t)lun;
}

static const char *response_name(uint8_t r)
{
	static const char *const names[] = {
		"OK", "OVERRUN", "ABORTED", "BAD_TARGET", "RESET", "BUSY",
		"TRANSPORT_FAILURE", "TARGET_FAILURE", "NEXUS_FAILURE", "FAILURE",
	};

	return r < sizeof(names) / sizeof(names[0]) ? names[r] : "unknown";
}

static int scsi_exec(void *ctx, uint32_t target, uint32_t lun, const uint8_t *cdb,
		     unsigned cdb_len, void *data, uint32_t data_len, struct scsi_result *res)
{
	struct virtio_scsi *s = ctx;
	struct virtq_buf bufs[3];
	uint32_t len = 0, sense_len, resp_size = RESP_HDR + s->sense_size;
	unsigned n = 2;
	uint8_t response;

	if (target > s->max_target || target > 255 || lun > s->max_lun)
		return STATUS_ENOTFOUND;
	if (cdb_len == 0 || cdb_len > s->cdb_size) {
		status_textf(&s->pci.err, "CDB of %u bytes does not fit", cdb_len);
		return STATUS_EIO;
	}
	memset(s->req, 0, REQ_HDR + s->cdb_size);
	virtio_scsi_encode_lun(s->req, target, lun);
	le64_write(s->req + 8, ++s->next_id);
	memcpy(s->req + REQ_HDR, cdb, cdb_len);
	memset(s->resp, 0, resp_size);
	s->resp[11] = 0xff;	/* response: nothing valid until the device writes it */
	bufs[0] = (struct virtq_buf){ virtio_pci_dma(&s->pci, s->req), REQ_HDR + s->cdb_size, false };
	bufs[1] = (struct virtq_buf){ virtio_pci_dma(&s->pci, s->resp), resp_size, true };
	if (data_len) {
		bufs[2] = (struct virtq_buf){ virtio_pci_dma(&s->pci, data), data_len, true };
		n = 3;
	}
	if (virtio_pci_transact(&s->pci, &s->vq, bufs, n, &len) != 0)
		return STATUS_EIO;
	if (len < RESP_HDR) {
		status_textf(&s->pci.err,
			 "device wrote %u bytes, less than a response header", len);
		return STATUS_EIO;
	}
	response = s->resp[11];
	if (response == VIRTIO_SCSI_S_BAD_TARGET)
		return STATUS_ENOTFOUND;
	if (response != VIRTIO_SCSI_S_OK) {
		status_textf(&s->pci.err, "virtio-scsi response %u (%s)",
			 response, response_name(response));
		return STATUS_EIO;
	}
	res->status = s->resp[10];
	res->residual = le32_read(s->resp + 4);
	if (res->residual > data_len) {
		status_textf(&s->pci.err,
			 "device reports residual %u for %u bytes", res->residual, data_len);
		return STATUS_EIO;
	}
	sense_len = le32_read(s->resp);
	if (sense_len > s->sense_size)
		sense_len = s->sense_size;
	if (sense_len > SCSI_SENSE_MAX)
		sense_len = SCSI_SENSE_MAX;
	res->sense_len = sense_len;
	memcpy(res->sense, s->resp + RESP_HDR, sense_len);
	return STATUS_OK;
}

static const char *scsi_last_error(void *ctx)
{
	return ((struct virtio_scsi *)ctx)->pci.err.text;
}

const struct scsi_transport_ops virtio_scsi_transport_ops = {
	.exec = scsi_exec,
	.last_error = scsi_last_error,
};
