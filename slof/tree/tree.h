/* SPDX-License-Identifier: MIT */
/* The live device tree: imported once from the hypervisor's FDT, the only
 * truth afterwards. Package handles (phandles) are the nodes' "phandle"
 * property values where QEMU gave one, so interrupt-map and friends stay
 * valid without patching; other nodes get numbers from PHANDLE_BASE up. */
#ifndef SLOF_TREE_H
#define SLOF_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t phandle_t;

struct of_prop {
	struct of_prop *next;
	char *name;
	uint8_t *value;
	uint32_t len;
};

struct of_node {
	struct of_node *parent, *child, *sibling;
	char *name;		/* "name@unit" as in the FDT; "" for the root */
	struct of_prop *props;
	phandle_t phandle;
};

#define OF_PROP_NAME_MAX 63	/* IEEE 1275 says 31; QEMU uses longer names */

/* Creates an empty root. Returns 0 or -1 (out of memory). */
int of_tree_init(void);
struct of_node *of_root(void);

/* Adds a child named name ("name@unit") under parent, last among its
 * siblings. Returns NULL when out of memory. */
struct of_node *of_node_add(struct of_node *parent, const char *name, size_t len);
/* Removes n and its subtree. */
void of_node_remove(struct of_node *n);

/* Finds by absolute path ("/cpus/PowerPC,POWER9@0"). A component without a
 * unit address matches the first child of that name ("/memory" finds
 * "memory@0"); unit addresses compare case-insensitively and as hex
 * numbers. Device arguments after ':' are ignored. NULL if absent. */
struct of_node *of_find_path(const char *path);
/* Same, relative to start, for path of length len (not NUL-terminated). */
struct of_node *of_find_path_from(struct of_node *start, const char *path, size_t len);
/* Resolves an alias or path: "disk" -> /aliases/disk's value. */
struct of_node *of_find_device(const char *path_or_alias);

struct of_node *of_find_phandle(phandle_t ph);
struct of_node *of_find_child(const struct of_node *parent, const char *name);

/* Every child c of parent (none when parent is NULL), declaring c. */
#define of_for_each_child(c, parent) \
	for (struct of_node *c = (parent) ? (parent)->child : NULL; c; c = c->sibling)

const void *of_get_prop(const struct of_node *n, const char *name, uint32_t *len);
/* Whether n's "device_type" is the string type. */
bool of_is_type(const struct of_node *n, const char *type);
/* The number in cells (1 or 2; more keep the low 64 bits) big-endian
 * 32-bit cells at p, as "reg" and "ranges" hold addresses and sizes. */
uint64_t of_read_cells(const void *p, unsigned cells);
bool of_has_prop(const struct of_node *n, const char *name);
uint32_t of_get_u32_or(const struct of_node *n, const char *name, uint32_t def);
/* The property's value if it is a NUL-terminated string, else NULL. */
const char *of_get_string(const struct of_node *n, const char *name);
/* Copies the value. Returns 0, or -1 when out of memory or name too long. */
int of_set_prop(struct of_node *n, const char *name, const void *value, uint32_t len);
int of_set_u32(struct of_node *n, const char *name, uint32_t v);
int of_set_string(struct of_node *n, const char *name, const char *s);
int of_del_prop(struct of_node *n, const char *name);
/* The property after prev (NULL for the first); NULL at the end. */
const struct of_prop *of_next_prop(const struct of_node *n, const char *prev);

/* Writes the node's full path; returns its length (the needed size minus
 * one), which may exceed buflen. */
size_t of_node_path(const struct of_node *n, char *buf, size_t buflen);

/* Gives n a package handle (its "phandle" property or a fresh number). */
void of_assign_phandle(struct of_node *n);
/* Counts nodes, for the summary line. */
unsigned of_count_nodes(const struct of_node *n);

/* Imports a validated FDT into the tree (children of the root, root
 * properties included). Adds each node's "name" property. Returns 0, or -1
 * with *reason set. */
int of_import_fdt(const void *fdt, size_t max_size, const char **reason);

/* Merges the FDT the hypervisor returns from CAS: properties replace
 * existing ones, missing nodes are created, and an existing node whose
 * phandle a new node carries (XICS <-> XIVE interrupt controller) is
 * removed. Returns 0, or -1 with *reason set. */
int of_merge_fdt(const void *fdt, size_t max_size, const char **reason);

/* Writes the whole tree as an FDT (v17, empty reservation map) into a new
 * heap buffer. Returns 0 and sets blob and size, or -1 when out of
 * memory. */
int of_flatten(void **blob, size_t *size);

#endif
