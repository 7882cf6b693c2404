/* SPDX-License-Identifier: MIT */
/* Flattened device tree reader: fdt_reader_open() checks the header and
 * walks the whole structure block once with the same step function the
 * cursor uses, so a walk after a successful open cannot meet a bad token. */
#include <stdbool.h>

#include "fdt/fdt-reader.h"

#define FDTR_HDR_SIZE		40u	/* v17 header; blocks must not overlap it */
#define FDTR_MAX_DEPTH		64
#define FDTR_RSV_ENTRY		16u

#define FDTR_TOK_BEGIN_NODE	0x1u
#define FDTR_TOK_END_NODE	0x2u
#define FDTR_TOK_PROP		0x3u
#define FDTR_TOK_NOP		0x4u
#define FDTR_TOK_END		0x9u

/* Header field offsets. */
#define FDTR_H_MAGIC		0
#define FDTR_H_TOTALSIZE	4
#define FDTR_H_OFF_STRUCT	8
#define FDTR_H_OFF_STRINGS	12
#define FDTR_H_OFF_RSVMAP	16
#define FDTR_H_VERSION		20
#define FDTR_H_LAST_COMP	24
#define FDTR_H_BOOT_CPUID	28
#define FDTR_H_SIZE_STRINGS	32
#define FDTR_H_SIZE_STRUCT	36

static uint32_t fdtr_align4(uint32_t v)
{
	return (v + 3u) & ~3u;
}

/* Sets *len to the length of the string at s and returns true, or returns
 * false if there is no NUL within max bytes. */
static bool fdtr_strlen_in(const uint8_t *s, uint32_t max, uint32_t *len)
{
	uint32_t i;

	for (i = 0; i < max; i++) {
		if (s[i] == 0) {
			*len = i;
			return true;
		}
	}
	return false;
}

static int fdtr_has_byte(const uint8_t *s, uint32_t n, uint8_t c)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (s[i] == c)
			return 1;
	return 0;
}

/* Token at structure offset off; the caller checked off + 4 <= size. */
static uint32_t fdtr_token(const struct fdt_reader *r, uint32_t off)
{
	return be32_read(r->blob + r->off_struct + off);
}

/* First offset at or after off that does not hold FDT_NOP (may be past the
 * block: the caller then reports the truncation). */
static uint32_t fdtr_skip_nops(const struct fdt_reader *r, uint32_t off)
{
	while (r->size_struct >= 4u && off <= r->size_struct - 4u &&
	       fdtr_token(r, off) == FDTR_TOK_NOP)
		off += 4u;
	return off;
}

/* Offset of the next non-NOP token, or ~0u if none fits in the block. */
static uint32_t fdtr_peek(const struct fdt_reader *r, uint32_t off,
			  uint32_t *tok)
{
	off = fdtr_skip_nops(r, off);
	if (r->size_struct < 4u || off > r->size_struct - 4u)
		return ~0u;
	*tok = fdtr_token(r, off);
	return off;
}

/* Decodes one event at *off (after NOPs) with *depth open nodes, checking
 * everything about it; advances *off and *depth. On FDT_END, *off stays on
 * the token so that repeated calls return FDT_END again. v16_walk: the
 * block size is only an upper bound (v16 header), FDT_END may end early. */
static int fdtr_step(const struct fdt_reader *r, uint32_t *off, int *depth,
		     struct fdt_event *ev, int v16_walk, const char **reason)
{
	uint32_t size = r->size_struct;
	const uint8_t *base = r->blob + r->off_struct;
	uint32_t o, tok, next, peek, peek_tok, nlen;

	if (*off & 3u)
		return status_fail_into(reason, STATUS_EMALFORMED, "misaligned token in structure block");
	o = fdtr_skip_nops(r, *off);
	if (size < 4u || o > size - 4u)
		return status_fail_into(reason, STATUS_EMALFORMED, "structure block ends before FDT_END");
	tok = fdtr_token(r, o);
	ev->name = NULL;
	ev->value = NULL;
	ev->len = 0;

	switch (tok) {
	case FDTR_TOK_BEGIN_NODE:
		if (!fdtr_strlen_in(base + o + 4u, size - o - 4u, &nlen))
			return status_fail_into(reason, STATUS_EMALFORMED, "node name not terminated inside structure block");
		if (fdtr_has_byte(base + o + 4u, nlen, '/')) {
			/* It would make the node reachable by a wrong path. */
			return status_fail_into(reason, STATUS_EMALFORMED, "node name contains '/'");
		}
		if (*depth == 0 && nlen != 0)
			return status_fail_into(reason, STATUS_EMALFORMED, "root node name not empty");
		if (*depth >= FDTR_MAX_DEPTH)
			return status_fail_into(reason, STATUS_ETOOBIG, "nodes nested deeper than 64 levels");
		ev->kind = FDT_EV_BEGIN_NODE;
		ev->name = (const char *)(base + o + 4u);
		ev->depth = ++*depth;
		/* o + 4 + nlen + 1 <= size, so no overflow. */
		*off = fdtr_align4(o + 4u + nlen + 1u);
		return 0;

	case FDTR_TOK_PROP: {
		uint32_t len, nameoff;

		if (*depth == 0)
			return status_fail_into(reason, STATUS_EMALFORMED, "property outside any node");
		if (size - o < 12u)
			return status_fail_into(reason, STATUS_EMALFORMED, "property header past end of structure block");
		len = be32_read(base + o + 4u);
		nameoff = be32_read(base + o + 8u);
		if (len > size - o - 12u)
			return status_fail_into(reason, STATUS_EMALFORMED, "property value past end of structure block");
		if (nameoff >= r->size_strings)
			return status_fail_into(reason, STATUS_EMALFORMED, "property name offset outside strings block");
		if (!fdtr_strlen_in(r->blob + r->off_strings + nameoff,
				    r->size_strings - nameoff, &nlen))
			return status_fail_into(reason, STATUS_EMALFORMED, "property name not terminated inside strings block");
		ev->kind = FDT_EV_PROP;
		ev->name = (const char *)(r->blob + r->off_strings + nameoff);
		ev->value = base + o + 12u;
		ev->len = len;
		ev->depth = *depth;
		/* o + 12 + len <= size <= 2^32 - 4, so aligning cannot wrap. */
		*off = fdtr_align4(o + 12u + len);
		return 0;
	}

	case FDTR_TOK_END_NODE:
		if (*depth == 0)
			return status_fail_into(reason, STATUS_EMALFORMED, "FDT_END_NODE without matching FDT_BEGIN_NODE");
		next = o + 4u;
		peek = fdtr_peek(r, next, &peek_tok);
		if (peek != ~0u && *depth > 1 && peek_tok == FDTR_TOK_PROP)
			return status_fail_into(reason, STATUS_EMALFORMED, "property after a child node");
		if (peek != ~0u && *depth == 1) {
			/* After the root only FDT_END may come (libfdt also
			 * refuses NOPs there). */
			if (peek_tok == FDTR_TOK_BEGIN_NODE)
				return status_fail_into(reason, STATUS_EMALFORMED, "more than one root node");
			if (peek_tok == FDTR_TOK_PROP)
				return status_fail_into(reason, STATUS_EMALFORMED, "property outside any node");
			if (peek_tok == FDTR_TOK_END_NODE)
				return status_fail_into(reason, STATUS_EMALFORMED, "FDT_END_NODE without matching FDT_BEGIN_NODE");
			if (peek != next)
				return status_fail_into(reason, STATUS_EMALFORMED, "FDT_NOP between the root node and FDT_END");
		}
		ev->kind = FDT_EV_END_NODE;
		ev->depth = (*depth)--;
		*off = next;
		return 0;

	case FDTR_TOK_END:
		if (*depth == 0 && o == fdtr_skip_nops(r, 0))
			return status_fail_into(reason, STATUS_EMALFORMED, "no root node");
		if (*depth != 0)
			return status_fail_into(reason, STATUS_EMALFORMED, "FDT_END inside an open node");
		if (!v16_walk && o + 4u != size)
			return status_fail_into(reason, STATUS_EMALFORMED, "data after FDT_END in structure block");
		ev->kind = FDT_EV_END;
		ev->depth = 0;
		*off = o;
		return 0;

	default:
		return status_fail_into(reason, STATUS_EMALFORMED, "unknown token in structure block");
	}
}

/* Checks that [off, off + size) lies in [FDTR_HDR_SIZE, totalsize). */
static const char *fdtr_check_block(uint32_t off, uint64_t size,
				    uint32_t totalsize, const char *overlaps,
				    const char *outside)
{
	if (off < FDTR_HDR_SIZE)
		return overlaps;
	if ((uint64_t)off + size > totalsize)
		return outside;
	return NULL;
}

/* Where the header puts the blocks: NULL, or what is wrong. */
static const char *fdtr_check_blocks(struct fdt_reader *r, size_t max_size,
				     uint32_t version)
{
	const uint8_t *h = r->blob;
	const char *why;

	r->totalsize = be32_read(h + FDTR_H_TOTALSIZE);
	r->off_struct = be32_read(h + FDTR_H_OFF_STRUCT);
	r->off_strings = be32_read(h + FDTR_H_OFF_STRINGS);
	r->off_rsvmap = be32_read(h + FDTR_H_OFF_RSVMAP);
	r->boot_cpuid = be32_read(h + FDTR_H_BOOT_CPUID);
	r->size_strings = be32_read(h + FDTR_H_SIZE_STRINGS);
	if (r->totalsize < FDTR_HDR_SIZE)
		return "totalsize smaller than the header";
	if (r->totalsize > max_size)
		return "totalsize larger than the buffer";

	why = fdtr_check_block(r->off_rsvmap, FDTR_RSV_ENTRY, r->totalsize,
			       "memory reservation map overlaps the header",
			       "memory reservation map outside the blob");
	if (why)
		return why;
	if (r->off_rsvmap & 7u)
		return "memory reservation map not 8-byte aligned";

	if (r->off_struct & 3u)
		return "structure block not 4-byte aligned";
	if (version >= 17u) {
		r->size_struct = be32_read(h + FDTR_H_SIZE_STRUCT);
	} else {
		/* v16: no size field; the walk finds FDT_END before this. */
		r->size_struct = r->off_struct < r->totalsize ?
				 r->totalsize - r->off_struct : 0;
	}
	why = fdtr_check_block(r->off_struct, r->size_struct, r->totalsize,
			       "structure block overlaps the header",
			       "structure block outside the blob");
	if (why)
		return why;
	if (version < 17u && r->off_struct >= r->totalsize)
		return "structure block outside the blob";

	return fdtr_check_block(r->off_strings, r->size_strings, r->totalsize,
				"strings block overlaps the header",
				"strings block outside the blob");
}

static int fdtr_check_header(struct fdt_reader *r, size_t max_size,
			     uint32_t *version, const char **reason)
{
	const uint8_t *h = r->blob;
	uint32_t last_comp;
	const char *why;

	if (max_size < FDTR_HDR_SIZE)
		return status_fail_into(reason, STATUS_EMALFORMED, "buffer smaller than the FDT header");
	if (be32_read(h + FDTR_H_MAGIC) != FDT_READER_MAGIC)
		return status_fail_into(reason, STATUS_EMALFORMED, "bad magic");
	*version = be32_read(h + FDTR_H_VERSION);
	last_comp = be32_read(h + FDTR_H_LAST_COMP);
	if (*version < 16u)
		return status_fail_into(reason, STATUS_EUNSUPPORTED, "version older than 16");
	if (last_comp > 17u)
		return status_fail_into(reason, STATUS_EUNSUPPORTED, "last compatible version newer than 17");
	if (last_comp > *version)
		return status_fail_into(reason, STATUS_EMALFORMED, "last compatible version above version");
	why = fdtr_check_blocks(r, max_size, *version);
	if (why)
		return status_fail_into(reason, STATUS_EMALFORMED, why);
	return 0;
}

int fdt_reader_open(struct fdt_reader *r, const void *blob, size_t max_size,
		    const char **reason)
{
	struct fdt_reader t = { 0 };
	struct fdt_event ev;
	const char *why;
	uint32_t version = 0, off = 0;
	int depth = 0, rc;
	uint64_t a, s;

	if (!r)
		return status_fail(reason, STATUS_EINVAL, "no reader");
	if (!blob)
		return status_fail(reason, STATUS_EINVAL, "no blob");
	t.blob = blob;
	rc = fdtr_check_header(&t, max_size, &version, &why);
	if (rc != 0)
		return status_fail(reason, rc, why);

	/* One scan for an entry that cannot exist (a 4 GiB blob holds fewer
	 * than 2^28 entries): it ends at the terminator or the blob's end. */
	if (fdt_reader_rsv(&t, ~0u, &a, &s) != 0)
		return status_fail(reason, STATUS_EMALFORMED,
				   "memory reservation map not terminated inside the blob");

	/* Each step consumes at least 4 bytes, so this ends. */
	do {
		rc = fdtr_step(&t, &off, &depth, &ev, version < 17u, &why);
		if (rc != 0)
			return status_fail(reason, rc, why);
	} while (ev.kind != FDT_EV_END);
	if (version < 17u)
		t.size_struct = off + 4u;

	*r = t;
	if (reason)
		*reason = NULL;
	return 0;
}

void fdt_cursor_init(struct fdt_cursor *c, const struct fdt_reader *r)
{
	c->fdt = r;
	c->off = fdtr_skip_nops(r, 0);
	c->depth = 0;
}

int fdt_cursor_next(struct fdt_cursor *c, struct fdt_event *ev)
{
	const char *why;
	uint32_t off = c->off;
	int depth = c->depth;
	int rc = fdtr_step(c->fdt, &off, &depth, ev, 0, &why);

	if (rc != 0)
		return rc;
	c->off = off;
	c->depth = depth;
	return 0;
}

int fdt_reader_rsv(const struct fdt_reader *r, unsigned idx, uint64_t *addr,
		   uint64_t *size)
{
	uint64_t off = r->off_rsvmap;
	unsigned i;

	for (i = 0;; i++, off += FDTR_RSV_ENTRY) {
		uint64_t a, s;

		if (off + FDTR_RSV_ENTRY > r->totalsize)
			return STATUS_EMALFORMED;
		a = be64_read(r->blob + off);
		s = be64_read(r->blob + off + 8u);
		/* DTSpec ends the map with (0,0); libfdt, dtc and Linux stop
		 * at the first size 0, and so do we: a zero-size entry
		 * reserves nothing, and readers must agree on the count. */
		if (s == 0)
			return 0;
		if (i == idx) {
			*addr = a;
			*size = s;
			return 1;
		}
	}
}
