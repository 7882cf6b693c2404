/* SPDX-License-Identifier: MIT */
/* ARP for IPv4 over Ethernet (RFC 826): the 28-byte packet, and a small
 * cache of resolved addresses. IPv4 addresses are host-order uint32_t
 * values (10.0.2.15 is 0x0a00020f) everywhere in lib/net. */
#ifndef LIB_NET_ARP_H
#define LIB_NET_ARP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/eth.h"

#define ARP_LEN		28
#define ARP_OP_REQUEST	1
#define ARP_OP_REPLY	2
#define ARP_CACHE_SIZE	8

struct arp_packet {
	uint16_t op;
	uint8_t sender_mac[ETH_ALEN];
	uint32_t sender_ip;
	uint8_t target_mac[ETH_ALEN];
	uint32_t target_ip;
};

/* Decodes p[0..len) (trailing padding allowed). Returns STATUS_OK, or
 * STATUS_EMALFORMED with *reason when it is short, not Ethernet/IPv4 with
 * 6- and 4-byte addresses, or neither a request nor a reply. */
int arp_parse(const uint8_t *p, size_t len, struct arp_packet *a, const char **reason);

/* Writes the ARP_LEN bytes of a at p; returns ARP_LEN. */
size_t arp_build(uint8_t *p, const struct arp_packet *a);

/* Resolved addresses; the least recently stored entry is replaced. */
struct arp_cache {
	struct arp_cache_entry {
		uint32_t ip;
		uint8_t mac[ETH_ALEN];
		uint32_t stamp;		/* 0: unused */
	} entries[ARP_CACHE_SIZE];
	uint32_t clock;
};

void arp_cache_init(struct arp_cache *c);
/* Stores or updates ip -> mac. 0.0.0.0 and 255.255.255.255 are ignored. */
void arp_cache_put(struct arp_cache *c, uint32_t ip, const uint8_t mac[ETH_ALEN]);
/* Copies the MAC of ip into mac and returns true when known. */
bool arp_cache_find(const struct arp_cache *c, uint32_t ip, uint8_t mac[ETH_ALEN]);

#endif
