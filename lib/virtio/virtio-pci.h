/* SPDX-License-Identifier: MIT */
/* Virtio over PCI, modern interface (virtio 1.x section 4.1): vendor
 * capabilities locate the common, notify, ISR and device configuration
 * structures in the function's memory BARs. Every access goes through
 * struct virtio_pci_ops, so the same code runs against the board and
 * against the fake device of the host tests. */
#ifndef LIB_VIRTIO_VIRTIO_PCI_H
#define LIB_VIRTIO_VIRTIO_PCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"
#include "virtio/virtqueue.h"

#define VIRTIO_PCI_VENDOR	0x1af4
/* Transitional (0x1000 + legacy id) and modern (0x1040 + virtio id). */
#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_SCSI		8

/* Device status bits (section 2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE	1
#define VIRTIO_STATUS_DRIVER		2
#define VIRTIO_STATUS_DRIVER_OK		4
#define VIRTIO_STATUS_FEATURES_OK	8
#define VIRTIO_STATUS_NEEDS_RESET	64
#define VIRTIO_STATUS_FAILED		128

/* Reserved feature bits (section 6). */
#define VIRTIO_F_VERSION_1		32
#define VIRTIO_F_ACCESS_PLATFORM	33

/* How long one request may take, and a hard bound on polls so that a
 * stuck clock cannot turn a dead device into a hang. */
#define VIRTIO_TIMEOUT_MS	5000u
#define VIRTIO_MAX_POLLS	(1u << 31)

/* Platform access for one PCI function.
 *
 * Configuration space values are numeric (the platform converts from
 * PCI's little-endian). BAR accesses are single loads and stores of the
 * given width at offset off of memory BAR bar, and their values are what a
 * big-endian load of those bytes returns (H_LOGICAL_CI_LOAD does exactly
 * that): virtio registers are little-endian, so this layer byte-swaps.
 * Firmware memory is shared with the device by address: dma_addr gives the
 * bus address of a pointer, dma_alloc zeroed memory for rings and request
 * headers (NULL when exhausted; never freed). ms is a millisecond clock. */
struct virtio_pci_ops {
	int (*cfg_read)(void *ctx, uint32_t off, unsigned size, uint32_t *val);
	int (*cfg_write)(void *ctx, uint32_t off, unsigned size, uint32_t val);
	/* Bytes of memory BAR bar as assigned; 0 when absent, unassigned or I/O. */
	uint64_t (*bar_size)(void *ctx, unsigned bar);
	uint8_t (*read8)(void *ctx, unsigned bar, uint64_t off);
	uint16_t (*read16)(void *ctx, unsigned bar, uint64_t off);
	uint32_t (*read32)(void *ctx, unsigned bar, uint64_t off);
	void (*write8)(void *ctx, unsigned bar, uint64_t off, uint8_t v);
	void (*write16)(void *ctx, unsigned bar, uint64_t off, uint16_t v);
	void (*write32)(void *ctx, unsigned bar, uint64_t off, uint32_t v);
	uint64_t (*dma_addr)(void *ctx, const void *p);
	void *(*dma_alloc)(void *ctx, size_t size, size_t align);
	uint64_t (*ms)(void *ctx);
};

/* Where one configuration structure lives (section 4.1.4). */
struct virtio_pci_region {
	bool present;
	uint8_t bar;
	uint32_t offset, length;
};

struct virtio_pci_dev {
	const struct virtio_pci_ops *ops;
	void *ctx;
	struct virtio_pci_region common, notify, isr, device;
	uint32_t notify_mult;	/* notify_off_multiplier */
	uint64_t features;	/* negotiated */
	const char *stopped;	/* set when the device was reset under the
				 * driver: why I/O is refused from then on */
	struct status_text err;	/* why the last call failed */
};

/* Binds ops/ctx to d and reads the vendor capabilities from config space
 * (a bounded walk of the capability list; structures must lie inside
 * their BAR). Returns 0, or with d->err set STATUS_EUNSUPPORTED (no
 * modern interface), STATUS_EMALFORMED (a malformed capability) or
 * STATUS_EIO (config space unreadable). */
int virtio_pci_open(struct virtio_pci_dev *d, const struct virtio_pci_ops *ops, void *ctx);

/* Resets the device and negotiates features (section 3.1.1 steps 1-6):
 * offers the device's features masked by wanted; fails unless every bit
 * of required (VERSION_1 is always required) is offered, if the device
 * insists on ACCESS_PLATFORM (an IOMMU the firmware does not program), or
 * if FEATURES_OK does not stick. Returns 0, or with d->err
 * STATUS_EUNSUPPORTED (features), STATUS_EREFUSED (FEATURES_OK refused) or
 * virtio_pci_reset's code. */
int virtio_pci_start(struct virtio_pci_dev *d, uint64_t wanted, uint64_t required);

/* Sets up queue index with at most max_num entries (ring memory from
 * ops->dma_alloc) and enables it. Returns 0, or with d->err
 * STATUS_ENOTFOUND (queue absent), STATUS_ENOMEM, or STATUS_EMALFORMED
 * (notify offset outside the notify structure). */
int virtio_pci_setup_queue(struct virtio_pci_dev *d, struct virtqueue *vq, uint16_t index,
			   uint16_t max_num);

/* Sets DRIVER_OK (section 3.1.1 step 8). Returns 0, or STATUS_EDEVICE
 * with d->err if the device reports a failure. */
int virtio_pci_driver_ok(struct virtio_pci_dev *d);

/* Reads size (1, 2, 4 or 8) bytes of the device-specific configuration at
 * off, consistently (config_generation unchanged across the read). Returns
 * 0, or with d->err STATUS_EINVAL (outside the structure) or STATUS_EIO
 * (never consistent). */
int virtio_pci_config_read(struct virtio_pci_dev *d, uint32_t off, unsigned size,
			   uint64_t *val);

/* Makes bufs available on vq, notifies the device and polls until the
 * chain comes back (VIRTIO_TIMEOUT_MS, at most VIRTIO_MAX_POLLS polls).
 * *len is what the device reports it wrote. On a timeout or a corrupt used
 * ring the device is reset (its DMA stops) and d->stopped set; a stopped
 * device fails every later request at once. Returns 0, or with d->err
 * STATUS_ETIMEDOUT, STATUS_EMALFORMED (corrupt used ring), STATUS_ECLOSED
 * (stopped earlier) or virtqueue_add_chain's code. */
int virtio_pci_transact(struct virtio_pci_dev *d, struct virtqueue *vq,
			const struct virtq_buf *bufs, unsigned n, uint32_t *len);

/* Tells the device that vq has new available buffers (section 4.1.5.2).
 * Nothing is written to a stopped device. */
void virtio_pci_notify(struct virtio_pci_dev *d, const struct virtqueue *vq);

/* Writes status 0 and waits (bounded) for the reset to complete: the
 * device stops all DMA. Returns 0, or STATUS_ETIMEDOUT with d->err if it
 * never reads back 0. */
int virtio_pci_reset(struct virtio_pci_dev *d);

/* Resets a device that is in use and refuses its I/O from then on, giving
 * why ("the firmware was quiesced") in the error of later requests. */
void virtio_pci_stop(struct virtio_pci_dev *d, const char *why);

/* Bus address of p for the device. */
static inline uint64_t virtio_pci_dma(const struct virtio_pci_dev *d, const void *p)
{
	return d->ops->dma_addr(d->ctx, p);
}

/* The virtio device type of a PCI vendor/device id pair (VIRTIO_ID_*), or
 * 0 when it is not a virtio function. */
unsigned virtio_pci_device_type(uint16_t vendor, uint16_t device);

#endif
