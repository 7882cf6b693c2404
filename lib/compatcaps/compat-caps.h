/* SPDX-License-Identifier: MIT */
/* Encode and decode the compat-caps v1 ABI (DESIGN.md): the 16-byte
 * property and its NVRAM form of 32 hex digits. Shared by the firmware and
 * the host helper qemu-compat-caps. Pure functions, no I/O. */
#ifndef LIB_COMPATCAPS_COMPAT_CAPS_H
#define LIB_COMPATCAPS_COMPAT_CAPS_H

#include <stddef.h>
#include <stdint.h>

#include "compat-caps-abi.h"
#include "status/status.h"

/* Processor compat levels the caps can describe, oldest first.
 * COMPAT_LEVEL_LEGACY is anything older than POWER9 (or not a server
 * processor); COMPAT_LEVEL_NEWER is a processor or architected level newer
 * than Power11, which no caps bit describes (DESIGN.md rule 4a: above every
 * known level, never legacy). */
enum compat_level {
	COMPAT_LEVEL_LEGACY = 0,
	COMPAT_LEVEL_POWER9 = 9,
	COMPAT_LEVEL_POWER10 = 10,
	COMPAT_LEVEL_POWER11 = 11,
	COMPAT_LEVEL_NEWER = 12,
};

/* The caps bit of a level (0 for legacy and newer). */
uint64_t compat_level_bit(enum compat_level level);

/* "POWER9", "POWER10", "Power11", "newer-than-Power11" or "legacy". */
const char *compat_level_name(enum compat_level level);

/* Parses "power9" / "power10" / "power11" (case-insensitive). Returns 0 and
 * sets *level, STATUS_ENOTFOUND for another word, STATUS_EINVAL for NULL. */
int compat_level_parse(const char *word, enum compat_level *level);

/* Level of a raw processor PVR (mfpvr): family 0x004e -> POWER9, 0x0080 ->
 * POWER10, 0x0082 -> Power11, an unknown server family above Power11
 * (compat_family_is_newer) -> newer, everything else legacy. */
enum compat_level compat_level_of_raw_pvr(uint32_t pvr);

/* True for a PVR family (upper 16 bits) newer than Power11: 0x0083..0x00ff
 * except 0x0090 (PA Semi's PA6T, an ISA 2.04 core). Server families all lie
 * below 0x0100; embedded cores (e500: 0x80xx) are not pseries processors. */
int compat_family_is_newer(uint32_t family);

/* Level of a logical (architected) PVR: 0x0f000005 -> POWER9, 0x0f000006 ->
 * POWER10, 0x0f000007 -> Power11, 0x0f000008..0x0f0000ff -> newer, anything
 * else legacy. */
enum compat_level compat_level_of_logical_pvr(uint32_t pvr);

/* Level of a cpu-version property value: logical (0x0fxxxxxx) or raw. */
enum compat_level compat_level_of_cpu_version(uint32_t pvr);

/* Decodes the v1 property bytes. Accepts size >= 16 and size <= len,
 * reserved == 0, and at least one known level bit; unknown bits are masked
 * off. Returns 0 with *caps = known bits only, or with *reason a static
 * sentence STATUS_EMALFORMED ("size 12 is smaller than 16", "reserved field
 * is 0x1, must be 0", ...) or STATUS_EUNSUPPORTED ("no known level bit set
 * in 0x..."). */
int compat_caps_decode(const uint8_t *prop, size_t len, uint64_t *caps,
		       const char **reason);

/* Decodes the NVRAM hex form: exactly the 32 hex digits of the v1 property,
 * no separators, nothing after them; a longer value (a later version, or
 * trailing characters) is rejected with its reason, never cut short. Then
 * as compat_caps_decode. The string is bounded by maxlen or its NUL,
 * whichever comes first. A value longer than 32 digits is STATUS_ETOOBIG,
 * other bad text STATUS_EMALFORMED. */
int compat_caps_decode_hex(const char *hex, size_t maxlen, uint64_t *caps,
			   const char **reason);

/* Writes the 16-byte v1 property for caps. */
void compat_caps_encode(uint64_t caps, uint8_t out[COMPAT_CAPS_V1_SIZE]);

/* Writes the 32 lower-case hex digits of the v1 property plus a NUL. */
void compat_caps_encode_hex(uint64_t caps, char out[COMPAT_CAPS_HEX_DIGITS + 1]);

/* Formats the known levels in caps as "POWER9,POWER10" (or "none") into
 * buf (always NUL-terminated). Returns buf. */
char *compat_caps_format(uint64_t caps, char *buf, size_t buflen);

#endif
