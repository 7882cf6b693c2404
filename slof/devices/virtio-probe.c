/* SPDX-License-Identifier: MIT */
/* Discovery of virtio-blk-pci and virtio-scsi-pci functions under QEMU's
 * sPAPR PHBs: BARs through the board, the drivers of lib/virtio with the
 * board's RTAS config access, MMIO hcalls and DMA addresses behind
 * struct virtio_pci_ops, block devices on the tree nodes. */
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "board.h"
#include "devices/block.h"
#include "devices/pci.h"
#include "devices/scsi-lun.h"
#include "devices/virtio-probe.h"
#include "heap/heap.h"
#include "log/log.h"
#include "scsi/scsi.h"
#include "tree/tree.h"
#include "virtio/virtio-blk.h"
#include "virtio/virtio-scsi.h"

#define PATH_LEN 160
/* Targets looked at per virtio-scsi adapter (QEMU's max_target is 255). */
#define MAX_TARGETS 256

/* One PCI function: the context behind struct virtio_pci_ops. */
struct vp_fn {
	struct vp_fn *next;
	struct of_node *node;
	struct pci_bar bars[6];
	struct virtio_pci_dev *pci;	/* inside blk or scsi once set up */
};

struct vp_blk {
	struct block_dev bd;
	struct virtio_blk vb;
	char path[PATH_LEN];
};

struct vp_lun {
	struct scsi_lun lun;
	struct scsi_disk disk;
	char path[PATH_LEN];
};

static struct vp_fn *functions;
static int registered;

/* ---- struct virtio_pci_ops over the board ---- */

static int fn_cfg_read(void *ctx, uint32_t off, unsigned size, uint32_t *val)
{
	return pci_config_read(((struct vp_fn *)ctx)->node, off, size, val);
}

static int fn_cfg_write(void *ctx, uint32_t off, unsigned size, uint32_t val)
{
	return pci_config_write(((struct vp_fn *)ctx)->node, off, size, val);
}

static const struct pci_bar *mem_bar(void *ctx, unsigned bar)
{
	const struct pci_bar *b = bar < 6 ? &((struct vp_fn *)ctx)->bars[bar] : NULL;

	return b && b->cpu_addr && !b->io ? b : NULL;
}

static uint64_t fn_bar_size(void *ctx, unsigned bar)
{
	const struct pci_bar *b = mem_bar(ctx, bar);

	return b ? b->size : 0;
}

/* lib/virtio only uses offsets inside structures it checked against
 * bar_size; an absent BAR reads as all ones like a master abort. */
static uint8_t fn_read8(void *ctx, unsigned bar, uint64_t off)
{
	const struct pci_bar *b = mem_bar(ctx, bar);

	return b ? board->mmio_read8(b->cpu_addr + off) : 0xff;
}

static uint16_t fn_read16(void *ctx, unsigned bar, uint64_t off)
{
	const struct pci_bar *b = mem_bar(ctx, bar);

	return b ? board->mmio_read16(b->cpu_addr + off) : 0xffff;
}

static uint32_t fn_read32(void *ctx, unsigned bar, uint64_t off)
{
	const struct pci_bar *b = mem_bar(ctx, bar);

	return b ? board->mmio_read32(b->cpu_addr + off) : 0xffffffffu;
}

static void fn_write8(void *ctx, unsigned bar, uint64_t off, uint8_t v)
{
	const struct pci_bar *b = mem_bar(ctx, bar);

	if (b)
		board->mmio_write8(b->cpu_addr + off, v);
}

static void fn_write16(void *ctx, unsigned bar, uint64_t off, uint16_t v)
{
	const struct pci_bar *b = mem_bar(ctx, bar);

	if (b)
		board->mmio_write16(b->cpu_addr + off, v);
}

static void fn_write32(void *ctx, unsigned bar, uint64_t off, uint32_t v)
{
	const struct pci_bar *b = mem_bar(ctx, bar);

	if (b)
		board->mmio_write32(b->cpu_addr + off, v);
}

static uint64_t fn_dma_addr(void *ctx, const void *p)
{
	(void)ctx;
	return board->pci_dma_address(p);
}

static void *fn_dma_alloc(void *ctx, size_t size, size_t align)
{
	void *p = heap_alloc_aligned(size, align);

	(void)ctx;
	if (p)
		memset(p, 0, size);
	return p;
}

static uint64_t fn_ms(void *ctx)
{
	(void)ctx;
	return board->milliseconds();
}

static const struct virtio_pci_ops board_virtio_ops = {
	.cfg_read = fn_cfg_read,
	.cfg_write = fn_cfg_write,
	.bar_size = fn_bar_size,
	.read8 = fn_read8,
	.read16 = fn_read16,
	.read32 = fn_read32,
	.write8 = fn_write8,
	.write16 = fn_write16,
	.write32 = fn_write32,
	.dma_addr = fn_dma_addr,
	.dma_alloc = fn_dma_alloc,
	.ms = fn_ms,
};

/* ---- virtio-blk ---- */

static int blk_read(struct block_dev *dev, uint64_t lba, uint32_t count, void *buf)
{
	struct vp_blk *b = dev->priv;

	if (virtio_blk_read(&b->vb, lba, count, buf) != 0) {
		log_line("virtio-blk", "%s: read of %u blocks at %llu failed: %s", b->path, count,
			 (unsigned long long)lba, b->vb.pci.err.text);
		return -1;
	}
	return 0;
}

static const struct block_dev_ops blk_ops = { .read = blk_read };

static void probe_blk(struct vp_fn *fn, const char *path)
{
	struct vp_blk *b = heap_zalloc(sizeof(*b));

	if (!b) {
		log_error("virtio-blk", "%s: out of memory", path);
		return;
	}
	snprintf(b->path, sizeof(b->path), "%s", path);
	if (virtio_blk_init(&b->vb, &board_virtio_ops, fn) != 0) {
		log_line("virtio-blk", "%s: %s", path, b->vb.pci.err.text);
		if (b->vb.pci.common.present)
			virtio_pci_reset(&b->vb.pci);
		return;
	}
	fn->pci = &b->vb.pci;
	b->bd.ops = &blk_ops;
	b->bd.priv = b;
	b->bd.block_size = b->vb.block_size;
	b->bd.num_blocks = b->vb.num_blocks;
	if (block_register(fn->node, &b->bd) != 0) {
		log_error("virtio-blk", "%s: cannot register the block device (table full)", path);
		return;
	}
	registered++;
	log_line("virtio-blk", "%s: %llu blocks of %u bytes%s", path,
		 (unsigned long long)b->vb.num_blocks, b->vb.block_size,
		 b->vb.read_only ? ", read-only" : "");
}

/* ---- virtio-scsi ---- */

/* The unit address QEMU uses for a virtio-scsi LUN in qemu,boot-list
 * (spapr_get_fw_dev_path): (0x1000000 | target << 16 | lun) << 32, with
 * the SAM flat-addressing bit 0x4000 for LUNs >= 256. */
static uint64_t lun_unit(uint32_t target, uint32_t lun)
{
	uint32_t id = 0x1000000u | (target << 16) | lun;

	if (lun >= 256)
		id |= 0x4000;
	return (uint64_t)id << 32;
}

static void add_lun(struct of_node *hba, const char *hba_path, struct scsi_disk *d)
{
	uint64_t unit = lun_unit(d->target, d->lun);
	const char *what = d->inq.type == SCSI_TYPE_CDROM ? "CD-ROM" : "disk";
	struct vp_lun *l = heap_zalloc(sizeof(*l));
	struct of_node *n = l ? block_disk_node(hba, unit) : NULL;

	if (!n) {
		log_error("virtio-scsi", "%s/disk@%llx: out of memory", hba_path,
			 (unsigned long long)unit);
		return;
	}
	of_node_path(n, l->path, sizeof(l->path));
	l->disk = *d;
	if (scsi_lun_register(&l->lun, n, &l->disk, "virtio-scsi") != 0) {
		log_error("virtio-scsi", "%s: cannot register the block device (table full)", l->path);
		return;
	}
	registered++;
	if (d->no_medium)
		log_line("virtio-scsi", "%s: %s, no medium", l->path, what);
	else
		log_line("virtio-scsi", "%s: %s, %llu blocks of %u bytes", l->path, what,
			 (unsigned long long)d->num_blocks, d->block_size);
}

/* Returns the number of LUNs found on the target, or -1 when the adapter
 * stopped working. */
static int scan_target(struct virtio_scsi *vs, struct of_node *hba, const char *hba_path,
		       uint32_t target)
{
	uint32_t luns[SCSI_MAX_LUNS];
	struct scsi_disk d;
	int n, found = 0;

	scsi_disk_init(&d, &vs->transport, target, 0);
	n = scsi_report_luns(&d, luns, SCSI_MAX_LUNS);
	if (n == STATUS_ENOTFOUND)
		return 0;
	if (vs->pci.stopped) {
		log_line("virtio-scsi", "%s: target %u: %s", hba_path, target, d.err.text);
		return -1;
	}
	if (n < 0) {
		/* No REPORT LUNS: LUN 0 alone. */
		luns[0] = 0;
		n = 1;
	}
	for (int i = 0; i < n; i++) {
		int r = scsi_disk_probe(&d, &vs->transport, target, luns[i]);

		if (r == 0) {
			add_lun(hba, hba_path, &d);
			found++;
		} else if (r < 0) {
			log_line("virtio-scsi", "%s/disk@%llx: %s", hba_path,
				 (unsigned long long)lun_unit(target, luns[i]), d.err.text);
			if (vs->pci.stopped)
				return -1;
		}
	}
	return found;
}

static void probe_scsi(struct vp_fn *fn, const char *path)
{
	struct virtio_scsi *vs = heap_zalloc(sizeof(*vs));
	uint32_t targets;
	int found = 0;

	if (!vs) {
		log_error("virtio-scsi", "%s: out of memory", path);
		return;
	}
	if (virtio_scsi_init(vs, &board_virtio_ops, fn) != 0) {
		log_line("virtio-scsi", "%s: %s", path, vs->pci.err.text);
		if (vs->pci.common.present)
			virtio_pci_reset(&vs->pci);
		return;
	}
	fn->pci = &vs->pci;
	/* Children are SCSI units addressed by 64-bit LUNs. */
	if (!of_has_prop(fn->node, "#address-cells"))
		of_set_u32(fn->node, "#address-cells", 2);
	if (!of_has_prop(fn->node, "#size-cells"))
		of_set_u32(fn->node, "#size-cells", 0);
	targets = vs->max_target + 1 < MAX_TARGETS ? vs->max_target + 1 : MAX_TARGETS;
	for (uint32_t t = 0; t < targets; t++) {
		int n = scan_target(vs, fn->node, path, t);

		if (n < 0)
			return;
		found += n;
	}
	if (!found)
		log_line("virtio-scsi", "%s: no disk or CD-ROM on targets 0-%u", path, targets - 1);
}

/* ---- discovery ---- */

static bool known(const struct of_node *n)
{
	for (const struct vp_fn *f = functions; f; f = f->next)
		if (f->node == n)
			return true;
	return false;
}

static void probe_function(struct of_node *n, unsigned type)
{
	char path[PATH_LEN];
	const char *reason, *prefix = type == VIRTIO_ID_BLOCK ? "virtio-blk" : "virtio-scsi";
	struct vp_fn *fn = heap_zalloc(sizeof(*fn));

	of_node_path(n, path, sizeof(path));
	if (!fn) {
		log_error("virtio", "%s: out of memory", path);
		return;
	}
	fn->node = n;
	fn->next = functions;
	functions = fn;
	if (pci_enable_device(n, fn->bars, &reason) != 0) {
		log_warning("virtio", "%s: cannot use %s: %s", path, prefix, reason);
		return;
	}
	if (type == VIRTIO_ID_BLOCK)
		probe_blk(fn, path);
	else
		probe_scsi(fn, path);
}

int virtio_probe_all(void)
{
	of_for_each_child(phb, of_root()) {
		if (!of_is_type(phb, "pci"))
			continue;
		of_for_each_child(n, phb) {
			uint32_t vendor = of_get_u32_or(n, "vendor-id", 0);
			uint32_t device = of_get_u32_or(n, "device-id", 0);
			unsigned vt = virtio_pci_device_type((uint16_t)vendor, (uint16_t)device);

			if (vendor > 0xffff || device > 0xffff || known(n) ||
			    (vt != VIRTIO_ID_BLOCK && vt != VIRTIO_ID_SCSI))
				continue;
			probe_function(n, vt);
		}
	}
	return registered;
}

void virtio_quiesce_all(void)
{
	for (struct vp_fn *f = functions; f; f = f->next) {
		if (f->pci && !f->pci->stopped)
			virtio_pci_stop(f->pci, "the firmware was quiesced");
	}
}

/* ---- other virtio drivers (slof/devices/net-virtio.c) ---- */

void *virtio_probe_enable(struct of_node *n, const struct virtio_pci_ops **ops,
			  const char **reason)
{
	struct vp_fn *fn;

	for (fn = functions; fn && fn->node != n; fn = fn->next)
		;
	if (!fn) {
		fn = heap_zalloc(sizeof(*fn));
		if (!fn) {
			*reason = "out of memory";
			return NULL;
		}
		fn->node = n;
		fn->next = functions;
		functions = fn;
	}
	if (pci_enable_device(n, fn->bars, reason) != 0)
		return NULL;
	*ops = &board_virtio_ops;
	return fn;
}

void virtio_probe_track(void *ctx, struct virtio_pci_dev *dev)
{
	((struct vp_fn *)ctx)->pci = dev;
}
