/* SPDX-License-Identifier: MIT */
/* Fake spapr-vlan hypervisor (see vlan-fake.h). */
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "vlan-fake.h"

#define PAGE 4096u

void vlan_fake_init(struct vlan_fake *f, enum vlan_fake_fault fault,
		    const struct net_ops *backend)
{
	uint64_t *tce = f->tce;

	memset(f, 0, sizeof(*f));
	f->fault = fault;
	f->backend = backend;
	f->tce = tce ? tce : calloc(VLAN_FAKE_WINDOW / PAGE, sizeof(uint64_t));
	memset(f->tce, 0, VLAN_FAKE_WINDOW / PAGE * sizeof(uint64_t));
	if (fault == VLAN_FAKE_LEFT_OPEN)
		f->isopen = true;
}

void vlan_fake_free(struct vlan_fake *f)
{
	free(f->tce);
	f->tce = NULL;
}

struct vlan_config vlan_fake_config(const uint8_t mac[6])
{
	struct vlan_config c = { VLAN_FAKE_UNIT, VLAN_FAKE_LIOBN, 0, VLAN_FAKE_WINDOW, { 0 } };

	memcpy(c.mac, mac, 6);
	return c;
}

/* The host pointer behind len bytes at I/O address ioba, or NULL (and a
 * DMA fault counted) when a page is unmapped or lacks the permission.
 * The driver's buffers never cross a page, so one page is enough. */
static uint8_t *dma(struct vlan_fake *f, uint64_t ioba, uint32_t len, bool write)
{
	uint64_t page = ioba / PAGE, tce;

	if (len == 0 || ioba + len > VLAN_FAKE_WINDOW || (ioba + len - 1) / PAGE != page) {
		f->dma_faults++;
		return NULL;
	}
	tce = f->tce[page];
	if (!(tce & (write ? 2u : 1u))) {
		f->dma_faults++;
		return NULL;
	}
	return (uint8_t *)(uintptr_t)(tce & ~(uint64_t)(PAGE - 1)) + ioba % PAGE;
}

static int put_tce(void *ctx, uint32_t liobn, uint64_t ioba, uint64_t tce)
{
	struct vlan_fake *f = ctx;

	f->tce_calls++;
	if (liobn != VLAN_FAKE_LIOBN || ioba % PAGE || ioba >= VLAN_FAKE_WINDOW)
		return STATUS_EINVAL;
	if (f->tce[ioba / PAGE] && !tce)
		f->mapped--;
	else if (!f->tce[ioba / PAGE] && tce)
		f->mapped++;
	f->tce[ioba / PAGE] = tce;
	return STATUS_OK;
}

/* QEMU's check_bd: address and length aligned, the whole range mapped. */
static bool check_bd(struct vlan_fake *f, uint64_t bd, uint32_t align)
{
	uint32_t addr = vlan_bd_addr(bd), len = vlan_bd_len(bd);

	if (addr % align || len % align)
		return false;
	for (uint64_t a = addr; a < (uint64_t)addr + len; a += PAGE)
		if (!dma(f, a, 1, true))
			return false;
	return true;
}

static int register_lan(void *ctx, uint32_t unit, uint64_t buf_list, uint64_t rxq_bd,
			uint64_t filter_list, uint64_t mac)
{
	struct vlan_fake *f = ctx;
	uint8_t *bl, *q;

	f->reg_calls++;
	f->last_mac = mac;
	f->last_rxq_bd = rxq_bd;
	f->last_filter = filter_list;
	if (unit != VLAN_FAKE_UNIT || f->fault == VLAN_FAKE_REGISTER_REFUSED)
		return STATUS_EINVAL;
	if (f->isopen)
		return STATUS_EBUSY;
	if (!check_bd(f, vlan_bd((uint32_t)buf_list, PAGE), PAGE) ||
	    !check_bd(f, vlan_bd((uint32_t)filter_list, PAGE), PAGE) ||
	    !(rxq_bd & VLAN_BD_VALID) || !check_bd(f, rxq_bd, 16))
		return STATUS_EINVAL;
	bl = dma(f, buf_list, PAGE, true);
	memset(bl, 0, PAGE);
	be64_write(bl + VLAN_BUFLIST_RXQ, rxq_bd & ~VLAN_BD_TOGGLE);
	be64_write(bl + VLAN_BUFLIST_FILTER, vlan_bd((uint32_t)filter_list, PAGE));
	q = dma(f, vlan_bd_addr(rxq_bd), vlan_bd_len(rxq_bd), true);
	memset(q, 0, vlan_bd_len(rxq_bd));
	f->buf_list = buf_list;
	f->rxq_ptr = 0;
	f->pool_count = 0;
	f->isopen = true;
	return STATUS_OK;
}

static int free_lan(void *ctx, uint32_t unit)
{
	struct vlan_fake *f = ctx;

	f->free_calls++;
	if (unit != VLAN_FAKE_UNIT)
		return STATUS_EINVAL;
	if (!f->isopen)
		return STATUS_EBUSY;
	f->isopen = false;
	f->buf_list = 0;
	f->pool_count = 0;
	return STATUS_OK;
}

static void deliver(struct vlan_fake *f);

static int add_buffer(void *ctx, uint32_t unit, uint64_t bd)
{
	struct vlan_fake *f = ctx;

	f->add_calls++;
	if (unit != VLAN_FAKE_UNIT || !check_bd(f, bd, 4) || vlan_bd_len(bd) < 16)
		return STATUS_EINVAL;
	if (!f->isopen || f->fault == VLAN_FAKE_ADD_REFUSED || f->pool_count == VLAN_FAKE_POOL ||
	    (f->pool_count && vlan_bd_len(bd) != f->pool_size))
		return STATUS_EBUSY;
	f->pool_size = vlan_bd_len(bd);
	f->pool[f->pool_count++] = bd;
	deliver(f);
	return STATUS_OK;
}

static int send_lan(void *ctx, uint32_t unit, uint64_t bd)
{
	struct vlan_fake *f = ctx;
	const uint8_t *p;

	f->send_calls++;
	if (unit != VLAN_FAKE_UNIT)
		return STATUS_EINVAL;
	if (!f->isopen)
		return STATUS_EDROPPED;
	if (!(bd & VLAN_BD_VALID) || vlan_bd_len(bd) == 0)
		return STATUS_OK;	/* QEMU: nothing to send */
	if (vlan_bd_len(bd) > VLAN_FAKE_FRAME_MAX ||
	    !(p = dma(f, vlan_bd_addr(bd), vlan_bd_len(bd), false)))
		return STATUS_EINVAL;
	memcpy(f->last_tx, p, vlan_bd_len(bd));
	f->last_tx_len = vlan_bd_len(bd);
	if (f->backend)
		f->backend->send(f->backend->ctx, f->last_tx, f->last_tx_len);
	return STATUS_OK;
}

uint64_t vlan_fake_dropped_counter(struct vlan_fake *f)
{
	uint8_t *bl = f->isopen ? dma(f, f->buf_list, PAGE, false) : NULL;

	return bl ? be64_read(bl + VLAN_BUFLIST_DROPPED) : 0;
}

/* One frame into the last-posted buffer (QEMU pops its pool's top). */
static void deliver_one(struct vlan_fake *f, const uint8_t *frame, size_t len)
{
	uint8_t *bl = dma(f, f->buf_list, PAGE, true), *b, *q;
	uint64_t rxq_bd = be64_read(bl), bd;
	struct vlan_rxq_entry e;

	if (f->pool_size < len + 8) {
		be64_write(bl + VLAN_BUFLIST_DROPPED, be64_read(bl + VLAN_BUFLIST_DROPPED) + 1);
		f->rx_dropped++;
		return;
	}
	bd = f->pool[--f->pool_count];
	b = dma(f, vlan_bd_addr(bd), vlan_bd_len(bd), true);
	q = dma(f, vlan_bd_addr(rxq_bd) + f->rxq_ptr, VLAN_RXQ_ENTRY, true);
	if (!b || !q)
		return;
	memcpy(b + 8, frame, len);
	e.control = VLAN_RXQ_VALID | ((rxq_bd & VLAN_BD_TOGGLE) ? 0 : VLAN_RXQ_TOGGLE);
	e.offset = 8;
	e.length = (uint32_t)len;
	e.correlator = be64_read(b);
	if (f->fault == VLAN_FAKE_BAD_CORRELATOR)
		e.correlator ^= 0x100;
	if (f->fault == VLAN_FAKE_NOT_VALID)
		e.control &= (uint8_t)~VLAN_RXQ_VALID;
	if (f->fault == VLAN_FAKE_BAD_OFFSET)
		e.offset = 2000;
	/* Control byte last, as QEMU stores it last. */
	{
		uint8_t raw[VLAN_RXQ_ENTRY];

		vlan_rxq_encode(raw, &e);
		memcpy(q + 1, raw + 1, VLAN_RXQ_ENTRY - 1);
		q[0] = raw[0];
	}
	f->rxq_ptr += VLAN_RXQ_ENTRY;
	if (f->rxq_ptr >= vlan_bd_len(rxq_bd)) {
		f->rxq_ptr = 0;
		be64_write(bl, rxq_bd ^ VLAN_BD_TOGGLE);
	}
	f->rx_delivered++;
}

static void deliver(struct vlan_fake *f)
{
	while (f->n_pending && f->isopen && f->pool_count) {
		unsigned i = f->pending_head;

		deliver_one(f, f->pending[i], f->pending_len[i]);
		f->pending_head = (i + 1) % VLAN_FAKE_PENDING;
		f->n_pending--;
	}
}

bool vlan_fake_inject(struct vlan_fake *f, const void *frame, size_t len)
{
	unsigned slot;

	if (f->n_pending == VLAN_FAKE_PENDING || len > VLAN_FAKE_FRAME_MAX) {
		f->rx_lost++;
		return false;
	}
	slot = (f->pending_head + f->n_pending) % VLAN_FAKE_PENDING;
	memcpy(f->pending[slot], frame, len);
	f->pending_len[slot] = len;
	f->n_pending++;
	deliver(f);
	return true;
}

static uint64_t now_ms(void *ctx)
{
	struct vlan_fake *f = ctx;
	uint8_t frame[VLAN_FAKE_FRAME_MAX];

	if (!f->backend)
		return f->now += 1;
	/* Time passing lets the backend's frames arrive while buffers last. */
	while (f->isopen && f->pool_count > f->n_pending && f->n_pending < VLAN_FAKE_PENDING) {
		int n = f->backend->receive(f->backend->ctx, frame, sizeof(frame));

		if (n <= 0)
			break;
		vlan_fake_inject(f, frame, (size_t)n);
	}
	return f->now = f->backend->now_ms(f->backend->ctx);
}

const struct vlan_hv_ops vlan_fake_ops = {
	.register_lan = register_lan,
	.free_lan = free_lan,
	.add_buffer = add_buffer,
	.send_lan = send_lan,
	.put_tce = put_tce,
	.now_ms = now_ms,
};
