/* SPDX-License-Identifier: MIT */
/* Decoders for device-provided SCSI data (SPC-4 4.5 sense data, 6.4
 * standard INQUIRY, 6.33 REPORT LUNS; SBC-3 5.16/5.17 READ CAPACITY;
 * SAM-5 4.7 LUN formats). Every field access is bounded by len. */
#include <string.h>

#include "be.h"
#include "scsi/scsi-parse.h"

int scsi_parse_sense(const uint8_t *sense, size_t len, struct scsi_sense *out)
{
	uint8_t code;

	memset(out, 0, sizeof(*out));
	if (!sense || len < 1)
		return STATUS_EMALFORMED;
	code = sense[0] & 0x7f;
	if (code == 0x70 || code == 0x71) {
		/* Fixed: key in byte 2, additional length in byte 7, ASC/ASCQ
		 * in bytes 12/13 when the additional length covers them. */
		size_t have = len;

		if (len < 3)
			return STATUS_EMALFORMED;
		if (len >= 8 && (size_t)sense[7] + 8 < have)
			have = (size_t)sense[7] + 8;
		out->key = sense[2] & 0x0f;
		if (have >= 13)
			out->asc = sense[12];
		if (have >= 14)
			out->ascq = sense[13];
		return 0;
	}
	if (code == 0x72 || code == 0x73) {
		if (len < 2)
			return STATUS_EMALFORMED;
		out->key = sense[1] & 0x0f;
		if (len >= 3)
			out->asc = sense[2];
		if (len >= 4)
			out->ascq = sense[3];
		return 0;
	}
	return STATUS_EUNSUPPORTED;
}

static void copy_ascii(char *dst, const uint8_t *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? (char)src[i] : '?';
	while (i > 0 && dst[i - 1] == ' ')
		i--;
	dst[i] = '\0';
}

int scsi_parse_inquiry(const uint8_t *data, size_t len, struct scsi_inquiry *out)
{
	memset(out, 0, sizeof(*out));
	if (!data || len < 5)
		return STATUS_EMALFORMED;
	out->qualifier = data[0] >> 5;
	out->type = data[0] & 0x1f;
	out->removable = (data[1] & 0x80) != 0;
	if (len >= 16)
		copy_ascii(out->vendor, data + 8, 8);
	if (len >= 32)
		copy_ascii(out->product, data + 16, 16);
	return 0;
}

int scsi_parse_capacity10(const uint8_t *data, size_t len, uint32_t *last_lba,
			  uint32_t *block_len)
{
	if (!data || len < 8)
		return STATUS_EMALFORMED;
	*last_lba = be32_read(data);
	*block_len = be32_read(data + 4);
	return *block_len ? 0 : STATUS_EMALFORMED;
}

int scsi_parse_capacity16(const uint8_t *data, size_t len, uint64_t *last_lba,
			  uint32_t *block_len)
{
	if (!data || len < 12)
		return STATUS_EMALFORMED;
	*last_lba = be64_read(data);
	*block_len = be32_read(data + 8);
	return *block_len ? 0 : STATUS_EMALFORMED;
}

int scsi_parse_report_luns(const uint8_t *data, size_t len, uint64_t *luns, int max)
{
	uint32_t list;
	size_t avail;
	int n = 0;

	if (max < 0)
		return STATUS_EINVAL;
	if (!data || len < 8)
		return STATUS_EMALFORMED;
	list = be32_read(data);
	if (list % 8)
		return STATUS_EMALFORMED;
	/* The device may have more LUNs than the buffer held. */
	avail = (len - 8) / 8;
	if ((size_t)list / 8 < avail)
		avail = list / 8;
	for (size_t i = 0; i < avail && n < max; i++)
		luns[n++] = be64_read(data + 8 + 8 * i);
	return n;
}

int scsi_lun_to_number(uint64_t lun)
{
	unsigned method = (unsigned)(lun >> 62);
	unsigned b0 = (unsigned)(lun >> 56) & 0xff, b1 = (unsigned)(lun >> 48) & 0xff;

	/* A single-level LUN has zeros beyond its first level. */
	if (lun & 0x0000ffffffffffffull)
		return STATUS_EUNSUPPORTED;
	if (method == 0)	/* peripheral device addressing, bus 0 */
		return (b0 & 0x3f) ? STATUS_EUNSUPPORTED : (int)b1;
	if (method == 1)	/* flat space addressing */
		return (int)(((b0 & 0x3f) << 8) | b1);
	return STATUS_EUNSUPPORTED;
}
