/* SPDX-License-Identifier: MIT */
/* IPv4 headers (RFC 791): parse with checksum and length checks, build a
 * 20-byte header without options. Fragments are not reassembled: a boot
 * over UDP with block sizes below the MTU never needs them. */
#ifndef LIB_NET_IPV4_H
#define LIB_NET_IPV4_H

#include <stddef.h>
#include <stdint.h>

#define IPV4_HLEN	20
#define IPV4_PROTO_UDP	17
#define IPV4_BROADCAST	0xffffffffu

struct ipv4_hdr {
	uint32_t src, dst;
	uint8_t proto;
	uint8_t ttl;
	uint16_t id;
	size_t hdr_len;		/* 20..60 */
	size_t total_len;	/* header + payload, as the header says */
};

/* Decodes p[0..len): version 4, header length 20..60 and within len,
 * total length within len (Ethernet padding past it is ignored), header
 * checksum, and neither "more fragments" nor a fragment offset. Returns
 * STATUS_OK with the payload, or STATUS_EMALFORMED with *reason. */
int ipv4_parse(const uint8_t *p, size_t len, struct ipv4_hdr *h,
	       const uint8_t **payload, size_t *payload_len, const char **reason);

/* Writes a 20-byte header (TTL 64, don't-fragment set, checksum filled)
 * for payload_len bytes that follow it; returns IPV4_HLEN. payload_len
 * must be at most 65515. */
size_t ipv4_build(uint8_t *p, uint32_t src, uint32_t dst, uint8_t proto,
		  uint16_t id, size_t payload_len);

/* Writes "a.b.c.d" (at most 16 bytes with the NUL) into buf. */
void ipv4_format(uint32_t ip, char buf[16]);

/* Parses a dotted quad "a.b.c.d" (exactly four decimal parts 0..255, no
 * other characters). Returns STATUS_OK or STATUS_EMALFORMED. */
int ipv4_parse_dotted(const char *s, uint32_t *ip);

#endif
