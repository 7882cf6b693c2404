/* SPDX-License-Identifier: MIT */
/* Little-endian helpers for virtio (virtio 1.x section 1.4: every field the
 * device shares with the driver is little-endian), so the same code runs on
 * the big-endian firmware and the little-endian test host. */
#ifndef LIB_VIRTIO_VIRTIO_LE_H
#define LIB_VIRTIO_VIRTIO_LE_H

#include <stdint.h>

static inline uint16_t virtio_le16_read(const void *p)
{
	const uint8_t *b = p;
	return (uint16_t)(b[0] | (b[1] << 8));
}
static inline uint32_t virtio_le32_read(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) |
	       ((uint32_t)b[3] << 24);
}
static inline uint64_t virtio_le64_read(const void *p)
{
	return (uint64_t)virtio_le32_read(p) |
	       ((uint64_t)virtio_le32_read((const uint8_t *)p + 4) << 32);
}
static inline void virtio_le16_write(void *p, uint16_t v)
{
	uint8_t *b = p;
	b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8);
}
static inline void virtio_le32_write(void *p, uint32_t v)
{
	uint8_t *b = p;
	b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16); b[3] = (uint8_t)(v >> 24);
}
static inline void virtio_le64_write(void *p, uint64_t v)
{
	virtio_le32_write(p, (uint32_t)v);
	virtio_le32_write((uint8_t *)p + 4, (uint32_t)(v >> 32));
}

/* Byte swaps, for register values that travel as big-endian loads. */
static inline uint16_t virtio_swab16(uint16_t v)
{
	return (uint16_t)((v >> 8) | (v << 8));
}
static inline uint32_t virtio_swab32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
}

/* A 16-bit ring index must reach memory in one store (the device may read
 * it at any time): the native value whose memory image is v little-endian. */
static inline uint16_t virtio_cpu_to_le16(uint16_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return virtio_swab16(v);
#else
	return v;
#endif
}
#define virtio_le16_to_cpu virtio_cpu_to_le16

#endif
