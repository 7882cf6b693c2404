/* SPDX-License-Identifier: MIT */
/* Physical memory ownership: which RAM the firmware, QEMU's images and
 * clients have claimed. Every change rewrites /memory "available". */
#ifndef SLOF_CLAIM_H
#define SLOF_CLAIM_H

#include <stdbool.h>
#include <stdint.h>

#define CLAIM_MAX_RANGES 256

/* Reads RAM from every device_type "memory" node's "reg". Returns 0, or -1
 * if the tree describes no RAM. */
int claim_init(void);

/* Claims exactly [addr, addr+size). Returns 0, or -1 if it is not all RAM,
 * overlaps a claimed range, or the table is full. */
int claim_range(uint64_t addr, uint64_t size);

/* Claims size bytes aligned to align (a power of two) at the lowest free
 * address that fits below limit. Returns 0 and *addr, or -1. */
int claim_alloc(uint64_t size, uint64_t align, uint64_t limit, uint64_t *addr);

/* Releases [addr, addr+size), which must lie inside claimed memory.
 * Returns 0 or -1. */
int claim_release(uint64_t addr, uint64_t size);

/* Client ownership: ranges a client claimed (or the firmware loaded it
 * into) are given back when it exits, so the next boot can use them. */
void claim_mark_client(uint64_t addr, uint64_t size);
void claim_unmark_client(uint64_t addr, uint64_t size);
/* Releases every marked range; returns how many bytes came back. */
uint64_t claim_release_client(void);

bool claim_is_ram(uint64_t addr, uint64_t size);
bool claim_is_free(uint64_t addr, uint64_t size);
uint64_t claim_ram_total(void);

#endif
