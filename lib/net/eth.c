/* SPDX-License-Identifier: MIT */
/* Ethernet II header parse and build (IEEE 802.3 clause 3, EtherType
 * values from IEEE's registry: 0x0800 IPv4, 0x0806 ARP). */
#include <string.h>

#include "be.h"
#include "net/eth.h"
#include "status/status.h"

const uint8_t eth_broadcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

bool eth_addr_equal(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, ETH_ALEN) == 0;
}

int eth_parse(const uint8_t *frame, size_t len, struct eth_hdr *h,
	      const uint8_t **payload, size_t *payload_len, const char **reason)
{
	if (len < ETH_HLEN)
		return status_fail(reason, STATUS_EMALFORMED,
				"Ethernet: frame shorter than its 14-byte header");
	memcpy(h->dst, frame, ETH_ALEN);
	memcpy(h->src, frame + ETH_ALEN, ETH_ALEN);
	h->type = be16_read(frame + 12);
	if (h->type < 0x0600)
		return status_fail(reason, STATUS_EMALFORMED,
				"Ethernet: 802.3 length field instead of an EtherType");
	*payload = frame + ETH_HLEN;
	*payload_len = len - ETH_HLEN;
	return STATUS_OK;
}

size_t eth_build(uint8_t *frame, const uint8_t dst[ETH_ALEN],
		 const uint8_t src[ETH_ALEN], uint16_t type)
{
	memcpy(frame, dst, ETH_ALEN);
	memcpy(frame + ETH_ALEN, src, ETH_ALEN);
	be16_write(frame + 12, type);
	return ETH_HLEN;
}
