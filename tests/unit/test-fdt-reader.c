/* SPDX-License-Identifier: MIT */
/* Unit test of lib/fdt/fdt-reader: QEMU's own trees, dtc and libfdt-built
 * trees (cross-checked against the system libfdt) and malformed blobs, each
 * rejected with its reason. Runs under ASan+UBSan. */
#include <dirent.h>
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "fdt-libfdt-compare.h"
#include "fdt/fdt-reader.h"
#include "unit.h"

#ifndef FDT_QEMU_DTB_DIR
#define FDT_QEMU_DTB_DIR "build/dtb-fixtures"
#endif
#define FDT_COMMITTED_DTB_DIR "tests/fixtures/dtb"

/* Header field offsets (DTSpec 5.2). */
enum {
	H_MAGIC = 0, H_TOTALSIZE = 4, H_OFF_STRUCT = 8, H_OFF_STRINGS = 12,
	H_OFF_RSVMAP = 16, H_VERSION = 20, H_LAST_COMP = 24, H_BOOT_CPUID = 28,
	H_SIZE_STRINGS = 32, H_SIZE_STRUCT = 36,
};
enum { T_BEGIN = 1, T_END_NODE = 2, T_PROP = 3, T_NOP = 4, T_END = 9 };

static unsigned malformed_cases, malformed_libfdt_asked;
static unsigned malformed_libfdt_rejects;
static unsigned trees_compared;

/* ---- helpers ----------------------------------------------------------- */

static void *dup_exact(const void *p, size_t n)
{
	/* An exact-size heap copy, so ASan sees any read past max_size. */
	void *q = malloc(n ? n : 1);

	if (!q)
		abort();
	memcpy(q, p, n);
	return q;
}

static uint32_t get32(const uint8_t *b, uint32_t off)
{
	return be32_read(b + off);
}

static void set32(uint8_t *b, uint32_t off, uint32_t v)
{
	be32_write(b + off, v);
}

/* Compares with libfdt and records a failure with the difference. */
static void check_same_as_libfdt(const char *what, const void *blob,
				 size_t size, struct fdt_compare_stats *st)
{
	char why[512];
	void *copy = dup_exact(blob, size);
	int rc = fdt_libfdt_compare(copy, size, st, why, sizeof(why));

	if (rc != 0)
		fprintf(stderr, "%s: %s\n", what, why);
	CHECK(rc == 0);
	trees_compared++;
	free(copy);
}

/* The status fdt_reader_open gives with `reason`. */
static int code_of(const char *reason)
{
	if (strstr(reason, "version older") || strstr(reason, "newer than 17"))
		return STATUS_EUNSUPPORTED;
	if (strstr(reason, "deeper than"))
		return STATUS_ETOOBIG;
	return STATUS_EMALFORMED;
}

/* Opens a copy of exactly max bytes; expects rejection with `reason`. */
static void expect_reject_max(const char *what, const void *blob, size_t max,
			      const char *reason)
{
	struct fdt_reader r;
	const char *got = NULL;
	void *copy = dup_exact(blob, max);
	int rc, code = code_of(reason);

	memset(&r, 0x5a, sizeof(r));
	rc = fdt_reader_open(&r, copy, max, &got);
	if (rc != code || !got || strcmp(got, reason) != 0)
		fprintf(stderr, "%s: rc %d reason \"%s\", expected \"%s\"\n",
			what, rc, got ? got : "(null)", reason);
	CHECK(rc == code);
	CHECK_STR(got, reason);
	CHECK(((uint8_t *)&r)[0] == 0x5a); /* *r untouched on failure */
	CHECK(fdt_reader_open(&r, copy, max, NULL) == code);
	malformed_cases++;
	/* libfdt 1.6.1 takes versions below 16 and its fdt_check_full()
	 * then dereferences NULL on a v16-style root: skip those. */
	if (max < 40 || get32(copy, H_VERSION) >= 16) {
		malformed_libfdt_asked++;
		if (fdt_check_full(copy, max) != 0)
			malformed_libfdt_rejects++;
		else if (getenv("FDT_TEST_VERBOSE"))
			printf("libfdt accepts %s\n", what);
	}
	free(copy);
}

static void expect_reject(const char *what, const void *blob, size_t size,
			  const char *reason)
{
	expect_reject_max(what, blob, size, reason);
}

static void expect_accept(const char *what, const void *blob, size_t size)
{
	struct fdt_reader r;
	const char *why = "unset";
	void *copy = dup_exact(blob, size);
	int rc = fdt_reader_open(&r, copy, size, &why);

	if (rc != 0)
		fprintf(stderr, "%s: rejected: %s\n", what, why);
	CHECK(rc == 0);
	CHECK(why == NULL);
	free(copy);
}

/* ---- a raw blob builder (for trees libfdt cannot or will not write) ---- */

struct raw {
	uint8_t st[16384];
	uint32_t st_len;
	char strs[2048];
	uint32_t strs_len;
	uint64_t rsv[8][2];
	unsigned nrsv;
	int strings_first;	/* lay out strings before the struct block */
	uint32_t pad_after;	/* free bytes at the end of the blob */
};

static void raw_u32(struct raw *w, uint32_t v)
{
	be32_write(w->st + w->st_len, v);
	w->st_len += 4;
}

static void raw_bytes(struct raw *w, const void *p, uint32_t n)
{
	if (n)
		memcpy(w->st + w->st_len, p, n);
	w->st_len += n;
	while (w->st_len & 3)
		w->st[w->st_len++] = 0;
}

static void raw_begin(struct raw *w, const char *name)
{
	raw_u32(w, T_BEGIN);
	raw_bytes(w, name, (uint32_t)strlen(name) + 1);
}

static uint32_t raw_string(struct raw *w, const char *s)
{
	uint32_t off = w->strs_len, n = (uint32_t)strlen(s) + 1;

	memcpy(w->strs + off, s, n);
	w->strs_len += n;
	return off;
}

static void raw_prop_off(struct raw *w, uint32_t nameoff, const void *v,
			 uint32_t len)
{
	raw_u32(w, T_PROP);
	raw_u32(w, len);
	raw_u32(w, nameoff);
	raw_bytes(w, v, len);
}

static void raw_prop(struct raw *w, const char *name, const void *v,
		     uint32_t len)
{
	raw_prop_off(w, raw_string(w, name), v, len);
}

/* Lays out header, reservation map, then struct and strings blocks. */
static size_t raw_blob(const struct raw *w, uint8_t *out, size_t cap)
{
	uint32_t rsv = 40, st, strs, total, i;

	st = rsv + 16 * (w->nrsv + 1);
	if (w->strings_first) {
		strs = st;
		st = (strs + w->strs_len + 3) & ~3u;
		total = st + w->st_len;
	} else {
		strs = st + w->st_len;
		total = strs + w->strs_len;
	}
	total += w->pad_after;
	if (total > cap)
		abort();
	memset(out, 0, total);
	set32(out, H_MAGIC, FDT_READER_MAGIC);
	set32(out, H_TOTALSIZE, total);
	set32(out, H_OFF_STRUCT, st);
	set32(out, H_OFF_STRINGS, strs);
	set32(out, H_OFF_RSVMAP, rsv);
	set32(out, H_VERSION, 17);
	set32(out, H_LAST_COMP, 16);
	set32(out, H_BOOT_CPUID, 0);
	set32(out, H_SIZE_STRINGS, w->strs_len);
	set32(out, H_SIZE_STRUCT, w->st_len);
	for (i = 0; i < w->nrsv; i++) {
		be64_write(out + rsv + 16 * i, w->rsv[i][0]);
		be64_write(out + rsv + 16 * i + 8, w->rsv[i][1]);
	}
	memcpy(out + st, w->st, w->st_len);
	memcpy(out + strs, w->strs, w->strs_len);
	return total;
}

/* A small well-formed tree: / { a = <1>; child@1 { b; }; }. */
static void raw_small(struct raw *w)
{
	static const uint8_t one[4] = { 0, 0, 0, 1 };

	memset(w, 0, sizeof(*w));
	raw_begin(w, "");
	raw_prop(w, "a", one, 4);
	raw_begin(w, "child@1");
	raw_prop(w, "b", NULL, 0);
	raw_u32(w, T_END_NODE);
	raw_u32(w, T_END_NODE);
	raw_u32(w, T_END);
}

/* ---- libfdt sequential-write trees ------------------------------------- */

#define SW(call)                                                            \
	do {                                                                \
		int sw_err_ = (call);                                       \
		if (sw_err_) {                                              \
			fprintf(stderr, "%s:%d: %s: %s\n", __FILE__,        \
				__LINE__, #call, fdt_strerror(sw_err_));    \
			abort();                                            \
		}                                                           \
	} while (0)

static uint8_t swbuf[1 << 20] __attribute__((aligned(8)));

static size_t sw_done(void)
{
	SW(fdt_finish(swbuf));
	return fdt_totalsize(swbuf);
}

static size_t sw_minimal(void)
{
	SW(fdt_create(swbuf, sizeof(swbuf)));
	SW(fdt_finish_reservemap(swbuf));
	SW(fdt_begin_node(swbuf, ""));
	SW(fdt_end_node(swbuf));
	return sw_done();
}

/* Empty properties, every value length 0..9 (all padding cases), names
 * with unit addresses, a long name, a non-zero boot CPU. */
static size_t sw_mixed(void)
{
	static const char v[] = "0123456789";
	char name[300];
	size_t n;
	int i;

	SW(fdt_create(swbuf, sizeof(swbuf)));
	SW(fdt_finish_reservemap(swbuf));
	SW(fdt_begin_node(swbuf, ""));
	SW(fdt_property(swbuf, "empty", NULL, 0));
	SW(fdt_property_string(swbuf, "compatible", "qemu,pseries"));
	SW(fdt_property_u32(swbuf, "#address-cells", 2));
	SW(fdt_property_u64(swbuf, "u64", 0x0123456789abcdefull));
	for (i = 0; i <= 9; i++) {
		snprintf(name, sizeof(name), "len-%d", i);
		SW(fdt_property(swbuf, name, v, i));
	}
	SW(fdt_begin_node(swbuf, "cpus"));
	SW(fdt_begin_node(swbuf, "PowerPC,POWER10@0"));
	SW(fdt_property(swbuf, "empty", NULL, 0));
	SW(fdt_property(swbuf, "ibm,pa-features", v, 7));
	SW(fdt_end_node(swbuf));
	SW(fdt_end_node(swbuf));
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	SW(fdt_begin_node(swbuf, name));
	SW(fdt_end_node(swbuf));
	SW(fdt_begin_node(swbuf, "empty-node"));
	SW(fdt_end_node(swbuf));
	SW(fdt_begin_node(swbuf, "x"));
	SW(fdt_property(swbuf, "empty", NULL, 0));
	SW(fdt_end_node(swbuf));
	SW(fdt_end_node(swbuf));
	n = sw_done();
	fdt_set_boot_cpuid_phys(swbuf, 7);
	return n;
}

/* Root plus `levels` nested nodes. */
static size_t sw_deep(int levels)
{
	char name[16];
	int i;

	SW(fdt_create(swbuf, sizeof(swbuf)));
	SW(fdt_finish_reservemap(swbuf));
	SW(fdt_begin_node(swbuf, ""));
	for (i = 0; i < levels; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		SW(fdt_begin_node(swbuf, name));
		SW(fdt_property_u32(swbuf, "level", (uint32_t)i));
	}
	for (i = 0; i <= levels; i++)
		SW(fdt_end_node(swbuf));
	return sw_done();
}

/* Thousands of properties and nodes. */
static size_t sw_many(void)
{
	char name[32];
	int i, j;

	SW(fdt_create(swbuf, sizeof(swbuf)));
	SW(fdt_finish_reservemap(swbuf));
	SW(fdt_begin_node(swbuf, ""));
	for (i = 0; i < 3000; i++) {
		snprintf(name, sizeof(name), "prop-%d", i);
		SW(fdt_property_u32(swbuf, name, (uint32_t)i));
	}
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "node@%x", i);
		SW(fdt_begin_node(swbuf, name));
		for (j = 0; j < 4; j++) {
			snprintf(name, sizeof(name), "p%d", j);
			SW(fdt_property(swbuf, name, "abcdefgh", j * 2));
		}
		SW(fdt_end_node(swbuf));
	}
	SW(fdt_end_node(swbuf));
	return sw_done();
}

static size_t sw_rsv(void)
{
	SW(fdt_create(swbuf, sizeof(swbuf)));
	SW(fdt_add_reservemap_entry(swbuf, 0x10000000, 0x100000));
	SW(fdt_add_reservemap_entry(swbuf, 0, 0x1000));       /* addr 0 */
	SW(fdt_add_reservemap_entry(swbuf, ~0ull - 0xfff, 0x1000));
	SW(fdt_add_reservemap_entry(swbuf, 0x2000, 0x2000));
	SW(fdt_finish_reservemap(swbuf));
	SW(fdt_begin_node(swbuf, ""));
	SW(fdt_property_string(swbuf, "model", "rsv"));
	SW(fdt_begin_node(swbuf, "chosen"));
	SW(fdt_end_node(swbuf));
	SW(fdt_end_node(swbuf));
	return sw_done();
}

static void test_generated(void)
{
	static uint8_t b2[1 << 20] __attribute__((aligned(8)));
	struct fdt_compare_stats st;
	struct fdt_reader r;
	uint64_t a, s;
	size_t n;
	int off, i;

	n = sw_minimal();
	check_same_as_libfdt("minimal", swbuf, n, &st);
	CHECK_EQ_U64(st.nodes, 1);
	CHECK_EQ_U64(st.props, 0);

	n = sw_mixed();
	check_same_as_libfdt("mixed", swbuf, n, &st);
	CHECK_EQ_U64(st.nodes, 6);
	CHECK_EQ_U64(st.props, 17);
	CHECK(fdt_reader_open(&r, swbuf, n, NULL) == 0);
	CHECK_EQ_U64(r.boot_cpuid, 7);

	/* 64 levels is the limit; 65 is rejected (libfdt takes it). */
	n = sw_deep(63);
	check_same_as_libfdt("deep-64", swbuf, n, &st);
	CHECK_EQ_U64(st.max_depth, 64);
	n = sw_deep(64);
	expect_reject("deep-65", swbuf, n, "nodes nested deeper than 64 levels");

	n = sw_many();
	check_same_as_libfdt("many", swbuf, n, &st);
	CHECK_EQ_U64(st.nodes, 1001);
	CHECK_EQ_U64(st.props, 7000);

	n = sw_rsv();
	check_same_as_libfdt("rsv", swbuf, n, &st);
	CHECK_EQ_U64(st.rsv, 4);
	CHECK(fdt_reader_open(&r, swbuf, n, NULL) == 0);
	CHECK(fdt_reader_rsv(&r, 1, &a, &s) == 1);
	CHECK_EQ_U64(a, 0);
	CHECK_EQ_U64(s, 0x1000);
	CHECK(fdt_reader_rsv(&r, 2, &a, &s) == 1);
	CHECK_EQ_U64(a, ~0ull - 0xfff);
	CHECK(fdt_reader_rsv(&r, 4, &a, &s) == 0);
	CHECK(fdt_reader_rsv(&r, ~0u, &a, &s) == 0);

	/* A long reservation map: open scans it once (linear). */
	SW(fdt_create(swbuf, sizeof(swbuf)));
	for (i = 0; i < 30000; i++)
		SW(fdt_add_reservemap_entry(swbuf, (uint64_t)i << 20, 4096));
	SW(fdt_finish_reservemap(swbuf));
	SW(fdt_begin_node(swbuf, ""));
	SW(fdt_end_node(swbuf));
	n = sw_done();
	CHECK(fdt_reader_open(&r, swbuf, n, NULL) == 0);
	CHECK(fdt_reader_rsv(&r, 29999, &a, &s) == 1);
	CHECK_EQ_U64(a, 29999ull << 20);
	CHECK(fdt_reader_rsv(&r, 30000, &a, &s) == 0);

	/* Version 16: no size_dt_struct; poison the v17 field to prove it is
	 * not read, and the reader must find the size by walking. */
	n = sw_rsv();
	set32(swbuf, H_VERSION, 16);
	set32(swbuf, H_LAST_COMP, 16);
	set32(swbuf, H_SIZE_STRUCT, 0xdeadbeef);
	check_same_as_libfdt("v16", swbuf, n, &st);
	CHECK(fdt_reader_open(&r, swbuf, n, NULL) == 0);
	CHECK_EQ_U64(r.size_struct, r.off_strings - r.off_struct);

	/* A future version that stays compatible with 17. */
	n = sw_mixed();
	set32(swbuf, H_VERSION, 20);
	set32(swbuf, H_LAST_COMP, 17);
	check_same_as_libfdt("v20-compat-17", swbuf, n, &st);

	/* Free space at the end (totalsize > used), then NOPs left by
	 * libfdt's nop_property / nop_node. */
	n = sw_mixed();
	SW(fdt_open_into(swbuf, b2, 65536));
	check_same_as_libfdt("open-into-64k", b2, 65536, &st);
	off = fdt_path_offset(b2, "/cpus/PowerPC,POWER10@0");
	CHECK(off > 0);
	SW(fdt_nop_property(b2, off, "empty"));
	SW(fdt_nop_property(b2, 0, "len-3"));
	SW(fdt_nop_node(b2, fdt_path_offset(b2, "/empty-node")));
	SW(fdt_nop_node(b2, fdt_path_offset(b2, "/x")));
	check_same_as_libfdt("nops", b2, 65536, &st);
	CHECK_EQ_U64(st.nodes, 4);
	CHECK_EQ_U64(st.props, 14);
	/* ... and the same packed. */
	SW(fdt_pack(b2));
	check_same_as_libfdt("nops-packed", b2, fdt_totalsize(b2), &st);
	/* The v16 walk must also stop at FDT_END with free space after. */
	SW(fdt_open_into(b2, swbuf, 4096));
	set32(swbuf, H_VERSION, 16);
	set32(swbuf, H_LAST_COMP, 16);
	check_same_as_libfdt("v16-free-space", swbuf, 4096, &st);
}

/* Trees only the raw builder writes: NOPs everywhere, strings first. */
static void test_raw_valid(void)
{
	static struct raw w;
	static uint8_t b[65536] __attribute__((aligned(8)));
	static const uint8_t v[3] = { 1, 2, 3 };
	struct fdt_compare_stats st;
	struct fdt_reader r;
	struct fdt_cursor c;
	struct fdt_event ev;
	uint64_t a, s;
	size_t n;
	uint32_t name_b;

	memset(&w, 0, sizeof(w));
	raw_u32(&w, T_NOP);
	raw_u32(&w, T_NOP);
	raw_begin(&w, "");
	raw_u32(&w, T_NOP);
	raw_prop(&w, "abc", v, 3);
	raw_u32(&w, T_NOP);
	raw_begin(&w, "k");
	/* Property name at an offset inside another string ("bc"). */
	name_b = 1;
	raw_prop_off(&w, name_b, v, 1);
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_NOP);
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	w.strings_first = 1;
	w.pad_after = 100;
	w.nrsv = 1;
	w.rsv[0][0] = 0x1000;
	w.rsv[0][1] = 0x10;
	n = raw_blob(&w, b, sizeof(b));
	check_same_as_libfdt("raw-nops-strings-first", b, n, &st);
	CHECK_EQ_U64(st.nodes, 2);
	CHECK_EQ_U64(st.props, 2);

	/* Event stream details, including the sticky FDT_END. */
	CHECK(fdt_reader_open(&r, b, n, NULL) == 0);
	fdt_cursor_init(&c, &r);
	CHECK(fdt_cursor_next(&c, &ev) == 0 && ev.kind == FDT_EV_BEGIN_NODE);
	CHECK_STR(ev.name, "");
	CHECK_EQ_U64(ev.depth, 1);
	CHECK(fdt_cursor_next(&c, &ev) == 0 && ev.kind == FDT_EV_PROP);
	CHECK_STR(ev.name, "abc");
	CHECK_EQ_U64(ev.len, 3);
	CHECK(ev.value && memcmp(ev.value, v, 3) == 0);
	CHECK(fdt_cursor_next(&c, &ev) == 0 && ev.kind == FDT_EV_BEGIN_NODE);
	CHECK_STR(ev.name, "k");
	CHECK_EQ_U64(ev.depth, 2);
	CHECK(fdt_cursor_next(&c, &ev) == 0 && ev.kind == FDT_EV_PROP);
	CHECK_STR(ev.name, "bc");
	CHECK_EQ_U64(ev.depth, 2);
	CHECK(fdt_cursor_next(&c, &ev) == 0 && ev.kind == FDT_EV_END_NODE);
	CHECK_EQ_U64(ev.depth, 2);
	CHECK(fdt_cursor_next(&c, &ev) == 0 && ev.kind == FDT_EV_END_NODE);
	CHECK_EQ_U64(ev.depth, 1);
	CHECK(fdt_cursor_next(&c, &ev) == 0 && ev.kind == FDT_EV_END);
	CHECK(fdt_cursor_next(&c, &ev) == 0 && ev.kind == FDT_EV_END);
	CHECK_EQ_U64(ev.depth, 0);

	/* A cursor moved off alignment by hand is refused, not followed. */
	fdt_cursor_init(&c, &r);
	c.off += 2;
	CHECK(fdt_cursor_next(&c, &ev) == STATUS_EMALFORMED);

	/* Version 16 with the struct block last and free space after. */
	set32(b, H_VERSION, 16);
	set32(b, H_LAST_COMP, 16);
	set32(b, H_SIZE_STRUCT, 0);
	check_same_as_libfdt("raw-v16-struct-last", b, n, &st);

	/* Exactly max_size == totalsize and max_size above it. */
	raw_small(&w);
	n = raw_blob(&w, b, sizeof(b));
	expect_accept("raw-small", b, n);
	CHECK(fdt_reader_open(&r, b, sizeof(b), NULL) == 0);
	check_same_as_libfdt("raw-small", b, n, &st);

	/* A size-0 reservation ends the map (as in libfdt), even with a
	 * non-zero address and entries after it. */
	raw_small(&w);
	w.nrsv = 3;
	w.rsv[0][0] = 0x4000;
	w.rsv[0][1] = 0x100;
	w.rsv[1][0] = 0x5000;
	w.rsv[1][1] = 0;
	w.rsv[2][0] = 0x6000;
	w.rsv[2][1] = 0x10;
	n = raw_blob(&w, b, sizeof(b));
	check_same_as_libfdt("rsv-size-0-ends", b, n, &st);
	CHECK_EQ_U64(st.rsv, 1);
	CHECK(fdt_reader_open(&r, b, n, NULL) == 0);
	CHECK(fdt_reader_rsv(&r, 0, &a, &s) == 1);
	CHECK_EQ_U64(a, 0x4000);
	CHECK_EQ_U64(s, 0x100);
	CHECK(fdt_reader_rsv(&r, 1, &a, &s) == 0);
	CHECK(fdt_reader_rsv(&r, 2, &a, &s) == 0);
}

/* ---- malformed trees --------------------------------------------------- */

static void test_malformed(void)
{
	static struct raw w;
	static uint8_t b[65536] __attribute__((aligned(8)));
	static const uint8_t one[4] = { 0, 0, 0, 1 };
	struct fdt_reader r;
	uint64_t a, s;
	size_t n, i;
	const char *why = "unset";
	uint32_t st;

	CHECK(fdt_reader_open(&r, NULL, 100, &why) == STATUS_EINVAL);
	CHECK_STR(why, "no blob");
	CHECK(fdt_reader_open(NULL, b, sizeof(b), &why) == STATUS_EINVAL);
	CHECK_STR(why, "no reader");

	raw_small(&w);
	n = raw_blob(&w, b, sizeof(b));
	st = get32(b, H_OFF_STRUCT);
	expect_accept("base", b, n);

	/* Truncation: every shorter buffer is rejected, without overreads. */
	for (i = 0; i < n; i++) {
		void *copy = dup_exact(b, i);

		CHECK(fdt_reader_open(&r, copy, i, NULL) == STATUS_EMALFORMED);
		free(copy);
	}
	expect_reject_max("truncated-header", b, 39,
			  "buffer smaller than the FDT header");
	expect_reject_max("truncated", b, n - 1,
			  "totalsize larger than the buffer");

	raw_small(&w);
	n = raw_blob(&w, b, sizeof(b));
	b[0] ^= 1;
	expect_reject("bad-magic", b, n, "bad magic");

	n = raw_blob(&w, b, sizeof(b));
	set32(b, H_TOTALSIZE, (uint32_t)n + 1);
	expect_reject("totalsize>max", b, n, "totalsize larger than the buffer");
	set32(b, H_TOTALSIZE, 32);
	expect_reject("totalsize<header", b, n,
		      "totalsize smaller than the header");

	n = raw_blob(&w, b, sizeof(b));
	set32(b, H_VERSION, 15);
	set32(b, H_LAST_COMP, 15);
	expect_reject("version-15", b, n, "version older than 16");
	set32(b, H_VERSION, 18);
	set32(b, H_LAST_COMP, 18);
	expect_reject("last-comp-18", b, n,
		      "last compatible version newer than 17");
	set32(b, H_VERSION, 16);
	set32(b, H_LAST_COMP, 17);
	expect_reject("last-comp>version", b, n,
		      "last compatible version above version");

	/* Reservation map. */
	n = raw_blob(&w, b, sizeof(b));
	set32(b, H_OFF_RSVMAP, 32);
	expect_reject("rsv-in-header", b, n,
		      "memory reservation map overlaps the header");
	set32(b, H_OFF_RSVMAP, (uint32_t)n);
	expect_reject("rsv-outside", b, n,
		      "memory reservation map outside the blob");
	set32(b, H_OFF_RSVMAP, 44);
	expect_reject("rsv-misaligned", b, n,
		      "memory reservation map not 8-byte aligned");
	/* The map's last entry is not (0,0) and the blob ends after it. */
	n = raw_blob(&w, b, sizeof(b));
	set32(b, H_OFF_RSVMAP, ((uint32_t)n - 16) & ~7u);
	memset(b + (((uint32_t)n - 16) & ~7u), 0xee, 16);
	expect_reject("rsv-unterminated", b, n,
		      "memory reservation map not terminated inside the blob");
	/* fdt_reader_rsv() on a map that runs out (reader filled by hand). */
	memset(&r, 0, sizeof(r));
	r.blob = b;
	r.totalsize = 64;
	r.off_rsvmap = 56;
	memset(b + 56, 0xee, 8);
	CHECK(fdt_reader_rsv(&r, 0, &a, &s) == STATUS_EMALFORMED);
	CHECK(fdt_reader_rsv(&r, 3, &a, &s) == STATUS_EMALFORMED);

	/* Struct block placement. */
	raw_small(&w);
	n = raw_blob(&w, b, sizeof(b));
	set32(b, H_OFF_STRUCT, 36);
	expect_reject("struct-in-header", b, n,
		      "structure block overlaps the header");
	set32(b, H_OFF_STRUCT, (uint32_t)n - 4);
	expect_reject("struct-outside", b, n, "structure block outside the blob");
	set32(b, H_OFF_STRUCT, 0x7ffffffc);
	expect_reject("struct-far-outside", b, n,
		      "structure block outside the blob");
	set32(b, H_OFF_STRUCT, st);
	set32(b, H_SIZE_STRUCT, 0xfffffffc);
	expect_reject("struct-size-huge", b, n,
		      "structure block outside the blob");
	set32(b, H_VERSION, 16);
	set32(b, H_OFF_STRUCT, (uint32_t)n);
	expect_reject("v16-struct-at-end", b, n,
		      "structure block outside the blob");
	n = raw_blob(&w, b, sizeof(b));
	set32(b, H_OFF_STRUCT, st + 2);
	set32(b, H_SIZE_STRUCT, w.st_len - 4);
	expect_reject("misaligned-token", b, n,
		      "structure block not 4-byte aligned");

	/* Strings block placement. */
	n = raw_blob(&w, b, sizeof(b));
	set32(b, H_OFF_STRINGS, 8);
	expect_reject("strings-in-header", b, n,
		      "strings block overlaps the header");
	n = raw_blob(&w, b, sizeof(b));
	set32(b, H_SIZE_STRINGS, get32(b, H_SIZE_STRINGS) + 1);
	expect_reject("strings-outside", b, n, "strings block outside the blob");

	/* Structure contents. */
	memset(&w, 0, sizeof(w));
	raw_begin(&w, "");
	raw_u32(&w, T_BEGIN);
	memcpy(w.st + w.st_len, "abcdefgh", 8); /* name without NUL */
	w.st_len += 8;
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("unterminated-name", b, n,
		      "node name not terminated inside structure block");

	raw_small(&w);
	w.st_len = 0;
	raw_begin(&w, "");
	raw_begin(&w, "pci@8/vdevice");
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("slash-in-name", b, n, "node name contains '/'");

	raw_small(&w);
	w.st_len = 0;
	raw_begin(&w, "root");
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("named-root", b, n, "root node name not empty");

	raw_small(&w);
	w.st_len = 0;
	raw_begin(&w, "");
	raw_prop_off(&w, w.strs_len, one, 4);
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("nameoff-out-of-range", b, n,
		      "property name offset outside strings block");

	memset(&w, 0, sizeof(w));
	memcpy(w.strs, "abc", 3); /* no NUL in the strings block */
	w.strs_len = 3;
	raw_begin(&w, "");
	raw_prop_off(&w, 1, one, 4);
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("unterminated-prop-name", b, n,
		      "property name not terminated inside strings block");

	raw_small(&w);
	w.st_len = 0;
	raw_begin(&w, "");
	raw_u32(&w, T_PROP);
	raw_u32(&w, 0x100);
	raw_u32(&w, 0);
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("prop-len-past-block", b, n,
		      "property value past end of structure block");
	raw_small(&w);
	w.st_len = 0;
	raw_begin(&w, "");
	raw_u32(&w, T_PROP);
	raw_u32(&w, 0xfffffff0);
	raw_u32(&w, 0);
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("prop-len-wraps", b, n,
		      "property value past end of structure block");
	raw_small(&w);
	w.st_len = 0;
	raw_begin(&w, "");
	raw_u32(&w, T_PROP);
	raw_u32(&w, 0);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("prop-header-cut", b, n,
		      "property header past end of structure block");

	raw_small(&w);
	w.st_len -= 8; /* drop one END_NODE and the END */
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("unbalanced-open", b, n, "FDT_END inside an open node");

	raw_small(&w);
	w.st_len -= 4;
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("unbalanced-close", b, n,
		      "FDT_END_NODE without matching FDT_BEGIN_NODE");

	raw_small(&w);
	w.st_len -= 4;
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("missing-end", b, n, "structure block ends before FDT_END");
	raw_small(&w);
	w.st_len -= 4;
	raw_u32(&w, T_NOP);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("nop-instead-of-end", b, n,
		      "structure block ends before FDT_END");

	raw_small(&w);
	w.st_len -= 4;
	raw_begin(&w, "");
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("two-roots", b, n, "more than one root node");
	raw_small(&w);
	w.st_len -= 4;
	raw_u32(&w, T_NOP);
	raw_begin(&w, "second");
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("two-roots-nop", b, n, "more than one root node");

	memset(&w, 0, sizeof(w));
	raw_u32(&w, T_NOP);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("no-root", b, n, "no root node");

	raw_small(&w);
	w.st_len -= 4;
	raw_u32(&w, T_NOP);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("nop-after-root", b, n,
		      "FDT_NOP between the root node and FDT_END");
	raw_small(&w);
	w.st_len -= 4;
	raw_prop(&w, "x", one, 4);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("prop-after-root", b, n, "property outside any node");

	raw_small(&w);
	w.st_len = 0;
	raw_prop(&w, "x", one, 4);
	raw_begin(&w, "");
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("prop-before-root", b, n, "property outside any node");

	raw_small(&w);
	w.st_len -= 8;
	raw_prop(&w, "late", one, 4);
	raw_u32(&w, T_END_NODE);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("prop-after-child", b, n, "property after a child node");

	raw_small(&w);
	w.st_len -= 4;
	raw_u32(&w, 5);
	raw_u32(&w, T_END);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("unknown-token", b, n, "unknown token in structure block");

	raw_small(&w);
	raw_u32(&w, T_NOP);
	n = raw_blob(&w, b, sizeof(b));
	expect_reject("data-after-end", b, n,
		      "data after FDT_END in structure block");
	raw_small(&w);
	n = raw_blob(&w, b, sizeof(b));
	set32(b, H_SIZE_STRUCT, w.st_len + 2);
	expect_reject("struct-size-odd", b, n,
		      "data after FDT_END in structure block");
	set32(b, H_SIZE_STRUCT, w.st_len - 2);
	expect_reject("struct-size-short", b, n,
		      "structure block ends before FDT_END");
	set32(b, H_SIZE_STRUCT, 0);
	expect_reject("struct-size-0", b, n,
		      "structure block ends before FDT_END");
}

/* ---- fixture files ------------------------------------------------------ */

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* Flips bytes of a valid tree; whatever we accept, libfdt must read the
 * same way. `stride` thins the sweep for big trees. */
static void mutation_sweep(const char *name, const uint8_t *blob, size_t size,
			   size_t stride)
{
	static const uint8_t flips[] = { 0x01, 0x04, 0x80, 0xff };
	uint8_t *m = dup_exact(blob, size);
	unsigned accepted = 0, diffs = 0;
	struct fdt_reader r;
	const char *why;
	char msg[512];
	size_t i, k;

	for (i = 0; i < size; i += stride) {
		for (k = 0; k < sizeof(flips); k++) {
			m[i] ^= flips[k];
			why = NULL;
			if (fdt_reader_open(&r, m, size, &why) == 0) {
				accepted++;
				if (fdt_libfdt_compare(m, size, NULL, msg,
						       sizeof(msg)) != 0) {
					if (diffs++ < 5)
						fprintf(stderr, "%s: byte %zu ^ 0x%02x: %s\n",
							name, i, flips[k], msg);
				}
			} else {
				CHECK(why != NULL);
			}
			m[i] ^= flips[k];
		}
	}
	CHECK_EQ_U64(diffs, 0);
	CHECK(accepted > 0);
	free(m);
}

/* Every *.dtb in dir: same walk as libfdt. Returns the number of files. */
static unsigned test_dir(const char *dir, int sweep)
{
	struct fdt_compare_stats st;
	struct dirent *d;
	unsigned files = 0, nodes = 0, props = 0;
	char path[1024];
	DIR *dp = opendir(dir);

	if (!dp)
		return 0;
	while ((d = readdir(dp)) != NULL) {
		size_t len = strlen(d->d_name), size = 0;
		void *blob;

		if (len < 5 || strcmp(d->d_name + len - 4, ".dtb") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		blob = read_file(path, &size);
		CHECK(blob != NULL);
		if (!blob)
			continue;
		memset(&st, 0, sizeof(st));
		check_same_as_libfdt(path, blob, size, &st);
		CHECK(st.nodes > 0);
		nodes += st.nodes;
		props += st.props;
		if (sweep)
			mutation_sweep(path, blob, size,
				       size > 4096 ? 61 : 1);
		free(blob);
		files++;
	}
	closedir(dp);
	printf("%s: %u trees, %u nodes, %u properties\n", dir, files, nodes,
	       props);
	return files;
}

int main(int argc, char **argv)
{
	const char *qemu_dir = argc > 1 ? argv[1] : FDT_QEMU_DTB_DIR;
	unsigned qemu, committed;

	test_generated();
	test_raw_valid();
	test_malformed();
	printf("malformed: %u cases rejected; libfdt's fdt_check_full "
	       "rejects %u of the %u it can be asked about\n",
	       malformed_cases, malformed_libfdt_rejects,
	       malformed_libfdt_asked);

	qemu = test_dir(qemu_dir, 0);
	committed = test_dir(FDT_COMMITTED_DTB_DIR, 1);
	/* The make rule dumps QEMU's trees before running this test. */
	CHECK(qemu >= 8);
	CHECK(committed >= 3);
	printf("cross-checked %u trees against libfdt\n", trees_compared);
	return unit_done("test-fdt-reader");
}
