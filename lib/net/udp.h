/* SPDX-License-Identifier: MIT */
/* UDP over IPv4 (RFC 768): parse with the length and pseudo-header
 * checksum checks, build with the checksum filled in. */
#ifndef LIB_NET_UDP_H
#define LIB_NET_UDP_H

#include <stddef.h>
#include <stdint.h>

#define UDP_HLEN	8

struct udp_hdr {
	uint16_t src_port, dst_port;
	uint16_t len;		/* header + payload */
};

/* Decodes the datagram seg[0..len) that IPv4 carried from src to dst.
 * Checks the length field (8..len; bytes past it are ignored) and, unless
 * the checksum field is 0 ("no checksum", RFC 768), the checksum over the
 * pseudo-header and the datagram. Returns STATUS_OK with the payload, or
 * STATUS_EMALFORMED with *reason. */
int udp_parse(uint32_t src, uint32_t dst, const uint8_t *seg, size_t len,
	      struct udp_hdr *h, const uint8_t **payload, size_t *payload_len,
	      const char **reason);

/* Writes the 8-byte header at seg for the payload_len bytes already at
 * seg + UDP_HLEN and fills the checksum (0xffff when it computes to 0,
 * since 0 means "none"). Returns UDP_HLEN + payload_len. */
size_t udp_build(uint8_t *seg, uint32_t src, uint32_t dst, uint16_t src_port,
		 uint16_t dst_port, size_t payload_len);

#endif
