/* SPDX-License-Identifier: MIT */
/* Little-endian helpers for virtio (virtio 1.x section 1.4: every field the
 * device shares with the driver is little-endian), so the same code runs on
 * the big-endian firmware and the little-endian test host. */
#ifndef LIB_VIRTIO_VIRTIO_LE_H
#define LIB_VIRTIO_VIRTIO_LE_H

#include <stdint.h>

#include "le.h"

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
