/* SPDX-License-Identifier: MIT */
/* Network interfaces as drivers hand them to the core: a driver
 * (virtio-net, spapr-vlan) registers a struct net_dev on the NIC's tree
 * node; the network boot and the network package (through
 * slof/devices/net-fetch.c) bring it up and run lib/net over its struct
 * net_ops; it is quiesced before a client runs. */
#ifndef SLOF_NET_DEV_H
#define SLOF_NET_DEV_H

#include <stdbool.h>
#include <stdint.h>

#include "net/net-stack.h"
#include "tree/tree.h"

struct net_dev;

struct net_dev_ops {
	/* Brings the device up (idempotent while up): fills dev->mac and
	 * dev->net. Returns 0, or a negative status with *reason set. */
	int (*up)(struct net_dev *dev, const char **reason);
	/* Stops all DMA; the OS finds the device unconfigured. Safe when
	 * down. */
	void (*down)(struct net_dev *dev);
};

struct net_dev {
	const struct net_dev_ops *ops;
	void *priv;			/* the driver's */
	const char *kind;		/* "virtio-net", "spapr-vlan" */
	struct of_node *node;		/* set by net_dev_register */
	bool is_up;
	uint8_t mac[6];
	struct net_ops net;		/* valid while is_up */
};

/* Attaches dev to node and sets device_type "network" (unless the node
 * has one). Returns 0, or -1 (table full). */
int net_dev_register(struct of_node *node, struct net_dev *dev);
/* The device registered on node, or NULL. */
struct net_dev *net_dev_find(const struct of_node *node);
/* The i-th registered device (registration order), or NULL. */
struct net_dev *net_dev_get(unsigned i);
/* Brings dev up; prints nothing. 0, or a negative status with *reason. */
int net_dev_up(struct net_dev *dev, const char **reason);
/* Stops dev (no DMA afterwards). */
void net_dev_down(struct net_dev *dev);
/* Stops every device that is up (before the OS owns memory). */
void net_dev_quiesce_all(void);

#endif
