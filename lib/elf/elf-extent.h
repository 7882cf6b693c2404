/* SPDX-License-Identifier: MIT */
/* How much of an ELF file a loader needs, from its first bytes: sizes a
 * boot program held raw in a partition (PReP) without reading it all. */
#ifndef LIB_ELF_ELF_EXTENT_H
#define LIB_ELF_ELF_EXTENT_H

#include <stdint.h>

/* The bytes of an ELF image starting with head[0..len) that a loader
 * reads: the ELF header, the program header table and every segment's file data (not
 * the section headers). 0 when head is not an ELF32/ELF64 header, or its
 * program headers do not lie inside head, or a segment's end overflows. */
uint64_t elf_extent(const uint8_t *head, uint64_t len);

#endif
