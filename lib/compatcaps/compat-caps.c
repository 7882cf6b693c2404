/* SPDX-License-Identifier: MIT */
/* Encode and decode the compat-caps v1 ABI (DESIGN.md "The compat-caps ABI"):
 * the 16-byte /chosen/qemu,compat-caps property and its 32-hex-digit NVRAM
 * form. Freestanding: shared by the firmware and the host helper. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "be.h"
#include "compatcaps/compat-caps.h"

/* Offsets of the v1 fields (all big-endian). */
#define CC_OFF_SIZE      0
#define CC_OFF_RESERVED  4
#define CC_OFF_CAPS      8

/* Known levels, oldest first (the order of compat_caps_format()), with the
 * word compat_level_parse() accepts for each. */
static const struct {
	enum compat_level level;
	const char *word;
} compat_known_levels[] = {
	{ COMPAT_LEVEL_POWER9, "power9" },
	{ COMPAT_LEVEL_POWER10, "power10" },
	{ COMPAT_LEVEL_POWER11, "power11" },
};

#define COMPAT_N_KNOWN (sizeof(compat_known_levels) / sizeof(compat_known_levels[0]))

/*
 * Decode failures carry numbers ("size 12 is smaller than 16"), so the
 * reason lives in one static buffer: valid until the next decode call. Both
 * users are single-threaded (the firmware, and the host helper).
 */
static char compat_caps_reason_buf[96];

uint64_t compat_level_bit(enum compat_level level)
{
	switch (level) {
	case COMPAT_LEVEL_POWER9:
		return COMPAT_CAP_POWER9;
	case COMPAT_LEVEL_POWER10:
		return COMPAT_CAP_POWER10;
	case COMPAT_LEVEL_POWER11:
		return COMPAT_CAP_POWER11;
	default:
		return 0;
	}
}

const char *compat_level_name(enum compat_level level)
{
	switch (level) {
	case COMPAT_LEVEL_POWER9:
		return "POWER9";
	case COMPAT_LEVEL_POWER10:
		return "POWER10";
	case COMPAT_LEVEL_POWER11:
		return "Power11";	/* IBM's own spelling from Power11 on */
	case COMPAT_LEVEL_NEWER:
		return "newer-than-Power11";
	default:
		return "legacy";
	}
}

static char compat_ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive equality of a NUL-terminated word and a lower-case key. */
static int compat_word_is(const char *word, const char *key)
{
	size_t i;

	for (i = 0; key[i]; i++)
		if (compat_ascii_lower(word[i]) != key[i])
			return 0;
	return word[i] == '\0';
}

int compat_level_parse(const char *word, enum compat_level *level)
{
	size_t i;

	if (!word || !level)
		return STATUS_EINVAL;
	for (i = 0; i < COMPAT_N_KNOWN; i++) {
		if (compat_word_is(word, compat_known_levels[i].word)) {
			*level = compat_known_levels[i].level;
			return 0;
		}
	}
	return STATUS_ENOTFOUND;
}

int compat_family_is_newer(uint32_t family)
{
	return family > 0x0082 && family <= 0x00ff && family != 0x0090;
}

enum compat_level compat_level_of_raw_pvr(uint32_t pvr)
{
	switch (pvr >> 16) {
	case 0x004e:
		return COMPAT_LEVEL_POWER9;
	case 0x0080:
		return COMPAT_LEVEL_POWER10;
	case 0x0082:
		return COMPAT_LEVEL_POWER11;
	default:
		return compat_family_is_newer(pvr >> 16) ? COMPAT_LEVEL_NEWER
							 : COMPAT_LEVEL_LEGACY;
	}
}

enum compat_level compat_level_of_logical_pvr(uint32_t pvr)
{
	switch (pvr) {
	case 0x0f000005:
		return COMPAT_LEVEL_POWER9;
	case 0x0f000006:
		return COMPAT_LEVEL_POWER10;
	case 0x0f000007:
		return COMPAT_LEVEL_POWER11;
	default:
		return pvr >= 0x0f000008 && pvr <= 0x0f0000ff ? COMPAT_LEVEL_NEWER
							       : COMPAT_LEVEL_LEGACY;
	}
}

enum compat_level compat_level_of_cpu_version(uint32_t pvr)
{
	if ((pvr & 0xff000000u) == 0x0f000000u)
		return compat_level_of_logical_pvr(pvr);
	return compat_level_of_raw_pvr(pvr);
}

static int compat_caps_fail(const char **reason, int code)
{
	return status_fail(reason, code, compat_caps_reason_buf);
}

/*
 * Checks the three v1 fields in hdr[0..16) of a property that is len bytes
 * long in all (len >= 16). Bytes past the v1 fields are a later version's
 * and are ignored, as the ABI asks.
 */
static int compat_caps_check_fields(const uint8_t *hdr, size_t len,
				    uint64_t *caps, const char **reason)
{
	uint32_t size = be32_read(hdr + CC_OFF_SIZE);
	uint32_t reserved = be32_read(hdr + CC_OFF_RESERVED);
	uint64_t bits = be64_read(hdr + CC_OFF_CAPS);

	if (size < COMPAT_CAPS_V1_SIZE) {
		snprintf(compat_caps_reason_buf, sizeof(compat_caps_reason_buf),
			 "size %u is smaller than %u", (unsigned)size,
			 COMPAT_CAPS_V1_SIZE);
		return compat_caps_fail(reason, STATUS_EMALFORMED);
	}
	if (size > len) {
		snprintf(compat_caps_reason_buf, sizeof(compat_caps_reason_buf),
			 "size %u is larger than the property (%zu bytes)",
			 (unsigned)size, len);
		return compat_caps_fail(reason, STATUS_EMALFORMED);
	}
	if (reserved != 0) {
		snprintf(compat_caps_reason_buf, sizeof(compat_caps_reason_buf),
			 "reserved field is 0x%x, must be 0", (unsigned)reserved);
		return compat_caps_fail(reason, STATUS_EMALFORMED);
	}
	if (!(bits & COMPAT_CAPS_KNOWN_MASK)) {
		snprintf(compat_caps_reason_buf, sizeof(compat_caps_reason_buf),
			 "no known level bit set in 0x%016llx",
			 (unsigned long long)bits);
		return compat_caps_fail(reason, STATUS_EUNSUPPORTED);
	}
	if (caps)
		*caps = bits & COMPAT_CAPS_KNOWN_MASK;
	return 0;
}

int compat_caps_decode(const uint8_t *prop, size_t len, uint64_t *caps,
		       const char **reason)
{
	if (!prop || len < COMPAT_CAPS_V1_SIZE) {
		snprintf(compat_caps_reason_buf, sizeof(compat_caps_reason_buf),
			 "property is %zu bytes, shorter than %u",
			 prop ? len : (size_t)0, COMPAT_CAPS_V1_SIZE);
		return compat_caps_fail(reason, STATUS_EMALFORMED);
	}
	return compat_caps_check_fields(prop, len, caps, reason);
}

/* Value of one hex digit, or -1. */
static int compat_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int compat_caps_decode_hex(const char *hex, size_t maxlen, uint64_t *caps,
			   const char **reason)
{
	uint8_t hdr[COMPAT_CAPS_V1_SIZE];
	size_t n, i;

	/* strnlen is POSIX, not C11: count by hand so a strict -std=c11
	 * freestanding build needs nothing beyond the allowed headers. */
	for (n = 0; hex && n < maxlen && hex[n]; n++)
		;
	for (i = 0; i < n; i++) {
		if (compat_hex_value(hex[i]) < 0) {
			snprintf(compat_caps_reason_buf,
				 sizeof(compat_caps_reason_buf),
				 "character 0x%02x at offset %zu is not a hex digit",
				 (unsigned)(unsigned char)hex[i], i);
			return compat_caps_fail(reason, STATUS_EMALFORMED);
		}
	}
	if (n % 2) {
		snprintf(compat_caps_reason_buf, sizeof(compat_caps_reason_buf),
			 "odd number of hex digits (%zu)", n);
		return compat_caps_fail(reason, STATUS_EMALFORMED);
	}
	if (n < COMPAT_CAPS_HEX_DIGITS) {
		snprintf(compat_caps_reason_buf, sizeof(compat_caps_reason_buf),
			 "%zu hex digits, fewer than %u", n,
			 COMPAT_CAPS_HEX_DIGITS);
		return compat_caps_fail(reason, STATUS_EMALFORMED);
	}
	/* The NVRAM form is exactly the v1 property: a longer value is not
	 * quietly cut to its first 16 bytes. */
	if (n > COMPAT_CAPS_HEX_DIGITS) {
		snprintf(compat_caps_reason_buf, sizeof(compat_caps_reason_buf),
			 "%zu hex digits, more than the %u of the v1 value", n,
			 COMPAT_CAPS_HEX_DIGITS);
		return compat_caps_fail(reason, STATUS_ETOOBIG);
	}
	for (i = 0; i < COMPAT_CAPS_V1_SIZE; i++)
		hdr[i] = (uint8_t)(compat_hex_value(hex[2 * i]) << 4 |
				   compat_hex_value(hex[2 * i + 1]));
	return compat_caps_check_fields(hdr, n / 2, caps, reason);
}

void compat_caps_encode(uint64_t caps, uint8_t out[COMPAT_CAPS_V1_SIZE])
{
	be32_write(out + CC_OFF_SIZE, COMPAT_CAPS_V1_SIZE);
	be32_write(out + CC_OFF_RESERVED, 0);
	be64_write(out + CC_OFF_CAPS, caps);
}

void compat_caps_encode_hex(uint64_t caps, char out[COMPAT_CAPS_HEX_DIGITS + 1])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t prop[COMPAT_CAPS_V1_SIZE];
	size_t i;

	compat_caps_encode(caps, prop);
	for (i = 0; i < COMPAT_CAPS_V1_SIZE; i++) {
		out[2 * i] = digits[prop[i] >> 4];
		out[2 * i + 1] = digits[prop[i] & 0xf];
	}
	out[COMPAT_CAPS_HEX_DIGITS] = '\0';
}

char *compat_caps_format(uint64_t caps, char *buf, size_t buflen)
{
	size_t used = 0, i;

	if (!buf || !buflen)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < COMPAT_N_KNOWN; i++) {
		enum compat_level l = compat_known_levels[i].level;
		int n;

		if (!(caps & compat_level_bit(l)))
			continue;
		n = snprintf(buf + used, buflen - used, "%s%s",
			     used ? "," : "", compat_level_name(l));
		if (n < 0 || (size_t)n >= buflen - used)
			return buf;	/* truncated, still terminated */
		used += (size_t)n;
	}
	if (!used)
		snprintf(buf, buflen, "none");
	return buf;
}
