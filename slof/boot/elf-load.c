/* SPDX-License-Identifier: MIT */
/* Loads an ELF image the firmware holds (the romfs demo client now; disk
 * and network images later): claim every PT_LOAD range, copy, clear, then
 * enter it in the mode its class and byte order ask for. */
#include <string.h>

#include "board.h"
#include "boot/boot.h"
#include "elf/elf-image.h"
#include "log/log.h"
#include "memory/claim.h"
#include "memory/client-mem.h"
#include "romfs/romfs.h"

/* Gives back the memory of the first n segments (a load that failed must
 * not keep memory the next attempt needs). */
static void release_segments(const struct elf_image *img, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (img->seg[i].memsz)
			claim_release(img->seg[i].paddr, img->seg[i].memsz);
}

/* Whether a PT_LOAD segment of the image lands in [base, base + size). */
bool elf_segments_overlap(const void *image, uint64_t len, uint64_t base, uint64_t size)
{
	struct elf_image img;
	const char *reason;

	if (elf_image_parse(image, (size_t)len, &img, &reason) != 0)
		return false;	/* of_start_elf says what is wrong with it */
	for (unsigned i = 0; i < img.nsegs; i++)
		if (img.seg[i].memsz && img.seg[i].paddr < base + size &&
		    base < img.seg[i].paddr + img.seg[i].memsz)
			return true;
	return false;
}

int of_start_elf(const void *image, size_t len, const char *what)
{
	struct elf_image img;
	const char *reason;
	uint64_t entry, toc = 0;
	unsigned flags = 0;

	if (elf_image_parse(image, len, &img, &reason) != 0) {
		log_line("elf", "%s: not a loadable ELF image: %s", what, reason);
		return -1;
	}
	entry = img.entry;
	if (img.is64) {
		flags |= BOARD_CLIENT_64;
		if (img.big_endian && !img.elfv2 &&
		    elf_image_entry_descriptor(&img, &entry, &toc, &reason) != 0) {
			log_line("elf", "%s: %s", what, reason);
			return -1;
		}
	}
	for (unsigned i = 0; i < img.nsegs; i++) {
		const struct elf_segment *s = &img.seg[i];

		if (s->memsz == 0)
			continue;
		if (!claim_is_ram(s->paddr, s->memsz)) {
			log_line("elf", "%s: segment 0x%llx+0x%llx is outside RAM", what,
				 (unsigned long long)s->paddr, (unsigned long long)s->memsz);
			release_segments(&img, i);
			return -1;
		}
		if (claim_range(s->paddr, s->memsz) != 0) {
			log_line("elf", "%s: segment 0x%llx+0x%llx overlaps %s", what,
				 (unsigned long long)s->paddr, (unsigned long long)s->memsz,
				 client_ptr_write(s->paddr, s->memsz) ? "memory already in use"
								      : "the firmware");
			release_segments(&img, i);
			return -1;
		}
	}
	for (unsigned i = 0; i < img.nsegs; i++) {
		const struct elf_segment *s = &img.seg[i];
		uint8_t *dst;

		if (s->memsz == 0)
			continue;
		dst = client_ptr_write(s->paddr, s->memsz);
		if (!dst) {
			log_line("elf", "%s: segment 0x%llx is not writable", what,
				 (unsigned long long)s->paddr);
			release_segments(&img, img.nsegs);
			return -1;
		}
		memcpy(dst, img.buf + s->offset, s->filesz);
		memset(dst + s->filesz, 0, s->memsz - s->filesz);
	}
	for (unsigned i = 0; i < img.nsegs; i++)
		if (img.seg[i].memsz)
			claim_mark_client(img.seg[i].paddr, img.seg[i].memsz);
	if (!img.big_endian)
		flags |= BOARD_CLIENT_LE;
	log_line("elf", "starting %s: ELF%d %s, entry 0x%llx", what, img.is64 ? 64 : 32,
		 img.big_endian ? "big-endian" : "little-endian", (unsigned long long)entry);
	of_enter_client(entry, 0, 0, toc, flags);
}

void of_boot_romfs(const char *name)
{
	size_t len, size;
	const void *blob = board->romfs(&len), *data;
	struct romfs fs;
	const char *reason;

	if (!blob || len == 0)
		return;
	if (romfs_open(blob, len, &fs, &reason) != 0) {
		log_line("boot", "embedded romfs is damaged: %s", reason);
		return;
	}
	if (romfs_find(&fs, name, &data, &size) != 0)
		return;
	log_line("boot", "booting the embedded \"%s\" client", name);
	of_start_elf(data, size, name);
}
