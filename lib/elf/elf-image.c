/* SPDX-License-Identifier: MIT */
/* ELF32/ELF64 (BE and LE) PowerPC image parser: header checks, PT_LOAD
 * collection and the ELFv1 entry descriptor. All reads are bounds-checked. */
#include <string.h>

#include "be.h"
#include "elf/elf-image.h"

#define EI_NIDENT   16
#define EI_CLASS    4
#define EI_DATA     5
#define EI_VERSION  6
#define CLASS32     1
#define CLASS64     2
#define DATA_LSB    1
#define DATA_MSB    2
#define PT_LOAD     1
#define EHDR32_SIZE 52
#define EHDR64_SIZE 64
#define PHDR32_SIZE 32
#define PHDR64_SIZE 56

struct rd {
	const uint8_t *p;
	bool be;
};

static uint16_t rd16(const struct rd *r, size_t off)
{
	const uint8_t *b = r->p + off;
	return r->be ? (uint16_t)(b[0] << 8 | b[1]) : (uint16_t)(b[1] << 8 | b[0]);
}

static uint32_t rd32(const struct rd *r, size_t off)
{
	const uint8_t *b = r->p + off;
	if (r->be)
		return be32_read(b);
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static uint64_t rd64(const struct rd *r, size_t off)
{
	uint64_t a = rd32(r, off), b = rd32(r, off + 4);
	return r->be ? (a << 32 | b) : (b << 32 | a);
}

/* Reads program header i (already known to be inside the image). Returns
 * the p_type and fills *s. */
static uint32_t read_phdr(const struct rd *r, bool is64, uint64_t phoff,
			  unsigned int i, struct elf_segment *s)
{
	size_t o;

	if (is64) {
		o = (size_t)phoff + (size_t)i * PHDR64_SIZE;
		s->flags = rd32(r, o + 4);
		s->offset = rd64(r, o + 8);
		s->vaddr = rd64(r, o + 16);
		s->paddr = rd64(r, o + 24);
		s->filesz = rd64(r, o + 32);
		s->memsz = rd64(r, o + 40);
	} else {
		o = (size_t)phoff + (size_t)i * PHDR32_SIZE;
		s->offset = rd32(r, o + 4);
		s->vaddr = rd32(r, o + 8);
		s->paddr = rd32(r, o + 12);
		s->filesz = rd32(r, o + 16);
		s->memsz = rd32(r, o + 20);
		s->flags = rd32(r, o + 24);
	}
	return rd32(r, o);
}

/* Does [addr, addr + size) fit in the address space of the class? */
static bool range_ok(uint64_t addr, uint64_t size, bool is64)
{
	if (is64)
		return size <= UINT64_MAX - addr;
	return addr + size <= (uint64_t)1 << 32;
}

static int check_segment(const struct elf_segment *s, size_t len, bool is64,
			 const char **reason)
{
	if (s->filesz > s->memsz)
		return status_fail(reason, STATUS_EMALFORMED, "segment filesz exceeds memsz");
	if (s->filesz && (s->offset > len || s->filesz > len - s->offset))
		return status_fail(reason, STATUS_EMALFORMED, "segment file data lies outside the file");
	if (!range_ok(s->paddr, s->memsz, is64) ||
	    !range_ok(s->vaddr, s->memsz, is64))
		return status_fail(reason, STATUS_EMALFORMED, "segment address range overflows");
	return 0;
}

static int parse_ident(const uint8_t *b, size_t len, struct elf_image *img,
		       const char **reason)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };

	if (len < EI_NIDENT)
		return status_fail(reason, STATUS_EMALFORMED, "ELF header is truncated");
	if (memcmp(b, magic, sizeof(magic)) != 0)
		return status_fail(reason, STATUS_EMALFORMED, "bad ELF magic");
	if (b[EI_CLASS] != CLASS32 && b[EI_CLASS] != CLASS64)
		return status_fail(reason, STATUS_EMALFORMED, "wrong ELF class (not ELF32 or ELF64)");
	if (b[EI_DATA] != DATA_LSB && b[EI_DATA] != DATA_MSB)
		return status_fail(reason, STATUS_EMALFORMED, "wrong ELF data encoding (not BE or LE)");
	if (b[EI_VERSION] != 1)
		return status_fail(reason, STATUS_EMALFORMED, "wrong ELF version");
	img->is64 = b[EI_CLASS] == CLASS64;
	img->big_endian = b[EI_DATA] == DATA_MSB;
	if (len < (img->is64 ? EHDR64_SIZE : EHDR32_SIZE))
		return status_fail(reason, STATUS_EMALFORMED, "ELF header is truncated");
	return 0;
}

int elf_image_parse(const void *buf, size_t len, struct elf_image *img,
		    const char **reason)
{
	struct rd r = { .p = buf };
	uint64_t phoff;
	unsigned int phnum, phentsize, i;
	struct elf_segment s;
	int rc;

	memset(img, 0, sizeof(*img));
	img->buf = buf;
	img->len = len;
	rc = parse_ident(buf, len, img, reason);
	if (rc != 0)
		return rc;
	r.be = img->big_endian;

	img->type = rd16(&r, 16);
	img->machine = rd16(&r, 18);
	if (img->machine != ELF_IMAGE_EM_PPC && img->machine != ELF_IMAGE_EM_PPC64)
		return status_fail(reason, STATUS_EUNSUPPORTED, "wrong machine (not PowerPC)");
	if (rd32(&r, 20) != 1)
		return status_fail(reason, STATUS_EMALFORMED, "wrong ELF version");
	if (img->type != ELF_IMAGE_ET_EXEC && img->type != ELF_IMAGE_ET_DYN)
		return status_fail(reason, STATUS_EUNSUPPORTED, "not an executable (type not ET_EXEC/ET_DYN)");
	if (img->is64) {
		img->entry = rd64(&r, 24);
		phoff = rd64(&r, 32);
		img->e_flags = rd32(&r, 48);
		phentsize = rd16(&r, 54);
		phnum = rd16(&r, 56);
		img->elfv2 = (img->e_flags & 3) == 2;
	} else {
		img->entry = rd32(&r, 24);
		phoff = rd32(&r, 28);
		img->e_flags = rd32(&r, 36);
		phentsize = rd16(&r, 42);
		phnum = rd16(&r, 44);
	}

	if (phnum == 0)
		return status_fail(reason, STATUS_EMALFORMED, "no PT_LOAD segment");
	if (phentsize != (img->is64 ? PHDR64_SIZE : PHDR32_SIZE))
		return status_fail(reason, STATUS_EMALFORMED, "wrong program header entry size");
	if (phoff > len || (uint64_t)phnum * phentsize > len - phoff)
		return status_fail(reason, STATUS_EMALFORMED, "program headers lie outside the file");

	for (i = 0; i < phnum; i++) {
		if (read_phdr(&r, img->is64, phoff, i, &s) != PT_LOAD)
			continue;
		if (img->nsegs == ELF_IMAGE_MAX_SEGMENTS)
			return status_fail(reason, STATUS_ETOOBIG, "too many PT_LOAD segments (more than 32)");
		rc = check_segment(&s, len, img->is64, reason);
		if (rc != 0)
			return rc;
		if (img->nsegs == 0 || s.paddr < img->load_lo)
			img->load_lo = s.paddr;
		if (img->nsegs == 0 || s.paddr + s.memsz > img->load_hi)
			img->load_hi = s.paddr + s.memsz;
		img->seg[img->nsegs++] = s;
	}
	if (img->nsegs == 0)
		return status_fail(reason, STATUS_EMALFORMED, "no PT_LOAD segment");
	return 0;
}

/* Offset into the image of the 16 bytes at address a, if some segment's
 * file data holds them; by_paddr selects which address field to match. */
static bool find_desc(const struct elf_image *img, uint64_t a, bool by_paddr,
		      uint64_t *off)
{
	unsigned int i;

	for (i = 0; i < img->nsegs; i++) {
		const struct elf_segment *s = &img->seg[i];
		uint64_t base = by_paddr ? s->paddr : s->vaddr;

		if (s->filesz < 16 || a < base || a - base > s->filesz - 16)
			continue;
		*off = s->offset + (a - base);
		return true;
	}
	return false;
}

int elf_image_entry_descriptor(const struct elf_image *img, uint64_t *func,
			       uint64_t *toc, const char **reason)
{
	uint64_t off;

	if (!img->is64 || !img->big_endian || img->elfv2)
		return status_fail(reason, STATUS_EUNSUPPORTED, "entry is not a descriptor (not ELF64 BE ELFv1)");
	if (!find_desc(img, img->entry, false, &off) &&
	    !find_desc(img, img->entry, true, &off))
		return status_fail(reason, STATUS_EMALFORMED, "entry descriptor is not inside a loaded segment");
	*func = be64_read(img->buf + off);
	*toc = be64_read(img->buf + off + 8);
	return 0;
}
