/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/iso9660: volumes built in memory (every malformed
 * field rejected with its reason) and a real image written by xorriso
 * (Rock Ridge names, a directory spanning several sectors, deep paths). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iso9660/iso9660.h"
#include "le.h"
#include "unit.h"

#define S ISO9660_SECTOR
#define IMG_SECTORS 64

static uint8_t *img;
static size_t img_size;
static long fail_at = -1;
static unsigned reads;

static int img_read(void *ctx, uint64_t off, uint32_t len, void *buf)
{
	(void)ctx;
	reads++;
	if (fail_at >= 0 && off <= (uint64_t)fail_at && (uint64_t)fail_at < off + len)
		return -1;
	if (off > img_size || len > img_size - off)
		return -1;
	memcpy(buf, img + off, len);
	return 0;
}

static struct iso9660_fs *new_fs(void)
{
	static struct iso9660_fs fs;

	memset(&fs, 0, sizeof(fs));
	fs.read = img_read;
	fs.disk_size = img_size;
	fail_at = -1;
	return &fs;
}

static void both32(uint8_t *p, uint32_t v)
{
	le32_write(p, v);
	p[4] = (uint8_t)(v >> 24); p[5] = (uint8_t)(v >> 16);
	p[6] = (uint8_t)(v >> 8); p[7] = (uint8_t)v;
}

/* Writes a directory record at p; returns its length. su (may be NULL) is
 * appended as the system use area. */
static size_t record(uint8_t *p, uint32_t extent, uint32_t size, uint8_t flags,
		     const char *name, size_t name_len, const uint8_t *su, size_t su_len)
{
	size_t len = 33 + name_len + ((name_len & 1) ? 0 : 1) + su_len;

	memset(p, 0, len);
	p[0] = (uint8_t)len;
	both32(p + 2, extent);
	both32(p + 10, size);
	p[25] = flags;
	p[28] = 1;
	p[31] = 1;
	p[32] = (uint8_t)name_len;
	memcpy(p + 33, name, name_len);
	if (su_len)
		memcpy(p + len - su_len, su, su_len);
	return len;
}

/* Layout: PVD 16, terminator 17, root dir 20, PPC dir 21, BOOT dir 22-23
 * (two sectors), files from 30. */
static size_t dir_self(uint8_t *p, uint32_t ext, uint32_t size, uint32_t parent)
{
	size_t n = record(p, ext, size, 2, "\0", 1, NULL, 0);

	return n + record(p + n, parent, S, 2, "\1", 1, NULL, 0);
}

static void build(void)
{
	uint8_t *pvd, *d;
	size_t n;
	static const uint8_t nm[] = { 'N', 'M', 5 + 9, 1, 0, 'G', 'r', 'u', 'b', '.', 'C', 'o', 'n', 'f' };

	img_size = IMG_SECTORS * S;
	free(img);
	img = calloc(1, img_size);
	pvd = img + 16 * S;
	pvd[0] = 1;
	memcpy(pvd + 1, "CD001", 5);
	pvd[6] = 1;
	memcpy(pvd + 40, "TESTVOL                         ", 32);
	both32(pvd + 80, IMG_SECTORS);
	pvd[128] = 0x00; pvd[129] = 0x08; pvd[130] = 0x08; pvd[131] = 0x00;
	record(pvd + 156, 20, S, 2, "\0", 1, NULL, 0);
	img[17 * S] = 255;
	memcpy(img + 17 * S + 1, "CD001", 5);

	d = img + 20 * S;	/* root */
	n = dir_self(d, 20, S, 20);
	n += record(d + n, 21, S, 2, "PPC", 3, NULL, 0);
	n += record(d + n, 22, 2 * S, 2, "BOOT", 4, NULL, 0);
	n += record(d + n, 30, 11, 0, "README.;1", 9, NULL, 0);
	n += record(d + n, 20, S, 2, "LOOP", 4, NULL, 0);	/* the root again */

	d = img + 21 * S;	/* \PPC */
	n = dir_self(d, 21, S, 20);
	n += record(d + n, 31, 60, 0, "BOOTINFO.TXT;1", 14, NULL, 0);

	d = img + 22 * S;	/* \BOOT: fill the first sector, spill into the second */
	n = dir_self(d, 22, 2 * S, 20);
	for (int i = 0; n + 48 <= S; i++) {
		char name[16];

		snprintf(name, sizeof(name), "F%07d.BIN;1", i);
		n += record(d + n, 40, 1, 0, name, strlen(name), NULL, 0);
	}
	d = img + 23 * S;
	n = record(d, 32, 5000, 0, "POWERPC.ELF;1", 13, NULL, 0);
	n += record(d + n, 33, 3, 0, "GRUB_CON.;1", 11, nm, sizeof(nm));

	memcpy(img + 30 * S, "hello world", 11);
	memcpy(img + 31 * S, "<chrp-boot><boot-script>boot &device;:\\boot\\powerpc.elf</boot-script>", 60);
}

static const char *look(const char *path, struct iso9660_file *f)
{
	struct iso9660_fs *fs = new_fs();
	const char *why = NULL;

	if (iso9660_mount(fs, &why) != 0)
		return why;
	if (iso9660_lookup(fs, path, f, &why) != 0)
		return why;
	return "ok";
}

static void test_lookup(void)
{
	struct iso9660_fs *fs;
	struct iso9660_file f;
	const char *why = NULL;

	build();
	fs = new_fs();
	CHECK(iso9660_probe(fs) == 1);
	CHECK(iso9660_mount(fs, &why) == 0);
	CHECK_STR(fs->vol.volume_id, "TESTVOL");
	CHECK_EQ_U64(fs->vol.block_size, 2048);
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "ok");
	CHECK_EQ_U64(f.offset, 31 * S);
	CHECK_EQ_U64(f.size, 60);
	CHECK(!f.dir);
	CHECK_STR(look("/PPC/BOOTINFO.TXT", &f), "ok");
	CHECK_STR(look("ppc/bootinfo.txt;1", &f), "ok");
	CHECK_STR(look("\\\\ppc\\.\\bootinfo.txt", &f), "ok");
	CHECK_STR(look("\\readme", &f), "ok");
	CHECK_EQ_U64(f.offset, 30 * S);
	CHECK_STR(look("\\README.", &f), "ok");
	/* the record in the directory's second sector */
	CHECK_STR(look("\\boot\\powerpc.elf", &f), "ok");
	CHECK_EQ_U64(f.offset, 32 * S);
	CHECK_EQ_U64(f.size, 5000);
	/* Rock Ridge name, and the ISO name of the same file */
	CHECK_STR(look("\\boot\\grub.conf", &f), "ok");
	CHECK_EQ_U64(f.offset, 33 * S);
	CHECK_STR(look("\\boot\\grub_con", &f), "ok");
	CHECK_STR(look("\\boot\\F0000003.BIN", &f), "ok");
	CHECK_STR(look("\\", &f), "ok");
	CHECK(f.dir && f.offset == 20 * S);
	CHECK_STR(look("\\ppc", &f), "ok");
	CHECK(f.dir);

	CHECK_STR(look("\\ppc\\nothere", &f), "file not found");
	CHECK_STR(look("\\readme\\x", &f), "a path component is not a directory");
	CHECK_STR(look("\\ppc\\..\\readme", &f), "\"..\" in an ISO 9660 path is not supported");
	{
		char deep[200] = "";

		for (int i = 0; i < 32; i++)
			strcat(deep, "\\loop");
		CHECK_STR(look(deep, &f), "ok");
		CHECK(f.dir && f.offset == 20 * S);
		strcat(deep, "\\loop");
		CHECK_STR(look(deep, &f), "path has more than 32 components");
	}
	{
		char longname[300];

		memset(longname, 'x', 299);
		longname[0] = '\\';
		longname[299] = '\0';
		CHECK_STR(look(longname, &f), "path component longer than 255 bytes");
	}
}

static void test_malformed(void)
{
	struct iso9660_file f;
	uint8_t *pvd;

	build();
	pvd = img + 16 * S;
	pvd[6] = 2;
	CHECK_STR(look("\\", &f), "ISO 9660 primary volume descriptor version is not 1");
	build();
	img[16 * S + 129] = 0x10;	/* 4096 */
	CHECK_STR(look("\\", &f), "ISO 9660 logical block size is not 512, 1024 or 2048");
	build();
	both32(img + 16 * S + 80, 0);
	CHECK_STR(look("\\", &f), "ISO 9660 volume space size is zero");
	build();
	img[16 * S + 156 + 25] = 0;
	CHECK_STR(look("\\", &f), "ISO 9660 root directory record is not a directory");
	build();
	both32(img + 16 * S + 156 + 2, 0x7ffffff0);
	CHECK_STR(look("\\", &f), "ISO 9660 root directory lies outside the volume");
	build();
	img[16 * S + 156] = 20;
	CHECK_STR(look("\\", &f), "ISO 9660 root directory record is malformed");
	build();
	img[16 * S + 1] = 'X';
	CHECK_STR(look("\\", &f), "no ISO 9660 signature (CD001) at sector 16");
	build();
	img[16 * S] = 2;	/* supplementary only, then the terminator */
	CHECK_STR(look("\\", &f), "ISO 9660 volume has no primary volume descriptor");
	build();
	img[17 * S + 1] = 'X';
	img[16 * S] = 2;
	CHECK_STR(look("\\", &f), "ISO 9660 volume descriptor set ends without a terminator");
	build();
	for (int i = 16; i < IMG_SECTORS; i++) {
		img[i * S] = 3;
		memcpy(img + i * S + 1, "CD001", 5);
	}
	CHECK_STR(look("\\", &f), "ISO 9660 volume descriptor set has no terminator in 32 sectors");
	build();
	img_size = 16 * S + 100;
	CHECK_STR(look("\\", &f), "ISO 9660 volume descriptor lies beyond the end of the disk");
	CHECK(iso9660_probe(new_fs()) == 0);
	build();
	img_size = 20 * S;
	CHECK_STR(look("\\", &f), "ISO 9660 root directory lies beyond the end of the disk");
	build();
	img_size = 31 * S + 30;
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "ISO 9660 file lies outside the volume or the disk");
	img_size = 22 * S;
	CHECK_STR(look("\\boot\\powerpc.elf", &f), "ISO 9660 directory lies outside the volume or the disk");

	/* Records */
	build();
	img[21 * S + 68] = 20;	/* BOOTINFO record length */
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "directory record shorter than 34 bytes");
	build();
	both32(img + 20 * S + 68 + 10, 2);	/* PPC dir size: 2 bytes */
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "directory record runs past the end of the directory");
	build();
	both32(img + 20 * S + 68 + 10, 100);	/* the BOOTINFO record runs past 100 */
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "directory record runs past the end of the directory");
	build();
	img[21 * S + 68 + 32] = 200;	/* identifier longer than the record */
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "directory record identifier does not fit the record");
	build();
	img[21 * S + 68 + 25] = 0x80;
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "ISO 9660 file is split into several extents (not supported)");
	build();
	img[21 * S + 68 + 26] = 1;
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "ISO 9660 interleaved files are not supported");
	build();
	both32(img + 20 * S + 68 + 10, 5u << 20);
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "ISO 9660 directory larger than 4 MiB");
	build();
	both32(img + 20 * S + 68 + 2, 63);
	both32(img + 20 * S + 68 + 10, 2 * S);
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "ISO 9660 directory lies outside the volume or the disk");
	build();
	fail_at = 21 * S + 5;
	{
		struct iso9660_fs *fs = new_fs();
		const char *why = NULL;

		CHECK(iso9660_mount(fs, &why) == 0);
		fail_at = 21 * S + 5;
		CHECK(iso9660_lookup(fs, "\\ppc\\bootinfo.txt", &f, &why) == STATUS_EIO);
		CHECK_STR(why, "read error in an ISO 9660 directory");
		fail_at = 16 * S;
		CHECK(iso9660_mount(fs, &why) == STATUS_EIO);
		CHECK_STR(why, "read error on an ISO 9660 volume descriptor");
		CHECK(iso9660_probe(fs) == STATUS_EIO);
	}

	/* A record that crosses into the next sector (against ECMA-119, but
	 * read whole) */
	build();
	{
		uint8_t *d = img + 21 * S;
		size_t n;

		memset(d, 0, 2 * S);
		n = dir_self(d, 21, 2 * S, 20);
		memset(d + n, 0, S - n);
		static const uint8_t zeros[40];

		while (n + 80 <= S - 20)
			n += record(d + n, 40, 1, 0, "PAD.;1", 6, NULL, 0);
		n += record(d + n, 40, 1, 0, "PAD.;1", 6, zeros, S - 20 - n - 40);
		CHECK(n == S - 20);
		n += record(d + n, 31, 60, 0, "BOOTINFO.TXT;1", 14, NULL, 0);
		CHECK(n > S);
		both32(img + 20 * S + 68 + 10, 2 * S);
		CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "ok");
		CHECK_EQ_U64(f.offset, 31 * S);
	}
}

/* A 512-byte logical block volume. */
static void test_small_blocks(void)
{
	struct iso9660_file f;

	build();
	img[16 * S + 128] = 0x00; img[16 * S + 129] = 0x02;
	both32(img + 16 * S + 80, IMG_SECTORS * 4);
	both32(img + 16 * S + 156 + 2, 80);	/* 80 * 512 = sector 20 */
	both32(img + 20 * S + 2, 80);
	both32(img + 20 * S + 68 + 2, 84);	/* PPC at sector 21 */
	both32(img + 21 * S + 68 + 2, 124);	/* BOOTINFO at sector 31 */
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "ok");
	CHECK_EQ_U64(f.offset, 31 * S);
}

static void test_random(void)
{
	srand(9660);
	for (int round = 0; round < 500; round++) {
		struct iso9660_fs *fs;
		struct iso9660_file f;
		const char *why = NULL;

		build();
		for (int k = 0; k < 8; k++)
			img[16 * S + (size_t)(rand() % ((IMG_SECTORS - 16) * S))] = (uint8_t)rand();
		fs = new_fs();
		if (iso9660_mount(fs, &why) != 0) {
			CHECK(why != NULL);
			continue;
		}
		if (iso9660_lookup(fs, "\\boot\\powerpc.elf", &f, &why) == 0)
			CHECK(f.offset + f.size <= img_size);
		else
			CHECK(why != NULL);
	}
}

#ifdef ISO9660_SAMPLE
static uint8_t *load_file(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*size = (size_t)n;
	return buf;
}

/* The image xorriso wrote (lib/iso9660/Makefile.inc): Rock Ridge names
 * in mixed case, a directory of 200 files, a path 10 levels deep. */
static void test_xorriso(void)
{
	struct iso9660_file f;
	char path[64];

	free(img);
	img = load_file(ISO9660_SAMPLE, &img_size);
	CHECK(img != NULL);
	if (!img)
		return;
	CHECK_STR(look("\\ppc\\bootinfo.txt", &f), "ok");
	CHECK(f.size > 20 && memcmp(img + f.offset, "<chrp-boot>", 11) == 0);
	CHECK_STR(look("/Boot/Grub/PowerPC.elf", &f), "ok");
	CHECK(f.size == 4 && memcmp(img + f.offset, "\177ELF", 4) == 0);
	CHECK_STR(look("\\boot\\grub\\a-long-file-name-with-dashes.cfg", &f), "ok");
	CHECK(f.size == 6 && memcmp(img + f.offset, "dashes", 6) == 0);
	for (int i = 0; i < 200; i += 37) {
		snprintf(path, sizeof(path), "\\many\\file-%03d.txt", i);
		CHECK_STR(look(path, &f), "ok");
		CHECK(f.size == 9 && memcmp(img + f.offset, path + 6, 8) == 0);
	}
	CHECK_STR(look("\\many\\file-200.txt", &f), "file not found");
	CHECK_STR(look("\\d1\\d2\\d3\\d4\\d5\\d6\\d7\\d8\\d9\\deep.txt", &f), "ok");
	CHECK(f.size == 5 && memcmp(img + f.offset, "deep\n", 5) == 0);
	free(img);
	img = NULL;
}
#endif

int main(void)
{
	test_lookup();
	test_malformed();
	test_small_blocks();
	test_random();
#ifdef ISO9660_SAMPLE
	test_xorriso();
#endif
	free(img);
	return unit_done("test-iso9660");
}
