/* SPDX-License-Identifier: MIT */
/* The IEEE 1275 network package on NIC nodes (device_type "network"):
 * open brings the interface up (device arguments, such as GRUB's
 * ":speed=auto,...", are accepted and ignored), read returns one received
 * frame without waiting (0 when none is pending), write sends one frame,
 * close stops the interface; call-method "load" runs DHCP and TFTP of the
 * bootfile into client memory. */
#include <stdbool.h>
#include <string.h>

#include "devices/net-dev.h"
#include "devices/net-fetch.h"
#include "devices/net-package.h"
#include "log/log.h"
#include "memory/claim.h"
#include "memory/client-mem.h"
#include "tree/instance.h"
#include "tree/tree.h"

#define LOAD_MAX	0x10000000u	/* 256 MiB */
#define PATH_LEN	256

static int net_open(struct of_instance *inst)
{
	struct net_dev *dev = net_dev_find(inst->node);
	char path[PATH_LEN];
	const char *why;

	if (!dev)
		return -1;
	of_node_path(inst->node, path, sizeof(path));
	if (net_dev_up(dev, &why) != 0) {
		log_line("net", "error: %s: open: %s", path, why);
		return -1;
	}
	inst->priv = dev;
	log_line("net", "%s opened by the client (%s)", path, dev->kind);
	return 0;
}

static void net_close(struct of_instance *inst)
{
	net_dev_down(inst->priv);
}

static long net_read(struct of_instance *inst, void *buf, uint32_t len)
{
	struct net_dev *dev = inst->priv;
	int n;

	if (!dev->is_up || !buf)
		return -1;
	n = dev->net.receive(dev->net.ctx, buf, len);
	return n < 0 ? -1 : n;
}

static long net_write(struct of_instance *inst, const void *buf, uint32_t len)
{
	struct net_dev *dev = inst->priv;

	if (!dev->is_up || !buf)
		return -1;
	return dev->net.send(dev->net.ctx, buf, len) == 0 ? (long)len : -1;
}

/* load ( addr -- size ): the bootfile at addr, at most LOAD_MAX bytes or
 * up to the first byte the client may not write. */
static int net_load(struct of_instance *inst, uint32_t addr, uint32_t *size)
{
	struct net_dev *dev = inst->priv;
	char path[PATH_LEN];
	const char *name;
	uint32_t limit = LOAD_MAX;
	size_t got;
	void *dst = NULL;

	*size = 0;
	while (limit >= 0x10000 && !(dst = client_ptr_write(addr, limit)))
		limit >>= 1;
	of_node_path(inst->node, path, sizeof(path));
	if (!dst) {
		log_line("net", "error: %s: load: no client memory at 0x%x", path, addr);
		return 0;
	}
	if (net_fetch(dev, path, NULL, dst, limit, &got, &name) == 0)
		*size = (uint32_t)got;
	return 0;
}

static int net_method(struct of_instance *inst, const char *method, unsigned nargs,
		      const uint32_t *args, unsigned nret, uint32_t *rets)
{
	if (strcmp(method, "load") == 0 && nargs >= 1 && nret >= 1)
		return net_load(inst, args[0], &rets[0]);
	return -1;
}

static const struct instance_ops net_ops = {
	.name = "network",
	.open = net_open,
	.close = net_close,
	.read = net_read,
	.write = net_write,
	.call_method = net_method,
};

static const struct instance_ops *net_match(const struct of_node *n)
{
	return net_dev_find(n) ? &net_ops : NULL;
}

void net_package_register(void)
{
	static bool done;

	if (!done)
		instance_register(net_match);
	done = true;
}
