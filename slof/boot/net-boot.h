/* SPDX-License-Identifier: MIT */
/* Booting from a network interface: the bootfile read with DHCP and TFTP
 * (slof/devices/net-fetch.h), then started like a disk-loaded program. */
#ifndef SLOF_NET_BOOT_H
#define SLOF_NET_BOOT_H

#include <stddef.h>

#include "devices/net-dev.h"

/* One attempt on dev (path: its node's path; args: the device arguments,
 * a bootfile name that replaces the DHCP one when not empty). Prints one
 * "net: ..." line per step. Returns only when nothing could be started,
 * after a "net: error: ..." line; the NIC is then stopped. */
void net_boot_try(struct net_dev *dev, const char *path, const char *args);

#endif
