/* SPDX-License-Identifier: MIT */
/* UDP (RFC 768): the checksum covers a pseudo-header of source, destination,
 * protocol 17 and the UDP length, then the header and payload. */
#include "be.h"
#include "net/inet-csum.h"
#include "net/ipv4.h"
#include "status/status.h"
#include "net/udp.h"

static uint32_t pseudo_header_sum(uint32_t src, uint32_t dst, uint16_t udp_len)
{
	uint8_t ph[12];

	be32_write(ph, src);
	be32_write(ph + 4, dst);
	ph[8] = 0;
	ph[9] = IPV4_PROTO_UDP;
	be16_write(ph + 10, udp_len);
	return inet_csum_add(0, ph, sizeof(ph));
}

int udp_parse(uint32_t src, uint32_t dst, const uint8_t *seg, size_t len,
	      struct udp_hdr *h, const uint8_t **payload, size_t *payload_len,
	      const char **reason)
{
	if (len < UDP_HLEN)
		return status_fail(reason, STATUS_EMALFORMED, "UDP: datagram shorter than its 8-byte header");
	h->src_port = be16_read(seg);
	h->dst_port = be16_read(seg + 2);
	h->len = be16_read(seg + 4);
	if (h->len < UDP_HLEN || h->len > len)
		return status_fail(reason, STATUS_EMALFORMED,
				"UDP: length field is below 8 or longer than the IPv4 payload");
	if (be16_read(seg + 6) != 0 &&
	    inet_csum_finish(inet_csum_add(pseudo_header_sum(src, dst, h->len), seg, h->len)) != 0)
		return status_fail(reason, STATUS_EMALFORMED, "UDP: checksum mismatch");
	*payload = seg + UDP_HLEN;
	*payload_len = h->len - UDP_HLEN;
	return STATUS_OK;
}

size_t udp_build(uint8_t *seg, uint32_t src, uint32_t dst, uint16_t src_port,
		 uint16_t dst_port, size_t payload_len)
{
	uint16_t len = (uint16_t)(UDP_HLEN + payload_len);
	uint16_t csum;

	be16_write(seg, src_port);
	be16_write(seg + 2, dst_port);
	be16_write(seg + 4, len);
	be16_write(seg + 6, 0);
	csum = inet_csum_finish(inet_csum_add(pseudo_header_sum(src, dst, len), seg, len));
	be16_write(seg + 6, csum ? csum : 0xffff);
	return len;
}
