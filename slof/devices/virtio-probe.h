/* SPDX-License-Identifier: MIT */
/* virtio-blk-pci and virtio-scsi-pci functions in the live tree, brought
 * up with lib/virtio and lib/scsi and registered as block devices
 * (slof/devices/block.h) for the disk package and the boot-device loop. */
#ifndef SLOF_VIRTIO_PROBE_H
#define SLOF_VIRTIO_PROBE_H

/* Finds every virtio-blk and virtio-scsi PCI function below the PHBs
 * (vendor-id 0x1af4; transitional or modern device ids), assigns its BARs
 * and brings it up. A virtio-blk function gets a block device on its own
 * node (e.g. /pci@800000020000000/scsi@0); a virtio-scsi function gets a
 * child "disk@<unit>" per disk or CD-ROM logical unit, named as QEMU names
 * it in qemu,boot-list: unit = (0x1000000 | target << 16 | lun) << 32,
 * with 0x4000 or-ed into the LUN part for LUNs >= 256, in hex. Prints one
 * line per device found and one per failure, nothing for absent targets.
 * No delays: a device that does not answer fails after a bounded time.
 * Functions already handled by an earlier call are left alone, so it may be
 * called again. Returns the number of block devices registered so far. */
int virtio_probe_all(void);

/* Resets every virtio device brought up here (device status 0), which
 * stops its DMA; the block devices then fail their reads. For the
 * client interface's quiesce, before the OS owns memory. */
void virtio_quiesce_all(void);

struct of_node;
struct virtio_pci_dev;
struct virtio_pci_ops;

/* For the other virtio drivers (virtio-net): assigns the BARs of the PCI
 * function n and enables it; returns the context for the board's
 * struct virtio_pci_ops (*ops), or NULL with *reason. */
void *virtio_probe_enable(struct of_node *n, const struct virtio_pci_ops **ops,
			  const char **reason);
/* The driver's transport on ctx, reset by virtio_quiesce_all (NULL: none). */
void virtio_probe_track(void *ctx, struct virtio_pci_dev *dev);

#endif
