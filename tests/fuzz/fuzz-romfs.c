/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/romfs: arbitrary bytes in (also a copy with the
 * CRCs fixed up); on success every file must lie inside the archive. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "crc32/crc32.h"
#include "romfs/romfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const uint8_t *data, size_t size)
{
	struct romfs fs;
	const char *why = NULL, *name;
	const void *d, *d2;
	size_t sz, sz2;
	uint32_t i;

	if (romfs_open(data, size, &fs, &why) != 0) {
		if (!why)
			abort();
		return;
	}
	if (fs.base != data || fs.size > size || fs.count > ROMFS_MAX_FILES)
		abort();
	for (i = 0; i < fs.count; i++) {
		const uint8_t *p;

		if (romfs_entry(&fs, i, &name, &d, &sz) != 0)
			abort();
		p = d;
		if ((const uint8_t *)name < data ||
		    (const uint8_t *)name + ROMFS_NAME_LEN > data + fs.size)
			abort();
		if (!name[0] || strnlen(name, ROMFS_NAME_LEN) == ROMFS_NAME_LEN)
			abort();
		if (p < data || p > data + fs.size ||
		    sz > (size_t)(data + fs.size - p) ||
		    (size_t)(p - data) % ROMFS_ALIGN)
			abort();
		if (romfs_find(&fs, name, &d2, &sz2) != 0 || d2 != d || sz2 != sz)
			abort();
	}
	if (romfs_entry(&fs, fs.count, &name, &d, &sz) != STATUS_ENOTFOUND)
		abort();
}

/* Rewrites the CRC of every entry whose data range lies inside the input,
 * so that mutations reach the checks after the CRC. */
static void fix_crcs(uint8_t *b, size_t size)
{
	uint32_t n, i, off, len;

	if (size < ROMFS_HDR_SIZE)
		return;
	n = be32_read(b + 8);
	for (i = 0; i < n && ROMFS_HDR_SIZE + (size_t)(i + 1) * ROMFS_ENTRY_SIZE <= size;
	     i++) {
		uint8_t *e = b + ROMFS_HDR_SIZE + (size_t)i * ROMFS_ENTRY_SIZE;

		off = be32_read(e + 32);
		len = be32_read(e + 36);
		if (off <= size && len <= size - off)
			be32_write(e + 40, crc32_ieee(0, b + off, len));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;

	check(data, size);
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	fix_crcs(copy, size);
	check(copy, size);
	free(copy);
	return 0;
}
