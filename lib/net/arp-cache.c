/* SPDX-License-Identifier: MIT */
/* A few resolved IPv4 -> Ethernet addresses. A boot talks to one or two
 * hosts (the DHCP/TFTP server, a router), so a linear table is plenty. */
#include <string.h>

#include "net/arp.h"

void arp_cache_init(struct arp_cache *c)
{
	memset(c, 0, sizeof(*c));
}

void arp_cache_put(struct arp_cache *c, uint32_t ip, const uint8_t mac[ETH_ALEN])
{
	struct arp_cache_entry *slot = &c->entries[0];
	unsigned i;

	if (ip == 0 || ip == 0xffffffffu)
		return;
	for (i = 0; i < ARP_CACHE_SIZE; i++) {
		struct arp_cache_entry *e = &c->entries[i];

		if (e->stamp && e->ip == ip) {
			slot = e;
			break;
		}
		if (e->stamp < slot->stamp)
			slot = e;	/* unused (0) or older */
	}
	slot->ip = ip;
	memcpy(slot->mac, mac, ETH_ALEN);
	slot->stamp = ++c->clock;
	if (c->clock == 0xffffffffu) {
		/* Restart the ages before they wrap to "unused". */
		for (i = 0; i < ARP_CACHE_SIZE; i++)
			if (c->entries[i].stamp)
				c->entries[i].stamp = 1;
		c->clock = slot->stamp = 2;
	}
}

bool arp_cache_find(const struct arp_cache *c, uint32_t ip, uint8_t mac[ETH_ALEN])
{
	unsigned i;

	for (i = 0; i < ARP_CACHE_SIZE; i++) {
		if (c->entries[i].stamp && c->entries[i].ip == ip) {
			memcpy(mac, c->entries[i].mac, ETH_ALEN);
			return true;
		}
	}
	return false;
}
