/* SPDX-License-Identifier: MIT */
/* ISO 9660 (ECMA-119) read-only lookup over a byte-read callback: the
 * primary volume descriptor, path lookup (case-insensitive, ";1" version
 * suffixes and Rock Ridge NM names accepted, '\' or '/' separators) and a
 * file's extent. Everything the medium says is checked against the volume
 * and the disk; every walk is bounded.
 * Every const char **reason argument is required (never NULL). */
#ifndef LIB_ISO9660_ISO9660_H
#define LIB_ISO9660_ISO9660_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

#define ISO9660_SECTOR		2048	/* volume descriptors are 2 KiB apart */
#define ISO9660_FIRST_VD	16	/* sector of the first descriptor */
#define ISO9660_MAX_VD		32	/* descriptors looked at before giving up */
#define ISO9660_MAX_DIR_SIZE	(4u << 20)	/* bytes of one directory */
#define ISO9660_MAX_DEPTH	32	/* path components */
#define ISO9660_MAX_NAME	255

/* One directory record, decoded. */
struct iso9660_record {
	uint8_t len;			/* bytes of the record */
	uint32_t extent;		/* first block of the data (after any XAR) */
	uint32_t size;			/* bytes */
	uint8_t flags;
	bool dir;
	const uint8_t *name;		/* file identifier as stored */
	uint8_t name_len;
	const uint8_t *su;		/* system use area (Rock Ridge) */
	uint8_t su_len;
};

struct iso9660_volume {
	uint32_t block_size;		/* logical block size: 512, 1024, 2048 */
	uint32_t volume_blocks;		/* volume space size */
	struct iso9660_record root;	/* name/su pointers not kept */
	char volume_id[33];
};

/* Validates a primary volume descriptor (type 1, "CD001", version 1) in
 * sector[0..2048): block size 512/1024/2048, a non-empty volume, a root
 * directory record that is a directory inside the volume. Returns 0 and
 * fills *v, or with *reason set to a static sentence: STATUS_EUNSUPPORTED
 * for another version or block size, STATUS_EMALFORMED for the rest. */
int iso9660_parse_pvd(const uint8_t *sector, struct iso9660_volume *v, const char **reason);

/* Decodes the directory record at p, of which avail bytes are readable.
 * Checks the length (>= 34, inside avail), the identifier (inside the
 * record). Returns 0, or STATUS_EMALFORMED with *reason. */
int iso9660_parse_record(const uint8_t *p, size_t avail, struct iso9660_record *r,
			 const char **reason);

/* Whether the record's name is `name` (name_len bytes): compares the ISO
 * identifier without its ";N" version and trailing '.', and the Rock Ridge
 * NM name if present, ignoring ASCII case. */
bool iso9660_name_matches(const struct iso9660_record *r, const char *name, size_t name_len);

/* A filesystem on a disk the caller reads through `read` (byte offset and
 * length; returns 0 or nonzero). */
struct iso9660_fs {
	int (*read)(void *ctx, uint64_t offset, uint32_t len, void *buf);
	void *ctx;
	uint64_t disk_size;		/* bytes */
	struct iso9660_volume vol;	/* filled by iso9660_mount */
	uint8_t buf[2 * ISO9660_SECTOR];	/* scratch: two sectors */
};

/* Reads the volume descriptors from sector 16 on (up to ISO9660_MAX_VD, to
 * the terminator) and validates the primary one; its root directory must
 * lie on the disk. A lookup later refuses any extent outside the volume or
 * the disk. Returns 0, or with *reason: STATUS_EMALFORMED ("no ISO 9660
 * signature (CD001) at sector 16", ...), STATUS_EIO on a read error,
 * STATUS_ETOOBIG without a terminator in ISO9660_MAX_VD sectors, or
 * iso9660_parse_pvd's code. */
int iso9660_mount(struct iso9660_fs *fs, const char **reason);

/* Whether the disk carries "CD001" at sector 16 (an ISO 9660 volume,
 * damaged or not). Returns 1, 0, or STATUS_EIO on a read error. */
int iso9660_probe(struct iso9660_fs *fs);

struct iso9660_file {
	uint64_t offset;		/* byte offset of the data on the disk */
	uint32_t size;			/* bytes */
	bool dir;
};

/* Looks up path ("\ppc\bootinfo.txt", "/boot/grub/powerpc.elf", with or
 * without the leading separator) on a mounted fs. Returns 0 and fills *f,
 * or with *reason: STATUS_ENOTFOUND ("file not found", "a path component
 * is not a directory"), STATUS_EMALFORMED ("directory record runs past the
 * end of the directory", ...), STATUS_EUNSUPPORTED (multi-extent or
 * interleaved files, ".."), STATUS_ETOOBIG (a name, the depth or a
 * directory over its limit), STATUS_EIO on a read error. */
int iso9660_lookup(struct iso9660_fs *fs, const char *path, struct iso9660_file *f,
		   const char **reason);

#endif
