/* SPDX-License-Identifier: MIT */
/* spapr-vscsi adapters in the tree: bring-up through the board's VIO
 * hypercalls, discovery with lib/vscsi + lib/scsi, disk nodes with block
 * devices, and the adapter's "vscsi-report-luns" method for GRUB. */
#include <stdbool.h>
#include <string.h>

#include "be.h"
#include "board.h"
#include "devices/block.h"
#include "devices/scsi-lun.h"
#include "devices/vscsi-probe.h"
#include "heap/heap.h"
#include "log/log.h"
#include "memory/client-mem.h"
#include "tree/instance.h"
#include "tree/tree.h"
#include "vscsi/vscsi-host.h"
#include "vscsi/vscsi-lun.h"
#include "vscsi/vscsi-scsi.h"

#define PATH_LEN 160

struct vscsi_disk;

struct vscsi_adapter {
	struct vscsi_adapter *next;
	struct of_node *node;
	bool tried;			/* probed (successfully or not) */
	bool usable;			/* discovery ran */
	struct vscsi_host host;
	struct scsi_transport t;
	struct vscsi_unit *units;
	unsigned n_units;
	struct vscsi_disk *disks;	/* one per unit, NULL when no node */
	void *lun_table;		/* for vscsi-report-luns, built once */
	unsigned lun_table_entries;
	bool lun_table_built;
};

struct vscsi_disk {
	struct scsi_lun lun;
	struct vscsi_adapter *ad;
	struct vscsi_unit *unit;
	bool registered;
};

static struct vscsi_adapter *adapters;
static int disks_registered;

/* The board's hypercalls (already in lib/vscsi's codes). */
static int hv_reg_crq(void *ctx, uint32_t unit, uint64_t ioba, uint64_t len)
{
	(void)ctx;
	return board->vio_reg_crq(unit, ioba, len);
}

static int hv_free_crq(void *ctx, uint32_t unit)
{
	(void)ctx;
	return board->vio_free_crq(unit);
}

static int hv_send_crq(void *ctx, uint32_t unit, uint64_t hi, uint64_t lo)
{
	(void)ctx;
	return board->vio_send_crq(unit, hi, lo);
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

static const struct vscsi_hv_ops board_hv_ops = {
	.reg_crq = hv_reg_crq,
	.free_crq = hv_free_crq,
	.send_crq = hv_send_crq,
	.put_tce = hv_put_tce,
	.now_ms = hv_now_ms,
};

static const struct vscsi_hv_ops *hv_ops = &board_hv_ops;
static void *hv_ctx;

void vscsi_probe_set_hv(const struct vscsi_hv_ops *ops, void *ctx)
{
	hv_ops = ops ? ops : &board_hv_ops;
	hv_ctx = ops ? ctx : NULL;
}

static bool is_vscsi(const struct of_node *n)
{
	uint32_t len;
	const char *c = of_get_prop(n, "compatible", &len);

	/* compatible is a list of NUL-terminated strings. */
	for (uint32_t off = 0; c && off < len; ) {
		size_t l = strnlen(c + off, len - off);

		if (l == strlen("IBM,v-scsi") && memcmp(c + off, "IBM,v-scsi", l) == 0)
			return true;
		off += (uint32_t)l + 1;
	}
	return false;
}

static struct vscsi_adapter *adapter_for(struct of_node *n)
{
	struct vscsi_adapter *ad;

	for (ad = adapters; ad; ad = ad->next)
		if (ad->node == n)
			return ad;
	ad = heap_zalloc(sizeof(*ad));
	if (!ad)
		return NULL;
	ad->node = n;
	ad->next = adapters;
	adapters = ad;
	return ad;
}

/* ibm,my-dma-window: liobn, then the window's bus address and size in
 * ibm,#dma-address-cells and ibm,#dma-size-cells cells (QEMU: 2 and 2;
 * without those properties the length tells). */
static int dma_window(const struct of_node *n, struct vscsi_host_config *cfg)
{
	uint32_t len, ac, sc;
	const uint8_t *w = of_get_prop(n, "ibm,my-dma-window", &len);

	if (!w || len < 12)
		return -1;
	ac = of_get_u32_or(n, "ibm,#dma-address-cells", len == 12 ? 1 : 2);
	sc = of_get_u32_or(n, "ibm,#dma-size-cells", len == 12 ? 1 : 2);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || len != 4 * (1 + ac + sc))
		return -1;
	cfg->liobn = be32_read(w);
	cfg->window_base = of_read_cells(w + 4, ac);
	cfg->window_size = of_read_cells(w + 4 + 4 * ac, sc);
	return 0;
}

static const char *type_name(const struct scsi_disk *d)
{
	return d->inq.type == SCSI_TYPE_CDROM ? "CD-ROM" : "disk";
}

static void describe(const char *path, const struct scsi_disk *d)
{
	uint64_t bytes = d->num_blocks * d->block_size;
	const char *unit = bytes >= (1ull << 20) ? "MiB" : "KiB";
	unsigned long long size = bytes >= (1ull << 20) ? bytes >> 20 : bytes >> 10;

	if (d->no_medium)
		log_line("vscsi", "%s: %s, no medium, \"%s %s\"", path, type_name(d),
			 d->inq.vendor, d->inq.product);
	else
		log_line("vscsi", "%s: %s, %u-byte blocks, %llu blocks (%llu %s), \"%s %s\"",
			 path, type_name(d), d->block_size,
			 (unsigned long long)d->num_blocks, size, unit,
			 d->inq.vendor, d->inq.product);
}

static void add_disks(struct vscsi_adapter *ad, const char *ad_path)
{
	ad->disks = heap_zalloc(ad->n_units * sizeof(*ad->disks));
	if (!ad->disks && ad->n_units) {
		log_error("vscsi", "%s: out of memory for %u units", ad_path, ad->n_units);
		return;
	}
	for (unsigned i = 0; i < ad->n_units; i++) {
		struct vscsi_unit *u = &ad->units[i];
		struct vscsi_disk *vd = &ad->disks[i];
		char path[PATH_LEN], name[24];
		struct of_node *n;

		vscsi_lun_unit_name(u->lun, name, sizeof(name));
		if (u->rc != 0) {
			log_line("vscsi", "%s/disk@%s: %s", ad_path, name, u->disk.err.text);
			continue;
		}
		n = block_disk_node(ad->node, u->lun);
		if (!n) {
			log_error("vscsi", "%s/disk@%s: out of memory for the node", ad_path, name);
			continue;
		}
		vd->ad = ad;
		vd->unit = u;
		of_node_path(n, path, sizeof(path));
		if (scsi_lun_register(&vd->lun, n, &u->disk, "vscsi") != 0) {
			log_error("vscsi", "%s: cannot register the block device (table full)", path);
			continue;
		}
		vd->registered = true;
		disks_registered++;
		describe(path, &u->disk);
	}
}

static void probe_adapter(struct vscsi_adapter *ad)
{
	struct vscsi_host_config cfg = { 0 };
	char path[PATH_LEN];
	void *dma;
	int n;

	if (ad->tried)
		return;
	ad->tried = true;
	of_node_path(ad->node, path, sizeof(path));
	if (!of_has_prop(ad->node, "reg") || dma_window(ad->node, &cfg) != 0) {
		log_line("vscsi", "%s: no usable reg or ibm,my-dma-window property", path);
		return;
	}
	cfg.unit = of_get_u32_or(ad->node, "reg", 0);
	dma = heap_alloc_aligned(VSCSI_HOST_DMA_BYTES, VSCSI_PAGE_SIZE);
	ad->units = heap_zalloc(VSCSI_MAX_UNITS * sizeof(*ad->units));
	if (!dma || !ad->units) {
		log_error("vscsi", "%s: out of memory", path);
		return;
	}
	if (vscsi_host_init(&ad->host, hv_ops, hv_ctx, &cfg, dma) != STATUS_OK) {
		log_line("vscsi", "%s: %s", path, ad->host.detail.text);
		return;
	}
	vscsi_scsi_transport(&ad->t, &ad->host);
	n = vscsi_scsi_discover(&ad->host, &ad->t, ad->units, VSCSI_MAX_UNITS);
	if (n < 0) {
		log_line("vscsi", "%s: %s", path, ad->host.detail.text);
		return;
	}
	ad->usable = true;
	ad->n_units = (unsigned)n;
	add_disks(ad, path);
	if (!ad->host.up)
		log_warning("vscsi", "%s: the adapter failed during the scan: %s", path,
			 ad->host.detail.text);
}

/* The table GRUB reads (lib/vscsi/vscsi-lun.h): LUNs of the units with a
 * block device, grouped by target, in firmware memory the client can read
 * (below 4 GiB: the heap is in the RMA). Built once and never freed, as
 * GRUB expects. */
static void build_lun_table(struct vscsi_adapter *ad)
{
	uint64_t luns[VSCSI_MAX_UNITS];
	unsigned n = 0;
	size_t size;
	int entries;

	if (ad->lun_table_built)
		return;
	ad->lun_table_built = true;
	for (unsigned i = 0; i < ad->n_units && ad->disks; i++)
		if (ad->disks[i].registered)
			luns[n++] = ad->units[i].lun;
	size = vscsi_lun_table_size(luns, n);
	ad->lun_table = heap_alloc(size ? size : 8);
	if (!ad->lun_table)
		return;
	entries = vscsi_lun_table_build(ad->lun_table, size, client_addr_of(ad->lun_table),
					luns, n);
	if (entries < 0) {
		heap_free(ad->lun_table);
		ad->lun_table = NULL;
		return;
	}
	ad->lun_table_entries = (unsigned)entries;
}

static int adapter_open(struct of_instance *inst)
{
	struct vscsi_adapter *ad = adapter_for(inst->node);

	if (!ad)
		return -1;
	probe_adapter(ad);
	inst->priv = ad;
	return ad->usable ? 0 : -1;
}

static int adapter_method(struct of_instance *inst, const char *method, unsigned nargs,
			  const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct vscsi_adapter *ad = inst->priv;

	(void)nargs;
	(void)args;
	if (strcmp(method, "vscsi-report-luns") != 0 || nret < 2)
		return -1;
	build_lun_table(ad);
	/* GRUB: catch-result, then the number of entries, then the table. */
	rets[0] = ad->lun_table ? ad->lun_table_entries : 0;
	rets[1] = ad->lun_table ? (uint32_t)client_addr_of(ad->lun_table) : 0;
	return 0;
}

static const struct instance_ops adapter_ops = {
	.name = "vscsi",
	.open = adapter_open,
	.call_method = adapter_method,
};

static const struct instance_ops *vscsi_match(const struct of_node *n)
{
	return is_vscsi(n) ? &adapter_ops : NULL;
}

void vscsi_register_methods(void)
{
	static bool done;

	if (!done) {
		instance_register(vscsi_match);
		done = true;
	}
}

int vscsi_probe_all(void)
{
	struct of_node *vdev = of_find_path("/vdevice");

	vscsi_register_methods();
	of_for_each_child(c, vdev) {
		struct vscsi_adapter *ad;

		if (!is_vscsi(c))
			continue;
		ad = adapter_for(c);
		if (!ad) {
			log_error("vscsi", "out of memory");
			break;
		}
		probe_adapter(ad);
	}
	return disks_registered;
}

void vscsi_quiesce_all(void)
{
	for (struct vscsi_adapter *ad = adapters; ad; ad = ad->next)
		vscsi_host_stop(&ad->host);
}
