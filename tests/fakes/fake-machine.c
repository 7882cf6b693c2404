/* SPDX-License-Identifier: MIT */
/* The firmware core started on the host (see fake-machine.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "fake-machine.h"
#include "heap/heap.h"
#include "memory/client-mem.h"
#include "start/start.h"
#include "tree/instance.h"
#include "tree/tree.h"

struct fake_machine fm;

static void *heap_region;

static void die(const char *what)
{
	fprintf(stderr, "fake-machine: %s\nconsole:\n%s\n", what, fake_console_text());
	abort();
}

void fm_teardown(void)
{
	struct of_node *root = of_root();

	if (!root)
		return;
	instance_close_subtree(root);
	while (root->child)
		of_node_remove(root->child);
	while (root->props)
		of_del_prop(root, root->props->name);
}

/* The options fm.fdt was written for, and the compat caps it holds. */
static struct fake_fdt_opts fdt_opts;
static uint8_t fdt_caps[64];

static bool same_opts(const struct fake_fdt_opts *a, const struct fake_fdt_opts *b)
{
	return a->ram_size == b->ram_size && a->xive == b->xive &&
	       a->cas_reply == b->cas_reply && a->cpu_version == b->cpu_version &&
	       a->rsv_base == b->rsv_base && a->rsv_size == b->rsv_size &&
	       a->compat_caps_len == b->compat_caps_len &&
	       (!a->compat_caps_len ||
		(a->compat_caps_len <= sizeof(fdt_caps) &&
		 memcmp(a->compat_caps, fdt_caps, a->compat_caps_len) == 0)) &&
	       a->kernel_base == b->kernel_base && a->kernel_size == b->kernel_size &&
	       a->kernel_le == b->kernel_le && a->initrd_start == b->initrd_start &&
	       a->initrd_end == b->initrd_end && a->rtas_size == b->rtas_size;
}

static void run_main(void *ctx)
{
	(void)ctx;
	of_main(fm.fdt, fm.fdt_size);
}

enum fake_exit fm_boot(const struct fake_fdt_opts *opts)
{
	fake_board_reset();
	return fm_start(opts);
}

enum fake_exit fm_start(const struct fake_fdt_opts *opts)
{
	struct fake_fdt_opts o = opts ? *opts : (struct fake_fdt_opts){ 0 };
	const char *reason = "?";

	if (!fm.booted) {
		fm.ram_size = o.ram_size ? o.ram_size : FM_RAM_DEFAULT;
		fm.ram = aligned_alloc(0x10000, fm.ram_size);
		if (!fm.heap_size)
			fm.heap_size = FM_HEAP_DEFAULT;
		heap_region = malloc(fm.heap_size);
		if (!fm.ram || !heap_region)
			die("out of host memory");
		client_mem_set_base((uintptr_t)fm.ram);
		heap_init(heap_region, fm.heap_size);
		if (of_tree_init() != 0)
			die("of_tree_init failed");
		fm.booted = true;
	} else {
		fm_teardown();
	}
	if (!o.ram_size)
		o.ram_size = fm.ram_size;
	if (o.ram_size > fm.ram_size)
		die("tree RAM larger than the RAM buffer");
	fm.tree_ram = o.ram_size;
	memset(fm.ram, 0, fm.ram_size);
	fm_scratch_reset();
	if (!fm.fdt_size || !same_opts(&o, &fdt_opts)) {	/* libfdt is slow */
		fm.fdt_size = fake_fdt_pseries(fm.fdt, sizeof(fm.fdt), &o);
		fdt_opts = o;
		if (o.compat_caps_len && o.compat_caps_len <= sizeof(fdt_caps))
			memcpy(fdt_caps, o.compat_caps, o.compat_caps_len);
	}
	if (of_import_fdt(fm.fdt, fm.fdt_size, &reason) != 0)
		die(reason);
	if (fake_board.n_fw == 0) {
		fake_board.n_fw = 2;
		fake_board.fw_start[0] = FM_FW0_BASE;
		fake_board.fw_end[0] = FM_FW0_END;
		fake_board.fw_start[1] = fm.tree_ram - FM_FW1_SIZE;
		fake_board.fw_end[1] = fm.tree_ram;
	}
	fm.main_exit = fake_board_run(run_main, NULL);
	for (int i = 0; i < fake_board.n_fw; i++)
		if (fake_board.fw_end[i] <= fm.ram_size)
			memset(fm.ram + fake_board.fw_start[i], FM_PROTECT_FILL,
			       fake_board.fw_end[i] - fake_board.fw_start[i]);
	return fm.main_exit;
}

bool fm_protected_intact(void)
{
	/* Not memcmp: libFuzzer hooks every memcmp, which makes a large one
	 * slow inside a fuzzer. */
	const uint64_t fill = 0x0101010101010101ull * FM_PROTECT_FILL;
	uint64_t diff = 0;

	for (int i = 0; i < fake_board.n_fw; i++) {
		uint64_t a = fake_board.fw_start[i], end = fake_board.fw_end[i];

		if (end > fm.ram_size)
			continue;
		for (; a < end && (a & 7); a++)
			diff |= fm.ram[a] ^ FM_PROTECT_FILL;
		for (; a + 8 <= end; a += 8) {
			uint64_t w;

			memcpy(&w, fm.ram + a, 8);
			diff |= w ^ fill;
		}
		for (; a < end; a++)
			diff |= fm.ram[a] ^ FM_PROTECT_FILL;
	}
	return diff == 0;
}

void fm_scratch_reset(void)
{
	fm.scratch_next = FM_SCRATCH_BASE + 0x1000;	/* the first page: arg blocks */
}

void *fm_ptr(uint64_t addr, uint64_t len)
{
	if (addr > fm.ram_size || len > fm.ram_size - addr)
		die("fm_ptr outside the RAM buffer");
	return fm.ram + addr;
}

static uint32_t scratch_take(size_t n)
{
	uint32_t a = fm.scratch_next;

	if (n > FM_SCRATCH_BASE + FM_SCRATCH_SIZE - a)
		die("scratch memory exhausted (call fm_scratch_reset)");
	fm.scratch_next = (uint32_t)((a + n + 15) & ~15u);
	return a;
}

uint32_t fm_bytes(const void *p, size_t n)
{
	uint32_t a = scratch_take(n);

	memcpy(fm_ptr(a, n), p, n);
	return a;
}

uint32_t fm_str(const char *s)
{
	return fm_bytes(s, strlen(s) + 1);
}

uint32_t fm_buf(size_t n, uint8_t fill)
{
	uint32_t a = scratch_take(n);

	memset(fm_ptr(a, n), fill, n);
	return a;
}

uint32_t fm_ph(const char *path)
{
	struct of_node *n = of_find_device(path);

	return n ? n->phandle : 0;
}

static void put_cell(uint64_t addr, uint32_t v)
{
	if (addr + 4 <= fm.ram_size)
		be32_write(fm.ram + addr, v);
}

static uint32_t get_cell(uint64_t addr)
{
	return addr + 4 <= fm.ram_size ? be32_read(fm.ram + addr) : 0xdeadbeefu;
}

struct fm_result fm_call_raw(uint32_t block, uint32_t name_addr, uint32_t nargs,
			     uint32_t nret, const uint32_t *args)
{
	struct fm_result r;
	uint64_t b = block;

	memset(&r, 0, sizeof(r));
	put_cell(b, name_addr);
	put_cell(b + 4, nargs);
	put_cell(b + 8, nret);
	for (uint32_t i = 0; i < nargs && i < CI_MAX_CELLS; i++)
		put_cell(b + 12 + 4 * i, args[i]);
	for (uint32_t i = 0; i < nret && nargs + i < CI_MAX_CELLS + 4; i++)
		put_cell(b + 12 + 4 * (nargs + i), 0xdeadbeefu);
	r.rc = ci_handle(block);
	for (uint32_t i = 0; i < nret && i < CI_MAX_CELLS; i++)
		r.ret[i] = get_cell(b + 12 + 4 * ((uint64_t)nargs + i));
	return r;
}

struct fm_result fm_callv(const char *service, unsigned nargs, unsigned nret,
			  const uint32_t *args)
{
	/* The name goes right after the block, so repeated calls do not use
	 * up scratch memory. */
	uint32_t block = FM_SCRATCH_BASE;
	uint32_t name = block + 12 + 4 * (nargs + nret);

	if (name + strlen(service) + 1 > FM_SCRATCH_BASE + 0x1000)
		die("argument block too large");
	memcpy(fm_ptr(name, strlen(service) + 1), service, strlen(service) + 1);
	return fm_call_raw(block, name, nargs, nret, args);
}

struct fm_result fm_call(const char *service, unsigned nargs, unsigned nret, ...)
{
	uint32_t args[64];
	va_list ap;

	if (nargs > 64)
		die("too many arguments");
	va_start(ap, nret);
	for (unsigned i = 0; i < nargs; i++)
		args[i] = va_arg(ap, uint32_t);
	va_end(ap);
	return fm_callv(service, nargs, nret, args);
}

struct call_ctx {
	struct fm_result *r;
	const char *service;
	unsigned nargs, nret;
	const uint32_t *args;
};

static void call_body(void *p)
{
	struct call_ctx *c = p;

	*c->r = fm_callv(c->service, c->nargs, c->nret, c->args);
}

enum fake_exit fm_call_run(struct fm_result *r, const char *service, unsigned nargs,
			   unsigned nret, const uint32_t *args)
{
	struct call_ctx c = { r, service, nargs, nret, args };

	memset(r, 0, sizeof(*r));
	r->rc = 0x7777;
	return fake_board_run(call_body, &c);
}
