/* SPDX-License-Identifier: MIT */
/* CRQ messages and the receive ring (PAPR VIO "hcall-crq"; message layout
 * of the IBM vSCSI protocol, viosrp). */
#include <string.h>

#include "be.h"
#include "be.h"
#include "vscsi/vscsi-crq.h"

void vscsi_crq_encode(uint8_t out[VSCSI_CRQ_MSG_SIZE], const struct vscsi_crq_msg *m)
{
	out[0] = m->valid;
	out[1] = m->format;
	out[2] = 0;
	out[3] = m->status;
	be16_write(out + 4, m->timeout);
	be16_write(out + 6, m->iu_len);
	be64_write(out + 8, m->iu_ptr);
}

void vscsi_crq_decode(const uint8_t in[VSCSI_CRQ_MSG_SIZE], struct vscsi_crq_msg *m)
{
	m->valid = in[0];
	m->format = in[1];
	m->status = in[3];
	m->timeout = be16_read(in + 4);
	m->iu_len = be16_read(in + 6);
	m->iu_ptr = be64_read(in + 8);
}

void vscsi_crq_words(const uint8_t msg[VSCSI_CRQ_MSG_SIZE], uint64_t *hi, uint64_t *lo)
{
	*hi = be64_read(msg);
	*lo = be64_read(msg + 8);
}

void vscsi_crq_init_request(uint8_t out[VSCSI_CRQ_MSG_SIZE])
{
	struct vscsi_crq_msg m = { .valid = VSCSI_CRQ_VALID_INIT,
				   .format = VSCSI_CRQ_INIT_REQUEST };

	vscsi_crq_encode(out, &m);
}

void vscsi_crq_init_complete(uint8_t out[VSCSI_CRQ_MSG_SIZE])
{
	struct vscsi_crq_msg m = { .valid = VSCSI_CRQ_VALID_INIT,
				   .format = VSCSI_CRQ_INIT_COMPLETE };

	vscsi_crq_encode(out, &m);
}

void vscsi_crq_srp_request(uint8_t out[VSCSI_CRQ_MSG_SIZE], uint16_t iu_len, uint64_t iu_ioba)
{
	struct vscsi_crq_msg m = { .valid = VSCSI_CRQ_VALID_PAYLOAD,
				   .format = VSCSI_CRQ_FORMAT_SRP,
				   .iu_len = iu_len, .iu_ptr = iu_ioba };

	vscsi_crq_encode(out, &m);
}

int vscsi_crq_ring_init(struct vscsi_crq_ring *r, void *base, uint32_t size)
{
	if (size == 0 || size % VSCSI_CRQ_MSG_SIZE)
		return STATUS_EINVAL;
	r->base = base;
	r->size = size;
	vscsi_crq_ring_reset(r);
	return 0;
}

void vscsi_crq_ring_reset(struct vscsi_crq_ring *r)
{
	/* Not polled while it is cleared: a plain memset will do. */
	memset((void *)(uintptr_t)r->base, 0, r->size);
	r->next = 0;
	/* The partner must see the cleared slots before the queue is
	 * (re)registered. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

bool vscsi_crq_ring_pop(struct vscsi_crq_ring *r, uint8_t out[VSCSI_CRQ_MSG_SIZE])
{
	volatile uint8_t *e = r->base + r->next;

	if (e[0] == VSCSI_CRQ_VALID_EMPTY)
		return false;
	/* The partner writes bytes 8-15 before byte 0: read the rest only
	 * after the valid byte was seen. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	for (unsigned i = 0; i < VSCSI_CRQ_MSG_SIZE; i++)
		out[i] = e[i];
	/* Done reading before the slot is handed back. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	e[0] = VSCSI_CRQ_VALID_EMPTY;
	r->next = (r->next + VSCSI_CRQ_MSG_SIZE) % r->size;
	return true;
}
