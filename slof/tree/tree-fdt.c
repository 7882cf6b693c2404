/* SPDX-License-Identifier: MIT */
/* Builds the live tree from the hypervisor's FDT, and merges the FDT that
 * the hypervisor returns from client-architecture-support. */
#include <string.h>

#include "be.h"
#include "fdt/fdt-reader.h"
#include "tree/tree.h"

#define MAX_DEPTH 64

static size_t name_len_without_unit(const char *s)
{
	const char *at = strchr(s, '@');

	return at ? (size_t)(at - s) : strlen(s);
}

static int add_name_prop(struct of_node *n)
{
	char buf[64];
	size_t len;

	if (!n->parent || of_has_prop(n, "name"))
		return 0;
	len = name_len_without_unit(n->name);
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, n->name, len);
	buf[len] = '\0';
	return of_set_string(n, "name", buf);
}

/* Finds the child with exactly this full name (for merging). */
static struct of_node *exact_child(struct of_node *parent, const char *name)
{
	of_for_each_child(c, parent)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static struct of_node *other_with_phandle(struct of_node *n, uint32_t ph,
					  const struct of_node *keep)
{
	if (n != keep && n->phandle == ph)
		return n;
	of_for_each_child(c, n) {
		struct of_node *hit = other_with_phandle(c, ph, keep);

		if (hit)
			return hit;
	}
	return NULL;
}

/* Whether n is top or below it (compares pointers only: n may be gone). */
static bool in_subtree(const struct of_node *top, const struct of_node *n)
{
	if (top == n)
		return true;
	for (const struct of_node *c = top->child; c; c = c->sibling)
		if (in_subtree(c, n))
			return true;
	return false;
}

/* A node of the new tree whose phandle an existing node already uses has
 * replaced it (XICS <-> XIVE at CAS): the old node goes, unless it is the
 * root or holds the new node. */
static void drop_phandle_twin(struct of_node *keep)
{
	uint32_t len;
	const void *v = of_get_prop(keep, "phandle", &len);
	struct of_node *old;

	if (!v || len != 4)
		return;
	old = other_with_phandle(of_root(), be32_read(v), keep);
	if (old && in_subtree(old, keep))
		return;
	if (old) {
		of_node_remove(old);
		keep->phandle = 0;
		of_assign_phandle(keep);
	}
}

static int walk(const void *fdt, size_t max_size, bool merge, const char **reason)
{
	struct fdt_reader r;
	struct fdt_cursor c;
	struct fdt_event ev;
	struct of_node *stack[MAX_DEPTH + 1];
	struct of_node *twins[16];
	unsigned n_twins = 0;
	int depth = 0;

	if (fdt_reader_open(&r, fdt, max_size, reason) != 0)
		return -1;
	fdt_cursor_init(&c, &r);
	for (;;) {
		if (fdt_cursor_next(&c, &ev) != 0) {
			*reason = "device tree structure is malformed";
			return -1;
		}
		switch (ev.kind) {
		case FDT_EV_BEGIN_NODE:
			if (depth >= MAX_DEPTH) {
				*reason = "device tree nested too deeply";
				return -1;
			}
			if (depth == 0) {
				stack[0] = of_root();
			} else {
				struct of_node *parent = stack[depth - 1];
				struct of_node *n = merge ? exact_child(parent, ev.name) : NULL;

				if (!n)
					n = of_node_add(parent, ev.name, strlen(ev.name));
				if (!n) {
					*reason = "out of memory building the device tree";
					return -1;
				}
				stack[depth] = n;
			}
			depth++;
			break;
		case FDT_EV_PROP:
			if (depth == 0 ||
			    of_set_prop(stack[depth - 1], ev.name, ev.value, ev.len) != 0) {
				*reason = "cannot store a device tree property";
				return -1;
			}
			break;
		case FDT_EV_END_NODE:
			if (depth == 0) {
				*reason = "unbalanced device tree nodes";
				return -1;
			}
			depth--;
			if (add_name_prop(stack[depth]) != 0) {
				*reason = "out of memory building the device tree";
				return -1;
			}
			of_assign_phandle(stack[depth]);
			if (merge && n_twins < 16 && of_has_prop(stack[depth], "phandle"))
				twins[n_twins++] = stack[depth];
			break;
		case FDT_EV_END:
			/* An earlier replacement may have removed a later one. */
			for (unsigned i = 0; i < n_twins; i++)
				if (in_subtree(of_root(), twins[i]))
					drop_phandle_twin(twins[i]);
			return 0;
		}
	}
}

int of_import_fdt(const void *fdt, size_t max_size, const char **reason)
{
	return walk(fdt, max_size, false, reason);
}

int of_merge_fdt(const void *fdt, size_t max_size, const char **reason)
{
	return walk(fdt, max_size, true, reason);
}
