/* SPDX-License-Identifier: MIT */
/* Booting from a network interface: DHCP and TFTP (lib/net) over the NIC's
 * driver, then the bootfile started like a disk-loaded program. */
#ifndef SLOF_NET_BOOT_H
#define SLOF_NET_BOOT_H

#include "devices/net-dev.h"

/* One attempt on dev (path: its node's path; args: the device arguments,
 * a bootfile name that replaces the DHCP one when not empty). Prints one
 * "net: ..." line per step. Returns only when nothing could be started,
 * after a "net: error: ..." line; the NIC is then stopped. */
void net_boot_try(struct net_dev *dev, const char *path, const char *args);

#endif
