/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/cas: parses arbitrary bytes as a CAS vector and
 * rebuilds every parsed vector under every G and caps combination, checking
 * the output re-parses, keeps the tail byte for byte except rule 4a's bits,
 * applies 4a exactly when no POWER9-or-newer entry is kept, and obeys the
 * rule. The harness finds levels and option-vector bytes on its own. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "cas/cas-vector.h"

#define FUZZ_CHECK(cond)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__,   \
				#cond);                                      \
			abort();                                             \
		}                                                            \
	} while (0)

static struct cas_vector vin, vout;
static struct cas_rebuild_result res, res2;
/* Per input entry, worked out once per input: could it select POWER9 or
 * newer? And for each output entry, its input entry. */
static unsigned char modern_of[CAS_MAX_PVR_ENTRIES + 1];
static unsigned kept_idx[CAS_MAX_PVR_ENTRIES + 1];

#define N_G 5
static const enum compat_level g_levels[N_G] = {
	COMPAT_LEVEL_LEGACY, COMPAT_LEVEL_POWER9, COMPAT_LEVEL_POWER10,
	COMPAT_LEVEL_POWER11, COMPAT_LEVEL_NEWER,
};

/* Rule 4a: (vector, byte numbered from 1, bits). */
static const struct {
	unsigned vector, byte;
	uint8_t bits;
} hx_bits[4] = {
	{ 5, 24, 0xc0 }, { 5, 23, 0xc0 }, { 5, 26, 0x40 }, { 1, 3, 0xc0 },
};

/* The raw family of each level, as the hypervisor's real PVR would show. */
static uint32_t family_of(enum compat_level l)
{
	switch (l) {
	case COMPAT_LEVEL_POWER9:
		return 0x004e;
	case COMPAT_LEVEL_POWER10:
		return 0x0080;
	case COMPAT_LEVEL_POWER11:
		return 0x0082;
	default:
		return 0;
	}
}

static uint64_t bit_of(enum compat_level l)
{
	switch (l) {
	case COMPAT_LEVEL_POWER9:
		return COMPAT_CAP_POWER9;
	case COMPAT_LEVEL_POWER10:
		return COMPAT_CAP_POWER10;
	case COMPAT_LEVEL_POWER11:
		return COMPAT_CAP_POWER11;
	default:
		return 0;
	}
}

static int family_matches(uint32_t mask, uint32_t value, uint32_t family)
{
	uint32_t pvr = (family << 16) | (value & 0xffff);

	return (pvr & mask) == (value & mask);
}

/* Could the hypervisor, on a processor of level l, take this entry as a
 * raw match? (Its PVR's low half can be anything, e.g. the entry's own.)
 * Newer than Power11: any family 0x0083..0x00ff but PA6T's 0x0090, tried
 * one by one. */
static int raw_matches(uint32_t mask, uint32_t value, enum compat_level l)
{
	uint32_t f;

	if (l != COMPAT_LEVEL_NEWER)
		return family_matches(mask, value, family_of(l));
	for (f = 0x0083; f <= 0x00ff; f++)
		if (f != 0x0090 && family_matches(mask, value, f))
			return 1;
	return 0;
}

/* The architected level the hypervisor would read from the value. */
static enum compat_level logical_level(uint32_t value)
{
	if (value == 0x0f000005)
		return COMPAT_LEVEL_POWER9;
	if (value == 0x0f000006)
		return COMPAT_LEVEL_POWER10;
	if (value == 0x0f000007)
		return COMPAT_LEVEL_POWER11;
	if (value >= 0x0f000008 && value <= 0x0f0000ff)
		return COMPAT_LEVEL_NEWER;
	return COMPAT_LEVEL_LEGACY;
}

/* Could the entry select any POWER9-or-newer mode? */
static int is_modern(uint32_t mask, uint32_t value)
{
	if ((value & 0xff000000u) == 0x0f000000u)
		return logical_level(value) != COMPAT_LEVEL_LEGACY;
	return raw_matches(mask, value, COMPAT_LEVEL_POWER9) ||
	       raw_matches(mask, value, COMPAT_LEVEL_POWER10) ||
	       raw_matches(mask, value, COMPAT_LEVEL_POWER11) ||
	       raw_matches(mask, value, COMPAT_LEVEL_NEWER);
}

/* Offset in v of byte `byte` (from 1) of declared option vector `vector`,
 * counting from the num_vectors byte at ov as QEMU does; 0 if the vector
 * is not declared or is shorter. */
static size_t ov_byte_at(const uint8_t *v, size_t len, size_t ov,
			 unsigned vector, unsigned byte)
{
	size_t pos = ov + 1;
	unsigned count = (unsigned)v[ov] + 1, i;

	if (vector > count)
		return 0;
	for (i = 1; i < vector; i++)
		pos += (size_t)v[pos] + 2;
	FUZZ_CHECK(pos < len);
	if (byte > (unsigned)v[pos] + 1)
		return 0;
	return pos + byte;
}

static void check_one(const uint8_t *in, size_t len, enum compat_level g,
		      int have_caps, uint64_t caps, int in_place)
{
	const char *why = NULL;
	uint8_t *out = malloc(len ? len : 1), *copy, *expect;
	int st, modern, applied = have_caps && g != COMPAT_LEVEL_LEGACY;
	unsigned i, j, k;
	size_t tail;
	char desc[160];

	st = cas_vector_rebuild(in, len, g, have_caps, caps, out, len, &res, &why);
	FUZZ_CHECK(st == CAS_REBUILD_OK || st == CAS_REBUILD_EMPTY);
	FUZZ_CHECK(res.applied == applied);
	FUZZ_CHECK(res.out_len <= len);
	FUZZ_CHECK(res.out_len == len - 8 * (size_t)res.removed);
	FUZZ_CHECK(res.removed + res.kept + 1 == vin.n_entries);
	/* Rule 5 only when something was removed: GRUB's terminator-only
	 * vector goes on. */
	FUZZ_CHECK((st == CAS_REBUILD_EMPTY) ==
		   (applied && res.kept == 0 && res.removed > 0));
	FUZZ_CHECK(res.no_entries == (vin.n_entries == 1));
	if (!applied)
		FUZZ_CHECK(res.removed == 0 && !res.hash_xics &&
			   memcmp(out, in, len) == 0);

	/* Re-parses, same layout after the list. */
	FUZZ_CHECK(cas_vector_parse(out, res.out_len, &vout, &why) == 0);
	FUZZ_CHECK(vout.n_entries == vin.n_entries - res.removed);
	FUZZ_CHECK(vout.ov_offset == vin.ov_offset - 8 * (size_t)res.removed);
	FUZZ_CHECK(vout.n_vectors == vin.n_vectors);
	FUZZ_CHECK(vout.declared_end == vin.declared_end - 8 * (size_t)res.removed);

	/* Input list = kept (output) and removed entries, merged in order;
	 * kept_idx maps each output entry to its input entry. */
	for (i = 0, j = 0, k = 0; i < vin.n_entries; i++) {
		const struct cas_pvr_entry *e = &vin.entries[i];

		if (j < vout.n_entries && vout.entries[j].mask == e->mask &&
		    vout.entries[j].value == e->value) {
			kept_idx[j++] = i;
			continue;
		}
		FUZZ_CHECK(k < res.removed);
		FUZZ_CHECK(res.removed_entries[k].mask == e->mask);
		FUZZ_CHECK(res.removed_entries[k].value == e->value);
		/* Only entries the caps describe are ever removed. */
		FUZZ_CHECK(modern_of[i]);
		k++;
	}
	FUZZ_CHECK(j == vout.n_entries && k == res.removed);

	/* Rule 4a exactly when caps apply, the call goes on, and no kept
	 * entry could select POWER9 or newer. */
	modern = 0;
	for (i = 0; i + 1 < vout.n_entries; i++)
		if (modern_of[kept_idx[i]])
			modern = 1;
	FUZZ_CHECK(res.hash_xics == (applied && st == CAS_REBUILD_OK && !modern));
	FUZZ_CHECK(res.n_changes <= 4);
	cas_rebuild_describe_hash_xics(&res, desc, sizeof(desc));
	FUZZ_CHECK((strlen(desc) > 0) == res.hash_xics && strlen(desc) < sizeof(desc));

	/* The tail byte for byte, but for 4a's bits in the bytes the declared
	 * OV1/OV5 contain, which are clear in the output. */
	tail = len - vin.ov_offset;
	expect = malloc(tail ? tail : 1);
	memcpy(expect, in + vin.ov_offset, tail);
	for (i = 0, k = 0; res.hash_xics && i < 4; i++) {
		size_t at = ov_byte_at(in, len, vin.ov_offset, hx_bits[i].vector,
				       hx_bits[i].byte);

		if (!at)
			continue;
		at -= vin.ov_offset;
		if (expect[at] & hx_bits[i].bits) {
			FUZZ_CHECK(k < res.n_changes);
			FUZZ_CHECK(res.changes[k].vector == hx_bits[i].vector);
			FUZZ_CHECK(res.changes[k].byte == hx_bits[i].byte);
			FUZZ_CHECK(res.changes[k].before == expect[at]);
			FUZZ_CHECK(res.changes[k].cleared == (expect[at] & hx_bits[i].bits));
			k++;
		}
		expect[at] &= (uint8_t)~hx_bits[i].bits;
		FUZZ_CHECK((out[vout.ov_offset + at] & hx_bits[i].bits) == 0);
	}
	FUZZ_CHECK(k == res.n_changes);
	FUZZ_CHECK(memcmp(out + vout.ov_offset, expect, tail) == 0);
	free(expect);

	/* What the hypervisor can pick from the output obeys the rule. */
	for (i = 0; applied && i + 1 < vout.n_entries; i++) {
		const struct cas_pvr_entry *e = &vout.entries[i];
		enum compat_level l = logical_level(e->value);

		if (!(caps & bit_of(g)) && g != COMPAT_LEVEL_NEWER)
			FUZZ_CHECK(!raw_matches(e->mask, e->value, g));
		/* Above Power11 there is no caps bit: no raw entry of level
		 * POWER9 or newer survives (nor one of G's own families). */
		if (g == COMPAT_LEVEL_NEWER &&
		    (e->value & 0xff000000u) != 0x0f000000u)
			FUZZ_CHECK(!modern_of[kept_idx[i]]);
		if (l != COMPAT_LEVEL_LEGACY)
			FUZZ_CHECK((caps & bit_of(l)) && l <= g);
	}

	/* In place gives the same bytes. */
	if (in_place) {
		copy = malloc(len ? len : 1);
		memcpy(copy, in, len);
		st = cas_vector_rebuild(copy, len, g, have_caps, caps, copy,
					len, &res2, &why);
		FUZZ_CHECK(st == CAS_REBUILD_OK || st == CAS_REBUILD_EMPTY);
		FUZZ_CHECK(res2.out_len == res.out_len);
		FUZZ_CHECK(memcmp(copy, out, res.out_len) == 0);
		free(copy);
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why = NULL;
	uint8_t sel = size ? data[0] : 0;
	uint64_t noise = (uint64_t)(sel & 0x8f) << 56 | (sel & 0x0f);
	char desc[200], small[8];
	uint8_t *out;
	unsigned gi, c;
	int st;

	if (cas_vector_parse(data, size, &vin, &why) != 0) {
		FUZZ_CHECK(why != NULL);
		/* With caps it must refuse; without, pass the bytes on. */
		out = malloc(size ? size : 1);
		st = cas_vector_rebuild(data, size, COMPAT_LEVEL_POWER10, true,
					COMPAT_CAP_POWER9, out, size, &res, &why);
		FUZZ_CHECK(st == CAS_REBUILD_MALFORMED && res.out_len == 0);
		st = cas_vector_rebuild(data, size, COMPAT_LEVEL_POWER10, false,
					0, out, size, &res, &why);
		FUZZ_CHECK(st == CAS_REBUILD_OK && res.out_len == size);
		FUZZ_CHECK(memcmp(out, data, size) == 0);
		free(out);
		return 0;
	}
	FUZZ_CHECK(vin.n_entries >= 1 && vin.n_entries <= CAS_MAX_PVR_ENTRIES + 1);
	FUZZ_CHECK(vin.entries[vin.n_entries - 1].kind == CAS_ENTRY_TERMINATOR);
	FUZZ_CHECK(vin.ov_offset == 8 * (size_t)vin.n_entries);
	FUZZ_CHECK(vin.n_vectors >= 1 && vin.n_vectors <= 256);
	FUZZ_CHECK(vin.declared_end > vin.ov_offset && vin.declared_end <= size);
	cas_vector_describe(&vin, desc, sizeof(desc));
	FUZZ_CHECK(strlen(desc) > 0 && strlen(desc) < sizeof(desc));
	cas_vector_describe(&vin, small, sizeof(small));
	FUZZ_CHECK(strlen(small) < sizeof(small));
	for (c = 0; c < vin.n_entries; c++)
		modern_of[c] = (unsigned char)is_modern(vin.entries[c].mask,
							vin.entries[c].value);

	/* Every G and every set of known caps bits, plus no caps at all; the
	 * first byte adds unknown caps bits and picks in-place rebuilding. */
	for (gi = 0; gi < N_G; gi++) {
		check_one(data, size, g_levels[gi], 0, 0, sel & 0x10);
		for (c = 0; c < 8; c++)
			check_one(data, size, g_levels[gi], 1,
				  ((uint64_t)c << 60) | noise, sel & 0x10);
	}
	return 0;
}
