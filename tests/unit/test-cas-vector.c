/* SPDX-License-Identifier: MIT */
/* Unit tests of lib/cas: parsing the Linux fixtures and hand-made vectors,
 * and the clamping rule's decision table, checked against output bytes the
 * test builds on its own from hand-annotated entry tables. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "cas/cas-vector.h"
#include "unit.h"

#define FIXTURE_DIR "tests/fixtures/cas/"
#define BUF_SIZE 8192

#define P9  COMPAT_CAP_POWER9
#define P10 COMPAT_CAP_POWER10
#define P11 COMPAT_CAP_POWER11

/* Hand annotations of each entry: what the rule may remove it for. */
enum tag {
	T_LEGACY = 0,
	T_R9 = 1 << 0,
	T_R10 = 1 << 1,
	T_R11 = 1 << 2,
	T_L9 = 1 << 3,
	T_L10 = 1 << 4,
	T_L11 = 1 << 5,
	T_TERM = 1 << 6,
	T_LOGLEG = 1 << 7,   /* legacy logical: never removed */
};
#define T_RAW (T_R9 | T_R10 | T_R11)
#define T_ALL6 (T_RAW | T_L9 | T_L10 | T_L11)

struct pair {
	uint32_t mask, value;
	unsigned tag;
};

static const struct pair linux61_pvrs[] = {
	{ 0xfffe0000, 0x003a0000, T_LEGACY },
	{ 0xffff0000, 0x003e0000, T_LEGACY },
	{ 0xffff0000, 0x003f0000, T_LEGACY },
	{ 0xffff0000, 0x004b0000, T_LEGACY },
	{ 0xffff0000, 0x004c0000, T_LEGACY },
	{ 0xffff0000, 0x004d0000, T_LEGACY },
	{ 0xffff0000, 0x004e0000, T_R9 },
	{ 0xffff0000, 0x00800000, T_R10 },
	{ 0xffffffff, 0x0f000006, T_L10 },
	{ 0xffffffff, 0x0f000005, T_L9 },
	{ 0xffffffff, 0x0f000004, T_LOGLEG },
	{ 0xffffffff, 0x0f000003, T_LOGLEG },
	{ 0xffffffff, 0x0f000002, T_LOGLEG },
	{ 0xfffffffe, 0x0f000001, T_TERM },
};

static const struct pair linux_current_pvrs[] = {
	{ 0xfffe0000, 0x003a0000, T_LEGACY },
	{ 0xffff0000, 0x003e0000, T_LEGACY },
	{ 0xffff0000, 0x003f0000, T_LEGACY },
	{ 0xffff0000, 0x004b0000, T_LEGACY },
	{ 0xffff0000, 0x004c0000, T_LEGACY },
	{ 0xffff0000, 0x004d0000, T_LEGACY },
	{ 0xffff0000, 0x004e0000, T_R9 },
	{ 0xffff0000, 0x00800000, T_R10 },
	{ 0xffff0000, 0x00820000, T_R11 },
	{ 0xffffffff, 0x0f000007, T_L11 },
	{ 0xffffffff, 0x0f000006, T_L10 },
	{ 0xffffffff, 0x0f000005, T_L9 },
	{ 0xffffffff, 0x0f000004, T_LOGLEG },
	{ 0xffffffff, 0x0f000003, T_LOGLEG },
	{ 0xffffffff, 0x0f000002, T_LOGLEG },
	{ 0xfffffffe, 0x0f000001, T_TERM },
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static struct cas_vector vec;
static struct cas_rebuild_result res;
static uint8_t out[BUF_SIZE], expect[BUF_SIZE], work[BUF_SIZE];

static size_t load_fixture(const char *name, uint8_t *buf, size_t cap)
{
	char path[256];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), FIXTURE_DIR "%s", name);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cannot open %s (run from the top of the tree)\n", path);
		exit(1);
	}
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

static size_t put_pair(uint8_t *p, uint32_t mask, uint32_t value)
{
	be32_write(p, mask);
	be32_write(p + 4, value);
	return 8;
}

/* Builds pairs then tail into buf; returns the length. */
static size_t mkvec(uint8_t *buf, const uint32_t (*pairs)[2], size_t n,
		    const uint8_t *tail, size_t tail_len)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++)
		o += put_pair(buf + o, pairs[i][0], pairs[i][1]);
	if (tail_len)
		memcpy(buf + o, tail, tail_len);
	return o + tail_len;
}

/* Two declared vectors (OV1: 1 byte, OV2: 2 bytes) and 3 undeclared bytes. */
static const uint8_t mini_ov[] = { 0x01, 0x00, 0x80, 0x01, 0x12, 0x34,
				   0xde, 0xad, 0x00 };
#define MINI_DECLARED 6

static enum cas_entry_kind kind_of_tag(unsigned tag)
{
	if (tag & T_TERM)
		return CAS_ENTRY_TERMINATOR;
	if (tag & (T_L9 | T_L10 | T_L11 | T_LOGLEG))
		return CAS_ENTRY_LOGICAL;
	return CAS_ENTRY_RAW;
}

static enum compat_level level_of_tag(unsigned tag)
{
	if (tag & (T_R9 | T_L9))
		return COMPAT_LEVEL_POWER9;
	if (tag & (T_R10 | T_L10))
		return COMPAT_LEVEL_POWER10;
	if (tag & (T_R11 | T_L11))
		return COMPAT_LEVEL_POWER11;
	return COMPAT_LEVEL_LEGACY;
}

static void test_fixture_parse(const char *name, const struct pair *pv,
			       size_t n, const char *describe)
{
	static uint8_t in[BUF_SIZE];
	const char *why = NULL;
	char desc[160];
	size_t len = load_fixture(name, in, sizeof(in)), i;

	CHECK_EQ_U64(len, 445 + 8 * (n - 14));
	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_EQ_U64(vec.n_entries, n);
	for (i = 0; i < n && i < vec.n_entries; i++) {
		const struct cas_pvr_entry *e = &vec.entries[i];
		unsigned tag = pv[i].tag;

		CHECK_EQ_U64(e->mask, pv[i].mask);
		CHECK_EQ_U64(e->value, pv[i].value);
		CHECK_EQ_U64(e->kind, kind_of_tag(tag));
		CHECK_EQ_U64(e->level, level_of_tag(tag));
	}
	CHECK_EQ_U64(vec.ov_offset, 8 * n);
	CHECK_EQ_U64(in[vec.ov_offset], 0x05);
	CHECK_EQ_U64(vec.n_vectors, 6);
	/* count byte + OV1..OV6 with their length bytes = 76 bytes. */
	CHECK_EQ_U64(vec.declared_end, 8 * n + 76);
	CHECK_EQ_U64(in[vec.declared_end], 0xff);        /* OV7's length byte */
	CHECK_EQ_U64(len - vec.declared_end, 257);       /* undeclared OV7 */
	CHECK(memcmp(in + vec.declared_end + 1, "Linux version ", 14) == 0);
	CHECK_STR(cas_vector_describe(&vec, desc, sizeof(desc)), describe);
}

/* Where rule 4a's bytes lie in both Linux fixtures, counted from the
 * num_vectors byte (PSERIES-REFERENCE.md 5.1 and 8.2: that byte at 0x70,
 * OV1 byte 3 at 0x74, OV5 bytes 23, 24, 26 at 0xb4, 0xb5, 0xb7), with the
 * OS's values there (OV1 c0; OV5 40 40 40 at runtime) and the bits 4a
 * clears. */
static const struct {
	size_t at;
	uint8_t os_value, clear;
} fx_4a[4] = {
	{ 0x45, 0x40, 0xc0 },   /* OV5 byte 24: radix */
	{ 0x44, 0x40, 0xc0 },   /* OV5 byte 23: XIVE exploitation */
	{ 0x47, 0x40, 0x40 },   /* OV5 byte 26: radix GTSE */
	{ 0x04, 0xc0, 0xc0 },   /* OV1 byte 3: ISA 3.00, 3.1 */
};

/* Does rule 4a apply: caps in force and no POWER9-or-newer entry kept? */
static bool expect_4a(const struct pair *pv, size_t n, bool applied,
		      unsigned removed_tags)
{
	size_t i;

	if (!applied)
		return false;
	for (i = 0; i < n; i++)
		if ((pv[i].tag & T_ALL6) && !(pv[i].tag & removed_tags))
			return false;
	return true;
}

/* Expected output: the fixture's pairs without those whose tag is in
 * removed_tags, then every byte after the PVR list, with 4a's bits cleared
 * if hash_xics. */
static size_t build_expected(uint8_t *dst, const uint8_t *in, size_t len,
			     const struct pair *pv, size_t n,
			     unsigned removed_tags, bool hash_xics,
			     unsigned *removed)
{
	size_t i, o = 0;

	*removed = 0;
	for (i = 0; i < n; i++) {
		if (pv[i].tag & removed_tags) {
			(*removed)++;
			continue;
		}
		o += put_pair(dst + o, pv[i].mask, pv[i].value);
	}
	memcpy(dst + o, in + 8 * n, len - 8 * n);
	for (i = 0; hash_xics && i < 4; i++)
		dst[o + fx_4a[i].at] &= (uint8_t)~fx_4a[i].clear;
	return o + len - 8 * n;
}

/* The six caps columns of the decision table; column 0 is "no caps". */
static const uint64_t caps_cols[6] = { 0, P9, P10, P9 | P10, P9 | P10 | P11, P11 };

/* G rows: P9, P10, P11, legacy (POWER8), from real mfpvr values, and a
 * made-up family 0x0083 above Power11. */
#define N_G 5
static const uint32_t g_pvrs[N_G] = {
	0x004e1200, 0x00800200, 0x00821200, 0x004d0200, 0x00831200,
};
static const enum compat_level g_levels[N_G] = {
	COMPAT_LEVEL_POWER9, COMPAT_LEVEL_POWER10, COMPAT_LEVEL_POWER11,
	COMPAT_LEVEL_LEGACY, COMPAT_LEVEL_NEWER,
};

/* Worked out by hand from DESIGN.md rules 1-3, 4a and 6. */
static const unsigned removed_table[N_G][6] = {
	/* G = POWER9 */
	{ 0, T_L10 | T_L11, T_ALL6, T_L10 | T_L11, T_L10 | T_L11, T_ALL6 },
	/* G = POWER10 */
	{ 0, T_RAW | T_L10 | T_L11, T_L9 | T_L11, T_L11, T_L11, T_ALL6 },
	/* G = Power11 */
	{ 0, T_RAW | T_L10 | T_L11, T_RAW | T_L9 | T_L11, T_RAW | T_L11, 0,
	  T_L9 | T_L10 },
	/* G = POWER8: the caps do not apply */
	{ 0, 0, 0, 0, 0, 0 },
	/* G above Power11: logical entries by the caps alone, raw never */
	{ 0, T_RAW | T_L10 | T_L11, T_RAW | T_L9 | T_L11, T_RAW | T_L11, T_RAW,
	  T_RAW | T_L9 | T_L10 },
};

static void check_rebuild_case(const char *fx, const uint8_t *in, size_t len,
			       const struct pair *pv, size_t n,
			       enum compat_level g, bool have_caps,
			       uint64_t caps, unsigned removed_tags)
{
	const char *why = NULL;
	bool applied = have_caps && g != COMPAT_LEVEL_LEGACY;
	bool hx = expect_4a(pv, n, applied, removed_tags);
	unsigned removed, i, j;
	size_t exp_len;
	int st;

	exp_len = build_expected(expect, in, len, pv, n, removed_tags, hx, &removed);
	memset(out, 0xee, sizeof(out));
	st = cas_vector_rebuild(in, len, g, have_caps, caps, out, sizeof(out),
				&res, &why);
	if (st != CAS_REBUILD_OK || memcmp(out, expect, exp_len) != 0)
		fprintf(stderr, "  case %s G=%d caps=%#llx have=%d: st=%d\n",
			fx, g, (unsigned long long)caps, have_caps, st);
	CHECK_EQ_U64(st, CAS_REBUILD_OK);
	CHECK_EQ_U64(res.applied, applied);
	CHECK_EQ_U64(res.removed, removed);
	CHECK_EQ_U64(res.kept, n - 1 - removed);
	CHECK_EQ_U64(res.out_len, exp_len);
	CHECK_EQ_U64(res.out_len, len - 8 * removed);
	CHECK(memcmp(out, expect, exp_len) == 0);
	CHECK_EQ_U64(out[exp_len], 0xee);            /* nothing written past */
	/* The removed entries, in order. */
	for (i = 0, j = 0; i < n && j < res.removed; i++) {
		if (!(pv[i].tag & removed_tags))
			continue;
		CHECK_EQ_U64(res.removed_entries[j].mask, pv[i].mask);
		CHECK_EQ_U64(res.removed_entries[j].value, pv[i].value);
		j++;
	}
	/* The rebuilt vector re-parses; its tail is byte-identical except
	 * for rule 4a's bits. */
	CHECK_EQ_U64(cas_vector_parse(out, res.out_len, &vec, &why), 0);
	CHECK_EQ_U64(vec.n_entries, n - removed);
	CHECK_EQ_U64(vec.ov_offset, 8 * (n - removed));
	CHECK(memcmp(out + vec.ov_offset, expect + 8 * (n - removed), len - 8 * n) == 0);
	CHECK_EQ_U64(vec.entries[vec.n_entries - 1].kind, CAS_ENTRY_TERMINATOR);
	/* The OV1/OV5 bytes the hypervisor acts on, one by one. */
	CHECK_EQ_U64(res.hash_xics, hx);
	CHECK_EQ_U64(res.n_changes, hx ? 4 : 0);
	for (i = 0; i < 4; i++) {
		uint8_t want = hx ? (uint8_t)(fx_4a[i].os_value & ~fx_4a[i].clear)
				  : fx_4a[i].os_value;

		CHECK_EQ_U64(in[8 * n + fx_4a[i].at], fx_4a[i].os_value);
		CHECK_EQ_U64(out[vec.ov_offset + fx_4a[i].at], want);
	}
	CHECK_EQ_U64(vec.ov5.len, 26);
	CHECK_EQ_U64(vec.ov1.len, 3);
	CHECK_EQ_U64(out[vec.ov5.data + 23], hx ? 0x00 : 0x40);   /* byte 24 */
	CHECK_EQ_U64(out[vec.ov1.data + 2], hx ? 0x00 : 0xc0);    /* byte 3 */
	CHECK_EQ_U64(out[vec.ov1.data + 1], 0xff);                /* byte 2 kept */
	CHECK_EQ_U64(out[vec.ov5.data + 1], 0xf3);                /* byte 2 kept */
	if (hx) {
		CHECK_EQ_U64(res.changes[0].vector, 5);
		CHECK_EQ_U64(res.changes[0].byte, 24);
		CHECK_EQ_U64(res.changes[0].before, 0x40);
		CHECK_EQ_U64(res.changes[0].cleared, 0x40);
		CHECK_EQ_U64(res.changes[3].vector, 1);
		CHECK_EQ_U64(res.changes[3].byte, 3);
		CHECK_EQ_U64(res.changes[3].cleared, 0xc0);
	}
}

static void test_decision_table(const char *fx, const struct pair *pv, size_t n)
{
	static uint8_t in[BUF_SIZE];
	size_t len = load_fixture(fx, in, sizeof(in));
	int gi, ci;

	for (gi = 0; gi < N_G; gi++) {
		CHECK_EQ_U64(compat_level_of_raw_pvr(g_pvrs[gi]), g_levels[gi]);
		for (ci = 0; ci < 6; ci++) {
			check_rebuild_case(fx, in, len, pv, n, g_levels[gi],
					   ci != 0, caps_cols[ci],
					   removed_table[gi][ci]);
		}
	}
	/* Valid-looking caps without a known bit, and unknown bits ignored. */
	check_rebuild_case(fx, in, len, pv, n, COMPAT_LEVEL_POWER10, true, 0,
			   T_ALL6);
	check_rebuild_case(fx, in, len, pv, n, COMPAT_LEVEL_POWER10, true,
			   P9 | 0x8000000000000001ull, removed_table[1][1]);
}

/* Two combinations spelled out byte for byte. */
static void test_literal_outputs(void)
{
	static const uint8_t p10_caps_p9_61[] = {
		0xff, 0xfe, 0x00, 0x00, 0x00, 0x3a, 0x00, 0x00,
		0xff, 0xff, 0x00, 0x00, 0x00, 0x3e, 0x00, 0x00,
		0xff, 0xff, 0x00, 0x00, 0x00, 0x3f, 0x00, 0x00,
		0xff, 0xff, 0x00, 0x00, 0x00, 0x4b, 0x00, 0x00,
		0xff, 0xff, 0x00, 0x00, 0x00, 0x4c, 0x00, 0x00,
		0xff, 0xff, 0x00, 0x00, 0x00, 0x4d, 0x00, 0x00,
		0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x05,
		0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x04,
		0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x03,
		0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x02,
		0xff, 0xff, 0xff, 0xfe, 0x0f, 0x00, 0x00, 0x01,
		/* the option vectors as in PSERIES-REFERENCE.md 8.2 */
		0x05, 0x02, 0x00, 0xff, 0xc0, 0x20, 0x20, 0x00,
	};
	static const uint8_t p9_caps_p10_cur[] = {
		0xff, 0xfe, 0x00, 0x00, 0x00, 0x3a, 0x00, 0x00,
		0xff, 0xff, 0x00, 0x00, 0x00, 0x3e, 0x00, 0x00,
		0xff, 0xff, 0x00, 0x00, 0x00, 0x3f, 0x00, 0x00,
		0xff, 0xff, 0x00, 0x00, 0x00, 0x4b, 0x00, 0x00,
		0xff, 0xff, 0x00, 0x00, 0x00, 0x4c, 0x00, 0x00,
		0xff, 0xff, 0x00, 0x00, 0x00, 0x4d, 0x00, 0x00,
		0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x04,
		0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x03,
		0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x02,
		0xff, 0xff, 0xff, 0xfe, 0x0f, 0x00, 0x00, 0x01,
		0x05, 0x02, 0x00, 0xff, 0xc0, 0x20, 0x20, 0x00,
	};
	static uint8_t in[BUF_SIZE];
	const char *why = NULL;
	size_t len;
	char desc[160];

	len = load_fixture("linux-6.1.bin", in, sizeof(in));
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.out_len, 445 - 3 * 8);
	CHECK(memcmp(out, p10_caps_p9_61, sizeof(p10_caps_p9_61)) == 0);
	CHECK(memcmp(out + 0x58, in + 0x70, 445 - 0x70) == 0);
	CHECK_EQ_U64(res.removed, 3);
	CHECK_EQ_U64(res.removed_entries[0].value, 0x004e0000);
	CHECK_EQ_U64(res.removed_entries[0].kind, CAS_ENTRY_RAW);
	CHECK_EQ_U64(res.removed_entries[0].level, COMPAT_LEVEL_POWER9);
	CHECK_EQ_U64(res.removed_entries[1].value, 0x00800000);
	CHECK_EQ_U64(res.removed_entries[1].level, COMPAT_LEVEL_POWER10);
	CHECK_EQ_U64(res.removed_entries[2].value, 0x0f000006);
	CHECK_EQ_U64(res.removed_entries[2].kind, CAS_ENTRY_LOGICAL);
	CHECK_EQ_U64(cas_vector_parse(out, res.out_len, &vec, &why), 0);
	CHECK_STR(cas_vector_describe(&vec, desc, sizeof(desc)),
		  "logical POWER9 +legacy");

	len = load_fixture("linux-current.bin", in, sizeof(in));
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true, P10,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.out_len, 461 - 6 * 8);
	CHECK_EQ_U64(res.kept, 9);
	CHECK(memcmp(out, p9_caps_p10_cur, sizeof(p9_caps_p10_cur) - 4) == 0);
	/* Rule 4a: OV1 byte 3 (0x50 + 4) went from c0 to 00 ... */
	CHECK_EQ_U64(out[0x50 + 4], 0x00);
	CHECK(memcmp(out + 0x50 + 5, in + 0x80 + 5, 0x44 - 5) == 0);
	/* ... and OV5 bytes 23, 24, 26 from 40 to 00, byte 25 untouched. */
	CHECK_EQ_U64(out[0x50 + 0x44], 0x00);
	CHECK_EQ_U64(out[0x50 + 0x45], 0x00);
	CHECK_EQ_U64(out[0x50 + 0x46], 0x00);
	CHECK_EQ_U64(out[0x50 + 0x47], 0x00);
	CHECK_EQ_U64(in[0x80 + 0x44], 0x40);
	CHECK(memcmp(out + 0x50 + 0x48, in + 0x80 + 0x48, 461 - 0x80 - 0x48) == 0);
	CHECK_EQ_U64(res.hash_xics, 1);
	CHECK_STR(cas_rebuild_describe_hash_xics(&res, desc, sizeof(desc)),
		  "hash+XICS (cleared OV5 byte 24 0x40, OV5 byte 23 0x40, OV5 byte 26 0x40, OV1 byte 3 0xc0)");
	CHECK_EQ_U64(cas_vector_parse(out, res.out_len, &vec, &why), 0);
	CHECK_STR(cas_vector_describe(&vec, desc, sizeof(desc)), "legacy only");
}

static void test_classify(void)
{
	static const struct {
		uint32_t mask, value;
		enum cas_entry_kind kind;
		enum compat_level level;
	} t[] = {
		{ 0xffff0000, 0x004e0000, CAS_ENTRY_RAW, COMPAT_LEVEL_POWER9 },
		{ 0xffff0000, 0x00800000, CAS_ENTRY_RAW, COMPAT_LEVEL_POWER10 },
		{ 0xffff0000, 0x00820000, CAS_ENTRY_RAW, COMPAT_LEVEL_POWER11 },
		{ 0xffff0000, 0x004d0000, CAS_ENTRY_RAW, COMPAT_LEVEL_LEGACY },
		{ 0xffff0000, 0x00810000, CAS_ENTRY_RAW, COMPAT_LEVEL_LEGACY },
		{ 0xfffe0000, 0x003a0000, CAS_ENTRY_RAW, COMPAT_LEVEL_LEGACY },
		/* Only the upper 16 bits decide: a revision-exact entry. */
		{ 0xffffffff, 0x004e1202, CAS_ENTRY_RAW, COMPAT_LEVEL_POWER9 },
		{ 0xffffffff, 0x00801200, CAS_ENTRY_RAW, COMPAT_LEVEL_POWER10 },
		/* Wider masks: 0xfffe covers 004e/004f, 0080/0081, 0082/0083
		 * (0083 is a family above Power11). */
		{ 0xfffe0000, 0x004e0000, CAS_ENTRY_RAW, COMPAT_LEVEL_POWER9 },
		{ 0xfffe0000, 0x00800000, CAS_ENTRY_RAW, COMPAT_LEVEL_POWER10 },
		{ 0xfffe0000, 0x00820000, CAS_ENTRY_RAW, COMPAT_LEVEL_NEWER }, /* 0083 */
		{ 0xfffe0000, 0x004c0000, CAS_ENTRY_RAW, COMPAT_LEVEL_LEGACY },
		/* 0080..0083: POWER10, Power11 and an unknown newer family
		 * (0083); the newest is the level. */
		{ 0xfffc0000, 0x00800000, CAS_ENTRY_RAW, COMPAT_LEVEL_NEWER },
		{ 0x00000000, 0x00000000, CAS_ENTRY_RAW, COMPAT_LEVEL_NEWER },
		{ 0x00ff0000, 0x004e0000, CAS_ENTRY_RAW, COMPAT_LEVEL_POWER9 },
		/* Families above Power11 below 0x0100, except PA6T (0090). */
		{ 0xffff0000, 0x00830000, CAS_ENTRY_RAW, COMPAT_LEVEL_NEWER },
		{ 0xffff0000, 0x00ff0000, CAS_ENTRY_RAW, COMPAT_LEVEL_NEWER },
		{ 0xffff0000, 0x00900000, CAS_ENTRY_RAW, COMPAT_LEVEL_LEGACY },
		{ 0xffef0000, 0x00800000, CAS_ENTRY_RAW, COMPAT_LEVEL_POWER10 },
		/* 0000, 0010, 0080, 0090: POWER10 is the newest. */
		{ 0xff6f0000, 0x00000000, CAS_ENTRY_RAW, COMPAT_LEVEL_POWER10 },
		/* 0080..008f among others: newer. */
		{ 0xff700000, 0x00000000, CAS_ENTRY_RAW, COMPAT_LEVEL_NEWER },
		{ 0xffff0000, 0x01000000, CAS_ENTRY_RAW, COMPAT_LEVEL_LEGACY },
		{ 0xffff0000, 0x80200000, CAS_ENTRY_RAW, COMPAT_LEVEL_LEGACY },
		/* Logical: by value, whatever the mask. */
		{ 0xffffffff, 0x0f000005, CAS_ENTRY_LOGICAL, COMPAT_LEVEL_POWER9 },
		{ 0xffffffff, 0x0f000006, CAS_ENTRY_LOGICAL, COMPAT_LEVEL_POWER10 },
		{ 0xffffffff, 0x0f000007, CAS_ENTRY_LOGICAL, COMPAT_LEVEL_POWER11 },
		{ 0xffffffff, 0x0f000008, CAS_ENTRY_LOGICAL, COMPAT_LEVEL_NEWER },
		{ 0xfffffffe, 0x0f000006, CAS_ENTRY_LOGICAL, COMPAT_LEVEL_POWER10 },
		{ 0xffffffff, 0x0f000004, CAS_ENTRY_LOGICAL, COMPAT_LEVEL_LEGACY },
		{ 0xffffffff, 0x0f000002, CAS_ENTRY_LOGICAL, COMPAT_LEVEL_LEGACY },
		{ 0xffffffff, 0x0f100003, CAS_ENTRY_LOGICAL, COMPAT_LEVEL_LEGACY },
		{ 0xffffffff, 0x0f000001, CAS_ENTRY_LOGICAL, COMPAT_LEVEL_LEGACY },
		{ 0xff000000, 0x0f000000, CAS_ENTRY_LOGICAL, COMPAT_LEVEL_LEGACY },
		/* Terminators: a value bit outside the mask. */
		{ 0xfffffffe, 0x0f000001, CAS_ENTRY_TERMINATOR, COMPAT_LEVEL_LEGACY },
		{ 0x00000000, 0xffffffff, CAS_ENTRY_TERMINATOR, COMPAT_LEVEL_LEGACY },
		{ 0xffff0000, 0x004e0001, CAS_ENTRY_TERMINATOR, COMPAT_LEVEL_LEGACY },
		{ 0xfffffff0, 0x0f000005, CAS_ENTRY_TERMINATOR, COMPAT_LEVEL_LEGACY },
	};
	struct cas_pvr_entry e;
	size_t i;

	for (i = 0; i < N_OF(t); i++) {
		memset(&e, 0x5a, sizeof(e));
		cas_vector_classify(t[i].mask, t[i].value, &e);
		if (e.kind != t[i].kind || e.level != t[i].level)
			fprintf(stderr, "  classify (%08x, %08x)\n",
				t[i].mask, t[i].value);
		CHECK_EQ_U64(e.mask, t[i].mask);
		CHECK_EQ_U64(e.value, t[i].value);
		CHECK_EQ_U64(e.kind, t[i].kind);
		CHECK_EQ_U64(e.level, t[i].level);
	}
	/* The family table agrees with compat-caps for exact raw PVRs. */
	for (i = 0; i < N_OF(t); i++)
		if (t[i].kind == CAS_ENTRY_RAW && t[i].mask == 0xffff0000)
			CHECK_EQ_U64(compat_level_of_raw_pvr(t[i].value), t[i].level);
}

static void test_raw_only(void)
{
	static const uint32_t pairs[][2] = {
		{ 0xffff0000, 0x004e0000 }, { 0x00000000, 0xffffffff },
	};
	static uint8_t in[64];
	const char *why = NULL;
	char desc[80];
	size_t len = mkvec(in, pairs, 2, mini_ov, sizeof(mini_ov));

	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_EQ_U64(vec.n_entries, 2);
	CHECK_EQ_U64(vec.n_vectors, 2);
	CHECK_EQ_U64(vec.ov_offset, 16);
	CHECK_EQ_U64(vec.declared_end, 16 + MINI_DECLARED);
	CHECK_STR(cas_vector_describe(&vec, desc, sizeof(desc)), "raw POWER9");

	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.out_len, len);
	CHECK(memcmp(out, in, len) == 0);
	CHECK_EQ_U64(res.kept, 1);

	/* G = POWER9 not in caps: no raw fallback, nothing left (rule 5). */
	why = NULL;
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true, P10,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_EMPTY);
	CHECK(why != NULL);
	CHECK_EQ_U64(res.applied, 1);
	CHECK_EQ_U64(res.removed, 1);
	CHECK_EQ_U64(res.kept, 0);
	CHECK_EQ_U64(res.out_len, len - 8);
	CHECK(memcmp(out, in + 8, len - 8) == 0);   /* terminator + tail */

	/* A raw POWER9 entry on a POWER10 host with caps {P9}: removed too. */
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_EMPTY);
	/* No caps: unchanged, and not "empty" (QEMU decides). */
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, false, 0,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.applied, 0);
	CHECK(memcmp(out, in, len) == 0);
}

static void test_logical_only(void)
{
	static const uint32_t pairs[][2] = {
		{ 0xffffffff, 0x0f000005 }, { 0xfffffffe, 0x0f000001 },
	};
	static uint8_t in[64];
	const char *why = NULL;
	char desc[80];
	size_t len = mkvec(in, pairs, 2, mini_ov, sizeof(mini_ov));

	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_STR(cas_vector_describe(&vec, desc, sizeof(desc)), "logical POWER9");
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK(memcmp(out, in, len) == 0);
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.removed, 0);
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true, P10,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_EMPTY);
	CHECK_EQ_U64(res.removed, 1);
	CHECK_EQ_U64(res.removed_entries[0].value, 0x0f000005);
	CHECK_EQ_U64(res.out_len, len - 8);
	CHECK(memcmp(out, in + 8, len - 8) == 0);
}

/* GRUB's own CAS vector: the terminator (0, 0xffffffff) alone. */
static void test_terminator_only(void)
{
	static const uint32_t pairs[][2] = { { 0x00000000, 0xffffffff } };
	static uint8_t in[64];
	const char *why = NULL;
	char desc[80];
	size_t len = mkvec(in, pairs, 1, mini_ov, sizeof(mini_ov));

	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_EQ_U64(vec.n_entries, 1);
	CHECK_EQ_U64(vec.entries[0].kind, CAS_ENTRY_TERMINATOR);
	CHECK_EQ_U64(vec.ov_offset, 8);
	CHECK_STR(cas_vector_describe(&vec, desc, sizeof(desc)), "no PVR entries");
	/* Not an error: it goes on (QEMU answers it), said as such. */
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true,
					P9 | P10, out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.no_entries, 1);
	CHECK_EQ_U64(res.removed, 0);
	CHECK_EQ_U64(res.kept, 0);
	CHECK_EQ_U64(res.out_len, len);
	CHECK(memcmp(out, in, len) == 0);   /* mini_ov has no 4a byte */
	CHECK_EQ_U64(res.hash_xics, 1);
	CHECK_STR(cas_rebuild_describe_hash_xics(&res, desc, sizeof(desc)),
		  "hash+XICS (nothing to clear)");
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, false, 0,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.kept, 0);
	CHECK_EQ_U64(res.no_entries, 1);
	CHECK_EQ_U64(res.hash_xics, 0);
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_LEGACY, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK(memcmp(out, in, len) == 0);
	CHECK_STR(cas_rebuild_describe_hash_xics(&res, desc, sizeof(desc)), "");
}

/* Rule 4a on hand-made option vectors: only the bits named, only in bytes
 * the declared OV1/OV5 contain, nothing in undeclared bytes. */
static void test_hash_xics_bytes(void)
{
	static const uint32_t legacy[][2] = {
		{ 0xffff0000, 0x00800000 },     /* raw POWER10: removed */
		{ 0xffffffff, 0x0f000004 },     /* logical POWER8: kept */
		{ 0xfffffffe, 0x0f000001 },
	};
	static uint8_t in[256], tail[128];
	const char *why = NULL;
	char desc[160];
	size_t len, t = 0, ov1, ov5, i;

	/* 5 vectors: OV1 of 3 bytes, OV2-OV4 of 1, OV5 of 26 bytes. */
	tail[t++] = 4;
	tail[t++] = 2;
	ov1 = t;
	tail[t++] = 0x00; tail[t++] = 0xff; tail[t++] = 0xe5;  /* byte 3 */
	for (i = 0; i < 3; i++) {
		tail[t++] = 0;
		tail[t++] = 0x5a;
	}
	tail[t++] = 25;
	ov5 = t;
	for (i = 0; i < 26; i++)
		tail[t++] = (uint8_t)(0x11 * i);
	tail[ov5 + 22] = 0xff;   /* byte 23: only 0xc0 goes */
	tail[ov5 + 23] = 0xe0;   /* byte 24: 0x20 (nest MMU) stays */
	tail[ov5 + 24] = 0xff;   /* byte 25 (hash extensions): untouched */
	tail[ov5 + 25] = 0xc0;   /* byte 26: only 0x40 goes */
	tail[t++] = 0xff;        /* undeclared bytes: untouched */
	tail[t++] = 0xc0;
	len = mkvec(in, legacy, 3, tail, t);

	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_EQ_U64(vec.ov1.data, 24 + ov1);
	CHECK_EQ_U64(vec.ov1.len, 3);
	CHECK_EQ_U64(vec.ov5.data, 24 + ov5);
	CHECK_EQ_U64(vec.ov5.len, 26);
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true, P10,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.removed, 1);
	CHECK_EQ_U64(res.hash_xics, 1);
	CHECK_EQ_U64(res.n_changes, 4);
	/* out = 2 pairs, then the tail. */
	CHECK_EQ_U64(out[16 + ov1 + 2], 0x25);
	CHECK_EQ_U64(out[16 + ov1 + 1], 0xff);
	CHECK_EQ_U64(out[16 + ov5 + 22], 0x3f);
	CHECK_EQ_U64(out[16 + ov5 + 23], 0x20);
	CHECK_EQ_U64(out[16 + ov5 + 24], 0xff);
	CHECK_EQ_U64(out[16 + ov5 + 25], 0x80);
	CHECK_EQ_U64(out[16 + t - 2], 0xff);
	CHECK_EQ_U64(out[16 + t - 1], 0xc0);
	for (i = 0; i < 22; i++)
		CHECK_EQ_U64(out[16 + ov5 + i], tail[ov5 + i]);
	CHECK_STR(cas_rebuild_describe_hash_xics(&res, desc, sizeof(desc)),
		  "hash+XICS (cleared OV5 byte 24 0xc0, OV5 byte 23 0xc0, OV5 byte 26 0x40, OV1 byte 3 0xc0)");
	CHECK_EQ_U64(res.changes[1].before, 0xff);
	CHECK_EQ_U64(res.changes[1].cleared, 0xc0);
	/* Truncated description stays terminated. */
	cas_rebuild_describe_hash_xics(&res, desc, 12);
	CHECK_STR(desc, "hash+XICS (");

	/* Caps that keep POWER10 on a POWER10: 4a does not apply. */
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true, P10,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.hash_xics, 0);
	CHECK(memcmp(out, in, len) == 0);
	/* No caps: nothing changes either. */
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, false, 0,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.hash_xics, 0);
	CHECK(memcmp(out, in, len) == 0);

	/* OV5 of 23 bytes: only byte 23 exists; OV1 of 2 bytes: no byte 3. */
	t = 0;
	tail[t++] = 4;
	tail[t++] = 1;
	tail[t++] = 0x00;
	tail[t++] = 0xc0;               /* byte 2, not 3: untouched */
	for (i = 0; i < 3; i++) {
		tail[t++] = 0;
		tail[t++] = 0x5a;
	}
	tail[t++] = 22;
	ov5 = t;
	for (i = 0; i < 23; i++)
		tail[t++] = 0xc0;
	tail[t++] = 0xc0;               /* would be byte 24: undeclared */
	tail[t++] = 0xc0;
	tail[t++] = 0xc0;               /* would be byte 26 */
	len = mkvec(in, legacy, 3, tail, t);
	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_EQ_U64(vec.ov1.len, 2);
	CHECK_EQ_U64(vec.ov5.len, 23);
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true, P10,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.hash_xics, 1);
	CHECK_EQ_U64(res.n_changes, 1);
	CHECK_EQ_U64(out[16 + 3], 0xc0);
	CHECK_EQ_U64(out[16 + ov5 + 22], 0x00);
	CHECK_EQ_U64(out[16 + ov5 + 21], 0xc0);
	CHECK(memcmp(out + 16 + ov5 + 23, "\xc0\xc0\xc0", 3) == 0);
	CHECK_STR(cas_rebuild_describe_hash_xics(&res, desc, sizeof(desc)),
		  "hash+XICS (cleared OV5 byte 23 0xc0)");

	/* Only 4 vectors declared: no OV5 at all, the bytes after are not
	 * OV5 even though they are there. */
	tail[0] = 3;
	len = mkvec(in, legacy, 3, tail, t);
	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_EQ_U64(vec.ov5.len, 0);
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true, P10,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.hash_xics, 1);
	CHECK_EQ_U64(res.n_changes, 0);
	CHECK(memcmp(out + 16, in + 24, len - 24) == 0);

	/* Nothing acceptable left: no 4a, EMPTY. */
	CHECK_EQ_U64(cas_vector_rebuild(in + 8, len - 8, COMPAT_LEVEL_POWER9, true,
					P10, out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);   /* logical POWER8 alone is kept */
	{
		static const uint32_t only_p10[][2] = {
			{ 0xffff0000, 0x00800000 }, { 0xfffffffe, 0x0f000001 },
		};

		len = mkvec(in, only_p10, 2, tail, t);
		CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true,
						P10, out, sizeof(out), &res, &why),
			     CAS_REBUILD_EMPTY);
		CHECK_EQ_U64(res.hash_xics, 0);
		CHECK_EQ_U64(res.no_entries, 0);
	}
}

/* Parsing fails with code (STATUS_EMALFORMED or STATUS_ETOOBIG). */
static void expect_malformed(const uint8_t *in, size_t len, int code, const char *what)
{
	const char *why = NULL;
	int rc = cas_vector_parse(in, len, &vec, &why);

	if (rc != code)
		fprintf(stderr, "  %s: rc %d\n", what, rc);
	CHECK(rc == code);
	CHECK(why != NULL && strlen(why) > 10);
	CHECK_EQ_U64(vec.n_entries, 0);
	why = NULL;
	memset(out, 0xee, 64);
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_MALFORMED);
	CHECK(why != NULL);
	CHECK_EQ_U64(res.out_len, 0);
	CHECK_EQ_U64(out[0], 0xee);
	/* Rule 6: with no caps the bytes go on unchanged all the same. */
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, false, 0,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.out_len, len);
	CHECK_EQ_U64(res.kept, 0);
	CHECK(len == 0 || memcmp(out, in, len) == 0);
}

static void test_malformed(void)
{
	static const uint32_t no_term[][2] = {
		{ 0xffff0000, 0x004e0000 }, { 0xffffffff, 0x0f000005 },
		{ 0xffffffff, 0x0f000004 },
	};
	static const uint32_t term[][2] = {
		{ 0xffff0000, 0x004e0000 }, { 0xfffffffe, 0x0f000001 },
	};
	static const uint8_t ov_short[] = { 0x01, 0x00, 0x80, 0x05, 0x12, 0x34 };
	static const uint8_t ov_missing[] = { 0x02, 0x00, 0x80, 0x01, 0x12, 0x34 };
	static const uint8_t ov_exact[] = { 0x01, 0x00, 0x80, 0x01, 0x12, 0x34 };
	static uint8_t in[64];
	const char *why = NULL;
	size_t len;

	expect_malformed(in, 0, STATUS_EMALFORMED, "empty buffer");
	len = mkvec(in, no_term, 3, NULL, 0);
	expect_malformed(in, len, STATUS_EMALFORMED, "no terminator");
	/* A terminator cut short by len. */
	len = mkvec(in, term, 2, mini_ov, sizeof(mini_ov));
	expect_malformed(in, 12, STATUS_EMALFORMED, "partial terminator");
	expect_malformed(in, 15, STATUS_EMALFORMED, "partial terminator");
	/* Terminator is the last byte: no num_vectors byte. */
	expect_malformed(in, 16, STATUS_EMALFORMED, "no option-vector count");
	/* Declared vector longer than what is left. */
	len = mkvec(in, term, 2, ov_short, sizeof(ov_short));
	expect_malformed(in, len, STATUS_EMALFORMED, "option vector past the end");
	/* Three vectors declared, two present. */
	len = mkvec(in, term, 2, ov_missing, sizeof(ov_missing));
	expect_malformed(in, len, STATUS_EMALFORMED, "missing option vector");
	/* A length byte that is the last byte. */
	len = mkvec(in, term, 2, ov_exact, sizeof(ov_exact));
	expect_malformed(in, len - 2, STATUS_EMALFORMED, "length byte without data");
	expect_malformed(in, len - 1, STATUS_EMALFORMED, "option vector one byte short");
	/* Exactly fitting vectors are fine: declared_end == len. */
	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_EQ_U64(vec.declared_end, len);
}

/* n entries before the terminator, cycling over four kinds. */
static size_t mk_many(uint8_t *buf, unsigned n)
{
	static const uint32_t cycle[4][2] = {
		{ 0xffff0000, 0x004e0000 },     /* raw POWER9 */
		{ 0xffffffff, 0x0f000006 },     /* logical POWER10 */
		{ 0xffffffff, 0x0f000004 },     /* logical legacy */
		{ 0xffff0000, 0x004d0000 },     /* raw legacy */
	};
	size_t o = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		o += put_pair(buf + o, cycle[i % 4][0], cycle[i % 4][1]);
	o += put_pair(buf + o, 0xfffffffe, 0x0f000001);
	memcpy(buf + o, mini_ov, sizeof(mini_ov));
	return o + sizeof(mini_ov);
}

static void test_many_entries(void)
{
	static uint8_t in[BUF_SIZE];
	const char *why = NULL;
	char desc[120];
	size_t len;
	unsigned i;

	/* QEMU reads at most 512 pairs: 511 entries and the terminator. */
	CHECK_EQ_U64(CAS_MAX_PVR_ENTRIES, 511);
	len = mk_many(in, CAS_MAX_PVR_ENTRIES);
	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_EQ_U64(vec.n_entries, 512);
	CHECK_EQ_U64(vec.entries[511].kind, CAS_ENTRY_TERMINATOR);
	CHECK_EQ_U64(vec.ov_offset, 512 * 8);
	CHECK_STR(cas_vector_describe(&vec, desc, sizeof(desc)),
		  "raw POWER9 logical POWER10 +legacy");

	/* G = POWER10, caps {P9}: raw POWER9 and logical POWER10 (128 of
	 * each: 511 = 127 cycles of 4, plus 3) go. */
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.removed, 256);
	CHECK_EQ_U64(res.kept, 255);
	CHECK_EQ_U64(res.out_len, len - 256 * 8);
	CHECK_EQ_U64(cas_vector_parse(out, res.out_len, &vec, &why), 0);
	CHECK_EQ_U64(vec.n_entries, 256);
	for (i = 0; i < 255; i++)
		CHECK(vec.entries[i].level == COMPAT_LEVEL_LEGACY);
	CHECK(memcmp(out + 256 * 8, mini_ov, sizeof(mini_ov)) == 0);

	/* G = POWER10, caps {P9, P10}: everything stays. */
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true,
					P9 | P10, out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.removed, 0);
	CHECK(memcmp(out, in, len) == 0);

	len = mk_many(in, CAS_MAX_PVR_ENTRIES + 1);
	expect_malformed(in, len, STATUS_ETOOBIG, "512 entries");
	CHECK(why == NULL || strstr(why, "511") != NULL);
}

/* Bytes past the declared vectors (Linux's OV7) reach the output. */
static void test_tail(void)
{
	static const uint32_t pairs[][2] = {
		{ 0xffff0000, 0x00800000 }, { 0xffffffff, 0x0f000006 },
		{ 0xffffffff, 0x0f000005 }, { 0x00000000, 0xffffffff },
	};
	static uint8_t in[BUF_SIZE], tail[400];
	const char *why = NULL;
	size_t len, i;

	for (i = 0; i < sizeof(tail); i++)
		tail[i] = (uint8_t)(i * 7 + 3);
	memcpy(tail, mini_ov, MINI_DECLARED);
	len = mkvec(in, pairs, 4, tail, sizeof(tail));
	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_EQ_U64(vec.declared_end, 32 + MINI_DECLARED);
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.removed, 2);
	CHECK_EQ_U64(res.out_len, len - 16);
	CHECK(memcmp(out + 16, tail, sizeof(tail)) == 0);
	CHECK_EQ_U64(be32_read(out + 4), 0x0f000005);
	CHECK_EQ_U64(be32_read(out + 12), 0xffffffff);
}

/* Odd masks on a POWER9 host with caps {P10}. */
static void test_odd_masks(void)
{
	static const uint32_t pairs[][2] = {
		{ 0xffffffff, 0x004e1202 },     /* removed: raw POWER9 */
		{ 0x00000000, 0x00000000 },     /* removed: matches any PVR */
		{ 0xfffe0000, 0x003a0000 },     /* kept: POWER5 */
		{ 0xfffffffe, 0x0f000006 },     /* removed: logical POWER10 */
		{ 0xffffffff, 0x0f100003 },     /* kept: POWER7+ logical */
		{ 0xffffffff, 0x0f000001 },     /* kept: logical 2.04, full mask */
		{ 0x00000000, 0xffffffff },
	};
	static const uint32_t kept[][2] = {
		{ 0xfffe0000, 0x003a0000 }, { 0xffffffff, 0x0f100003 },
		{ 0xffffffff, 0x0f000001 }, { 0x00000000, 0xffffffff },
	};
	static uint8_t in[128];
	const char *why = NULL;
	char desc[120];
	size_t len = mkvec(in, pairs, 7, mini_ov, sizeof(mini_ov));
	size_t elen = mkvec(expect, kept, 4, mini_ov, sizeof(mini_ov));

	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	CHECK_STR(cas_vector_describe(&vec, desc, sizeof(desc)),
		  "raw POWER9,POWER10,Power11,newer-than-Power11 logical POWER10 +legacy");
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true, P10,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.removed, 3);
	CHECK_EQ_U64(res.out_len, elen);
	CHECK(memcmp(out, expect, elen) == 0);
	/* With G in caps, the raw entries stay. */
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER9, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.removed, 1);
	CHECK_EQ_U64(res.removed_entries[0].value, 0x0f000006);
}

static void test_in_place_and_capacity(void)
{
	static uint8_t in[BUF_SIZE];
	const char *why = NULL;
	size_t len = load_fixture("linux-current.bin", in, sizeof(in)), want;

	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true, P9,
					out, sizeof(out), &res, &why),
		     CAS_REBUILD_OK);
	want = res.out_len;
	memcpy(expect, out, want);
	memcpy(work, in, len);
	CHECK_EQ_U64(cas_vector_rebuild(work, len, COMPAT_LEVEL_POWER10, true, P9,
					work, len, &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.out_len, want);
	CHECK(memcmp(work, expect, want) == 0);

	/* out_cap = out_len is enough; one less is refused untouched. */
	memset(out, 0xee, sizeof(out));
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true, P9,
					out, want - 1, &res, &why),
		     CAS_REBUILD_MALFORMED);
	CHECK_EQ_U64(out[0], 0xee);
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, true, P9,
					out, want, &res, &why),
		     CAS_REBUILD_OK);
	CHECK(memcmp(out, expect, want) == 0);
	/* Pass-through needs len. */
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, false, 0,
					out, len - 1, &res, &why),
		     CAS_REBUILD_MALFORMED);
	CHECK_EQ_U64(cas_vector_rebuild(in, len, COMPAT_LEVEL_POWER10, false, 0,
					out, len, &res, &why),
		     CAS_REBUILD_OK);
	CHECK_EQ_U64(res.kept, 15);
}

static void test_describe_truncation(void)
{
	static uint8_t in[BUF_SIZE];
	char buf[64];
	const char *why = NULL;
	size_t len = load_fixture("linux-6.1.bin", in, sizeof(in));

	CHECK_EQ_U64(cas_vector_parse(in, len, &vec, &why), 0);
	memset(buf, 'x', sizeof(buf));
	cas_vector_describe(&vec, buf, 10);
	CHECK_STR(buf, "raw POWER");
	CHECK_EQ_U64(buf[10], 'x');
	cas_vector_describe(&vec, buf, 1);
	CHECK_STR(buf, "");
	buf[0] = 'q';
	cas_vector_describe(&vec, buf, 0);
	CHECK_EQ_U64(buf[0], 'q');
}

int main(void)
{
	test_fixture_parse("linux-6.1.bin", linux61_pvrs, N_OF(linux61_pvrs),
			   "raw POWER9,POWER10 logical POWER9,POWER10 +legacy");
	test_fixture_parse("linux-current.bin", linux_current_pvrs,
			   N_OF(linux_current_pvrs),
			   "raw POWER9,POWER10,Power11 logical POWER9,POWER10,Power11 +legacy");
	test_decision_table("linux-6.1.bin", linux61_pvrs, N_OF(linux61_pvrs));
	test_decision_table("linux-current.bin", linux_current_pvrs,
			    N_OF(linux_current_pvrs));
	test_literal_outputs();
	test_classify();
	test_raw_only();
	test_logical_only();
	test_terminator_only();
	test_hash_xics_bytes();
	test_malformed();
	test_many_entries();
	test_tail();
	test_odd_masks();
	test_in_place_and_capacity();
	test_describe_truncation();
	return unit_done("test-cas-vector");
}
