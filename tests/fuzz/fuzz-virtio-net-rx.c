/* SPDX-License-Identifier: MIT */
/* Fuzzes lib/virtio/virtio-net.c's receive path: the input plays a
 * hostile device writing receiveq1's used ring (element id, length,
 * index steps) and the 12-byte headers and frame bytes of the buffers.
 * virtio_net_receive must answer each with a length within the caller's
 * capacity, 0 or a negative status, touch nothing outside its memory
 * (ASan) and never leave the device running after a corrupt ring. */
#include <stdint.h>
#include <string.h>

#include "virtio-fake.h"
#include "virtio/virtio-le.h"
#include "virtio/virtio-net.h"

static struct virtio_fake fake;
static struct virtio_net nic;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	uint8_t frame[VIRTIO_NET_BUF_SIZE];
	size_t pos = 0;

	virtio_fake_free(&fake);
	memset(&fake, 0, sizeof(fake));
	virtio_fake_init_net(&fake, mac, NULL);
	if (virtio_net_init(&nic, &virtio_fake_ops, &fake) != 0)
		__builtin_trap();
	/* Each round, 16 bytes: le32 id, le32 len, step, cap/8, 6 header bytes. */
	for (unsigned round = 0; round < 64 && size - pos >= 16; round++) {
		const uint8_t *in = data + pos;
		struct vfake_queue *q = &fake.q[0];
		uint8_t *used = (uint8_t *)(uintptr_t)q->used;
		uint8_t *e = used + 4 + 8 * (size_t)(q->used_idx % q->size);
		uint32_t id = le32_read(in);
		size_t cap = (size_t)in[9] * 8;
		int r;

		pos += 16;
		le32_write(e, id);
		le32_write(e + 4, le32_read(in + 4));
		/* Header bytes into the buffer the element names, if it exists. */
		if (id < VIRTIO_NET_RX_BUFS)
			memcpy(nic.rx_bufs + (size_t)id * VIRTIO_NET_BUF_SIZE, in + 10, 6);
		q->used_idx = (uint16_t)(q->used_idx + in[8] % 4);
		le16_write(used + 2, q->used_idx);
		r = virtio_net_receive(&nic, frame, cap < sizeof(frame) ? cap : sizeof(frame));
		if (r > (int)cap || r > (int)sizeof(frame))
			__builtin_trap();
		if (r < 0) {
			if (fake.status != 0)	/* a corrupt ring must reset the device */
				__builtin_trap();
			break;
		}
	}
	virtio_net_quiesce(&nic);
	if (fake.status != 0)
		__builtin_trap();
	return 0;
}
