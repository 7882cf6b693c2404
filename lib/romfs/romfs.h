/* SPDX-License-Identifier: MIT */
/* ROMFS: the tiny read-only archive of named files (e.g. the demo client
 * ELF) embedded in the firmware image, written on the host by mkromfs and
 * read in place by the firmware after a full validation. */
#ifndef LIB_ROMFS_ROMFS_H
#define LIB_ROMFS_ROMFS_H

#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

/*
 * Format (all integers big-endian, all offsets from the start of the image):
 *
 *   0   char     magic[8]    "OFROMFS1" (no NUL)
 *   8   u32      count       number of files, 0 .. ROMFS_MAX_FILES
 *   12  u32      total_size  bytes of the whole archive, header included
 *   16  entry    files[count], 44 bytes each:
 *         0   char name[32]  non-empty, NUL-terminated, NUL-padded
 *         32  u32  offset    of the file data, a multiple of 8, at or after
 *                            the end of the entry table
 *         36  u32  size      bytes of file data; offset + size <= total_size
 *         40  u32  crc32     CRC-32 of the data (crc32_ieee, lib/crc32)
 *   then the file data, each file starting 8-byte aligned; zero padding.
 *
 * Names are unique. mkromfs stores the files in argument order, packed, the
 * first at ROMFS_DATA_START(count), and pads total_size to a multiple of 8.
 * A reader accepts any placement satisfying the rules above (files may even
 * share bytes) and ignores bytes of the image past total_size.
 */
#define ROMFS_MAGIC        "OFROMFS1"
#define ROMFS_MAGIC_LEN    8
#define ROMFS_HDR_SIZE     16
#define ROMFS_ENTRY_SIZE   44
#define ROMFS_NAME_LEN     32   /* including the NUL: names are <= 31 bytes */
#define ROMFS_ALIGN        8
#define ROMFS_MAX_FILES    256
#define ROMFS_ALIGN_UP(x)  (((x) + ROMFS_ALIGN - 1) & ~(size_t)(ROMFS_ALIGN - 1))
#define ROMFS_DATA_START(count) \
	ROMFS_ALIGN_UP(ROMFS_HDR_SIZE + (size_t)(count) * ROMFS_ENTRY_SIZE)

/* A validated archive; filled by romfs_open. */
struct romfs {
	const uint8_t *base;
	uint32_t size;   /* total_size */
	uint32_t count;
};

/* Validates the archive at buf[0..len) completely: header inside len,
 * magic, total_size <= len, count <= ROMFS_MAX_FILES, entry table inside
 * total_size, every name non-empty, terminated and NUL-padded, names
 * unique, every file's data aligned, after the table and inside
 * total_size, and every CRC correct. Returns 0 and fills *fs, or with
 * *reason set to a static sentence (reason may be NULL) STATUS_ETOOBIG for
 * more than ROMFS_MAX_FILES files, STATUS_EMALFORMED for the rest. */
int romfs_open(const void *buf, size_t len, struct romfs *fs,
	       const char **reason);

/* Looks up a file by exact name in an archive accepted by romfs_open.
 * Returns 0 with *data pointing at its bytes inside the archive and *size
 * set, or STATUS_ENOTFOUND if there is no such file (outputs untouched). */
int romfs_find(const struct romfs *fs, const char *name, const void **data,
	       size_t *size);

/* Returns file number index (0 .. count-1, in table order) of an archive
 * accepted by romfs_open: 0 with *name (NUL-terminated, inside the archive),
 * *data and *size set, or STATUS_ENOTFOUND if index >= count. Any output
 * may be NULL. */
int romfs_entry(const struct romfs *fs, uint32_t index, const char **name,
		const void **data, size_t *size);

#endif
