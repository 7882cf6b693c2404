/* SPDX-License-Identifier: MIT */
/* A fake virtio 1.x PCI function for host tests: configuration space with
 * the vendor capabilities, the common/notify/ISR/device structures in BAR
 * 4 (little-endian registers seen through big-endian loads, as the board's
 * H_LOGICAL_CI_LOAD shows them), and a device model (virtio-blk over
 * computed contents, virtio-scsi over tests/fakes/scsi-fake.c) that runs
 * the queue synchronously when notified. Faults are injectable. */
#ifndef TESTS_FAKES_VIRTIO_FAKE_H
#define TESTS_FAKES_VIRTIO_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/net-stack.h"
#include "scsi-fake.h"
#include "virtio/virtio-pci.h"

/* Layout of the fake's BAR 4. */
#define VFAKE_BAR		4
#define VFAKE_BAR_SIZE		0x4000
#define VFAKE_COMMON		0x0000
#define VFAKE_ISR		0x1000
#define VFAKE_DEVICE		0x2000
#define VFAKE_NOTIFY		0x3000
#define VFAKE_NOTIFY_MULT	4
#define VFAKE_QUEUES		4

enum vfake_fault {
	VFAKE_OK = 0,
	VFAKE_NO_CAP_LIST,	/* status register says no capabilities */
	VFAKE_LEGACY_ONLY,	/* capabilities, but none of virtio's */
	VFAKE_CAP_LOOP,		/* capability list points to itself */
	VFAKE_CAP_OUTSIDE_BAR,	/* device structure past the end of BAR 4 */
	VFAKE_NO_VERSION_1,
	VFAKE_ACCESS_PLATFORM,	/* offers VIRTIO_F_ACCESS_PLATFORM */
	VFAKE_REFUSE_FEATURES,	/* FEATURES_OK never sticks */
	VFAKE_RESET_STUCK,	/* status never reads back 0 */
	VFAKE_NEVER_COMPLETE,	/* requests are taken but never used */
	VFAKE_BAD_USED_ID,	/* used element names another descriptor */
	VFAKE_USED_JUMP,	/* used index moves by two */
	VFAKE_SHORT_USED_LEN,	/* used length smaller than written */
	VFAKE_BAD_NOTIFY_OFF,	/* queue_notify_off past the notify area */
	VFAKE_CONFIG_UNSTABLE,	/* config_generation changes on every read */
	VFAKE_QUEUE_ABSENT,	/* queue size 0 */
	VFAKE_BLK_IOERR,	/* virtio-blk status 1 */
	VFAKE_SCSI_FAILURE,	/* virtio-scsi response FAILURE */
	VFAKE_SCSI_BIG_RESIDUAL,	/* residual larger than the data buffer */
	VFAKE_DRIVER_OK_FAILS,	/* DEVICE_NEEDS_RESET on DRIVER_OK */
	VFAKE_NET_NO_MAC,	/* virtio-net without VIRTIO_NET_F_MAC */
	VFAKE_NET_USED_BAD_ID,	/* receive used element names no descriptor */
	VFAKE_NET_USED_TOO_LONG,	/* receive used length beyond the buffer */
	VFAKE_NET_GSO,		/* receive header with gso_type TCPV4 */
};

#define VFAKE_NET_PENDING	8	/* frames waiting for receive buffers */
#define VFAKE_NET_FRAME_MAX	1600

struct vfake_queue {
	uint16_t size_max, size, notify_off;
	bool enabled;
	uint64_t desc, avail, used;
	uint16_t last_avail, used_idx;
};

struct virtio_fake {
	/* Set up by the test (virtio_fake_init_* give defaults). */
	unsigned type;			/* VIRTIO_ID_BLOCK or VIRTIO_ID_SCSI */
	enum vfake_fault fault;
	uint64_t host_features;
	uint8_t device_cfg[64];		/* little-endian, as the device holds it */
	struct scsi_fake *scsi;		/* VIRTIO_ID_SCSI: the targets */
	uint32_t blk_block_size;	/* virtio-blk: alignment QEMU enforces */
	uint64_t blk_sectors;

	/* Device state. */
	uint8_t pci_cfg[256];
	uint64_t guest_features;
	uint32_t dfselect, gfselect;
	uint8_t status, generation;
	uint16_t queue_select;
	struct vfake_queue q[VFAKE_QUEUES];
	uint64_t clock_ms;

	/* What the driver did. */
	unsigned notifies, requests, resets;
	unsigned bad_accesses;		/* wrong width/alignment/BAR */
	char bad_access[96];
	uint32_t last_blk_bytes;	/* data bytes of the last virtio-blk read */

	/* virtio-net: frames go to backend (when set) and come from it, or
	 * from virtio_fake_net_inject; they wait in pending until the driver
	 * has a receive buffer (QEMU queues them the same way). */
	const struct net_ops *backend;
	uint8_t pending[VFAKE_NET_PENDING][VFAKE_NET_FRAME_MAX];
	size_t pending_len[VFAKE_NET_PENDING];
	unsigned pending_head, n_pending;
	unsigned rx_delivered, rx_lost;	/* lost: pending was full */
	unsigned tx_frames;
	uint8_t last_tx[VFAKE_NET_FRAME_MAX + 12];	/* header + frame */
	size_t last_tx_len;

	/* A hostile device for fuzzing: when set, each completed request
	 * consumes bytes of this stream to overwrite what the device wrote
	 * (status, response headers, data) and to corrupt the used element
	 * (id, length, index step) or drop the completion. */
	const uint8_t *chaos;
	size_t chaos_len, chaos_pos;

	void *allocs[32];
	int nallocs;
};

/* A virtio-blk-pci (transitional ids, like QEMU 7.2) with sectors 512-byte
 * sectors and, when block_size is not 0, VIRTIO_BLK_F_BLK_SIZE. */
void virtio_fake_init_blk(struct virtio_fake *f, uint64_t sectors, uint32_t block_size);
/* A virtio-scsi-pci over the units of scsi. */
void virtio_fake_init_scsi(struct virtio_fake *f, struct scsi_fake *scsi);
/* A virtio-net-pci (transitional id 0x1000, like QEMU with romfile=)
 * with MAC mac, offering what QEMU 7.2 offers; backend NULL: frames only
 * from virtio_fake_net_inject. */
void virtio_fake_init_net(struct virtio_fake *f, const uint8_t mac[6],
			  const struct net_ops *backend);
/* Queues one frame for the driver and delivers what fits. Returns false
 * when the pending queue is full (the frame is lost). */
bool virtio_fake_net_inject(struct virtio_fake *f, const void *frame, size_t len);
/* Receive buffers the driver has made available and the device holds. */
unsigned virtio_fake_net_rx_avail(const struct virtio_fake *f);
/* Device model hooks for virtio-fake.c. */
void vfake_net_deliver(struct virtio_fake *f);
uint32_t vfake_net_tx(struct virtio_fake *f, const uint8_t *const *p, const uint32_t *len,
		      int ns, bool any_writable);
void vfake_net_pump(struct virtio_fake *f);

/* Frees what dma_alloc handed out. */
void virtio_fake_free(struct virtio_fake *f);

/* The byte at byte offset off of the fake virtio-blk disk. */
uint8_t virtio_fake_blk_byte(uint64_t off);

/* The platform operations (ctx = struct virtio_fake *). */
extern const struct virtio_pci_ops virtio_fake_ops;

#endif
