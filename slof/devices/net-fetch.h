/* SPDX-License-Identifier: MIT */
/* Reading one file over a network interface: a DHCP lease, then TFTP
 * (lib/net), for the network boot and the network package's "load". */
#ifndef SLOF_DEVICES_NET_FETCH_H
#define SLOF_DEVICES_NET_FETCH_H

#include <stddef.h>

#include "devices/net-dev.h"

/* Brings dev up (path: its node's path), gets a DHCP lease and reads file
 * (NULL or "": the DHCP bootfile; *name is set to the one used) by TFTP
 * into buf[0..limit). Prints one "net: ..." line per step. Returns 0 and
 * *size, or -1 after a "net: error: PATH: ..." line; the NIC stays up
 * either way. */
int net_fetch(struct net_dev *dev, const char *path, const char *file, void *buf,
	      size_t limit, size_t *size, const char **name);

/* The lease of the last net_fetch (its DHCP ACK and TFTP server, for
 * /chosen); ack_len is 0 when that DHCP failed. */
const struct net_lease *net_fetch_lease(void);

#endif
