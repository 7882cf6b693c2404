/* SPDX-License-Identifier: MIT */
/* Decoders for data SCSI devices return (SPC-4, SBC-3): sense data,
 * standard INQUIRY, READ CAPACITY (10)/(16), REPORT LUNS. Pure functions
 * over untrusted bytes: every length is checked, nothing is trusted. */
#ifndef LIB_SCSI_SCSI_PARSE_H
#define LIB_SCSI_SCSI_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

/* Sense keys (SPC-4 table 28). */
#define SCSI_SENSE_NO_SENSE		0x0
#define SCSI_SENSE_RECOVERED_ERROR	0x1
#define SCSI_SENSE_NOT_READY		0x2
#define SCSI_SENSE_MEDIUM_ERROR		0x3
#define SCSI_SENSE_HARDWARE_ERROR	0x4
#define SCSI_SENSE_ILLEGAL_REQUEST	0x5
#define SCSI_SENSE_UNIT_ATTENTION	0x6
#define SCSI_SENSE_ABORTED_COMMAND	0xb

/* Additional sense codes the layer acts on. */
#define SCSI_ASC_NOT_READY		0x04	/* logical unit not ready */
#define SCSI_ASC_LUN_NOT_SUPPORTED	0x25
#define SCSI_ASC_MEDIUM_NOT_PRESENT	0x3a

struct scsi_sense {
	uint8_t key, asc, ascq;
};

/* Decodes fixed (0x70/0x71) or descriptor (0x72/0x73) format sense data.
 * Returns 0, STATUS_EMALFORMED when len bytes are too short for the
 * format, or STATUS_EUNSUPPORTED for a response code of another format.
 * Fields the data is too short to hold read as 0. */
int scsi_parse_sense(const uint8_t *sense, size_t len, struct scsi_sense *out);

/* Peripheral device types (SPC-4 table 49). */
#define SCSI_TYPE_DISK		0x00
#define SCSI_TYPE_CDROM		0x05
#define SCSI_TYPE_NONE		0x1f

struct scsi_inquiry {
	uint8_t qualifier;	/* 0 connected, 1 not connected, 3 no LUN */
	uint8_t type;		/* peripheral device type */
	bool removable;
	char vendor[9], product[17];	/* printable ASCII, trailing blanks cut */
};

/* Decodes standard INQUIRY data (len bytes actually received). Returns 0,
 * or STATUS_EMALFORMED when fewer than 5 bytes arrived. Vendor and product are empty
 * when the data does not reach them. */
int scsi_parse_inquiry(const uint8_t *data, size_t len, struct scsi_inquiry *out);

/* READ CAPACITY (10): 8 bytes, last LBA (0xffffffff means "use the 16-byte
 * command") and block length. READ CAPACITY (16): 32 bytes asked for, at
 * least 12 used. Return 0 and the number of blocks (last LBA + 1), or
 * STATUS_EMALFORMED when the data is short or the block length is 0. */
int scsi_parse_capacity10(const uint8_t *data, size_t len, uint32_t *last_lba,
			  uint32_t *block_len);
int scsi_parse_capacity16(const uint8_t *data, size_t len, uint64_t *last_lba,
			  uint32_t *block_len);

/* REPORT LUNS: a 4-byte list length, 4 reserved bytes, then 8-byte LUN
 * entries. Copies at most max entries (whole entries actually received)
 * into luns, as 64-bit big-endian values; returns how many,
 * STATUS_EMALFORMED when the header is missing or the list length is not a
 * multiple of 8, STATUS_EINVAL for a negative max. */
int scsi_parse_report_luns(const uint8_t *data, size_t len, uint64_t *luns, int max);

/* The LUN number of a single-level LUN in SAM format (peripheral device
 * addressing with bus 0, or flat space addressing): 0..16383. Returns
 * STATUS_EUNSUPPORTED for other formats (multi-level, logical unit
 * addressing, extended). */
int scsi_lun_to_number(uint64_t lun);

#endif
