/* SPDX-License-Identifier: MIT */
/* DHCP client messages: DISCOVER/REQUEST in the BOOTP layout (RFC 2131
 * section 2, table 1), and the checks on a server's reply. */
#include <string.h>

#include "be.h"
#include "net/dhcp.h"
#include "net/ipv4.h"
#include "status/status.h"

static const uint8_t dhcp_cookie[4] = { 99, 130, 83, 99 };	/* RFC 2132 section 2 */

/* Options a network boot reads, asked for in option 55. */
static const uint8_t dhcp_wanted[] = {
	DHCP_OPT_SUBNET, DHCP_OPT_ROUTER, DHCP_OPT_DNS, DHCP_OPT_DOMAIN,
	DHCP_OPT_ROOT_PATH, DHCP_OPT_LEASE, DHCP_OPT_SERVER_ID,
	DHCP_OPT_TFTP_SERVER, DHCP_OPT_BOOTFILE,
};

static uint8_t *put_u32_option(uint8_t *q, uint8_t code, uint32_t v)
{
	q[0] = code;
	q[1] = 4;
	be32_write(q + 2, v);
	return q + 6;
}

size_t dhcp_build(uint8_t *buf, size_t cap, const struct dhcp_request *req)
{
	uint8_t *q;

	if (cap < DHCP_MSG_MIN)
		return 0;
	memset(buf, 0, DHCP_MSG_MIN);
	buf[0] = 1;			/* BOOTREQUEST */
	buf[1] = 1;			/* Ethernet */
	buf[2] = 6;
	be32_write(buf + 4, req->xid);
	be16_write(buf + 8, req->secs);
	/* Broadcast flag: until it has a lease the client accepts replies to
	 * 255.255.255.255 whatever the server's habit (RFC 2131 4.1). */
	be16_write(buf + 10, 0x8000);
	memcpy(buf + 28, req->mac, 6);
	memcpy(buf + 236, dhcp_cookie, 4);
	q = buf + DHCP_OPTIONS_OFFSET;
	*q++ = DHCP_OPT_MSG_TYPE;
	*q++ = 1;
	*q++ = req->type;
	*q++ = DHCP_OPT_MAX_SIZE;
	*q++ = 2;
	be16_write(q, DHCP_MSG_MAX);
	q += 2;
	if (req->requested_ip)
		q = put_u32_option(q, DHCP_OPT_REQUESTED_IP, req->requested_ip);
	if (req->server_id)
		q = put_u32_option(q, DHCP_OPT_SERVER_ID, req->server_id);
	*q++ = DHCP_OPT_PARAMS;
	*q++ = sizeof(dhcp_wanted);
	memcpy(q, dhcp_wanted, sizeof(dhcp_wanted));
	q += sizeof(dhcp_wanted);
	*q = DHCP_OPT_END;
	return DHCP_MSG_MIN;
}

/* Copies a fixed-size BOOTP string field (NUL-terminated, or filling the
 * field) into dst when dst is still empty. */
static void take_field(char *dst, const uint8_t *field, size_t n)
{
	const uint8_t *nul = memchr(field, 0, n);

	if (dst[0])
		return;
	if (nul)
		n = (size_t)(nul - field);
	memcpy(dst, field, n);
	dst[n] = '\0';
}

int dhcp_parse_reply(const uint8_t *msg, size_t len, uint32_t xid, const uint8_t mac[6],
		     struct dhcp_reply *r, const char **reason)
{
	int rc;

	memset(r, 0, sizeof(*r));
	if (len < DHCP_OPTIONS_OFFSET)
		return status_fail(reason, STATUS_EMALFORMED,
				"DHCP: message shorter than the BOOTP header and magic cookie (240 bytes)");
	if (msg[0] != 2)
		return status_fail(reason, STATUS_EMALFORMED, "DHCP: not a BOOTP reply (op is not 2)");
	if (be32_read(msg + 4) != xid)
		return status_fail(reason, STATUS_ENOTOURS, "DHCP: reply to another transaction id");
	if (msg[1] != 1 || msg[2] != 6 || memcmp(msg + 28, mac, 6) != 0)
		return status_fail(reason, STATUS_ENOTOURS, "DHCP: reply to another client hardware address");
	if (memcmp(msg + 236, dhcp_cookie, 4) != 0)
		return status_fail(reason, STATUS_EMALFORMED, "DHCP: magic cookie 99.130.83.99 missing");
	rc = dhcp_parse_options(msg, len, r, reason);
	if (rc)
		return rc;
	if (r->msg_type == 0)
		return status_fail(reason, STATUS_EMALFORMED, "DHCP: reply has no message type (option 53)");
	r->yiaddr = be32_read(msg + 16);
	r->siaddr = be32_read(msg + 20);
	/* RFC 2132 9.5: the fields hold names only when not overloaded. */
	if (!(r->overload & 1))
		take_field(r->bootfile, msg + DHCP_FILE_OFFSET, DHCP_FILE_LEN);
	if (!(r->overload & 2))
		take_field(r->tftp_server, msg + DHCP_SNAME_OFFSET, DHCP_SNAME_LEN);
	return STATUS_OK;
}

uint32_t dhcp_reply_tftp_server(const struct dhcp_reply *r)
{
	uint32_t ip;

	if (r->tftp_server[0] && ipv4_parse_dotted(r->tftp_server, &ip) == STATUS_OK && ip)
		return ip;
	if (r->siaddr)
		return r->siaddr;
	return r->server_id;
}
