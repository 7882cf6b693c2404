/* SPDX-License-Identifier: MIT */
/* The PAPR interpartition logical LAN (spapr-vlan, ibmveth) as QEMU's
 * hw/net/spapr_llan.c and Linux's ibmveth implement it: the 8-byte
 * buffer descriptor, the 16-byte receive queue entry, the buffer list
 * page, the MAC argument of H_REGISTER_LOGICAL_LAN and the node's
 * local-mac-address. Layout only; no hypercalls here. */
#ifndef LIB_VLAN_VLAN_WIRE_H
#define LIB_VLAN_VLAN_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

/* Hypercall numbers (PAPR; QEMU spapr.h, Linux hvcall.h). */
#define H_REGISTER_LOGICAL_LAN		0x114
#define H_FREE_LOGICAL_LAN		0x118
#define H_ADD_LOGICAL_LAN_BUFFER	0x11c
#define H_SEND_LOGICAL_LAN		0x120

/* Buffer descriptor, one big-endian doubleword: bit 63 valid, bit 62
 * toggle (receive queue descriptor only), bits 57/56 no-checksum and
 * checksum-good, bits 55..32 length (24 bits), bits 31..0 I/O address. */
#define VLAN_BD_VALID		0x8000000000000000ull
#define VLAN_BD_TOGGLE		0x4000000000000000ull
#define VLAN_BD_LEN_MAX		0xffffffu

uint64_t vlan_bd(uint32_t ioba, uint32_t len);
static inline uint32_t vlan_bd_len(uint64_t bd)
{
	return (uint32_t)(bd >> 32) & VLAN_BD_LEN_MAX;
}
static inline uint32_t vlan_bd_addr(uint64_t bd)
{
	return (uint32_t)bd;
}

/* The buffer list: one 4096-byte, 4096-aligned page. Doubleword 0 is the
 * receive queue descriptor (the hypervisor flips its toggle bit when it
 * wraps the queue), doubleword 1 the filter list descriptor, then receive
 * buffer descriptors; the last doubleword counts frames dropped for want
 * of a buffer. */
#define VLAN_PAGE		4096u
#define VLAN_BUFLIST_RXQ	0u
#define VLAN_BUFLIST_FILTER	8u
#define VLAN_BUFLIST_BUFS	16u
#define VLAN_BUFLIST_DROPPED	(VLAN_PAGE - 8u)

/* Receive queue entry, 16 bytes, written by the hypervisor: byte 0
 * control (0x80 toggle, 0x40 valid, 0x02 no checksum, 0x01 checksum
 * good), byte 1 reserved, be16 offset of the frame in its buffer (QEMU:
 * 8), be32 frame length, then 8 bytes copied from the first 8 bytes of
 * the receive buffer: the driver's correlator. */
#define VLAN_RXQ_ENTRY		16u
#define VLAN_RXQ_TOGGLE		0x80u
#define VLAN_RXQ_VALID		0x40u
/* A receive buffer holds the correlator, then the frame. */
#define VLAN_RX_FRAME_OFFSET	8u

struct vlan_rxq_entry {
	uint8_t control;
	uint16_t offset;
	uint32_t length;
	uint64_t correlator;
};

void vlan_rxq_decode(const uint8_t in[VLAN_RXQ_ENTRY], struct vlan_rxq_entry *e);
void vlan_rxq_encode(uint8_t out[VLAN_RXQ_ENTRY], const struct vlan_rxq_entry *e);

/* The MAC argument of H_REGISTER_LOGICAL_LAN: the six bytes as the low
 * 48 bits of a number, the first byte most significant (Linux
 * ether_addr_to_u64). */
uint64_t vlan_mac_arg(const uint8_t mac[6]);

/* The node's local-mac-address: QEMU gives 6 bytes, or 8 with the MAC in
 * the last six (for pre-3.10 Linux) when the first byte's low two bits
 * are not 0b10. Returns 0, or STATUS_EMALFORMED with *reason for any
 * other length. */
int vlan_mac_from_property(const uint8_t *prop, size_t len, uint8_t mac[6], const char **reason);

#endif
