/* SPDX-License-Identifier: MIT */
/* virtio-net-pci functions under QEMU's sPAPR PHBs as network interfaces
 * (slof/devices/net-dev.h): found at probe, brought up with lib/virtio's
 * driver only when a network boot or a client uses them. */
#include <stdio.h>
#include <string.h>

#include "devices/net-dev.h"
#include "devices/net-probe.h"
#include "devices/virtio-probe.h"
#include "heap/heap.h"
#include "log/log.h"
#include "tree/tree.h"
#include "virtio/virtio-net.h"

struct vnet {
	struct net_dev dev;
	struct virtio_net vn;
	void *ctx;			/* virtio-probe's function context */
};

static int vnet_up(struct net_dev *dev, const char **reason)
{
	struct vnet *v = dev->priv;
	const struct virtio_pci_ops *ops;

	/* Enabling again reuses the BAR addresses of the first time. */
	v->ctx = virtio_probe_enable(dev->node, &ops, reason);
	if (!v->ctx)
		return -1;
	memset(&v->vn, 0, sizeof(v->vn));
	if (virtio_net_init(&v->vn, ops, v->ctx) != 0) {
		*reason = v->vn.pci.err.text;
		if (v->vn.pci.common.present)
			virtio_pci_reset(&v->vn.pci);
		return -1;
	}
	virtio_probe_track(v->ctx, &v->vn.pci);
	memcpy(dev->mac, v->vn.mac, sizeof(dev->mac));
	dev->net = (struct net_ops){ virtio_net_op_send, virtio_net_op_receive,
				     virtio_net_op_now_ms, &v->vn };
	net_probe_set_mac(dev);
	return 0;
}

static void vnet_down(struct net_dev *dev)
{
	struct vnet *v = dev->priv;

	virtio_net_quiesce(&v->vn);
	if (v->ctx)
		virtio_probe_track(v->ctx, NULL);
}

/* PCI binding: "pciVVVV,DDDD" then "pciclass,CCCCCC". QEMU writes no
 * compatible for PCI functions; GRUB's ofnet reads one from every NIC. */
static void set_compatible(struct of_node *n, uint32_t vendor, uint32_t device)
{
	char buf[48];
	int len;

	if (of_has_prop(n, "compatible"))
		return;
	len = snprintf(buf, sizeof(buf), "pci%x,%x", vendor, device);
	len += 1 + snprintf(buf + len + 1, sizeof(buf) - (size_t)len - 1, "pciclass,%06x",
			    of_get_u32_or(n, "class-code", 0x20000) & 0xffffff);
	of_set_prop(n, "compatible", buf, (uint32_t)len + 1);
}

static const struct net_dev_ops vnet_ops = { .up = vnet_up, .down = vnet_down };

void net_virtio_probe_all(void)
{
	for (struct of_node *phb = of_root()->child; phb; phb = phb->sibling) {
		const char *type = of_get_string(phb, "device_type");

		if (!type || strcmp(type, "pci") != 0)
			continue;
		for (struct of_node *n = phb->child; n; n = n->sibling) {
			uint32_t vendor = of_get_u32_or(n, "vendor-id", 0);
			uint32_t device = of_get_u32_or(n, "device-id", 0);
			struct vnet *v;

			if (vendor > 0xffff || device > 0xffff || net_dev_find(n) ||
			    virtio_pci_device_type((uint16_t)vendor, (uint16_t)device) != VIRTIO_ID_NET)
				continue;
			v = heap_zalloc(sizeof(*v));
			if (!v) {
				log_line("net", "out of memory");
				return;
			}
			v->dev.ops = &vnet_ops;
			v->dev.priv = v;
			v->dev.kind = "virtio-net";
			set_compatible(n, vendor, device);
			if (net_dev_register(n, &v->dev) != 0)
				log_line("net", "cannot register a virtio-net interface (table full)");
		}
	}
}
