/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/net's TFTP client state machine, fed a hostile
 * server. Input: limit (2 bytes), block size asked (2), tries (1), then
 * records of [kind][length, 2 bytes][bytes]: kind bit 0 set is a timeout, else a
 * packet from port 69 + (kind >> 1 & 3). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "status/status.h"
#include "net/tftp-client.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t file[65536];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tftp_client c;
	const char *why = NULL;
	size_t at = 5, limit;
	unsigned steps = 0;
	int rc = 0;

	if (size < 5)
		return 0;
	limit = be16_read(data);
	if (tftp_client_start(&c, "fuzz", file, limit, be16_read(data + 2), data[4] % 8, &why)) {
		if (!why)
			abort();
		return 0;
	}
	while (at + 3 <= size && rc >= 0 && rc != TFTP_STEP_DONE) {
		uint8_t kind = data[at];
		size_t n = be16_read(data + at + 1);

		at += 3;
		if (n > size - at)
			n = size - at;
		why = NULL;
		if (kind & 1)
			rc = tftp_client_timeout(&c, &why);
		else
			rc = tftp_client_input(&c, (uint16_t)(69 + (kind >> 1 & 3)), data + at, n, &why);
		at += (kind & 1) ? 0 : n;
		if (rc < 0 && (!why || !*why))
			abort();
		if (rc == TFTP_STEP_SEND || rc == TFTP_STEP_DONE) {
			if (c.out_len < 4 || c.out_len > sizeof(c.out))
				abort();
		}
		if (c.received > c.limit || c.blksize < TFTP_BLKSIZE_MIN)
			abort();
		if (++steps > c.max_tries * 100000u)
			abort();
	}
	if (rc == TFTP_STEP_DONE && c.state != TFTP_CLIENT_FINISHED)
		abort();
	if (rc == TFTP_STEP_DONE && c.have_tsize && c.tsize != c.received)
		abort();
	return 0;
}
