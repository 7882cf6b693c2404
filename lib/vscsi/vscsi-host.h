/* SPDX-License-Identifier: MIT */
/* The client side of one spapr-vscsi adapter: registers the CRQ, does the
 * init handshake and the SRP login, and runs one SCSI command at a time
 * with its data mapped through the adapter's TCE window. Every wait is
 * bounded; the hypervisor is reached through an ops struct only, so the
 * same code runs against QEMU and against tests/fakes/vscsi-fake.c. */
#ifndef LIB_VSCSI_VSCSI_HOST_H
#define LIB_VSCSI_VSCSI_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"
#include "vscsi/srp.h"
#include "vscsi/vscsi-crq.h"

/* Results: STATUS_OK or a negative enum status, with h->detail set:
 * STATUS_EIO (a hypercall failed, or the partner reported a transfer
 * failure), STATUS_ETIMEDOUT (no answer within the bound),
 * STATUS_EMALFORMED (a malformed or unexpected answer), STATUS_EREFUSED
 * (SRP login rejected), STATUS_EDEVICE (SCSI status other than GOOD, see
 * res->status), STATUS_ECLOSED (the partner went away or restarted),
 * STATUS_EINVAL (bad arguments: size, window).
 *
 * The hypercall ops return STATUS_OK or a negative enum status (the board
 * translates the hypervisor's own codes): STATUS_EINVAL (a parameter was
 * refused), STATUS_EBUSY (a queue is already registered), STATUS_ECLOSED
 * (the partner is not there yet), STATUS_EDEVICE (hardware failure),
 * STATUS_EUNSUPPORTED (no such hypercall, no CRQ on the unit),
 * STATUS_EIO (anything else). */
struct vscsi_hv_ops {
	/* H_REG_CRQ: the queue at I/O address ioba, len bytes. */
	int (*reg_crq)(void *ctx, uint32_t unit, uint64_t ioba, uint64_t len);
	/* H_FREE_CRQ. */
	int (*free_crq)(void *ctx, uint32_t unit);
	/* H_SEND_CRQ: bytes 0-7 and 8-15 of the message. */
	int (*send_crq)(void *ctx, uint32_t unit, uint64_t hi, uint64_t lo);
	/* H_PUT_TCE: tce = real page address | VSCSI_TCE_* (0 unmaps). */
	int (*put_tce)(void *ctx, uint32_t liobn, uint64_t ioba, uint64_t tce);
	/* Milliseconds from any start; NULL: waits are bounded by poll
	 * counts alone. */
	uint64_t (*now_ms)(void *ctx);
};

#define VSCSI_TCE_READ		1u	/* the device may read the page */
#define VSCSI_TCE_WRITE		2u	/* the device may write the page */
#define VSCSI_PAGE_SIZE		4096u

/* Memory the caller hands to vscsi_host_init: two pages, page-aligned,
 * reachable by the device (the CRQ ring and the IU buffer). Pointers are
 * real addresses (the firmware runs untranslated). */
#define VSCSI_HOST_DMA_BYTES	(2u * VSCSI_PAGE_SIZE)

/* Largest data transfer of one command, and the I/O window it needs:
 * ring, IU, then the data pages (one more for a buffer not page-aligned).
 * 64 KiB because QEMU (7.2 and later) keeps its offset into a direct
 * descriptor in 16 bits: scsi-disk hands data over in 128 KiB pieces, and
 * with a larger transfer every piece after the first lands at offset 0
 * again (Linux's ibmvscsi never sends more than 128 KiB either). */
#define VSCSI_MAX_TRANSFER	(16u * VSCSI_PAGE_SIZE)
#define VSCSI_WINDOW_NEEDED	((2u + VSCSI_MAX_TRANSFER / VSCSI_PAGE_SIZE + 1u) * VSCSI_PAGE_SIZE)

struct vscsi_host_config {
	uint32_t unit;			/* the node's reg */
	uint32_t liobn;			/* ibm,my-dma-window */
	uint64_t window_base, window_size;
	unsigned init_timeout_ms;	/* 0: default 1000 */
	unsigned cmd_timeout_ms;	/* 0: default 10000 */
};

struct vscsi_host {
	const struct vscsi_hv_ops *ops;
	void *ctx;
	struct vscsi_host_config cfg;
	uint8_t *ring_page, *iu;
	struct vscsi_crq_ring ring;
	uint64_t ring_ioba, iu_ioba, data_ioba;
	uint64_t next_tag;
	uint32_t req_lim;		/* SRP credits left */
	uint32_t max_it_iu_len;
	bool registered;		/* H_REG_CRQ done, not freed */
	bool up;			/* handshake and login done */
	unsigned stale;			/* answers dropped (unknown tag) */
	struct status_text detail;	/* the last failure, for one log line */
};

/* Prepares h (no hypercall yet). dma_pages: VSCSI_HOST_DMA_BYTES, page
 * aligned. Returns STATUS_OK, or STATUS_EINVAL (detail says why) when the
 * window is smaller than VSCSI_WINDOW_NEEDED or not page-aligned. */
int vscsi_host_init(struct vscsi_host *h, const struct vscsi_hv_ops *ops, void *ctx,
		    const struct vscsi_host_config *cfg, void *dma_pages);

/* Maps the ring and IU pages, registers the CRQ (freeing a stale
 * registration once), does the init handshake and the SRP login.
 * Returns STATUS_OK or an error with h->detail set; on error the CRQ is
 * freed again. */
int vscsi_host_start(struct vscsi_host *h);

/* Frees the CRQ and unmaps the pages (nothing if not registered). */
void vscsi_host_stop(struct vscsi_host *h);

struct vscsi_cmd {
	uint64_t lun;			/* 8-byte SAM LUN */
	const uint8_t *cdb;
	unsigned cdb_len;		/* 1..16 */
	enum srp_dir dir;
	void *buf;			/* any alignment */
	uint32_t len;			/* <= VSCSI_MAX_TRANSFER */
};

struct vscsi_result {
	uint8_t status;			/* SCSI status (0 GOOD, 2 CHECK CONDITION ...) */
	uint32_t transferred;		/* data bytes moved (len minus underflow) */
	uint8_t sense[32];
	unsigned sense_len;
};

/* Runs one command, bringing the adapter up first if needed. Returns
 * STATUS_OK when the command completed with status GOOD, STATUS_EDEVICE
 * when it completed with another status (res->status and sense filled),
 * or a transport error (detail set). After a timeout or a partner restart
 * the adapter is reset, and the next command starts it again. */
int vscsi_host_exec(struct vscsi_host *h, const struct vscsi_cmd *c, struct vscsi_result *res);

#endif
