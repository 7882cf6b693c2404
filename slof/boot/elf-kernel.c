/* SPDX-License-Identifier: MIT */
/* Starts a Linux vmlinux held in memory (a network boot's bootfile): an
 * ELF64 linked at virtual 0xc000000000000000 over physical 0, where the
 * firmware itself lives. Like QEMU's -kernel, the image is placed as one
 * block at KERNEL_BASE (the kernel is relocatable and moves itself once
 * the firmware is gone) and entered there 32-bit big-endian with r5 the
 * client interface; a little-endian kernel switches itself. */
#include <string.h>

#include "boot/boot.h"
#include "elf/elf-image.h"
#include "log/log.h"
#include "memory/claim.h"
#include "memory/client-mem.h"

#define KERNEL_BASE	0x400000ull	/* where QEMU puts -kernel */
#define KERNEL_ALIGN	0x10000ull

bool elf_kernel_is_relocated(const void *image, size_t len)
{
	struct elf_image img;
	const char *reason;

	if (elf_image_parse(image, len, &img, &reason) != 0 || !img.is64)
		return false;
	for (unsigned i = 0; i < img.nsegs; i++)
		if (img.seg[i].vaddr != img.seg[i].paddr)
			return true;
	return false;
}

/* The entry's offset from load_lo: the segment whose virtual range holds
 * e_entry translates it. */
static int entry_offset(const struct elf_image *img, uint64_t *off)
{
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct elf_segment *s = &img->seg[i];

		if (img->entry >= s->vaddr && img->entry - s->vaddr < s->memsz) {
			*off = s->paddr - img->load_lo + (img->entry - s->vaddr);
			return 0;
		}
	}
	return -1;
}

int of_start_kernel_elf(const void *image, size_t len, const char *what)
{
	struct elf_image img;
	const char *reason;
	uint64_t span, base = KERNEL_BASE, off;
	uint8_t *dst;

	if (elf_image_parse(image, len, &img, &reason) != 0) {
		log_line("elf", "%s: not a loadable ELF image: %s", what, reason);
		return -1;
	}
	if (entry_offset(&img, &off) != 0) {
		log_line("elf", "%s: entry 0x%llx lies in no segment", what,
			 (unsigned long long)img.entry);
		return -1;
	}
	span = (img.load_hi - img.load_lo + KERNEL_ALIGN - 1) & ~(KERNEL_ALIGN - 1);
	if (claim_range(base, span) != 0 &&
	    claim_alloc(span, KERNEL_ALIGN, claim_ram_total(), &base) != 0) {
		log_line("elf", "%s: no free memory for the kernel's %llu bytes", what,
			 (unsigned long long)span);
		return -1;
	}
	dst = client_ptr_write(base, span);
	if (!dst) {
		log_line("elf", "%s: memory at 0x%llx is not writable", what, (unsigned long long)base);
		claim_release(base, span);
		return -1;
	}
	memset(dst, 0, span);
	for (unsigned i = 0; i < img.nsegs; i++) {
		const struct elf_segment *s = &img.seg[i];

		memcpy(dst + (s->paddr - img.load_lo), img.buf + s->offset, s->filesz);
	}
	claim_mark_client(base, span);
	log_line("elf", "starting %s: Linux kernel ELF64 %s linked at 0x%llx, loaded at 0x%llx (%llu bytes), entry 0x%llx",
		 what, img.big_endian ? "big-endian" : "little-endian",
		 (unsigned long long)img.seg[0].vaddr, (unsigned long long)base,
		 (unsigned long long)(img.load_hi - img.load_lo),
		 (unsigned long long)(base + off));
	of_enter_client(base + off, 0, 0, 0, 0);
}
