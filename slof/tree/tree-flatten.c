/* SPDX-License-Identifier: MIT */
/* Writes the live tree as a flattened device tree (DTSpec v17), for the
 * hypervisor's copy at quiesce (QEMU reads linux,rtas-base from it). */
#include <string.h>

#include "be.h"
#include "heap/heap.h"
#include "tree/tree.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_END 9u
#define HEADER_SIZE 40u
#define RSVMAP_SIZE 16u	/* just the terminating entry */

struct flat {
	uint8_t *buf;		/* NULL while measuring */
	size_t struct_len;
	size_t strings_len;
	size_t strings_off;	/* where the strings block starts in buf */
};

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

static void put32(struct flat *f, uint32_t v)
{
	if (f->buf)
		be32_write(f->buf + HEADER_SIZE + RSVMAP_SIZE + f->struct_len, v);
	f->struct_len += 4;
}

static void put_bytes(struct flat *f, const void *p, size_t n)
{
	if (f->buf) {
		uint8_t *dst = f->buf + HEADER_SIZE + RSVMAP_SIZE + f->struct_len;

		if (n)	/* empty properties have no value (NULL) */
			memcpy(dst, p, n);
		memset(dst + n, 0, align4(n) - n);
	}
	f->struct_len += align4(n);
}

/* Offset of name in the strings block, adding it when new. While
 * measuring, names are counted once per occurrence (an upper bound). */
static uint32_t string_offset(struct flat *f, const char *name)
{
	size_t len = strlen(name) + 1;
	uint32_t off;

	if (f->buf) {
		const char *strings = (const char *)f->buf + f->strings_off;

		for (size_t pos = 0; pos < f->strings_len;) {
			size_t l = strlen(strings + pos) + 1;

			if (l == len && memcmp(strings + pos, name, len) == 0)
				return (uint32_t)pos;
			pos += l;
		}
		memcpy(f->buf + f->strings_off + f->strings_len, name, len);
	}
	off = (uint32_t)f->strings_len;
	f->strings_len += len;
	return off;
}

static void emit_node(struct flat *f, const struct of_node *n)
{
	put32(f, FDT_BEGIN_NODE);
	put_bytes(f, n->name, strlen(n->name) + 1);
	for (const struct of_prop *p = n->props; p; p = p->next) {
		put32(f, FDT_PROP);
		put32(f, p->len);
		put32(f, string_offset(f, p->name));
		put_bytes(f, p->value, p->len);
	}
	for (const struct of_node *c = n->child; c; c = c->sibling)
		emit_node(f, c);
	put32(f, FDT_END_NODE);
}

int of_flatten(void **blob, size_t *size)
{
	struct flat f = { NULL, 0, 0, 0 };
	size_t total;

	emit_node(&f, of_root());
	put32(&f, FDT_END);
	total = HEADER_SIZE + RSVMAP_SIZE + f.struct_len + f.strings_len;
	f.buf = heap_zalloc(total);
	if (!f.buf)
		return -1;
	f.strings_off = HEADER_SIZE + RSVMAP_SIZE + f.struct_len;
	f.struct_len = 0;
	f.strings_len = 0;
	emit_node(&f, of_root());
	put32(&f, FDT_END);
	total = f.strings_off + f.strings_len;
	be32_write(f.buf + 0, FDT_MAGIC);
	be32_write(f.buf + 4, (uint32_t)total);
	be32_write(f.buf + 8, HEADER_SIZE + RSVMAP_SIZE);	/* off_dt_struct */
	be32_write(f.buf + 12, (uint32_t)f.strings_off);	/* off_dt_strings */
	be32_write(f.buf + 16, HEADER_SIZE);			/* off_mem_rsvmap */
	be32_write(f.buf + 20, 17);				/* version */
	be32_write(f.buf + 24, 16);				/* last_comp_version */
	be32_write(f.buf + 28, 0);				/* boot_cpuid_phys */
	be32_write(f.buf + 32, (uint32_t)f.strings_len);
	be32_write(f.buf + 36, (uint32_t)f.struct_len);
	*blob = f.buf;
	*size = total;
	return 0;
}
