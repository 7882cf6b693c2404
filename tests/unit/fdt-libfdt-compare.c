/* SPDX-License-Identifier: MIT */
/* Walks one blob with libfdt (fdt_next_node, property offsets) and with our
 * cursor in lock step and reports the first difference. */
#include "fdt-libfdt-compare.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fdt/fdt-reader.h"

#define CMP_MAX_DEPTH 64
#define CMP_PATH_MAX 4096

struct cmp {
	const uint8_t *blob;
	size_t size;
	const void *fdt;
	struct fdt_reader r;
	struct fdt_cursor c;
	const char *stack[CMP_MAX_DEPTH + 1];
	int open;	/* nodes our walk has open */
	char *why;
	size_t whylen;
};

static int cmp_fail(struct cmp *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->why, m->whylen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Every pointer our walk hands out must stay inside the blob. */
static int cmp_inside(struct cmp *m, const void *p, size_t len)
{
	const uint8_t *b = p;

	return b >= m->blob && b <= m->blob + m->size &&
	       len <= (size_t)(m->blob + m->size - b);
}

static int cmp_next(struct cmp *m, struct fdt_event *ev)
{
	if (fdt_cursor_next(&m->c, ev) < 0)
		return cmp_fail(m, "our cursor failed after a successful open");
	if (ev->name && !cmp_inside(m, ev->name, strlen(ev->name) + 1))
		return cmp_fail(m, "event name outside the blob");
	if (ev->kind == FDT_EV_PROP && !cmp_inside(m, ev->value, ev->len))
		return cmp_fail(m, "property value outside the blob");
	return 0;
}

/* Our path of the node on top of the stack. */
static void cmp_path(const struct cmp *m, char *buf, size_t len)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	if (m->open <= 1) {
		snprintf(buf, len, "/");
		return;
	}
	for (i = 2; i <= m->open && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "/%s", m->stack[i]);
}

/* Consumes our END_NODE events down to `depth` open nodes. */
static int cmp_close_to(struct cmp *m, int depth, struct fdt_event *ev)
{
	for (;;) {
		if (cmp_next(m, ev) < 0)
			return -1;
		if (ev->kind != FDT_EV_END_NODE)
			return 0;
		if (ev->depth != m->open)
			return cmp_fail(m, "END_NODE depth %d with %d open",
					ev->depth, m->open);
		if (--m->open < depth)
			return cmp_fail(m, "closed more nodes than libfdt did");
	}
}

static int cmp_header(struct cmp *m)
{
	const void *f = m->fdt;

	if (m->r.totalsize != fdt_totalsize(f) ||
	    m->r.off_struct != fdt_off_dt_struct(f) ||
	    m->r.off_strings != fdt_off_dt_strings(f) ||
	    m->r.size_strings != fdt_size_dt_strings(f) ||
	    m->r.off_rsvmap != fdt_off_mem_rsvmap(f) ||
	    m->r.boot_cpuid != fdt_boot_cpuid_phys(f))
		return cmp_fail(m, "header fields differ");
	if (fdt_version(f) >= 17 && m->r.size_struct != fdt_size_dt_struct(f))
		return cmp_fail(m, "size_dt_struct differs");
	return 0;
}

static int cmp_rsv(struct cmp *m, struct fdt_compare_stats *st)
{
	int n = fdt_num_mem_rsv(m->fdt), i;
	uint64_t a, s, la, ls;

	if (n < 0)
		return cmp_fail(m, "libfdt: fdt_num_mem_rsv: %s", fdt_strerror(n));
	for (i = 0; i < n; i++) {
		if (fdt_get_mem_rsv(m->fdt, i, &la, &ls) < 0)
			return cmp_fail(m, "libfdt: fdt_get_mem_rsv %d", i);
		if (fdt_reader_rsv(&m->r, (unsigned)i, &a, &s) != 1)
			return cmp_fail(m, "reservation %d missing", i);
		if (a != la || s != ls)
			return cmp_fail(m, "reservation %d differs", i);
	}
	if (fdt_reader_rsv(&m->r, (unsigned)n, &a, &s) != 0 ||
	    fdt_reader_rsv(&m->r, (unsigned)n + 7, &a, &s) != 0)
		return cmp_fail(m, "reservation map longer than libfdt's (%d)", n);
	st->rsv = (unsigned)n;
	return 0;
}

static int cmp_props(struct cmp *m, int node, struct fdt_compare_stats *st)
{
	struct fdt_event ev;
	const char *lname;
	const void *lval;
	int p, llen;

	fdt_for_each_property_offset(p, m->fdt, node) {
		lval = fdt_getprop_by_offset(m->fdt, p, &lname, &llen);
		if (!lval)
			return cmp_fail(m, "libfdt: getprop_by_offset: %s",
					fdt_strerror(llen));
		if (cmp_next(m, &ev) < 0)
			return -1;
		if (ev.kind != FDT_EV_PROP)
			return cmp_fail(m, "libfdt has property %s, we have kind %d",
					lname, ev.kind);
		if (ev.depth != m->open)
			return cmp_fail(m, "property %s depth %d, %d open",
					lname, ev.depth, m->open);
		if (ev.name != lname || strcmp(ev.name, lname) != 0)
			return cmp_fail(m, "property name %s vs libfdt %s",
					ev.name, lname);
		if ((int)ev.len != llen || ev.value != lval ||
		    memcmp(ev.value, lval, ev.len) != 0)
			return cmp_fail(m, "property %s value differs", lname);
		st->props++;
	}
	if (p != -FDT_ERR_NOTFOUND)
		return cmp_fail(m, "libfdt: property walk: %s", fdt_strerror(p));
	return 0;
}

int fdt_libfdt_compare(const void *blob, size_t size,
		       struct fdt_compare_stats *stats, char *why, size_t whylen)
{
	struct fdt_compare_stats st = { 0 };
	struct cmp m = { .blob = blob, .size = size, .fdt = blob,
			 .why = why, .whylen = whylen };
	static char lpath[CMP_PATH_MAX], opath[CMP_PATH_MAX];
	struct fdt_event ev;
	const char *reason = NULL, *lname;
	int node, ldepth = -1, err, llen, root = -1;

	why[0] = '\0';
	err = fdt_check_full(blob, size);
	if (err)
		return cmp_fail(&m, "libfdt rejects: %s", fdt_strerror(err));
	if (fdt_reader_open(&m.r, blob, size, &reason) < 0)
		return cmp_fail(&m, "fdt_reader_open rejects: %s", reason);
	if (cmp_header(&m) < 0 || cmp_rsv(&m, &st) < 0)
		return -1;

	fdt_cursor_init(&m.c, &m.r);
	/* libfdt leaves the root's depth at -1 + 1 and ends the walk with a
	 * depth below 0 (or NOTFOUND). */
	for (node = fdt_next_node(blob, -1, &ldepth); node >= 0 && ldepth >= 0;
	     node = fdt_next_node(blob, node, &ldepth)) {
		/* libfdt depth is 0 for the root, ours is 1. */
		if (ldepth < 0 || ldepth >= CMP_MAX_DEPTH)
			return cmp_fail(&m, "libfdt depth %d out of range", ldepth);
		if (cmp_close_to(&m, ldepth, &ev) < 0)
			return -1;
		if (m.open != ldepth)
			return cmp_fail(&m, "%d nodes open, libfdt depth %d",
					m.open, ldepth);
		lname = fdt_get_name(blob, node, &llen);
		if (!lname)
			return cmp_fail(&m, "libfdt: get_name: %s",
					fdt_strerror(llen));
		if (ev.kind != FDT_EV_BEGIN_NODE)
			return cmp_fail(&m, "libfdt has node %s, we have kind %d",
					lname, ev.kind);
		if (ev.depth != ldepth + 1)
			return cmp_fail(&m, "node %s depth %d vs libfdt %d",
					lname, ev.depth, ldepth);
		if (ev.name != lname || strlen(ev.name) != (size_t)llen)
			return cmp_fail(&m, "node name %s vs libfdt %s",
					ev.name, lname);
		m.stack[++m.open] = ev.name;
		if (ldepth == 0)
			root = node;
		/* libfdt's path lookups assume the root at offset 0, which
		 * leading FDT_NOPs (allowed by DTSpec) break. */
		if (root == 0) {
			err = fdt_get_path(blob, node, lpath, sizeof(lpath));
			if (err)
				return cmp_fail(&m, "libfdt: get_path: %s",
						fdt_strerror(err));
			cmp_path(&m, opath, sizeof(opath));
			if (strcmp(lpath, opath) != 0)
				return cmp_fail(&m, "path %s vs libfdt %s",
						opath, lpath);
		}
		st.nodes++;
		if ((unsigned)ev.depth > st.max_depth)
			st.max_depth = (unsigned)ev.depth;
		if (cmp_props(&m, node, &st) < 0)
			return -1;
	}
	if (node < 0 && node != -FDT_ERR_NOTFOUND)
		return cmp_fail(&m, "libfdt: next_node: %s", fdt_strerror(node));
	if (cmp_close_to(&m, 0, &ev) < 0)
		return -1;
	if (ev.kind != FDT_EV_END || m.open != 0)
		return cmp_fail(&m, "we have kind %d after libfdt's last node",
				ev.kind);
	if (cmp_next(&m, &ev) < 0 || ev.kind != FDT_EV_END)
		return cmp_fail(&m, "FDT_END is not sticky");
	if (stats)
		*stats = st;
	return 0;
}
