/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/elf/elf-image: hand-built ELF32/ELF64 BE/LE headers,
 * every rejection reason, and real files (/bin/true, cross-built samples). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf/elf-extent.h"
#include "elf/elf-image.h"
#include "unit.h"

#define R_TRUNC   "ELF header is truncated"
#define R_MAGIC   "bad ELF magic"
#define R_CLASS   "wrong ELF class (not ELF32 or ELF64)"
#define R_DATA    "wrong ELF data encoding (not BE or LE)"
#define R_VERSION "wrong ELF version"
#define R_MACHINE "wrong machine (not PowerPC)"
#define R_TYPE    "not an executable (type not ET_EXEC/ET_DYN)"
#define R_PHENT   "wrong program header entry size"
#define R_PHOUT   "program headers lie outside the file"
#define R_TOOMANY "too many PT_LOAD segments (more than 32)"
#define R_FILESZ  "segment filesz exceeds memsz"
#define R_SEGOUT  "segment file data lies outside the file"
#define R_OVERFL  "segment address range overflows"
#define R_NOLOAD  "no PT_LOAD segment"
#define R_NODESC  "entry is not a descriptor (not ELF64 BE ELFv1)"
#define R_DESCOUT "entry descriptor is not inside a loaded segment"

/* ---- a tiny ELF writer for the tests ---- */

static uint8_t img[8192];
static int w_be, w_64;

static void put(size_t off, uint64_t v, int n)
{
	for (int i = 0; i < n; i++) {
		int shift = w_be ? (n - 1 - i) * 8 : i * 8;
		img[off + i] = (uint8_t)(v >> shift);
	}
}

struct ph {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz;
};

/* Writes an ELF header with phnum headers at phoff (64 for ELF64, 52 for
 * ELF32) and returns the header size. */
static void build(int is64, int be, uint16_t machine, uint16_t type,
		  uint64_t entry, uint32_t flags, const struct ph *ph, int n)
{
	size_t eh = is64 ? 64 : 52, pe = is64 ? 56 : 32;

	memset(img, 0, sizeof(img));
	w_be = be;
	w_64 = is64;
	memcpy(img, "\177ELF", 4);
	img[4] = is64 ? 2 : 1;
	img[5] = be ? 2 : 1;
	img[6] = 1;
	put(16, type, 2);
	put(18, machine, 2);
	put(20, 1, 4);
	if (is64) {
		put(24, entry, 8);
		put(32, eh, 8);
		put(48, flags, 4);
		put(52, eh, 2);
		put(54, pe, 2);
		put(56, (uint64_t)n, 2);
	} else {
		put(24, entry, 4);
		put(28, eh, 4);
		put(36, flags, 4);
		put(40, eh, 2);
		put(42, pe, 2);
		put(44, (uint64_t)n, 2);
	}
	for (int i = 0; i < n; i++) {
		size_t o = eh + (size_t)i * pe;
		if (is64) {
			put(o, ph[i].type, 4);
			put(o + 4, ph[i].flags, 4);
			put(o + 8, ph[i].offset, 8);
			put(o + 16, ph[i].vaddr, 8);
			put(o + 24, ph[i].paddr, 8);
			put(o + 32, ph[i].filesz, 8);
			put(o + 40, ph[i].memsz, 8);
			put(o + 48, 16, 8);
		} else {
			put(o, ph[i].type, 4);
			put(o + 4, ph[i].offset, 4);
			put(o + 8, ph[i].vaddr, 4);
			put(o + 12, ph[i].paddr, 4);
			put(o + 16, ph[i].filesz, 4);
			put(o + 20, ph[i].memsz, 4);
			put(o + 24, ph[i].flags, 4);
			put(o + 28, 16, 4);
		}
	}
}

static const char *parse_reason(size_t len)
{
	struct elf_image e;
	const char *why = NULL;

	if (elf_image_parse(img, len, &e, &why) == 0)
		return "(accepted)";
	return why;
}

/* Two PT_LOAD segments with a PT_NOTE between them. */
static const struct ph two[3] = {
	{ 1, 5, 0x1000, 0xc000000000100000ull, 0x100000, 0x800, 0x800 },
	{ 4, 4, 0x200, 0, 0, 0x10, 0x10 },
	{ 1, 6, 0x1800, 0xc000000000200000ull, 0x200000, 0x100, 0x3000 },
};

static void test_valid(void)
{
	struct elf_image e;
	const char *why = "unset";

	for (int be = 0; be <= 1; be++) {
		build(1, be, 21, 2, 0xc000000000100010ull, 1, two, 3);
		CHECK(elf_image_parse(img, 0x2000, &e, &why) == 0);
		CHECK(e.is64 && e.big_endian == be && !e.elfv2);
		CHECK_EQ_U64(e.machine, 21);
		CHECK_EQ_U64(e.type, 2);
		CHECK_EQ_U64(e.entry, 0xc000000000100010ull);
		CHECK_EQ_U64(e.nsegs, 2);
		CHECK_EQ_U64(e.seg[0].paddr, 0x100000);
		CHECK_EQ_U64(e.seg[0].vaddr, 0xc000000000100000ull);
		CHECK_EQ_U64(e.seg[0].offset, 0x1000);
		CHECK_EQ_U64(e.seg[0].filesz, 0x800);
		CHECK_EQ_U64(e.seg[0].flags, 5);
		CHECK_EQ_U64(e.seg[1].memsz, 0x3000);
		CHECK_EQ_U64(e.seg[1].flags, 6);
		CHECK_EQ_U64(e.load_lo, 0x100000);
		CHECK_EQ_U64(e.load_hi, 0x203000);
		CHECK(e.buf == img && e.len == 0x2000);
	}

	/* ELF32 LE and BE, ET_DYN, EM_PPC; order of segments reversed. */
	struct ph p32[2] = {
		{ 1, 7, 0x100, 0x500000, 0x500000, 0x10, 0x20 },
		{ 1, 5, 0x80, 0x400000, 0x400000, 0x40, 0x40 },
	};
	for (int be = 0; be <= 1; be++) {
		build(0, be, 20, 3, 0x400000, 0, p32, 2);
		CHECK(elf_image_parse(img, 0x200, &e, &why) == 0);
		CHECK(!e.is64 && e.big_endian == be && !e.elfv2);
		CHECK_EQ_U64(e.type, 3);
		CHECK_EQ_U64(e.entry, 0x400000);
		CHECK_EQ_U64(e.nsegs, 2);
		CHECK_EQ_U64(e.seg[0].flags, 7);
		CHECK_EQ_U64(e.seg[1].offset, 0x80);
		CHECK_EQ_U64(e.load_lo, 0x400000);
		CHECK_EQ_U64(e.load_hi, 0x500020);
	}

	/* ELFv2 flag; and ELF32 does not report ELFv2 even with flags 2. */
	build(1, 0, 21, 2, 0x100000, 2, two, 3);
	CHECK(elf_image_parse(img, 0x2000, &e, &why) == 0 && e.elfv2);
	build(1, 1, 21, 2, 0x100000, 3, two, 3);
	CHECK(elf_image_parse(img, 0x2000, &e, &why) == 0 && !e.elfv2);
	build(0, 1, 20, 2, 0x400000, 2, p32, 2);
	CHECK(elf_image_parse(img, 0x200, &e, &why) == 0 && !e.elfv2);

	/* Either machine with either class; bss-only segment (filesz 0) with
	 * an offset past the end; a segment ending exactly at 4 GiB. */
	struct ph edge[2] = {
		{ 1, 6, 0x100000, 0x1000, 0x1000, 0, 0x100 },
		{ 1, 5, 0x40, 0xfffff000, 0xfffff000, 0x10, 0x1000 },
	};
	build(0, 1, 21, 2, 0, 0, edge, 2);
	CHECK(elf_image_parse(img, 0x100, &e, &why) == 0);
	CHECK_EQ_U64(e.load_hi, 0x100000000ull);
	build(1, 1, 20, 2, 0, 0, edge, 2);
	CHECK(elf_image_parse(img, 0x100, &e, &why) == 0);

	/* reason may be NULL */
	CHECK(elf_image_parse(img, 3, &e, NULL) == STATUS_EMALFORMED);
}

static void test_reject_header(void)
{
	build(1, 1, 21, 2, 0, 1, two, 3);
	CHECK_STR(parse_reason(0), R_TRUNC);
	CHECK_STR(parse_reason(15), R_TRUNC);
	CHECK_STR(parse_reason(63), R_TRUNC);
	build(0, 1, 20, 2, 0, 0, two, 1);
	CHECK_STR(parse_reason(51), R_TRUNC);
	CHECK_STR(parse_reason(52), R_PHOUT);

	build(1, 1, 21, 2, 0, 1, two, 3);
	img[1] = 'e';
	CHECK_STR(parse_reason(0x2000), R_MAGIC);
	build(1, 1, 21, 2, 0, 1, two, 3);
	img[4] = 3;
	CHECK_STR(parse_reason(0x2000), R_CLASS);
	img[4] = 0;
	CHECK_STR(parse_reason(0x2000), R_CLASS);
	build(1, 1, 21, 2, 0, 1, two, 3);
	img[5] = 0;
	CHECK_STR(parse_reason(0x2000), R_DATA);
	build(1, 1, 21, 2, 0, 1, two, 3);
	img[6] = 2;
	CHECK_STR(parse_reason(0x2000), R_VERSION);
	build(1, 1, 21, 2, 0, 1, two, 3);
	put(20, 0, 4);
	CHECK_STR(parse_reason(0x2000), R_VERSION);

	build(1, 1, 62, 2, 0, 1, two, 3);
	CHECK_STR(parse_reason(0x2000), R_MACHINE);
	build(0, 0, 3, 2, 0, 0, two, 1);
	CHECK_STR(parse_reason(0x2000), R_MACHINE);
	/* the byte order matters: EM_PPC64 stored LE read as BE is 0x1500 */
	build(1, 0, 21, 2, 0, 1, two, 3);
	img[5] = 2;
	CHECK_STR(parse_reason(0x2000), R_MACHINE);

	build(1, 1, 21, 1, 0, 1, two, 3);
	CHECK_STR(parse_reason(0x2000), R_TYPE);
	build(1, 1, 21, 4, 0, 1, two, 3);
	CHECK_STR(parse_reason(0x2000), R_TYPE);
}

static void test_reject_phdrs(void)
{
	build(1, 1, 21, 2, 0, 1, two, 3);
	put(54, 64, 2);
	CHECK_STR(parse_reason(0x2000), R_PHENT);
	build(0, 1, 20, 2, 0, 0, two, 1);
	put(42, 56, 2);
	CHECK_STR(parse_reason(0x2000), R_PHENT);

	build(1, 1, 21, 2, 0, 1, two, 3);
	CHECK_STR(parse_reason(64 + 3 * 56 - 1), R_PHOUT);
	put(32, 0x2000, 8);
	CHECK_STR(parse_reason(0x2000), R_PHOUT);
	put(32, 0x2000 - 56, 8);
	CHECK_STR(parse_reason(0x2000), R_PHOUT); /* 3 entries, room for 1 */
	put(32, 0xffffffffffffffc0ull, 8);
	CHECK_STR(parse_reason(0x2000), R_PHOUT);
	build(1, 1, 21, 2, 0, 1, two, 3);
	put(56, 0xffff, 2);
	CHECK_STR(parse_reason(0x2000), R_PHOUT);

	build(1, 1, 21, 2, 0, 1, two, 0);
	CHECK_STR(parse_reason(0x2000), R_NOLOAD);
	build(1, 1, 21, 2, 0, 1, &two[1], 1);
	CHECK_STR(parse_reason(0x2000), R_NOLOAD);

	/* 32 PT_LOADs (plus notes) are fine, 33 are not. */
	struct ph many[40];
	for (int i = 0; i < 40; i++)
		many[i] = (struct ph){ i % 5 == 4 ? 4u : 1u, 4,
				       0x1000, 0x10000ull * i, 0x10000ull * i,
				       0x10, 0x10 };
	struct elf_image e;
	const char *why = NULL;
	build(1, 1, 21, 2, 0, 1, many, 40); /* 32 loads, 8 notes */
	CHECK(elf_image_parse(img, 0x2000, &e, &why) == 0);
	CHECK_EQ_U64(e.nsegs, 32);
	CHECK_EQ_U64(e.load_hi, 0x10000ull * 38 + 0x10);
	many[4].type = 1;
	build(1, 1, 21, 2, 0, 1, many, 40);
	CHECK_STR(parse_reason(0x2000), R_TOOMANY);

	struct ph bad = { 1, 4, 0x100, 0x1000, 0x1000, 0x20, 0x10 };
	build(1, 1, 21, 2, 0, 1, &bad, 1);
	CHECK_STR(parse_reason(0x200), R_FILESZ);

	bad = (struct ph){ 1, 4, 0x100, 0x1000, 0x1000, 0x101, 0x200 };
	build(0, 1, 20, 2, 0, 0, &bad, 1);
	CHECK_STR(parse_reason(0x200), R_SEGOUT);
	CHECK_STR(parse_reason(0x201), "(accepted)");
	bad.offset = 0xffffffff;
	bad.filesz = 2;
	build(0, 1, 20, 2, 0, 0, &bad, 1);
	CHECK_STR(parse_reason(0x200), R_SEGOUT);
	bad.offset = 0xffffffffffffff00ull;
	bad.filesz = 0x200;
	build(1, 1, 21, 2, 0, 1, &bad, 1);
	CHECK_STR(parse_reason(0x200), R_SEGOUT);

	bad = (struct ph){ 1, 4, 0x100, 0x1000, 0xfffffffffffff000ull, 0x10,
			   0x1000 };
	build(1, 1, 21, 2, 0, 1, &bad, 1);
	CHECK_STR(parse_reason(0x200), R_OVERFL);
	bad.paddr = 0x1000;
	bad.vaddr = 0xfffffffffffff001ull;
	build(1, 1, 21, 2, 0, 1, &bad, 1);
	CHECK_STR(parse_reason(0x200), R_OVERFL);
	bad = (struct ph){ 1, 4, 0x100, 0x1000, 0xfffff001, 0x10, 0x1000 };
	build(0, 1, 20, 2, 0, 0, &bad, 1);
	CHECK_STR(parse_reason(0x200), R_OVERFL);
}

static void test_descriptor(void)
{
	struct elf_image e;
	const char *why = NULL;
	uint64_t func = 0, toc = 0;
	/* segment: file 0x100..0x200 at vaddr 0xc...1000 / paddr 0x1000 */
	struct ph seg = { 1, 7, 0x100, 0xc000000000001000ull, 0x1000, 0x100,
			  0x200 };

	build(1, 1, 21, 2, 0xc0000000000010f0ull, 1, &seg, 1);
	w_be = 1;
	put(0x1f0, 0xc000000000001010ull, 8);
	put(0x1f8, 0xc000000000009000ull, 8);
	CHECK(elf_image_parse(img, 0x200, &e, &why) == 0);
	CHECK(elf_image_entry_descriptor(&e, &func, &toc, &why) == 0);
	CHECK_EQ_U64(func, 0xc000000000001010ull);
	CHECK_EQ_U64(toc, 0xc000000000009000ull);

	/* matched by paddr when the entry is a physical address */
	put(24, 0x1000, 8);
	put(0x100, 0x1234, 8);
	put(0x108, 0x5678, 8);
	CHECK(elf_image_parse(img, 0x200, &e, &why) == 0);
	CHECK(elf_image_entry_descriptor(&e, &func, &toc, &why) == 0);
	CHECK_EQ_U64(func, 0x1234);
	CHECK_EQ_U64(toc, 0x5678);

	/* the 16 bytes must be inside the file data (not the bss part) */
	put(24, 0xc0000000000010f1ull, 8);
	CHECK(elf_image_parse(img, 0x200, &e, &why) == 0);
	CHECK(elf_image_entry_descriptor(&e, &func, &toc, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, R_DESCOUT);
	put(24, 0xc000000000000ff8ull, 8);
	CHECK(elf_image_parse(img, 0x200, &e, &why) == 0);
	CHECK(elf_image_entry_descriptor(&e, &func, &toc, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, R_DESCOUT);

	build(1, 1, 21, 2, 0xc000000000001000ull, 2, &seg, 1); /* ELFv2 */
	CHECK(elf_image_parse(img, 0x200, &e, &why) == 0);
	CHECK(elf_image_entry_descriptor(&e, &func, &toc, &why) == STATUS_EUNSUPPORTED);
	CHECK_STR(why, R_NODESC);
	build(1, 0, 21, 2, 0xc000000000001000ull, 1, &seg, 1); /* LE */
	CHECK(elf_image_parse(img, 0x200, &e, &why) == 0);
	CHECK(elf_image_entry_descriptor(&e, &func, &toc, &why) == STATUS_EUNSUPPORTED);
	CHECK_STR(why, R_NODESC);
	seg.vaddr = 0x1000;
	build(0, 1, 20, 2, 0x1000, 0, &seg, 1); /* ELF32 */
	CHECK(elf_image_parse(img, 0x200, &e, &why) == 0);
	CHECK(elf_image_entry_descriptor(&e, &func, &toc, &why) == STATUS_EUNSUPPORTED);
	CHECK_STR(why, R_NODESC);
}

/* ---- real files ---- */

static uint8_t *load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

static void test_bin_true(void)
{
	size_t len = 0;
	uint8_t *buf = load("/bin/true", &len);
	struct elf_image e;
	const char *why = NULL;

	CHECK(buf != NULL);
	if (!buf)
		return;
	CHECK(elf_image_parse(buf, len, &e, &why) == STATUS_EUNSUPPORTED);
	CHECK_STR(why, R_MACHINE);
	free(buf);
}

/* The samples are built by lib/elf/Makefile.inc next to this binary:
 * _start is the only function and is placed at 0x200000. */
static void test_samples(const char *argv0)
{
	static const char *const names[] = {
		"elf-sample-ppc32.elf", "elf-sample-ppc64.elf",
		"elf-sample-ppc64le.elf",
	};
	char path[4096];
	const char *slash = strrchr(argv0, '/');
	int dirlen = slash ? (int)(slash - argv0) : 1;
	const char *dir = slash ? argv0 : ".";

	for (int i = 0; i < 3; i++) {
		size_t len = 0;
		uint8_t *buf;
		struct elf_image e;
		const char *why = NULL;
		uint64_t func = 0, toc = 0;
		unsigned int n, code = 0;

		snprintf(path, sizeof(path), "%.*s/%s", dirlen, dir, names[i]);
		buf = load(path, &len);
		CHECK(buf != NULL);
		if (!buf) {
			fprintf(stderr, "cannot read %s\n", path);
			continue;
		}
		CHECK(elf_image_parse(buf, len, &e, &why) == 0);
		if (why)
			fprintf(stderr, "%s: %s\n", path, why);
		CHECK_EQ_U64(e.type, 2);
		CHECK_EQ_U64(e.is64, i != 0);
		CHECK_EQ_U64(e.big_endian, i != 2);
		CHECK_EQ_U64(e.machine, i ? 21 : 20);
		CHECK_EQ_U64(e.elfv2, i == 2);
		CHECK(e.nsegs >= 1);
		CHECK(e.load_lo <= 0x200000 && e.load_hi > 0x200000);
		/* exactly one executable segment holds the code at 0x200000 */
		for (n = 0; n < e.nsegs; n++)
			if ((e.seg[n].flags & ELF_IMAGE_PF_X) &&
			    e.seg[n].paddr <= 0x200000 &&
			    e.seg[n].paddr + e.seg[n].filesz > 0x200000)
				code++;
		CHECK_EQ_U64(code, 1);
		/* the data segment has bss after the initialised table */
		for (n = 0; n < e.nsegs; n++)
			if (e.seg[n].flags & ELF_IMAGE_PF_W)
				CHECK(e.seg[n].memsz > e.seg[n].filesz);
		if (i == 1) {
			CHECK(e.entry != 0x200000);
			CHECK(elf_image_entry_descriptor(&e, &func, &toc, &why) == 0);
			CHECK_EQ_U64(func, 0x200000);
			CHECK(toc != 0);
		} else {
			CHECK_EQ_U64(e.entry, 0x200000);
			CHECK(elf_image_entry_descriptor(&e, &func, &toc, &why) == STATUS_EUNSUPPORTED);
			CHECK_STR(why, R_NODESC);
		}
		/* the extent covers what the loader reads, and no more than the
		 * file: cut there, the image still parses the same */
		{
			uint64_t ext = elf_extent(buf, len);
			struct elf_image cut;

			CHECK(ext > 0 && ext <= len);
			CHECK(elf_image_parse(buf, ext, &cut, &why) == 0);
			CHECK_EQ_U64(cut.nsegs, e.nsegs);
			CHECK_EQ_U64(elf_extent(buf, 63), 0);	/* shorter than a header */
		}
		/* every truncation of a real image is rejected or still sane */
		for (size_t cut = 0; cut < len; cut += 7) {
			if (elf_image_parse(buf, cut, &e, &why) == 0)
				for (n = 0; n < e.nsegs; n++)
					CHECK(!e.seg[n].filesz ||
					      e.seg[n].offset + e.seg[n].filesz <= cut);
		}
		free(buf);
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	test_valid();
	test_reject_header();
	test_reject_phdrs();
	test_descriptor();
	test_bin_true();
	test_samples(argv[0]);
	return unit_done("test-elf-image");
}
