/* SPDX-License-Identifier: MIT */
/* virtio-scsi host adapter (virtio 1.x section 5.6) as a transport for the
 * SCSI command layer (lib/scsi/scsi.h): one request queue, commands with
 * data-in only, polled; no task management, no events. */
#ifndef LIB_VIRTIO_VIRTIO_SCSI_H
#define LIB_VIRTIO_VIRTIO_SCSI_H

#include <stdint.h>

#include "scsi/scsi.h"
#include "virtio/virtio-pci.h"
#include "virtio/virtqueue.h"

/* Response codes of a command request (section 5.6.6.1). */
#define VIRTIO_SCSI_S_OK		0
#define VIRTIO_SCSI_S_OVERRUN		1
#define VIRTIO_SCSI_S_ABORTED		2
#define VIRTIO_SCSI_S_BAD_TARGET	3
#define VIRTIO_SCSI_S_RESET		4
#define VIRTIO_SCSI_S_BUSY		5
#define VIRTIO_SCSI_S_TRANSPORT_FAILURE	6
#define VIRTIO_SCSI_S_TARGET_FAILURE	7
#define VIRTIO_SCSI_S_NEXUS_FAILURE	8
#define VIRTIO_SCSI_S_FAILURE		9

/* Request queue 0 is virtqueue 2 (after control and event). */
#define VIRTIO_SCSI_REQUEST_QUEUE	2
/* Single-level LUN numbers the wire format can carry (flat addressing). */
#define VIRTIO_SCSI_MAX_LUN		16383
/* Bytes per command at most, whatever max_sectors allows. */
#define VIRTIO_SCSI_MAX_BYTES		(1u << 20)

struct virtio_scsi {
	struct virtio_pci_dev pci;	/* pci.err says why a call failed */
	struct virtqueue vq;
	uint32_t cdb_size, sense_size;	/* from the device configuration */
	uint32_t max_target, max_lun;
	uint8_t *req, *resp;		/* DMA memory for the request/response headers */
	uint64_t next_id;
	struct scsi_transport transport;	/* hand this to lib/scsi */
};

/* Brings the adapter up (reset, features, request queue, DRIVER_OK) and
 * fills s->transport. Returns 0, or with s->pci.err virtio-pci's code,
 * STATUS_EUNSUPPORTED (no request queue, a cdb_size or sense_size it does
 * not handle) or STATUS_ENOMEM. */
int virtio_scsi_init(struct virtio_scsi *s, const struct virtio_pci_ops *ops, void *ctx);

/* The transport operations (ctx = struct virtio_scsi *). exec answers
 * STATUS_ENOTFOUND for VIRTIO_SCSI_S_BAD_TARGET. */
extern const struct scsi_transport_ops virtio_scsi_transport_ops;

/* The 8-byte virtio-scsi LUN field for (target, lun): 1, target, then the
 * LUN in SAM flat space addressing when >= 256 (section 5.6.6). */
void virtio_scsi_encode_lun(uint8_t out[8], uint32_t target, uint32_t lun);

#endif
