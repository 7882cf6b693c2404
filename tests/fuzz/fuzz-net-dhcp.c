/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/net's DHCP reply parser. The input is a BOOTP
 * message, tried as is and with op, xid, client address and magic cookie
 * set to what the client expects, so mutations reach the option walk. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "net/dhcp.h"
#include "status/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static void check_string(const char *s)
{
	if (strnlen(s, DHCP_STR_MAX) >= DHCP_STR_MAX)
		abort();
}

static void run(const uint8_t *m, size_t len)
{
	struct dhcp_reply r;
	const char *why = NULL;

	if (dhcp_parse_reply(m, len, 0xcafef00d, mac, &r, &why) != STATUS_OK) {
		if (!why)
			abort();
		return;
	}
	if (r.msg_type == 0 || r.overload > 3)
		abort();
	check_string(r.bootfile);
	check_string(r.tftp_server);
	check_string(r.root_path);
	check_string(r.message);
	(void)dhcp_reply_tftp_server(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *m;

	run(data, size);
	if (size < DHCP_OPTIONS_OFFSET)
		return 0;
	m = malloc(size);
	if (!m)
		return 0;
	memcpy(m, data, size);
	m[0] = 2;
	m[1] = 1;
	m[2] = 6;
	be32_write(m + 4, 0xcafef00d);
	memcpy(m + 28, mac, 6);
	m[236] = 99; m[237] = 130; m[238] = 83; m[239] = 99;
	run(m, size);
	free(m);
	return 0;
}
