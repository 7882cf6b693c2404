/* SPDX-License-Identifier: MIT */
/* spapr-vscsi LUN addresses: the 8-byte SAM LUN in the form QEMU names
 * disks with (qemu,boot-list "disk@8000000000000000"), REPORT LUNS data,
 * and the LUN table the "vscsi-report-luns" method hands to GRUB. */
#ifndef LIB_VSCSI_VSCSI_LUN_H
#define LIB_VSCSI_VSCSI_LUN_H

#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

/* The logical unit addressing method (SAM-5 4.7.7.4, first two bits 10b)
 * that QEMU's spapr-vscsi decodes: target 6 bits, channel (bus) 3 bits,
 * LUN 5 bits: (0x8000 | target << 8 | channel << 5 | lun) << 48. */
#define VSCSI_MAX_TARGET	63u
#define VSCSI_MAX_CHANNEL	7u
#define VSCSI_MAX_LUN		31u

struct vscsi_lun_addr {
	unsigned target, channel, lun;
};

/* The 8-byte LUN for an address. Returns 0, or STATUS_EINVAL if a part is
 * out of range (*out untouched). */
int vscsi_lun_make(const struct vscsi_lun_addr *a, uint64_t *out);

/* Decodes an 8-byte LUN as QEMU's spapr-vscsi does: peripheral method
 * with bus 0 (00b, 0x00LL: target 0 channel 0, LUN LL), logical unit
 * method (10b), flat space (01b) for LUNs 0..31; peripheral method with a
 * non-zero bus is "bus = channel, next byte = target" followed by a
 * second level holding the LUN. Returns 0, or STATUS_EUNSUPPORTED for
 * anything that has no (target, channel, lun) form (extended 11b,
 * LUN > 31, ...). */
int vscsi_lun_split(uint64_t lun, struct vscsi_lun_addr *a);

/* The canonical form of any LUN vscsi_lun_split accepts (the form used
 * for node names and SRP_CMD). Returns 0 or STATUS_EUNSUPPORTED. */
int vscsi_lun_canonical(uint64_t lun, uint64_t *out);

/* The unit-address text of a disk node: lower-case hex without leading
 * zeros, as GRUB prints it ("%llx"). Returns the length; buf always
 * terminated when n > 0. */
size_t vscsi_lun_unit_name(uint64_t lun, char *buf, size_t n);

/* Parses REPORT LUNS parameter data (SPC: u32 list length, 4 reserved,
 * then 8-byte LUNs) of len bytes. Stores the canonical form of each LUN
 * it understands, without duplicates, in list order, up to max. Sets
 * *listed to the number of entries the header announces and *skipped to
 * the entries present but not understood. Returns the number stored, or
 * STATUS_EMALFORMED if len < 8. */
int vscsi_report_luns_parse(const uint8_t *data, size_t len, uint64_t *luns,
			    unsigned max, unsigned *listed, unsigned *skipped);

/* The table "vscsi-report-luns" returns (GRUB ofdisk.c reads it): an
 * array of nentries 8-byte big-endian pointers, one per target, each to
 * a 0-terminated list of 8-byte big-endian LUNs of that target. A 32-bit
 * client reads the low word of each pointer (offset 4), so every address
 * must be below 4 GiB. Bytes needed for n canonical LUNs: */
size_t vscsi_lun_table_size(const uint64_t *luns, unsigned n);

/* Builds the table in mem (cap bytes, at client address mem_addr) from n
 * canonical LUNs, grouped by target in order of first appearance.
 * Returns the number of entries (targets), STATUS_ETOOBIG if cap is too
 * small or an address would not fit in 32 bits, or STATUS_EINVAL if a LUN
 * is not canonical. */
int vscsi_lun_table_build(void *mem, size_t cap, uint64_t mem_addr,
			  const uint64_t *luns, unsigned n);

#endif
