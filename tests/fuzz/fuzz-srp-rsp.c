/* SPDX-License-Identifier: MIT */
/* Fuzzes the parsers of what a vSCSI partner sends: SRP_RSP and login
 * answers, CRQ messages, REPORT LUNS data and LUN forms, and a whole
 * command whose answer IU and CRQ entry are the fuzzer's bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "vscsi/srp.h"
#include "vscsi/vscsi-crq.h"
#include "vscsi/vscsi-host.h"
#include "vscsi/vscsi-lun.h"

/* A partner whose answers come from the input: byte 16 selects (bit 0)
 * whether the answer carries the right tag and (bit 1) whether the login
 * answer is the input too, rather than a valid one; the first 16 bytes
 * are the CRQ entry of the answer, the rest its IU. */
struct echo {
	const uint8_t *data;
	size_t size;
	uint8_t *ring, *iu;
	unsigned slot;
	uint64_t now;
};

static int e_reg(void *ctx, uint32_t unit, uint64_t ioba, uint64_t len)
{
	(void)ctx; (void)unit; (void)ioba; (void)len;
	return STATUS_OK;
}

static int e_free(void *ctx, uint32_t unit)
{
	(void)ctx; (void)unit;
	return STATUS_OK;
}

static int e_tce(void *ctx, uint32_t liobn, uint64_t ioba, uint64_t tce)
{
	(void)ctx; (void)liobn; (void)ioba; (void)tce;
	return STATUS_OK;
}

static uint64_t e_now(void *ctx)
{
	return ++((struct echo *)ctx)->now;
}

static void e_push(struct echo *e, const uint8_t msg[16])
{
	uint8_t *slot = e->ring + 16 * (e->slot++ % 256);

	memcpy(slot + 8, msg + 8, 8);
	memcpy(slot, msg, 8);
}

static int e_send(void *ctx, uint32_t unit, uint64_t hi, uint64_t lo)
{
	struct echo *e = ctx;
	uint8_t msg[16] = { 0 }, flags = e->size > 16 ? e->data[16] : 0;
	uint64_t tag = be64_read(e->iu + 8);
	size_t n;

	(void)unit; (void)lo;
	if (hi >> 56 == 0xc0) {			/* init: complete */
		msg[0] = 0xc0;
		msg[1] = 0x02;
		e_push(e, msg);
		return STATUS_OK;
	}
	if (e->iu[0] == SRP_LOGIN_REQ && !(flags & 2)) {
		memset(e->iu, 0, 52);
		e->iu[0] = SRP_LOGIN_RSP;
		be32_write(e->iu + 4, 22);
		be64_write(e->iu + 8, tag);
		be32_write(e->iu + 16, 256);
		be32_write(e->iu + 20, 256);
		e->iu[25] = SRP_BUF_FORMAT_DIRECT;
		msg[0] = 0x80;
		msg[1] = 0x01;
		msg[7] = 52;
		be64_write(msg + 8, tag);
		e_push(e, msg);
		return STATUS_OK;
	}
	memcpy(msg, e->data, e->size < 16 ? e->size : 16);
	if (flags & 1)
		be64_write(msg + 8, tag);
	n = e->size > 17 ? e->size - 17 : 0;
	if (n > 4096)
		n = 4096;
	memcpy(e->iu, e->data + (e->size > 17 ? 17 : e->size), n);
	e_push(e, msg);
	return STATUS_OK;
}

static const struct vscsi_hv_ops echo_ops = { e_reg, e_free, e_send, e_tce, e_now };

static void whole_command(const uint8_t *data, size_t size)
{
	static uint8_t *pages;
	struct vscsi_host h;
	struct vscsi_host_config cfg = { .unit = 1, .liobn = 1, .window_size = 0x10000000,
					 .init_timeout_ms = 2, .cmd_timeout_ms = 2 };
	struct echo e = { .data = data, .size = size };
	struct vscsi_result res;
	uint8_t cdb[6] = { 0x12, 0, 0, 0, 36, 0 }, buf[36];
	struct vscsi_cmd c = { .lun = 0x8000000000000000ull, .cdb = cdb, .cdb_len = 6,
			       .dir = SRP_DIR_IN, .buf = buf, .len = sizeof(buf) };

	if (!pages)
		pages = aligned_alloc(4096, VSCSI_HOST_DMA_BYTES);
	memset(pages, 0, VSCSI_HOST_DMA_BYTES);
	e.ring = pages;
	e.iu = pages + 4096;
	if (vscsi_host_init(&h, &echo_ops, &e, &cfg, pages) != STATUS_OK)
		abort();
	/* The login (and, when it passes, a command) meet the input. */
	if (vscsi_host_start(&h) == STATUS_OK) {
		vscsi_host_exec(&h, &c, &res);
		if (res.sense_len > sizeof(res.sense) || res.transferred > sizeof(buf))
			abort();
	}
	if (strlen(h.detail.text) >= sizeof(h.detail.text))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct srp_rsp_info ri;
	struct srp_login_info li;
	struct vscsi_crq_msg m;
	uint64_t luns[16];
	unsigned listed, skipped;
	uint8_t *copy = malloc(size ? size : 1);

	/* An exact-size copy so ASan sees any read past the end. */
	memcpy(copy, data, size);
	if (srp_decode_rsp(copy, size, &ri) == STATUS_OK) {
		if (ri.sense && (ri.sense < copy || ri.sense + ri.sense_len > copy + size))
			abort();
		if (ri.resp_data && ri.resp_data + ri.resp_len > copy + size)
			abort();
		if (ri.sense_len > ri.sense_len_claimed)
			abort();
	}
	srp_decode_login(copy, size, &li);
	if (size >= 16) {
		vscsi_crq_decode(copy, &m);
	}
	{
		int n = vscsi_report_luns_parse(copy, size, luns, 16, &listed, &skipped);

		for (int i = 0; i < n; i++) {
			struct vscsi_lun_addr a;
			uint64_t back;

			if (vscsi_lun_split(luns[i], &a) || vscsi_lun_make(&a, &back) || back != luns[i])
				abort();
		}
		if (n > 0) {
			uint8_t table[16 * 8 + 32 * 8];
			size_t need = vscsi_lun_table_size(luns, (unsigned)n);

			if (need > sizeof(table) ||
			    vscsi_lun_table_build(table, sizeof(table), 0x1000, luns, (unsigned)n) < 1)
				abort();
		}
	}
	if (size >= 8) {
		struct vscsi_lun_addr a;
		uint64_t c;

		if (vscsi_lun_split(be64_read(copy), &a) == 0 &&
		    (vscsi_lun_canonical(be64_read(copy), &c) != 0 || (c >> 63) != 1))
			abort();
	}
	whole_command(copy, size);
	free(copy);
	return 0;
}
