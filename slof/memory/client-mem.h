/* SPDX-License-Identifier: MIT */
/* Access to client memory named by 32-bit client-interface cells. Every
 * address is checked against RAM; writes are refused where the firmware
 * lives, so a bad client pointer cannot corrupt the firmware. */
#ifndef SLOF_CLIENT_MEM_H
#define SLOF_CLIENT_MEM_H

#include <stddef.h>
#include <stdint.h>

/* Host tests map client addresses into a buffer; the firmware uses 0. */
void client_mem_set_base(uintptr_t base);
/* Ranges clients must not write (firmware image, heap, stacks). */
void client_mem_protect(uint64_t addr, uint64_t size);

/* A pointer for reading [addr, addr+len), or NULL if it is not all RAM. */
const void *client_ptr_read(uint64_t addr, uint64_t len);
/* A pointer for writing, or NULL if not RAM or it touches the firmware. */
void *client_ptr_write(uint64_t addr, uint64_t len);
/* Copies a NUL-terminated client string of at most max-1 chars into buf.
 * Returns its length, or -1 if unterminated, unreadable or too long. */
long client_read_string(uint64_t addr, char *buf, size_t max);

/* Converts between client addresses and firmware pointers. */
uint64_t client_addr_of(const void *p);
void *client_to_ptr(uint64_t addr);

#endif
