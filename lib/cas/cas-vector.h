/* SPDX-License-Identifier: MIT */
/* ibm,client-architecture-support vector: parse the OS's vector and rebuild
 * it under the compat-caps clamping rule (DESIGN.md "The clamping rule").
 * Pure functions over byte buffers; the caller supplies G and the caps. */
#ifndef LIB_CAS_CAS_VECTOR_H
#define LIB_CAS_CAS_VECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compatcaps/compat-caps.h"
#include "status/status.h"

/* QEMU reads at most 512 (mask, value) pairs, the terminator included:
 * with 512 entries and no terminator among them it would take the next
 * byte as the option-vector count. So a list may hold at most 511 entries
 * before its terminator. */
#define CAS_MAX_PVR_ENTRIES 511   /* entries before the terminator */

/* Classification of one (mask, value) pair, in this order:
 *  - terminator: the value has a bit outside the mask (QEMU's rule);
 *  - logical: the value is in the architected range 0x0fxxxxxx, whatever
 *    the mask (QEMU compares logical PVRs by value alone); level from
 *    compat_level_of_logical_pvr(), so 0x0f000002..4 and 0x0f100003 are
 *    legacy;
 *  - raw: everything else. Its level is the newest family F of POWER9
 *    (0x004e), POWER10 (0x0080), Power11 (0x0082) and the unknown families
 *    above Power11 (compat_family_is_newer: level "newer") that some
 *    processor of that family could match, i.e. ((F << 16) ^ value) & mask
 *    & 0xffff0000 is 0: only the upper 16 bits are compared, since the
 *    revision half of a real PVR is arbitrary. So (ffffffff, 004e1202) and
 *    (fffe0000, 004e0000) count as POWER9 and (00000000, 00000000) as newer;
 *    an entry that matches no such family is legacy. A logical value can
 *    never match a raw family (its 0x0f000000 bits are inside the mask). */
enum cas_entry_kind {
	CAS_ENTRY_LOGICAL,  /* value 0x0fxxxxxx (Linux uses mask 0xffffffff) */
	CAS_ENTRY_RAW,      /* matches a processor family */
	CAS_ENTRY_TERMINATOR,
};

struct cas_pvr_entry {
	uint32_t mask, value;
	enum cas_entry_kind kind;
	enum compat_level level;   /* COMPAT_LEVEL_LEGACY if older or unknown */
};

/* Where one declared option vector's data lies (len 0: not declared). */
struct cas_ov_span {
	size_t data;               /* offset of its byte 1 */
	size_t len;                /* data bytes: its length byte + 1 */
};

/* A parsed vector: the PVR list (terminator included as the last entry),
 * then where the option vectors start and end as declared. */
struct cas_vector {
	unsigned n_entries;        /* including the terminator */
	struct cas_pvr_entry entries[CAS_MAX_PVR_ENTRIES + 1];
	size_t ov_offset;          /* offset of the num_vectors byte */
	unsigned n_vectors;        /* declared: num_vectors byte + 1 */
	size_t declared_end;       /* offset just past the last declared vector */
	struct cas_ov_span ov1, ov5;
};

/* Parses in[0..len). The PVR list ends at the first entry whose value has a
 * bit outside its mask (QEMU's rule); more than CAS_MAX_PVR_ENTRIES entries
 * before it, no terminator within len, or a declared option vector running
 * past len is rejected: returns STATUS_EMALFORMED (STATUS_ETOOBIG for too
 * many entries) with *reason a static sentence. Bytes after declared_end
 * are allowed and are not interpreted. */
int cas_vector_parse(const uint8_t *in, size_t len, struct cas_vector *v,
		     const char **reason);

/* Classifies one (mask, value) pair as described above and fills *e. */
void cas_vector_classify(uint32_t mask, uint32_t value,
			 struct cas_pvr_entry *e);

/* One option-vector byte rule 4a changed. Bytes are numbered from 1 after
 * the vector's length byte, as QEMU (OV_BIT) and Linux (OV5_INDX) do. */
struct cas_ov_change {
	uint8_t vector;            /* 1 or 5 */
	uint8_t byte;              /* 3, or 23, 24, 26 */
	uint8_t before, cleared;   /* the OS's value and the bits cleared */
};

/* Rule 4a's bits: OV5 byte 24 0xc0 (MMU: either / radix), byte 23 0xc0
 * (XIVE: either / exploitation), byte 26 0x40 (radix GTSE), OV1 byte 3
 * 0xc0 (ISA 3.00 / 3.1). */
#define CAS_HASH_XICS_CHANGES 4

/* Result of applying the clamping rule. */
struct cas_rebuild_result {
	bool applied;              /* caps valid and G not legacy */
	bool no_entries;           /* the list is the terminator alone (GRUB) */
	unsigned removed;          /* entries removed */
	struct cas_pvr_entry removed_entries[CAS_MAX_PVR_ENTRIES];
	unsigned kept;             /* PVR entries kept, terminator excluded */
	bool hash_xics;            /* rule 4a: asked for hash MMU and XICS */
	unsigned n_changes;        /* bytes 4a actually changed, in the order above */
	struct cas_ov_change changes[CAS_HASH_XICS_CHANGES];
	size_t out_len;            /* bytes written to out */
};

/* The failure is an enum status; EMPTY is a result (out is written). */
enum cas_rebuild_status {
	CAS_REBUILD_OK = 0,        /* out holds the vector to forward */
	CAS_REBUILD_MALFORMED = STATUS_EMALFORMED, /* *reason says why; forward nothing */
	CAS_REBUILD_EMPTY = 1,     /* entries removed, none left: do not call the hypervisor */
};

/* Rebuilds in[0..len) into out (out_cap >= len is always enough). have_caps
 * false, or g legacy, copies the vector unchanged (rule 3 and 6), even one
 * that does not parse (res->kept is then 0). Otherwise
 * keeps logical entries of level >= POWER9 only if their level is in caps
 * and <= g, raw entries of level >= POWER9 only if g's bit is in caps (never
 * for g newer than Power11, which has no bit), and every legacy entry and
 * the terminator; everything after the PVR list (declared vectors and the
 * undeclared tail up to len) is copied byte for byte, except rule 4a: when
 * no kept entry is POWER9 or newer, the bits above are cleared in those of
 * the four bytes the declared OV1/OV5 contain (res->hash_xics, changes[]).
 * out_len = len - 8 * removed. A vector that does not parse, or an
 * out_cap below out_len, gives CAS_REBUILD_MALFORMED. When entries were
 * removed and none is left (rule 5) out is still written but
 * CAS_REBUILD_EMPTY is returned; a list that had no entries to begin with
 * (GRUB's terminator-only vector) is CAS_REBUILD_OK with res->no_entries.
 * out may be in itself (in place); otherwise the buffers must not overlap.
 * res must not be NULL; reason may be. */
enum cas_rebuild_status cas_vector_rebuild(const uint8_t *in, size_t len,
					   enum compat_level g, bool have_caps,
					   uint64_t caps, uint8_t *out,
					   size_t out_cap,
					   struct cas_rebuild_result *res,
					   const char **reason);

/* Formats rule 4a's outcome for the summary line: "hash+XICS (cleared OV5
 * byte 24 0x40, OV5 byte 23 0x40, OV5 byte 26 0x40, OV1 byte 3 0xc0)", or
 * "hash+XICS (nothing to clear)"; "" when 4a did not apply. Always
 * NUL-terminated (truncated to buflen). Returns buf. */
char *cas_rebuild_describe_hash_xics(const struct cas_rebuild_result *res,
				     char *buf, size_t buflen);

/* Formats the levels the guest lists (e.g. "raw POWER9,POWER10 logical
 * POWER9,POWER10 +legacy") for the error line; "legacy only" when every
 * entry is legacy, "no PVR entries" for a terminator-only list. Always
 * NUL-terminated (truncated to buflen). Returns buf. */
char *cas_vector_describe(const struct cas_vector *v, char *buf, size_t buflen);

#endif
