/* SPDX-License-Identifier: MIT */
/* spapr-vlan client (see vlan.h). Page i of the caller's memory is
 * mapped at window_base + i pages; descriptors carry those 32-bit I/O
 * addresses. Receive buffer i carries correlator VLAN_CORR_TAG | i in its
 * first 8 bytes, which the hypervisor copies into the queue entry. */
#include <stdarg.h>
#include <string.h>

#include "be.h"
#include "vlan/vlan.h"

#define PAGE_BUFLIST	0u
#define PAGE_FILTER	1u
#define PAGE_RXQ	2u
#define PAGE_RXBUFS	3u
#define PAGE_TX		(VLAN_DMA_PAGES - 1u)

#define VLAN_CORR_TAG	0x564c414e00000000ull	/* "VLAN" */
#define RXQ_ENTRIES	(VLAN_RXQ_BYTES / VLAN_RXQ_ENTRY)

static uint32_t ioba(const struct vlan *v, const void *p)
{
	return (uint32_t)(v->cfg.window_base + (uint64_t)((const uint8_t *)p - v->mem));
}

static void map_pages(struct vlan *v, bool map)
{
	for (unsigned i = 0; i < VLAN_DMA_PAGES; i++) {
		uint64_t real = (uint64_t)(uintptr_t)(v->mem + (size_t)i * VLAN_PAGE);

		v->ops->put_tce(v->ctx, v->cfg.liobn, v->cfg.window_base + (uint64_t)i * VLAN_PAGE,
				map ? real | 3u : 0);
	}
	v->mapped = map;
}

static uint8_t *rx_buf(struct vlan *v, unsigned i)
{
	return v->rx_bufs + (size_t)i * VLAN_BUF_SIZE;
}

/* Gives every buffer the hypervisor does not hold back to it. A refusal
 * leaves the buffer for the next call (the LAN works with fewer). */
static void refill(struct vlan *v)
{
	for (unsigned i = 0; i < VLAN_RX_BUFS; i++) {
		if (v->held[i])
			continue;
		be64_write(rx_buf(v, i), VLAN_CORR_TAG | i);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (v->ops->add_buffer(v->ctx, v->cfg.unit,
				       vlan_bd(ioba(v, rx_buf(v, i)), VLAN_BUF_SIZE)) == STATUS_OK)
			v->held[i] = true;
	}
}

int vlan_open(struct vlan *v, const struct vlan_hv_ops *ops, void *ctx,
	      const struct vlan_config *cfg, void *mem)
{
	uint64_t rxq_bd;
	int rc;

	memset(v, 0, sizeof(*v));
	v->ops = ops;
	v->ctx = ctx;
	v->cfg = *cfg;
	v->stopped = true;
	if (!mem || (uintptr_t)mem % VLAN_PAGE)
		return status_failf(&v->err, STATUS_EINVAL, "DMA memory is not page-aligned");
	/* Descriptors hold 32-bit I/O addresses. */
	if (cfg->window_base % VLAN_PAGE || cfg->window_size < VLAN_DMA_BYTES ||
	    cfg->window_base + VLAN_DMA_BYTES > (1ull << 32))
		return status_failf(&v->err, STATUS_EINVAL,
				    "DMA window 0x%llx+0x%llx is unusable (need 0x%x bytes below 4 GiB)",
				    (unsigned long long)cfg->window_base,
				    (unsigned long long)cfg->window_size, VLAN_DMA_BYTES);
	v->mem = mem;
	memset(mem, 0, VLAN_DMA_BYTES);
	v->buf_list = v->mem + PAGE_BUFLIST * VLAN_PAGE;
	v->filter = v->mem + PAGE_FILTER * VLAN_PAGE;
	v->rxq = v->mem + PAGE_RXQ * VLAN_PAGE;
	v->rx_bufs = v->mem + PAGE_RXBUFS * VLAN_PAGE;
	v->tx_buf = v->mem + PAGE_TX * VLAN_PAGE;
	v->toggle = 1;	/* the hypervisor starts with the toggle bit set */
	map_pages(v, true);
	rxq_bd = vlan_bd(ioba(v, v->rxq), VLAN_RXQ_BYTES);
	for (int tries = 0; tries < 2; tries++) {
		rc = ops->register_lan(ctx, cfg->unit, ioba(v, v->buf_list), rxq_bd,
				       ioba(v, v->filter), vlan_mac_arg(cfg->mac));
		if (rc != STATUS_EBUSY)
			break;
		ops->free_lan(ctx, cfg->unit);	/* left open by a previous user */
	}
	if (rc != STATUS_OK) {
		map_pages(v, false);
		return status_failf(&v->err, rc, "H_REGISTER_LOGICAL_LAN failed: %s", status_name(rc));
	}
	v->registered = true;
	v->stopped = false;
	refill(v);
	for (unsigned i = 0; i < VLAN_RX_BUFS; i++)
		if (!v->held[i]) {
			vlan_close(v);
			return status_failf(&v->err, STATUS_EIO,
					    "H_ADD_LOGICAL_LAN_BUFFER refused receive buffer %u", i);
		}
	return 0;
}

int vlan_send(struct vlan *v, const void *frame, size_t len)
{
	int rc;

	if (v->stopped)
		return status_failf(&v->err, STATUS_ECLOSED, "the LAN is stopped");
	if (len < 14 || len > VLAN_FRAME_MAX)
		return status_failf(&v->err, STATUS_EINVAL, "cannot send a frame of %zu bytes", len);
	memcpy(v->tx_buf, frame, len);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	rc = v->ops->send_lan(v->ctx, v->cfg.unit, vlan_bd(ioba(v, v->tx_buf), (uint32_t)len));
	if (rc != STATUS_OK)
		return status_failf(&v->err, rc, "H_SEND_LOGICAL_LAN failed: %s", status_name(rc));
	v->tx_frames++;
	return 0;
}

__attribute__((format(printf, 2, 3)))
static int drop(struct vlan *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	status_vtextf(&v->drop, fmt, ap);
	va_end(ap);
	v->rx_dropped++;
	return 0;
}

int vlan_receive(struct vlan *v, void *buf, size_t cap)
{
	volatile uint8_t *slot = v->rxq + (size_t)v->rxq_next * VLAN_RXQ_ENTRY;
	uint8_t raw[VLAN_RXQ_ENTRY];
	struct vlan_rxq_entry e;
	uint64_t idx;
	int r;

	if (v->stopped)
		return status_failf(&v->err, STATUS_ECLOSED, "the LAN is stopped");
	/* An entry is new when its toggle bit matches this pass's. */
	if (((slot[0] & VLAN_RXQ_TOGGLE) != 0) != (v->toggle != 0))
		return 0;
	/* The hypervisor writes the control byte last. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	for (unsigned i = 0; i < VLAN_RXQ_ENTRY; i++)
		raw[i] = slot[i];
	vlan_rxq_decode(raw, &e);
	if (++v->rxq_next == RXQ_ENTRIES) {
		v->rxq_next = 0;
		v->toggle ^= 1;
	}
	idx = e.correlator & 0xffffffffull;
	if ((e.correlator & ~0xffffffffull) != VLAN_CORR_TAG || idx >= VLAN_RX_BUFS ||
	    !v->held[idx]) {
		vlan_close(v);
		return status_failf(&v->err, STATUS_EMALFORMED,
				    "receive queue entry names buffer 0x%016llx, which the driver "
				    "did not post; LAN freed", (unsigned long long)e.correlator);
	}
	v->held[idx] = false;
	if (!(e.control & VLAN_RXQ_VALID))
		r = drop(v, "receive queue entry for buffer %u is not valid (control 0x%02x)",
			 (unsigned)idx, e.control);
	else if (e.offset < VLAN_RX_FRAME_OFFSET || e.length < 14 ||
		 (uint64_t)e.offset + e.length > VLAN_BUF_SIZE)
		r = drop(v, "receive queue entry places %u bytes at offset %u of a %u-byte buffer",
			 e.length, e.offset, VLAN_BUF_SIZE);
	else if (e.length > cap)
		r = drop(v, "received frame of %u bytes exceeds the caller's %zu", e.length, cap);
	else {
		memcpy(buf, rx_buf(v, (unsigned)idx) + e.offset, e.length);
		v->rx_frames++;
		r = (int)e.length;
	}
	refill(v);
	return r;
}

void vlan_close(struct vlan *v)
{
	if (v->registered)
		v->ops->free_lan(v->ctx, v->cfg.unit);
	if (v->mapped)
		map_pages(v, false);
	v->registered = false;
	v->stopped = true;
	memset(v->held, 0, sizeof(v->held));
}

int vlan_op_send(void *ctx, const void *frame, size_t len)
{
	return vlan_send(ctx, frame, len);
}

int vlan_op_receive(void *ctx, void *buf, size_t cap)
{
	return vlan_receive(ctx, buf, cap);
}

uint64_t vlan_op_now_ms(void *ctx)
{
	struct vlan *v = ctx;

	return v->ops->now_ms(v->ctx);
}
