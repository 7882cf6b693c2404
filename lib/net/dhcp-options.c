/* SPDX-License-Identifier: MIT */
/* DHCP option walk (RFC 2132 section 2 encoding; option overload, 9.3:
 * the options field is read first, then file, then sname). Long string
 * options split into several instances are concatenated (RFC 3396). */
#include <string.h>

#include "be.h"
#include "net/dhcp.h"
#include "status/status.h"

/* Appends the option's bytes up to its first NUL (some servers count the
 * terminator in the length). */
static int append_string(char *dst, const uint8_t *src, size_t n, const char *too_long,
			 const char **reason)
{
	size_t have = strlen(dst);
	const uint8_t *nul = memchr(src, 0, n);

	if (nul)
		n = (size_t)(nul - src);
	if (have + n > DHCP_STR_MAX - 1)
		return status_fail(reason, STATUS_EMALFORMED, too_long);
	memcpy(dst + have, src, n);
	dst[have + n] = '\0';
	return STATUS_OK;
}

static int take_u32(uint32_t *dst, const uint8_t *data, uint8_t n, bool list,
		    const char *bad_len, const char **reason)
{
	if (list ? (n < 4 || n % 4) : n != 4)
		return status_fail(reason, STATUS_EMALFORMED, bad_len);
	*dst = be32_read(data);
	return STATUS_OK;
}

static int take_option(uint8_t code, const uint8_t *d, uint8_t n, bool in_options_field,
		       struct dhcp_reply *r, const char **reason)
{
	switch (code) {
	case DHCP_OPT_MSG_TYPE:
		if (n != 1)
			return status_fail(reason, STATUS_EMALFORMED, "DHCP: message type option (53) is not 1 byte");
		r->msg_type = d[0];
		return STATUS_OK;
	case DHCP_OPT_SUBNET:
		return take_u32(&r->subnet_mask, d, n, false,
				"DHCP: subnet mask option (1) is not 4 bytes", reason);
	case DHCP_OPT_ROUTER:
		return take_u32(&r->router, d, n, true,
				"DHCP: router option (3) is not a list of 4-byte addresses", reason);
	case DHCP_OPT_LEASE:
		return take_u32(&r->lease_secs, d, n, false,
				"DHCP: lease time option (51) is not 4 bytes", reason);
	case DHCP_OPT_SERVER_ID:
		return take_u32(&r->server_id, d, n, false,
				"DHCP: server identifier option (54) is not 4 bytes", reason);
	case DHCP_OPT_OVERLOAD:
		/* RFC 2132 9.3: only meaningful in the options field. */
		if (!in_options_field)
			return STATUS_OK;
		if (n != 1 || d[0] < 1 || d[0] > 3)
			return status_fail(reason, STATUS_EMALFORMED,
					"DHCP: option overload (52) value is not 1, 2 or 3");
		r->overload = d[0];
		return STATUS_OK;
	case DHCP_OPT_BOOTFILE:
		return append_string(r->bootfile, d, n,
				     "DHCP: bootfile name (option 67) is longer than 255 bytes", reason);
	case DHCP_OPT_TFTP_SERVER:
		return append_string(r->tftp_server, d, n,
				     "DHCP: TFTP server name (option 66) is longer than 255 bytes", reason);
	case DHCP_OPT_ROOT_PATH:
		return append_string(r->root_path, d, n,
				     "DHCP: root path (option 17) is longer than 255 bytes", reason);
	case DHCP_OPT_MESSAGE:
		return append_string(r->message, d, n,
				     "DHCP: message option (56) is longer than 255 bytes", reason);
	default:
		return STATUS_OK;	/* not needed for a boot */
	}
}

/* Walks p[0..len): options until End (255) or the end of the field. */
static int walk(const uint8_t *p, size_t len, bool in_options_field, struct dhcp_reply *r,
		const char **reason)
{
	size_t i = 0;
	int rc;

	while (i < len) {
		uint8_t code = p[i++];

		if (code == DHCP_OPT_PAD)
			continue;
		if (code == DHCP_OPT_END)
			return STATUS_OK;
		if (i >= len || p[i] > len - i - 1)
			return status_fail(reason, STATUS_EMALFORMED,
					"DHCP: an option runs past the end of its field");
		rc = take_option(code, p + i + 1, p[i], in_options_field, r, reason);
		if (rc)
			return rc;
		i += 1 + (size_t)p[i];
	}
	return STATUS_OK;
}

int dhcp_parse_options(const uint8_t *msg, size_t len, struct dhcp_reply *r,
		       const char **reason)
{
	int rc;

	rc = walk(msg + DHCP_OPTIONS_OFFSET, len - DHCP_OPTIONS_OFFSET, true, r, reason);
	if (rc == STATUS_OK && (r->overload & 1))
		rc = walk(msg + DHCP_FILE_OFFSET, DHCP_FILE_LEN, false, r, reason);
	if (rc == STATUS_OK && (r->overload & 2))
		rc = walk(msg + DHCP_SNAME_OFFSET, DHCP_SNAME_LEN, false, r, reason);
	return rc;
}
