/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/romfs: CRC-32, hand-built archives with every
 * rejection reason, and build/mkromfs run on real files. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "be.h"
#include "crc32/crc32.h"
#include "romfs/romfs.h"
#include "unit.h"

#define R_SHORT  "image is shorter than the romfs header"
#define R_MAGIC  "bad romfs magic"
#define R_SIZE   "romfs size is outside the image"
#define R_MANY   "too many files in the romfs"
#define R_TABLE  "romfs file table runs past its size"
#define R_NAME   "file name is empty or not NUL-padded"
#define R_DUP    "duplicate file name"
#define R_ALIGN  "file data is not 8-byte aligned"
#define R_OUT    "file data lies outside the romfs"
#define R_CRC    "file crc32 does not match"

static uint8_t img[4096];

/* Builds an archive of n files named/filled from the arrays, packed like
 * mkromfs does; returns total_size. */
static size_t build(int n, const char *const *names, const char *const *data)
{
	size_t off = ROMFS_DATA_START(n);

	memset(img, 0, sizeof(img));
	memcpy(img, "OFROMFS1", 8);
	be32_write(img + 8, (uint32_t)n);
	for (int i = 0; i < n; i++) {
		uint8_t *e = img + 16 + 44 * i;
		size_t len = strlen(data[i]);

		memcpy(e, names[i], strlen(names[i]));
		be32_write(e + 32, (uint32_t)off);
		be32_write(e + 36, (uint32_t)len);
		be32_write(e + 40, crc32_ieee(0, data[i], len));
		memcpy(img + off, data[i], len);
		off = ROMFS_ALIGN_UP(off + len);
	}
	be32_write(img + 12, (uint32_t)off);
	return off;
}

static const char *open_reason(size_t len)
{
	struct romfs fs;
	const char *why = NULL;

	return romfs_open(img, len, &fs, &why) ? why : "(accepted)";
}

static void fix_crc(int i)
{
	uint8_t *e = img + 16 + 44 * i;

	be32_write(e + 40, crc32_ieee(0, img + be32_read(e + 32),
				       be32_read(e + 36)));
}

static void test_crc(void)
{
	CHECK_EQ_U64(crc32_ieee(0, "123456789", 9), 0xcbf43926);
	CHECK_EQ_U64(crc32_ieee(0, "", 0), 0);
	CHECK_EQ_U64(crc32_ieee(0, "a", 1), 0xe8b7be43);
	CHECK_EQ_U64(crc32_ieee(crc32_ieee(0, "1234", 4), "56789", 5),
		     0xcbf43926);
}

static const char *const names3[] = { "client.elf", "empty", "x" };
static const char *const data3[] = { "\177ELF-not-really", "", "abc" };

static void test_valid(void)
{
	struct romfs fs;
	const char *why = NULL, *name;
	const void *d;
	size_t sz, total = build(3, names3, data3);

	CHECK_EQ_U64(total, 0x98 + 16 + 0 + 8);
	CHECK(romfs_open(img, total, &fs, &why) == 0);
	CHECK_EQ_U64(fs.count, 3);
	CHECK_EQ_U64(fs.size, total);
	CHECK(romfs_find(&fs, "client.elf", &d, &sz) == 0);
	CHECK_EQ_U64(sz, 15);
	CHECK((const uint8_t *)d == img + 0x98);
	CHECK(memcmp(d, data3[0], 15) == 0);
	CHECK(romfs_find(&fs, "empty", &d, &sz) == 0);
	CHECK_EQ_U64(sz, 0);
	CHECK(romfs_find(&fs, "x", &d, &sz) == 0);
	CHECK(sz == 3 && memcmp(d, "abc", 3) == 0);
	d = NULL;
	CHECK(romfs_find(&fs, "client", &d, &sz) == STATUS_ENOTFOUND);
	CHECK(romfs_find(&fs, "client.elf.", &d, &sz) == STATUS_ENOTFOUND);
	CHECK(romfs_find(&fs, "", &d, &sz) == STATUS_ENOTFOUND);
	CHECK(d == NULL);

	CHECK(romfs_entry(&fs, 1, &name, &d, &sz) == 0);
	CHECK_STR(name, "empty");
	CHECK(romfs_entry(&fs, 2, &name, NULL, NULL) == 0);
	CHECK_STR(name, "x");
	CHECK(romfs_entry(&fs, 3, &name, &d, &sz) == STATUS_ENOTFOUND);

	/* bytes past total_size (ROM padding) are ignored */
	CHECK_STR(open_reason(sizeof(img)), "(accepted)");
	/* an empty archive is valid */
	total = build(0, NULL, NULL);
	CHECK_EQ_U64(total, 16);
	CHECK(romfs_open(img, total, &fs, &why) == 0);
	CHECK(romfs_find(&fs, "x", &d, &sz) == STATUS_ENOTFOUND);
	/* a 31-byte name is the longest */
	static const char *const longname[] = { "0123456789012345678901234567890" };
	total = build(1, longname, data3);
	CHECK(romfs_open(img, total, &fs, &why) == 0);
	CHECK(romfs_find(&fs, longname[0], &d, &sz) == 0);
	/* files may be placed anywhere aligned, even sharing bytes */
	total = build(3, names3, data3);
	be32_write(img + 16 + 44 * 2 + 32, 0x98);
	be32_write(img + 16 + 44 * 2 + 36, 3);
	fix_crc(2);
	CHECK(romfs_open(img, total, &fs, &why) == 0);
}

static void test_reject(void)
{
	size_t total = build(3, names3, data3);

	CHECK_STR(open_reason(0), R_SHORT);
	CHECK_STR(open_reason(15), R_SHORT);
	img[7] = '2';
	CHECK_STR(open_reason(total), R_MAGIC);

	build(3, names3, data3);
	CHECK_STR(open_reason(total - 1), R_SIZE);
	be32_write(img + 12, 15);
	CHECK_STR(open_reason(total), R_SIZE);
	be32_write(img + 12, 0xffffffff);
	CHECK_STR(open_reason(total), R_SIZE);

	build(3, names3, data3);
	be32_write(img + 8, 257);
	CHECK_STR(open_reason(total), R_MANY);
	be32_write(img + 8, 0xffffffff);
	CHECK_STR(open_reason(total), R_MANY);
	be32_write(img + 8, 4); /* the table would end past the data */
	be32_write(img + 12, 16 + 3 * 44);
	CHECK_STR(open_reason(total), R_TABLE);

	build(3, names3, data3);
	img[16 + 44] = 0; /* empty name */
	CHECK_STR(open_reason(total), R_NAME);
	build(3, names3, data3);
	memset(img + 16 + 44, 'n', 32); /* unterminated */
	CHECK_STR(open_reason(total), R_NAME);
	build(3, names3, data3);
	img[16 + 44 + 31] = 'z'; /* garbage after the NUL */
	CHECK_STR(open_reason(total), R_NAME);

	static const char *const dup[] = { "a", "b", "a" };
	total = build(3, dup, data3);
	CHECK_STR(open_reason(total), R_DUP);

	total = build(3, names3, data3);
	be32_write(img + 16 + 32, 0x99);
	CHECK_STR(open_reason(total), R_ALIGN);
	be32_write(img + 16 + 32, 0x90); /* inside the entry table */
	fix_crc(0);
	CHECK_STR(open_reason(total), R_OUT);
	be32_write(img + 16 + 32, 0x98);
	be32_write(img + 16 + 36, (uint32_t)total - 0x98 + 1);
	CHECK_STR(open_reason(total), R_OUT);
	be32_write(img + 16 + 36, 0xfffffff0); /* offset + size wraps */
	CHECK_STR(open_reason(total), R_OUT);
	be32_write(img + 16 + 36, 0);
	be32_write(img + 16 + 32, (uint32_t)total + 8);
	CHECK_STR(open_reason(total), R_OUT);
	be32_write(img + 16 + 32, (uint32_t)total); /* empty file at the end */
	fix_crc(0);
	CHECK_STR(open_reason(total), "(accepted)");

	total = build(3, names3, data3);
	img[0x98 + 3] ^= 0x20;
	CHECK_STR(open_reason(total), R_CRC);
	build(3, names3, data3);
	img[16 + 2 * 44 + 43] ^= 1;
	CHECK_STR(open_reason(total), R_CRC);

	struct romfs fs;
	CHECK(romfs_open(img, 3, &fs, NULL) == STATUS_EMALFORMED);
}

/* ---- build/mkromfs, found next to this binary's directory ---- */

static char tool[4096], tmpdir[64];

static int run(const char *args)
{
	char cmd[8192];
	int st;

	snprintf(cmd, sizeof(cmd), "%s %s 2>%s/err", tool, args, tmpdir);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int err_has(const char *text)
{
	char path[128], buf[1024] = "";
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/err", tmpdir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return strstr(buf, text) != NULL;
}

static void put_file(const char *name, const void *data, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		CHECK(fwrite(data, 1, len, f) == len);
		fclose(f);
	}
}

static void test_mkromfs(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');
	char args[4096], path[128];
	static uint8_t big[100003], out[200000];
	struct romfs fs;
	const char *why = NULL, *name;
	const void *d;
	size_t sz, n;
	FILE *f;

	snprintf(tool, sizeof(tool), "%.*s/../mkromfs",
		 slash ? (int)(slash - argv0) : 1, slash ? argv0 : ".");
	CHECK(access(tool, X_OK) == 0);
	strcpy(tmpdir, "/tmp/test-romfs-XXXXXX");
	CHECK(mkdtemp(tmpdir) != NULL);

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7 + (i >> 8));
	put_file("big.bin", big, sizeof(big));
	put_file("empty.bin", "", 0);
	put_file("small.txt", "hello\n", 6);

	snprintf(args, sizeof(args),
		 "%1$s/out.img client.elf=%1$s/big.bin e=%1$s/empty.bin "
		 "greeting=%1$s/small.txt", tmpdir);
	CHECK(run(args) == 0);
	snprintf(path, sizeof(path), "%s/out.img", tmpdir);
	f = fopen(path, "rb");
	CHECK(f != NULL);
	n = f ? fread(out, 1, sizeof(out), f) : 0;
	if (f)
		fclose(f);
	CHECK_EQ_U64(n, ROMFS_DATA_START(3) + ROMFS_ALIGN_UP(sizeof(big)) + 8);
	CHECK(romfs_open(out, n, &fs, &why) == 0);
	CHECK_EQ_U64(fs.count, 3);
	CHECK(romfs_find(&fs, "client.elf", &d, &sz) == 0);
	CHECK(sz == sizeof(big) && memcmp(d, big, sz) == 0);
	CHECK_EQ_U64((uintptr_t)((const uint8_t *)d - out), ROMFS_DATA_START(3));
	CHECK(romfs_find(&fs, "e", &d, &sz) == 0 && sz == 0);
	CHECK(romfs_find(&fs, "greeting", &d, &sz) == 0);
	CHECK(sz == 6 && memcmp(d, "hello\n", 6) == 0);
	CHECK(romfs_entry(&fs, 0, &name, NULL, NULL) == 0);
	CHECK_STR(name, "client.elf");
	remove(path);

	/* errors: no output file is left behind */
	CHECK(run("") == 2);
	CHECK(err_has("usage:"));
	snprintf(args, sizeof(args), "%1$s/o.img a=%1$s/missing.bin", tmpdir);
	CHECK(run(args) == 1);
	CHECK(err_has("cannot open") && err_has("missing.bin"));
	snprintf(args, sizeof(args),
		 "%1$s/o.img 0123456789012345678901234567890X=%1$s/empty.bin",
		 tmpdir);
	CHECK(run(args) == 1);
	CHECK(err_has("is too long"));
	snprintf(args, sizeof(args), "%1$s/o.img a=%1$s/empty.bin a=%1$s/empty.bin",
		 tmpdir);
	CHECK(run(args) == 1);
	CHECK(err_has("given twice"));
	snprintf(args, sizeof(args), "%1$s/o.img %1$s/empty.bin", tmpdir);
	CHECK(run(args) == 1);
	CHECK(err_has("expected NAME=FILE"));
	snprintf(args, sizeof(args), "%1$s/o.img =%1$s/empty.bin", tmpdir);
	CHECK(run(args) == 1);
	snprintf(path, sizeof(path), "%s/o.img", tmpdir);
	CHECK(access(path, F_OK) != 0);
	/* the longest name works */
	snprintf(args, sizeof(args),
		 "%1$s/o.img 0123456789012345678901234567890=%1$s/small.txt",
		 tmpdir);
	CHECK(run(args) == 0);
	remove(path);

	const char *files[] = { "big.bin", "empty.bin", "small.txt", "err" };
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, files[i]);
		remove(path);
	}
	rmdir(tmpdir);
}

int main(int argc, char **argv)
{
	(void)argc;
	test_crc();
	test_valid();
	test_reject();
	test_mkromfs(argv[0]);
	return unit_done("test-romfs");
}
