/* SPDX-License-Identifier: MIT */
/* The file extent of an ELF image from its header and program headers
 * (ELF e_phoff/e_phentsize/e_phnum, p_offset/p_filesz), either class and
 * byte order. */
#include <string.h>

#include "be.h"
#include "elf/elf-extent.h"
#include "le.h"

#define EI_CLASS	4
#define EI_DATA		5
#define CLASS_32	1
#define CLASS_64	2
#define DATA_LE		1
#define DATA_BE		2
#define EHDR32_SIZE	52
#define EHDR64_SIZE	64
#define PHDR32_SIZE	32
#define PHDR64_SIZE	56

static uint16_t rd16(const uint8_t *p, int be)
{
	return be ? be16_read(p) : le16_read(p);
}

static uint32_t rd32(const uint8_t *p, int be)
{
	return be ? be32_read(p) : le32_read(p);
}

static uint64_t rd64(const uint8_t *p, int be)
{
	return be ? be64_read(p) : le64_read(p);
}

uint64_t elf_extent(const uint8_t *head, uint64_t len)
{
	uint64_t phoff, end;
	unsigned phnum, phsize;
	int be, is64;

	/* At least 64 bytes even for ELF32: a boot partition is never less. */
	if (len < EHDR64_SIZE || memcmp(head, "\177ELF", 4) != 0 ||
	    (head[EI_CLASS] != CLASS_32 && head[EI_CLASS] != CLASS_64) ||
	    (head[EI_DATA] != DATA_LE && head[EI_DATA] != DATA_BE))
		return 0;
	is64 = head[EI_CLASS] == CLASS_64;
	be = head[EI_DATA] == DATA_BE;
	phoff = is64 ? rd64(head + 32, be) : rd32(head + 28, be);
	phsize = rd16(head + (is64 ? 54 : 42), be);
	phnum = rd16(head + (is64 ? 56 : 44), be);
	if (phsize < (is64 ? PHDR64_SIZE : PHDR32_SIZE) || phnum == 0 || phoff > len ||
	    (uint64_t)phnum * phsize > len - phoff)
		return 0;
	end = phoff + (uint64_t)phnum * phsize;
	/* The ELF header itself, even when the program headers overlap it. */
	if (end < (is64 ? EHDR64_SIZE : EHDR32_SIZE))
		end = is64 ? EHDR64_SIZE : EHDR32_SIZE;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = head + phoff + (uint64_t)i * phsize;
		uint64_t off = is64 ? rd64(ph + 8, be) : rd32(ph + 4, be);
		uint64_t filesz = is64 ? rd64(ph + 32, be) : rd32(ph + 16, be);

		if (off + filesz < off)
			return 0;
		if (off + filesz > end)
			end = off + filesz;
	}
	return end;
}
