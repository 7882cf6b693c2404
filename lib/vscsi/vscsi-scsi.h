/* SPDX-License-Identifier: MIT */
/* spapr-vscsi as a lib/scsi transport, and discovery of the logical
 * units behind one adapter. Target numbers given to lib/scsi are
 * channel * 64 + target (QEMU's spapr-vscsi bus: channels 0..7, targets
 * 0..63, LUNs 0..31). */
#ifndef LIB_VSCSI_VSCSI_SCSI_H
#define LIB_VSCSI_VSCSI_SCSI_H

#include <stdint.h>

#include "scsi/scsi.h"
#include "vscsi/vscsi-host.h"
#include "vscsi/vscsi-lun.h"

/* exec() and last_error() over a struct vscsi_host (the ctx). */
extern const struct scsi_transport_ops vscsi_scsi_ops;

/* Fills t for h: ops, ctx, max_transfer = VSCSI_MAX_TRANSFER. */
void vscsi_scsi_transport(struct scsi_transport *t, struct vscsi_host *h);

/* lib/scsi's target number for an address, and back. */
uint32_t vscsi_scsi_target(const struct vscsi_lun_addr *a);
/* Returns 0, or STATUS_EINVAL if (target, lun) has no spapr-vscsi address. */
int vscsi_scsi_addr(uint32_t target, uint32_t lun, struct vscsi_lun_addr *a);

/* One logical unit that answered. */
struct vscsi_unit {
	uint64_t lun;			/* canonical 8-byte LUN: the node's unit address */
	int rc;				/* 0 usable; the probe's status (disk.err says why) */
	struct scsi_disk disk;		/* lib/scsi's state, addressed through t */
};

/* Most LUNs one adapter reports that are looked at. */
#define VSCSI_MAX_UNITS		64u
/* Bound of each discovery command (the I/O bound of the host applies to
 * reads later). */
#define VSCSI_DISCOVER_TIMEOUT_MS	2000u

/* Finds the units behind the adapter (starting it if needed): REPORT
 * LUNS sent to LUN 0, which QEMU answers for the whole bus; if the
 * adapter answers that with an error status, LUN 0 of targets 0..63 on
 * channel 0 and the LUNs each present target reports. Candidates are
 * probed in ascending LUN order with scsi_disk_probe; absent ones
 * (qualifier not 0, other device types) are left out. Each command is
 * bounded by VSCSI_DISCOVER_TIMEOUT_MS (or the host's own, if shorter).
 * Fills units with up to max entries and returns how many, or a negative
 * status when the adapter cannot be started or does not answer REPORT LUNS
 * (h->detail says why). A transport failure during the probes ends the
 * scan with the units found so far (the failing one with its status) and
 * h->up false (h->detail set). t must stay valid as long as the units
 * are used. */
int vscsi_scsi_discover(struct vscsi_host *h, const struct scsi_transport *t,
			struct vscsi_unit *units, unsigned max);

#endif
