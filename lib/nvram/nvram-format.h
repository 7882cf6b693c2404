/* SPDX-License-Identifier: MIT */
/* CHRP NVRAM partition format: header checksum, partition walk, the OF
 * variable partition (signature 0x70) with its NUL-terminated name=value
 * strings, and formatting / editing of that partition in a memory copy. */
#ifndef LIB_NVRAM_NVRAM_FORMAT_H
#define LIB_NVRAM_NVRAM_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

/*
 * A partition is a 16-byte header followed by its data:
 *   byte 0      signature (0x70 OF variables, 0x7f free space)
 *   byte 1      checksum of the header (nvram_format_checksum)
 *   bytes 2..3  length of the whole partition including the header, in
 *               16-byte units, big-endian
 *   bytes 4..15 name, NUL-padded (12 bytes, not always terminated)
 * Partitions are packed from offset 0. The OF variable partition holds
 * "name=value\0" strings one after another; the list ends at an empty
 * string (a second NUL) or at the end of the partition.
 */
#define NVRAM_HDR_SIZE      16
#define NVRAM_NAME_LEN      12
#define NVRAM_MAX_PART_LEN  (0xffffu * NVRAM_HDR_SIZE)
#define NVRAM_SIG_OF_VARS   0x70
#define NVRAM_SIG_FREE      0x7f

struct nvram_partition {
	size_t offset;        /* of the header, from the start of the NVRAM */
	size_t length;        /* bytes, header included; >= 16, multiple of 16 */
	size_t data_offset;   /* offset + NVRAM_HDR_SIZE */
	size_t data_len;      /* length - NVRAM_HDR_SIZE (may be 0) */
	uint8_t signature;
	uint8_t checksum;
	char name[NVRAM_NAME_LEN + 1]; /* always NUL-terminated copy */
};

/* Walk state over a whole NVRAM image; see nvram_walk_next. */
struct nvram_walk {
	const uint8_t *buf;
	size_t len;
	size_t off;
	bool stopped;
};

/* One variable. name is not NUL-terminated (it ends at '='); value is
 * NUL-terminated inside the partition data. */
struct nvram_var {
	const char *name;
	size_t name_len;      /* >= 1 */
	const char *value;
	size_t value_len;
};

/* Iterator over the strings of a variable area; see nvram_var_next. */
struct nvram_var_iter {
	const uint8_t *data;
	size_t len;
	size_t off;
	bool skipped;         /* set once a malformed string was skipped */
	bool done;
};

/* The header checksum of hdr[0..15]: sum = hdr[0]; then for each of
 * hdr[2..15]: sum += byte; sum = (sum + (sum >> 8)) & 0xff. hdr[1] (the
 * stored checksum) is not used. Cannot fail. */
uint8_t nvram_format_checksum(const uint8_t *hdr);

/* Writes a 16-byte header at hdr: signature, length (bytes, header
 * included), name (at most 12 bytes are copied, NUL-padded; a 12-byte name
 * is left unterminated), then the checksum. Returns 0, or STATUS_EINVAL
 * with *reason set when length is below 16, not a multiple of 16 or above
 * NVRAM_MAX_PART_LEN. Nothing is written on failure. */
int nvram_format_header(uint8_t *hdr, uint8_t signature, size_t length,
			const char *name, const char **reason);

/* Starts a walk over buf[0..len) at offset 0. */
void nvram_walk_init(struct nvram_walk *w, const void *buf, size_t len);

/* Returns the next partition: 1 with *p filled; 0 when the previous
 * partition ended exactly at the end of the buffer; STATUS_EMALFORMED
 * with *reason set when the walk must stop at a header that is truncated
 * (fewer than 16 bytes left), has length 0, runs past the end of the
 * buffer, or has a bad checksum. After 0 or an error every further call
 * returns 0. reason may be NULL. */
int nvram_walk_next(struct nvram_walk *w, struct nvram_partition *p,
		    const char **reason);

/* Walks from offset 0 and returns 0 with *p set to the first partition
 * with the given signature (NVRAM_SIG_OF_VARS for the OF variables, named
 * "system" by QEMU 7.2 and "common" by SLOF and newer QEMU; the name is not
 * checked). If the walk ends or stops before one is found, returns with
 * *reason set the walk's own error, or STATUS_ENOTFOUND "no partition with
 * that signature" after a clean end. */
int nvram_find_partition(const void *buf, size_t len, uint8_t signature,
			 struct nvram_partition *p, const char **reason);

/* Starts iterating the strings in data[0..len) (a partition's data area). */
void nvram_var_iter_init(struct nvram_var_iter *it, const void *data,
			 size_t len);

/* Returns 1 with *v set to the next name=value string; 0 at the end of the
 * list (an empty string or the end of the area); STATUS_EMALFORMED with
 * *reason set when a string runs to the end of the area without a NUL. A
 * string with no '=' or with an empty name is skipped and it->skipped is
 * set. After 0 or an error every further call returns 0. */
int nvram_var_next(struct nvram_var_iter *it, struct nvram_var *v,
		   const char **reason);

/* Looks up name in the variable area data[0..len). Returns 0 with *value
 * (NUL-terminated, inside data) and *value_len of the first match;
 * STATUS_ENOTFOUND with *reason "variable not found", or the iterator's
 * error. */
int nvram_get_var(const void *data, size_t len, const char *name,
		  const char **value, size_t *value_len, const char **reason);

/* Formats buf[0..len) as a fresh NVRAM: everything zeroed, an OF variable
 * partition (0x70, name "common", common_len bytes with the header, an
 * empty variable list) at offset 0, then one free partition (0x7f, name
 * twelve 'w' bytes as LoPAPR asks) covering the rest, if any bytes are
 * left. Returns 0, or with *reason STATUS_EINVAL when len or common_len is
 * not a multiple of 16, common_len < 32 or common_len > len, STATUS_ETOOBIG
 * when either partition would exceed NVRAM_MAX_PART_LEN. buf is unchanged
 * on failure. */
int nvram_format_common(void *buf, size_t len, size_t common_len,
			const char **reason);

/* Sets name=value in the variable area data[0..len): replaces the first
 * existing string for name in place (later duplicates are removed) or
 * appends it, keeps every other string (malformed ones too), always leaves
 * an empty-string terminator after the list and zeroes the rest of the
 * area. Returns 0, or with *reason STATUS_EINVAL when name is empty or
 * contains '=', STATUS_EMALFORMED when the existing list is malformed
 * (unterminated string), STATUS_ETOOBIG when the result plus its
 * terminator does not fit in len bytes. data is unchanged on failure.
 * name and value must not point into data. */
int nvram_set_var(void *data, size_t len, const char *name, const char *value,
		  const char **reason);

/* Removes every name=... string from the variable area data[0..len),
 * keeping the others in order and zeroing the freed bytes. Returns 1 if at
 * least one was removed, 0 if there was none (data unchanged), or with
 * *reason STATUS_EINVAL when name is empty or contains '=',
 * STATUS_EMALFORMED when the list is malformed (data unchanged). */
int nvram_del_var(void *data, size_t len, const char *name,
		  const char **reason);

#endif
