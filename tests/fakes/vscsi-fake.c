/* SPDX-License-Identifier: MIT */
/* A fake spapr-vscsi partner for host tests (declared in
 * tests/unit/test-vscsi-fake.h): TCE window, CRQ, SRP login and a small
 * SCSI target, following what QEMU 7.2's hw/scsi/spapr_vscsi.c and
 * hw/ppc/spapr_vio.c do (facts, not code), plus failure knobs. "Real
 * addresses" are host pointers. */
#include <stdlib.h>
#include <string.h>

#include "../unit/test-vscsi-fake.h"
#include "be.h"

#define PAGE 4096u

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static void wr16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

void vscsi_fake_init(struct vscsi_fake *f)
{
	uint64_t *tce = f->tce;

	memset(f, 0, sizeof(*f));
	f->unit = VSCSI_FAKE_UNIT;
	f->liobn = VSCSI_FAKE_LIOBN;
	f->window_size = VSCSI_FAKE_WINDOW;
	f->tce = tce ? tce : calloc(VSCSI_FAKE_WINDOW / PAGE, sizeof(uint64_t));
	memset(f->tce, 0, VSCSI_FAKE_WINDOW / PAGE * sizeof(uint64_t));
	f->now = 1000;
}

void vscsi_fake_free(struct vscsi_fake *f)
{
	free(f->tce);
	f->tce = NULL;
}

struct vscsi_fake_lu *vscsi_fake_add(struct vscsi_fake *f, unsigned target, unsigned channel,
				     unsigned lun, uint8_t type, uint32_t block_size,
				     uint64_t num_blocks)
{
	struct vscsi_fake_lu *lu = &f->lus[f->n_lus++];

	memset(lu, 0, sizeof(*lu));
	lu->target = target;
	lu->channel = channel;
	lu->lun = lun;
	lu->type = type;
	lu->removable = type == 5;
	lu->block_size = block_size;
	lu->num_blocks = num_blocks;
	return lu;
}

uint8_t vscsi_fake_byte(const struct vscsi_fake_lu *lu, uint64_t off)
{
	uint64_t block = off / lu->block_size;

	/* Each block starts with its number, so a misplaced block shows. */
	if (off % lu->block_size < 8)
		return (uint8_t)(block >> (56 - 8 * (off % lu->block_size)));
	return (uint8_t)(off * 7 + lu->target * 31 + lu->lun * 17 + lu->channel);
}

struct vscsi_host_config vscsi_fake_config(const struct vscsi_fake *f)
{
	struct vscsi_host_config c = { .unit = f->unit, .liobn = f->liobn,
				       .window_base = 0, .window_size = f->window_size,
				       .init_timeout_ms = 100, .cmd_timeout_ms = 200 };
	return c;
}

/* DMA through the TCE table; -1 on an unmapped page or a missing
 * permission (QEMU then reports a DMA failure). */
static int dma(struct vscsi_fake *f, uint64_t ioba, void *buf, uint64_t len, bool to_memory)
{
	uint8_t *b = buf;

	while (len) {
		uint64_t page = ioba / PAGE, off = ioba % PAGE, n = PAGE - off, tce;

		if (n > len)
			n = len;
		if (page >= f->window_size / PAGE) {
			f->dma_faults++;
			return -1;
		}
		tce = f->tce[page];
		if (!(tce & (to_memory ? 2u : 1u))) {
			f->dma_faults++;
			return -1;
		}
		if (to_memory)
			memcpy((uint8_t *)(uintptr_t)(tce & ~0xfffull) + off, b, n);
		else
			memcpy(b, (uint8_t *)(uintptr_t)(tce & ~0xfffull) + off, n);
		b += n;
		ioba += n;
		len -= n;
	}
	return 0;
}

/* spapr_vio_send_crq: a slot whose first byte is not 0 means "full";
 * bytes 8-15 are written before byte 0. */
static void push(struct vscsi_fake *f, const uint8_t msg[16])
{
	uint8_t first;

	if (!f->registered || dma(f, f->crq_ioba + f->crq_next, &first, 1, false)) {
		f->queue_full++;
		return;
	}
	if (first != 0) {
		f->queue_full++;
		return;
	}
	dma(f, f->crq_ioba + f->crq_next + 8, (void *)(msg + 8), 8, true);
	dma(f, f->crq_ioba + f->crq_next, (void *)msg, 8, true);
	f->crq_next = (uint32_t)((f->crq_next + 16) % f->crq_len);
}

static void deliver(struct vscsi_fake *f, uint64_t iu_ioba, const uint8_t *iu, uint16_t len,
		    const uint8_t msg[16])
{
	if (f->delay_ms) {
		struct vscsi_fake_pending *p;

		if (f->n_pending == VSCSI_FAKE_PENDING)
			return;
		p = &f->pending[f->n_pending++];
		p->at = f->now + f->delay_ms;
		p->iu_ioba = iu_ioba;
		memcpy(p->iu, iu, len);
		p->iu_len = len;
		memcpy(p->msg, msg, 16);
		return;
	}
	if (len)
		dma(f, iu_ioba, (void *)iu, len, true);
	push(f, msg);
}

static void answer_iu(struct vscsi_fake *f, uint64_t iu_ioba, uint8_t *iu, uint16_t len)
{
	uint8_t msg[16] = { 0x80, 0x01, 0, f->crq_status };

	wr16(msg + 6, len);
	memcpy(msg + 8, iu + 8, 8);	/* the tag, as it is in the IU */
	deliver(f, iu_ioba, iu, len, msg);
}

static struct vscsi_fake_lu *find_lu(struct vscsi_fake *f, uint64_t lun)
{
	unsigned target = 0, channel = 0, l;
	uint16_t w = (uint16_t)(lun >> 48);

	switch (w >> 14) {
	case 0:
		if (w >> 8)
			return NULL;
		l = w & 0xff;
		break;
	case 1:
		l = w & 0x3fff;
		break;
	case 2:
		target = (w >> 8) & 0x3f;
		channel = (w >> 5) & 7;
		l = w & 0x1f;
		break;
	default:
		return NULL;
	}
	for (unsigned i = 0; i < f->n_lus; i++)
		if (f->lus[i].target == target && f->lus[i].channel == channel &&
		    f->lus[i].lun == l)
			return &f->lus[i];
	return NULL;
}

struct scsi_out {
	uint8_t status;
	uint8_t key, asc, ascq;
	uint8_t data[8 + 8 * 64 + 64];
	uint32_t len;
};

static void check(struct scsi_out *o, uint8_t key, uint8_t asc, uint8_t ascq)
{
	o->status = 2;
	o->key = key;
	o->asc = asc;
	o->ascq = ascq;
	o->len = 0;
}

static void bus_report(struct vscsi_fake *f, struct scsi_out *o)
{
	bool lun0 = false;
	unsigned n = 0;

	for (unsigned i = 0; i < f->n_lus; i++)
		if (!f->lus[i].target && !f->lus[i].channel && !f->lus[i].lun)
			lun0 = true;
	memset(o->data, 0, sizeof(o->data));
	if (!lun0)
		n++;		/* QEMU lists LUN 0 in any case */
	for (unsigned i = 0; i < f->n_lus; i++) {
		uint8_t *e = o->data + 8 + 8 * n++;
		const struct vscsi_fake_lu *lu = &f->lus[i];

		e[0] = (uint8_t)((lu->target || lu->channel ? 0x80 : 0) | lu->target);
		e[1] = (uint8_t)(lu->channel << 5 | lu->lun);
	}
	be32_write(o->data, 8 * n);
	o->len = 8 + 8 * n;
}

static void target_report(struct vscsi_fake *f, const struct vscsi_fake_lu *me, struct scsi_out *o)
{
	unsigned n = 0;

	memset(o->data, 0, sizeof(o->data));
	for (unsigned i = 0; i < f->n_lus; i++) {
		const struct vscsi_fake_lu *lu = &f->lus[i];

		if (lu->target != me->target || lu->channel != me->channel)
			continue;
		o->data[8 + 8 * n + 1] = (uint8_t)lu->lun;
		n++;
	}
	be32_write(o->data, 8 * n);
	o->len = 8 + 8 * n;
}

static void inquiry(const struct vscsi_fake_lu *lu, struct scsi_out *o)
{
	memset(o->data, 0, 36);
	if (!lu) {
		o->data[0] = 0x7f;	/* qualifier 3: nothing here */
	} else {
		o->data[0] = lu->type;
		o->data[1] = lu->removable ? 0x80 : 0;
	}
	o->data[2] = 5;
	o->data[3] = 2;
	o->data[4] = 31;
	memcpy(o->data + 8, "QEMU    ", 8);
	memcpy(o->data + 16, !lu ? "QEMU EMPTY      " : lu->type == 5 ? "QEMU CD-ROM     " :
			     "QEMU HARDDISK   ", 16);
	memcpy(o->data + 32, "2.5+", 4);
	o->len = 36;
}

/* Runs a CDB; data-in goes to out->data (at most sizeof). */
static void scsi(struct vscsi_fake *f, uint64_t lun, const uint8_t *cdb, uint32_t want,
		 struct scsi_out *o, uint64_t va, bool *dma_failed)
{
	struct vscsi_fake_lu *lu;
	uint64_t lba = 0, count = 0, last;

	o->status = 0;
	o->len = 0;
	if (cdb[0] == 0xa0 && lun == 0) {
		if (f->report_luns_fails)
			check(o, 5, 0x20, 0);
		else
			bus_report(f, o);
		return;
	}
	lu = find_lu(f, lun);
	if (!lu) {
		if (cdb[0] == 0x12)
			inquiry(NULL, o);
		else
			check(o, 5, 0x24, 0);
		return;
	}
	if (lu->unit_attentions && cdb[0] != 0x12 && cdb[0] != 0xa0) {
		lu->unit_attentions--;
		check(o, 6, 0x29, 0);
		return;
	}
	switch (cdb[0]) {
	case 0x12:
		inquiry(lu, o);
		break;
	case 0x00:
		if (lu->no_medium)
			check(o, 2, 0x3a, 0);
		break;
	case 0xa0:
		target_report(f, lu, o);
		break;
	case 0x25:
		if (lu->no_medium) {
			check(o, 2, 0x3a, 0);
			break;
		}
		last = lu->num_blocks - 1;
		be32_write(o->data, last > 0xffffffffu ? 0xffffffffu : (uint32_t)last);
		be32_write(o->data + 4, lu->block_size);
		o->len = 8;
		break;
	case 0x9e:
		if ((cdb[1] & 0x1f) != 0x10) {
			check(o, 5, 0x24, 0);
			break;
		}
		if (lu->no_medium) {
			check(o, 2, 0x3a, 0);
			break;
		}
		memset(o->data, 0, 32);
		be64_write(o->data, lu->num_blocks - 1);
		be32_write(o->data + 8, lu->block_size);
		o->len = 32;
		break;
	case 0x28:
	case 0x88:
		if (cdb[0] == 0x28) {
			lba = be32_read(cdb + 2);
			count = rd16(cdb + 7);
		} else {
			lba = be64_read(cdb + 2);
			count = be32_read(cdb + 10);
		}
		if (lu->no_medium) {
			check(o, 2, 0x3a, 0);
			break;
		}
		if (lba + count > lu->num_blocks || lba + count < lba) {
			check(o, 5, 0x21, 0);
			break;
		}
		lu->reads++;
		/* Streamed to memory the way QEMU's scsi-disk does, in
		 * 128 KiB pieces, each placed at spapr-vscsi's 16-bit offset
		 * into the descriptor (so a transfer above 64 KiB that comes
		 * in two pieces lands wrongly, as under QEMU). */
		for (uint64_t off = 0; off < count * lu->block_size && off < want; ) {
			uint64_t piece = count * lu->block_size - off;
			uint16_t desc_off = (uint16_t)off;

			if (piece > 128 * 1024)
				piece = 128 * 1024;
			if (piece > want - off)
				piece = want - off;
			for (uint64_t done = 0; done < piece; ) {
				uint8_t chunk[512];
				uint64_t n = piece - done < sizeof(chunk) ? piece - done : sizeof(chunk);

				for (uint64_t i = 0; i < n; i++)
					chunk[i] = vscsi_fake_byte(lu, lba * lu->block_size + off + done + i);
				if (dma(f, va + desc_off + done, chunk, n, true)) {
					*dma_failed = true;
					return;
				}
				done += n;
			}
			off += piece;
		}
		o->len = (uint32_t)(count * lu->block_size);
		o->status = 0;
		/* Mark: data already moved. */
		o->key = 0xff;
		break;
	default:
		check(o, 5, 0x20, 0);
		break;
	}
}

static void srp_cmd(struct vscsi_fake *f, uint64_t iu_ioba, uint8_t *iu)
{
	static struct scsi_out o;
	uint8_t fmt = iu[5] & 0x0f;
	uint64_t va = be64_read(iu + 48);
	uint32_t want = fmt == 1 ? be32_read(iu + 60) : 0, moved = 0;
	uint8_t rsp[256];
	uint16_t len = 36;
	bool dma_failed = false;

	f->cmds++;
	f->last_lun = be64_read(iu + 20);
	memcpy(f->last_cdb, iu + 32, 16);
	memset(&o, 0, sizeof(o));
	scsi(f, f->last_lun, iu + 32, want, &o, va, &dma_failed);
	if (!dma_failed && o.status == 0 && o.key != 0xff && o.len) {
		moved = o.len < want ? o.len : want;
		if (moved && dma(f, va, o.data, moved, true))
			dma_failed = true;
	} else if (o.key == 0xff) {
		moved = o.len < want ? o.len : want;
	}
	if (dma_failed)
		check(&o, 4, 0, 0);	/* QEMU: HARDWARE ERROR after a DMA failure */

	memset(rsp, 0, sizeof(rsp));
	rsp[0] = f->rsp_bad_opcode ? 0x02 : 0xc1;
	be32_write(rsp + 4, 1);
	memcpy(rsp + 8, iu + 8, 8);
	rsp[19] = o.status;
	if (o.status == 0 && want) {
		if (o.len > want) {
			rsp[18] |= 0x10;		/* DIOVER */
			be32_write(rsp + 24, o.len - want);
		} else if (o.len < want) {
			rsp[18] |= 0x20;		/* DIUNDER */
			be32_write(rsp + 24, want - moved);
		}
	}
	if (o.status) {
		uint8_t *s = rsp + 36;

		rsp[18] |= 0x02;			/* SNSVALID */
		be32_write(rsp + 28, f->rsp_sense_claim ? f->rsp_sense_claim : 18);
		s[0] = 0x70;
		s[2] = o.key;
		s[7] = 10;
		s[12] = o.asc;
		s[13] = o.ascq;
		len += 18;
	}
	if (f->rsp_truncate)
		len = 20;
	if (f->drop_answers) {
		f->drop_answers--;
		return;
	}
	if (f->event_on_cmd) {
		uint8_t ev[16] = { 0xff, 0x02 };

		push(f, ev);
		return;
	}
	if (f->restart_on_cmd) {
		uint8_t ini[16] = { 0xc0, 0x01 };

		push(f, ini);
		return;
	}
	for (; f->stale_before; f->stale_before--) {
		uint8_t stale[16] = { 0x80, 0x01 };

		wr16(stale + 6, 36);
		be64_write(stale + 8, 0xdead0000u + f->stale_before);
		push(f, stale);
	}
	memcpy(iu, rsp, len);
	answer_iu(f, iu_ioba, iu, len);
}

static void login(struct vscsi_fake *f, uint64_t iu_ioba, uint8_t *iu)
{
	uint8_t rsp[52];
	uint16_t len;

	f->logins++;
	if (f->no_login_answer)
		return;
	memset(rsp, 0, sizeof(rsp));
	memcpy(rsp + 8, iu + 8, 8);
	if (f->login_reject) {
		rsp[0] = 0xc2;
		be32_write(rsp + 4, 0x00010001);
		len = 32;
	} else {
		rsp[0] = 0xc0;
		be32_write(rsp + 4, 22);
		be32_write(rsp + 16, 256);
		be32_write(rsp + 20, 256);
		wr16(rsp + 24, f->login_indirect_only ? 0x0004 : 0x0006);
		len = 52;
	}
	memcpy(iu, rsp, len);
	answer_iu(f, iu_ioba, iu, len);
}

static int fake_send(void *ctx, uint32_t unit, uint64_t hi, uint64_t lo)
{
	struct vscsi_fake *f = ctx;
	uint8_t msg[16], iu[256];
	uint64_t iu_ioba;
	uint16_t len;

	f->send_calls++;
	if (unit != f->unit)
		return STATUS_EINVAL;
	if (f->dead_after && f->cmds >= f->dead_after)
		return STATUS_OK;	/* accepted, never answered */
	be64_write(msg, hi);
	be64_write(msg + 8, lo);
	if (msg[0] == 0xc0) {
		if (msg[1] == 0x01) {
			uint8_t ans[16] = { 0xc0, (uint8_t)(f->partner_inits ? 0x01 : 0x02) };

			f->inits++;
			if (!f->no_init_answer)
				push(f, ans);
		}
		return STATUS_OK;
	}
	if (msg[0] != 0x80 || msg[1] != 0x01)
		return STATUS_OK;
	len = rd16(msg + 6);
	iu_ioba = be64_read(msg + 8);
	if (len > sizeof(iu) || dma(f, iu_ioba, iu, len, false))
		return STATUS_OK;	/* QEMU drops it with a message */
	if (len >= 1 && iu[0] == 0x00)
		login(f, iu_ioba, iu);
	else if (len >= 48 && iu[0] == 0x02)
		srp_cmd(f, iu_ioba, iu);
	return STATUS_OK;
}

static int fake_reg(void *ctx, uint32_t unit, uint64_t ioba, uint64_t len)
{
	struct vscsi_fake *f = ctx;

	f->reg_calls++;
	if (unit != f->unit || f->reg_fails)
		return STATUS_EINVAL;
	if (len < 0x1000 || len > 0x10000000 || ioba & 0xfff)
		return STATUS_EINVAL;
	if (f->registered || f->reg_busy_once) {
		f->reg_busy_once = false;
		f->registered = true;
		return STATUS_EBUSY;
	}
	f->registered = true;
	f->crq_ioba = ioba;
	f->crq_len = len;
	f->crq_next = 0;
	return STATUS_OK;
}

static int fake_free(void *ctx, uint32_t unit)
{
	struct vscsi_fake *f = ctx;

	f->free_calls++;
	if (unit != f->unit)
		return STATUS_EINVAL;
	f->registered = false;
	f->crq_next = 0;
	f->n_pending = 0;
	return STATUS_OK;
}

static int fake_put_tce(void *ctx, uint32_t liobn, uint64_t ioba, uint64_t tce)
{
	struct vscsi_fake *f = ctx;
	uint64_t page = ioba / PAGE;

	f->tce_calls++;
	if (liobn != f->liobn || page >= f->window_size / PAGE)
		return STATUS_EINVAL;
	if (f->tce[page] && !tce)
		f->mapped--;
	else if (!f->tce[page] && tce)
		f->mapped++;
	f->tce[page] = tce;
	return STATUS_OK;
}

static uint64_t fake_now(void *ctx)
{
	struct vscsi_fake *f = ctx;

	f->now++;
	for (unsigned i = 0; i < f->n_pending; ) {
		struct vscsi_fake_pending *p = &f->pending[i];

		if (p->at > f->now) {
			i++;
			continue;
		}
		if (p->iu_len)
			dma(f, p->iu_ioba, p->iu, p->iu_len, true);
		push(f, p->msg);
		*p = f->pending[--f->n_pending];
	}
	return f->now;
}

const struct vscsi_hv_ops vscsi_fake_ops = {
	.reg_crq = fake_reg,
	.free_crq = fake_free,
	.send_crq = fake_send,
	.put_tce = fake_put_tce,
	.now_ms = fake_now,
};
