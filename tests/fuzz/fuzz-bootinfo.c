/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/iso9660/bootinfo.c: any text; on success the
 * path starts with '\', has no '/' or white space, the partition is
 * digits, and every field is terminated inside its buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iso9660/bootinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bootinfo bi;
	const char *why = NULL;
	char *copy = malloc(size ? size : 1);

	if (!copy)
		return 0;
	memcpy(copy, data, size);	/* exact size: ASan sees any overread */
	if (bootinfo_parse(copy, size, &bi, &why) != 0) {
		if (!why)
			abort();
		free(copy);
		return 0;
	}
	free(copy);
	if (strnlen(bi.path, sizeof(bi.path)) == sizeof(bi.path) ||
	    strnlen(bi.args, sizeof(bi.args)) == sizeof(bi.args) ||
	    strnlen(bi.partition, sizeof(bi.partition)) == sizeof(bi.partition))
		abort();
	if (bi.path[0] != '\\' || strlen(bi.path) < 2 || strpbrk(bi.path, "/ \t\r\n"))
		abort();
	for (const char *p = bi.partition; *p; p++)
		if (*p < '0' || *p > '9')
			abort();
	if (strpbrk(bi.args, "\r\n"))
		abort();
	return 0;
}
