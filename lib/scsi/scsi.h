/* SPDX-License-Identifier: MIT */
/* SCSI command layer shared by the firmware's SCSI transports (virtio-scsi,
 * spapr-vscsi): INQUIRY, TEST UNIT READY, READ CAPACITY (10)/(16),
 * READ (10)/(16), REPORT LUNS (SPC-4, SBC-3), over a transport that only
 * knows how to run one CDB on one (target, lun).
 *
 * Writing a transport: fill a struct scsi_transport_ops and hand the layer
 * a struct scsi_transport. The contract of exec():
 *
 *   int exec(void *ctx, uint32_t target, uint32_t lun,
 *            const uint8_t *cdb, unsigned cdb_len,
 *            void *data, uint32_t data_len, struct scsi_result *res);
 *
 *   - Runs cdb (6..16 bytes) on the logical unit; lun is the LUN number
 *     (0..16383), the transport encodes it for its wire format.
 *   - Data only flows from the device (data-in) into data[0..data_len);
 *     data_len 0 means no data phase (data may then be NULL). data is
 *     ordinary firmware memory of any alignment, possibly on the stack; a
 *     transport that needs special DMA memory bounces through its own.
 *   - Returns STATUS_OK when the command completed: res->status holds the
 *     SCSI status (GOOD, CHECK CONDITION, BUSY ...), res->residual the
 *     bytes of data_len not transferred, res->sense/sense_len the sense
 *     data (at most SCSI_SENSE_MAX bytes) when the status is not GOOD.
 *   - Returns STATUS_ENOTFOUND when the transport knows there is no such
 *     target or LUN (virtio-scsi BAD_TARGET, SRP "no such LUN"): the layer
 *     treats that as an empty address, not a failure.
 *   - Returns another negative status (STATUS_EIO, STATUS_ETIMEDOUT ...)
 *     when the command did not complete (timeout, transport reset,
 *     malformed response); last_error(ctx) then gives one line of text.
 *   - Must return within a bounded time (no unbounded polling).
 */
#ifndef LIB_SCSI_SCSI_H
#define LIB_SCSI_SCSI_H

#include <stdbool.h>
#include <stdint.h>

#include "scsi/scsi-parse.h"
#include "status/status.h"

#define SCSI_SENSE_MAX			96

#define SCSI_STATUS_GOOD		0x00
#define SCSI_STATUS_CHECK_CONDITION	0x02
#define SCSI_STATUS_BUSY		0x08

/* Bytes one READ moves when the transport states no limit. */
#define SCSI_DEFAULT_MAX_TRANSFER	(64u * 1024)
/* TEST UNIT READY attempts while the unit reports UNIT ATTENTION (power
 * on, reset, medium changed: each is reported once) or becoming ready. */
#define SCSI_TUR_ATTEMPTS		8
/* Attempts of one command that meets UNIT ATTENTION or BUSY. */
#define SCSI_CMD_ATTEMPTS		4
/* LUNs looked at per target. */
#define SCSI_MAX_LUNS			64

struct scsi_result {
	uint8_t status;
	uint32_t residual;
	uint32_t sense_len;
	uint8_t sense[SCSI_SENSE_MAX];
};

struct scsi_transport_ops {
	int (*exec)(void *ctx, uint32_t target, uint32_t lun, const uint8_t *cdb,
		    unsigned cdb_len, void *data, uint32_t data_len, struct scsi_result *res);
	const char *(*last_error)(void *ctx);
};

struct scsi_transport {
	const struct scsi_transport_ops *ops;
	void *ctx;
	uint32_t max_transfer;	/* bytes per command; 0: SCSI_DEFAULT_MAX_TRANSFER */
};

/* One logical unit and what the layer learnt about it. */
struct scsi_disk {
	const struct scsi_transport *t;
	uint32_t target, lun;
	struct scsi_inquiry inq;	/* inq.type: SCSI_TYPE_DISK or SCSI_TYPE_CDROM */
	uint32_t block_size;		/* bytes, a power of two in 512..65536 */
	uint64_t num_blocks;
	bool no_medium;			/* removable unit without a medium */
	struct status_text err;		/* why the last call failed */
};

/* scsi_disk_probe's result besides 0 (found) and a negative status (a
 * failure, see d->err). */
#define SCSI_PROBE_ABSENT		1

/* Addresses (target, lun) through t; the other calls use this. */
void scsi_disk_init(struct scsi_disk *d, const struct scsi_transport *t, uint32_t target,
		    uint32_t lun);

/* INQUIRY, then TEST UNIT READY (retrying UNIT ATTENTION up to
 * SCSI_TUR_ATTEMPTS times), then READ CAPACITY (10), and (16) when (10)
 * answers 0xffffffff. Returns 0 for a disk (type 0) or CD-ROM (type 5),
 * with no_medium set for a removable unit without medium (num_blocks 0);
 * SCSI_PROBE_ABSENT when nothing is there (no target, no LUN, qualifier
 * not 0, another device type); a negative status with d->err on a
 * failure (STATUS_EDEVICE: the unit answered with an error status). */
int scsi_disk_probe(struct scsi_disk *d, const struct scsi_transport *t, uint32_t target,
		    uint32_t lun);

/* Reads count blocks from lba into buf with READ (10), or READ (16) past
 * 32-bit LBAs, in pieces of at most max_transfer bytes. A unit without
 * medium is probed again first. Returns 0, or a negative status with
 * d->err: STATUS_EINVAL (beyond the end), STATUS_EDEVICE (no medium, check
 * condition with its sense), STATUS_EIO (short transfer), or the
 * transport's failure. */
int scsi_disk_read(struct scsi_disk *d, uint64_t lba, uint32_t count, void *buf);

/* REPORT LUNS (select report 0) sent to d's (target, lun): fills luns with
 * up to max LUN numbers (entries that are not single-level are skipped).
 * Returns the count; STATUS_ENOTFOUND when the target is absent; another
 * negative status with d->err when the command failed (a unit without REPORT LUNS answers
 * ILLEGAL REQUEST: the caller may then try LUN 0 alone). */
int scsi_report_luns(struct scsi_disk *d, uint32_t *luns, int max);

/* Individual commands; each returns 0 on GOOD status, STATUS_ENOTFOUND, or
 * another negative status with d->err naming the command and the sense
 * (key/ASC/ASCQ). */
int scsi_inquiry(struct scsi_disk *d, struct scsi_inquiry *out);
/* Sets d->no_medium instead of failing for NOT READY / MEDIUM NOT PRESENT. */
int scsi_test_unit_ready(struct scsi_disk *d);
/* Sets d->block_size and d->num_blocks. */
int scsi_read_capacity(struct scsi_disk *d);

/* A short name of a sense key for messages ("UNIT ATTENTION"). */
const char *scsi_sense_key_name(uint8_t key);

#endif
