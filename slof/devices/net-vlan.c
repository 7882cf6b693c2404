/* SPDX-License-Identifier: MIT */
/* spapr-vlan (ibmveth) units under /vdevice as network interfaces
 * (slof/devices/net-dev.h): "reg" is the unit, "ibm,my-dma-window" the
 * TCE window, "local-mac-address" the MAC; lib/vlan drives the unit
 * through the board's logical-LAN hypercalls, only when it is used. */
#include <string.h>

#include "be.h"
#include "board.h"
#include "devices/net-dev.h"
#include "devices/net-probe.h"
#include "heap/heap.h"
#include "log/log.h"
#include "tree/tree.h"
#include "vlan/vlan.h"

struct vlan_unit {
	struct net_dev dev;
	struct vlan vl;
	struct vlan_config cfg;
	void *dma;			/* VLAN_DMA_BYTES, page-aligned */
};

static int hv_register(void *ctx, uint32_t unit, uint64_t buf_list, uint64_t rxq_bd,
		       uint64_t filter_list, uint64_t mac)
{
	(void)ctx;
	return board->vio_reg_llan(unit, buf_list, rxq_bd, filter_list, mac);
}

static int hv_free(void *ctx, uint32_t unit)
{
	(void)ctx;
	return board->vio_free_llan(unit);
}

static int hv_add_buffer(void *ctx, uint32_t unit, uint64_t bd)
{
	(void)ctx;
	return board->vio_add_llan_buffer(unit, bd);
}

static int hv_send(void *ctx, uint32_t unit, uint64_t bd)
{
	(void)ctx;
	return board->vio_send_llan(unit, bd);
}

static int hv_put_tce(void *ctx, uint32_t liobn, uint64_t ioba, uint64_t tce)
{
	(void)ctx;
	return board->vio_put_tce(liobn, ioba, tce);
}

static uint64_t hv_now_ms(void *ctx)
{
	(void)ctx;
	return board->milliseconds();
}

static const struct vlan_hv_ops board_vlan_ops = {
	.register_lan = hv_register,
	.free_lan = hv_free,
	.add_buffer = hv_add_buffer,
	.send_lan = hv_send,
	.put_tce = hv_put_tce,
	.now_ms = hv_now_ms,
};

/* ibm,my-dma-window: liobn, then the window's bus address and size in
 * ibm,#dma-address-cells and ibm,#dma-size-cells cells (QEMU: 2 and 2). */
static const char *dma_window(const struct of_node *n, struct vlan_config *cfg)
{
	uint32_t len, ac, sc;
	const uint8_t *w = of_get_prop(n, "ibm,my-dma-window", &len);

	if (!w || len < 12)
		return "no usable ibm,my-dma-window property";
	ac = of_get_u32_or(n, "ibm,#dma-address-cells", len == 12 ? 1 : 2);
	sc = of_get_u32_or(n, "ibm,#dma-size-cells", len == 12 ? 1 : 2);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || len != 4 * (1 + ac + sc))
		return "malformed ibm,my-dma-window property";
	cfg->liobn = be32_read(w);
	cfg->window_base = ac == 2 ? be64_read(w + 4) : be32_read(w + 4);
	cfg->window_size = sc == 2 ? be64_read(w + 4 + 4 * ac) : be32_read(w + 4 + 4 * ac);
	return NULL;
}

static int unit_up(struct net_dev *dev, const char **reason)
{
	struct vlan_unit *u = dev->priv;
	const uint8_t *mac;
	uint32_t len;
	const char *why;
	int rc;

	if (!of_has_prop(dev->node, "reg"))
		return status_fail(reason, STATUS_ENOTFOUND, "no reg property");
	u->cfg.unit = of_get_u32_or(dev->node, "reg", 0);
	if ((why = dma_window(dev->node, &u->cfg)) != NULL)
		return status_fail(reason, STATUS_EMALFORMED, why);
	mac = of_get_prop(dev->node, "local-mac-address", &len);
	if (!mac)
		return status_fail(reason, STATUS_ENOTFOUND, "no local-mac-address property");
	rc = vlan_mac_from_property(mac, len, u->cfg.mac, reason);
	if (rc != 0)
		return rc;
	if (!u->dma && !(u->dma = heap_alloc_aligned(VLAN_DMA_BYTES, VLAN_PAGE)))
		return status_fail(reason, STATUS_ENOMEM, "out of memory");
	memset(u->dma, 0, VLAN_DMA_BYTES);
	rc = vlan_open(&u->vl, &board_vlan_ops, NULL, &u->cfg, u->dma);
	if (rc != 0)
		return status_fail(reason, rc, u->vl.err.text);
	memcpy(dev->mac, u->cfg.mac, sizeof(dev->mac));
	dev->net = (struct net_ops){ vlan_op_send, vlan_op_receive, vlan_op_now_ms, &u->vl };
	net_probe_set_mac(dev);
	return 0;
}

static void unit_down(struct net_dev *dev)
{
	struct vlan_unit *u = dev->priv;

	vlan_close(&u->vl);
}

static const struct net_dev_ops vlan_unit_ops = { .up = unit_up, .down = unit_down };

static bool is_llan(const struct of_node *n)
{
	uint32_t len;
	const char *c = of_get_prop(n, "compatible", &len);

	for (uint32_t off = 0; c && off < len; ) {
		size_t l = strnlen(c + off, len - off);

		if (l == strlen("IBM,l-lan") && memcmp(c + off, "IBM,l-lan", l) == 0)
			return true;
		off += (uint32_t)l + 1;
	}
	return false;
}

void net_vlan_probe_all(void)
{
	struct of_node *vdev = of_find_path("/vdevice");

	for (struct of_node *n = vdev ? vdev->child : NULL; n; n = n->sibling) {
		struct vlan_unit *u;

		if (!is_llan(n) || net_dev_find(n))
			continue;
		u = heap_zalloc(sizeof(*u));
		if (!u) {
			log_line("net", "out of memory");
			return;
		}
		u->dev.ops = &vlan_unit_ops;
		u->dev.priv = u;
		u->dev.kind = "spapr-vlan";
		if (net_dev_register(n, &u->dev) != 0)
			log_line("net", "cannot register a spapr-vlan interface (table full)");
	}
}
