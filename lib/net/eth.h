/* SPDX-License-Identifier: MIT */
/* Ethernet II frames (IEEE 802.3 with an EtherType): the 14-byte header,
 * without the FCS, which network devices add and strip themselves. */
#ifndef LIB_NET_ETH_H
#define LIB_NET_ETH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ETH_ALEN	6
#define ETH_HLEN	14
#define ETH_MTU		1500
#define ETH_FRAME_MAX	(ETH_HLEN + ETH_MTU)
#define ETH_FRAME_MIN	60	/* shorter frames are padded with zeros */

#define ETH_TYPE_IPV4	0x0800
#define ETH_TYPE_ARP	0x0806

extern const uint8_t eth_broadcast[ETH_ALEN];

struct eth_hdr {
	uint8_t dst[ETH_ALEN];
	uint8_t src[ETH_ALEN];
	uint16_t type;
};

/* Splits frame[0..len) into its header and payload. Returns STATUS_OK, or
 * STATUS_EMALFORMED with *reason when the frame is shorter than the header
 * or carries an 802.3 length instead of an EtherType (< 0x0600). The
 * payload may include the padding of short frames. */
int eth_parse(const uint8_t *frame, size_t len, struct eth_hdr *h,
	      const uint8_t **payload, size_t *payload_len, const char **reason);

/* Writes the 14-byte header at frame; returns ETH_HLEN. */
size_t eth_build(uint8_t *frame, const uint8_t dst[ETH_ALEN],
		 const uint8_t src[ETH_ALEN], uint16_t type);

bool eth_addr_equal(const uint8_t *a, const uint8_t *b);

#endif
