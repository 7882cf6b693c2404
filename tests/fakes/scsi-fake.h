/* SPDX-License-Identifier: MIT */
/* A fake SCSI target set for host tests: logical units with a type, a
 * capacity and computed contents, answering INQUIRY, TEST UNIT READY,
 * READ CAPACITY (10)/(16), READ (10)/(16) and REPORT LUNS the way QEMU's
 * scsi-hd/scsi-cd do, with injectable unit attentions and failures. Usable
 * directly as a struct scsi_transport or behind the fake virtio-scsi. */
#ifndef TESTS_FAKES_SCSI_FAKE_H
#define TESTS_FAKES_SCSI_FAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "scsi/scsi.h"

#define SCSI_FAKE_MAX_UNITS 16

struct scsi_fake_unit {
	uint32_t target, lun;
	uint8_t type;			/* SCSI_TYPE_DISK, SCSI_TYPE_CDROM, other */
	bool removable;
	uint32_t block_size;
	uint64_t num_blocks;
	bool no_medium;
	unsigned unit_attentions;	/* pending UNIT ATTENTION reports */
	unsigned becoming_ready;	/* NOT READY, becoming ready, this often */
	bool descriptor_sense;		/* answer in descriptor format */
	bool read_error;		/* READ fails with MEDIUM ERROR */
	uint32_t short_read;		/* bytes READ leaves untransferred */
	bool busy_once;			/* first command gets BUSY status */
};

struct scsi_fake {
	struct scsi_fake_unit units[SCSI_FAKE_MAX_UNITS];
	int nunits;
	/* An absent LUN of a present target: INQUIRY answers qualifier 3
	 * (QEMU) unless this asks for ILLEGAL REQUEST / LUN NOT SUPPORTED. */
	bool absent_lun_check_condition;
	bool no_report_luns;		/* REPORT LUNS is an invalid opcode */
	int transport_error;		/* exec returns this when non-zero */
	unsigned commands;		/* executed so far */
	uint8_t last_cdb[16];
	uint32_t last_target, last_lun;
	uint32_t max_read_bytes;	/* largest READ data length seen */
	bool saw_read16;
	struct status_text err;
};

/* Adds a unit; returns it for further settings (NULL if full). */
struct scsi_fake_unit *scsi_fake_add(struct scsi_fake *f, uint32_t target, uint32_t lun,
				     uint8_t type, uint32_t block_size, uint64_t num_blocks);

/* The byte at byte offset off of a unit's medium (contents are computed,
 * so huge capacities cost nothing). */
uint8_t scsi_fake_byte(uint32_t target, uint32_t lun, uint64_t off);

/* Runs one CDB. Returns STATUS_OK with status, residual and sense set,
 * STATUS_ENOTFOUND when no unit has this target, or f->transport_error. */
int scsi_fake_exec(struct scsi_fake *f, uint32_t target, uint32_t lun, const uint8_t *cdb,
		   unsigned cdb_len, uint8_t *data, uint32_t data_len, uint8_t *status,
		   uint32_t *residual, uint8_t *sense, uint32_t *sense_len);

/* The fake as a transport (ctx = struct scsi_fake *). */
extern const struct scsi_transport_ops scsi_fake_transport_ops;

#endif
