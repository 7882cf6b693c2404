/* SPDX-License-Identifier: MIT */
/* One file over a network interface (slof/devices/net-fetch.h): the NIC
 * up, DHCP, TFTP, with a console line per step. */
#include <string.h>

#include "board.h"
#include "devices/net-fetch.h"
#include "log/log.h"
#include "net/ipv4.h"

static struct net_stack stack;
static struct net_lease lease;

const struct net_lease *net_fetch_lease(void)
{
	return &lease;
}

int net_fetch(struct net_dev *dev, const char *path, const char *file, void *buf,
	      size_t limit, size_t *size, const char **name)
{
	char ip[16], server[16], tftp[16];
	const char *why;
	uint64_t t0;

	if (net_dev_up(dev, &why) != 0) {
		log_line("net", "error: %s: %s", path, why);
		return -1;
	}
	log_line("net", "%s %02x:%02x:%02x:%02x:%02x:%02x at %s", dev->kind, dev->mac[0],
		 dev->mac[1], dev->mac[2], dev->mac[3], dev->mac[4], dev->mac[5], path);
	net_stack_init(&stack, &dev->net, dev->mac, NULL);
	memset(&lease, 0, sizeof(lease));
	t0 = board->milliseconds();
	if (net_dhcp(&stack, &lease, &why) != 0) {
		lease.ack_len = 0;
		log_line("net", "error: %s: %s", path, why);
		return -1;
	}
	ipv4_format(lease.reply.yiaddr, ip);
	ipv4_format(lease.reply.server_id ? lease.reply.server_id : lease.tftp_server, server);
	ipv4_format(lease.tftp_server, tftp);
	log_line("net", "DHCP lease %s from %s, bootfile \"%s\" (%llu ms)", ip, server,
		 lease.reply.bootfile, (unsigned long long)(board->milliseconds() - t0));
	*name = file && file[0] ? file : lease.reply.bootfile;
	if (!(*name)[0]) {
		log_line("net", "error: %s: DHCP: the server named no bootfile", path);
		return -1;
	}
	if (!lease.tftp_server) {
		log_line("net", "error: %s: DHCP: the server named no TFTP server", path);
		return -1;
	}
	t0 = board->milliseconds();
	if (net_tftp_get(&stack, lease.tftp_server, *name, buf, limit, size, &why) != 0) {
		log_line("net", "error: %s: %s", path, why);
		return -1;
	}
	log_line("net", "TFTP %s:%s %zu bytes in %llu ms", tftp, *name, *size,
		 (unsigned long long)(board->milliseconds() - t0));
	return 0;
}
