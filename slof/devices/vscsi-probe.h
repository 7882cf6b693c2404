/* SPDX-License-Identifier: MIT */
/* spapr-vscsi adapters (/vdevice/v-scsi@..., compatible "IBM,v-scsi"):
 * bring-up, LUN discovery, a "disk@<lun>" block device per logical unit,
 * and the "vscsi-report-luns" method GRUB calls on the adapter node. */
#ifndef SLOF_VSCSI_PROBE_H
#define SLOF_VSCSI_PROBE_H

/* Probes every spapr-vscsi adapter not probed before: registers its CRQ,
 * logs in (SRP), finds its logical units (REPORT LUNS, INQUIRY, TEST UNIT
 * READY, READ CAPACITY) and, for each disk or CD-ROM, creates the child
 * node "disk@<(0x8000|target<<8|channel<<5|lun)<<48 in hex>" (the name
 * QEMU's qemu,boot-list uses) and registers a struct block_dev on it
 * (block_register: device_type "block"). Prints one line per unit found
 * ("vscsi: /vdevice/v-scsi@71000002/disk@8000000000000000: CD-ROM,
 * 2048-byte blocks, ...") and one per failure; nothing for empty
 * addresses. Each wait is bounded (an adapter that never answers costs
 * about a second). Also registers the adapter methods (below). Returns
 * the number of vscsi block devices registered so far, over all calls. */
int vscsi_probe_all(void);

/* Registers the instance methods of adapter nodes ("vscsi-report-luns",
 * nargs 2 nret 3: catch, number of entries, table address), once. Opening
 * an adapter that was not probed yet probes it. vscsi_probe_all calls
 * this; call it earlier if clients may open adapters before a probe. */
void vscsi_register_methods(void);

/* Frees every adapter's CRQ and TCE mappings, so the OS finds the
 * adapters as after a reset (its driver registers its own queue). Call at
 * quiesce / before starting an OS. A later read brings an adapter up
 * again by itself. */
void vscsi_quiesce_all(void);

struct vscsi_hv_ops;

/* Routes the hypercalls of adapters probed from now on through ops with
 * ctx (host tests put a fake partner there); NULL restores the board's
 * (slof/board.h board_vio_*), the default. */
void vscsi_probe_set_hv(const struct vscsi_hv_ops *ops, void *ctx);

#endif
