/* SPDX-License-Identifier: MIT */
/* Cross-check of lib/fdt/fdt-reader against the system libfdt: both must see
 * the same header, reservations, nodes (path, depth, name) and properties. */
#ifndef TESTS_UNIT_FDT_LIBFDT_COMPARE_H
#define TESTS_UNIT_FDT_LIBFDT_COMPARE_H

#include <stddef.h>

struct fdt_compare_stats {
	unsigned nodes, props, rsv;
	unsigned max_depth;
};

/* Opens blob (size bytes) with both libraries and walks both. Returns 0 if
 * they agree (stats filled if non-NULL), or -1 with a description of the
 * first difference in why[whylen]. */
int fdt_libfdt_compare(const void *blob, size_t size,
		       struct fdt_compare_stats *stats, char *why, size_t whylen);

#endif
