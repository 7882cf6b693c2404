/* SPDX-License-Identifier: MIT */
/* IPv4 header parse and build (RFC 791 section 3.1), checksum per
 * RFC 1071. */
#include <stdio.h>

#include "be.h"
#include "net/inet-csum.h"
#include "net/ipv4.h"
#include "status/status.h"

#define IPV4_FLAG_DF		0x4000
#define IPV4_FLAG_MF		0x2000
#define IPV4_OFFSET_MASK	0x1fff

int ipv4_parse(const uint8_t *p, size_t len, struct ipv4_hdr *h,
	       const uint8_t **payload, size_t *payload_len, const char **reason)
{
	uint16_t frag;

	if (len < IPV4_HLEN)
		return status_fail(reason, STATUS_EMALFORMED, "IPv4: packet shorter than its 20-byte header");
	if ((p[0] >> 4) != 4)
		return status_fail(reason, STATUS_EMALFORMED, "IPv4: version is not 4");
	h->hdr_len = (size_t)(p[0] & 0xf) * 4;
	if (h->hdr_len < IPV4_HLEN)
		return status_fail(reason, STATUS_EMALFORMED, "IPv4: header length below 20 bytes");
	if (h->hdr_len > len)
		return status_fail(reason, STATUS_EMALFORMED, "IPv4: header runs past the end of the frame");
	h->total_len = be16_read(p + 2);
	if (h->total_len < h->hdr_len || h->total_len > len)
		return status_fail(reason, STATUS_EMALFORMED,
				"IPv4: total length is shorter than the header or longer than the frame");
	if (inet_csum_finish(inet_csum_add(0, p, h->hdr_len)) != 0)
		return status_fail(reason, STATUS_EMALFORMED, "IPv4: header checksum mismatch");
	frag = be16_read(p + 6);
	if ((frag & IPV4_FLAG_MF) || (frag & IPV4_OFFSET_MASK))
		return status_fail(reason, STATUS_EMALFORMED, "IPv4: fragmented packet (fragments are not supported)");
	h->id = be16_read(p + 4);
	h->ttl = p[8];
	h->proto = p[9];
	h->src = be32_read(p + 12);
	h->dst = be32_read(p + 16);
	*payload = p + h->hdr_len;
	*payload_len = h->total_len - h->hdr_len;
	return STATUS_OK;
}

size_t ipv4_build(uint8_t *p, uint32_t src, uint32_t dst, uint8_t proto,
		  uint16_t id, size_t payload_len)
{
	p[0] = 0x45;		/* version 4, 5 words */
	p[1] = 0;		/* type of service */
	be16_write(p + 2, (uint16_t)(IPV4_HLEN + payload_len));
	be16_write(p + 4, id);
	/* We never send more than the MTU, so nobody needs to fragment. */
	be16_write(p + 6, IPV4_FLAG_DF);
	p[8] = 64;
	p[9] = proto;
	be16_write(p + 10, 0);
	be32_write(p + 12, src);
	be32_write(p + 16, dst);
	be16_write(p + 10, inet_csum_finish(inet_csum_add(0, p, IPV4_HLEN)));
	return IPV4_HLEN;
}

void ipv4_format(uint32_t ip, char buf[16])
{
	snprintf(buf, 16, "%u.%u.%u.%u", (unsigned)(ip >> 24), (unsigned)(ip >> 16 & 0xff),
		 (unsigned)(ip >> 8 & 0xff), (unsigned)(ip & 0xff));
}

int ipv4_parse_dotted(const char *s, uint32_t *ip)
{
	uint32_t v = 0;
	unsigned part, digits;
	int i;

	for (i = 0; i < 4; i++) {
		part = 0;
		digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			part = part * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || part > 255)
			return STATUS_EMALFORMED;
		v = v << 8 | part;
		if (i < 3 && *s++ != '.')
			return STATUS_EMALFORMED;
	}
	if (*s != '\0')
		return STATUS_EMALFORMED;
	*ip = v;
	return STATUS_OK;
}
