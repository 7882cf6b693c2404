/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for compat_caps_decode and compat_caps_decode_hex: the
 * first input byte picks the decoder, the rest is the property (binary) or
 * the NVRAM value (hex, unterminated, bounded by maxlen). Results are
 * checked against a plain re-statement of the ABI rules. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "compatcaps/compat-caps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The ABI's acceptance rule, written independently of the decoder. */
static int fuzz_oracle_accepts(const uint8_t *p, size_t len)
{
	if (len < 16)
		return 0;
	if (be32_read(p) < 16 || be32_read(p) > len)
		return 0;
	if (be32_read(p + 4) != 0)
		return 0;
	return (be64_read(p + 8) & COMPAT_CAPS_KNOWN_MASK) != 0;
}

static void fuzz_check_reason(int rc, const char *reason)
{
	if (rc == 0)
		return;
	if (rc > 0 || !reason || !reason[0] || strlen(reason) > 200)
		abort();
}

/* A decoded value must survive encode + decode unchanged. */
static void fuzz_check_round_trip(uint64_t caps)
{
	uint8_t prop[COMPAT_CAPS_V1_SIZE];
	char hex[COMPAT_CAPS_HEX_DIGITS + 1];
	uint64_t again = 0;

	if (!caps || (caps & ~COMPAT_CAPS_KNOWN_MASK))
		abort();
	compat_caps_encode(caps, prop);
	if (compat_caps_decode(prop, sizeof(prop), &again, NULL) != 0 ||
	    again != caps)
		abort();
	compat_caps_encode_hex(caps, hex);
	if (compat_caps_decode_hex(hex, sizeof(hex), &again, NULL) != 0 ||
	    again != caps)
		abort();
}

static void fuzz_binary(const uint8_t *p, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);	/* exact size: ASan bounds */
	const char *reason = NULL;
	uint64_t caps = 0;
	char buf[40];
	int rc;

	if (!copy)
		return;
	memcpy(copy, p, len);
	rc = compat_caps_decode(copy, len, &caps, &reason);
	fuzz_check_reason(rc, reason);
	if ((rc == 0) != fuzz_oracle_accepts(copy, len))
		abort();
	if (rc == 0) {
		if (caps != (be64_read(copy + 8) & COMPAT_CAPS_KNOWN_MASK))
			abort();
		fuzz_check_round_trip(caps);
	}
	/* The formatter on arbitrary caps and buffer sizes. */
	if (len >= 9) {
		size_t buflen = copy[8] % (sizeof(buf) + 1);

		memset(buf, 'x', sizeof(buf));
		compat_caps_format(be64_read(copy), buf, buflen);
		if (buflen && !memchr(buf, '\0', buflen))
			abort();
	}
	free(copy);
}

static int fuzz_hex_value(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

static void fuzz_hex(const uint8_t *p, size_t len)
{
	char *copy = malloc(len ? len : 1);	/* no NUL: maxlen must bound */
	const char *reason = NULL;
	uint64_t caps = 0, bin_caps = 0;
	size_t n = 0, i;
	uint8_t *bytes;
	int rc, bin_rc;

	if (!copy)
		return;
	memcpy(copy, p, len);
	rc = compat_caps_decode_hex(copy, len, &caps, &reason);
	fuzz_check_reason(rc, reason);

	/* Differential check: a well-formed hex string decodes exactly as its
	 * bytes do through the binary decoder. */
	while (n < len && copy[n])
		n++;
	for (i = 0; i < n; i++)
		if (fuzz_hex_value((uint8_t)copy[i]) < 0)
			break;
	/* Only exactly the 32 digits of the v1 value are accepted. */
	if (i < n || n != COMPAT_CAPS_HEX_DIGITS) {
		if (rc == 0)
			abort();
		free(copy);
		return;
	}
	bytes = malloc(n / 2);
	if (!bytes) {
		free(copy);
		return;
	}
	for (i = 0; i < n / 2; i++)
		bytes[i] = (uint8_t)(fuzz_hex_value((uint8_t)copy[2 * i]) << 4 |
				     fuzz_hex_value((uint8_t)copy[2 * i + 1]));
	bin_rc = compat_caps_decode(bytes, n / 2, &bin_caps, NULL);
	if (bin_rc != rc || (rc == 0 && bin_caps != caps))
		abort();
	if (rc == 0)
		fuzz_check_round_trip(caps);
	free(bytes);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		fuzz_hex(data + 1, size - 1);
	else
		fuzz_binary(data + 1, size - 1);
	return 0;
}
