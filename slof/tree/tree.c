/* SPDX-License-Identifier: MIT */
/* Live device tree: nodes, properties, paths and package handles. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "heap/heap.h"
#include "tree/instance.h"
#include "tree/tree.h"

#define PHANDLE_BASE 0x10000000u

static struct of_node *root;

/* Package handles: fresh ones index this table; QEMU-given ones are found
 * by a scan of explicit[] (a handful of nodes). */
static struct of_node **assigned;
static unsigned n_assigned, cap_assigned;
static struct of_node **explicit;
static unsigned n_explicit, cap_explicit;

static int grow(struct of_node ***arr, unsigned *cap, unsigned need)
{
	struct of_node **n;
	unsigned newcap;

	if (need <= *cap)
		return 0;
	newcap = *cap ? *cap * 2 : 64;
	while (newcap < need)
		newcap *= 2;
	n = heap_alloc(newcap * sizeof(*n));
	if (!n)
		return -1;
	if (*arr) {
		memcpy(n, *arr, *cap * sizeof(*n));
		heap_free(*arr);
	}
	*arr = n;
	*cap = newcap;
	return 0;
}

int of_tree_init(void)
{
	root = heap_zalloc(sizeof(*root));
	if (!root)
		return -1;
	root->name = heap_strndup("", 0);
	of_assign_phandle(root);
	return root->name ? 0 : -1;
}

struct of_node *of_root(void)
{
	return root;
}

/* Takes n out of explicit[] (keeping the order: the last of duplicate
 * handles wins), so removed nodes and changed handles do not pile up. */
static void drop_explicit(const struct of_node *n)
{
	unsigned k = 0;

	for (unsigned i = 0; i < n_explicit; i++)
		if (explicit[i] != n)
			explicit[k++] = explicit[i];
	n_explicit = k;
}

void of_assign_phandle(struct of_node *n)
{
	uint32_t len;
	const void *v = of_get_prop(n, "phandle", &len);

	if (!v || len != 4)
		v = of_get_prop(n, "linux,phandle", &len);
	if (v && len == 4 && be32_read(v) != 0 && be32_read(v) != 0xffffffffu) {
		uint32_t ph = be32_read(v);

		if (n->phandle == ph)
			return;
		if (grow(&explicit, &cap_explicit, n_explicit + 1) == 0) {
			drop_explicit(n);	/* listed under an earlier handle */
			/* A fresh number it held before no longer names it. */
			if (n->phandle >= PHANDLE_BASE && n->phandle - PHANDLE_BASE < n_assigned &&
			    assigned[n->phandle - PHANDLE_BASE] == n)
				assigned[n->phandle - PHANDLE_BASE] = NULL;
			explicit[n_explicit++] = n;
			n->phandle = ph;
			return;
		}
	}
	if (n->phandle)
		return;
	if (grow(&assigned, &cap_assigned, n_assigned + 1) == 0) {
		assigned[n_assigned] = n;
		n->phandle = PHANDLE_BASE + n_assigned++;
	}
}

struct of_node *of_find_phandle(phandle_t ph)
{
	if (ph >= PHANDLE_BASE && ph - PHANDLE_BASE < n_assigned) {
		struct of_node *n = assigned[ph - PHANDLE_BASE];

		if (n && n->phandle == ph)
			return n;
	}
	for (unsigned i = n_explicit; i-- > 0;)
		if (explicit[i] && explicit[i]->phandle == ph)
			return explicit[i];
	return NULL;
}

struct of_node *of_node_add(struct of_node *parent, const char *name, size_t len)
{
	struct of_node *n = heap_zalloc(sizeof(*n)), **link;

	if (!n)
		return NULL;
	n->name = heap_strndup(name, len);
	if (!n->name) {
		heap_free(n);
		return NULL;
	}
	n->parent = parent;
	for (link = &parent->child; *link; link = &(*link)->sibling)
		;
	*link = n;
	return n;
}

static void forget_phandle(struct of_node *n)
{
	drop_explicit(n);
	if (n->phandle >= PHANDLE_BASE && n->phandle - PHANDLE_BASE < n_assigned &&
	    assigned[n->phandle - PHANDLE_BASE] == n)
		assigned[n->phandle - PHANDLE_BASE] = NULL;
}

static void free_subtree(struct of_node *n)
{
	while (n->child) {
		struct of_node *c = n->child;

		n->child = c->sibling;
		free_subtree(c);
	}
	while (n->props) {
		struct of_prop *p = n->props;

		n->props = p->next;
		heap_free(p->name);
		heap_free(p->value);
		heap_free(p);
	}
	forget_phandle(n);
	heap_free(n->name);
	heap_free(n);
}

void of_node_remove(struct of_node *n)
{
	struct of_node **link;

	if (!n || !n->parent)
		return;
	instance_close_subtree(n);
	for (link = &n->parent->child; *link; link = &(*link)->sibling) {
		if (*link == n) {
			*link = n->sibling;
			break;
		}
	}
	free_subtree(n);
}

/* Splits "name@unit" into its two parts (unit NULL if none). */
static size_t name_part_len(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);

	return at ? (size_t)(at - s) : len;
}

/* Compares unit addresses: equal as strings ignoring case, or equal as
 * comma-separated hex numbers ("8000000000000000" vs "8000000000000000,0"
 * is not equal; leading zeros are). */
static bool units_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen == blen && strncasecmp(a, b, alen) == 0)
		return true;
	while (alen && blen) {
		unsigned long long x = 0, y = 0;
		size_t i = 0, j = 0;

		for (; i < alen && a[i] != ','; i++) {
			if (!isxdigit((unsigned char)a[i]))
				return false;
			x = x * 16 + (unsigned)(isdigit((unsigned char)a[i]) ? a[i] - '0' : tolower((unsigned char)a[i]) - 'a' + 10);
		}
		for (; j < blen && b[j] != ','; j++) {
			if (!isxdigit((unsigned char)b[j]))
				return false;
			y = y * 16 + (unsigned)(isdigit((unsigned char)b[j]) ? b[j] - '0' : tolower((unsigned char)b[j]) - 'a' + 10);
		}
		if (x != y || i == 0 || j == 0)
			return false;
		a += i; alen -= i;
		b += j; blen -= j;
		if (alen && blen) {
			a++; alen--;
			b++; blen--;
		} else if (alen || blen) {
			return false;
		}
	}
	return alen == 0 && blen == 0;
}

static struct of_node *match_child(const struct of_node *parent, const char *comp, size_t len)
{
	size_t cname = name_part_len(comp, len);
	bool has_unit = cname < len;
	struct of_node *first = NULL;

	for (struct of_node *c = parent->child; c; c = c->sibling) {
		size_t clen = strlen(c->name);
		size_t nname = name_part_len(c->name, clen);

		if (nname != cname || strncmp(c->name, comp, cname) != 0)
			continue;
		if (!has_unit) {
			/* "/memory" means memory@0 even when QEMU lists a NUMA
			 * node's memory@40000000 first. */
			if (nname < clen && units_equal("0", 1, c->name + nname + 1, clen - nname - 1))
				return c;
			if (!first)
				first = c;
			continue;
		}
		if (nname < clen &&
		    units_equal(comp + cname + 1, len - cname - 1, c->name + nname + 1,
				clen - nname - 1))
			return c;
	}
	return first;
}

struct of_node *of_find_child(const struct of_node *parent, const char *name)
{
	return match_child(parent, name, strlen(name));
}

struct of_node *of_find_path_from(struct of_node *start, const char *path, size_t len)
{
	struct of_node *n = start;
	size_t i = 0;

	while (i < len) {
		size_t j;

		while (i < len && path[i] == '/')
			i++;
		if (i >= len)
			break;
		for (j = i; j < len && path[j] != '/'; j++)
			;
		{
			/* Device arguments ("disk@0:1,\boot") are not part of the name. */
			const char *colon = memchr(path + i, ':', j - i);
			size_t clen = colon ? (size_t)(colon - (path + i)) : j - i;

			if (clen == 2 && strncmp(path + i, "..", 2) == 0)
				n = n->parent ? n->parent : n;
			else if (!(clen == 1 && path[i] == '.'))
				n = match_child(n, path + i, clen);
			if (!n)
				return NULL;
			if (colon)
				return n;
		}
		i = j;
	}
	return n;
}

struct of_node *of_find_path(const char *path)
{
	if (!root || !path || path[0] != '/')
		return NULL;
	return of_find_path_from(root, path, strlen(path));
}

struct of_node *of_find_device(const char *path)
{
	struct of_node *aliases;
	size_t alen;
	const char *value;
	char name[OF_PROP_NAME_MAX + 1];

	if (!path)
		return NULL;
	if (path[0] == '/')
		return of_find_path(path);
	for (alen = 0; path[alen] && path[alen] != '/' && path[alen] != ':'; alen++)
		;
	aliases = of_find_path("/aliases");
	if (!aliases || alen == 0 || alen > OF_PROP_NAME_MAX)
		return NULL;
	memcpy(name, path, alen);
	name[alen] = '\0';
	value = of_get_string(aliases, name);
	if (!value || value[0] != '/')
		return NULL;
	{
		struct of_node *n = of_find_path(value);

		if (n && path[alen] == '/')
			n = of_find_path_from(n, path + alen, strlen(path + alen));
		return n;
	}
}

static struct of_prop *find_prop(const struct of_node *n, const char *name)
{
	for (struct of_prop *p = n->props; p; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

const void *of_get_prop(const struct of_node *n, const char *name, uint32_t *len)
{
	struct of_prop *p = n ? find_prop(n, name) : NULL;

	if (!p)
		return NULL;
	if (len)
		*len = p->len;
	return p->value ? p->value : (const void *)"";
}

bool of_has_prop(const struct of_node *n, const char *name)
{
	return of_get_prop(n, name, NULL) != NULL;
}

uint32_t of_get_u32_or(const struct of_node *n, const char *name, uint32_t def)
{
	uint32_t len;
	const void *v = of_get_prop(n, name, &len);

	return v && len >= 4 ? be32_read(v) : def;
}

bool of_is_type(const struct of_node *n, const char *type)
{
	const char *t = of_get_string(n, "device_type");

	return t && strcmp(t, type) == 0;
}

uint64_t of_read_cells(const void *p, unsigned cells)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (unsigned i = 0; i < cells; i++)
		v = (v << 32) | be32_read(b + 4 * i);
	return v;
}

const char *of_get_string(const struct of_node *n, const char *name)
{
	uint32_t len;
	const char *v = of_get_prop(n, name, &len);

	if (!v || len == 0 || v[len - 1] != '\0')
		return NULL;
	return v;
}

int of_set_prop(struct of_node *n, const char *name, const void *value, uint32_t len)
{
	struct of_prop *p, **link;
	uint8_t *copy = NULL;

	if (!n || strnlen(name, OF_PROP_NAME_MAX + 1) > OF_PROP_NAME_MAX || !name[0])
		return -1;
	if (len) {
		copy = heap_alloc(len);
		if (!copy)
			return -1;
		memcpy(copy, value, len);
	}
	p = find_prop(n, name);
	if (p) {
		heap_free(p->value);
		p->value = copy;
		p->len = len;
	} else {
		p = heap_zalloc(sizeof(*p));
		if (!p || !(p->name = heap_strndup(name, OF_PROP_NAME_MAX))) {
			heap_free(p);
			heap_free(copy);
			return -1;
		}
		p->value = copy;
		p->len = len;
		for (link = &n->props; *link; link = &(*link)->next)
			;
		*link = p;
	}
	if (strcmp(name, "phandle") == 0 || strcmp(name, "linux,phandle") == 0)
		of_assign_phandle(n);
	return 0;
}

int of_set_u32(struct of_node *n, const char *name, uint32_t v)
{
	uint8_t b[4];

	be32_write(b, v);
	return of_set_prop(n, name, b, 4);
}

int of_set_string(struct of_node *n, const char *name, const char *s)
{
	return of_set_prop(n, name, s, (uint32_t)strlen(s) + 1);
}

int of_del_prop(struct of_node *n, const char *name)
{
	for (struct of_prop **link = &n->props; *link; link = &(*link)->next) {
		struct of_prop *p = *link;

		if (strcmp(p->name, name) == 0) {
			*link = p->next;
			heap_free(p->name);
			heap_free(p->value);
			heap_free(p);
			return 0;
		}
	}
	return -1;
}

const struct of_prop *of_next_prop(const struct of_node *n, const char *prev)
{
	const struct of_prop *p;

	if (!prev || !prev[0])
		return n->props;
	p = find_prop(n, prev);
	return p ? p->next : NULL;
}

size_t of_node_path(const struct of_node *n, char *buf, size_t buflen)
{
	size_t len;

	if (!n->parent) {
		if (buflen > 1) {
			buf[0] = '/';
			buf[1] = '\0';
		} else if (buflen) {
			buf[0] = '\0';
		}
		return 1;
	}
	len = of_node_path(n->parent, buf, buflen);
	if (len == 1)
		len = 0;	/* the root's "/" is the separator */
	{
		size_t nlen = strlen(n->name);

		if (len < buflen)
			buf[len] = '/';
		for (size_t i = 0; i < nlen; i++)
			if (len + 1 + i < buflen)
				buf[len + 1 + i] = n->name[i];
		len += 1 + nlen;
		if (buflen)
			buf[len < buflen ? len : buflen - 1] = '\0';
	}
	return len;
}

unsigned of_count_nodes(const struct of_node *n)
{
	unsigned count = 1;

	for (const struct of_node *c = n->child; c; c = c->sibling)
		count += of_count_nodes(c);
	return count;
}
