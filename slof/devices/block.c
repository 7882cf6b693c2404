/* SPDX-License-Identifier: MIT */
/* Tree nodes for disks found behind a controller, shared by the drivers'
 * probe code (virtio-scsi, spapr-vscsi). */
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "devices/block.h"

struct of_node *block_disk_node(struct of_node *controller, uint64_t unit)
{
	char name[32];
	uint8_t reg[8];
	struct of_node *n;

	snprintf(name, sizeof(name), "disk@%llx", (unsigned long long)unit);
	n = of_find_child(controller, name);
	if (n)
		return n;
	n = of_node_add(controller, name, strlen(name));
	if (!n)
		return NULL;
	be64_write(reg, unit);
	if (of_set_string(n, "name", "disk") || of_set_prop(n, "reg", reg, sizeof(reg))) {
		of_node_remove(n);
		return NULL;
	}
	of_assign_phandle(n);
	return n;
}
