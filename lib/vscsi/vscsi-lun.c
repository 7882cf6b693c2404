/* SPDX-License-Identifier: MIT */
/* LUN encodings (SAM-5 4.7 addressing methods, as QEMU's spapr-vscsi
 * decodes them), REPORT LUNS data (SPC-4 6.33) and GRUB's LUN table. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "vscsi/vscsi-lun.h"

#define METHOD_PERIPHERAL	0u
#define METHOD_FLAT		1u
#define METHOD_LOGICAL_UNIT	2u

int vscsi_lun_make(const struct vscsi_lun_addr *a, uint64_t *out)
{
	if (a->target > VSCSI_MAX_TARGET || a->channel > VSCSI_MAX_CHANNEL ||
	    a->lun > VSCSI_MAX_LUN)
		return STATUS_EINVAL;
	*out = (uint64_t)(0x8000u | a->target << 8 | a->channel << 5 | a->lun) << 48;
	return 0;
}

/* One 16-bit level without a further level: peripheral with bus 0, flat,
 * or logical unit. False when w has no (target, channel, lun) form. */
static bool split_single(uint16_t w, struct vscsi_lun_addr *a)
{
	switch (w >> 14) {
	case METHOD_PERIPHERAL:
		if (w >> 8)
			return false;
		a->target = 0;
		a->channel = 0;
		a->lun = w & 0xffu;
		break;
	case METHOD_FLAT:
		a->target = 0;
		a->channel = 0;
		a->lun = w & 0x3fffu;
		break;
	case METHOD_LOGICAL_UNIT:
		a->target = (w >> 8) & 0x3fu;
		a->channel = (w >> 5) & 0x7u;
		a->lun = w & 0x1fu;
		break;
	default:
		return false;	/* extended addressing */
	}
	return a->lun <= VSCSI_MAX_LUN;
}

int vscsi_lun_split(uint64_t lun, struct vscsi_lun_addr *a)
{
	uint16_t w0 = (uint16_t)(lun >> 48), w1 = (uint16_t)(lun >> 32);
	struct vscsi_lun_addr tmp;

	if (w0 >> 14 == METHOD_PERIPHERAL && (w0 >> 8) != 0) {
		/* Two levels: bus = channel, then the target; the second
		 * level holds the LUN in a form without a target of its own
		 * (QEMU would take target and channel from a logical unit
		 * form there). */
		if ((lun & 0xffffffffu) != 0 || (w1 >> 14) > METHOD_FLAT ||
		    !split_single(w1, &tmp))
			return STATUS_EUNSUPPORTED;
		tmp.channel = (w0 >> 8) & 0x3fu;
		tmp.target = w0 & 0xffu;
		if (tmp.channel > VSCSI_MAX_CHANNEL || tmp.target > VSCSI_MAX_TARGET)
			return STATUS_EUNSUPPORTED;
		*a = tmp;
		return 0;
	}
	if ((lun & 0xffffffffffffull) != 0 || !split_single(w0, &tmp))
		return STATUS_EUNSUPPORTED;
	*a = tmp;
	return 0;
}

int vscsi_lun_canonical(uint64_t lun, uint64_t *out)
{
	struct vscsi_lun_addr a;
	int rc = vscsi_lun_split(lun, &a);

	if (rc != 0)
		return rc;
	return vscsi_lun_make(&a, out);
}

size_t vscsi_lun_unit_name(uint64_t lun, char *buf, size_t n)
{
	int len = snprintf(buf, n, "%llx", (unsigned long long)lun);

	return len < 0 ? 0 : (size_t)len;
}

int vscsi_report_luns_parse(const uint8_t *data, size_t len, uint64_t *luns,
			    unsigned max, unsigned *listed, unsigned *skipped)
{
	uint32_t list_len;
	size_t present;
	unsigned stored = 0;

	*listed = 0;
	*skipped = 0;
	if (len < 8)
		return STATUS_EMALFORMED;
	list_len = be32_read(data);
	*listed = list_len / 8;
	present = (len - 8) / 8;
	if (present > *listed)
		present = *listed;
	for (size_t i = 0; i < present; i++) {
		uint64_t c;
		unsigned j;

		if (vscsi_lun_canonical(be64_read(data + 8 + 8 * i), &c) != 0) {
			(*skipped)++;
			continue;
		}
		for (j = 0; j < stored && luns[j] != c; j++)
			;
		if (j == stored && stored < max)
			luns[stored++] = c;
	}
	return (int)stored;
}

static unsigned count_targets(const uint64_t *luns, unsigned n)
{
	unsigned targets = 0;

	for (unsigned i = 0; i < n; i++) {
		unsigned j;

		for (j = 0; j < i && (luns[j] >> 56) != (luns[i] >> 56); j++)
			;
		if (j == i)
			targets++;
	}
	return targets;
}

size_t vscsi_lun_table_size(const uint64_t *luns, unsigned n)
{
	unsigned t = count_targets(luns, n);

	/* Pointers, then per target its LUNs and a terminating 0. */
	return 8u * t + 8u * (n + t);
}

int vscsi_lun_table_build(void *mem, size_t cap, uint64_t mem_addr,
			  const uint64_t *luns, unsigned n)
{
	uint8_t *p = mem;
	unsigned t = count_targets(luns, n), entry = 0;
	size_t need = vscsi_lun_table_size(luns, n), off;

	if (cap < need || mem_addr + need > 0x100000000ull)
		return STATUS_ETOOBIG;
	for (unsigned i = 0; i < n; i++) {
		uint64_t c;

		if (vscsi_lun_canonical(luns[i], &c) != 0 || c != luns[i])
			return STATUS_EINVAL;
	}
	memset(p, 0, need);
	off = 8u * t;
	for (unsigned i = 0; i < n; i++) {
		unsigned j;

		for (j = 0; j < i && (luns[j] >> 56) != (luns[i] >> 56); j++)
			;
		if (j < i)
			continue;	/* target already listed */
		be64_write(p + 8u * entry++, mem_addr + off);
		for (unsigned k = i; k < n; k++) {
			if ((luns[k] >> 56) != (luns[i] >> 56))
				continue;
			be64_write(p + off, luns[k]);
			off += 8;
		}
		off += 8;	/* the 0 terminator, already cleared */
	}
	return (int)t;
}
