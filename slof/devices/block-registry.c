/* SPDX-License-Identifier: MIT */
/* The block devices drivers registered, by tree node: what the disk
 * package opens and the boot-device loop walks. */
#include "devices/block.h"
#include "devices/disk.h"

#define MAX_BLOCK_DEVS		32

static struct block_dev *devs[MAX_BLOCK_DEVS];
static unsigned n_devs;

int block_register(struct of_node *node, struct block_dev *dev)
{
	if (!node || !dev || !dev->ops || !dev->ops->read)
		return -1;
	for (unsigned i = 0; i < n_devs; i++) {
		if (devs[i]->node == node) {
			devs[i] = dev;		/* the driver brought it up again */
			dev->node = node;
			return 0;
		}
	}
	if (n_devs == MAX_BLOCK_DEVS)
		return -1;
	disk_package_register();	/* the first device brings the package */
	dev->node = node;
	if (!of_has_prop(node, "device_type") && of_set_string(node, "device_type", "block") != 0)
		return -1;
	devs[n_devs++] = dev;
	return 0;
}

struct block_dev *block_find(const struct of_node *node)
{
	for (unsigned i = 0; i < n_devs; i++)
		if (devs[i]->node == node)
			return devs[i];
	return NULL;
}

struct block_dev *block_nth(unsigned i)
{
	return i < n_devs ? devs[i] : NULL;
}
