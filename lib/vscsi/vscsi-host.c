/* SPDX-License-Identifier: MIT */
/* One spapr-vscsi adapter, client side (PAPR VIO CRQ + IBM vSCSI/SRP):
 * CRQ registration and init handshake, SRP login, one command at a time
 * with a direct data descriptor over pages mapped with H_PUT_TCE. */
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "vscsi/vscsi-host.h"

#define DEFAULT_INIT_TIMEOUT_MS	1000u
#define DEFAULT_CMD_TIMEOUT_MS	10000u
/* Polls per millisecond of timeout: the bound when the clock stands
 * still (a poll costs well over 10 ns, so this never cuts a wait short). */
#define POLLS_PER_MS		100000ull


/* Where things live in the device's I/O window (offsets from its base). */
#define RING_OFFSET		0u
#define IU_OFFSET		VSCSI_PAGE_SIZE
#define DATA_OFFSET		(2u * VSCSI_PAGE_SIZE)

int vscsi_host_init(struct vscsi_host *h, const struct vscsi_hv_ops *ops, void *ctx,
		    const struct vscsi_host_config *cfg, void *dma_pages)
{
	memset(h, 0, sizeof(*h));
	h->ops = ops;
	h->ctx = ctx;
	h->cfg = *cfg;
	if (!h->cfg.init_timeout_ms)
		h->cfg.init_timeout_ms = DEFAULT_INIT_TIMEOUT_MS;
	if (!h->cfg.cmd_timeout_ms)
		h->cfg.cmd_timeout_ms = DEFAULT_CMD_TIMEOUT_MS;
	h->next_tag = 1;
	if (!dma_pages || (uintptr_t)dma_pages % VSCSI_PAGE_SIZE)
		return status_failf(&h->detail, STATUS_EINVAL, "DMA pages not page-aligned");
	if (cfg->window_base % VSCSI_PAGE_SIZE ||
	    cfg->window_size < VSCSI_WINDOW_NEEDED ||
	    cfg->window_base + VSCSI_WINDOW_NEEDED < cfg->window_base)
		return status_failf(&h->detail, STATUS_EINVAL,
				    "DMA window 0x%llx+0x%llx is unusable (need 0x%x bytes, page-aligned)",
				    (unsigned long long)cfg->window_base,
				    (unsigned long long)cfg->window_size, VSCSI_WINDOW_NEEDED);
	h->ring_page = dma_pages;
	h->iu = h->ring_page + VSCSI_PAGE_SIZE;
	h->ring_ioba = cfg->window_base + RING_OFFSET;
	h->iu_ioba = cfg->window_base + IU_OFFSET;
	h->data_ioba = cfg->window_base + DATA_OFFSET;
	vscsi_crq_ring_init(&h->ring, h->ring_page, VSCSI_PAGE_SIZE);
	return STATUS_OK;
}

static uint64_t now_ms(const struct vscsi_host *h)
{
	return h->ops->now_ms ? h->ops->now_ms(h->ctx) : 0;
}

static int put_tce(struct vscsi_host *h, uint64_t ioba, uint64_t real, unsigned perm)
{
	uint64_t tce = perm ? (real & ~(uint64_t)(VSCSI_PAGE_SIZE - 1)) | perm : 0;

	return h->ops->put_tce(h->ctx, h->cfg.liobn, ioba, tce);
}

static void unmap_data(struct vscsi_host *h, unsigned pages)
{
	for (unsigned i = 0; i < pages; i++)
		put_tce(h, h->data_ioba + (uint64_t)i * VSCSI_PAGE_SIZE, 0, 0);
}

static int send_msg(struct vscsi_host *h, const uint8_t msg[VSCSI_CRQ_MSG_SIZE])
{
	uint64_t hi, lo;

	vscsi_crq_words(msg, &hi, &lo);
	return h->ops->send_crq(h->ctx, h->cfg.unit, hi, lo);
}

/* The next ring entry, or false once timeout_ms have passed since start
 * (or the poll bound is reached). */
static bool wait_msg(struct vscsi_host *h, uint64_t start, unsigned timeout_ms,
		     struct vscsi_crq_msg *m)
{
	uint64_t limit = (uint64_t)timeout_ms * POLLS_PER_MS;
	uint8_t raw[VSCSI_CRQ_MSG_SIZE];

	for (uint64_t polls = 0; polls < limit; polls++) {
		if (vscsi_crq_ring_pop(&h->ring, raw)) {
			vscsi_crq_decode(raw, m);
			return true;
		}
		if (h->ops->now_ms && now_ms(h) - start >= timeout_ms)
			break;
	}
	/* One last look: the answer may have come with the last tick. */
	if (vscsi_crq_ring_pop(&h->ring, raw)) {
		vscsi_crq_decode(raw, m);
		return true;
	}
	return false;
}

void vscsi_host_stop(struct vscsi_host *h)
{
	if (h->registered) {
		h->ops->free_crq(h->ctx, h->cfg.unit);
		put_tce(h, h->ring_ioba, 0, 0);
		put_tce(h, h->iu_ioba, 0, 0);
	}
	h->registered = false;
	h->up = false;
}

/* Init handshake: we send "init"; the partner answers "init complete",
 * or, if it came up after us, sends its own "init", which we complete. */
static int handshake(struct vscsi_host *h)
{
	uint8_t msg[VSCSI_CRQ_MSG_SIZE];
	struct vscsi_crq_msg m;
	uint64_t start = now_ms(h);
	int rc;

	vscsi_crq_init_request(msg);
	rc = send_msg(h, msg);
	if (rc != STATUS_OK && rc != STATUS_ECLOSED)
		return status_failf(&h->detail, STATUS_EIO, "H_SEND_CRQ (init) failed: %s",
				    status_name(rc));
	while (wait_msg(h, start, h->cfg.init_timeout_ms, &m)) {
		if (m.valid != VSCSI_CRQ_VALID_INIT)
			continue;
		if (m.format == VSCSI_CRQ_INIT_COMPLETE)
			return STATUS_OK;
		if (m.format == VSCSI_CRQ_INIT_REQUEST) {
			vscsi_crq_init_complete(msg);
			rc = send_msg(h, msg);
			if (rc != STATUS_OK)
				return status_failf(&h->detail, STATUS_EIO,
						    "H_SEND_CRQ (init complete) failed: %s",
						    status_name(rc));
			return STATUS_OK;
		}
	}
	return status_failf(&h->detail, STATUS_ETIMEDOUT,
			    "no answer to the CRQ init request within %u ms", h->cfg.init_timeout_ms);
}

/* Sends the IU of len bytes in the IU page and waits for the payload
 * answer carrying tag. */
static int transact(struct vscsi_host *h, uint16_t len, uint64_t tag, unsigned timeout_ms,
		    const char *what, struct vscsi_crq_msg *ans)
{
	uint8_t msg[VSCSI_CRQ_MSG_SIZE];
	uint64_t start;
	int rc;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* IU written before the partner reads it */
	vscsi_crq_srp_request(msg, len, h->iu_ioba);
	start = now_ms(h);
	rc = send_msg(h, msg);
	if (rc != STATUS_OK)
		return status_failf(&h->detail, rc == STATUS_ECLOSED ? STATUS_ECLOSED : STATUS_EIO,
				    "H_SEND_CRQ (%s) failed: %s", what, status_name(rc));
	while (wait_msg(h, start, timeout_ms, ans)) {
		switch (ans->valid) {
		case VSCSI_CRQ_VALID_PAYLOAD:
			if (ans->format == VSCSI_CRQ_FORMAT_SRP && ans->iu_ptr == tag) {
				__atomic_thread_fence(__ATOMIC_ACQUIRE);
				return STATUS_OK;
			}
			h->stale++;
			break;
		case VSCSI_CRQ_VALID_INIT:
			if (ans->format == VSCSI_CRQ_INIT_REQUEST)
				return status_failf(&h->detail, STATUS_ECLOSED,
						    "the partner restarted during %s", what);
			break;
		case VSCSI_CRQ_VALID_EVENT:
			return status_failf(&h->detail, STATUS_ECLOSED,
					    "transport event 0x%02x during %s", ans->format, what);
		default:
			break;
		}
	}
	return status_failf(&h->detail, STATUS_ETIMEDOUT, "no answer to %s within %u ms", what,
			    timeout_ms);
}

static int login(struct vscsi_host *h)
{
	struct vscsi_crq_msg ans;
	struct srp_login_info li;
	uint64_t tag = h->next_tag++;
	size_t len = srp_encode_login_req(h->iu, VSCSI_PAGE_SIZE, tag, SRP_LOGIN_REQ_LEN,
					  SRP_BUF_FORMAT_DIRECT);
	int rc = transact(h, (uint16_t)len, tag, h->cfg.init_timeout_ms, "SRP login", &ans);

	if (rc != STATUS_OK)
		return rc;
	if (ans.status != VSCSI_CRQ_STATUS_OK)
		return status_failf(&h->detail, STATUS_EIO,
				    "the partner failed the login transfer (status 0x%02x)", ans.status);
	rc = srp_decode_login(h->iu, ans.iu_len < VSCSI_PAGE_SIZE ? ans.iu_len : VSCSI_PAGE_SIZE, &li);
	if (rc == STATUS_EREFUSED)
		return status_failf(&h->detail, STATUS_EREFUSED, "SRP login rejected (reason 0x%08x)",
				    li.reject_reason);
	if (rc != STATUS_OK || li.tag != tag)
		return status_failf(&h->detail, STATUS_EMALFORMED,
				    "bad SRP login answer (opcode 0x%02x, %u bytes)", li.opcode, ans.iu_len);
	if (!(li.buf_fmt & SRP_BUF_FORMAT_DIRECT))
		return status_failf(&h->detail, STATUS_EMALFORMED,
				    "target supports no direct data descriptors (formats 0x%04x)", li.buf_fmt);
	if (li.max_it_iu_len && li.max_it_iu_len < SRP_CMD_LEN + SRP_DIRECT_DESC_LEN)
		return status_failf(&h->detail, STATUS_EMALFORMED, "target accepts IUs of only %u bytes",
				    li.max_it_iu_len);
	h->req_lim = li.req_lim_delta;
	h->max_it_iu_len = li.max_it_iu_len;
	return STATUS_OK;
}

int vscsi_host_start(struct vscsi_host *h)
{
	int rc;

	vscsi_host_stop(h);
	vscsi_crq_ring_reset(&h->ring);
	if (put_tce(h, h->ring_ioba, (uintptr_t)h->ring_page, VSCSI_TCE_READ | VSCSI_TCE_WRITE) ||
	    put_tce(h, h->iu_ioba, (uintptr_t)h->iu, VSCSI_TCE_READ | VSCSI_TCE_WRITE)) {
		status_textf(&h->detail, "H_PUT_TCE for the queue pages failed");
		put_tce(h, h->ring_ioba, 0, 0);
		return STATUS_EIO;
	}
	rc = h->ops->reg_crq(h->ctx, h->cfg.unit, h->ring_ioba, VSCSI_PAGE_SIZE);
	if (rc == STATUS_EBUSY) {
		/* Left registered (an earlier stage, or a reset we missed). */
		h->ops->free_crq(h->ctx, h->cfg.unit);
		rc = h->ops->reg_crq(h->ctx, h->cfg.unit, h->ring_ioba, VSCSI_PAGE_SIZE);
	}
	if (rc != STATUS_OK) {
		status_textf(&h->detail, "H_REG_CRQ failed: %s",
			 status_name(rc));
		put_tce(h, h->ring_ioba, 0, 0);
		put_tce(h, h->iu_ioba, 0, 0);
		return STATUS_EIO;
	}
	h->registered = true;
	rc = handshake(h);
	if (rc == STATUS_OK)
		rc = login(h);
	if (rc != STATUS_OK) {
		vscsi_host_stop(h);
		return rc;
	}
	h->up = true;
	return STATUS_OK;
}

static int check_cmd(struct vscsi_host *h, const struct vscsi_cmd *c)
{
	bool data = c->dir != SRP_DIR_NONE && c->len;

	if (!c->cdb || c->cdb_len == 0 || c->cdb_len > 16 || c->len > VSCSI_MAX_TRANSFER ||
	    (data && !c->buf) ||
	    (c->dir != SRP_DIR_NONE && c->dir != SRP_DIR_IN && c->dir != SRP_DIR_OUT))
		return status_failf(&h->detail, STATUS_EINVAL, "invalid command (CDB %u bytes, %u data bytes)",
				    c->cdb_len, c->len);
	return STATUS_OK;
}

int vscsi_host_exec(struct vscsi_host *h, const struct vscsi_cmd *c, struct vscsi_result *res)
{
	bool data = c->dir != SRP_DIR_NONE && c->len;
	uintptr_t addr = (uintptr_t)c->buf;
	unsigned offs = (unsigned)(addr % VSCSI_PAGE_SIZE), pages = 0;
	struct srp_cmd_args a;
	struct srp_rsp_info ri;
	struct vscsi_crq_msg ans;
	char what[32];
	size_t len;
	int rc;

	memset(res, 0, sizeof(*res));
	rc = check_cmd(h, c);
	if (rc != STATUS_OK)
		return rc;
	if (!h->up) {
		rc = vscsi_host_start(h);
		if (rc != STATUS_OK)
			return rc;
	}
	if (data) {
		unsigned perm = c->dir == SRP_DIR_IN ? VSCSI_TCE_WRITE : VSCSI_TCE_READ;
		uintptr_t page = addr - offs;

		for (pages = 0; pages < (offs + c->len + VSCSI_PAGE_SIZE - 1) / VSCSI_PAGE_SIZE; pages++) {
			if (put_tce(h, h->data_ioba + (uint64_t)pages * VSCSI_PAGE_SIZE,
				    page + (uintptr_t)pages * VSCSI_PAGE_SIZE, perm) != STATUS_OK) {
				status_textf(&h->detail,
					 "H_PUT_TCE for data page %u failed", pages);
				unmap_data(h, pages);
				return STATUS_EIO;
			}
		}
	}
	a = (struct srp_cmd_args){
		.tag = h->next_tag++, .lun = c->lun, .cdb = c->cdb, .cdb_len = c->cdb_len,
		.dir = data ? c->dir : SRP_DIR_NONE, .va = h->data_ioba + offs, .len = c->len,
	};
	len = srp_encode_cmd(h->iu, VSCSI_PAGE_SIZE, &a);
	snprintf(what, sizeof(what), "SCSI command 0x%02x", c->cdb[0]);
	rc = transact(h, (uint16_t)len, a.tag, h->cfg.cmd_timeout_ms, what, &ans);
	unmap_data(h, pages);
	if (rc != STATUS_OK) {
		/* Whatever the partner still does with the old IU must not
		 * meet the next command: start afresh next time. */
		vscsi_host_stop(h);
		return rc;
	}
	if (ans.status != VSCSI_CRQ_STATUS_OK)
		return status_failf(&h->detail, STATUS_EIO,
				    "the partner failed %s (CRQ status 0x%02x)", what, ans.status);
	rc = srp_decode_rsp(h->iu, ans.iu_len < VSCSI_PAGE_SIZE ? ans.iu_len : VSCSI_PAGE_SIZE, &ri);
	if (rc != STATUS_OK || ri.tag != a.tag)
		return status_failf(&h->detail, STATUS_EMALFORMED,
				    "bad answer to %s (opcode 0x%02x, %u bytes%s)", what,
				    ans.iu_len ? h->iu[0] : 0, ans.iu_len,
				    rc == STATUS_OK ? ", wrong tag" : "");
	h->req_lim += ri.req_lim_delta;
	res->status = ri.status;
	res->transferred = data ? c->len : 0;
	if (data && c->dir == SRP_DIR_IN && (ri.flags & SRP_RSP_FLAG_DIUNDER))
		res->transferred = ri.data_in_resid < c->len ? c->len - ri.data_in_resid : 0;
	if (data && c->dir == SRP_DIR_OUT && (ri.flags & SRP_RSP_FLAG_DOUNDER))
		res->transferred = ri.data_out_resid < c->len ? c->len - ri.data_out_resid : 0;
	if (ri.sense) {
		res->sense_len = ri.sense_len < sizeof(res->sense) ? ri.sense_len : sizeof(res->sense);
		memcpy(res->sense, ri.sense, res->sense_len);
	}
	if (ri.status != 0)
		return status_failf(&h->detail, STATUS_EDEVICE, "%s ended with status 0x%02x", what, ri.status);
	return STATUS_OK;
}
