/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/nvram/nvram-format: the input is an NVRAM image;
 * walks it, iterates the OF variables, then edits a copy and re-reads it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nvram/nvram-format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void inside(const void *p, size_t n, const uint8_t *base, size_t len)
{
	const uint8_t *b = p;

	if (b < base || b > base + len || n > (size_t)(base + len - b))
		abort();
}

/* Iterates the variables of d[0..len); returns the iterator's final rc. */
static int check_vars(const uint8_t *d, size_t len)
{
	struct nvram_var_iter it;
	struct nvram_var v;
	const char *why = NULL;
	int rc;

	nvram_var_iter_init(&it, d, len);
	while ((rc = nvram_var_next(&it, &v, &why)) == 1) {
		inside(v.name, v.name_len + 1 + v.value_len + 1, d, len);
		if (!v.name_len || v.name[v.name_len] != '=' ||
		    v.value != v.name + v.name_len + 1 ||
		    v.value[v.value_len] != '\0' ||
		    memchr(v.name, '=', v.name_len))
			abort();
	}
	if (rc < 0 && !why)
		abort();
	return rc;
}

static void edit(uint8_t *d, size_t len, const uint8_t *in, size_t size)
{
	char name[8] = "fz", value[40];
	const char *val, *why = NULL;
	size_t vl = size % sizeof(value);
	int rc = check_vars(d, len);

	memcpy(value, in, vl);
	value[vl] = '\0';
	vl = strlen(value);
	name[2] = (char)('a' + size % 3);
	if (nvram_set_var(d, len, name, value, &why) == 0) {
		if (rc != 0 || check_vars(d, len) != 0)
			abort();
		if (nvram_get_var(d, len, name, &val, &vl, &why) != 0 ||
		    strcmp(val, value) != 0)
			abort();
		if (nvram_del_var(d, len, name, &why) != 1 ||
		    nvram_get_var(d, len, name, &val, &vl, &why) != STATUS_ENOTFOUND ||
		    check_vars(d, len) != 0)
			abort();
	} else if (!why) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nvram_walk w;
	struct nvram_partition p;
	const char *why = NULL;
	size_t next = 0;
	uint8_t *copy;
	int rc;

	nvram_walk_init(&w, data, size);
	while ((rc = nvram_walk_next(&w, &p, &why)) == 1) {
		if (p.offset != next || p.length < 16 || p.length % 16 ||
		    p.data_offset != p.offset + 16 ||
		    p.data_len != p.length - 16 || p.name[12] != '\0')
			abort();
		inside(data + p.offset, p.length, data, size);
		next = p.offset + p.length;
		check_vars(data + p.data_offset, p.data_len);
	}
	if ((rc == 0 && next != size) || (rc < 0 && !why))
		abort();

	if (nvram_find_partition(data, size, NVRAM_SIG_OF_VARS, &p, &why) != 0)
		return 0;
	copy = malloc(size);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	edit(copy + p.data_offset, p.data_len, data, size);
	if (nvram_find_partition(copy, size, NVRAM_SIG_OF_VARS, &p, &why) != 0)
		abort();
	if (nvram_format_common(copy, size & ~(size_t)15, 32, &why) == 0 &&
	    (nvram_find_partition(copy, size & ~(size_t)15, NVRAM_SIG_OF_VARS,
				  &p, &why) != 0 || p.offset != 0))
		abort();
	free(copy);
	return 0;
}
