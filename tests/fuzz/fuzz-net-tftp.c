/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/net's TFTP packet parser (DATA, ERROR, OACK
 * and the opcodes a reader refuses). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "status/status.h"
#include "net/tftp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tftp_packet t;
	const char *why = NULL;
	size_t i;

	if (tftp_parse(data, size, &t, &why) != STATUS_OK) {
		if (!why)
			abort();
		return 0;
	}
	switch (t.opcode) {
	case TFTP_DATA:
		if (t.data != data + 4 || t.data_len != size - 4)
			abort();
		break;
	case TFTP_ERROR:
		for (i = 0; t.error_msg[i]; i++)
			if (i >= TFTP_ERRMSG_MAX - 1 || t.error_msg[i] < 0x20 || t.error_msg[i] > 0x7e)
				abort();
		(void)tftp_error_name(t.error_code);
		break;
	case TFTP_OACK:
		if (t.has_blksize && (t.blksize < TFTP_BLKSIZE_MIN || t.blksize > TFTP_BLKSIZE_MAX))
			abort();
		break;
	default:
		abort();
	}
	return 0;
}
