/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/elf/elf-image and elf-extent: arbitrary bytes
 * in; on success every segment and the entry descriptor must lie inside
 * the input, and the extent must cover every segment's file data (so an
 * image cut at its extent still parses, as the PReP loader relies on). */
#include <stdint.h>
#include <stdlib.h>

#include "elf/elf-extent.h"
#include "elf/elf-image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_image e;
	const char *why = NULL;
	uint64_t func, toc, lo = UINT64_MAX, hi = 0;
	uint64_t extent = elf_extent(data, size);
	unsigned int i;

	if (extent && extent < size && elf_image_parse(data, size, &e, &why) == 0) {
		struct elf_image cut;

		/* what the loader needs of a valid image is within the extent */
		if (elf_image_parse(data, extent, &cut, &why) != 0)
			abort();
		if (cut.nsegs != e.nsegs || cut.entry != e.entry)
			abort();
	}
	if (elf_image_parse(data, size, &e, &why) != 0) {
		if (!why)
			abort();
		return 0;
	}
	if (e.nsegs < 1 || e.nsegs > ELF_IMAGE_MAX_SEGMENTS || e.buf != data ||
	    e.len != size)
		abort();
	for (i = 0; i < e.nsegs; i++) {
		const struct elf_segment *s = &e.seg[i];

		if (s->filesz > s->memsz)
			abort();
		if (s->filesz && (s->offset > size || s->filesz > size - s->offset))
			abort();
		if (s->memsz > UINT64_MAX - s->paddr ||
		    s->memsz > UINT64_MAX - s->vaddr)
			abort();
		if (!e.is64 && (s->paddr + s->memsz > (1ull << 32) ||
				s->vaddr + s->memsz > (1ull << 32)))
			abort();
		/* touch the file data so ASan checks the range */
		if (s->filesz) {
			volatile uint8_t x = data[s->offset] ^
					     data[s->offset + s->filesz - 1];
			(void)x;
		}
		if (s->paddr < lo)
			lo = s->paddr;
		if (s->paddr + s->memsz > hi)
			hi = s->paddr + s->memsz;
	}
	if (lo != e.load_lo || hi != e.load_hi)
		abort();
	if (elf_image_entry_descriptor(&e, &func, &toc, &why) == 0) {
		if (!e.is64 || !e.big_endian || e.elfv2)
			abort();
	} else if (!why) {
		abort();
	}
	return 0;
}
