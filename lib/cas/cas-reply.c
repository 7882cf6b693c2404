/* SPDX-License-Identifier: MIT */
/* The processor level named by the device tree the hypervisor returns from
 * client-architecture-support (PSERIES-REFERENCE.md 2.4, 5.5). */
#include <stdbool.h>
#include <string.h>

#include "be.h"
#include "cas/cas-reply.h"
#include "fdt/fdt-reader.h"

int cas_reply_cpu_version(const void *fdt, size_t max_size, uint32_t *pvr)
{
	struct fdt_reader r;
	struct fdt_cursor c;
	struct fdt_event ev;
	const char *why;
	bool in_cpus = false, in_cpu = false;
	int rc = fdt_reader_open(&r, fdt, max_size, &why);

	if (rc != 0)
		return rc;
	fdt_cursor_init(&c, &r);
	/* Depths: the root is 1, /cpus 2, a CPU node 3. The first node under
	 * /cpus is the first CPU: QEMU puts nothing else there, and an old
	 * QEMU's partial reply has no device_type to look for. "cpus@..."
	 * counts as /cpus too, as a path lookup without a unit address would
	 * find it; only the first such node is looked at. */
	while (fdt_cursor_next(&c, &ev) == 0 && ev.kind != FDT_EV_END) {
		if (ev.kind == FDT_EV_BEGIN_NODE && ev.depth == 2) {
			in_cpus = strcmp(ev.name, "cpus") == 0 ||
				  strncmp(ev.name, "cpus@", 5) == 0;
		} else if (ev.kind == FDT_EV_BEGIN_NODE && ev.depth == 3 && in_cpus) {
			in_cpu = true;
		} else if (ev.kind == FDT_EV_PROP && in_cpu && ev.depth == 3 &&
			   strcmp(ev.name, "cpu-version") == 0) {
			if (ev.len != 4)
				return 0;
			*pvr = be32_read(ev.value);
			return 1;
		} else if (ev.kind == FDT_EV_END_NODE && in_cpu && ev.depth == 3) {
			return 0;
		} else if (ev.kind == FDT_EV_END_NODE && in_cpus && ev.depth == 2) {
			return STATUS_ENOTFOUND;	/* /cpus without a node under it */
		}
	}
	return STATUS_ENOTFOUND;
}
