/* SPDX-License-Identifier: MIT */
/* A fake hypervisor for one spapr-vlan unit, behaving like QEMU's
 * hw/net/spapr_llan.c (buffer pools, current QEMU's default): a TCE
 * window through which every access goes, H_REGISTER_LOGICAL_LAN's
 * checks and buffer list initialisation, H_ADD_LOGICAL_LAN_BUFFER into
 * per-size pools taken last-in first-out, frames written at offset 8 of
 * a buffer with the buffer's first 8 bytes copied into the queue entry,
 * the toggle bit flipped at each wrap, H_SEND_LOGICAL_LAN to a backend,
 * H_FREE_LOGICAL_LAN. Faults corrupt what the hypervisor writes. */
#ifndef TESTS_FAKES_VLAN_FAKE_H
#define TESTS_FAKES_VLAN_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/net-stack.h"
#include "vlan/vlan.h"

#define VLAN_FAKE_UNIT		0x71000001u
#define VLAN_FAKE_LIOBN		0x71000001u
#define VLAN_FAKE_WINDOW	0x10000000ull	/* QEMU's rtce_window_size */
#define VLAN_FAKE_POOL		64
#define VLAN_FAKE_PENDING	8
#define VLAN_FAKE_FRAME_MAX	2100

enum vlan_fake_fault {
	VLAN_FAKE_OK = 0,
	VLAN_FAKE_REGISTER_REFUSED,	/* H_PARAMETER */
	VLAN_FAKE_LEFT_OPEN,		/* registered by a previous user */
	VLAN_FAKE_ADD_REFUSED,		/* H_RESOURCE for every buffer */
	VLAN_FAKE_BAD_CORRELATOR,	/* entries name a buffer never posted */
	VLAN_FAKE_NOT_VALID,		/* control byte without the valid bit */
	VLAN_FAKE_BAD_OFFSET,		/* offset 2000 */
};

struct vlan_fake {
	enum vlan_fake_fault fault;
	const struct net_ops *backend;	/* NULL: frames only from inject */
	uint64_t *tce;			/* VLAN_FAKE_WINDOW / 4096 entries */

	/* Hypervisor state (QEMU's names). */
	bool isopen;
	uint64_t buf_list;		/* I/O address */
	uint64_t rxq_ptr;
	uint64_t pool[VLAN_FAKE_POOL];	/* one pool: the driver uses one size */
	unsigned pool_count;
	uint32_t pool_size;
	uint8_t pending[VLAN_FAKE_PENDING][VLAN_FAKE_FRAME_MAX];
	size_t pending_len[VLAN_FAKE_PENDING];
	unsigned pending_head, n_pending;

	/* Records. */
	unsigned reg_calls, free_calls, add_calls, send_calls, tce_calls;
	unsigned mapped, dma_faults, rx_delivered, rx_dropped, rx_lost;
	uint64_t last_mac, last_rxq_bd, last_filter;
	uint8_t last_tx[VLAN_FAKE_FRAME_MAX];
	size_t last_tx_len;
	uint64_t now;
};

extern const struct vlan_hv_ops vlan_fake_ops;

void vlan_fake_init(struct vlan_fake *f, enum vlan_fake_fault fault,
		    const struct net_ops *backend);
void vlan_fake_free(struct vlan_fake *f);
struct vlan_config vlan_fake_config(const uint8_t mac[6]);
/* Queues one frame for the guest and delivers what buffers allow (QEMU
 * holds frames while no buffer is posted). False when the queue is full. */
bool vlan_fake_inject(struct vlan_fake *f, const void *frame, size_t len);
/* The frames-dropped counter the hypervisor keeps in the buffer list. */
uint64_t vlan_fake_dropped_counter(struct vlan_fake *f);

#endif
