/* SPDX-License-Identifier: MIT */
/* Validating parser for PowerPC ELF images held in memory: ELF32/ELF64, big-
 * or little-endian. Collects the PT_LOAD segments and the entry point; copies
 * nothing and never writes to the image. */
#ifndef LIB_ELF_ELF_IMAGE_H
#define LIB_ELF_ELF_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

#define ELF_IMAGE_MAX_SEGMENTS 32

#define ELF_IMAGE_EM_PPC   20
#define ELF_IMAGE_EM_PPC64 21
#define ELF_IMAGE_ET_EXEC  2
#define ELF_IMAGE_ET_DYN   3

/* p_flags bits */
#define ELF_IMAGE_PF_X 1u
#define ELF_IMAGE_PF_W 2u
#define ELF_IMAGE_PF_R 4u

/* One PT_LOAD program header, widened to 64 bits. After a successful parse:
 * offset + filesz <= image length, filesz <= memsz, and neither
 * paddr + memsz nor vaddr + memsz wraps the class's address width. The
 * bytes [filesz, memsz) of the segment are to be zeroed by the loader. */
struct elf_segment {
	uint64_t paddr;
	uint64_t vaddr;
	uint64_t offset;  /* file offset of the segment's first byte */
	uint64_t filesz;
	uint64_t memsz;
	uint32_t flags;   /* ELF_IMAGE_PF_* */
};

struct elf_image {
	const uint8_t *buf;  /* the image passed to elf_image_parse */
	size_t len;
	bool is64;           /* ELFCLASS64 */
	bool big_endian;     /* ELFDATA2MSB */
	bool elfv2;          /* ELF64 and (e_flags & 3) == 2 */
	uint16_t type;       /* ELF_IMAGE_ET_EXEC or ELF_IMAGE_ET_DYN */
	uint16_t machine;    /* ELF_IMAGE_EM_PPC or ELF_IMAGE_EM_PPC64 */
	uint32_t e_flags;
	uint64_t entry;      /* e_entry as stored (a virtual address) */
	unsigned int nsegs;  /* 1 .. ELF_IMAGE_MAX_SEGMENTS */
	struct elf_segment seg[ELF_IMAGE_MAX_SEGMENTS]; /* in header order */
	/* Over all PT_LOAD segments: the lowest paddr and the highest
	 * paddr + memsz (exclusive end). load_lo <= load_hi. */
	uint64_t load_lo;
	uint64_t load_hi;
};

/* Parses and validates the ELF image buf[0..len). Accepts ELFCLASS32 and
 * ELFCLASS64, ELFDATA2MSB and ELFDATA2LSB, EI_VERSION = e_version = 1,
 * e_machine EM_PPC or EM_PPC64 (either class), e_type ET_EXEC or ET_DYN.
 * e_phentsize must equal the class's program header size, the program
 * header table must lie inside the image, and there must be between 1 and
 * ELF_IMAGE_MAX_SEGMENTS PT_LOAD entries, each satisfying the invariants
 * listed at struct elf_segment. Other program header types are ignored.
 * Returns 0 and fills *img (which keeps pointing at buf), or with *reason
 * set to a static sentence saying what is wrong (*img is then unspecified):
 * STATUS_EUNSUPPORTED for another machine or a type other than ET_EXEC or
 * ET_DYN, STATUS_ETOOBIG past ELF_IMAGE_MAX_SEGMENTS, STATUS_EMALFORMED for
 * the rest. reason may be NULL. */
int elf_image_parse(const void *buf, size_t len, struct elf_image *img,
		    const char **reason);

/* For an ELF64 big-endian ELFv1 image (e_flags & 3 != 2) the entry point is
 * the address of a function descriptor {entry, toc, env}. Finds the PT_LOAD
 * segment whose file-backed part [vaddr, vaddr + filesz) holds the 16 bytes
 * at img->entry (segments are tried by vaddr first, then by paddr), and reads
 * the two big-endian doublewords from the image bytes. The values are
 * returned as stored (usually virtual addresses); the caller translates.
 * Returns 0 with *func and *toc set, or with *reason set STATUS_EUNSUPPORTED
 * when the image is not ELF64 BE ELFv1, STATUS_EMALFORMED when the
 * descriptor is not inside a segment's file data. */
int elf_image_entry_descriptor(const struct elf_image *img, uint64_t *func,
			       uint64_t *toc, const char **reason);

#endif
