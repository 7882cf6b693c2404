/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for the client interface: each input is a sequence of
 * calls (service, counts, argument cells built from strings, handles,
 * buffers and raw values the input chooses) made through ci_handle on a
 * firmware booted afresh with the fake board. Fails on any sanitizer
 * report, a return value other than 0/-1, or a change to firmware memory. */
#include <libfdt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "client/ci.h"
#include "compatcaps/compat-caps.h"
#include "fake-machine.h"
#include "memory/client-mem.h"
#include "tree/instance.h"
#include "tree/tree.h"

#define RAM_SIZE    0x100000u	/* 1 MiB of client RAM */
#define FW_END      0x4000u	/* firmware image at 0 */
#define CANARY      0xc0000u	/* heap + FDT: write-protected */
#define CANARY_SIZE 0x8000u
#define BLOCK       0x10000u	/* the usual argument block */
#define POOL        0x11000u	/* strings and buffers, bump-allocated */
#define POOL_END    0x80000u
#define MAX_CALLS   48

static const char *const services[] = {
	"finddevice", "getprop", "getproplen", "nextprop", "setprop", "peer",
	"child", "parent", "package-to-path", "canon", "instance-to-package",
	"instance-to-path", "open", "close", "read", "write", "seek",
	"call-method", "claim", "release", "milliseconds", "quiesce", "exit",
	"enter", "boot", "interpret", "test",
	/* not services */
	"", "finddevic", "finddevice ", "Open", "a-service-name-longer-than-31-chars",
};
#define N_SERVICES (sizeof(services) / sizeof(services[0]))

static const char *const words[] = {
	"/", "/chosen", "/memory", "/memory@0", "/memory@00", "/rtas", "/cpus",
	"/cpus/PowerPC,POWER9@0", FAKE_STDOUT_PATH, "hvterm", "hvterm:115200", "disk",
	"disk:0", (FAKE_DISK_PATH ":1,\\boot"), "/interrupt-controller", ("/" FAKE_XIVE_NAME),
	"/aliases", "/options", "/openprom", "/packages", "/vdevice", "/cpus/../memory@0",
	"screen", "/nonexistent", "vdevice", "//cpus//", "/vdevice:x/vty", "name", "reg",
	"device_type", "stdout", "stdin", "available", "phandle", "linux,phandle",
	"compatible", "bootargs", "linux,initrd-start", "#address-cells", "ci-trace?",
	"model", "rtas-size", "cpu-version", "64-bit", "", "ibm,client-architecture-support",
	"instantiate-rtas", "block-size", "color!", "output-device output", "cursor-on",
	"reset-all", "power-off", "see boot", "finddevice", "call-method",
	"pks-max-object-size",
};
#define N_WORDS (sizeof(words) / sizeof(words[0]))

/* Byte strings that may hold NULs: a CAS vector, cells. */
struct blob {
	const char *p;
	size_t len;
};

static const struct blob bins[] = {
	{ (const char *)fake_cas_vector, 27 },
	{ "\0\0\0\x04", 4 },
	{ "\0\0\x11\x11", 4 },
	{ "\x10\0\0\0", 4 },
	{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\x10\0\0", 16 },
};
#define N_BINS (sizeof(bins) / sizeof(bins[0]))

/* What is typed at the prompt (exit, enter): one line per prompt. */
static const char *const prompt_input[] = {
	"", "ls\rprintenv\r", "boot\r", "help\rbogus\rreset-all\r",
};

static uint8_t reply_xive[65536], reply_xics[65536], reply_fuzz[65536];
static size_t reply_xive_size, reply_xics_size;
static uint8_t compat_prop[COMPAT_CAPS_V1_SIZE];

struct input {
	const uint8_t *p;
	size_t len, pos;
};

static unsigned byte(struct input *in)
{
	return in->pos < in->len ? in->p[in->pos++] : 0;
}

static uint32_t cell(struct input *in)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++)
		v = v << 8 | byte(in);
	return v;
}

/* FUZZ_CI_VERBOSE=1: one line per call and the console at the end. */
static bool verbose;
static uint32_t pool_next;
static uint32_t ihandles[16];
static unsigned n_ihandles;

static uint32_t pool_put(const void *p, size_t len, bool nul)
{
	uint32_t a = pool_next;

	if (a + len + 1 > POOL_END)
		return POOL;	/* full: reuse the start */
	memcpy(fm.ram + a, p, len);
	if (nul)
		fm.ram[a + len] = '\0';
	pool_next = (uint32_t)((a + len + 1 + 7) & ~7u);
	return a;
}

static uint32_t nth_phandle(unsigned idx)
{
	struct of_node *stack[64];
	unsigned sp = 0, i = 0;

	switch (idx % 40) {
	case 0: return 0;
	case 1: return 0xffffffffu;
	case 2: return 0x1111;
	case 3: return 0x10000000u + idx;	/* maybe a removed node's */
	}
	stack[sp++] = of_root();
	while (sp) {
		struct of_node *n = stack[--sp];

		if (i++ == idx % 40 - 4)
			return n->phandle;
		for (struct of_node *c = n->child; c && sp < 64; c = c->sibling)
			stack[sp++] = c;
	}
	return of_root()->phandle;
}

static uint32_t nth_ihandle(unsigned idx)
{
	switch (idx % 8) {
	case 0: return 0;
	case 1: return 0xffffffffu;
	case 2: return of_get_u32_or(of_find_path("/chosen"), "stdout", 0);
	case 3: return 0x20000000u | (idx & 0xff00) | (idx & 0x3f);
	}
	return n_ihandles ? ihandles[idx % n_ihandles] : 0;
}

static uint32_t arg_cell(struct input *in)
{
	unsigned kind = byte(in), len;
	uint8_t tmp[256];

	switch (kind % 10) {
	case 0:
		return cell(in);
	case 1:		/* a string from the input */
		len = byte(in);
		for (unsigned i = 0; i < len; i++)
			tmp[i] = (uint8_t)byte(in);
		return pool_put(tmp, len, true);
	case 2: {	/* a known word, path or vector */
		unsigned i = byte(in) % (N_WORDS + N_BINS);

		if (i < N_WORDS)
			return pool_put(words[i], strlen(words[i]), true);
		return pool_put(bins[i - N_WORDS].p, bins[i - N_WORDS].len, false);
	}
	case 3:
		return nth_phandle(byte(in));
	case 4:
		return nth_ihandle(byte(in));
	case 5:		/* a buffer */
		len = byte(in) << 4;
		{
			uint32_t a = pool_next;

			if (a + len + 16 > POOL_END)
				return POOL;
			memset(fm.ram + a, 0, len);
			pool_next = a + len + 16;
			return a;
		}
	case 6:		/* inside firmware memory */
		return CANARY + byte(in) * 0x100;
	case 7:		/* near the end of RAM */
		return RAM_SIZE - byte(in);
	case 8:
		return byte(in);
	default:	/* unterminated at the end of RAM */
		len = byte(in) % 64 + 1;
		for (unsigned i = 0; i < len; i++)
			fm.ram[RAM_SIZE - len + i] = (uint8_t)(byte(in) | 1);
		return RAM_SIZE - len;
	}
}

struct call {
	uint32_t block;
	long rc;
};

static void do_call(void *p)
{
	struct call *c = p;

	c->rc = ci_handle(c->block);
}

static void check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz-ci: %s\nconsole:\n%s\n", what, fake_console_text());
		abort();
	}
}

static void one_call(struct input *in)
{
	unsigned svc = byte(in), nargs = byte(in) % 24, nret = byte(in) % 24;
	uint32_t block = BLOCK, name;
	uint32_t args[24];
	struct call c;
	enum fake_exit e;
	uint64_t end;
	bool is_open;

	/* The service name: normally a string in the pool. */
	if (svc & 0x80) {
		switch (byte(in) % 4) {
		case 0: name = RAM_SIZE - 4; memcpy(fm.ram + RAM_SIZE - 4, "peer", 4); break;
		case 1: name = 0xffffffffu; break;
		case 2: name = CANARY; break;
		default: name = pool_put(services[svc % N_SERVICES],
					 strlen(services[svc % N_SERVICES]), true); break;
		}
	} else {
		name = pool_put(services[svc % N_SERVICES], strlen(services[svc % N_SERVICES]), true);
	}
	is_open = strcmp(services[svc % N_SERVICES], "open") == 0;
	for (unsigned i = 0; i < nargs; i++)
		args[i] = arg_cell(in);
	/* The block: normally at BLOCK; sometimes where it does not fit. */
	if (svc & 0x40) {
		switch (byte(in) % 3) {
		case 0: block = RAM_SIZE - byte(in); break;
		case 1: block = CANARY + byte(in); break;
		default: block = 0xfffffff4u; break;
		}
	}
	end = (uint64_t)block + 12 + 4 * (nargs + nret);
	if (end <= RAM_SIZE && (end <= CANARY || block >= CANARY + CANARY_SIZE)) {
		be32_write(fm.ram + block, name);
		be32_write(fm.ram + block + 4, nargs);
		be32_write(fm.ram + block + 8, nret);
		for (unsigned i = 0; i < nargs; i++)
			be32_write(fm.ram + block + 12 + 4 * i, args[i]);
		for (unsigned i = 0; i < nret; i++)
			be32_write(fm.ram + block + 12 + 4 * (nargs + i), 0);
	}
	c.block = block;
	c.rc = 0;
	e = fake_board_run(do_call, &c);
	if (verbose) {
		fprintf(stderr, "fuzz-ci: %s %u/%u at 0x%x ->%s %ld", services[svc % N_SERVICES],
			nargs, nret, block, e ? fake_exit_name(e) : "", c.rc);
		for (unsigned i = 0; i < nret && (uint64_t)block + 16 + 4 * (nargs + i) <= RAM_SIZE; i++)
			fprintf(stderr, " %x", be32_read(fm.ram + block + 12 + 4 * (nargs + i)));
		fprintf(stderr, "\n");
	}
	check(c.rc == 0 || c.rc == -1, "ci_handle returned neither 0 nor -1");
	if (is_open && c.rc == 0 && nret >= 1 && block == BLOCK && n_ihandles < 16)
		ihandles[n_ihandles++] = be32_read(fm.ram + block + 12 + 4 * nargs);
}

/* The n-th node of an FDT in document order (the root for n = 0). */
static int fdt_nth_node(const void *fdt, unsigned n)
{
	int off = 0, depth = 0;

	while (n-- && off >= 0)
		off = fdt_next_node(fdt, off, &depth);
	return off >= 0 ? off : 0;
}

static uint32_t fuzz_phandle(unsigned sel, unsigned b)
{
	switch (sel % 5) {
	case 0: return 0x1111;
	case 1: return 0x10000000u + b;	/* one the firmware assigned */
	case 2: return 0;
	case 3: return 0xffffffffu;
	}
	return b;
}

/* A CAS reply with handles the input chooses: "phandle" or
 * "linux,phandle" set on existing nodes, new nodes carrying a handle. */
static void build_fuzz_reply(struct input *in, bool xive)
{
	const void *base = xive ? reply_xive : reply_xics;
	unsigned ops = byte(in) % 8;

	if (fdt_open_into(base, reply_fuzz, sizeof(reply_fuzz)) != 0)
		return;
	for (unsigned i = 0; i < ops; i++) {
		unsigned op = byte(in), node = byte(in), sel = byte(in), b = byte(in);
		int off = fdt_nth_node(reply_fuzz, node % 24);
		char name[16];

		switch (op % 3) {
		case 0:
			fdt_setprop_u32(reply_fuzz, off, "phandle", fuzz_phandle(sel, b));
			break;
		case 1:
			fdt_setprop_u32(reply_fuzz, off, "linux,phandle", fuzz_phandle(sel, b));
			break;
		default:
			snprintf(name, sizeof(name), "fz@%x", b);
			off = fdt_add_subnode(reply_fuzz, off, name);
			if (off >= 0)
				fdt_setprop_u32(reply_fuzz, off, "phandle", fuzz_phandle(sel, b));
			break;
		}
	}
	fdt_pack(reply_fuzz);
	fake_board.cas.reply_fdt = reply_fuzz;
	fake_board.cas.reply_size = fdt_totalsize(reply_fuzz);
}

static void boot(unsigned cfg)
{
	struct fake_fdt_opts o = { .ram_size = RAM_SIZE };

	fake_board_reset();
	fake_board.n_fw = 2;
	fake_board.fw_start[0] = 0;
	fake_board.fw_end[0] = FW_END;
	fake_board.fw_start[1] = CANARY;
	fake_board.fw_end[1] = CANARY + CANARY_SIZE;
	fake_board.idle_limit = 50;
	fake_board.cas.record_len = 4096;
	if (cfg & 2) {
		compat_caps_encode(compat_level_bit(COMPAT_LEVEL_POWER9) |
				   compat_level_bit(COMPAT_LEVEL_POWER10), compat_prop);
		o.compat_caps = compat_prop;
		o.compat_caps_len = sizeof(compat_prop);
	}
	fm_start(&o);
	if (cfg & 1) {
		fake_board.cas.reply_fdt = reply_xive;
		fake_board.cas.reply_size = reply_xive_size;
	} else if (cfg & 4) {
		fake_board.cas.reply_fdt = reply_xics;
		fake_board.cas.reply_size = reply_xics_size;
	}
	if (cfg & 8)
		fake_board.pvr = 0x00800200;	/* POWER10 */
	ci_set_trace(cfg & 0x10);
	{
		const char *s = prompt_input[(cfg >> 5) & 3];

		fake_board_set_input(s, strlen(s));
	}
	pool_next = POOL;
	n_ihandles = 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct fake_fdt_opts o = { .ram_size = RAM_SIZE, .xive = true, .cas_reply = true,
				   .cpu_version = 0x0f000005 };

	(void)argc;
	(void)argv;
	/* Package handles are never reused, so each boot's nodes stay in the
	 * core's handle table: a large heap budget keeps long runs going. */
	fm.heap_size = 256u << 20;
	verbose = getenv("FUZZ_CI_VERBOSE") != NULL;
	reply_xive_size = fake_fdt_pseries(reply_xive, sizeof(reply_xive), &o);
	o.xive = false;
	reply_xics_size = fake_fdt_pseries(reply_xics, sizeof(reply_xics), &o);
	return 0;
}

/* Input: a configuration byte, then calls.
 *   cfg bit 0: CAS answers with the XIVE tree; bit 2: with the XICS tree
 *   (neither: the hypervisor refuses); bit 7: with a tree whose handles
 *   the next bytes choose (build_fuzz_reply); bit 1: compat caps
 *   POWER9+POWER10 in /chosen; bit 3: a POWER10 processor; bit 4:
 *   ci-trace; bits 5-6: prompt_input.
 *   call: service byte (index into services[]; bit 7: odd name pointer,
 *   bit 6: odd block address), nargs, nret (each mod 24), then one
 *   arg_cell() per argument. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size, 0 };

	boot(size ? data[0] : 0);
	in.pos = 1;
	if (size && (data[0] & 0x80))
		build_fuzz_reply(&in, data[0] & 1);
	for (unsigned n = 0; n < MAX_CALLS && in.pos < in.len; n++)
		one_call(&in);
	check(fm_protected_intact(), "firmware memory was changed");
	if (verbose)
		fprintf(stderr, "console:\n%s\n", fake_console_text());
	/* Free the tree now, not at the next boot: an input that frees what it
	 * allocates is not re-run by libFuzzer's leak check. */
	fm_teardown();
	return 0;
}
