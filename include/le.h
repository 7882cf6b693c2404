/* SPDX-License-Identifier: MIT */
/* Little-endian loads and stores, byte by byte so any alignment works: for
 * on-disk structures (MBR, GPT, ISO 9660) and virtio's shared memory, the
 * counterpart of include/be.h. */
#ifndef INCLUDE_LE_H
#define INCLUDE_LE_H

#include <stdint.h>

static inline uint16_t le16_read(const void *p)
{
	const uint8_t *b = p;
	return (uint16_t)(b[0] | (b[1] << 8));
}
static inline uint32_t le32_read(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) |
	       ((uint32_t)b[3] << 24);
}
static inline uint64_t le64_read(const void *p)
{
	const uint8_t *b = p;
	return le32_read(b) | ((uint64_t)le32_read(b + 4) << 32);
}
static inline void le16_write(void *p, uint16_t v)
{
	uint8_t *b = p;
	b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8);
}
static inline void le32_write(void *p, uint32_t v)
{
	uint8_t *b = p;
	b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16); b[3] = (uint8_t)(v >> 24);
}
static inline void le64_write(void *p, uint64_t v)
{
	le32_write(p, (uint32_t)v);
	le32_write((uint8_t *)p + 4, (uint32_t)(v >> 32));
}

#endif
