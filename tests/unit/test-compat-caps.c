/* SPDX-License-Identifier: MIT */
/* Unit tests of lib/compatcaps: the v1 encoder against golden outputs, every
 * decode rejection with its reason, and the level helpers. */
#include <stdint.h>
#include <string.h>

#include "compatcaps/compat-caps.h"
#include "unit.h"

#define P9   COMPAT_CAP_POWER9
#define P10  COMPAT_CAP_POWER10
#define P11  COMPAT_CAP_POWER11

static void test_encode_hex_golden(void)
{
	static const struct {
		uint64_t caps;
		const char *hex;
	} golden[] = {
		{ P9 | P10, "00000010000000006000000000000000" },	/* DESIGN.md */
		{ P9, "00000010000000004000000000000000" },
		{ P10, "00000010000000002000000000000000" },
		{ P11, "00000010000000001000000000000000" },
		{ P9 | P10 | P11, "00000010000000007000000000000000" },
		{ 0, "00000010000000000000000000000000" },
		/* Unknown bits are written as given: a consumer ignores them. */
		{ 0x8000000000000001ull | P10, "0000001000000000a000000000000001" },
		{ ~0ull, "0000001000000000ffffffffffffffff" },
	};
	char hex[COMPAT_CAPS_HEX_DIGITS + 1];
	size_t i;

	for (i = 0; i < sizeof(golden) / sizeof(golden[0]); i++) {
		memset(hex, 'x', sizeof(hex));
		compat_caps_encode_hex(golden[i].caps, hex);
		CHECK_STR(hex, golden[i].hex);
	}
}

static void test_encode_bytes(void)
{
	static const uint8_t want[COMPAT_CAPS_V1_SIZE] = {
		0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00,
		0x60, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	uint8_t prop[COMPAT_CAPS_V1_SIZE];
	uint64_t caps = 0;
	const char *reason = NULL;

	memset(prop, 0xee, sizeof(prop));
	compat_caps_encode(P9 | P10, prop);
	CHECK(memcmp(prop, want, sizeof(want)) == 0);

	/* Round trip through both decoders. */
	CHECK(compat_caps_decode(prop, sizeof(prop), &caps, &reason) == 0);
	CHECK_EQ_U64(caps, P9 | P10);
	CHECK(compat_caps_decode_hex("00000010000000006000000000000000",
				     64, &caps, &reason) == 0);
	CHECK_EQ_U64(caps, P9 | P10);
}

/* The status a decode gives with reason want. */
static int code_of(const char *want)
{
	if (strstr(want, "no known level bit"))
		return STATUS_EUNSUPPORTED;
	if (strstr(want, "more than the 32"))
		return STATUS_ETOOBIG;
	return STATUS_EMALFORMED;
}

/* Expects decode of the 16 (or len) bytes to fail with exactly reason. */
static void expect_decode_fail(const uint8_t *prop, size_t len,
			       const char *want)
{
	uint64_t caps = 0x1234;
	const char *reason = NULL;

	CHECK(compat_caps_decode(prop, len, &caps, &reason) == code_of(want));
	CHECK_STR(reason, want);
	CHECK_EQ_U64(caps, 0x1234);	/* untouched on failure */
}

static void expect_hex_fail(const char *hex, size_t maxlen, const char *want)
{
	uint64_t caps = 0x1234;
	const char *reason = NULL;

	CHECK(compat_caps_decode_hex(hex, maxlen, &caps, &reason) == code_of(want));
	CHECK_STR(reason, want);
	CHECK_EQ_U64(caps, 0x1234);
}

static void test_decode_rejections(void)
{
	uint8_t prop[24];

	compat_caps_encode(P9, prop);
	expect_decode_fail(prop, 15, "property is 15 bytes, shorter than 16");
	expect_decode_fail(prop, 0, "property is 0 bytes, shorter than 16");
	expect_decode_fail(NULL, 16, "property is 0 bytes, shorter than 16");

	prop[3] = 12;		/* size 12 */
	expect_decode_fail(prop, 16, "size 12 is smaller than 16");
	prop[3] = 0;
	expect_decode_fail(prop, 16, "size 0 is smaller than 16");

	prop[3] = 17;		/* size 17 in a 16-byte property */
	expect_decode_fail(prop, 16,
			   "size 17 is larger than the property (16 bytes)");
	prop[0] = 0x80; prop[3] = 0x10;
	expect_decode_fail(prop, 16,
			   "size 2147483664 is larger than the property (16 bytes)");

	compat_caps_encode(P9, prop);
	prop[7] = 1;
	expect_decode_fail(prop, 16, "reserved field is 0x1, must be 0");
	prop[7] = 0; prop[4] = 0x80;
	expect_decode_fail(prop, 16, "reserved field is 0x80000000, must be 0");

	compat_caps_encode(0, prop);
	expect_decode_fail(prop, 16,
			   "no known level bit set in 0x0000000000000000");
	compat_caps_encode(0x8800000000000001ull, prop);
	expect_decode_fail(prop, 16,
			   "no known level bit set in 0x8800000000000001");

	/* A NULL reason pointer is allowed. */
	CHECK(compat_caps_decode(prop, 16, NULL, NULL) == STATUS_EUNSUPPORTED);
}

static void test_decode_accepts(void)
{
	uint8_t prop[24];
	uint64_t caps = 0;
	const char *reason = NULL;

	/* Unknown bits are masked off, never an error. */
	compat_caps_encode(0x9000000000000003ull, prop);
	CHECK(compat_caps_decode(prop, 16, &caps, &reason) == 0);
	CHECK_EQ_U64(caps, P11);

	/* A later, longer version: size 24 in a 24-byte property; the bytes
	 * past v1 are ignored. */
	compat_caps_encode(P9 | P11, prop);
	prop[3] = 24;
	memset(prop + 16, 0xff, 8);
	CHECK(compat_caps_decode(prop, 24, &caps, &reason) == 0);
	CHECK_EQ_U64(caps, P9 | P11);

	/* size 16 in a longer property: also fine (size <= length). */
	prop[3] = 16;
	CHECK(compat_caps_decode(prop, 24, &caps, &reason) == 0);
	CHECK_EQ_U64(caps, P9 | P11);

	/* caps may be NULL: validation only. */
	CHECK(compat_caps_decode(prop, 16, NULL, NULL) == 0);
}

static void test_decode_hex(void)
{
	uint64_t caps = 0;
	const char *reason = NULL;
	/* 34 digits: only the first 32 are inside maxlen. */
	const char *longer = "0000001000000000600000000000000000";

	expect_hex_fail("00000010000000006000000000000g00", 64,
			"character 0x67 at offset 29 is not a hex digit");
	expect_hex_fail("0000001000000000 600000000000000", 64,
			"character 0x20 at offset 16 is not a hex digit");
	expect_hex_fail("00000010000000006000000000000000\n", 64,
			"character 0x0a at offset 32 is not a hex digit");
	expect_hex_fail("0x000010000000006000000000000000", 64,
			"character 0x78 at offset 1 is not a hex digit");
	expect_hex_fail("000000100000000060000000000000000", 64,
			"odd number of hex digits (33)");
	expect_hex_fail("0000001000000000600000000000", 64,
			"28 hex digits, fewer than 32");
	expect_hex_fail("", 64, "0 hex digits, fewer than 32");
	expect_hex_fail(NULL, 64, "0 hex digits, fewer than 32");
	expect_hex_fail(longer, 31, "odd number of hex digits (31)");
	expect_hex_fail(longer, 30, "30 hex digits, fewer than 32");
	expect_hex_fail("0000000c000000006000000000000000", 64,
			"size 12 is smaller than 16");
	expect_hex_fail("00000011000000006000000000000000", 64,
			"size 17 is larger than the property (16 bytes)");
	expect_hex_fail("00000010000000016000000000000000", 64,
			"reserved field is 0x1, must be 0");
	expect_hex_fail("00000010000000000800000000000000", 64,
			"no known level bit set in 0x0800000000000000");

	/* Upper-case digits are hex too. */
	CHECK(compat_caps_decode_hex("0000001000000000F000000000000000", 64,
				     &caps, &reason) == 0);
	CHECK_EQ_U64(caps, P9 | P10 | P11);

	/* maxlen bounds the string: no NUL needed after 32 digits. */
	CHECK(compat_caps_decode_hex(longer, 32, &caps, &reason) == 0);
	CHECK_EQ_U64(caps, P9 | P10);

	/* Longer than the v1 value, or trailing characters: rejected with the
	 * reason, not cut to the first 32 digits. */
	expect_hex_fail(longer, 100, "34 hex digits, more than the 32 of the v1 value");
	expect_hex_fail("000000140000000020000000000000000000abcd", 40,
			"40 hex digits, more than the 32 of the v1 value");
	expect_hex_fail("00000010000000006000000000000000 ", 64,
			"character 0x20 at offset 32 is not a hex digit");
	expect_hex_fail("00000010000000006000000000000000zz", 64,
			"character 0x7a at offset 32 is not a hex digit");
	{
		/* 300 digits: the whole value is looked at, none of it cut. */
		static char big[301];

		memset(big, '0', 300);
		memcpy(big, "00000010000000006000000000000000", 32);
		big[300] = '\0';
		expect_hex_fail(big, sizeof(big),
				"300 hex digits, more than the 32 of the v1 value");
		big[299] = 'x';
		expect_hex_fail(big, sizeof(big),
				"character 0x78 at offset 299 is not a hex digit");
	}
}

static void test_levels(void)
{
	enum compat_level l = COMPAT_LEVEL_LEGACY;

	CHECK_EQ_U64(compat_level_bit(COMPAT_LEVEL_POWER9), P9);
	CHECK_EQ_U64(compat_level_bit(COMPAT_LEVEL_POWER10), P10);
	CHECK_EQ_U64(compat_level_bit(COMPAT_LEVEL_POWER11), P11);
	CHECK_EQ_U64(compat_level_bit(COMPAT_LEVEL_LEGACY), 0);
	CHECK_EQ_U64(compat_level_bit((enum compat_level)8), 0);

	CHECK_STR(compat_level_name(COMPAT_LEVEL_POWER9), "POWER9");
	CHECK_STR(compat_level_name(COMPAT_LEVEL_POWER10), "POWER10");
	CHECK_STR(compat_level_name(COMPAT_LEVEL_POWER11), "Power11");
	CHECK_STR(compat_level_name(COMPAT_LEVEL_LEGACY), "legacy");

	CHECK(compat_level_parse("power9", &l) == 0);
	CHECK(l == COMPAT_LEVEL_POWER9);
	CHECK(compat_level_parse("POWER10", &l) == 0);
	CHECK(l == COMPAT_LEVEL_POWER10);
	CHECK(compat_level_parse("Power11", &l) == 0);
	CHECK(l == COMPAT_LEVEL_POWER11);
	l = COMPAT_LEVEL_POWER9;
	CHECK(compat_level_parse("power8", &l) == STATUS_ENOTFOUND);
	CHECK(compat_level_parse("power12", &l) == STATUS_ENOTFOUND);
	CHECK(compat_level_parse("power1", &l) == STATUS_ENOTFOUND);
	CHECK(compat_level_parse("power", &l) == STATUS_ENOTFOUND);
	CHECK(compat_level_parse("power9 ", &l) == STATUS_ENOTFOUND);
	CHECK(compat_level_parse("p9", &l) == STATUS_ENOTFOUND);
	CHECK(compat_level_parse("", &l) == STATUS_ENOTFOUND);
	CHECK(compat_level_parse(NULL, &l) == STATUS_EINVAL);
	CHECK(compat_level_parse("power9", NULL) == STATUS_EINVAL);
	CHECK(l == COMPAT_LEVEL_POWER9);	/* untouched on failure */

	CHECK(compat_level_of_raw_pvr(0x004e1202) == COMPAT_LEVEL_POWER9);
	CHECK(compat_level_of_raw_pvr(0x004e0000) == COMPAT_LEVEL_POWER9);
	CHECK(compat_level_of_raw_pvr(0x00800200) == COMPAT_LEVEL_POWER10);
	CHECK(compat_level_of_raw_pvr(0x00820200) == COMPAT_LEVEL_POWER11);
	CHECK(compat_level_of_raw_pvr(0x004d0200) == COMPAT_LEVEL_LEGACY);
	CHECK(compat_level_of_raw_pvr(0x0f000006) == COMPAT_LEVEL_LEGACY);
	CHECK(compat_level_of_raw_pvr(0x00810000) == COMPAT_LEVEL_LEGACY);

	CHECK(compat_level_of_logical_pvr(0x0f000005) == COMPAT_LEVEL_POWER9);
	CHECK(compat_level_of_logical_pvr(0x0f000006) == COMPAT_LEVEL_POWER10);
	CHECK(compat_level_of_logical_pvr(0x0f000007) == COMPAT_LEVEL_POWER11);
	CHECK(compat_level_of_logical_pvr(0x0f000004) == COMPAT_LEVEL_LEGACY);
	/* Architected levels past Power11 are newer, never legacy. */
	CHECK(compat_level_of_logical_pvr(0x0f000008) == COMPAT_LEVEL_NEWER);
	CHECK(compat_level_of_logical_pvr(0x0f0000ff) == COMPAT_LEVEL_NEWER);
	CHECK(compat_level_of_logical_pvr(0x0f000100) == COMPAT_LEVEL_LEGACY);
	CHECK(compat_level_of_logical_pvr(0x0f100003) == COMPAT_LEVEL_LEGACY);
	/* Unknown server families above Power11 are newer; PA6T and embedded
	 * cores are not. */
	CHECK(compat_level_of_raw_pvr(0x00831200) == COMPAT_LEVEL_NEWER);
	CHECK(compat_level_of_raw_pvr(0x00ff0000) == COMPAT_LEVEL_NEWER);
	CHECK(compat_level_of_raw_pvr(0x00900000) == COMPAT_LEVEL_LEGACY);
	CHECK(compat_level_of_raw_pvr(0x01000000) == COMPAT_LEVEL_LEGACY);
	CHECK(compat_level_of_raw_pvr(0x80200010) == COMPAT_LEVEL_LEGACY);
	CHECK(compat_level_of_cpu_version(0x0f000005) == COMPAT_LEVEL_POWER9);
	CHECK(compat_level_of_cpu_version(0x0f000004) == COMPAT_LEVEL_LEGACY);
	CHECK(compat_level_of_cpu_version(0x00800200) == COMPAT_LEVEL_POWER10);
	CHECK(compat_level_of_cpu_version(0x00841200) == COMPAT_LEVEL_NEWER);
	CHECK_EQ_U64(compat_level_bit(COMPAT_LEVEL_NEWER), 0);
	CHECK_STR(compat_level_name(COMPAT_LEVEL_NEWER), "newer-than-Power11");
	CHECK(COMPAT_LEVEL_NEWER > COMPAT_LEVEL_POWER11);
	CHECK(compat_level_of_logical_pvr(0x0f000106) == COMPAT_LEVEL_LEGACY);
	CHECK(compat_level_of_logical_pvr(0x00800200) == COMPAT_LEVEL_LEGACY);
}

static void test_format(void)
{
	char buf[64];

	CHECK_STR(compat_caps_format(P9 | P10, buf, sizeof(buf)), "POWER9,POWER10");
	CHECK_STR(compat_caps_format(P9 | P10 | P11, buf, sizeof(buf)),
		  "POWER9,POWER10,Power11");
	CHECK_STR(compat_caps_format(P11, buf, sizeof(buf)), "Power11");
	CHECK_STR(compat_caps_format(0, buf, sizeof(buf)), "none");
	CHECK_STR(compat_caps_format(0x8000000000000001ull, buf, sizeof(buf)), "none");
	CHECK_STR(compat_caps_format(0x8000000000000001ull | P10, buf, sizeof(buf)),
		  "POWER10");

	/* Short buffers stay terminated and inside their bounds. */
	memset(buf, 'x', sizeof(buf));
	compat_caps_format(P9 | P10, buf, 10);
	CHECK(memchr(buf, '\0', 10) != NULL);
	CHECK(buf[10] == 'x');
	memset(buf, 'x', sizeof(buf));
	compat_caps_format(0, buf, 3);
	CHECK(memchr(buf, '\0', 3) != NULL);
	CHECK(buf[3] == 'x');
	memset(buf, 'x', sizeof(buf));
	compat_caps_format(P9, buf, 1);
	CHECK(buf[0] == '\0' && buf[1] == 'x');
	CHECK(compat_caps_format(P9, buf, 0) == buf);
	CHECK(buf[0] == '\0' && buf[1] == 'x');
}

int main(void)
{
	test_encode_hex_golden();
	test_encode_bytes();
	test_decode_rejections();
	test_decode_accepts();
	test_decode_hex();
	test_levels();
	test_format();
	return unit_done("test-compat-caps");
}
