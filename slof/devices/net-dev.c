/* SPDX-License-Identifier: MIT */
/* The registry of network interfaces (slof/devices/net-dev.h). */
#include <stddef.h>

#include "devices/net-dev.h"

#define MAX_NET_DEVS 8

static struct net_dev *devs[MAX_NET_DEVS];
static unsigned n_devs;

int net_dev_register(struct of_node *node, struct net_dev *dev)
{
	if (!node || !dev || !dev->ops || !dev->ops->up || !dev->ops->down)
		return -1;
	for (unsigned i = 0; i < n_devs; i++) {
		if (devs[i]->node == node) {
			devs[i] = dev;
			dev->node = node;
			return 0;
		}
	}
	if (n_devs == MAX_NET_DEVS)
		return -1;
	if (!of_has_prop(node, "device_type") && of_set_string(node, "device_type", "network") != 0)
		return -1;
	dev->node = node;
	devs[n_devs++] = dev;
	return 0;
}

struct net_dev *net_dev_find(const struct of_node *node)
{
	for (unsigned i = 0; i < n_devs; i++)
		if (devs[i]->node == node)
			return devs[i];
	return NULL;
}

struct net_dev *net_dev_get(unsigned i)
{
	return i < n_devs ? devs[i] : NULL;
}

int net_dev_up(struct net_dev *dev, const char **reason)
{
	int rc;

	if (dev->is_up)
		return 0;
	rc = dev->ops->up(dev, reason);
	if (rc != 0)
		return rc;
	dev->is_up = true;
	return 0;
}

void net_dev_down(struct net_dev *dev)
{
	if (!dev->is_up)
		return;
	dev->ops->down(dev);
	dev->is_up = false;
}

void net_dev_quiesce_all(void)
{
	for (unsigned i = 0; i < n_devs; i++)
		net_dev_down(devs[i]);
}
