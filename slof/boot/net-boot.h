/* SPDX-License-Identifier: MIT */
/* Booting from a network interface: DHCP and TFTP (lib/net) over the NIC's
 * driver, then the bootfile started like a disk-loaded program. */
#ifndef SLOF_NET_BOOT_H
#define SLOF_NET_BOOT_H

#include <stddef.h>

#include "devices/net-dev.h"

/* One attempt on dev (path: its node's path; args: the device arguments,
 * a bootfile name that replaces the DHCP one when not empty). Prints one
 * "net: ..." line per step. Returns only when nothing could be started,
 * after a "net: error: ..." line; the NIC is then stopped. */
void net_boot_try(struct net_dev *dev, const char *path, const char *args);

/* Brings dev up, gets a DHCP lease and reads file (NULL or "": the DHCP
 * bootfile; *name is set to the one used) by TFTP into buf[0..limit).
 * Prints one "net: ..." line per step. Returns 0 and *size, or -1 after a
 * "net: error: PATH: ..." line; the NIC stays up either way. */
int net_boot_fetch(struct net_dev *dev, const char *path, const char *file, void *buf,
		   size_t limit, size_t *size, const char **name);

/* The last DHCP lease (NULL when none), for the network package. */
const struct net_lease *net_boot_lease(void);

#endif
