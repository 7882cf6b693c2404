/* SPDX-License-Identifier: MIT */
/* Starting clients (slof/boot/elf-load.c, slof/boot/boot.c): ELF images built here
 * are loaded with of_start_elf, and board_start_client (faked) jumps back
 * with the entry, TOC, stack and mode the client would get; the romfs demo
 * client and QEMU's -kernel are started the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "boot/boot.h"
#include "crc32/crc32.h"
#include "fake-machine.h"
#include "memory/claim.h"
#include "romfs/romfs.h"
#include "unit.h"

#define RAM_END FM_RAM_DEFAULT
#define LOAD 0x2000000u

struct seg {
	uint64_t paddr, vaddr, filesz, memsz;
};

static uint8_t image[0x10000];

static void put16(uint8_t *p, uint16_t v, bool be)
{
	p[be ? 0 : 1] = (uint8_t)(v >> 8);
	p[be ? 1 : 0] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v, bool be)
{
	put16(p + (be ? 0 : 2), (uint16_t)(v >> 16), be);
	put16(p + (be ? 2 : 0), (uint16_t)v, be);
}

static void put64(uint8_t *p, uint64_t v, bool be)
{
	put32(p + (be ? 0 : 4), (uint32_t)(v >> 32), be);
	put32(p + (be ? 4 : 0), (uint32_t)v, be);
}

/* Builds an executable: ELF header, program headers, then each segment's
 * file data at 0x1000 * (i + 1), filled with (i + 1) * 0x11 + offset.
 * Returns the image length. */
static size_t build_elf(bool is64, bool be, uint32_t flags, uint64_t entry,
			unsigned nseg, const struct seg *segs)
{
	size_t ehsize = is64 ? 64 : 52, phsize = is64 ? 56 : 32, len = 0x1000;

	memset(image, 0, sizeof(image));
	memcpy(image, "\x7f" "ELF", 4);
	image[4] = is64 ? 2 : 1;
	image[5] = be ? 2 : 1;
	image[6] = 1;
	put16(image + 16, 2, be);			/* ET_EXEC */
	put16(image + 18, is64 ? 21 : 20, be);		/* EM_PPC64 / EM_PPC */
	put32(image + 20, 1, be);
	if (is64) {
		put64(image + 24, entry, be);
		put64(image + 32, ehsize, be);		/* phoff */
		put32(image + 48, flags, be);
		put16(image + 52, (uint16_t)ehsize, be);
		put16(image + 54, (uint16_t)phsize, be);
		put16(image + 56, (uint16_t)nseg, be);
	} else {
		put32(image + 24, (uint32_t)entry, be);
		put32(image + 28, (uint32_t)ehsize, be);
		put32(image + 36, flags, be);
		put16(image + 40, (uint16_t)ehsize, be);
		put16(image + 42, (uint16_t)phsize, be);
		put16(image + 44, (uint16_t)nseg, be);
	}
	for (unsigned i = 0; i < nseg; i++) {
		uint8_t *ph = image + ehsize + i * phsize;
		uint64_t off = 0x1000 * (i + 1);

		if (is64) {
			put32(ph, 1, be);
			put32(ph + 4, 7, be);
			put64(ph + 8, off, be);
			put64(ph + 16, segs[i].vaddr, be);
			put64(ph + 24, segs[i].paddr, be);
			put64(ph + 32, segs[i].filesz, be);
			put64(ph + 40, segs[i].memsz, be);
			put64(ph + 48, 0x10000, be);
		} else {
			put32(ph, 1, be);
			put32(ph + 4, (uint32_t)off, be);
			put32(ph + 8, (uint32_t)segs[i].vaddr, be);
			put32(ph + 12, (uint32_t)segs[i].paddr, be);
			put32(ph + 16, (uint32_t)segs[i].filesz, be);
			put32(ph + 20, (uint32_t)segs[i].memsz, be);
			put32(ph + 24, 7, be);
			put32(ph + 28, 0x10000, be);
		}
		for (uint64_t b = 0; b < segs[i].filesz && off + b < sizeof(image); b++)
			image[off + b] = (uint8_t)((i + 1) * 0x11 + b);
		if (off + segs[i].filesz > len)
			len = off + segs[i].filesz;
	}
	return len;
}

struct start_ctx {
	const void *img;
	size_t len;
	const char *what;
	int rc;
};

static void start_body(void *p)
{
	struct start_ctx *c = p;

	c->rc = of_start_elf(c->img, c->len, c->what);
}

/* Runs of_start_elf; returns how it ended (rc in *rc if it returned). */
static enum fake_exit start(size_t len, int *rc)
{
	struct start_ctx c = { image, len, "test", 12345 };
	enum fake_exit e;

	fake_console_clear();
	e = fake_board_run(start_body, &c);
	if (rc)
		*rc = c.rc;
	return e;
}

static bool segment_loaded(unsigned i, const struct seg *s)
{
	const uint8_t *p = fm_ptr(s->paddr, s->memsz);

	for (uint64_t b = 0; b < s->memsz; b++)
		if (p[b] != (b < s->filesz ? (uint8_t)((i + 1) * 0x11 + b) : 0))
			return false;
	return true;
}

static void test_elf64_be(void)
{
	/* ELFv1: the entry is a function descriptor inside the segment. */
	struct seg s = { LOAD, LOAD, 0x200, 0x3000 };
	size_t len = build_elf(true, true, 1, LOAD + 0x100, 1, &s);
	int rc;

	put64(image + 0x1000 + 0x100, LOAD + 0x40, true);	/* entry */
	put64(image + 0x1000 + 0x108, LOAD + 0x8000, true);	/* TOC */
	memset(fm_ptr(LOAD, 0x4000), 0xaa, 0x4000);
	CHECK_EQ_U64(start(len, &rc), FAKE_EXIT_START_CLIENT);
	CHECK_EQ_U64(fake_board.client.entry, LOAD + 0x40);
	CHECK_EQ_U64(fake_board.client.toc, LOAD + 0x8000);
	CHECK_EQ_U64(fake_board.client.flags, BOARD_CLIENT_64);
	CHECK_EQ_U64(fake_board.client.stack, of_client_stack_top());
	CHECK_EQ_U64(fake_board.client.r3, 0);
	CHECK_EQ_U64(fake_board.client.r4, 0);
	/* File bytes copied (with the descriptor), the rest zeroed, nothing
	 * past memsz touched; the range is claimed. */
	CHECK(segment_loaded(0, &(struct seg){ LOAD, LOAD, 0x100, 0x100 }));
	CHECK_EQ_U64(be64_read(fm_ptr(LOAD + 0x100, 8)), LOAD + 0x40);
	CHECK_EQ_U64(*(uint8_t *)fm_ptr(LOAD + 0x200, 1), 0);
	CHECK_EQ_U64(*(uint8_t *)fm_ptr(LOAD + 0x2fff, 1), 0);
	CHECK_EQ_U64(*(uint8_t *)fm_ptr(LOAD + 0x3000, 1), 0xaa);
	CHECK(!claim_is_free(LOAD, 0x3000));
	CHECK(claim_is_free(LOAD + 0x3000, 0x1000));
	CHECK(fake_console_contains("elf: starting test: ELF64 big-endian, entry 0x2000040"));

	/* Loading it again: its memory is taken now. */
	CHECK_EQ_U64(start(len, &rc), FAKE_EXIT_NONE);
	CHECK_EQ_U64(rc, (uint64_t)-1);
	CHECK(fake_console_contains("overlaps memory already in use"));
	CHECK_EQ_U64(claim_release(LOAD, 0x3000), 0);

	/* A descriptor outside the file data: refused. */
	len = build_elf(true, true, 1, LOAD + 0x2000, 1, &s);
	CHECK_EQ_U64(start(len, &rc), FAKE_EXIT_NONE);
	CHECK_EQ_U64(rc, (uint64_t)-1);
	CHECK(fake_console_contains("elf: test: "));
	CHECK(claim_is_free(LOAD, 0x3000));
}

static void test_elf64_le_and_elf32(void)
{
	struct seg s[2] = { { LOAD, 0xc000000000000000ull, 0x180, 0x1000 },
			    { LOAD + 0x10000, 0xc000000000010000ull, 0x20, 0x20 } };
	size_t len = build_elf(true, false, 2, LOAD + 0x10, 2, s);
	int rc;

	memset(fm_ptr(LOAD, 0x20000), 0xaa, 0x20000);
	CHECK_EQ_U64(start(len, &rc), FAKE_EXIT_START_CLIENT);
	CHECK_EQ_U64(fake_board.client.entry, LOAD + 0x10);
	CHECK_EQ_U64(fake_board.client.flags, BOARD_CLIENT_64 | BOARD_CLIENT_LE);
	CHECK_EQ_U64(fake_board.client.toc, 0);
	CHECK(segment_loaded(0, &s[0]));
	CHECK(segment_loaded(1, &s[1]));
	CHECK(fake_console_contains("ELF64 little-endian"));
	CHECK_EQ_U64(claim_release(LOAD, 0x1000), 0);
	CHECK_EQ_U64(claim_release(LOAD + 0x10000, 0x20), 0);

	/* ELF32 big-endian (GRUB's core.elf): 32-bit BE entry. */
	len = build_elf(false, true, 0, LOAD + 4, 1, s);
	CHECK_EQ_U64(start(len, &rc), FAKE_EXIT_START_CLIENT);
	CHECK_EQ_U64(fake_board.client.entry, LOAD + 4);
	CHECK_EQ_U64(fake_board.client.flags, 0);
	CHECK(segment_loaded(0, &s[0]));
	CHECK(fake_console_contains("ELF32 big-endian"));
	CHECK_EQ_U64(claim_release(LOAD, 0x1000), 0);
}

static void test_refused(void)
{
	struct seg s[2] = { { LOAD, LOAD, 0x100, 0x1000 },
			    { RAM_END - 0x800, RAM_END - 0x800, 0x100, 0x1000 } };
	size_t len;
	int rc;

	/* Not an ELF image. */
	memset(image, 0x5a, 256);
	CHECK_EQ_U64(start(256, &rc), FAKE_EXIT_NONE);
	CHECK_EQ_U64(rc, (uint64_t)-1);
	CHECK(fake_console_contains("elf: test: not a loadable ELF image: "));

	/* A segment running past the end of RAM. */
	len = build_elf(false, true, 0, LOAD, 2, s);
	CHECK_EQ_U64(start(len, &rc), FAKE_EXIT_NONE);
	CHECK_EQ_U64(rc, (uint64_t)-1);
	CHECK(fake_console_contains("is outside RAM"));
	/* A segment over the firmware: refused, firmware memory unchanged,
	 * and what the image claimed before is given back. */
	s[1].paddr = s[1].vaddr = fm.tree_ram - FM_FW1_SIZE + 0x1000;
	len = build_elf(false, true, 0, LOAD, 2, s);
	CHECK_EQ_U64(start(len, &rc), FAKE_EXIT_NONE);
	CHECK_EQ_U64(rc, (uint64_t)-1);
	CHECK(fake_console_contains("overlaps the firmware"));
	CHECK(fm_protected_intact());
	CHECK(claim_is_free(LOAD, 0x1000));
	s[1].paddr = s[1].vaddr = 0x80000;
	len = build_elf(false, true, 0, LOAD, 2, s);
	CHECK_EQ_U64(start(len, &rc), FAKE_EXIT_NONE);
	CHECK(claim_is_free(LOAD, 0x1000));
	CHECK(fm_protected_intact());
	/* Two segments overlapping each other. */
	s[1].paddr = s[1].vaddr = LOAD + 0x800;
	len = build_elf(false, true, 0, LOAD, 2, s);
	CHECK_EQ_U64(start(len, &rc), FAKE_EXIT_NONE);
	CHECK_EQ_U64(rc, (uint64_t)-1);
	CHECK(claim_is_free(LOAD, 0x1000));
}

/* An archive holding one file, as mkromfs writes it. */
static uint8_t romfs[0x12000];

static size_t build_romfs(const char *name, const void *data, size_t len)
{
	size_t off = ROMFS_DATA_START(1);

	memset(romfs, 0, sizeof(romfs));
	memcpy(romfs, ROMFS_MAGIC, ROMFS_MAGIC_LEN);
	be32_write(romfs + 8, 1);
	memcpy(romfs + 16, name, strlen(name));
	be32_write(romfs + 16 + 32, (uint32_t)off);
	be32_write(romfs + 16 + 36, (uint32_t)len);
	be32_write(romfs + 16 + 40, crc32_ieee(0, data, len));
	memcpy(romfs + off, data, len);
	be32_write(romfs + 12, (uint32_t)ROMFS_ALIGN_UP(off + len));
	return ROMFS_ALIGN_UP(off + len);
}

static void test_romfs_demo(void)
{
	struct seg s = { LOAD, LOAD, 0x100, 0x1000 };
	size_t len = build_elf(false, true, 0, LOAD + 8, 1, &s);

	/* The boot sequence finds "demo" and starts it. */
	fake_board_reset();
	fake_board.romfs_len = build_romfs("demo", image, len);
	fake_board.romfs = romfs;
	CHECK_EQ_U64(fm_start(NULL), FAKE_EXIT_START_CLIENT);
	CHECK_EQ_U64(fake_board.client.entry, LOAD + 8);
	CHECK(fake_console_contains("boot: booting the embedded \"demo\" client"));
	CHECK(segment_loaded(0, &s));
	/* Without it, or with a damaged archive: the prompt. */
	fake_board_reset();
	fake_board.romfs_len = build_romfs("other", image, len);
	fake_board.romfs = romfs;
	CHECK_EQ_U64(fm_start(NULL), FAKE_EXIT_CONSOLE_IDLE);
	CHECK(fake_console_contains("boot: nothing bootable found"));
	CHECK(fake_console_contains("0 > "));
	fake_board_reset();
	fake_board.romfs_len = build_romfs("demo", image, len);
	fake_board.romfs = romfs;
	romfs[ROMFS_DATA_START(1) + 3] ^= 1;
	CHECK_EQ_U64(fm_start(NULL), FAKE_EXIT_CONSOLE_IDLE);
	CHECK(fake_console_contains("embedded romfs is damaged"));
	/* A demo that is not an ELF image. */
	fake_board_reset();
	fake_board.romfs_len = build_romfs("demo", "garbage!", 8);
	fake_board.romfs = romfs;
	CHECK_EQ_U64(fm_start(NULL), FAKE_EXIT_CONSOLE_IDLE);
	CHECK(fake_console_contains("elf: demo: not a loadable ELF image"));
	/* The prompt's "boot" tries again. */
	fake_board_reset();
	fake_board.romfs_len = build_romfs("demo", image, len);
	fake_board.romfs = romfs;
	fake_board.idle_limit = 1;	/* nothing typed: at the prompt at once */
	{
		struct fake_fdt_opts o = { 0 };

		/* auto-boot? false via NVRAM is covered elsewhere; here a
		 * -kernel outside RAM falls through to the demo. */
		o.kernel_base = RAM_END;
		o.kernel_size = 0x1000;
		CHECK_EQ_U64(fm_start(&o), FAKE_EXIT_START_CLIENT);
		CHECK(fake_console_contains("is outside RAM: not started"));
		CHECK_EQ_U64(fake_board.client.entry, LOAD + 8);
	}
}

static void test_kernel(void)
{
	struct fake_fdt_opts o = { .kernel_base = 0x400000, .kernel_size = 0x287c918,
				   .initrd_start = 0x2c90000, .initrd_end = 0x2c90000 + 0x100000 };

	/* QEMU's -kernel: entered at its base with r3/r4 = initrd, 32-bit BE. */
	CHECK_EQ_U64(fm_boot(&o), FAKE_EXIT_START_CLIENT);
	CHECK_EQ_U64(fake_board.client.entry, 0x400000);
	CHECK_EQ_U64(fake_board.client.r3, 0x2c90000);
	CHECK_EQ_U64(fake_board.client.r4, 0x100000);
	CHECK_EQ_U64(fake_board.client.flags, 0);
	CHECK_EQ_U64(fake_board.client.stack, of_client_stack_top());
	CHECK(fake_console_contains("boot: starting kernel at 0x400000 (big-endian, 42453272 bytes), initrd at 0x2c90000 (1048576 bytes)"));
	/* The kernel, the initrd and the client stack do not overlap. */
	CHECK(!claim_is_free(0x400000, 0x287c918));
	CHECK(!claim_is_free(0x2c90000, 0x100000));
	CHECK(of_client_stack_top() < 0x400000 || of_client_stack_top() > 0x2d90000);
	/* Little-endian kernels switch themselves: still entered BE. */
	o.kernel_le = true;
	o.initrd_end = 0;
	CHECK_EQ_U64(fm_boot(&o), FAKE_EXIT_START_CLIENT);
	CHECK_EQ_U64(fake_board.client.flags, 0);
	CHECK_EQ_U64(fake_board.client.r3, 0);
	CHECK_EQ_U64(fake_board.client.r4, 0);
	CHECK(fake_console_contains("(little-endian, 42453272 bytes)\r\n"));
}

int main(void)
{
	CHECK_EQ_U64(fm_boot(NULL), FAKE_EXIT_CONSOLE_IDLE);
	test_elf64_be();
	test_elf64_le_and_elf32();
	test_refused();
	test_romfs_demo();
	test_kernel();
	return unit_done("test-elf-load");
}
