/* SPDX-License-Identifier: MIT */
/* TFTP packet build and parse: RFC 1350 section 5 layouts, RFC 2347 OACK,
 * RFC 2348 "blksize", RFC 2349 "tsize". */
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "status/status.h"
#include "net/tftp.h"

const char *tftp_error_name(uint16_t code)
{
	static const char *const names[] = {
		"error not defined", "file not found", "access violation",
		"disk full or allocation exceeded", "illegal TFTP operation",
		"unknown transfer ID", "file already exists", "no such user",
		"option negotiation refused",
	};

	return code < sizeof(names) / sizeof(names[0]) ? names[code] : "unknown error code";
}

static bool name_is(const char *s, const char *lower)
{
	for (; *s && *lower; s++, lower++) {
		char c = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;

		if (c != *lower)
			return false;
	}
	return *s == *lower;
}

static bool parse_decimal(const char *s, uint64_t *v)
{
	uint64_t n = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > (UINT64_MAX - 9) / 10)
			return false;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	*v = n;
	return true;
}

static int parse_oack(const uint8_t *p, size_t len, struct tftp_packet *t, const char **reason)
{
	size_t i = 2;

	while (i < len) {
		const char *name = (const char *)p + i, *value;
		const uint8_t *end = memchr(p + i, 0, len - i);
		uint64_t v;

		if (!end || (size_t)(end - p) + 1 >= len)
			return status_fail(reason, STATUS_EMALFORMED, "TFTP: OACK option has no NUL-terminated value");
		value = (const char *)end + 1;
		i = (size_t)(end - p) + 1;
		end = memchr(p + i, 0, len - i);
		if (!end)
			return status_fail(reason, STATUS_EMALFORMED, "TFTP: OACK option value is not NUL-terminated");
		i = (size_t)(end - p) + 1;
		if (!parse_decimal(value, &v))
			return status_fail(reason, STATUS_EMALFORMED, "TFTP: OACK option value is not a decimal number");
		if (name_is(name, "blksize")) {
			if (v < TFTP_BLKSIZE_MIN || v > TFTP_BLKSIZE_MAX)
				return status_fail(reason, STATUS_EMALFORMED,
						"TFTP: OACK block size is outside 8..65464");
			t->has_blksize = true;
			t->blksize = (uint16_t)v;
		} else if (name_is(name, "tsize")) {
			t->has_tsize = true;
			t->tsize = v;
		} else {
			return status_fail(reason, STATUS_EMALFORMED,
					"TFTP: OACK names an option the client did not ask for");
		}
	}
	return STATUS_OK;
}

int tftp_parse(const uint8_t *p, size_t len, struct tftp_packet *t, const char **reason)
{
	size_t i, n;

	memset(t, 0, sizeof(*t));
	if (len < 2)
		return status_fail(reason, STATUS_EMALFORMED, "TFTP: packet shorter than its 2-byte opcode");
	t->opcode = be16_read(p);
	switch (t->opcode) {
	case TFTP_DATA:
		if (len < 4)
			return status_fail(reason, STATUS_EMALFORMED, "TFTP: DATA packet shorter than 4 bytes");
		t->block = be16_read(p + 2);
		t->data = p + 4;
		t->data_len = len - 4;
		return STATUS_OK;
	case TFTP_ERROR:
		if (len < 4)
			return status_fail(reason, STATUS_EMALFORMED, "TFTP: ERROR packet shorter than 4 bytes");
		t->error_code = be16_read(p + 2);
		for (i = 4, n = 0; i < len && p[i] && n < TFTP_ERRMSG_MAX - 1; i++, n++)
			t->error_msg[n] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '?';
		t->error_msg[n] = '\0';
		return STATUS_OK;
	case TFTP_OACK:
		return parse_oack(p, len, t, reason);
	case TFTP_RRQ:
	case TFTP_WRQ:
	case TFTP_ACK:
		return status_fail(reason, STATUS_EMALFORMED,
				"TFTP: a server sent a request or an ACK to a reading client");
	default:
		return status_fail(reason, STATUS_EMALFORMED, "TFTP: unknown opcode");
	}
}

static size_t put_string(uint8_t *buf, size_t at, size_t cap, const char *s)
{
	size_t n = strlen(s) + 1;

	if (at == 0 || n > cap - at)
		return 0;
	memcpy(buf + at, s, n);
	return at + n;
}

size_t tftp_build_rrq(uint8_t *buf, size_t cap, const char *filename, uint16_t blksize,
		      bool tsize)
{
	size_t at = 2, name_len = strnlen(filename, TFTP_FILENAME_MAX + 1);
	char num[8];

	if (name_len == 0 || name_len > TFTP_FILENAME_MAX || cap < 2)
		return 0;
	be16_write(buf, TFTP_RRQ);
	at = put_string(buf, at, cap, filename);
	at = put_string(buf, at, cap, "octet");
	if (blksize) {
		snprintf(num, sizeof(num), "%u", (unsigned)blksize);
		at = put_string(buf, at, cap, "blksize");
		at = put_string(buf, at, cap, num);
	}
	if (tsize) {
		at = put_string(buf, at, cap, "tsize");
		at = put_string(buf, at, cap, "0");
	}
	return at;
}

size_t tftp_build_ack(uint8_t *buf, uint16_t block)
{
	be16_write(buf, TFTP_ACK);
	be16_write(buf + 2, block);
	return 4;
}

size_t tftp_build_error(uint8_t *buf, size_t cap, uint16_t code, const char *msg)
{
	size_t n = strlen(msg);

	if (cap < 5)
		return 0;
	if (n > cap - 5)
		n = cap - 5;
	be16_write(buf, TFTP_ERROR);
	be16_write(buf + 2, code);
	memcpy(buf + 4, msg, n);
	buf[4 + n] = 0;
	return 5 + n;
}
