/* SPDX-License-Identifier: MIT */
/* ROMFS reader: full validation up front, then lookups by name or index.
 * Each file's CRC-32 is lib/crc32's, which mkromfs also uses to write it. */
#include <stdbool.h>
#include <string.h>

#include "be.h"
#include "crc32/crc32.h"
#include "romfs/romfs.h"

static const uint8_t *entry_at(const uint8_t *base, uint32_t i)
{
	return base + ROMFS_HDR_SIZE + (size_t)i * ROMFS_ENTRY_SIZE;
}

/* Non-empty, NUL inside the field, only NULs after it. */
static bool name_ok(const uint8_t *name)
{
	const uint8_t *nul = memchr(name, 0, ROMFS_NAME_LEN);
	size_t i;

	if (!nul || nul == name)
		return false;
	for (i = (size_t)(nul - name); i < ROMFS_NAME_LEN; i++)
		if (name[i])
			return false;
	return true;
}

static int check_entry(const uint8_t *base, uint32_t total, uint32_t i,
		       uint32_t count, const char **reason)
{
	const uint8_t *e = entry_at(base, i);
	uint32_t off = be32_read(e + 32), size = be32_read(e + 36);
	uint32_t j;

	if (!name_ok(e))
		return status_fail(reason, STATUS_EMALFORMED, "file name is empty or not NUL-padded");
	for (j = 0; j < i; j++)
		if (memcmp(entry_at(base, j), e, ROMFS_NAME_LEN) == 0)
			return status_fail(reason, STATUS_EMALFORMED, "duplicate file name");
	if (off % ROMFS_ALIGN)
		return status_fail(reason, STATUS_EMALFORMED, "file data is not 8-byte aligned");
	if (off < ROMFS_HDR_SIZE + (size_t)count * ROMFS_ENTRY_SIZE ||
	    off > total || size > total - off)
		return status_fail(reason, STATUS_EMALFORMED, "file data lies outside the romfs");
	if (crc32_ieee(0, base + off, size) != be32_read(e + 40))
		return status_fail(reason, STATUS_EMALFORMED, "file crc32 does not match");
	return 0;
}

int romfs_open(const void *buf, size_t len, struct romfs *fs,
	       const char **reason)
{
	const uint8_t *b = buf;
	uint32_t count, total, i;

	if (len < ROMFS_HDR_SIZE)
		return status_fail(reason, STATUS_EMALFORMED, "image is shorter than the romfs header");
	if (memcmp(b, ROMFS_MAGIC, ROMFS_MAGIC_LEN) != 0)
		return status_fail(reason, STATUS_EMALFORMED, "bad romfs magic");
	count = be32_read(b + 8);
	total = be32_read(b + 12);
	if (total > len || total < ROMFS_HDR_SIZE)
		return status_fail(reason, STATUS_EMALFORMED, "romfs size is outside the image");
	if (count > ROMFS_MAX_FILES)
		return status_fail(reason, STATUS_ETOOBIG, "too many files in the romfs");
	if ((size_t)count * ROMFS_ENTRY_SIZE > total - ROMFS_HDR_SIZE)
		return status_fail(reason, STATUS_EMALFORMED, "romfs file table runs past its size");
	for (i = 0; i < count; i++) {
		int rc = check_entry(b, total, i, count, reason);

		if (rc != 0)
			return rc;
	}
	fs->base = b;
	fs->size = total;
	fs->count = count;
	return 0;
}

int romfs_entry(const struct romfs *fs, uint32_t index, const char **name,
		const void **data, size_t *size)
{
	const uint8_t *e;

	if (index >= fs->count)
		return STATUS_ENOTFOUND;
	e = entry_at(fs->base, index);
	if (name)
		*name = (const char *)e;
	if (data)
		*data = fs->base + be32_read(e + 32);
	if (size)
		*size = be32_read(e + 36);
	return 0;
}

int romfs_find(const struct romfs *fs, const char *name, const void **data,
	       size_t *size)
{
	const char *n;
	uint32_t i;

	for (i = 0; i < fs->count; i++) {
		romfs_entry(fs, i, &n, NULL, NULL);
		if (strcmp(n, name) == 0)
			return romfs_entry(fs, i, NULL, data, size);
	}
	return STATUS_ENOTFOUND;
}
