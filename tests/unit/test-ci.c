/* SPDX-License-Identifier: MIT */
/* Every client-interface service through ci_handle, with real argument
 * blocks in client memory: the results a client reads and the failure
 * value each service documents (PSERIES-REFERENCE.md 4.3 and 6.2). */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "compatcaps/compat-caps.h"
#include "fake-machine.h"
#include "fdt/fdt-reader.h"
#include "memory/claim.h"
#include "nvram/nvram-format.h"
#include "tree/instance.h"
#include "tree/tree.h"
#include "unit.h"

#define FAIL 0xffffffffu
#define RAM_END 0x4000000u		/* 64 MiB */
#define PROT_BASE 0x3000000u		/* a firmware range, write-protected */
#define PROT_SIZE 0x400000u
#define UNSET 0xdeadbeefu		/* fm_call presets return cells to this */

/* Each evaluates the call once. */
#define CHECK_RC(r, v) do {						\
		struct fm_result rc_ = (r);				\
		CHECK_EQ_U64((uint32_t)rc_.rc, (uint32_t)(v));		\
	} while (0)
#define CHECK_RET(r, v) do {						\
		struct fm_result ret_ = (r);				\
		CHECK_EQ_U64((uint32_t)ret_.rc, 0);			\
		CHECK_EQ_U64(ret_.ret[0], (uint32_t)(v));		\
	} while (0)

static uint32_t ih_stdout;

static void boot(const struct fake_fdt_opts *o)
{
	fake_board_reset();
	fake_board.n_fw = 2;
	fake_board.fw_start[0] = 0;
	fake_board.fw_end[0] = 0x100000;
	fake_board.fw_start[1] = PROT_BASE;
	fake_board.fw_end[1] = PROT_BASE + PROT_SIZE;
	CHECK_EQ_U64(fm_start(o), FAKE_EXIT_CONSOLE_IDLE);
	ih_stdout = of_get_u32_or(of_find_path("/chosen"), "stdout", 0);
	CHECK(ih_stdout != 0);
	fake_console_clear();
}

/* A string with no terminator that runs into the end of RAM. */
static uint32_t unterminated_at_ram_end(const char *s)
{
	size_t n = strlen(s);

	memcpy(fm_ptr(RAM_END - n, n), s, n);
	return RAM_END - (uint32_t)n;
}

static const char *cstr(uint32_t addr)
{
	return (const char *)fm_ptr(addr, 1);
}

/* ---- the argument block ---- */

static void test_framing(void)
{
	uint32_t args[24] = { 0 }, name = fm_str("finddevice");
	uint32_t chosen = fm_str("/chosen");
	struct fm_result r;

	args[0] = chosen;
	r = fm_call_raw(0x180000, name, 1, 1, args);
	CHECK_RET(r, fm_ph("/chosen"));

	/* The block or its cells outside RAM. */
	CHECK_RC(fm_call_raw(RAM_END, name, 1, 1, args), -1);
	CHECK_RC(fm_call_raw(RAM_END - 8, name, 1, 1, args), -1);
	CHECK_RC(fm_call_raw(RAM_END - 16, name, 1, 1, args), -1);
	CHECK_RC(fm_call_raw(0xfffffff8u, name, 1, 1, args), -1);
	r = fm_call_raw(RAM_END - 20, name, 1, 1, args);	/* just fits */
	CHECK_RET(r, fm_ph("/chosen"));

	/* Counts: at most CI_MAX_CELLS in all, overflow-proof. */
	CHECK_RC(fm_call_raw(0x180000, name, 21, 1, args), -1);
	CHECK_RC(fm_call_raw(0x180000, name, 1, 20, args), -1);
	CHECK_RC(fm_call_raw(0x180000, name, 0xffffffffu, 1, args), -1);
	CHECK_RC(fm_call_raw(0x180000, name, 1, 0xffffffffu, args), -1);
	CHECK_RC(fm_call_raw(0x180000, name, 0x80000000u, 0x80000000u, args), -1);

	/* Wrong counts for the service. */
	fake_console_clear();
	r = fm_call_raw(0x180000, name, 2, 1, args);
	CHECK_RC(r, -1);
	CHECK_EQ_U64(r.ret[0], UNSET);
	CHECK(fake_console_contains("finddevice: wrong argument counts 2/1"));
	CHECK_RC(fm_call_raw(0x180000, name, 1, 0, args), -1);
	CHECK_RC(fm_call_raw(0x180000, name, 1, 2, args), -1);
	CHECK_RC(fm_call_raw(0x180000, name, 0, 1, args), -1);
	CHECK_RC(fm_call("milliseconds", 1, 1, 0), -1);
	CHECK_RC(fm_call("close", 1, 1, ih_stdout), -1);
	CHECK_RC(fm_call("call-method", 1, 1, fm_str("x")), -1);
	CHECK_RC(fm_call("call-method", 2, 0, fm_str("x"), ih_stdout), -1);
	CHECK_RC(fm_call("interpret", 0, 1), -1);
	CHECK_RC(fm_call("interpret", 1, 0, fm_str("")), -1);

	/* The service name: unknown, unreadable, unterminated, too long. */
	r = fm_call("frobnicate", 1, 1, chosen);
	CHECK_RC(r, -1);
	CHECK_EQ_U64(r.ret[0], UNSET);
	CHECK_RC(fm_call("", 0, 0), -1);
	CHECK_RC(fm_call("FINDDEVICE", 1, 1, chosen), -1);
	CHECK_RC(fm_call_raw(0x180000, RAM_END, 1, 1, args), -1);
	CHECK_RC(fm_call_raw(0x180000, 0xffffffffu, 1, 1, args), -1);
	CHECK_RC(fm_call_raw(0x180000, unterminated_at_ram_end("finddevice"), 1, 1, args), -1);
	CHECK_RC(fm_call("finddevice-with-a-very-long-service-name", 1, 1, chosen), -1);

	/* The block in firmware memory: the results cannot be written. */
	{
		struct fm_result p = fm_call_raw(PROT_BASE + 0x100, name, 1, 1, args);

		CHECK_RC(p, -1);
		CHECK_EQ_U64(p.ret[0], UNSET);
		/* fm_call_raw itself wrote the block there: restore. */
		memset(fm_ptr(PROT_BASE + 0x100, 20), FM_PROTECT_FILL, 20);
		/* Only the result cell in firmware memory is enough. */
		p = fm_call_raw(PROT_BASE - 16, name, 1, 1, args);
		CHECK_RC(p, -1);
		memset(fm_ptr(PROT_BASE, 4), FM_PROTECT_FILL, 4);
		CHECK(fm_protected_intact());
	}
	/* The name may lie in firmware memory: it is only read. */
	memcpy(fm_ptr(PROT_BASE + 0x200, 11), "finddevice", 11);
	r = fm_call_raw(0x180000, PROT_BASE + 0x200, 1, 1, args);
	CHECK_RET(r, fm_ph("/chosen"));
	memset(fm_ptr(PROT_BASE + 0x200, 11), FM_PROTECT_FILL, 11);
}

/* ---- device tree services ---- */

static void test_finddevice(void)
{
	struct fm_result r;
	char longpath[400];

	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("/")), of_root()->phandle);
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("/chosen")), fm_ph("/chosen"));
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("/rtas")), fm_ph("/rtas"));
	/* GRUB asks for "/memory" without a unit address. */
	r = fm_call("finddevice", 1, 1, fm_str("/memory"));
	CHECK_RET(r, fm_ph("/memory@0"));
	CHECK(r.ret[0] != 0 && r.ret[0] != FAIL);
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("/interrupt-controller")), 0x1111);
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("hvterm")), fm_ph(FAKE_STDOUT_PATH));
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("disk")), fm_ph(FAKE_DISK_PATH));
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str(FAKE_DISK_PATH ":1,\\boot")),
		  fm_ph(FAKE_DISK_PATH));
	/* Failures: -1. */
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("/vdevice/vtpm")), FAIL);
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("nosuchalias")), FAIL);
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("screen")), FAIL);
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("")), FAIL);
	CHECK_RET(fm_call("finddevice", 1, 1, unterminated_at_ram_end("/chosen")), FAIL);
	CHECK_RET(fm_call("finddevice", 1, 1, RAM_END + 0x1000), FAIL);
	memset(longpath, 'a', sizeof(longpath));
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str(longpath)), FAIL);
}

static void test_getprop(void)
{
	uint32_t root = of_root()->phandle, cpu = fm_ph("/cpus/PowerPC,POWER9@0");
	uint32_t buf = fm_buf(64, 0xee), model = fm_str("device_type");
	uint8_t *b = fm_ptr(buf, 64);

	/* The value and its length. */
	CHECK_RET(fm_call("getprop", 4, 1, root, model, buf, 64), 5);
	CHECK_STR((char *)b, "chrp");
	CHECK_EQ_U64(b[5], 0xee);
	/* A smaller buffer: the full length, a truncated copy. */
	memset(b, 0xee, 64);
	CHECK_RET(fm_call("getprop", 4, 1, root, model, buf, 2), 5);
	CHECK(b[0] == 'c' && b[1] == 'h' && b[2] == 0xee);
	/* No buffer: just the length, even from an invalid address. */
	CHECK_RET(fm_call("getprop", 4, 1, root, model, 0, 0), 5);
	CHECK_RET(fm_call("getprop", 4, 1, root, model, 0xfffffff0u, 0), 5);
	/* A huge buflen only copies the value. */
	CHECK_RET(fm_call("getprop", 4, 1, root, model, RAM_END - 5, 0xffffffffu), 5);
	CHECK_STR(cstr(RAM_END - 5), "chrp");
	/* Cells. */
	CHECK_RET(fm_call("getprop", 4, 1, cpu, fm_str("cpu-version"), buf, 64), 4);
	CHECK_EQ_U64(be32_read(b), 0x004e1200);
	CHECK_RET(fm_call("getprop", 4, 1, fm_ph("/chosen"), fm_str("stdout"), buf, 4), 4);
	CHECK_EQ_U64(be32_read(b), ih_stdout);
	/* A zero-length property. */
	CHECK_RET(fm_call("getprop", 4, 1, cpu, fm_str("64-bit"), buf, 64), 0);
	/* "name" on nodes below the root. */
	CHECK_RET(fm_call("getprop", 4, 1, cpu, fm_str("name"), buf, 64), 15);
	CHECK_STR((char *)b, "PowerPC,POWER9");

	/* Failures: -1. */
	CHECK_RET(fm_call("getprop", 4, 1, root, fm_str("nonexistent"), buf, 64), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, 0, model, buf, 64), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, FAIL, model, buf, 64), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, 0x12345678, model, buf, 64), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, ih_stdout, model, buf, 64), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, root, unterminated_at_ram_end("device_type"), buf, 64), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, root, RAM_END, buf, 64), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, root, model, RAM_END - 2, 64), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, root, model, RAM_END, 64), FAIL);
	{
		char longname[80];

		memset(longname, 'p', sizeof(longname));
		longname[sizeof(longname) - 1] = '\0';
		CHECK_RET(fm_call("getprop", 4, 1, root, fm_str(longname), buf, 64), FAIL);
	}

	/* getproplen */
	CHECK_RET(fm_call("getproplen", 2, 1, root, model), 5);
	CHECK_RET(fm_call("getproplen", 2, 1, cpu, fm_str("64-bit")), 0);
	CHECK_RET(fm_call("getproplen", 2, 1, cpu, fm_str("reg")), 4);
	CHECK_RET(fm_call("getproplen", 2, 1, root, fm_str("nonexistent")), FAIL);
	CHECK_RET(fm_call("getproplen", 2, 1, 0, model), FAIL);
	CHECK_RET(fm_call("getproplen", 2, 1, 0x10ffffff, model), FAIL);
	CHECK_RET(fm_call("getproplen", 2, 1, root, unterminated_at_ram_end("model")), FAIL);
	CHECK_RC(fm_call("getproplen", 2, 2, root, model), -1);
}

static void test_nextprop(void)
{
	uint32_t chosen = fm_ph("/chosen"), buf = fm_buf(64, 0xee);
	uint32_t prev = fm_buf(64, 0);
	const struct of_prop *p = of_next_prop(of_find_path("/chosen"), NULL);
	unsigned count = 0;
	struct fm_result r;

	/* prev "" gives the first; then each next until 0. */
	for (;;) {
		r = fm_call("nextprop", 3, 1, chosen, prev, buf);
		CHECK_RC(r, 0);
		if (r.ret[0] != 1)
			break;
		CHECK(p != NULL);
		if (!p)
			break;
		CHECK_STR(cstr(buf), p->name);
		strcpy(fm_ptr(prev, 64), cstr(buf));
		p = p->next;
		count++;
	}
	CHECK_EQ_U64(r.ret[0], 0);
	CHECK(p == NULL);
	CHECK(count >= 5);
	CHECK_EQ_U64(*cstr(buf), 0);
	/* A NULL prev is "first" too. */
	r = fm_call("nextprop", 3, 1, chosen, 0, buf);
	CHECK_RET(r, 1);
	CHECK_STR(cstr(buf), of_next_prop(of_find_path("/chosen"), NULL)->name);
	/* A node without properties (none here has none; make one). */
	{
		struct of_node *n = of_node_add(of_find_path("/vdevice"), "bare", 4);

		of_assign_phandle(n);
		CHECK_RET(fm_call("nextprop", 3, 1, n->phandle, fm_str(""), buf), 0);
		of_node_remove(n);
	}
	/* Failures: -1. */
	CHECK_RET(fm_call("nextprop", 3, 1, chosen, fm_str("nonexistent"), buf), FAIL);
	CHECK_RET(fm_call("nextprop", 3, 1, 0, fm_str(""), buf), FAIL);
	CHECK_RET(fm_call("nextprop", 3, 1, 0x77777777, fm_str(""), buf), FAIL);
	CHECK_RET(fm_call("nextprop", 3, 1, chosen, unterminated_at_ram_end("stdout"), buf), FAIL);
	CHECK_RET(fm_call("nextprop", 3, 1, chosen, fm_str(""), RAM_END - 2), FAIL);
	CHECK_RET(fm_call("nextprop", 3, 1, chosen, fm_str(""), RAM_END), FAIL);
}

static void test_setprop(void)
{
	uint32_t chosen = fm_ph("/chosen"), buf = fm_buf(64, 0);
	uint32_t name = fm_str("linux,stdout-path"), val = fm_str(FAKE_STDOUT_PATH);
	uint8_t cells[8];
	const char *s;

	CHECK_RET(fm_call("setprop", 4, 1, chosen, name, val, 22), 22);
	s = of_get_string(of_find_path("/chosen"), "linux,stdout-path");
	CHECK_STR(s, FAKE_STDOUT_PATH);
	CHECK_RET(fm_call("getprop", 4, 1, chosen, name, buf, 64), 22);
	CHECK_STR(cstr(buf), FAKE_STDOUT_PATH);
	/* 8-byte initrd addresses, as Linux sets them; replace in place. */
	be32_write(cells, 0);
	be32_write(cells + 4, 0x2c90000);
	CHECK_RET(fm_call("setprop", 4, 1, chosen, fm_str("linux,initrd-start"),
			  fm_bytes(cells, 8), 8), 8);
	be32_write(cells + 4, 0x2d00000);
	CHECK_RET(fm_call("setprop", 4, 1, chosen, fm_str("linux,initrd-start"),
			  fm_bytes(cells, 8), 8), 8);
	CHECK_RET(fm_call("getprop", 4, 1, chosen, fm_str("linux,initrd-start"), buf, 8), 8);
	CHECK_EQ_U64(be64_read(fm_ptr(buf, 8)), 0x2d00000);
	/* Empty values (address ignored). */
	CHECK_RET(fm_call("setprop", 4, 1, chosen, fm_str("linux,iommu-off"), 0, 0), 0);
	CHECK_RET(fm_call("getproplen", 2, 1, chosen, fm_str("linux,iommu-off")), 0);
	/* The value may come from firmware memory (it is only read). */
	CHECK_RET(fm_call("setprop", 4, 1, chosen, fm_str("test,from-fw"), PROT_BASE, 4), 4);

	/* Failures: -1, nothing set. */
	CHECK_RET(fm_call("setprop", 4, 1, 0, name, val, 22), FAIL);
	CHECK_RET(fm_call("setprop", 4, 1, 0x1234, name, val, 22), FAIL);
	CHECK_RET(fm_call("setprop", 4, 1, chosen, fm_str(""), val, 22), FAIL);
	CHECK_RET(fm_call("setprop", 4, 1, chosen, unterminated_at_ram_end("x"), val, 2), FAIL);
	CHECK_RET(fm_call("setprop", 4, 1, chosen, fm_str("test,outside"), RAM_END - 4, 8), FAIL);
	CHECK(!of_has_prop(of_find_path("/chosen"), "test,outside"));
	CHECK_RET(fm_call("setprop", 4, 1, chosen, fm_str("test,huge"), 0, 0x40000000), FAIL);
	CHECK(!of_has_prop(of_find_path("/chosen"), "test,huge"));
	{
		char longname[80];

		memset(longname, 'p', sizeof(longname));
		longname[64] = '\0';
		CHECK_RET(fm_call("setprop", 4, 1, chosen, fm_str(longname), val, 4), FAIL);
		longname[63] = '\0';
		CHECK_RET(fm_call("setprop", 4, 1, chosen, fm_str(longname), val, 4), 4);
	}
}

static void test_walk(void)
{
	struct of_node *root = of_root(), *cpus = of_find_path("/cpus");
	uint32_t ph;
	unsigned count = 0;

	/* peer(0) is the root; the root has no peer. */
	CHECK_RET(fm_call("peer", 1, 1, 0), root->phandle);
	CHECK_RET(fm_call("peer", 1, 1, root->phandle), 0);
	/* child/peer walk the root's children in order. */
	ph = fm_call("child", 1, 1, root->phandle).ret[0];
	for (struct of_node *c = root->child; c; c = c->sibling, count++) {
		CHECK_EQ_U64(ph, c->phandle);
		ph = fm_call("peer", 1, 1, ph).ret[0];
	}
	CHECK_EQ_U64(ph, 0);
	CHECK_EQ_U64(count, 10);
	/* A leaf has no child; parents up to the root, whose parent is 0. */
	CHECK_RET(fm_call("child", 1, 1, cpus->child->phandle), 0);
	CHECK_RET(fm_call("parent", 1, 1, cpus->child->phandle), cpus->phandle);
	CHECK_RET(fm_call("parent", 1, 1, cpus->phandle), root->phandle);
	CHECK_RET(fm_call("parent", 1, 1, root->phandle), 0);
	/* Invalid handles: -1 (0 means "none"). */
	CHECK_RET(fm_call("peer", 1, 1, FAIL), FAIL);
	CHECK_RET(fm_call("peer", 1, 1, 0x5555), FAIL);
	CHECK_RET(fm_call("child", 1, 1, 0), FAIL);
	CHECK_RET(fm_call("child", 1, 1, FAIL), FAIL);
	CHECK_RET(fm_call("parent", 1, 1, 0), FAIL);
	CHECK_RET(fm_call("parent", 1, 1, ih_stdout), FAIL);
}

static void test_paths(void)
{
	uint32_t vty = fm_ph(FAKE_STDOUT_PATH), buf = fm_buf(256, 0xee);
	size_t len = strlen(FAKE_STDOUT_PATH);
	uint8_t *b = fm_ptr(buf, 256);

	/* package-to-path: the length; the copy is terminated if it fits. */
	CHECK_RET(fm_call("package-to-path", 3, 1, vty, buf, 255), len);
	CHECK_STR((char *)b, FAKE_STDOUT_PATH);
	memset(b, 0xee, 256);
	CHECK_RET(fm_call("package-to-path", 3, 1, vty, buf, 8), len);
	CHECK(memcmp(b, FAKE_STDOUT_PATH, 8) == 0 && b[8] == 0xee);
	CHECK_RET(fm_call("package-to-path", 3, 1, vty, buf, (uint32_t)len), len);
	CHECK_EQ_U64(b[len], 0xee);
	CHECK_RET(fm_call("package-to-path", 3, 1, vty, 0, 0), len);
	CHECK_RET(fm_call("package-to-path", 3, 1, of_root()->phandle, buf, 255), 1);
	CHECK_STR((char *)b, "/");
	CHECK_RET(fm_call("package-to-path", 3, 1, 0x1111, buf, 255), 21);
	CHECK_STR((char *)b, "/interrupt-controller");
	CHECK_RET(fm_call("package-to-path", 3, 1, 0, buf, 255), FAIL);
	CHECK_RET(fm_call("package-to-path", 3, 1, 0x7fffffff, buf, 255), FAIL);
	CHECK_RET(fm_call("package-to-path", 3, 1, vty, RAM_END - 4, 255), FAIL);

	/* canon: aliases and unit-less names made canonical. */
	CHECK_RET(fm_call("canon", 3, 1, fm_str("hvterm"), buf, 255), len);
	CHECK_STR((char *)b, FAKE_STDOUT_PATH);
	CHECK_RET(fm_call("canon", 3, 1, fm_str("/memory"), buf, 255), 9);
	CHECK_STR((char *)b, "/memory@0");
	CHECK_RET(fm_call("canon", 3, 1, fm_str("disk:1,\\boot"), buf, 255),
		  strlen(FAKE_DISK_PATH ":1,\\boot"));
	CHECK_STR((char *)b, FAKE_DISK_PATH ":1,\\boot");
	CHECK_RET(fm_call("canon", 3, 1, fm_str("hvterm"), buf, 4), len);
	CHECK_RET(fm_call("canon", 3, 1, fm_str("/nonexistent"), buf, 255), FAIL);
	CHECK_RET(fm_call("canon", 3, 1, fm_str("nosuchalias"), buf, 255), FAIL);
	CHECK_RET(fm_call("canon", 3, 1, unterminated_at_ram_end("/cpus"), buf, 255), FAIL);
	CHECK_RET(fm_call("canon", 3, 1, fm_str("hvterm"), RAM_END - 1, 255), FAIL);
}

/* ---- instances ---- */

/* A block device for read/seek/call-method: 4 KiB of a pattern. */
static struct fake_disk {
	uint64_t pos;
	unsigned opens, closes;
} disk;

static int disk_open(struct of_instance *inst)
{
	(void)inst;
	disk.opens++;
	disk.pos = 0;
	return strcmp(inst->args, "refuse") == 0 ? -1 : 0;
}

static void disk_close(struct of_instance *inst)
{
	(void)inst;
	disk.closes++;
}

static long disk_read(struct of_instance *inst, void *buf, uint32_t len)
{
	uint8_t *p = buf;
	uint32_t n = 0;

	(void)inst;
	for (; n < len && disk.pos < 4096; n++, disk.pos++)
		p[n] = (uint8_t)(disk.pos * 7);
	return n;
}

static long disk_seek(struct of_instance *inst, uint64_t pos)
{
	(void)inst;
	if (pos > 4096)
		return -1;
	disk.pos = pos;
	return 0;
}

static int disk_method(struct of_instance *inst, const char *method, unsigned nargs,
		       const uint32_t *args, unsigned nret, uint32_t *rets)
{
	(void)inst;
	if (strcmp(method, "block-size") == 0 && nret >= 1) {
		rets[0] = 512;
		return 0;
	}
	/* Returns its stack arguments reversed, to check the cell mapping. */
	if (strcmp(method, "test,reverse") == 0) {
		for (unsigned i = 0; i < nret; i++)
			rets[i] = i < nargs ? args[nargs - 1 - i] : 0;
		return 0;
	}
	return -1;
}

static const struct instance_ops disk_ops = {
	.name = "fake-disk",
	.open = disk_open,
	.close = disk_close,
	.read = disk_read,
	.seek = disk_seek,
	.call_method = disk_method,
};

static const struct instance_ops *disk_match(const struct of_node *n)
{
	const char *type = of_get_string(n, "device_type");

	return type && strcmp(type, "block") == 0 ? &disk_ops : NULL;
}

static void test_open_close(void)
{
	uint32_t buf = fm_buf(256, 0xee), ih, ih2;
	struct fm_result r;

	/* open: an ihandle, 0 on failure. */
	ih = fm_call("open", 1, 1, fm_str("/")).ret[0];
	CHECK(ih != 0 && ih != FAIL);
	CHECK_RET(fm_call("instance-to-package", 1, 1, ih), of_root()->phandle);
	CHECK_RET(fm_call("open", 1, 1, fm_str("/nonexistent")), 0);
	CHECK_RET(fm_call("open", 1, 1, fm_str("nosuchalias")), 0);
	CHECK_RET(fm_call("open", 1, 1, fm_str("")), 0);
	CHECK_RET(fm_call("open", 1, 1, unterminated_at_ram_end("/")), 0);
	CHECK_RET(fm_call("open", 1, 1, RAM_END), 0);
	CHECK_RET(fm_call("open", 1, 1, fm_str("disk:refuse")), 0);

	/* instance-to-package and instance-to-path of stdout. */
	CHECK_RET(fm_call("instance-to-package", 1, 1, ih_stdout), fm_ph(FAKE_STDOUT_PATH));
	CHECK_RET(fm_call("instance-to-path", 3, 1, ih_stdout, buf, 255),
		  strlen(FAKE_STDOUT_PATH));
	CHECK_STR(cstr(buf), FAKE_STDOUT_PATH);
	/* Open arguments are part of the instance's path. */
	ih2 = fm_call("open", 1, 1, fm_str("disk:0")).ret[0];
	CHECK(ih2 != 0);
	CHECK_RET(fm_call("instance-to-path", 3, 1, ih2, buf, 255),
		  strlen(FAKE_DISK_PATH ":0"));
	CHECK_STR(cstr(buf), FAKE_DISK_PATH ":0");
	CHECK_RET(fm_call("instance-to-path", 3, 1, ih2, buf, 3),
		  strlen(FAKE_DISK_PATH ":0"));
	CHECK_RET(fm_call("instance-to-package", 1, 1, ih2), fm_ph(FAKE_DISK_PATH));
	CHECK_EQ_U64(disk.opens, 2);

	/* Invalid ihandles: -1. */
	CHECK_RET(fm_call("instance-to-package", 1, 1, 0), FAIL);
	CHECK_RET(fm_call("instance-to-package", 1, 1, FAIL), FAIL);
	CHECK_RET(fm_call("instance-to-package", 1, 1, fm_ph("/chosen")), FAIL);
	CHECK_RET(fm_call("instance-to-path", 3, 1, 0x20000000, buf, 255), FAIL);
	CHECK_RET(fm_call("instance-to-path", 3, 1, ih_stdout, RAM_END - 3, 255), FAIL);

	/* close: the handle is dead afterwards, even if the slot is reused. */
	r = fm_call("close", 1, 0, ih2);
	CHECK_RC(r, 0);
	CHECK_EQ_U64(disk.closes, 1);
	CHECK_RET(fm_call("instance-to-package", 1, 1, ih2), FAIL);
	CHECK_RC(fm_call("close", 1, 0, ih2), 0);	/* twice: nothing */
	CHECK_EQ_U64(disk.closes, 1);
	{
		uint32_t ih3 = fm_call("open", 1, 1, fm_str("disk")).ret[0];

		CHECK(ih3 != 0 && ih3 != ih2);
		CHECK_RET(fm_call("instance-to-package", 1, 1, ih2), FAIL);
		CHECK_RET(fm_call("instance-to-package", 1, 1, ih3), fm_ph(FAKE_DISK_PATH));
		fm_call("close", 1, 0, ih3);
	}
	CHECK_RC(fm_call("close", 1, 0, 0), 0);
	CHECK_RC(fm_call("close", 1, 0, 0x12345678), 0);
	fm_call("close", 1, 0, ih);
	CHECK_RET(fm_call("instance-to-package", 1, 1, ih), FAIL);

	/* The table fills up: open then fails with 0, close makes room. */
	{
		uint32_t handles[80];
		unsigned n = 0;

		for (; n < 80; n++) {
			handles[n] = fm_call("open", 1, 1, fm_str("/cpus")).ret[0];
			if (!handles[n])
				break;
		}
		CHECK(n > 8 && n < 80);
		fm_scratch_reset();
		buf = fm_buf(256, 0);
		fm_call("close", 1, 0, handles[0]);
		handles[0] = fm_call("open", 1, 1, fm_str("/cpus")).ret[0];
		CHECK(handles[0] != 0);
		for (unsigned i = 0; i < n; i++)
			fm_call("close", 1, 0, handles[i]);
	}
	fm_scratch_reset();
}

static void test_read_write_seek(void)
{
	uint32_t buf = fm_buf(256, 0xee), ih;
	static const char text[] = "hello\nworld\r\n";
	uint8_t *b = fm_ptr(buf, 256);

	/* write: bytes go to the console as they are. */
	fake_console_clear();
	CHECK_RET(fm_call("write", 3, 1, ih_stdout, fm_str(text), sizeof(text) - 1),
		  sizeof(text) - 1);
	CHECK_STR(fake_console_text(), text);
	CHECK_RET(fm_call("write", 3, 1, ih_stdout, 0, 0), 0);
	CHECK_RET(fm_call("write", 3, 1, ih_stdout, RAM_END - 2, 4), FAIL);
	CHECK_RET(fm_call("write", 3, 1, 0, fm_str("x"), 1), FAIL);
	CHECK_RET(fm_call("write", 3, 1, fm_ph("/chosen"), fm_str("x"), 1), FAIL);
	/* The firmware's own line after client output starts a new line. */
	fake_console_clear();
	fm_call("write", 3, 1, ih_stdout, fm_str("Calling CAS..."), 14);
	fm_call("interpret", 1, 1, fm_str("bogus-word"));
	CHECK(fake_console_contains("Calling CAS...\r\nci: interpret"));

	/* read: what is pending, 0 when nothing is. */
	fake_board_set_input("ab", 2);
	CHECK_RET(fm_call("read", 3, 1, ih_stdout, buf, 16), 2);
	CHECK(b[0] == 'a' && b[1] == 'b' && b[2] == 0xee);
	CHECK_RET(fm_call("read", 3, 1, ih_stdout, buf, 16), 0);
	fake_board_set_input("xyz", 3);
	CHECK_RET(fm_call("read", 3, 1, ih_stdout, buf, 1), 1);
	CHECK_RET(fm_call("read", 3, 1, ih_stdout, buf, 0), 0);
	CHECK_RET(fm_call("read", 3, 1, ih_stdout, RAM_END - 1, 2), FAIL);
	CHECK_EQ_U64(fake_board.input_pos, 1);	/* nothing consumed */
	CHECK_RET(fm_call("read", 3, 1, 0, buf, 1), FAIL);
	fake_board_set_input(NULL, 0);

	/* A block device: seek (hi, lo), read, call-method. */
	ih = fm_call("open", 1, 1, fm_str("disk:0")).ret[0];
	CHECK(ih != 0);
	CHECK_RET(fm_call("seek", 3, 1, ih, 0, 1000), 0);
	CHECK_RET(fm_call("read", 3, 1, ih, buf, 4), 4);
	CHECK_EQ_U64(b[0], (uint8_t)(1000 * 7));
	CHECK_EQ_U64(b[3], (uint8_t)(1003 * 7));
	CHECK_RET(fm_call("seek", 3, 1, ih, 1, 0), FAIL);	/* 4 GiB: past the end */
	CHECK_RET(fm_call("seek", 3, 1, ih, 0, 4090), 0);
	CHECK_RET(fm_call("read", 3, 1, ih, buf, 64), 6);
	CHECK_RET(fm_call("write", 3, 1, ih, buf, 4), FAIL);	/* read-only */
	CHECK_RET(fm_call("seek", 3, 1, ih_stdout, 0, 0), FAIL);
	CHECK_RET(fm_call("seek", 3, 1, 0, 0, 0), FAIL);
	{
		struct fm_result r = fm_call("call-method", 2, 2, fm_str("block-size"), ih);

		CHECK_RC(r, 0);
		CHECK_EQ_U64(r.ret[0], 0);
		CHECK_EQ_U64(r.ret[1], 512);
		r = fm_call("call-method", 5, 4, fm_str("test,reverse"), ih, 11, 22, 33);
		CHECK_RC(r, 0);
		CHECK(r.ret[0] == 0 && r.ret[1] == 33 && r.ret[2] == 22 && r.ret[3] == 11);
	}
	fm_call("close", 1, 0, ih);
	fm_scratch_reset();
}

/* ---- call-method on "/" and "/rtas" ---- */

static void test_rtas(void)
{
	uint32_t ih = fm_call("open", 1, 1, fm_str("/rtas")).ret[0];
	uint32_t meth = fm_str("instantiate-rtas"), base = 0x2000000;
	struct fm_result r;
	uint8_t *p = fm_ptr(base, 64);

	CHECK(ih != 0);
	r = fm_call("call-method", 3, 2, meth, ih, base);
	CHECK_RC(r, 0);
	CHECK_EQ_U64(r.ret[0], 0);
	CHECK_EQ_U64(r.ret[1], base);
	CHECK(p[0] == FAKE_RTAS_BYTE(0) && p[63] == FAKE_RTAS_BYTE(63));
	CHECK_EQ_U64(fake_board.rtas.size, 0x2000);	/* the tree's rtas-size */
	/* Failure: catch 0 and entry 0 (what Linux checks). */
	r = fm_call("call-method", 3, 2, meth, ih, PROT_BASE + 0x1000);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
	r = fm_call("call-method", 3, 2, meth, ih, RAM_END - 8);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
	fake_board.rtas_blob_size = 0x4000;	/* larger than rtas-size */
	fake_console_clear();
	r = fm_call("call-method", 3, 2, meth, ih, base);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
	CHECK(fake_console_contains("rtas: error: cannot instantiate RTAS at 0x2000000"));
	fake_board.rtas_blob_size = 64;
	/* On another package, or with too few results: no such method. */
	r = fm_call("call-method", 3, 2, meth, ih_stdout, base);
	CHECK(r.rc == 0 && r.ret[0] == FAIL);
	r = fm_call("call-method", 3, 1, meth, ih, base);
	CHECK(r.rc == 0 && r.ret[0] == FAIL);
	r = fm_call("call-method", 2, 2, meth, ih);
	CHECK(r.rc == 0 && r.ret[0] == FAIL);
	CHECK(fm_protected_intact());
	fm_call("close", 1, 0, ih);
}

static void test_call_method_failures(void)
{
	uint32_t root = fm_call("open", 1, 1, fm_str("/")).ret[0];
	struct fm_result r;

	fake_console_clear();
	r = fm_call("call-method", 2, 1, fm_str("frobnicate"), root);
	CHECK_RET(r, FAIL);
	CHECK(fake_console_contains("call-method frobnicate: no such method"));
	r = fm_call("call-method", 2, 1, fm_str("frobnicate"), 0);
	CHECK_RET(r, FAIL);
	CHECK(fake_console_contains("invalid ihandle 0x0"));
	r = fm_call("call-method", 2, 1, fm_str("frobnicate"), fm_ph("/chosen"));
	CHECK_RET(r, FAIL);
	r = fm_call("call-method", 2, 1, unterminated_at_ram_end("color!"), root);
	CHECK_RET(r, FAIL);
	r = fm_call("call-method", 2, 1, RAM_END, root);
	CHECK_RET(r, FAIL);
	/* The most arguments a block can carry. */
	{
		uint32_t args[19] = { fm_str("frobnicate"), root };

		r = fm_callv("call-method", 19, 1, args);
		CHECK_RET(r, FAIL);
	}
	fm_call("close", 1, 0, root);
}

static uint8_t reply[65536];

static void test_cas(void)
{
	struct fake_fdt_opts o = { .ram_size = RAM_END, .xive = true, .cas_reply = true,
				   .cpu_version = 0x0f000005 };
	uint32_t root = fm_call("open", 1, 1, fm_str("/")).ret[0];
	uint32_t meth = fm_str("ibm,client-architecture-support");
	uint32_t vec = fm_bytes(fake_cas_vector, fake_cas_vector_len);
	uint32_t intc_ih = fm_call("open", 1, 1, fm_str("/interrupt-controller")).ret[0];
	struct fm_result r;

	CHECK(intc_ih != 0);
	/* Refused by the hypervisor: catch 0, CAS result non-zero. */
	fake_board.cas.record_len = fake_cas_vector_len;
	fake_console_clear();
	r = fm_call("call-method", 3, 2, meth, root, vec);
	CHECK_RC(r, 0);
	CHECK_EQ_U64(r.ret[0], 0);
	CHECK_EQ_U64(r.ret[1], FAIL);
	CHECK_EQ_U64(fake_board.cas.calls, 1);
	CHECK(fake_console_contains("chose=none: fake hypervisor refused"));
	/* The vector is forwarded unchanged without compat caps. */
	CHECK(memcmp(fake_board.cas.recorded, fake_cas_vector, fake_cas_vector_len) == 0);

	/* Accepted: the returned tree is merged (XICS -> XIVE). */
	fake_board.cas.reply_size = fake_fdt_pseries(reply, sizeof(reply), &o);
	fake_board.cas.reply_fdt = reply;
	fake_console_clear();
	r = fm_call("call-method", 3, 2, meth, root, vec);
	CHECK_RC(r, 0);
	CHECK_EQ_U64(r.ret[0], 0);
	CHECK_EQ_U64(r.ret[1], 0);
	CHECK(fake_console_contains("cas: caps=none cpu=POWER9 pvr=0x004e1202 removed=0 chose=0x0f000005"));
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("/" FAKE_XIVE_NAME)), 0x1111);
	CHECK_RET(fm_call("finddevice", 1, 1, fm_str("/interrupt-controller")), 0x1111);
	{
		uint32_t buf = fm_buf(64, 0);

		CHECK_RET(fm_call("getprop", 4, 1, 0x1111, fm_str("compatible"), buf, 64), 15);
		CHECK_STR(cstr(buf), "ibm,power-ivpe");
	}
	/* An instance of the replaced node is gone with it. */
	r = fm_call("instance-to-package", 1, 1, intc_ih);
	CHECK_RC(r, 0);
	CHECK(r.ret[0] == FAIL || r.ret[0] == 0x1111);

	/* The vector outside RAM. */
	r = fm_call("call-method", 3, 2, meth, root, RAM_END);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == FAIL);
	/* Without compat caps even a malformed vector goes to the hypervisor
	 * unchanged: it is QEMU's to judge. */
	{
		uint32_t bad = fm_buf(0x20000, 0xff);
		unsigned calls = fake_board.cas.calls;

		r = fm_call("call-method", 3, 2, meth, root, bad);
		CHECK(r.rc == 0 && r.ret[0] == 0);
		CHECK_EQ_U64(fake_board.cas.calls, calls + 1);
		CHECK_EQ_U64(fake_board.cas.recorded[0], 0xff);
	}
	/* A vector right at the end of RAM is read in full. */
	{
		uint32_t at = RAM_END - (uint32_t)fake_cas_vector_len;

		fake_board.cas.record_len = 4096;
		memcpy(fm_ptr(at, fake_cas_vector_len), fake_cas_vector, fake_cas_vector_len);
		memset(fake_board.cas.recorded, 0, sizeof(fake_board.cas.recorded));
		r = fm_call("call-method", 3, 2, meth, root, at);
		CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
		CHECK_EQ_U64(fake_board.cas.recorded_len, fake_cas_vector_len);
		CHECK(memcmp(fake_board.cas.recorded, fake_cas_vector, fake_cas_vector_len) == 0);
		at = RAM_END - 1000;
		memcpy(fm_ptr(at, fake_cas_vector_len), fake_cas_vector, fake_cas_vector_len);
		memset(fake_board.cas.recorded, 0, sizeof(fake_board.cas.recorded));
		r = fm_call("call-method", 3, 2, meth, root, at);
		CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
		CHECK_EQ_U64(fake_board.cas.recorded_len, fake_cas_vector_len);
		CHECK(memcmp(fake_board.cas.recorded, fake_cas_vector, fake_cas_vector_len) == 0);
	}
	/* Too few arguments or results for the method. */
	r = fm_call("call-method", 2, 2, meth, root);
	CHECK(r.rc == 0 && r.ret[0] == FAIL);
	r = fm_call("call-method", 3, 1, meth, root, vec);
	CHECK(r.rc == 0 && r.ret[0] == FAIL);
	fm_call("close", 1, 0, root);
	fm_call("close", 1, 0, intc_ih);
	fm_scratch_reset();
}

/* The compat-caps clamping rule on the way to the hypervisor. */
static void test_cas_caps(void)
{
	uint8_t caps[COMPAT_CAPS_V1_SIZE];
	struct fake_fdt_opts o = { .compat_caps = caps, .compat_caps_len = sizeof(caps) };
	uint32_t root, meth, vec;
	struct fm_result r;

	/* POWER10 only, on a POWER9: nothing the guest lists is allowed. */
	compat_caps_encode(compat_level_bit(COMPAT_LEVEL_POWER10), caps);
	boot(&o);
	root = fm_call("open", 1, 1, fm_str("/")).ret[0];
	meth = fm_str("ibm,client-architecture-support");
	vec = fm_bytes(fake_cas_vector, fake_cas_vector_len);
	fake_board.cas.reply_size = fake_fdt_pseries(reply, sizeof(reply), &o);
	fake_board.cas.reply_fdt = reply;
	fake_console_clear();
	r = fm_call("call-method", 3, 2, meth, root, vec);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == FAIL);
	CHECK_EQ_U64(fake_board.cas.calls, 0);
	CHECK(fake_console_contains("not calling the hypervisor"));

	CHECK(fake_console_contains("cas: caps=POWER10 cpu=POWER9 pvr=0x004e1202 removed=2 (004e0000/ffff0000 0f000005/ffffffff) chose=none: error: no processor level the guest lists (raw POWER9 logical POWER9) is allowed by the host caps POWER10 on a POWER9 processor; not calling the hypervisor"));

	/* POWER9 only, on a POWER10: the raw POWER9 entry goes. */
	compat_caps_encode(compat_level_bit(COMPAT_LEVEL_POWER9), caps);
	fake_board_reset();
	fake_board.pvr = 0x00800200;
	o.cpu_version = 0x00800200;
	boot(&o);
	fake_board.pvr = 0x00800200;
	root = fm_call("open", 1, 1, fm_str("/")).ret[0];
	meth = fm_str("ibm,client-architecture-support");
	vec = fm_bytes(fake_cas_vector, fake_cas_vector_len);
	fake_board.cas.reply_size = fake_fdt_pseries(reply, sizeof(reply), &o);
	fake_board.cas.reply_fdt = reply;
	fake_board.cas.record_len = fake_cas_vector_len - 8;
	fake_console_clear();
	r = fm_call("call-method", 3, 2, meth, root, vec);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
	CHECK_EQ_U64(fake_board.cas.calls, 1);
	CHECK(memcmp(fake_board.cas.recorded, fake_cas_vector + 8, fake_cas_vector_len - 8) == 0);
	CHECK(fake_console_contains("cas: caps=POWER9 cpu=POWER10 pvr=0x00800200 removed=1 (004e0000/ffff0000) chose=0x00800200\r\n"));

	/* With caps, a malformed vector (no end to the PVR list) is refused
	 * before the hypervisor sees it. */
	{
		uint32_t bad = fm_buf(0x20000, 0xff);

		fake_console_clear();
		r = fm_call("call-method", 3, 2, meth, root, bad);
		CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == FAIL);
		CHECK_EQ_U64(fake_board.cas.calls, 1);
		CHECK(fake_console_contains("cas: caps=POWER9 cpu=POWER10 pvr=0x00800200 removed=0 chose=none: error: rejected the OS's architecture vector: the PVR list has"));
	}
}

/* A CAS call and the one console line it printed. */
static struct fm_result cas_call(const uint8_t *v, size_t len)
{
	uint32_t root = fm_call("open", 1, 1, fm_str("/")).ret[0];
	struct fm_result r;

	fake_console_clear();
	r = fm_call("call-method", 3, 2, fm_str("ibm,client-architecture-support"), root,
		    fm_bytes(v, len));
	fm_call("close", 1, 0, root);
	return r;
}

/* Counts the summary lines ("cas: caps=") in the console output. */
static unsigned summary_lines(void)
{
	const char *t = fake_console_text();
	unsigned n = 0;

	while ((t = strstr(t, "cas: caps=")) != NULL) {
		n++;
		t++;
	}
	return n;
}

/* A vector with a legacy entry, OV1 of 3 bytes and OV5 of 26, asking for
 * radix, GTSE and XIVE, and for ISA 3.00/3.1 (as Linux 6.1 does). */
static size_t linux_like_vector(uint8_t *v, uint32_t extra_mask, uint32_t extra_value)
{
	size_t n = 0, i;

	if (extra_mask || extra_value) {
		be32_write(v + n, extra_mask);
		be32_write(v + n + 4, extra_value);
		n += 8;
	}
	be32_write(v + n, 0xffffffff);
	be32_write(v + n + 4, 0x0f000004);
	be32_write(v + n + 8, 0xfffffffe);
	be32_write(v + n + 12, 0x0f000001);
	n += 16;
	v[n++] = 4;                     /* 5 vectors */
	v[n++] = 2;
	v[n++] = 0x00;
	v[n++] = 0xff;
	v[n++] = 0xc0;                  /* OV1 byte 3 */
	for (i = 0; i < 3; i++) {
		v[n++] = 0;
		v[n++] = 0;
	}
	v[n++] = 25;
	for (i = 1; i <= 26; i++)
		v[n++] = (i == 23 || i == 24 || i == 26) ? 0x40 : 0x00;
	return n;
}

/* Rule 4a, G from the tree, GRUB's vector, chose= from the reply, and one
 * summary line on every path. */
static void test_cas_paths(void)
{
	uint8_t caps[COMPAT_CAPS_V1_SIZE], v[128];
	struct fake_fdt_opts o = { .compat_caps = caps, .compat_caps_len = sizeof(caps),
				   .cpu_version = 0x004e1200 };
	struct fm_result r;
	size_t len, ov;

	/* POWER9 with caps {P10}: only legacy levels stay, so the vector
	 * asks for hash and XICS. */
	compat_caps_encode(compat_level_bit(COMPAT_LEVEL_POWER10), caps);
	boot(&o);
	o.cpu_version = 0x0f000004;
	fake_board.cas.reply_size = fake_fdt_pseries(reply, sizeof(reply), &o);
	fake_board.cas.reply_fdt = reply;
	fake_board.cas.record_len = sizeof(v);
	len = linux_like_vector(v, 0xffff0000, 0x004e0000);
	r = cas_call(v, len);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
	CHECK_EQ_U64(fake_board.cas.calls, 1);
	CHECK_EQ_U64(fake_board.cas.recorded_len, len - 8);
	ov = 16;                        /* two pairs left */
	CHECK_EQ_U64(fake_board.cas.recorded[ov + 4], 0x00);       /* OV1 byte 3 */
	CHECK_EQ_U64(fake_board.cas.recorded[ov + 3], 0xff);       /* OV1 byte 2 */
	CHECK_EQ_U64(fake_board.cas.recorded[ov + 11 + 23], 0x00); /* OV5 byte 23 */
	CHECK_EQ_U64(fake_board.cas.recorded[ov + 11 + 24], 0x00); /* OV5 byte 24 */
	CHECK_EQ_U64(fake_board.cas.recorded[ov + 11 + 26], 0x00); /* OV5 byte 26 */
	CHECK_EQ_U64(v[8 + ov + 11 + 24], 0x40);                   /* the OS's copy */
	CHECK(fake_console_contains("cas: caps=POWER10 cpu=POWER9 pvr=0x004e1202 removed=1 (004e0000/ffff0000) asks=hash+XICS (cleared OV5 byte 24 0x40, OV5 byte 23 0x40, OV5 byte 26 0x40, OV1 byte 3 0xc0) chose=0x0f000004\r\n"));
	CHECK_EQ_U64(summary_lines(), 1);

	/* The reply leaves cpu-version out (raw mode): chose=raw, not the
	 * 0x0f000004 the tree still holds from the last call. */
	o.no_cpu_version = true;
	fake_board.cas.reply_size = fake_fdt_pseries(reply, sizeof(reply), &o);
	o.no_cpu_version = false;
	r = cas_call(v, len);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
	CHECK(fake_console_contains(" chose=raw\r\n"));
	CHECK_EQ_U64(of_get_u32_or(of_find_path("/cpus/PowerPC,POWER9@0"), "cpu-version", 0),
		     0x0f000004);
	CHECK_EQ_U64(summary_lines(), 1);

	/* The second call still sees G = POWER9: the tree's cpu-version was
	 * taken before the first call, not after it. */
	CHECK(fake_console_contains("cas: caps=POWER10 cpu=POWER9 pvr="));

	/* A reply that is no device tree: the merge fails, chose= says the
	 * reply could not be read. */
	memset(reply, 0x5a, 64);
	fake_board.cas.reply_size = 64;
	r = cas_call(v, len);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == FAIL);
	CHECK(fake_console_contains(") chose=unknown: error: cannot merge the hypervisor's device tree: "));
	CHECK_EQ_U64(summary_lines(), 1);

	/* GRUB's terminator-only vector goes to the hypervisor, said as such. */
	fake_board.cas.reply_size = fake_fdt_pseries(reply, sizeof(reply), &o);
	{
		static const uint8_t grub[] = {
			0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00,
		};
		unsigned calls = fake_board.cas.calls;

		r = cas_call(grub, sizeof(grub));
		CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
		CHECK_EQ_U64(fake_board.cas.calls, calls + 1);
		CHECK(fake_console_contains("cas: caps=POWER10 cpu=POWER9 pvr=0x004e1202 removed=0 (no PVR entries) asks=hash+XICS (nothing to clear) chose=0x0f000004\r\n"));
		CHECK(!fake_console_contains("error"));
		/* The hypervisor's refusal is the summary's outcome. */
		fake_board.cas.reply_fdt = NULL;
		r = cas_call(grub, sizeof(grub));
		CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == FAIL);
		CHECK(fake_console_contains("removed=0 (no PVR entries) asks=hash+XICS (nothing to clear) chose=none: fake hypervisor refused\r\n"));
		CHECK_EQ_U64(summary_lines(), 1);
		fake_board.cas.reply_fdt = reply;
	}

	/* Forty removed entries: the list is cut with a count, and the line
	 * still carries 4a and chose=. */
	{
		static uint8_t many[41 * 8 + sizeof(v)];
		size_t m = 0, tail_len = linux_like_vector(v, 0, 0);

		for (int i = 0; i < 40; i++) {
			be32_write(many + m, 0xffff0000);
			be32_write(many + m + 4, 0x004e0000);
			m += 8;
		}
		memcpy(many + m, v, tail_len);
		fake_board.cas.record_len = sizeof(fake_board.cas.recorded);
		r = cas_call(many, m + tail_len);
		CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
		CHECK(fake_console_contains("removed=40 (004e0000/ffff0000 004e0000/ffff0000 "));
		CHECK(fake_console_contains(" more) asks=hash+XICS (cleared OV5 byte 24 0x40, OV5 byte 23 0x40, OV5 byte 26 0x40, OV1 byte 3 0xc0) chose=0x0f000004\r\n"));
		CHECK_EQ_U64(summary_lines(), 1);
	}

	/* max-cpu-compat: a POWER10 whose tree shows POWER9 (0x0f000005) with
	 * caps {P10}: G is POWER9, so POWER10 and raw go and 4a applies. */
	fake_board_reset();
	fake_board.pvr = 0x00800200;
	o.cpu_version = 0x0f000005;
	boot(&o);
	fake_board.pvr = 0x00800200;
	o.cpu_version = 0x0f000004;
	fake_board.cas.reply_size = fake_fdt_pseries(reply, sizeof(reply), &o);
	fake_board.cas.reply_fdt = reply;
	fake_board.cas.record_len = sizeof(v);
	len = linux_like_vector(v, 0xffffffff, 0x0f000006);
	r = cas_call(v, len);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
	CHECK(fake_console_contains("cas: caps=POWER10 cpu=POWER9 (cpu-version 0x0f000005) pvr=0x00800200 removed=1 (0f000006/ffffffff) asks=hash+XICS (cleared "));
	CHECK_EQ_U64(fake_board.cas.recorded[16 + 11 + 24], 0x00);

	/* The same POWER10 with caps {P9, P10}: POWER10 still goes (above
	 * G), nothing else; no 4a. */
	compat_caps_encode(compat_level_bit(COMPAT_LEVEL_POWER9) |
			   compat_level_bit(COMPAT_LEVEL_POWER10), caps);
	fake_board_reset();
	fake_board.pvr = 0x00800200;
	o.cpu_version = 0x0f000005;
	boot(&o);
	fake_board.pvr = 0x00800200;
	fake_board.cas.reply_size = fake_fdt_pseries(reply, sizeof(reply), &o);
	fake_board.cas.reply_fdt = reply;
	fake_board.cas.record_len = sizeof(v);
	len = linux_like_vector(v, 0xffffffff, 0x0f000005);
	r = cas_call(v, len);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
	CHECK(fake_console_contains("cas: caps=POWER9,POWER10 cpu=POWER9 (cpu-version 0x0f000005) pvr=0x00800200 removed=0 chose=0x0f000005\r\n"));
	CHECK_EQ_U64(fake_board.cas.recorded[24 + 11 + 24], 0x40);

	/* An unknown processor above Power11 with caps {P9, P10}: logical
	 * entries by the caps, raw entries dropped, never legacy. */
	fake_board_reset();
	fake_board.pvr = 0x00831200;
	o.cpu_version = 0x00831200;
	boot(&o);
	fake_board.pvr = 0x00831200;
	fake_board.cas.reply_size = fake_fdt_pseries(reply, sizeof(reply), &o);
	fake_board.cas.reply_fdt = reply;
	fake_board.cas.record_len = sizeof(v);
	len = linux_like_vector(v, 0xffff0000, 0x00830000);
	r = cas_call(v, len);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0);
	CHECK(fake_console_contains("cas: caps=POWER9,POWER10 cpu=newer-than-Power11 pvr=0x00831200 removed=1 (00830000/ffff0000) asks=hash+XICS"));

	/* The vector outside RAM: still the one summary line. */
	fake_console_clear();
	{
		uint32_t root = fm_call("open", 1, 1, fm_str("/")).ret[0];

		fake_console_clear();
		r = fm_call("call-method", 3, 2, fm_str("ibm,client-architecture-support"), root,
			    RAM_END);
		CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == FAIL);
		CHECK(fake_console_contains("removed=0 chose=none: error: the architecture vector at 0x"));
		CHECK_EQ_U64(summary_lines(), 1);
		fm_call("close", 1, 0, root);
	}
	fm_scratch_reset();
}

/* ---- memory ---- */

static const uint8_t *available(uint32_t *len)
{
	return of_get_prop(of_find_path("/memory@0"), "available", len);
}

static void test_claim_release(void)
{
	uint32_t len;
	const uint8_t *av;
	struct fm_result r;

	/* Explicit address, align 0 (what Linux does). */
	CHECK_RET(fm_call("claim", 3, 1, 0x1000000, 0x10000, 0), 0x1000000);
	CHECK(!claim_is_free(0x1000000, 0x10000));
	av = available(&len);
	CHECK(av != NULL && len % 16 == 0);
	{
		bool found = false;

		for (uint32_t off = 0; av && off < len; off += 16)
			if (be64_read(av + off) + be64_read(av + off + 8) == 0x1000000)
				found = true;
		CHECK(found);
	}
	/* Overlapping, outside RAM, firmware memory, zero size: -1. */
	CHECK_RET(fm_call("claim", 3, 1, 0x1008000, 0x10000, 0), FAIL);
	CHECK_RET(fm_call("claim", 3, 1, 0x0ff8000, 0x10000, 0), FAIL);
	CHECK_RET(fm_call("claim", 3, 1, RAM_END - 0x1000, 0x2000, 0), FAIL);
	CHECK_RET(fm_call("claim", 3, 1, RAM_END, 0x1000, 0), FAIL);
	CHECK_RET(fm_call("claim", 3, 1, 0xfffff000u, 0x2000, 0), FAIL);
	CHECK_RET(fm_call("claim", 3, 1, PROT_BASE + 0x1000, 0x1000, 0), FAIL);
	CHECK_RET(fm_call("claim", 3, 1, 0x80000, 0x1000, 0), FAIL);	/* firmware image */
	CHECK_RET(fm_call("claim", 3, 1, 0x1100000, 0, 0), FAIL);
	/* Aligned: the firmware picks the lowest free, aligned address. */
	r = fm_call("claim", 3, 1, 0, 0x3000, 0x100000);
	CHECK_RC(r, 0);
	CHECK(r.ret[0] != FAIL && r.ret[0] % 0x100000 == 0 && r.ret[0] != 0);
	CHECK(claim_is_ram(r.ret[0], 0x3000) && !claim_is_free(r.ret[0], 0x3000));
	CHECK(r.ret[0] + 0x3000 <= PROT_BASE || r.ret[0] >= PROT_BASE + PROT_SIZE);
	{
		struct fm_result r2 = fm_call("claim", 3, 1, 0, 0x3000, 0x100000);

		CHECK(r2.ret[0] != FAIL && r2.ret[0] != r.ret[0]);
		CHECK_RC(fm_call("release", 2, 0, r2.ret[0], 0x3000), 0);
	}
	CHECK_RET(fm_call("claim", 3, 1, 0, 0x1000, 3), FAIL);	/* not a power of two */
	CHECK_RET(fm_call("claim", 3, 1, 0, 0, 0x1000), FAIL);
	CHECK_RET(fm_call("claim", 3, 1, 0, 0x10000000, 0x1000), FAIL);	/* larger than RAM */

	/* release gives it back; releasing what is not claimed is only
	 * reported. */
	CHECK_RC(fm_call("release", 2, 0, 0x1000000, 0x10000), 0);
	CHECK(claim_is_free(0x1000000, 0x10000));
	CHECK_RET(fm_call("claim", 3, 1, 0x1000000, 0x10000, 0), 0x1000000);
	CHECK_RC(fm_call("release", 2, 0, 0x1000000, 0x10000), 0);
	fake_console_clear();
	CHECK_RC(fm_call("release", 2, 0, 0x1000000, 0x10000), 0);
	CHECK(fake_console_contains("release 0x1000000+0x10000: not claimed"));
	CHECK_RC(fm_call("release", 2, 0, r.ret[0], 0x3000), 0);
	CHECK_RC(fm_call("release", 2, 1, 0x1000000, 0x1000), -1);
	/* The firmware's memory cannot be released (and then claimed). */
	fake_console_clear();
	CHECK_RC(fm_call("release", 2, 0, PROT_BASE, 0x1000), 0);
	CHECK(fake_console_contains("not the client's memory"));
	CHECK(!claim_is_free(PROT_BASE, 0x1000));
	CHECK_RET(fm_call("claim", 3, 1, PROT_BASE, 0x1000, 0), FAIL);
	CHECK_RC(fm_call("release", 2, 0, PROT_BASE - 0x1000, 0x2000), 0);
	CHECK(!claim_is_free(PROT_BASE, 0x1000));
	CHECK_RC(fm_call("release", 2, 0, 0, 0x1000), 0);
	CHECK(!claim_is_free(0, 0x1000));
}

static void test_misc(void)
{
	struct fm_result r;
	uint32_t a, b;

	/* milliseconds */
	a = fm_call("milliseconds", 0, 1).ret[0];
	b = fm_call("milliseconds", 0, 1).ret[0];
	CHECK(b > a);
	fake_board.ms = 0x100000005ull;
	CHECK_RET(fm_call("milliseconds", 0, 1), 6);

	/* interpret: the phrases GRUB sends are accepted. */
	CHECK_RET(fm_call("interpret", 1, 1, fm_str("output-device output")), 0);
	CHECK_RET(fm_call("interpret", 1, 1, fm_str("cursor-on")), 0);
	CHECK_RET(fm_call("interpret", 1, 1, fm_str("cursor-off")), 0);
	CHECK_RET(fm_call("interpret", 1, 1, fm_str("")), 0);
	r = fm_call("interpret", 2, 3, fm_str("cursor-on"), 5);
	CHECK(r.rc == 0 && r.ret[0] == 0 && r.ret[1] == 0 && r.ret[2] == 0);
	fake_console_clear();
	CHECK_RET(fm_call("interpret", 1, 1, fm_str("see boot")), FAIL);
	CHECK(fake_console_contains("ci: interpret: not supported: \"see boot\"\r\n"));
	CHECK_RET(fm_call("interpret", 1, 1, unterminated_at_ram_end("cursor-on")), FAIL);
	{
		uint32_t args[1] = { fm_str("reset-all") };

		CHECK_EQ_U64(fm_call_run(&r, "interpret", 1, 1, args), FAKE_EXIT_RESET);
		args[0] = fm_str("power-off");
		CHECK_EQ_U64(fm_call_run(&r, "interpret", 1, 1, args), FAKE_EXIT_POWER_OFF);
		args[0] = fm_str("shut-down");
		CHECK_EQ_U64(fm_call_run(&r, "interpret", 1, 1, args), FAKE_EXIT_POWER_OFF);
	}

	/* test: 0 for a service, 1 for none. */
	CHECK_RET(fm_call("test", 1, 1, fm_str("finddevice")), 0);
	CHECK_RET(fm_call("test", 1, 1, fm_str("call-method")), 0);
	CHECK_RET(fm_call("test", 1, 1, fm_str("test")), 0);
	CHECK_RET(fm_call("test", 1, 1, fm_str("pks-max-object-size")), 1);
	CHECK_RET(fm_call("test", 1, 1, fm_str("")), 1);
	CHECK_RET(fm_call("test", 1, 1, unterminated_at_ram_end("finddevice")), FAIL);
	CHECK_RET(fm_call("test", 1, 1, RAM_END), FAIL);
	r = fm_call("test", 1, 1, fm_str("a-service-name-longer-than-thirty-one-characters"));
	CHECK(r.rc == 0 && r.ret[0] != 0);

	/* quiesce hands the final tree to the hypervisor, with what the
	 * client set. */
	fm_call("setprop", 4, 1, fm_ph("/rtas"), fm_str("linux,rtas-base"),
		fm_bytes("\0\x20\0\0", 4), 4);
	CHECK_RC(fm_call("quiesce", 0, 0), 0);
	CHECK_EQ_U64(fake_board.update_dt_calls, 1);
	{
		const void *fdt = fake_board.update_dt_blob;
		int off, len;
		const uint8_t *v;

		CHECK_EQ_U64(fdt_check_header(fdt), 0);
		CHECK_EQ_U64(fdt_totalsize(fdt), fake_board.update_dt_size);
		off = fdt_path_offset(fdt, "/rtas");
		v = fdt_getprop(fdt, off, "linux,rtas-base", &len);
		CHECK(v && len == 4 && be32_read(v) == 0x200000);
		off = fdt_path_offset(fdt, "/cpus/PowerPC,POWER9@0");
		CHECK(off >= 0 && fdt_getprop(fdt, off, "64-bit", &len) && len == 0);
		v = fdt_getprop(fdt, off, "cpu-version", &len);
		CHECK(v && len == 4 && be32_read(v) == 0x004e1200);
		off = fdt_path_offset(fdt, "/chosen");
		CHECK(off >= 0 && fdt_getprop(fdt, off, "stdout", &len) && len == 4);
		CHECK_EQ_U64(fdt_node_offset_by_phandle(fdt, 0x1111),
			     fdt_path_offset(fdt, "/interrupt-controller"));
		{
			const char *why = NULL;
			struct fdt_reader rd;

			CHECK_EQ_U64(fdt_reader_open(&rd, fdt, fake_board.update_dt_size, &why), 0);
		}
	}
	fake_board.update_dt_rc = -1;
	fake_console_clear();
	CHECK_RC(fm_call("quiesce", 0, 0), 0);
	CHECK(fake_console_contains("of: warning: quiesce: the hypervisor rejected the final device tree"));
	fake_board.update_dt_rc = 0;

	/* exit and enter reach the prompt; boot resets. */
	fake_console_clear();
	CHECK_EQ_U64(fm_call_run(&r, "exit", 0, 0, NULL), FAKE_EXIT_CONSOLE_IDLE);
	CHECK(fake_console_contains("boot: client called exit\r\n0 > "));
	fake_board_set_input("help\r", 5);
	fake_console_clear();
	CHECK_EQ_U64(fm_call_run(&r, "enter", 0, 0, NULL), FAKE_EXIT_NONE);
	CHECK_RC(r, 0);
	CHECK(fake_console_contains("commands:"));
	{
		uint32_t args[1] = { fm_str("disk:0") };

		fake_console_clear();
		CHECK_EQ_U64(fm_call_run(&r, "boot", 1, 0, args), FAKE_EXIT_RESET);
		CHECK(fake_console_contains("ci: boot \"disk:0\" requested: resetting"));
	}
	CHECK_RC(fm_call("exit", 1, 0, 0), -1);
	CHECK_RC(fm_call("quiesce", 0, 1), -1);
	fm_scratch_reset();
}

/* Every write the CI makes for a client is refused in firmware memory, and
 * the firmware's bytes stay as they were. */
static void test_protected(void)
{
	uint32_t root = of_root()->phandle, name = fm_str("device_type");
	uint32_t rtas = fm_call("open", 1, 1, fm_str("/rtas")).ret[0];
	uint32_t p = PROT_BASE + 0x800;
	struct fm_result r;

	CHECK(fm_protected_intact());
	CHECK_RET(fm_call("getprop", 4, 1, root, name, p, 64), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, root, name, PROT_BASE - 2, 8), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, root, name, PROT_BASE + PROT_SIZE - 2, 8), FAIL);
	CHECK_RET(fm_call("getprop", 4, 1, root, name, PROT_BASE - 5, 5), 5);	/* adjacent */
	CHECK_RET(fm_call("nextprop", 3, 1, root, fm_str(""), p), FAIL);
	CHECK_RET(fm_call("package-to-path", 3, 1, fm_ph("/cpus"), p, 64), FAIL);
	CHECK_RET(fm_call("canon", 3, 1, fm_str("hvterm"), p, 64), FAIL);
	CHECK_RET(fm_call("instance-to-path", 3, 1, ih_stdout, p, 64), FAIL);
	fake_board_set_input("abc", 3);
	CHECK_RET(fm_call("read", 3, 1, ih_stdout, p, 3), FAIL);
	CHECK_EQ_U64(fake_board.input_pos, 0);
	fake_board_set_input(NULL, 0);
	r = fm_call("call-method", 3, 2, fm_str("instantiate-rtas"), rtas, p);
	CHECK(r.rc == 0 && r.ret[1] == 0);
	CHECK_RET(fm_call("claim", 3, 1, p, 0x1000, 0), FAIL);
	CHECK(fm_protected_intact());
	fm_call("close", 1, 0, rtas);
	fm_scratch_reset();
}

/* /options from NVRAM: ci-trace? prints one line per call, auto-boot?
 * false stops at the prompt; a blank NVRAM gets an OF partition. */
static void test_nvram_options(void)
{
	static uint8_t nvram[0x10000];
	const char *reason = "?";
	struct fm_result r;

	CHECK_EQ_U64(nvram_format_common(nvram, sizeof(nvram), 0x1000, &reason), 0);
	CHECK_EQ_U64(nvram_set_var(nvram + 16, 0x1000 - 16, "ci-trace?", "true", &reason), 0);
	CHECK_EQ_U64(nvram_set_var(nvram + 16, 0x1000 - 16, "auto-boot?", "false", &reason), 0);
	CHECK_EQ_U64(nvram_set_var(nvram + 16, 0x1000 - 16, "test-var", "42", &reason), 0);
	fake_board_reset();
	fake_board.nvram = nvram;
	fake_board.nvram_size = sizeof(nvram);
	CHECK_EQ_U64(fm_start(NULL), FAKE_EXIT_CONSOLE_IDLE);
	CHECK(fake_console_contains("nvram: 3 variables from partition \"common\""));
	CHECK(fake_console_contains("boot: auto-boot? is false: not booting"));
	CHECK_STR(of_get_string(of_find_path("/options"), "test-var"), "42");
	CHECK_STR(of_get_string(of_find_path("/options"), "real-mode?"), "true");
	CHECK_EQ_U64(fake_board.nvram_writes, 0);
	fake_console_clear();
	r = fm_call("finddevice", 1, 1, fm_str("/chosen"));
	CHECK_RC(r, 0);
	CHECK(fake_console_contains("ci: finddevice("));
	fake_console_clear();
	fm_call("frobnicate", 0, 0);
	CHECK(fake_console_contains("frobnicate"));
	ci_set_trace(false);

	/* All zeros: formatted and written back. */
	memset(nvram, 0, sizeof(nvram));
	fake_board_reset();
	fake_board.nvram = nvram;
	fake_board.nvram_size = sizeof(nvram);
	CHECK_EQ_U64(fm_start(NULL), FAKE_EXIT_CONSOLE_IDLE);
	CHECK_EQ_U64(fake_board.nvram_writes, 1);
	{
		struct nvram_partition part;

		CHECK_EQ_U64(nvram_find_partition(nvram, sizeof(nvram), NVRAM_SIG_OF_VARS,
						  &part, &reason), 0);
	}
	/* Something else that does not parse is left alone. */
	memset(nvram, 0x11, sizeof(nvram));
	fake_board_reset();
	fake_board.nvram = nvram;
	fake_board.nvram_size = sizeof(nvram);
	CHECK_EQ_U64(fm_start(NULL), FAKE_EXIT_CONSOLE_IDLE);
	CHECK_EQ_U64(fake_board.nvram_writes, 0);
	CHECK(fake_console_contains("left as it is"));
	CHECK_EQ_U64(nvram[100], 0x11);
}

int main(void)
{
	/* Before the first boot: ahead of the core's matchers. */
	instance_register(disk_match);
	boot(NULL);
	test_framing();
	test_finddevice();
	test_getprop();
	test_nextprop();
	test_setprop();
	test_walk();
	test_paths();
	test_open_close();
	test_read_write_seek();
	test_rtas();
	test_call_method_failures();
	test_claim_release();
	test_misc();
	test_protected();
	CHECK(fm_protected_intact());
	boot(NULL);
	test_cas();
	test_cas_caps();
	test_cas_paths();
	test_nvram_options();
	return unit_done("test-ci");
}
