/* SPDX-License-Identifier: MIT */
/* Finding the network interfaces (virtio-net-pci, spapr-vlan) and naming
 * them in the tree: device_type "network", /aliases net, net1, ...,
 * local-mac-address and mac-address once a device is up. */
#ifndef SLOF_NET_PROBE_H
#define SLOF_NET_PROBE_H

struct net_dev;

/* Registers every NIC the drivers know (without bringing any up) and adds
 * /aliases net, net1 .. net7 in registration order, without replacing
 * aliases that exist. May be called again. */
void net_probe_all(void);

/* The virtio-net-pci part of net_probe_all (slof/devices/net-virtio.c). */
void net_virtio_probe_all(void);
/* The spapr-vlan part (slof/devices/net-vlan.c). */
void net_vlan_probe_all(void);

/* Writes dev->mac as the node's local-mac-address and mac-address. */
void net_probe_set_mac(struct net_dev *dev);

#endif
