/* SPDX-License-Identifier: MIT */
/* ibm,client-architecture-support vector: parse the PVR list and option
 * vectors, classify each PVR entry, and rebuild the vector under the
 * compat-caps clamping rule (DESIGN.md "The clamping rule"). */

#include <stdio.h>
#include <string.h>

#include "be.h"
#include "cas/cas-vector.h"

#define CAS_ENTRY_BYTES 8u

/* Raw processor families the caps can describe: the upper half of the PVR. */
static const struct {
	uint32_t family;
	enum compat_level level;
} cas_raw_families[] = {
	{ 0x004e, COMPAT_LEVEL_POWER9 },
	{ 0x0080, COMPAT_LEVEL_POWER10 },
	{ 0x0082, COMPAT_LEVEL_POWER11 },
};

#define CAS_N_FAMILIES (sizeof(cas_raw_families) / sizeof(cas_raw_families[0]))

/* Levels in the order cas_vector_describe() names them. */
static const enum compat_level cas_levels[] = {
	COMPAT_LEVEL_POWER9, COMPAT_LEVEL_POWER10, COMPAT_LEVEL_POWER11,
	COMPAT_LEVEL_NEWER,
};

#define CAS_N_LEVELS (sizeof(cas_levels) / sizeof(cas_levels[0]))

/* Rule 4a: which bits of which option-vector byte ask for radix or XIVE. */
static const struct {
	uint8_t vector, byte, bits;
} cas_hash_xics_bits[CAS_HASH_XICS_CHANGES] = {
	{ 5, 24, 0xc0 },  /* MMU: 0x80 hash or radix, 0x40 radix */
	{ 5, 23, 0xc0 },  /* interrupts: 0x80 either, 0x40 XIVE exploitation */
	{ 5, 26, 0x40 },  /* radix guest translation shootdown */
	{ 1, 3, 0xc0 },   /* ISA 3.00 (0x80) and 3.1 (0x40) */
};

/* Where the parts of a vector lie, without the entries themselves. */
struct cas_layout {
	unsigned n_entries;        /* including the terminator */
	size_t ov_offset;
	unsigned n_vectors;
	size_t declared_end;
	struct cas_ov_span ov1, ov5;
};

/* Could a processor of some family above Power11 match the entry? Only the
 * upper halves count: with m and v the entry's upper 16 mask and value
 * bits, the families it matches are v's masked bits with any unmasked bits
 * set. They all lie below 0x0100 only if v has no masked bit there; the
 * largest, x, is then the candidate, and when x is 0x0090 (PA6T) every
 * other match is 0x0080 or lower. */
static bool cas_matches_newer_family(uint32_t mask, uint32_t value)
{
	uint32_t m = mask >> 16, v = value >> 16, x;

	if (v & m & 0xff00u)
		return false;
	x = ((v & m) | ~m) & 0xffu;
	return compat_family_is_newer(x) != 0;
}

/* Bit (1 << level) for every POWER9-or-newer level a raw entry can match. */
static unsigned cas_raw_match_set(uint32_t mask, uint32_t value)
{
	unsigned set = 0;
	size_t i;

	for (i = 0; i < CAS_N_FAMILIES; i++) {
		uint32_t pvr = cas_raw_families[i].family << 16;

		if (((pvr ^ value) & mask & 0xffff0000u) == 0)
			set |= 1u << cas_raw_families[i].level;
	}
	if (cas_matches_newer_family(mask, value))
		set |= 1u << COMPAT_LEVEL_NEWER;
	return set;
}

void cas_vector_classify(uint32_t mask, uint32_t value,
			 struct cas_pvr_entry *e)
{
	unsigned set;
	size_t i;

	e->mask = mask;
	e->value = value;
	e->level = COMPAT_LEVEL_LEGACY;
	if (value & ~mask) {
		e->kind = CAS_ENTRY_TERMINATOR;
		return;
	}
	if ((value & 0xff000000u) == 0x0f000000u) {
		e->kind = CAS_ENTRY_LOGICAL;
		e->level = compat_level_of_logical_pvr(value);
		return;
	}
	e->kind = CAS_ENTRY_RAW;
	set = cas_raw_match_set(mask, value);
	for (i = 0; i < CAS_N_LEVELS; i++)
		if (set & (1u << cas_levels[i]))
			e->level = cas_levels[i];
}

/* Walks the PVR list and the declared option vectors of in[0..len), never
 * reading past len. Fills entries[] when it is not NULL. */
static int cas_scan(const uint8_t *in, size_t len, struct cas_pvr_entry *entries,
		    struct cas_layout *lay, const char **reason)
{
	size_t off = 0;
	unsigned n = 0, i;

	for (;;) {
		uint32_t mask, value;

		if (len - off < CAS_ENTRY_BYTES)
			return status_fail(reason, STATUS_EMALFORMED, "the PVR list has no terminator entry within the vector");
		mask = be32_read(in + off);
		value = be32_read(in + off + 4);
		off += CAS_ENTRY_BYTES;
		if (!(value & ~mask) && n == CAS_MAX_PVR_ENTRIES)
			return status_fail(reason, STATUS_ETOOBIG, "the PVR list has more than 511 entries before its terminator (the hypervisor reads at most 512 pairs)");
		if (entries)
			cas_vector_classify(mask, value, &entries[n]);
		n++;
		if (value & ~mask)
			break;
	}
	lay->n_entries = n;
	lay->ov_offset = off;

	if (off >= len)
		return status_fail(reason, STATUS_EMALFORMED, "the vector ends before the option-vector count");
	lay->n_vectors = (unsigned)in[off] + 1;
	lay->ov1.data = lay->ov1.len = 0;
	lay->ov5.data = lay->ov5.len = 0;
	off++;
	for (i = 0; i < lay->n_vectors; i++) {
		size_t data;

		if (off >= len)
			return status_fail(reason, STATUS_EMALFORMED, "a declared option vector starts past the end of the vector");
		data = (size_t)in[off] + 1;
		off++;
		if (len - off < data)
			return status_fail(reason, STATUS_EMALFORMED, "a declared option vector runs past the end of the vector");
		if (i == 0 || i == 4) {
			struct cas_ov_span *sp = i == 0 ? &lay->ov1 : &lay->ov5;

			sp->data = off;
			sp->len = data;
		}
		off += data;
	}
	lay->declared_end = off;
	return 0;
}

int cas_vector_parse(const uint8_t *in, size_t len, struct cas_vector *v,
		     const char **reason)
{
	struct cas_layout lay;

	int rc = cas_scan(in, len, v->entries, &lay, reason);

	if (rc != 0) {
		v->n_entries = 0;
		v->ov_offset = 0;
		v->n_vectors = 0;
		v->declared_end = 0;
		v->ov1.data = v->ov1.len = 0;
		v->ov5.data = v->ov5.len = 0;
		return rc;
	}
	v->n_entries = lay.n_entries;
	v->ov_offset = lay.ov_offset;
	v->n_vectors = lay.n_vectors;
	v->declared_end = lay.declared_end;
	v->ov1 = lay.ov1;
	v->ov5 = lay.ov5;
	return 0;
}

/* The clamping rule for one entry (rules 1-4); the terminator always stays. */
static bool cas_keep(const struct cas_pvr_entry *e, enum compat_level g,
		     uint64_t caps)
{
	if (e->kind == CAS_ENTRY_TERMINATOR || e->level == COMPAT_LEVEL_LEGACY)
		return true;
	if (e->kind == CAS_ENTRY_LOGICAL)
		return (caps & compat_level_bit(e->level)) && e->level <= g;
	return (caps & compat_level_bit(g)) != 0;
}

/* Rule 4a on the rebuilt vector: out's option vectors start at ov_out. */
static void cas_ask_hash_xics(uint8_t *out, size_t ov_out,
			      const struct cas_layout *lay,
			      struct cas_rebuild_result *res)
{
	size_t i;

	res->hash_xics = true;
	for (i = 0; i < CAS_HASH_XICS_CHANGES; i++) {
		const struct cas_ov_span *sp =
			cas_hash_xics_bits[i].vector == 1 ? &lay->ov1 : &lay->ov5;
		size_t at;
		uint8_t before;

		if (sp->len < cas_hash_xics_bits[i].byte)
			continue;	/* the vector does not contain that byte */
		at = sp->data - lay->ov_offset + ov_out + cas_hash_xics_bits[i].byte - 1;
		before = out[at];
		if (!(before & cas_hash_xics_bits[i].bits))
			continue;
		out[at] = (uint8_t)(before & ~cas_hash_xics_bits[i].bits);
		res->changes[res->n_changes].vector = cas_hash_xics_bits[i].vector;
		res->changes[res->n_changes].byte = cas_hash_xics_bits[i].byte;
		res->changes[res->n_changes].before = before;
		res->changes[res->n_changes].cleared =
			(uint8_t)(before & cas_hash_xics_bits[i].bits);
		res->n_changes++;
	}
}

enum cas_rebuild_status cas_vector_rebuild(const uint8_t *in, size_t len,
					   enum compat_level g, bool have_caps,
					   uint64_t caps, uint8_t *out,
					   size_t out_cap,
					   struct cas_rebuild_result *res,
					   const char **reason)
{
	struct cas_layout lay;
	struct cas_pvr_entry e;
	const char *why = NULL;
	unsigned i, removed = 0;
	bool modern_kept = false;
	size_t off, o, out_len;
	int rc;

	res->applied = false;
	res->no_entries = false;
	res->removed = 0;
	res->kept = 0;
	res->hash_xics = false;
	res->n_changes = 0;
	res->out_len = 0;

	rc = cas_scan(in, len, NULL, &lay, &why);
	if (rc == 0)
		res->no_entries = lay.n_entries == 1;

	if (!have_caps || g == COMPAT_LEVEL_LEGACY) {
		/* Rules 3 and 6: the vector goes on unchanged. */
		if (out_cap < len)
			return status_fail(reason, CAS_REBUILD_MALFORMED, "the output buffer is smaller than the vector");
		if (out != in && len)
			memcpy(out, in, len);
		res->kept = rc == 0 ? lay.n_entries - 1 : 0;
		res->out_len = len;
		return CAS_REBUILD_OK;
	}
	if (rc < 0)
		return status_fail(reason, CAS_REBUILD_MALFORMED, why);

	/* First pass: count, so that nothing is written if out is too small. */
	for (i = 0, off = 0; i < lay.n_entries; i++, off += CAS_ENTRY_BYTES) {
		cas_vector_classify(be32_read(in + off), be32_read(in + off + 4), &e);
		if (!cas_keep(&e, g, caps))
			removed++;
	}
	out_len = len - (size_t)removed * CAS_ENTRY_BYTES;
	if (out_cap < out_len)
		return status_fail(reason, CAS_REBUILD_MALFORMED, "the output buffer is smaller than the rebuilt vector");

	/* Second pass: write. The write position never passes the read
	 * position, so out == in is safe. */
	res->applied = true;
	for (i = 0, off = 0, o = 0; i < lay.n_entries; i++, off += CAS_ENTRY_BYTES) {
		uint32_t mask = be32_read(in + off), value = be32_read(in + off + 4);

		cas_vector_classify(mask, value, &e);
		if (!cas_keep(&e, g, caps)) {
			res->removed_entries[res->removed++] = e;
			continue;
		}
		be32_write(out + o, mask);
		be32_write(out + o + 4, value);
		o += CAS_ENTRY_BYTES;
		if (e.kind == CAS_ENTRY_TERMINATOR)
			continue;
		res->kept++;
		if (e.level != COMPAT_LEVEL_LEGACY)
			modern_kept = true;
	}
	memmove(out + o, in + lay.ov_offset, len - lay.ov_offset);
	res->out_len = o + (len - lay.ov_offset);

	if (res->kept == 0 && res->removed > 0)
		return status_fail(reason, CAS_REBUILD_EMPTY,
				   "no PVR entry is left after clamping to the compat caps");
	if (!modern_kept)
		cas_ask_hash_xics(out, o, &lay, res);
	return CAS_REBUILD_OK;
}

char *cas_rebuild_describe_hash_xics(const struct cas_rebuild_result *res,
				     char *buf, size_t buflen)
{
	size_t pos = 0;
	unsigned i;

	if (!buflen)
		return buf;
	buf[0] = '\0';
	if (!res->hash_xics)
		return buf;
	pos = (size_t)snprintf(buf, buflen, "hash+XICS (%s",
			       res->n_changes ? "cleared " : "nothing to clear");
	for (i = 0; i < res->n_changes && pos < buflen; i++)
		pos += (size_t)snprintf(buf + pos, buflen - pos, "%sOV%u byte %u 0x%02x",
					i ? ", " : "", res->changes[i].vector,
					res->changes[i].byte, res->changes[i].cleared);
	if (pos < buflen)
		snprintf(buf + pos, buflen - pos, ")");
	return buf;
}

/* Appends s to buf[0..buflen), keeping it NUL-terminated. */
static void cas_append(char *buf, size_t buflen, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (*pos + 1 >= buflen)
		return;
	if (n > buflen - 1 - *pos)
		n = buflen - 1 - *pos;
	memcpy(buf + *pos, s, n);
	*pos += n;
	buf[*pos] = '\0';
}

static void cas_append_levels(char *buf, size_t buflen, size_t *pos,
			      const char *label, unsigned set)
{
	bool first = true;
	size_t i;

	if (!set)
		return;
	if (*pos)
		cas_append(buf, buflen, pos, " ");
	cas_append(buf, buflen, pos, label);
	for (i = 0; i < CAS_N_LEVELS; i++) {
		enum compat_level l = cas_levels[i];

		if (!(set & (1u << l)))
			continue;
		cas_append(buf, buflen, pos, first ? " " : ",");
		cas_append(buf, buflen, pos, compat_level_name(l));
		first = false;
	}
}

char *cas_vector_describe(const struct cas_vector *v, char *buf, size_t buflen)
{
	unsigned raw = 0, logical = 0, i;
	bool legacy = false;
	size_t pos = 0;

	if (!buflen)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < v->n_entries && i <= CAS_MAX_PVR_ENTRIES; i++) {
		const struct cas_pvr_entry *e = &v->entries[i];

		if (e->kind == CAS_ENTRY_TERMINATOR)
			break;
		if (e->level == COMPAT_LEVEL_LEGACY)
			legacy = true;
		else if (e->kind == CAS_ENTRY_LOGICAL)
			logical |= 1u << e->level;
		else
			raw |= cas_raw_match_set(e->mask, e->value);
	}
	cas_append_levels(buf, buflen, &pos, "raw", raw);
	cas_append_levels(buf, buflen, &pos, "logical", logical);
	if (legacy)
		cas_append(buf, buflen, &pos, pos ? " +legacy" : "legacy only");
	else if (!raw && !logical)
		cas_append(buf, buflen, &pos, "no PVR entries");
	return buf;
}
