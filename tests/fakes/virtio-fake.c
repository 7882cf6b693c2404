/* SPDX-License-Identifier: MIT */
/* Fake virtio 1.x PCI function (see virtio-fake.h). Driver mistakes the
 * spec forbids (wrong register width, readable after writable buffers, a
 * descriptor loop, a too-short virtio-scsi header, which makes QEMU exit)
 * are counted in bad_accesses so tests can insist on zero. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virtio-fake.h"
#include "virtio/virtio-le.h"

#define DEV_CFG_LEN 0x40

static void *ptr(uint64_t addr)
{
	return (void *)(uintptr_t)addr;
}

__attribute__((format(printf, 2, 3)))
static void bad(struct virtio_fake *f, const char *fmt, ...)
{
	va_list ap;

	f->bad_accesses++;
	va_start(ap, fmt);
	vsnprintf(f->bad_access, sizeof(f->bad_access), fmt, ap);
	va_end(ap);
}

uint8_t virtio_fake_blk_byte(uint64_t off)
{
	return (uint8_t)((off >> 9) * 13 + (off & 511) * 7 + (off >> 17));
}

static void cap(uint8_t *c, uint8_t next, uint8_t len, uint8_t type, uint8_t bar, uint32_t off,
		uint32_t length)
{
	c[0] = 0x09;
	c[1] = next;
	c[2] = len;
	c[3] = type;
	c[4] = bar;
	le32_write(c + 8, off);
	le32_write(c + 12, length);
}

static void build_config_space(struct virtio_fake *f)
{
	uint8_t *c = f->pci_cfg;

	memset(c, 0, sizeof(f->pci_cfg));
	le16_write(c + 0x00, VIRTIO_PCI_VENDOR);
	le16_write(c + 0x02, f->type == VIRTIO_ID_BLOCK ? 0x1001 :
			     f->type == VIRTIO_ID_NET ? 0x1000 : 0x1004);
	le16_write(c + 0x06, f->fault == VFAKE_NO_CAP_LIST ? 0 : 0x10);
	le16_write(c + 0x2c, VIRTIO_PCI_VENDOR);
	le16_write(c + 0x2e, (uint16_t)f->type);
	c[0x34] = f->fault == VFAKE_LEGACY_ONLY ? 0x84 : 0x40;
	cap(c + 0x40, 0x50, 16, 1, VFAKE_BAR, VFAKE_COMMON, 0x38);
	cap(c + 0x50, 0x64, 20, 2, VFAKE_BAR, VFAKE_NOTIFY, 0x1000);
	le32_write(c + 0x50 + 16, VFAKE_NOTIFY_MULT);
	cap(c + 0x64, 0x74, 16, 3, VFAKE_BAR, VFAKE_ISR, 1);
	if (f->fault == VFAKE_CAP_OUTSIDE_BAR)
		cap(c + 0x74, 0x84, 16, 4, VFAKE_BAR, 0x3f00, 0x200);
	else
		cap(c + 0x74, 0x84, 16, 4, VFAKE_BAR, VFAKE_DEVICE, DEV_CFG_LEN);
	/* MSI-X, then a PCI-cfg access capability: both to be skipped. */
	c[0x84] = 0x11;
	c[0x85] = f->fault == VFAKE_CAP_LOOP ? 0x84 : 0x90;
	cap(c + 0x90, 0x00, 20, 5, 0, 0, 0);
}

static void reset_device(struct virtio_fake *f)
{
	f->guest_features = 0;
	f->dfselect = f->gfselect = 0;
	f->status = 0;
	f->queue_select = 0;
	for (unsigned i = 0; i < VFAKE_QUEUES; i++) {
		struct vfake_queue *q = &f->q[i];
		uint16_t max = q->size_max;

		memset(q, 0, sizeof(*q));
		q->size_max = max;
		q->size = max;
		q->notify_off = f->fault == VFAKE_BAD_NOTIFY_OFF ? 0x4000 : (uint16_t)i;
	}
	f->resets++;
}

static void init_common(struct virtio_fake *f)
{
	f->host_features = 1ull << VIRTIO_F_VERSION_1;
	if (f->fault == VFAKE_NO_VERSION_1)
		f->host_features = 0;
	if (f->fault == VFAKE_ACCESS_PLATFORM)
		f->host_features |= 1ull << VIRTIO_F_ACCESS_PLATFORM;
	for (unsigned i = 0; i < VFAKE_QUEUES; i++)
		f->q[i].size_max = f->fault == VFAKE_QUEUE_ABSENT ? 0 : 256;
	build_config_space(f);
	reset_device(f);
	f->resets = 0;
	if (f->fault == VFAKE_RESET_STUCK)
		f->status = VIRTIO_STATUS_DRIVER_OK;	/* left running, never resets */
}

void virtio_fake_init_blk(struct virtio_fake *f, uint64_t sectors, uint32_t block_size)
{
	enum vfake_fault fault = f->fault;

	memset(f, 0, sizeof(*f));
	f->fault = fault;
	f->type = VIRTIO_ID_BLOCK;
	init_common(f);
	/* QEMU 7.2 offers SEG_MAX, GEOMETRY, BLK_SIZE, TOPOLOGY, FLUSH ... */
	f->host_features |= (1ull << 2) | (1ull << 4) | (1ull << 9) | (1ull << 10);
	if (block_size)
		f->host_features |= 1ull << 6;
	f->blk_sectors = sectors;
	f->blk_block_size = block_size ? block_size : 512;
	le64_write(f->device_cfg + 0, sectors);
	le32_write(f->device_cfg + 12, 254);
	le32_write(f->device_cfg + 20, block_size);
}

void virtio_fake_init_scsi(struct virtio_fake *f, struct scsi_fake *scsi)
{
	enum vfake_fault fault = f->fault;

	memset(f, 0, sizeof(*f));
	f->fault = fault;
	f->type = VIRTIO_ID_SCSI;
	f->scsi = scsi;
	init_common(f);
	le32_write(f->device_cfg + 0, 1);	/* num_queues */
	le32_write(f->device_cfg + 4, 254);	/* seg_max */
	le32_write(f->device_cfg + 8, 0xffff);	/* max_sectors */
	le32_write(f->device_cfg + 12, 128);	/* cmd_per_lun */
	le32_write(f->device_cfg + 16, 16);	/* event_info_size */
	le32_write(f->device_cfg + 20, 96);	/* sense_size */
	le32_write(f->device_cfg + 24, 32);	/* cdb_size */
	le16_write(f->device_cfg + 30, 255);	/* max_target */
	le32_write(f->device_cfg + 32, 16383);	/* max_lun */
}

void virtio_fake_free(struct virtio_fake *f)
{
	for (int i = 0; i < f->nallocs; i++)
		free(f->allocs[i]);
	f->nallocs = 0;
}

/* ---- configuration space ---- */

static int cfg_read(void *ctx, uint32_t off, unsigned size, uint32_t *val)
{
	struct virtio_fake *f = ctx;

	if ((size != 1 && size != 2 && size != 4) || off % size || off + size > 256) {
		bad(f, "config read of %u bytes at 0x%x", size, off);
		return -1;
	}
	*val = size == 1 ? f->pci_cfg[off] : size == 2 ? le16_read(f->pci_cfg + off)
						     : le32_read(f->pci_cfg + off);
	return 0;
}

static int cfg_write(void *ctx, uint32_t off, unsigned size, uint32_t val)
{
	struct virtio_fake *f = ctx;

	if ((size != 1 && size != 2 && size != 4) || off % size || off + size > 256) {
		bad(f, "config write of %u bytes at 0x%x", size, off);
		return -1;
	}
	for (unsigned i = 0; i < size; i++)
		f->pci_cfg[off + i] = (uint8_t)(val >> (8 * i));
	return 0;
}

static uint64_t bar_size(void *ctx, unsigned bar)
{
	(void)ctx;
	return bar == VFAKE_BAR ? VFAKE_BAR_SIZE : bar == 1 ? 0x1000 : 0;
}

/* ---- the device model ---- */

struct seg {
	uint8_t *p;
	uint32_t len;
	bool write;
};

/* Copies n bytes starting at byte pos of the segments of one kind. */
static void gather(const struct seg *s, int ns, bool write, uint64_t pos, uint8_t *out, uint64_t n)
{
	for (int i = 0; i < ns && n; i++) {
		if (s[i].write != write)
			continue;
		if (pos >= s[i].len) {
			pos -= s[i].len;
			continue;
		}
		uint64_t k = s[i].len - pos < n ? s[i].len - pos : n;

		memcpy(out, s[i].p + pos, k);
		out += k;
		n -= k;
		pos = 0;
	}
}

static void scatter(const struct seg *s, int ns, uint64_t pos, const uint8_t *in, uint64_t n)
{
	for (int i = 0; i < ns && n; i++) {
		if (!s[i].write)
			continue;
		if (pos >= s[i].len) {
			pos -= s[i].len;
			continue;
		}
		uint64_t k = s[i].len - pos < n ? s[i].len - pos : n;

		memcpy(s[i].p + pos, in, k);
		in += k;
		n -= k;
		pos = 0;
	}
}

static uint32_t blk_request(struct virtio_fake *f, const struct seg *s, int ns, uint64_t out,
			    uint64_t in)
{
	uint8_t hdr[16], status = 0;
	uint64_t data = in - 1, sector;
	uint8_t *buf;

	if (out < 16 || in < 1) {
		bad(f, "virtio-blk request with %llu/%llu bytes", (unsigned long long)out,
		    (unsigned long long)in);
		return 0;
	}
	gather(s, ns, false, 0, hdr, 16);
	sector = le64_read(hdr + 8);
	f->last_blk_bytes = (uint32_t)data;
	if (le32_read(hdr) != 0) {
		status = 2;
	} else if (f->fault == VFAKE_BLK_IOERR || sector > f->blk_sectors ||
		   data / 512 > f->blk_sectors - sector || data % f->blk_block_size ||
		   sector % (f->blk_block_size / 512)) {
		status = 1;	/* QEMU: misaligned or out of range is an I/O error */
	} else {
		buf = malloc(data ? data : 1);
		for (uint64_t i = 0; i < data; i++)
			buf[i] = virtio_fake_blk_byte(sector * 512 + i);
		scatter(s, ns, 0, buf, data);
		free(buf);
	}
	scatter(s, ns, data, &status, 1);
	return (uint32_t)in;
}

static uint32_t scsi_request(struct virtio_fake *f, const struct seg *s, int ns, uint64_t out,
			     uint64_t in)
{
	uint32_t cdb_size = le32_read(f->device_cfg + 24);
	uint32_t sense_size = le32_read(f->device_cfg + 20);
	uint32_t resp_size = 12 + sense_size, data_len, residual = 0, sense_len = 0;
	uint8_t req[19 + 256], resp[12 + 256], *data;
	uint8_t status = 0, sense[96];
	uint32_t target, lun;
	int r;

	if (cdb_size > 256 || sense_size > 256) {
		bad(f, "fake virtio-scsi configured beyond its buffers");
		return 0;
	}
	if (out < 19 + cdb_size || in < resp_size) {
		bad(f, "virtio-scsi request with %llu/%llu bytes", (unsigned long long)out,
		    (unsigned long long)in);
		return 0;
	}
	gather(s, ns, false, 0, req, 19 + cdb_size);
	data_len = (uint32_t)(in - resp_size);
	data = calloc(1, data_len ? data_len : 1);
	memset(resp, 0, sizeof(resp));
	target = req[1];
	lun = ((uint32_t)(req[2] & 0x3f) << 8) | req[3];
	if (req[0] != 1 || (req[2] != 0 && (req[2] & 0xc0) != 0x40)) {
		resp[11] = 3;
	} else {
		r = scsi_fake_exec(f->scsi, target, lun, req + 19, cdb_size > 16 ? 16 : cdb_size,
				   data, data_len, &status, &residual, sense, &sense_len);
		if (r == STATUS_ENOTFOUND) {
			resp[11] = 3;
		} else if (r != STATUS_OK || f->fault == VFAKE_SCSI_FAILURE) {
			resp[11] = 9;
		} else {
			if (f->fault == VFAKE_SCSI_BIG_RESIDUAL)
				residual = data_len + 100;
			le32_write(resp, sense_len);
			le32_write(resp + 4, residual);
			resp[10] = status;
			memcpy(resp + 12, sense, sense_len < sense_size ? sense_len : sense_size);
			scatter(s, ns, resp_size, data, data_len);
		}
	}
	scatter(s, ns, 0, resp, resp_size);
	free(data);
	return (uint32_t)in;
}

static uint8_t chaos_byte(struct virtio_fake *f)
{
	return f->chaos_pos < f->chaos_len ? f->chaos[f->chaos_pos++] : 0;
}

/* Lets the chaos stream rewrite the device's side of one request. Returns
 * false when the completion is to be dropped. */
static bool chaos_request(struct virtio_fake *f, const struct seg *s, int ns, uint16_t *id,
			  uint32_t *written, uint16_t *step)
{
	uint8_t c = chaos_byte(f);

	if (c & 1) {	/* overwrite bytes of the writable buffers */
		uint64_t pos = chaos_byte(f), n = chaos_byte(f);
		uint8_t buf[256];

		for (uint64_t i = 0; i < n; i++)
			buf[i] = chaos_byte(f);
		scatter(s, ns, pos, buf, n);
	}
	if (c & 2)
		*id = chaos_byte(f);
	if (c & 4)
		*written = (uint32_t)chaos_byte(f) << (chaos_byte(f) & 31);
	if (c & 8)
		*step = chaos_byte(f) % 3;
	return !(c & 16);
}

static void process_queue(struct virtio_fake *f, unsigned qi)
{
	struct vfake_queue *q = &f->q[qi];
	uint8_t *avail = ptr(q->avail), *used = ptr(q->used), *desc = ptr(q->desc);

	if (!q->enabled || !(f->status & VIRTIO_STATUS_DRIVER_OK)) {
		bad(f, "notify of queue %u (enabled %d, status 0x%x)", qi, q->enabled, f->status);
		return;
	}
	if (f->type == VIRTIO_ID_NET && qi == 0) {
		/* Receive buffers stay with the device until a frame comes. */
		vfake_net_deliver(f);
		return;
	}
	while (q->last_avail != le16_read(avail + 2)) {
		uint16_t head = le16_read(avail + 4 + 2 * (q->last_avail % q->size));
		struct seg s[VIRTQ_MAX_SIZE];
		uint64_t out = 0, in = 0;
		uint32_t written = 0;
		int ns = 0;
		uint16_t i = head;

		q->last_avail++;
		f->requests++;
		for (;;) {
			uint8_t *d = desc + 16 * (size_t)i;
			uint16_t flags = le16_read(d + 12);

			if (i >= q->size || ns >= q->size) {
				bad(f, "descriptor chain loops or leaves the table");
				return;
			}
			s[ns].p = ptr(le64_read(d));
			s[ns].len = le32_read(d + 8);
			s[ns].write = (flags & VIRTQ_DESC_F_WRITE) != 0;
			if (!s[ns].write && in) {
				bad(f, "device-readable buffer after a writable one");
				return;
			}
			*(s[ns].write ? &in : &out) += s[ns].len;
			ns++;
			if (!(flags & VIRTQ_DESC_F_NEXT))
				break;
			i = le16_read(d + 14);
		}
		if (f->type == VIRTIO_ID_NET && qi == 1) {
			const uint8_t *p[VIRTQ_MAX_SIZE];
			uint32_t l[VIRTQ_MAX_SIZE];

			for (int k = 0; k < ns; k++) {
				p[k] = s[k].p;
				l[k] = s[k].len;
			}
			written = vfake_net_tx(f, p, l, ns, in != 0);
		} else if (f->type == VIRTIO_ID_BLOCK && qi == 0)
			written = blk_request(f, s, ns, out, in);
		else if (f->type == VIRTIO_ID_SCSI && qi == 2)
			written = scsi_request(f, s, ns, out, in);
		else
			bad(f, "request on queue %u", qi);
		if (f->fault == VFAKE_NEVER_COMPLETE)
			continue;
		if (f->fault == VFAKE_SHORT_USED_LEN)
			written /= 2;
		uint16_t id = f->fault == VFAKE_BAD_USED_ID ? head + 1u : head;
		uint16_t step = f->fault == VFAKE_USED_JUMP ? 2 : 1;

		if (f->chaos && !chaos_request(f, s, ns, &id, &written, &step))
			continue;
		uint8_t *e = used + 4 + 8 * (size_t)(q->used_idx % q->size);

		le32_write(e, id);
		le32_write(e + 4, written);
		q->used_idx += step;
		le16_write(used + 2, q->used_idx);
	}
}

/* ---- BAR 4 registers: numeric values, swapped to what a BE load sees ---- */

static unsigned common_width(uint32_t off)
{
	if (off < 0x10)
		return 4;
	if (off == 0x14 || off == 0x15)
		return 1;
	if (off < 0x20)
		return 2;
	return 4;	/* 64-bit queue addresses, as two 32-bit halves */
}

static uint64_t common_read(struct virtio_fake *f, uint32_t off)
{
	struct vfake_queue *q = &f->q[f->queue_select % VFAKE_QUEUES];

	switch (off) {
	case 0x00: return f->dfselect;
	case 0x04: return f->dfselect == 0 ? (uint32_t)f->host_features :
		   f->dfselect == 1 ? (uint32_t)(f->host_features >> 32) : 0;
	case 0x08: return f->gfselect;
	case 0x0c: return f->gfselect == 0 ? (uint32_t)f->guest_features :
		   f->gfselect == 1 ? (uint32_t)(f->guest_features >> 32) : 0;
	case 0x10: return 0xffff;
	case 0x12: return f->type == VIRTIO_ID_BLOCK ? 1 : f->type == VIRTIO_ID_NET ? 2 : 3;
	case 0x14: return f->status;
	case 0x15: return f->fault == VFAKE_CONFIG_UNSTABLE ? ++f->generation : f->generation;
	case 0x16: return f->queue_select;
	case 0x18: return q->size;
	case 0x1a: return 0xffff;
	case 0x1c: return q->enabled;
	case 0x1e: return q->notify_off;
	case 0x20: return (uint32_t)q->desc;
	case 0x24: return (uint32_t)(q->desc >> 32);
	case 0x28: return (uint32_t)q->avail;
	case 0x2c: return (uint32_t)(q->avail >> 32);
	case 0x30: return (uint32_t)q->used;
	case 0x34: return (uint32_t)(q->used >> 32);
	default: return 0;
	}
}

static void set_half(uint64_t *field, bool high, uint32_t v)
{
	*field = high ? (*field & 0xffffffffull) | ((uint64_t)v << 32)
		      : (*field & ~0xffffffffull) | v;
}

static void common_write(struct virtio_fake *f, uint32_t off, uint32_t v)
{
	struct vfake_queue *q = &f->q[f->queue_select % VFAKE_QUEUES];

	switch (off) {
	case 0x00: f->dfselect = v; break;
	case 0x08: f->gfselect = v; break;
	case 0x0c:
		if (f->gfselect < 2)
			set_half(&f->guest_features, f->gfselect == 1, v);
		break;
	case 0x14:
		if (v == 0) {
			if (f->fault != VFAKE_RESET_STUCK)
				reset_device(f);
			break;
		}
		if ((v & VIRTIO_STATUS_FEATURES_OK) &&
		    (f->fault == VFAKE_REFUSE_FEATURES || (f->guest_features & ~f->host_features)))
			v &= ~(uint32_t)VIRTIO_STATUS_FEATURES_OK;
		if ((v & VIRTIO_STATUS_DRIVER_OK) && f->fault == VFAKE_DRIVER_OK_FAILS)
			v |= VIRTIO_STATUS_NEEDS_RESET;
		f->status = (uint8_t)v;
		break;
	case 0x16: f->queue_select = (uint16_t)v; break;
	case 0x18:
		if (f->queue_select >= VFAKE_QUEUES || v > q->size_max || (v & (v - 1)) || !v)
			bad(f, "queue size %u for queue %u", v, f->queue_select);
		else
			q->size = (uint16_t)v;
		break;
	case 0x1c: q->enabled = v == 1; break;
	case 0x20: set_half(&q->desc, false, v); break;
	case 0x24: set_half(&q->desc, true, v); break;
	case 0x28: set_half(&q->avail, false, v); break;
	case 0x2c: set_half(&q->avail, true, v); break;
	case 0x30: set_half(&q->used, false, v); break;
	case 0x34: set_half(&q->used, true, v); break;
	default: break;
	}
}

static uint64_t reg_read(struct virtio_fake *f, unsigned bar, uint64_t off, unsigned size)
{
	if (bar != VFAKE_BAR || off + size > VFAKE_BAR_SIZE || off % size) {
		bad(f, "read of %u bytes at BAR %u + 0x%llx", size, bar, (unsigned long long)off);
		return ~0ull;
	}
	if (off < VFAKE_COMMON + 0x38) {
		if (common_width((uint32_t)off) != size)
			bad(f, "common read of %u bytes at 0x%llx", size, (unsigned long long)off);
		return common_read(f, (uint32_t)off);
	}
	if (off == VFAKE_ISR)
		return 0;
	if (off >= VFAKE_DEVICE && off + size <= VFAKE_DEVICE + DEV_CFG_LEN) {
		const uint8_t *p = f->device_cfg + (off - VFAKE_DEVICE);

		return size == 1 ? p[0] : size == 2 ? le16_read(p) : le32_read(p);
	}
	bad(f, "read of %u bytes at 0x%llx", size, (unsigned long long)off);
	return ~0ull;
}

static void reg_write(struct virtio_fake *f, unsigned bar, uint64_t off, unsigned size, uint32_t v)
{
	if (bar != VFAKE_BAR || off + size > VFAKE_BAR_SIZE || off % size) {
		bad(f, "write of %u bytes at BAR %u + 0x%llx", size, bar, (unsigned long long)off);
		return;
	}
	if (off < VFAKE_COMMON + 0x38) {
		if (common_width((uint32_t)off) != size)
			bad(f, "common write of %u bytes at 0x%llx", size, (unsigned long long)off);
		common_write(f, (uint32_t)off, v);
		return;
	}
	if (off >= VFAKE_NOTIFY && off < VFAKE_NOTIFY + 0x1000 && size == 2) {
		uint64_t n = (off - VFAKE_NOTIFY) / VFAKE_NOTIFY_MULT;

		f->notifies++;
		if (n >= VFAKE_QUEUES || f->q[n].notify_off != n || v != n) {
			bad(f, "notify 0x%x at 0x%llx", v, (unsigned long long)off);
			return;
		}
		process_queue(f, (unsigned)n);
		return;
	}
	bad(f, "write of %u bytes at 0x%llx", size, (unsigned long long)off);
}

static uint8_t rd8(void *ctx, unsigned bar, uint64_t off)
{
	return (uint8_t)reg_read(ctx, bar, off, 1);
}
static uint16_t rd16(void *ctx, unsigned bar, uint64_t off)
{
	return virtio_swab16((uint16_t)reg_read(ctx, bar, off, 2));
}
static uint32_t rd32(void *ctx, unsigned bar, uint64_t off)
{
	return virtio_swab32((uint32_t)reg_read(ctx, bar, off, 4));
}
static void wr8(void *ctx, unsigned bar, uint64_t off, uint8_t v)
{
	reg_write(ctx, bar, off, 1, v);
}
static void wr16(void *ctx, unsigned bar, uint64_t off, uint16_t v)
{
	reg_write(ctx, bar, off, 2, virtio_swab16(v));
}
static void wr32(void *ctx, unsigned bar, uint64_t off, uint32_t v)
{
	reg_write(ctx, bar, off, 4, virtio_swab32(v));
}

static uint64_t dma_addr(void *ctx, const void *p)
{
	(void)ctx;
	return (uint64_t)(uintptr_t)p;
}

static void *dma_alloc(void *ctx, size_t size, size_t align)
{
	struct virtio_fake *f = ctx;
	void *p = NULL;

	if (f->nallocs >= (int)(sizeof(f->allocs) / sizeof(f->allocs[0])) ||
	    posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size ? size : 1))
		return NULL;
	memset(p, 0, size);
	f->allocs[f->nallocs++] = p;
	return p;
}

static uint64_t ms(void *ctx)
{
	struct virtio_fake *f = ctx;

	if (f->type == VIRTIO_ID_NET && f->backend) {
		vfake_net_pump(f);
		return f->clock_ms = f->backend->now_ms(f->backend->ctx);
	}
	/* Fuzzing: lost completions time out after a few polls. */
	return f->clock_ms += f->chaos ? 1000 : 7;
}

const struct virtio_pci_ops virtio_fake_ops = {
	.cfg_read = cfg_read,
	.cfg_write = cfg_write,
	.bar_size = bar_size,
	.read8 = rd8,
	.read16 = rd16,
	.read32 = rd32,
	.write8 = wr8,
	.write16 = wr16,
	.write32 = wr32,
	.dma_addr = dma_addr,
	.dma_alloc = dma_alloc,
	.ms = ms,
};
