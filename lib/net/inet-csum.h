/* SPDX-License-Identifier: MIT */
/* The Internet checksum (RFC 1071): 16-bit ones' complement sum of the
 * data taken as big-endian words, as IPv4 headers and UDP use it. */
#ifndef LIB_NET_INET_CSUM_H
#define LIB_NET_INET_CSUM_H

#include <stddef.h>
#include <stdint.h>

/* Adds len bytes at p to the running sum. Only the last piece of a
 * checksummed range may have an odd length (it is padded with a zero
 * byte, RFC 768). Sums of up to 128 KiB cannot overflow. */
uint32_t inet_csum_add(uint32_t sum, const void *p, size_t len);

/* Folds the carries in and returns the ones' complement: the value to
 * store in a checksum field; 0 when the summed range already holds a
 * correct checksum. */
uint16_t inet_csum_finish(uint32_t sum);

#endif
