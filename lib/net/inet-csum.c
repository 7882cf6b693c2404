/* SPDX-License-Identifier: MIT */
/* Internet checksum (RFC 1071), byte by byte so it is the same on a
 * little-endian host and the big-endian firmware, at any alignment. */
#include "net/inet-csum.h"

uint32_t inet_csum_add(uint32_t sum, const void *p, size_t len)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (len & 1)
		sum += (uint32_t)b[len - 1] << 8;
	return sum;
}

uint16_t inet_csum_finish(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}
