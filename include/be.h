/* SPDX-License-Identifier: MIT */
/* Big-endian loads and stores: every FDT cell, client-interface argument and
 * CAS field goes through these, so code behaves the same on an LE host. */
#ifndef INCLUDE_BE_H
#define INCLUDE_BE_H

#include <stdint.h>

static inline uint16_t be16_read(const void *p)
{
	const uint8_t *b = p;
	return (uint16_t)((b[0] << 8) | b[1]);
}
static inline void be16_write(void *p, uint16_t v)
{
	uint8_t *b = p;
	b[0] = (uint8_t)(v >> 8); b[1] = (uint8_t)v;
}
static inline uint32_t be32_read(const void *p)
{
	const uint8_t *b = p;
	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
	       ((uint32_t)b[2] << 8) | b[3];
}
static inline uint64_t be64_read(const void *p)
{
	const uint8_t *b = p;
	return ((uint64_t)be32_read(b) << 32) | be32_read(b + 4);
}
static inline void be32_write(void *p, uint32_t v)
{
	uint8_t *b = p;
	b[0] = v >> 24; b[1] = v >> 16; b[2] = v >> 8; b[3] = v;
}
static inline void be64_write(void *p, uint64_t v)
{
	be32_write(p, (uint32_t)(v >> 32));
	be32_write((uint8_t *)p + 4, (uint32_t)v);
}

#endif
