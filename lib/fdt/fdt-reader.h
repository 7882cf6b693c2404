/* SPDX-License-Identifier: MIT */
/* Flattened device tree (DTSpec v17) reader: validates a blob completely
 * before use, then walks it as a stream of begin-node / property / end-node
 * events. No allocation, no writes to the blob. */
#ifndef LIB_FDT_FDT_READER_H
#define LIB_FDT_FDT_READER_H

#include <stddef.h>
#include <stdint.h>

#include "be.h"
#include "status/status.h"

#define FDT_READER_MAGIC 0xd00dfeedu

struct fdt_reader {
	const uint8_t *blob;
	uint32_t totalsize;
	uint32_t off_struct, size_struct;
	uint32_t off_strings, size_strings;
	uint32_t off_rsvmap;
	uint32_t boot_cpuid;
};

enum fdt_event_kind {
	FDT_EV_BEGIN_NODE = 1, /* name = "node@unit" ("" for the root) */
	FDT_EV_PROP = 2,       /* name, value, len */
	FDT_EV_END_NODE = 3,
	FDT_EV_END = 4,        /* end of the structure block */
};

struct fdt_event {
	enum fdt_event_kind kind;
	const char *name;      /* NUL-terminated inside the blob */
	const uint8_t *value;  /* property value (FDT_EV_PROP only) */
	uint32_t len;          /* property length (FDT_EV_PROP only) */
	int depth;             /* nesting depth of the node (root = 1) */
};

struct fdt_cursor {
	const struct fdt_reader *fdt;
	uint32_t off;          /* offset into the structure block */
	int depth;
};

/* Checks the header (magic, version >= 16 with last_comp_version <= 17,
 * every block inside totalsize and inside max_size, no overlap with the
 * header) and walks the whole structure block once: tokens aligned, names
 * terminated, property name offsets inside the strings block, nodes nested
 * correctly, exactly one root, FDT_END last. Returns 0 and fills *r, or
 * with *reason set to a static sentence naming what is wrong:
 * STATUS_EUNSUPPORTED for a version before 16 or a last compatible version
 * after 17, STATUS_ETOOBIG for nodes nested deeper than 64 levels,
 * STATUS_EINVAL without r or blob, STATUS_EMALFORMED for the rest. */
int fdt_reader_open(struct fdt_reader *r, const void *blob, size_t max_size,
		    const char **reason);

/* Starts a walk at the root's FDT_BEGIN_NODE. */
void fdt_cursor_init(struct fdt_cursor *c, const struct fdt_reader *r);

/* Returns the next event (skipping FDT_NOP). Returns 0 on success, or
 * fdt_reader_open's code if the blob is malformed (cannot happen after a
 * successful open). After
 * FDT_EV_END, further calls keep returning FDT_EV_END. */
int fdt_cursor_next(struct fdt_cursor *c, struct fdt_event *ev);

/* Memory reservation entry idx. Returns 1 and fills addr/size, 0 at the
 * terminating (0,0) entry or past it, STATUS_EMALFORMED if the map runs
 * out of the blob. */
int fdt_reader_rsv(const struct fdt_reader *r, unsigned idx, uint64_t *addr,
		   uint64_t *size);

#endif
