/* SPDX-License-Identifier: MIT */
/* Fuzzes lib/vlan's receive path: the input is what a hostile hypervisor
 * writes into the receive queue (16-byte entries: control, offset,
 * length, correlator) and the receive buffers; vlan_receive must take
 * each entry with a length, 0 or -1 and never read or write outside its
 * memory (ASan watches) nor loop. */
#include <stdint.h>
#include <string.h>

#include "vlan-fake.h"
#include "vlan/vlan.h"

static _Alignas(4096) uint8_t dmamem[VLAN_DMA_BYTES];
static struct vlan_fake fake;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	struct vlan_config cfg = vlan_fake_config(mac);
	struct vlan v;
	uint8_t frame[VLAN_FRAME_MAX];
	size_t pos = 0;

	vlan_fake_init(&fake, VLAN_FAKE_OK, NULL);
	if (vlan_open(&v, &vlan_fake_ops, &fake, &cfg, dmamem) != 0)
		__builtin_trap();
	/* Each round: one entry written at the driver's next slot (so the
	 * toggle matches or not as the input says), a few buffer bytes, and
	 * a receive with a caller capacity from the input. */
	for (unsigned round = 0; round < 64 && size - pos >= 18; round++) {
		uint8_t *slot = v.rxq + (size_t)v.rxq_next * VLAN_RXQ_ENTRY;
		size_t cap = data[pos + 16] * 8u;
		unsigned buf = data[pos + 17] % VLAN_RX_BUFS;
		int r;

		memcpy(slot, data + pos, VLAN_RXQ_ENTRY);
		pos += 18;
		if (size - pos >= 8) {
			memcpy(v.rx_bufs + (size_t)buf * VLAN_BUF_SIZE + VLAN_RX_FRAME_OFFSET,
			       data + pos, 8);
			pos += 8;
		}
		r = vlan_receive(&v, frame, cap < sizeof(frame) ? cap : sizeof(frame));
		if (r > (int)sizeof(frame) || r > (int)cap)
			__builtin_trap();
		if (r < 0)
			break;
	}
	vlan_close(&v);
	if (fake.isopen || fake.mapped)
		__builtin_trap();
	return 0;
}
