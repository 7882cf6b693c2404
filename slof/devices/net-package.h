/* SPDX-License-Identifier: MIT */
/* The network package: instances of NIC nodes for clients (GRUB's ofnet). */
#ifndef SLOF_DEVICES_NET_PACKAGE_H
#define SLOF_DEVICES_NET_PACKAGE_H

/* Registers the instance matcher for nodes with a network interface
 * (slof/devices/net-dev.h). Calling it again does nothing. */
void net_package_register(void);

#endif
