/* SPDX-License-Identifier: MIT */
/* spapr-vlan (ibmveth) driver, polled: registers the logical LAN with a
 * buffer list, filter list and receive queue in its TCE window, keeps
 * receive buffers posted with H_ADD_LOGICAL_LAN_BUFFER, sends with
 * H_SEND_LOGICAL_LAN (synchronous: the hypervisor copies the frame), and
 * reads the receive queue by its toggle bit. Every hypercall goes
 * through struct vlan_hv_ops, so the library has no hardware access.
 * send/receive/now_ms have the shapes of lib/net's struct net_ops. */
#ifndef LIB_VLAN_VLAN_H
#define LIB_VLAN_VLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"
#include "vlan/vlan-wire.h"

/* Each hypercall returns STATUS_OK or a negative enum status (the board
 * translates the hypervisor's H_* codes): STATUS_EINVAL for H_PARAMETER,
 * STATUS_EBUSY for H_RESOURCE (open already, not open, full),
 * STATUS_EDROPPED for H_DROPPED (frame not sent). */
struct vlan_hv_ops {
	/* H_REGISTER_LOGICAL_LAN(unit, buffer list, receive queue BD,
	 * filter list, MAC). */
	int (*register_lan)(void *ctx, uint32_t unit, uint64_t buf_list, uint64_t rxq_bd,
			    uint64_t filter_list, uint64_t mac);
	int (*free_lan)(void *ctx, uint32_t unit);
	int (*add_buffer)(void *ctx, uint32_t unit, uint64_t bd);
	/* H_SEND_LOGICAL_LAN with bd first, the other five descriptors and
	 * the continuation token 0. */
	int (*send_lan)(void *ctx, uint32_t unit, uint64_t bd);
	/* H_PUT_TCE: tce = real page address | 1 (read) | 2 (write); 0 unmaps. */
	int (*put_tce)(void *ctx, uint32_t liobn, uint64_t ioba, uint64_t tce);
	uint64_t (*now_ms)(void *ctx);
};

#define VLAN_RX_BUFS		16
#define VLAN_BUF_SIZE		2048u	/* correlator + the largest frame */
#define VLAN_FRAME_MAX		1518u	/* Ethernet with a VLAN tag, no FCS */
#define VLAN_RXQ_BYTES		VLAN_PAGE	/* 256 entries > RX_BUFS + 1 */
/* DMA memory the caller provides, page-aligned: buffer list, filter
 * list, receive queue, the receive buffers, the transmit buffer. */
#define VLAN_DMA_PAGES		(3u + VLAN_RX_BUFS * VLAN_BUF_SIZE / VLAN_PAGE + 1u)
#define VLAN_DMA_BYTES		(VLAN_DMA_PAGES * VLAN_PAGE)

struct vlan_config {
	uint32_t unit;			/* the node's reg */
	uint32_t liobn;			/* ibm,my-dma-window */
	uint64_t window_base, window_size;
	uint8_t mac[6];			/* vlan_mac_from_property */
};

struct vlan {
	const struct vlan_hv_ops *ops;
	void *ctx;
	struct vlan_config cfg;
	uint8_t *mem;			/* VLAN_DMA_BYTES */
	uint8_t *buf_list, *filter, *rxq, *rx_bufs, *tx_buf;
	bool mapped, registered, stopped;
	bool held[VLAN_RX_BUFS];	/* buffer is with the hypervisor */
	unsigned rxq_next;		/* entry to look at next */
	uint8_t toggle;			/* toggle bit of a new entry (starts 1) */
	unsigned rx_frames, tx_frames, rx_dropped;
	struct status_text err;		/* why the last call failed */
	struct status_text drop;	/* why the last received frame was dropped */
};

/* Maps the pages, registers the LAN (after freeing a stale registration
 * once, as after a kexec), posts the receive buffers. mem: VLAN_DMA_BYTES,
 * page-aligned. Returns 0, or a negative status with v->err (STATUS_EINVAL:
 * window too small or beyond 4 GiB; a hypercall refused); on failure
 * nothing stays registered or mapped. */
int vlan_open(struct vlan *v, const struct vlan_hv_ops *ops, void *ctx,
	      const struct vlan_config *cfg, void *mem);

/* Sends frame[0..len) (14..VLAN_FRAME_MAX bytes). Returns 0, or a negative
 * status with v->err. */
int vlan_send(struct vlan *v, const void *frame, size_t len);

/* Without waiting: the next received frame into buf. Returns its length,
 * 0 when none is pending or it was dropped (v->drop says why: an entry
 * without the valid bit, an offset or length outside the buffer, a frame
 * larger than cap), STATUS_EMALFORMED with v->err when the queue names a
 * buffer the driver never posted (the LAN is then freed), STATUS_ECLOSED
 * when the LAN is stopped. */
int vlan_receive(struct vlan *v, void *buf, size_t cap);

/* H_FREE_LOGICAL_LAN and unmapping: the hypervisor stops writing guest
 * memory and the OS can register the LAN afresh. Safe to call twice. */
void vlan_close(struct vlan *v);

/* The struct net_ops entries, ctx = struct vlan *. */
int vlan_op_send(void *ctx, const void *frame, size_t len);
int vlan_op_receive(void *ctx, void *buf, size_t cap);
uint64_t vlan_op_now_ms(void *ctx);

#endif
