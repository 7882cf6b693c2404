/* SPDX-License-Identifier: MIT */
/* Encoding of the logical LAN's descriptors, receive queue entries and
 * MAC values (see vlan-wire.h for the layout and where it is from). */
#include <string.h>

#include "be.h"
#include "vlan/vlan-wire.h"

uint64_t vlan_bd(uint32_t ioba, uint32_t len)
{
	return VLAN_BD_VALID | ((uint64_t)(len & VLAN_BD_LEN_MAX) << 32) | ioba;
}

void vlan_rxq_decode(const uint8_t in[VLAN_RXQ_ENTRY], struct vlan_rxq_entry *e)
{
	e->control = in[0];
	e->offset = be16_read(in + 2);
	e->length = be32_read(in + 4);
	e->correlator = be64_read(in + 8);
}

void vlan_rxq_encode(uint8_t out[VLAN_RXQ_ENTRY], const struct vlan_rxq_entry *e)
{
	out[0] = e->control;
	out[1] = 0;
	be16_write(out + 2, e->offset);
	be32_write(out + 4, e->length);
	be64_write(out + 8, e->correlator);
}

uint64_t vlan_mac_arg(const uint8_t mac[6])
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 6; i++)
		v = (v << 8) | mac[i];
	return v;
}

int vlan_mac_from_property(const uint8_t *prop, size_t len, uint8_t mac[6], const char **reason)
{
	if (len == 6) {
		memcpy(mac, prop, 6);
		return 0;
	}
	if (len == 8) {
		memcpy(mac, prop + 2, 6);
		return 0;
	}
	return status_fail(reason, STATUS_EMALFORMED, "local-mac-address is neither 6 nor 8 bytes");
}
