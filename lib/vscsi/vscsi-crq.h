/* SPDX-License-Identifier: MIT */
/* The PAPR VIO command/response queue (CRQ) as the IBM vSCSI protocol
 * uses it: 16-byte messages sent with H_SEND_CRQ, and a ring of 16-byte
 * entries the partner fills, polled by the client. */
#ifndef LIB_VSCSI_VSCSI_CRQ_H
#define LIB_VSCSI_VSCSI_CRQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

#define VSCSI_CRQ_MSG_SIZE	16u

/* Byte 0 ("valid"): what kind of message this is; 0 = empty ring slot. */
#define VSCSI_CRQ_VALID_EMPTY	0x00u
#define VSCSI_CRQ_VALID_PAYLOAD	0x80u	/* an IU is ready at iu_ptr */
#define VSCSI_CRQ_VALID_INIT	0xc0u	/* initialisation handshake */
#define VSCSI_CRQ_VALID_EVENT	0xffu	/* transport event (partner gone) */

/* Byte 1 ("format") of an init message. */
#define VSCSI_CRQ_INIT_REQUEST	0x01u
#define VSCSI_CRQ_INIT_COMPLETE	0x02u

/* Byte 1 of a payload message: what the IU holds. */
#define VSCSI_CRQ_FORMAT_SRP	0x01u
#define VSCSI_CRQ_FORMAT_MAD	0x02u

/* Byte 3 of a payload answer: 0 = the partner moved the IU. */
#define VSCSI_CRQ_STATUS_OK	0x00u

/* A decoded message. On the wire (all big-endian): valid, format,
 * reserved, status, u16 timeout (seconds), u16 IU length, u64 IU pointer
 * (an I/O bus address in the device's DMA window; in answers the partner
 * puts the request's SRP tag there). */
struct vscsi_crq_msg {
	uint8_t valid;
	uint8_t format;
	uint8_t status;
	uint16_t timeout;
	uint16_t iu_len;
	uint64_t iu_ptr;
};

void vscsi_crq_encode(uint8_t out[VSCSI_CRQ_MSG_SIZE], const struct vscsi_crq_msg *m);
void vscsi_crq_decode(const uint8_t in[VSCSI_CRQ_MSG_SIZE], struct vscsi_crq_msg *m);

/* The two doublewords H_SEND_CRQ takes: bytes 0-7 and 8-15 of the
 * encoded message, the first byte in the most significant position. */
void vscsi_crq_words(const uint8_t msg[VSCSI_CRQ_MSG_SIZE], uint64_t *hi, uint64_t *lo);

/* Ready-made requests. */
void vscsi_crq_init_request(uint8_t out[VSCSI_CRQ_MSG_SIZE]);
void vscsi_crq_init_complete(uint8_t out[VSCSI_CRQ_MSG_SIZE]);
/* An SRP payload message for the IU of iu_len bytes at I/O address iu_ioba. */
void vscsi_crq_srp_request(uint8_t out[VSCSI_CRQ_MSG_SIZE], uint16_t iu_len, uint64_t iu_ioba);

/* The receive ring: the partner writes entries in order and wraps; the
 * client consumes an entry by clearing its valid byte (the partner treats
 * a slot with a non-zero valid byte as "queue full"). */
struct vscsi_crq_ring {
	volatile uint8_t *base;
	uint32_t size;		/* bytes, a multiple of 16 */
	uint32_t next;		/* offset of the next entry to look at */
};

/* Starts a ring over size bytes at base (cleared here). Returns 0, or
 * STATUS_EINVAL if size is 0 or not a multiple of 16. */
int vscsi_crq_ring_init(struct vscsi_crq_ring *r, void *base, uint32_t size);
/* Clears every entry and restarts at offset 0 (after the queue was
 * registered again: the partner starts at the first slot too). */
void vscsi_crq_ring_reset(struct vscsi_crq_ring *r);
/* Takes the next entry if the partner has filled it: copies it to out,
 * frees the slot and advances. Returns true if an entry was taken. */
bool vscsi_crq_ring_pop(struct vscsi_crq_ring *r, uint8_t out[VSCSI_CRQ_MSG_SIZE]);

#endif
