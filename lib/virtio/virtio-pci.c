/* SPDX-License-Identifier: MIT */
/* Virtio PCI modern transport (virtio 1.x sections 4.1.3-4.1.5): vendor
 * capability walk, reset, feature negotiation, queue setup, notification,
 * device configuration reads and the bounded completion poll. */
#include <stdio.h>
#include <string.h>

#include "virtio/virtio-le.h"
#include "virtio/virtio-pci.h"

/* PCI configuration space. */
#define PCI_STATUS		0x06
#define PCI_STATUS_CAP_LIST	0x10
#define PCI_CAP_PTR		0x34
#define PCI_CAP_ID_VENDOR	0x09
#define PCI_CAP_WALK_MAX	48

/* struct virtio_pci_cap (section 4.1.4). */
#define CAP_LEN			2
#define CAP_CFG_TYPE		3
#define CAP_BAR			4
#define CAP_OFFSET		8
#define CAP_LENGTH		12
#define CAP_NOTIFY_MULT		16
#define CAP_SIZE		16
#define CAP_NOTIFY_SIZE		20
#define CFG_COMMON		1
#define CFG_NOTIFY		2
#define CFG_ISR			3
#define CFG_DEVICE		4

/* struct virtio_pci_common_cfg (section 4.1.4.3). */
#define COMMON_DFSELECT		0x00
#define COMMON_DF		0x04
#define COMMON_GFSELECT		0x08
#define COMMON_GF		0x0c
#define COMMON_NUMQ		0x12
#define COMMON_STATUS		0x14
#define COMMON_CFGGEN		0x15
#define COMMON_Q_SELECT		0x16
#define COMMON_Q_SIZE		0x18
#define COMMON_Q_ENABLE		0x1c
#define COMMON_Q_NOFF		0x1e
#define COMMON_Q_DESC		0x20
#define COMMON_Q_AVAIL		0x28
#define COMMON_Q_USED		0x30
#define COMMON_SIZE		0x38

#define RESET_POLLS		100000u
#define CONFIG_RETRIES		8

/* Registers of the common structure: little-endian values carried by
 * big-endian loads, hence the swaps. */
static uint8_t c_rd8(struct virtio_pci_dev *d, uint32_t off)
{
	return d->ops->read8(d->ctx, d->common.bar, (uint64_t)d->common.offset + off);
}
static uint16_t c_rd16(struct virtio_pci_dev *d, uint32_t off)
{
	return virtio_swab16(d->ops->read16(d->ctx, d->common.bar,
					    (uint64_t)d->common.offset + off));
}
static uint32_t c_rd32(struct virtio_pci_dev *d, uint32_t off)
{
	return virtio_swab32(d->ops->read32(d->ctx, d->common.bar,
					    (uint64_t)d->common.offset + off));
}
static void c_wr8(struct virtio_pci_dev *d, uint32_t off, uint8_t v)
{
	d->ops->write8(d->ctx, d->common.bar, (uint64_t)d->common.offset + off, v);
}
static void c_wr16(struct virtio_pci_dev *d, uint32_t off, uint16_t v)
{
	d->ops->write16(d->ctx, d->common.bar, (uint64_t)d->common.offset + off,
			virtio_swab16(v));
}
static void c_wr32(struct virtio_pci_dev *d, uint32_t off, uint32_t v)
{
	d->ops->write32(d->ctx, d->common.bar, (uint64_t)d->common.offset + off,
			virtio_swab32(v));
}
/* Section 4.1.3.1: 64-bit fields may be written as two 32-bit halves,
 * low first. */
static void c_wr64(struct virtio_pci_dev *d, uint32_t off, uint64_t v)
{
	c_wr32(d, off, (uint32_t)v);
	c_wr32(d, off + 4, (uint32_t)(v >> 32));
}

unsigned virtio_pci_device_type(uint16_t vendor, uint16_t device)
{
	/* Transitional ids (section 4.1.2.3) in legacy order. */
	static const uint8_t transitional[] = { 1, 2, 5, 3, 8, 4 };

	if (vendor != VIRTIO_PCI_VENDOR)
		return 0;
	if (device >= 0x1000 && device < 0x1000 + sizeof(transitional))
		return transitional[device - 0x1000];
	if (device == 0x1009)
		return 9;
	if (device > 0x1040 && device <= 0x107f)
		return device - 0x1040u;
	return 0;
}

/* Configuration space through the board; STATUS_EIO with d->err set when
 * the board cannot read it. */
static int cfg_read(struct virtio_pci_dev *d, uint32_t off, unsigned size, uint32_t *v)
{
	if (d->ops->cfg_read(d->ctx, off, size, v) != 0)
		return status_failf(&d->err, STATUS_EIO, "cannot read PCI configuration space");
	return 0;
}

static int cfg8(struct virtio_pci_dev *d, uint32_t off, uint8_t *v)
{
	uint32_t x;

	if (cfg_read(d, off, 1, &x) != 0)
		return STATUS_EIO;
	*v = (uint8_t)x;
	return 0;
}

static int cfg32(struct virtio_pci_dev *d, uint32_t off, uint32_t *v)
{
	return cfg_read(d, off, 4, v);
}

static const char *cfg_name(uint8_t type)
{
	switch (type) {
	case CFG_COMMON: return "common";
	case CFG_NOTIFY: return "notify";
	case CFG_ISR: return "ISR";
	default: return "device";
	}
}

/* One vendor capability at pos: records the first usable structure of
 * each type, as section 4.1.4 asks of drivers. */
static int read_cap(struct virtio_pci_dev *d, uint8_t pos)
{
	struct virtio_pci_region *r;
	uint8_t len, type, bar;
	uint32_t offset, length;
	uint64_t bar_size;

	if (cfg8(d, pos + CAP_LEN, &len) || cfg8(d, pos + CAP_CFG_TYPE, &type) ||
	    cfg8(d, pos + CAP_BAR, &bar))
		return STATUS_EIO;
	switch (type) {
	case CFG_COMMON: r = &d->common; break;
	case CFG_NOTIFY: r = &d->notify; break;
	case CFG_ISR: r = &d->isr; break;
	case CFG_DEVICE: r = &d->device; break;
	default: return 0;	/* PCI cfg access, shared memory, ... */
	}
	if (r->present || bar > 5)
		return 0;
	if (len < (type == CFG_NOTIFY ? CAP_NOTIFY_SIZE : CAP_SIZE) ||
	    pos + (unsigned)len > 0x100)
		return status_failf(&d->err, STATUS_EMALFORMED,
				    "malformed virtio %s capability at 0x%x (length %u)",
				    cfg_name(type), pos, len);
	if (cfg32(d, pos + CAP_OFFSET, &offset) || cfg32(d, pos + CAP_LENGTH, &length))
		return STATUS_EIO;
	bar_size = d->ops->bar_size(d->ctx, bar);
	if (bar_size == 0)
		return status_failf(&d->err, STATUS_EMALFORMED,
				    "virtio %s structure in BAR %u, which is not an assigned memory BAR",
				    cfg_name(type), bar);
	if ((uint64_t)offset + length > bar_size)
		return status_failf(&d->err, STATUS_EMALFORMED,
				    "virtio %s structure 0x%x+0x%x lies outside BAR %u (0x%llx bytes)",
				    cfg_name(type), offset, length, bar,
				    (unsigned long long)bar_size);
	if (type == CFG_NOTIFY && cfg32(d, pos + CAP_NOTIFY_MULT, &d->notify_mult))
		return STATUS_EIO;
	r->present = true;
	r->bar = bar;
	r->offset = offset;
	r->length = length;
	return 0;
}

int virtio_pci_open(struct virtio_pci_dev *d, const struct virtio_pci_ops *ops, void *ctx)
{
	uint32_t status;
	uint8_t pos;

	memset(d, 0, sizeof(*d));
	d->ops = ops;
	d->ctx = ctx;
	if (cfg_read(d, PCI_STATUS, 2, &status) != 0)
		return STATUS_EIO;
	if (!(status & PCI_STATUS_CAP_LIST))
		return status_failf(&d->err, STATUS_EUNSUPPORTED,
				    "no PCI capabilities: legacy-only virtio device, not supported");
	if (cfg8(d, PCI_CAP_PTR, &pos))
		return STATUS_EIO;
	for (unsigned n = 0; (pos &= 0xfc) != 0; n++) {
		uint8_t id, next;

		if (pos < 0x40 || n >= PCI_CAP_WALK_MAX)
			return status_failf(&d->err, STATUS_EMALFORMED,
					    "PCI capability list is malformed (entry at 0x%x)",
					    pos);
		if (cfg8(d, pos, &id) || cfg8(d, pos + 1, &next))
			return STATUS_EIO;
		if (id == PCI_CAP_ID_VENDOR) {
			int rc = read_cap(d, pos);

			if (rc != 0)
				return rc;
		}
		pos = next;
	}
	if (!d->common.present || !d->notify.present || !d->device.present)
		return status_failf(&d->err, STATUS_EUNSUPPORTED,
				    "no virtio 1.0 %s structure: legacy-only device, not supported",
				    !d->common.present ? "common" : !d->notify.present ? "notify" : "device");
	if (d->common.length < COMMON_SIZE)
		return status_failf(&d->err, STATUS_EMALFORMED,
				    "virtio common structure is too short (%u bytes)",
				    d->common.length);
	return 0;
}

int virtio_pci_reset(struct virtio_pci_dev *d)
{
	c_wr8(d, COMMON_STATUS, 0);
	/* Section 4.1.4.3.2: the reset is complete when status reads 0. */
	for (unsigned i = 0; i < RESET_POLLS; i++)
		if (c_rd8(d, COMMON_STATUS) == 0)
			return 0;
	return status_failf(&d->err, STATUS_ETIMEDOUT, "device does not complete a reset");
}

void virtio_pci_stop(struct virtio_pci_dev *d, const char *why)
{
	virtio_pci_reset(d);
	d->stopped = why;
}

static void set_status(struct virtio_pci_dev *d, uint8_t bits)
{
	c_wr8(d, COMMON_STATUS, (uint8_t)(c_rd8(d, COMMON_STATUS) | bits));
}

static void give_up(struct virtio_pci_dev *d)
{
	set_status(d, VIRTIO_STATUS_FAILED);
}

int virtio_pci_start(struct virtio_pci_dev *d, uint64_t wanted, uint64_t required)
{
	uint64_t offered, missing;
	uint8_t status;
	int rc = virtio_pci_reset(d);

	if (rc != 0)
		return rc;
	d->stopped = NULL;
	set_status(d, VIRTIO_STATUS_ACKNOWLEDGE);
	set_status(d, VIRTIO_STATUS_DRIVER);
	c_wr32(d, COMMON_DFSELECT, 0);
	offered = c_rd32(d, COMMON_DF);
	c_wr32(d, COMMON_DFSELECT, 1);
	offered |= (uint64_t)c_rd32(d, COMMON_DF) << 32;
	required |= 1ull << VIRTIO_F_VERSION_1;
	missing = required & ~offered;
	if (missing) {
		give_up(d);
		return status_failf(&d->err, STATUS_EUNSUPPORTED,
				    "device lacks required features 0x%llx (offers 0x%llx)",
				    (unsigned long long)missing, (unsigned long long)offered);
	}
	/* Without ACCESS_PLATFORM (QEMU's iommu_platform=off, the default) the
	 * device reaches guest memory directly; with it, DMA would go through
	 * the PHB's TCE table, which the firmware does not program. */
	if (offered & (1ull << VIRTIO_F_ACCESS_PLATFORM)) {
		give_up(d);
		return status_failf(&d->err, STATUS_EUNSUPPORTED,
				    "device requires VIRTIO_F_ACCESS_PLATFORM (iommu_platform=on), not supported");
	}
	d->features = offered & (wanted | required);
	c_wr32(d, COMMON_GFSELECT, 0);
	c_wr32(d, COMMON_GF, (uint32_t)d->features);
	c_wr32(d, COMMON_GFSELECT, 1);
	c_wr32(d, COMMON_GF, (uint32_t)(d->features >> 32));
	set_status(d, VIRTIO_STATUS_FEATURES_OK);
	status = c_rd8(d, COMMON_STATUS);
	if (!(status & VIRTIO_STATUS_FEATURES_OK)) {
		give_up(d);
		return status_failf(&d->err, STATUS_EREFUSED,
				    "device refused features 0x%llx (status 0x%x)",
				    (unsigned long long)d->features, status);
	}
	return 0;
}

int virtio_pci_setup_queue(struct virtio_pci_dev *d, struct virtqueue *vq, uint16_t index,
			   uint16_t max_num)
{
	uint16_t dev_num, num, noff;
	uint64_t notify_off;
	size_t size;
	void *mem;

	if (index >= c_rd16(d, COMMON_NUMQ))
		return status_failf(&d->err, STATUS_ENOTFOUND, "device has no queue %u", index);
	c_wr16(d, COMMON_Q_SELECT, index);
	dev_num = c_rd16(d, COMMON_Q_SIZE);
	if (dev_num == 0)
		return status_failf(&d->err, STATUS_ENOTFOUND, "queue %u is not available", index);
	/* The largest power of two within both limits (section 2.7: the
	 * driver may choose a smaller size). */
	for (num = 1; (uint32_t)num * 2 <= dev_num && (uint32_t)num * 2 <= max_num &&
		      (uint32_t)num * 2 <= VIRTQ_MAX_SIZE; num *= 2)
		;
	noff = c_rd16(d, COMMON_Q_NOFF);
	notify_off = (uint64_t)noff * d->notify_mult;
	if (notify_off + 2 > d->notify.length)
		return status_failf(&d->err, STATUS_EMALFORMED,
				    "queue %u notify offset 0x%llx lies outside the notify structure",
				    index, (unsigned long long)notify_off);
	size = virtqueue_mem_size(num);
	mem = d->ops->dma_alloc(d->ctx, size, 64);
	if (!mem || virtqueue_init(vq, index, num, mem, size) != 0)
		return status_failf(&d->err, STATUS_ENOMEM, "out of memory for queue %u", index);
	vq->notify = d->notify.offset + notify_off;
	c_wr16(d, COMMON_Q_SIZE, num);
	c_wr64(d, COMMON_Q_DESC, virtio_pci_dma(d, vq->desc));
	c_wr64(d, COMMON_Q_AVAIL, virtio_pci_dma(d, vq->avail));
	c_wr64(d, COMMON_Q_USED, virtio_pci_dma(d, vq->used));
	c_wr16(d, COMMON_Q_ENABLE, 1);
	return 0;
}

int virtio_pci_driver_ok(struct virtio_pci_dev *d)
{
	uint8_t status;

	set_status(d, VIRTIO_STATUS_DRIVER_OK);
	status = c_rd8(d, COMMON_STATUS);
	if (!(status & VIRTIO_STATUS_DRIVER_OK) ||
	    (status & (VIRTIO_STATUS_NEEDS_RESET | VIRTIO_STATUS_FAILED)))
		return status_failf(&d->err, STATUS_EDEVICE,
				    "device did not accept DRIVER_OK (status 0x%x)",
				    status);
	return 0;
}

static uint64_t device_read(struct virtio_pci_dev *d, uint32_t off, unsigned size)
{
	uint64_t at = (uint64_t)d->device.offset + off;
	unsigned bar = d->device.bar;

	switch (size) {
	case 1:
		return d->ops->read8(d->ctx, bar, at);
	case 2:
		return virtio_swab16(d->ops->read16(d->ctx, bar, at));
	case 4:
		return virtio_swab32(d->ops->read32(d->ctx, bar, at));
	default:	/* section 4.1.3.1: 64-bit fields as two 32-bit reads */
		return virtio_swab32(d->ops->read32(d->ctx, bar, at)) |
		       ((uint64_t)virtio_swab32(d->ops->read32(d->ctx, bar, at + 4)) << 32);
	}
}

int virtio_pci_config_read(struct virtio_pci_dev *d, uint32_t off, unsigned size,
			   uint64_t *val)
{
	if ((size != 1 && size != 2 && size != 4 && size != 8) || off % (size > 4 ? 4 : size) ||
	    (uint64_t)off + size > d->device.length)
		return status_failf(&d->err, STATUS_EINVAL,
				    "device configuration field 0x%x (%u bytes) is outside the structure",
				    off, size);
	/* Section 2.5.1: retry while config_generation changes under us. */
	for (unsigned i = 0; i < CONFIG_RETRIES; i++) {
		uint8_t gen = c_rd8(d, COMMON_CFGGEN);

		*val = device_read(d, off, size);
		if (c_rd8(d, COMMON_CFGGEN) == gen)
			return 0;
	}
	return status_failf(&d->err, STATUS_EIO, "device configuration never reads consistently");
}

void virtio_pci_notify(struct virtio_pci_dev *d, const struct virtqueue *vq)
{
	if (!d->stopped && virtqueue_needs_notify(vq))
		d->ops->write16(d->ctx, d->notify.bar, vq->notify, virtio_swab16(vq->index));
}

int virtio_pci_transact(struct virtio_pci_dev *d, struct virtqueue *vq,
			const struct virtq_buf *bufs, unsigned n, uint32_t *len)
{
	uint64_t start;
	int rc;

	if (d->stopped)
		return status_failf(&d->err, STATUS_ECLOSED, "device was reset: %s", d->stopped);
	rc = virtqueue_add_chain(vq, bufs, n);
	if (rc != 0)
		return status_failf(&d->err, rc, "cannot queue a request of %u buffers on queue %u",
				    n, vq->index);
	virtio_pci_notify(d, vq);
	start = d->ops->ms(d->ctx);
	for (uint32_t polls = 1; polls <= VIRTIO_MAX_POLLS; polls++) {
		int r = virtqueue_poll(vq, len);

		if (r > 0)
			return 0;
		if (r < 0) {
			virtio_pci_stop(d, "it returned a corrupt used ring earlier");
			return status_failf(&d->err, STATUS_EMALFORMED,
					    "device returned a corrupt used ring on queue %u; device reset",
					    vq->index);
		}
		if ((polls & 0xff) == 0 && d->ops->ms(d->ctx) - start > VIRTIO_TIMEOUT_MS)
			break;
	}
	/* The device still owns the buffers: stop it before anyone reuses them. */
	virtio_pci_stop(d, "it did not complete a request earlier");
	return status_failf(&d->err, STATUS_ETIMEDOUT,
			    "no completion on queue %u within %u ms; device reset",
			    vq->index, VIRTIO_TIMEOUT_MS);
}
