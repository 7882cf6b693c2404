/* SPDX-License-Identifier: MIT */
/* CRC-32 with the IEEE 802.3 polynomial, reflected, as zlib's crc32: what
 * GPT headers and entry arrays carry (UEFI 2.x section 5.3) and what romfs
 * archives store per file. */
#ifndef LIB_CRC32_CRC32_H
#define LIB_CRC32_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32 of buf[0..len) continuing from crc: start with 0 and pass the
 * previous result to continue over several pieces. Cannot fail. */
uint32_t crc32_ieee(uint32_t crc, const void *buf, size_t len);

#endif
