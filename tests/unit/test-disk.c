/* SPDX-License-Identifier: MIT */
/* The disk package (slof/devices/disk.c) and the boot-device loop
 * (slof/boot/boot-device.c) on the fake machine: RAM disks holding images that
 * sfdisk and xorriso wrote (tests/disk/make-fixtures.sh), driven through
 * the client interface as GRUB drives them (open "<dev>:0", seek, read,
 * block-size, read-blocks, load), and boots through qemu,boot-list, HALT,
 * qemu,boot-device, the NVRAM boot-device and the aliases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "boot/boot-device.h"
#include "devices/block.h"
#include "devices/disk.h"
#include "fake-machine.h"
#include "le.h"
#include "memory/claim.h"
#include "tree/instance.h"
#include "tree/tree.h"
#include "unit.h"

#define RAM (128u << 20)
#define ELF_EXTENT 0x20010u	/* the sample's program headers and segments */
#define ELF_ENTRY 0x200000u

/* ---- RAM disks: data for the first `have` bytes, zeros after ---- */

struct ram_disk {
	struct block_dev bd;
	uint8_t *data;
	uint64_t have;
	unsigned reads;
	int fail;
};

static int ram_read(struct block_dev *dev, uint64_t lba, uint32_t count, void *buf)
{
	struct ram_disk *r = (struct ram_disk *)dev;
	uint64_t off = lba * dev->block_size, len = (uint64_t)count * dev->block_size;

	r->reads++;
	if (r->fail || lba > dev->num_blocks || count > dev->num_blocks - lba)
		return -1;
	memset(buf, 0, len);
	if (off < r->have)
		memcpy(buf, r->data + off, r->have - off < len ? r->have - off : len);
	return 0;
}

static const struct block_dev_ops ram_ops = { .read = ram_read };

static uint8_t *load_file(const char *name, uint64_t *size)
{
	char path[256];
	FILE *f;
	uint8_t *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", DISK_FIXTURES, name);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "test-disk: cannot open %s\n", path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		exit(1);
	fclose(f);
	*size = (uint64_t)n;
	return buf;
}

static struct of_node *vscsi(void)
{
	return of_find_path("/vdevice/v-scsi@71000003");
}

/* A disk node under the fake v-scsi adapter with a RAM disk on it. */
static struct ram_disk *attach(const char *unit, const char *file, uint32_t bs, bool cd)
{
	struct ram_disk *r = calloc(1, sizeof(*r));
	char name[64];
	struct of_node *n;

	snprintf(name, sizeof(name), "disk@%s", unit);
	n = of_find_child(vscsi(), name);
	if (!n) {
		n = of_node_add(vscsi(), name, strlen(name));
		of_set_string(n, "name", "disk");
	}
	if (file)
		r->data = load_file(file, &r->have);
	r->bd.ops = &ram_ops;
	r->bd.block_size = bs;
	r->bd.num_blocks = (r->have + bs - 1) / bs;
	r->bd.is_cdrom = cd;
	r->bd.removable = cd;
	CHECK(block_register(n, &r->bd) == 0);
	return r;
}

static char *path_of(struct ram_disk *r)
{
	static char buf[4][128];
	static unsigned k;
	char *p = buf[k++ % 4];

	of_node_path(r->bd.node, p, 128);
	return p;
}

/* ---- client-interface helpers ---- */

static uint32_t c_open(const char *path)
{
	return fm_call("open", 1, 1, fm_str(path)).ret[0];
}

static void c_close(uint32_t ih)
{
	fm_call("close", 1, 0, ih);
}

static uint32_t c_seek(uint32_t ih, uint64_t pos)
{
	return fm_call("seek", 3, 1, ih, (uint32_t)(pos >> 32), (uint32_t)pos).ret[0];
}

static uint32_t c_read(uint32_t ih, uint32_t buf, uint32_t len)
{
	return fm_call("read", 3, 1, ih, buf, len).ret[0];
}

static struct fm_result method(const char *name, uint32_t ih, unsigned nargs, unsigned nret,
			       uint32_t a0, uint32_t a1, uint32_t a2)
{
	uint32_t args[5] = { fm_str(name), ih, a0, a1, a2 };

	return fm_callv("call-method", nargs + 2, nret + 1, args);
}

static struct ram_disk *mbr, *gpt, *ext, *cd, *cd512, *isopart, *blank;
static uint8_t *elf;
static uint64_t elf_size;

static void test_registry(void)
{
	struct block_dev bad = { .ops = NULL, .block_size = 512 };
	struct of_node *n = mbr->bd.node;

	CHECK(block_find(n) == &mbr->bd);
	CHECK_STR(of_get_string(n, "device_type"), "block");
	CHECK(block_register(n, &bad) == -1);
	CHECK(block_register(NULL, &mbr->bd) == -1);
	CHECK(block_find(vscsi()) == NULL);
	CHECK(block_nth(0) == &mbr->bd);
	CHECK(block_nth(1000) == NULL);
}

static void test_ci_whole_disk(void)
{
	char p[160];
	uint32_t ih, buf;
	struct fm_result r;

	fm_scratch_reset();
	snprintf(p, sizeof(p), "%s:0", path_of(mbr));
	ih = c_open(p);
	CHECK(ih != 0);
	r = method("block-size", ih, 0, 1, 0, 0, 0);
	CHECK_EQ_U64(r.ret[0], 0);
	CHECK_EQ_U64(r.ret[1], 512);
	r = method("#blocks", ih, 0, 1, 0, 0, 0);
	CHECK_EQ_U64(r.ret[1], 8192);
	r = method("size", ih, 0, 2, 0, 0, 0);
	CHECK_EQ_U64(r.ret[1], 0);
	CHECK_EQ_U64(r.ret[2], 4u << 20);

	/* GRUB: seek to a sector, read whole sectors; any byte offset works */
	buf = fm_buf(0x3000, 0xee);
	CHECK_EQ_U64(c_seek(ih, 4096 * 512), 0);
	CHECK_EQ_U64(c_read(ih, buf, 0x2000), 0x2000);
	CHECK(memcmp(fm_ptr(buf, 0x2000), elf, 0x2000) == 0);
	CHECK_EQ_U64(c_seek(ih, 4096 * 512 + 13), 0);
	CHECK_EQ_U64(c_read(ih, buf, 1000), 1000);
	CHECK(memcmp(fm_ptr(buf, 1000), elf + 13, 1000) == 0);
	/* the position advances */
	CHECK_EQ_U64(c_read(ih, buf, 600), 600);
	CHECK(memcmp(fm_ptr(buf, 600), elf + 1013, 600) == 0);
	/* a read crossing the end returns what is there */
	CHECK_EQ_U64(c_seek(ih, (4u << 20) - 100), 0);
	CHECK_EQ_U64(c_read(ih, buf, 4096), 100);
	CHECK_EQ_U64(c_read(ih, buf, 4096), 0);
	CHECK_EQ_U64(c_seek(ih, 4u << 20), 0);
	CHECK_EQ_U64(c_seek(ih, (4u << 20) + 1), 0xffffffffu);
	CHECK_EQ_U64(c_seek(ih, 1ull << 40), 0xffffffffu);

	/* read-blocks ( addr block# #blocks -- #read ): top of stack first */
	memset(fm_ptr(buf, 0x3000), 0, 0x3000);
	r = method("read-blocks", ih, 3, 1, 3, 4097, buf);
	CHECK_EQ_U64(r.ret[0], 0);
	CHECK_EQ_U64(r.ret[1], 3);
	CHECK(memcmp(fm_ptr(buf, 1536), elf + 512, 1536) == 0);
	r = method("read-blocks", ih, 3, 1, 5, 8190, buf);
	CHECK_EQ_U64(r.ret[1], 2);

	/* load ( addr -- size ): the PReP partition's ELF, not its filler */
	r = method("load", ih, 1, 1, 0x800000, 0, 0);
	CHECK_EQ_U64(r.ret[0], 0);
	CHECK_EQ_U64(r.ret[1], ELF_EXTENT);
	CHECK(memcmp(fm_ptr(0x800000, ELF_EXTENT), elf, ELF_EXTENT) == 0);
	r = method("load", ih, 1, 1, 0xfffff000u, 0, 0);	/* outside RAM */
	CHECK_EQ_U64(r.ret[1], 0);
	CHECK(fake_console_contains("does not fit at 0xfffff000"));

	r = method("frobnicate", ih, 0, 1, 0, 0, 0);
	CHECK_EQ_U64(r.ret[0], 0xffffffffu);
	r = method("max-transfer", ih, 0, 1, 0, 0, 0);
	CHECK(r.ret[1] >= 0x10000);

	/* device errors: -1, not a short count */
	mbr->fail = 1;
	CHECK_EQ_U64(c_seek(ih, 0), 0);
	CHECK_EQ_U64(c_read(ih, buf, 512), 0xffffffffu);
	mbr->fail = 0;
	c_close(ih);
	CHECK_EQ_U64(c_read(ih, buf, 512), 0xffffffffu);	/* closed */

	/* no arguments = the whole disk too; the alias resolves */
	ih = c_open(path_of(mbr));
	CHECK(ih != 0);
	CHECK_EQ_U64(method("#blocks", ih, 0, 1, 0, 0, 0).ret[1], 8192);
	c_close(ih);
}

static void test_ci_partitions(void)
{
	char p[200];
	uint32_t ih, buf;
	struct fm_result r;

	fm_scratch_reset();
	buf = fm_buf(0x1000, 0);
	snprintf(p, sizeof(p), "%s:2", path_of(mbr));
	ih = c_open(p);
	CHECK(ih != 0);
	CHECK_EQ_U64(method("#blocks", ih, 0, 1, 0, 0, 0).ret[1], 2048);
	CHECK_EQ_U64(c_read(ih, buf, 64), 64);
	CHECK(memcmp(fm_ptr(buf, 64), elf, 64) == 0);
	CHECK_EQ_U64(c_seek(ih, 2048 * 512), 0);
	CHECK_EQ_U64(c_read(ih, buf, 64), 0);
	CHECK_EQ_U64(c_seek(ih, 2048 * 512 + 1), 0xffffffffu);
	r = method("read-blocks", ih, 3, 1, 2, 0, buf);
	CHECK_EQ_U64(r.ret[1], 2);
	CHECK(memcmp(fm_ptr(buf, 1024), elf, 1024) == 0);
	c_close(ih);

	/* OpenBoot letters: b = 2 */
	snprintf(p, sizeof(p), "%s:b", path_of(gpt));
	ih = c_open(p);
	CHECK(ih != 0);
	CHECK_EQ_U64(c_read(ih, buf, 4), 4);
	CHECK(memcmp(fm_ptr(buf, 4), "\177ELF", 4) == 0);
	c_close(ih);

	/* logical partitions through the EBR chain */
	snprintf(p, sizeof(p), "%s:6", path_of(ext));
	ih = c_open(p);
	CHECK(ih != 0);
	CHECK_EQ_U64(c_read(ih, buf, 4), 4);
	CHECK(memcmp(fm_ptr(buf, 4), "\177ELF", 4) == 0);
	c_close(ih);
	snprintf(p, sizeof(p), "%s:5", path_of(ext));
	CHECK(c_open(p) != 0);

	/* refusals name the reason */
	snprintf(p, sizeof(p), "%s:3", path_of(mbr));
	CHECK_EQ_U64(c_open(p), 0);
	CHECK_STR(disk_open_error(), "partition 3: the partition is empty");
	snprintf(p, sizeof(p), "%s:7", path_of(ext));
	CHECK_EQ_U64(c_open(p), 0);
	CHECK_STR(disk_open_error(), "partition 7: no such partition");
	snprintf(p, sizeof(p), "%s:2", path_of(ext));
	CHECK_EQ_U64(c_open(p), 0);
	CHECK_STR(disk_open_error(), "partition 2: the partition is an extended partition (a container)");
	snprintf(p, sizeof(p), "%s:1", path_of(blank));
	CHECK_EQ_U64(c_open(p), 0);
	CHECK_STR(disk_open_error(), "MBR signature missing (bytes 510-511 are not 55 aa)");
	snprintf(p, sizeof(p), "%s:x7", path_of(mbr));
	CHECK_EQ_U64(c_open(p), 0);
	CHECK_STR(disk_open_error(), "cannot parse the device arguments \"x7\" ([partition][,path])");
	snprintf(p, sizeof(p), "%s:123456", path_of(mbr));
	CHECK_EQ_U64(c_open(p), 0);
	CHECK_STR(disk_open_error(), "partition number \"123456\" is too large");
	snprintf(p, sizeof(p), "%s:1,\\boot\\x", path_of(mbr));
	CHECK_EQ_U64(c_open(p), 0);
	CHECK_STR(disk_open_error(),
		  "\\boot\\x: no ISO 9660 volume there (the only file system this firmware reads)");
	snprintf(p, sizeof(p), "%s:0", path_of(mbr));
	CHECK(c_open(p) != 0);
	CHECK_STR(disk_open_error(), "");
}

static void test_ci_files(void)
{
	char p[200];
	uint32_t ih, buf;
	struct fm_result r;
	static const char marker[] = "marker file\n";

	fm_scratch_reset();
	buf = fm_buf(0x1000, 0);
	snprintf(p, sizeof(p), "%s:0", path_of(cd));
	ih = c_open(p);
	CHECK(ih != 0);
	CHECK_EQ_U64(method("block-size", ih, 0, 1, 0, 0, 0).ret[1], 2048);
	CHECK_EQ_U64(c_seek(ih, 16 * 2048), 0);
	CHECK_EQ_U64(c_read(ih, buf, 2048), 2048);
	CHECK(memcmp(fm_ptr(buf + 1, 5), "CD001", 5) == 0);
	c_close(ih);

	snprintf(p, sizeof(p), "%s:\\ppc\\bootinfo.txt", path_of(cd));
	ih = c_open(p);
	CHECK(ih != 0);
	r = method("size", ih, 0, 2, 0, 0, 0);
	CHECK_EQ_U64(r.ret[2], 96);
	CHECK_EQ_U64(c_read(ih, buf, 0x1000), 96);
	CHECK(memcmp(fm_ptr(buf, 11), "<chrp-boot>", 11) == 0);
	c_close(ih);

	/* ",\path", any case; Rock Ridge names. (A '/' after the ':' would
	 * make instance_open take it for a node path: CHRP paths use '\'.) */
	snprintf(p, sizeof(p), "%s:,\\BOOT\\GRUB\\powerpc.ELF", path_of(cd));
	ih = c_open(p);
	CHECK(ih != 0);
	CHECK_EQ_U64(c_read(ih, buf, 16), 16);
	CHECK(memcmp(fm_ptr(buf, 16), elf, 16) == 0);
	c_close(ih);
	snprintf(p, sizeof(p), "%s:\\boot\\grub\\mixed-case.name.txt", path_of(cd512));
	ih = c_open(p);
	CHECK(ih != 0);
	CHECK_EQ_U64(c_read(ih, buf, 0x1000), sizeof(marker) - 1);
	CHECK(memcmp(fm_ptr(buf, sizeof(marker) - 1), marker, sizeof(marker) - 1) == 0);
	c_close(ih);
	/* a file on partition 1 */
	snprintf(p, sizeof(p), "%s:1,\\ppc\\bootinfo.txt", path_of(isopart));
	ih = c_open(p);
	CHECK(ih != 0);
	CHECK_EQ_U64(c_read(ih, buf, 0x1000), 96);
	c_close(ih);

	snprintf(p, sizeof(p), "%s:\\ppc\\nothere", path_of(cd));
	CHECK_EQ_U64(c_open(p), 0);
	CHECK_STR(disk_open_error(), "\\ppc\\nothere: file not found");
	snprintf(p, sizeof(p), "%s:\\ppc", path_of(cd));
	CHECK_EQ_U64(c_open(p), 0);
	CHECK_STR(disk_open_error(), "\\ppc is a directory");
}

/* disk_find_boot on an instance opened at path:args */
static const char *find_boot(struct ram_disk *r, const char *args, struct disk_boot *b)
{
	static struct status_text why;
	char p[200];
	ihandle_t ih;

	snprintf(p, sizeof(p), "%s%s%s", path_of(r), args[0] ? ":" : "", args);
	ih = instance_open(p);
	if (!ih)
		return disk_open_error();
	if (disk_find_boot(instance_get(ih), b, &why) != 0) {
		instance_close(ih);
		return why.text;
	}
	instance_close(ih);
	return "ok";
}

static void test_find_boot(void)
{
	struct disk_boot b;
	struct ram_disk *r;
	uint8_t *img;

	CHECK_STR(find_boot(mbr, "", &b), "ok");
	CHECK_STR(b.what, "PReP partition 2 (MBR)");
	CHECK_EQ_U64(b.offset, 4096 * 512);
	CHECK_EQ_U64(b.size, ELF_EXTENT);
	CHECK_STR(b.args, "");
	CHECK_STR(find_boot(gpt, "0", &b), "ok");
	CHECK_STR(b.what, "PReP partition 2 (GPT)");
	CHECK_EQ_U64(b.size, ELF_EXTENT);
	CHECK_STR(find_boot(ext, "", &b), "ok");
	CHECK_STR(b.what, "PReP partition 6 (MBR)");
	CHECK_EQ_U64(b.offset, 5248 * 512);

	CHECK_STR(find_boot(cd, "", &b), "ok");
	CHECK_STR(b.what, "\\boot\\grub\\powerpc.elf (from \\ppc\\bootinfo.txt)");
	CHECK_STR(b.args, ",\\boot\\grub\\powerpc.elf");
	CHECK_STR(b.bootargs, "test=1");
	CHECK_EQ_U64(b.size, elf_size);
	CHECK(memcmp(cd->data + b.offset, elf, 64) == 0);
	CHECK_STR(find_boot(cd512, "", &b), "ok");
	CHECK_STR(b.args, ",\\boot\\grub\\powerpc.elf");
	CHECK_STR(find_boot(isopart, "", &b), "ok");
	CHECK_STR(b.args, "1,\\boot\\grub\\powerpc.elf");
	CHECK(memcmp(isopart->data + b.offset, elf, 64) == 0);

	/* partition and file instances */
	CHECK_STR(find_boot(mbr, "2", &b), "ok");
	CHECK_STR(b.what, "partition 2 (raw)");
	CHECK_STR(b.args, "2");
	CHECK_EQ_U64(b.size, ELF_EXTENT);
	CHECK_STR(find_boot(isopart, "1", &b), "ok");
	CHECK_STR(b.args, "1,\\boot\\grub\\powerpc.elf");
	CHECK_STR(find_boot(cd, ",\\boot\\grub\\powerpc.elf", &b), "ok");
	CHECK_STR(b.args, ",\\boot\\grub\\powerpc.elf");
	CHECK_EQ_U64(b.size, elf_size);

	CHECK_STR(find_boot(blank, "", &b),
		  "no boot partition found: MBR signature missing (bytes 510-511 are not 55 aa)");

	/* the same MBR, cut short: the PReP partition runs past the end */
	r = attach("8300000000000000", "mbr.img", 512, false);
	r->bd.num_blocks = 5000;
	CHECK_STR(find_boot(r, "", &b),
		  "PReP partition 2 (blocks 4096-6143) extends beyond the end of the disk (5000 blocks)");
	/* no medium */
	r->bd.num_blocks = 0;
	CHECK_STR(find_boot(r, "", &b), "no medium (0 blocks)");
	/* a PReP partition without an ELF image is read whole, up to 65536
	 * blocks */
	img = calloc(1, 1024);
	memcpy(img, r->data, 512);
	le32_write(img + 446 + 16 + 12, 100000);	/* partition 2: 100000 blocks */
	free(r->data);
	r->data = img;
	r->have = 1024;
	r->bd.num_blocks = 200000;
	CHECK_STR(find_boot(r, "", &b), "ok");
	CHECK_EQ_U64(b.size, (uint64_t)DISK_PREP_MAX_BYTES);
	/* GPT: a damaged header */
	r = attach("8400000000000000", "gpt.img", 512, false);
	r->data[512 + 60] ^= 1;
	CHECK_STR(find_boot(r, "", &b), "no boot partition found: GPT header CRC mismatch");
	r->data[512 + 60] ^= 1;
	r->data[1024 + 200] ^= 1;
	CHECK_STR(find_boot(r, "", &b), "no boot partition found: GPT partition entry array CRC mismatch");
	/* a CD whose bootinfo.txt names a file that is not there */
	r = attach("8500000000000000", "cd.iso", 2048, true);
	for (uint64_t i = 0; i + 16 <= r->have; i++) {
		if (memcmp(r->data + i, "powerpc.elf test", 16) == 0) {
			memcpy(r->data + i, "powerpc.xxx", 11);
			break;
		}
	}
	CHECK_STR(find_boot(r, "", &b), "\\boot\\grub\\powerpc.xxx: file not found");
	/* read errors */
	r = attach("8600000000000000", "mbr.img", 512, false);
	r->fail = 1;
	CHECK_STR(find_boot(r, "", &b), "read error at sector 16 (ISO 9660 volume descriptors)");
}

/* ---- the boot-device loop ---- */

struct boot_run {
	enum boot_device_result result;
	const char *list;
};

static void boot_body(void *ctx)
{
	struct boot_run *b = ctx;

	b->result = b->list ? boot_device_boot_list(b->list) : boot_device_boot();
}

/* Runs the loop; returns how it ended. A started client's memory is given
 * back so the next run can load it again. */
static enum fake_exit run_boot(const char *list, enum boot_device_result *result)
{
	struct boot_run b = { BOOT_DEVICE_NONE, list };
	enum fake_exit e;

	fake_console_clear();
	fake_board.client.count = 0;
	e = fake_board_run(boot_body, &b);
	if (e == FAKE_EXIT_START_CLIENT) {
		claim_release(0x1f0000, 0x1002c);
		claim_release(0x210000, 0x14);
	}
	if (result)
		*result = b.result;
	return e;
}

static const char *chosen(const char *name)
{
	return of_get_string(of_find_path("/chosen"), name);
}

static void set_chosen(const char *name, const char *value)
{
	struct of_node *c = of_find_path("/chosen");

	if (value)
		of_set_string(c, name, value);
	else
		of_del_prop(c, name);
}

static void test_boot_nothing(void)
{
	enum boot_device_result res;

	/* no block device and no list: the caller's embedded client */
	CHECK_EQ_U64(run_boot(NULL, &res), FAKE_EXIT_NONE);
	CHECK_EQ_U64(res, BOOT_DEVICE_NONE);
	CHECK(!fake_console_contains("boot: trying"));
}

static void test_boot_loop(void)
{
	enum boot_device_result res;
	char list[600];
	struct of_node *aliases = of_find_path("/aliases");

	/* Default order: the aliases made for the probed disks. The fake
	 * tree's own "disk" alias (its v-scsi disk, here the MBR disk) stays. */
	CHECK_EQ_U64(run_boot(NULL, &res), FAKE_EXIT_START_CLIENT);
	CHECK_STR(of_get_string(aliases, "disk"), FAKE_DISK_PATH);
	CHECK_STR(of_get_string(aliases, "disk1"), path_of(gpt));
	CHECK_STR(of_get_string(aliases, "cdrom"), path_of(cd));
	CHECK_STR(of_get_string(aliases, "cdrom1"), path_of(cd512));
	CHECK(fake_console_contains("boot: trying " FAKE_DISK_PATH " (disk) ..."));
	CHECK(fake_console_contains("boot: " FAKE_DISK_PATH ": loading PReP partition 2 (MBR), 131088 bytes"));
	CHECK_STR(chosen("bootpath"), FAKE_DISK_PATH);
	CHECK_STR(chosen("bootargs"), "");
	CHECK_EQ_U64(fake_board.client.entry, ELF_ENTRY);
	CHECK_EQ_U64(fake_board.client.flags, 0);	/* 32-bit big-endian */
	CHECK(claim_is_free(0x4000000, 0x30000));	/* the load buffer went back */

	/* qemu,boot-list: a bad disk, then the CD; the CD's bootinfo.txt
	 * arguments become bootargs */
	snprintf(list, sizeof(list), "%s %s", path_of(blank), path_of(cd));
	set_chosen("qemu,boot-list", list);
	CHECK_EQ_U64(run_boot(NULL, &res), FAKE_EXIT_START_CLIENT);
	CHECK(fake_console_contains("boot: boot devices from qemu,boot-list\r\n"));
	CHECK(strstr(fake_console_text(), "MBR signature missing") <
	      strstr(fake_console_text(), "from \\ppc\\bootinfo.txt"));
	snprintf(list, sizeof(list), "%s:,\\boot\\grub\\powerpc.elf", path_of(cd));
	CHECK_STR(chosen("bootpath"), list);
	CHECK_STR(chosen("bootargs"), "test=1");

	/* strict: HALT ends the list; nothing else is tried */
	snprintf(list, sizeof(list), "%s /vdevice/nothere HALT %s", path_of(blank), path_of(mbr));
	set_chosen("qemu,boot-list", list);
	CHECK_EQ_U64(run_boot(NULL, &res), FAKE_EXIT_NONE);
	CHECK_EQ_U64(res, BOOT_DEVICE_FAILED);
	CHECK(fake_console_contains("(strict: the list ends in HALT)"));
	CHECK(fake_console_contains("boot: /vdevice/nothere: no such device"));
	CHECK(fake_console_contains("the list ends in HALT: no other device is tried"));
	CHECK(!fake_console_contains("loading"));

	/* not strict: after the list, the default devices not tried yet */
	snprintf(list, sizeof(list), "%s", path_of(blank));
	set_chosen("qemu,boot-list", list);
	CHECK_EQ_U64(run_boot(NULL, &res), FAKE_EXIT_START_CLIENT);
	CHECK(fake_console_contains("boot: trying " FAKE_DISK_PATH " (disk) ..."));
	set_chosen("qemu,boot-list", NULL);

	/* qemu,boot-device letters: d = the CDs first */
	set_chosen("qemu,boot-device", "dc");
	CHECK_EQ_U64(run_boot(NULL, &res), FAKE_EXIT_START_CLIENT);
	CHECK(strstr(fake_console_text(), "boot: trying") ==
	      strstr(fake_console_text(), "boot: trying /vdevice/v-scsi@71000003/disk@8800000000000000 (cdrom)"));
	set_chosen("qemu,boot-device", NULL);

	/* the NVRAM boot-device, with arguments */
	of_set_string(of_find_path("/options"), "boot-device", "cdrom1:,\\boot\\grub\\powerpc.elf");
	CHECK_EQ_U64(run_boot(NULL, &res), FAKE_EXIT_START_CLIENT);
	snprintf(list, sizeof(list), "%s:,\\boot\\grub\\powerpc.elf", path_of(cd512));
	CHECK_STR(chosen("bootpath"), list);
	CHECK(fake_console_contains("boot: boot devices from boot-device"));
	of_set_string(of_find_path("/options"), "boot-device", "");

	/* "boot DEVICE": strict, and what is not a disk says so */
	CHECK_EQ_U64(run_boot("/vdevice/vty@71000000 nothere", &res), FAKE_EXIT_NONE);
	CHECK_EQ_U64(res, BOOT_DEVICE_FAILED);
	CHECK(fake_console_contains("boot: /vdevice/vty@71000000: not a block device"));
	CHECK(fake_console_contains("boot: nothere: no such device"));
	CHECK(fake_console_contains("none of the devices given could be started"));
	CHECK_EQ_U64(run_boot("disk1", &res), FAKE_EXIT_START_CLIENT);
	CHECK_STR(chosen("bootpath"), path_of(gpt));
	{
		struct of_node *net = of_node_add(of_root(), "l-lan@71000009", 14);

		of_set_string(net, "device_type", "network");
		CHECK_EQ_U64(run_boot("/l-lan@71000009", &res), FAKE_EXIT_NONE);
		CHECK(fake_console_contains("boot: /l-lan@71000009: network boot is not supported by this firmware"));
	}
	/* a partition named explicitly */
	CHECK_EQ_U64(run_boot("disk:2", &res), FAKE_EXIT_START_CLIENT);
	snprintf(list, sizeof(list), "%s:2", FAKE_DISK_PATH);
	CHECK_STR(chosen("bootpath"), list);
	CHECK(fake_console_contains("boot: trying " FAKE_DISK_PATH ":2 (disk:2) ..."));
	CHECK_EQ_U64(run_boot("disk:9", &res), FAKE_EXIT_NONE);
	CHECK(fake_console_contains("boot: " FAKE_DISK_PATH ":9: partition 9: no such partition"));
	/* a load that is not an ELF image: refused by the ELF loader, next */
	CHECK_EQ_U64(run_boot("cdrom:\\ppc\\bootinfo.txt cdrom", &res), FAKE_EXIT_START_CLIENT);
	CHECK(fake_console_contains("not a loadable ELF image"));
	CHECK(fake_console_contains("could not be started"));
}

int main(void)
{
	struct fake_fdt_opts o = { .ram_size = RAM };

	elf = load_file("../elf-sample-ppc32.elf", &elf_size);
	CHECK_EQ_U64(fm_boot(&o), FAKE_EXIT_CONSOLE_IDLE);
	test_boot_nothing();

	mbr = attach("8000000000000000", "mbr.img", 512, false);	/* FAKE_DISK_PATH */
	gpt = attach("8100000000000000", "gpt.img", 512, false);
	ext = attach("8200000000000000", "ext.img", 512, false);
	cd = attach("8800000000000000", "cd.iso", 2048, true);
	cd512 = attach("8900000000000000", "cd.iso", 512, true);
	isopart = attach("8a00000000000000", "isopart.img", 512, false);
	blank = attach("8b00000000000000", NULL, 512, false);
	blank->bd.num_blocks = 2048;

	test_registry();
	test_ci_whole_disk();
	test_ci_partitions();
	test_ci_files();
	test_find_boot();
	test_boot_loop();
	return unit_done("test-disk");
}
