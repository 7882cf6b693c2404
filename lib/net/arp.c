/* SPDX-License-Identifier: MIT */
/* ARP packet parse and build (RFC 826; hardware type 1 = Ethernet,
 * protocol type 0x0800 = IPv4). */
#include <string.h>

#include "be.h"
#include "net/arp.h"
#include "status/status.h"

int arp_parse(const uint8_t *p, size_t len, struct arp_packet *a, const char **reason)
{
	if (len < ARP_LEN)
		return status_fail(reason, STATUS_EMALFORMED, "ARP: packet shorter than 28 bytes");
	if (be16_read(p) != 1 || be16_read(p + 2) != ETH_TYPE_IPV4 || p[4] != ETH_ALEN || p[5] != 4)
		return status_fail(reason, STATUS_EMALFORMED,
				"ARP: not Ethernet/IPv4 (hardware 1, protocol 0x0800, lengths 6 and 4)");
	a->op = be16_read(p + 6);
	if (a->op != ARP_OP_REQUEST && a->op != ARP_OP_REPLY)
		return status_fail(reason, STATUS_EMALFORMED, "ARP: operation is neither request (1) nor reply (2)");
	memcpy(a->sender_mac, p + 8, ETH_ALEN);
	a->sender_ip = be32_read(p + 14);
	memcpy(a->target_mac, p + 18, ETH_ALEN);
	a->target_ip = be32_read(p + 24);
	return STATUS_OK;
}

size_t arp_build(uint8_t *p, const struct arp_packet *a)
{
	be16_write(p, 1);
	be16_write(p + 2, ETH_TYPE_IPV4);
	p[4] = ETH_ALEN;
	p[5] = 4;
	be16_write(p + 6, a->op);
	memcpy(p + 8, a->sender_mac, ETH_ALEN);
	be32_write(p + 14, a->sender_ip);
	memcpy(p + 18, a->target_mac, ETH_ALEN);
	be32_write(p + 24, a->target_ip);
	return ARP_LEN;
}
