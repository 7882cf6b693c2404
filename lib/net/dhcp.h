/* SPDX-License-Identifier: MIT */
/* DHCP client messages (RFC 2131 over the BOOTP layout of RFC 951, options
 * of RFC 2132): DISCOVER and REQUEST built, OFFER/ACK/NAK parsed with the
 * options a network boot needs. */
#ifndef LIB_NET_DHCP_H
#define LIB_NET_DHCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP_SERVER_PORT	67
#define DHCP_CLIENT_PORT	68

#define DHCP_FIXED_LEN		236	/* op .. file */
#define DHCP_OPTIONS_OFFSET	240	/* after the magic cookie */
#define DHCP_MSG_MIN		300	/* RFC 951 size: some servers want no less */
#define DHCP_MSG_MAX		1472	/* fills a 1500-byte MTU */
#define DHCP_SNAME_OFFSET	44
#define DHCP_SNAME_LEN		64
#define DHCP_FILE_OFFSET	108
#define DHCP_FILE_LEN		128
#define DHCP_STR_MAX		256	/* strings kept, NUL included */

enum dhcp_msg_type {
	DHCP_DISCOVER = 1, DHCP_OFFER = 2, DHCP_REQUEST = 3, DHCP_DECLINE = 4,
	DHCP_ACK = 5, DHCP_NAK = 6, DHCP_RELEASE = 7, DHCP_INFORM = 8,
};

/* Option codes (RFC 2132) this client asks for or reads. */
enum dhcp_option {
	DHCP_OPT_PAD = 0, DHCP_OPT_SUBNET = 1, DHCP_OPT_ROUTER = 3, DHCP_OPT_DNS = 6,
	DHCP_OPT_HOSTNAME = 12, DHCP_OPT_DOMAIN = 15, DHCP_OPT_ROOT_PATH = 17,
	DHCP_OPT_REQUESTED_IP = 50, DHCP_OPT_LEASE = 51, DHCP_OPT_OVERLOAD = 52,
	DHCP_OPT_MSG_TYPE = 53, DHCP_OPT_SERVER_ID = 54, DHCP_OPT_PARAMS = 55,
	DHCP_OPT_MESSAGE = 56, DHCP_OPT_MAX_SIZE = 57, DHCP_OPT_TFTP_SERVER = 66,
	DHCP_OPT_BOOTFILE = 67, DHCP_OPT_END = 255,
};

/* What a client sends. */
struct dhcp_request {
	uint8_t type;			/* DHCP_DISCOVER or DHCP_REQUEST */
	uint32_t xid;
	uint8_t mac[6];
	uint16_t secs;			/* seconds since the client started */
	uint32_t requested_ip;		/* REQUEST: option 50 (0: none) */
	uint32_t server_id;		/* REQUEST: option 54 (0: none) */
};

/* What a server answered. Strings are NUL-terminated, "" when absent. */
struct dhcp_reply {
	uint8_t msg_type;		/* option 53 */
	uint32_t yiaddr;		/* the address offered */
	uint32_t siaddr;		/* BOOTP next server (0: none) */
	uint32_t server_id;		/* option 54 (0: none) */
	uint32_t subnet_mask;		/* option 1 (0: none) */
	uint32_t router;		/* option 3, first address (0: none) */
	uint32_t lease_secs;		/* option 51 (0: none) */
	uint8_t overload;		/* option 52: 1 file, 2 sname, 3 both */
	char bootfile[DHCP_STR_MAX];	/* option 67, else the file field */
	char tftp_server[DHCP_STR_MAX];	/* option 66, else the sname field */
	char root_path[DHCP_STR_MAX];	/* option 17 */
	char message[DHCP_STR_MAX];	/* option 56 (a NAK's explanation) */
};

/* Builds req as a BOOTREQUEST into buf (cap >= DHCP_MSG_MIN), broadcast
 * flag set, with options 53, 57, 55 (and 50, 54 when non-zero), padded to
 * DHCP_MSG_MIN bytes. Returns the length, or 0 when cap is too small. */
size_t dhcp_build(uint8_t *buf, size_t cap, const struct dhcp_request *req);

/* Decodes the BOOTREPLY msg[0..len) answering transaction xid from the
 * client with hardware address mac. Returns STATUS_OK and fills *r;
 * STATUS_ENOTOURS with *reason when it answers another xid or client;
 * STATUS_EMALFORMED with *reason when it is short, not a reply, lacks the
 * magic cookie or a message type, or an option is malformed (runs past
 * its field, a wrong fixed length, an overload value other than 1..3, a
 * string longer than DHCP_STR_MAX - 1 bytes). */
int dhcp_parse_reply(const uint8_t *msg, size_t len, uint32_t xid, const uint8_t mac[6],
		     struct dhcp_reply *r, const char **reason);

/* Only the option walk of dhcp_parse_reply (options field, then the file
 * and sname fields when option 52 overloads them), for a message of at
 * least DHCP_OPTIONS_OFFSET bytes whose cookie was checked. Fills the
 * option-derived members of *r (r must be zeroed first). */
int dhcp_parse_options(const uint8_t *msg, size_t len, struct dhcp_reply *r,
		       const char **reason);

/* The TFTP server a reply names: option 66 when it is a dotted quad, else
 * siaddr, else the server identifier; 0 when none. */
uint32_t dhcp_reply_tftp_server(const struct dhcp_reply *r);

#endif
