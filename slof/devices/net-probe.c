/* SPDX-License-Identifier: MIT */
/* Network interfaces in the tree (slof/devices/net-probe.h). */
#include <stdio.h>

#include "devices/net-dev.h"
#include "devices/net-package.h"
#include "devices/net-probe.h"
#include "tree/tree.h"

#define MAX_ALIASES 8

void net_probe_set_mac(struct net_dev *dev)
{
	of_set_prop(dev->node, "local-mac-address", dev->mac, sizeof(dev->mac));
	of_set_prop(dev->node, "mac-address", dev->mac, sizeof(dev->mac));
}

void net_probe_all(void)
{
	struct of_node *aliases;
	struct net_dev *dev;

	net_package_register();
	net_virtio_probe_all();
	net_vlan_probe_all();
	aliases = of_find_path("/aliases");
	if (!aliases)
		return;
	for (unsigned i = 0; i < MAX_ALIASES && (dev = net_dev_get(i)) != NULL; i++) {
		char name[16], path[256];

		if (i == 0)
			snprintf(name, sizeof(name), "net");
		else
			snprintf(name, sizeof(name), "net%u", i);
		if (of_has_prop(aliases, name) ||
		    of_node_path(dev->node, path, sizeof(path)) >= sizeof(path))
			continue;
		of_set_string(aliases, name, path);
	}
}
