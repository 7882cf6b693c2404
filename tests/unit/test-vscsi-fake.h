/* SPDX-License-Identifier: MIT */
/* The fake spapr-vscsi partner of tests/fakes/vscsi-fake.c: a VIO unit
 * with a TCE window, a CRQ and an SRP target with a few logical units,
 * answering the way QEMU 7.2's spapr-vscsi does (REPORT LUNS on LUN 0 for
 * the whole bus, INQUIRY qualifier 3 for empty addresses, the answer IU
 * written over the request IU, the SRP tag in the answer's IU pointer),
 * with knobs for the failures QEMU never shows. */
#ifndef TESTS_UNIT_TEST_VSCSI_FAKE_H
#define TESTS_UNIT_TEST_VSCSI_FAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "vscsi/vscsi-host.h"

#define VSCSI_FAKE_UNIT		0x71000002u
#define VSCSI_FAKE_LIOBN	0x71000002u
#define VSCSI_FAKE_WINDOW	0x10000000ull	/* 256 MiB, as QEMU */
#define VSCSI_FAKE_MAX_LUS	16
#define VSCSI_FAKE_PENDING	32

struct vscsi_fake_lu {
	unsigned target, channel, lun;
	uint8_t type;			/* 0 disk, 5 CD-ROM */
	bool removable, no_medium;
	uint32_t block_size;
	uint64_t num_blocks;
	unsigned unit_attentions;	/* commands answered UNIT ATTENTION first */
	unsigned reads;			/* READ commands served */
};

struct vscsi_fake_pending {
	uint64_t at;			/* fake ms when it is delivered */
	uint64_t iu_ioba;
	uint8_t iu[256];
	uint16_t iu_len;
	uint8_t msg[16];
};

struct vscsi_fake {
	/* The unit. */
	uint32_t unit, liobn;
	uint64_t window_size;
	uint64_t *tce;			/* window_size / 4096 entries */
	bool registered;
	uint64_t crq_ioba, crq_len;
	uint32_t crq_next;

	/* Knobs. */
	bool no_init_answer;		/* never answers the init request */
	bool partner_inits;		/* answers init with its own init request */
	bool no_login_answer;
	bool login_reject;
	bool login_indirect_only;	/* login answer without direct descriptors */
	bool reg_busy_once;		/* first H_REG_CRQ: already registered */
	bool reg_fails;			/* H_REG_CRQ: parameter refused */
	bool report_luns_fails;		/* REPORT LUNS on LUN 0: ILLEGAL REQUEST */
	unsigned drop_answers;		/* SRP_CMDs left unanswered */
	unsigned dead_after;		/* >0: silent after this many SRP_CMDs */
	unsigned stale_before;		/* answers with a wrong tag sent first */
	bool event_on_cmd;		/* transport event instead of an answer */
	bool restart_on_cmd;		/* partner init request instead of an answer */
	uint8_t crq_status;		/* status byte of answers */
	unsigned delay_ms;		/* answers delivered this much later */
	bool rsp_truncate;		/* answer IU length 20 */
	bool rsp_bad_opcode;
	unsigned rsp_sense_claim;	/* >0: claims this many sense bytes */

	/* Records. */
	unsigned reg_calls, free_calls, send_calls, tce_calls;
	unsigned inits, logins, cmds, dma_faults, queue_full;
	unsigned mapped;		/* TCEs currently mapped */
	uint64_t last_lun;
	uint8_t last_cdb[16];
	uint64_t now;			/* ms; +1 at every now_ms call */

	struct vscsi_fake_lu lus[VSCSI_FAKE_MAX_LUS];
	unsigned n_lus;
	struct vscsi_fake_pending pending[VSCSI_FAKE_PENDING];
	unsigned n_pending;
};

extern const struct vscsi_hv_ops vscsi_fake_ops;

/* Resets f to a unit with no logical units, answering everything. */
void vscsi_fake_init(struct vscsi_fake *f);
void vscsi_fake_free(struct vscsi_fake *f);
/* Adds a logical unit; returns it (for more knobs). */
struct vscsi_fake_lu *vscsi_fake_add(struct vscsi_fake *f, unsigned target, unsigned channel,
				     unsigned lun, uint8_t type, uint32_t block_size,
				     uint64_t num_blocks);
/* The byte at offset off of a unit's medium (what READ returns). */
uint8_t vscsi_fake_byte(const struct vscsi_fake_lu *lu, uint64_t off);

/* A host config matching the fake's unit and window. */
struct vscsi_host_config vscsi_fake_config(const struct vscsi_fake *f);

#endif
