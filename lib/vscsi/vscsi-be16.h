/* SPDX-License-Identifier: MIT */
/* 16-bit big-endian fields (include/be.h has the 32- and 64-bit ones),
 * for the CRQ and SRP encoders of lib/vscsi. */
#ifndef LIB_VSCSI_VSCSI_BE16_H
#define LIB_VSCSI_VSCSI_BE16_H

#include <stdint.h>

static inline uint16_t vscsi_be16_read(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)((b[0] << 8) | b[1]);
}

static inline void vscsi_be16_write(void *p, uint16_t v)
{
	uint8_t *b = p;

	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

#endif
