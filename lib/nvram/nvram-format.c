/* SPDX-License-Identifier: MIT */
/* CHRP NVRAM partitions and OF variables: checksum, walk, lookup, and the
 * bounded in-memory editing used before writing the NVRAM back. */
#include <string.h>

#include "be.h"
#include "nvram/nvram-format.h"

/* Length of the string at s, at most max (strict C11 has no strnlen). */
static size_t bounded_len(const void *s, size_t max)
{
	const uint8_t *z = memchr(s, 0, max);

	return z ? (size_t)(z - (const uint8_t *)s) : max;
}

uint8_t nvram_format_checksum(const uint8_t *hdr)
{
	unsigned int sum = hdr[0];
	int i;

	for (i = 2; i < NVRAM_HDR_SIZE; i++) {
		sum += hdr[i];
		sum = (sum + (sum >> 8)) & 0xff;
	}
	return (uint8_t)sum;
}

int nvram_format_header(uint8_t *hdr, uint8_t signature, size_t length,
			const char *name, const char **reason)
{
	size_t n = bounded_len(name, NVRAM_NAME_LEN);

	if (length < NVRAM_HDR_SIZE || length % NVRAM_HDR_SIZE ||
	    length > NVRAM_MAX_PART_LEN)
		return status_fail(reason, STATUS_EINVAL, "bad partition length");
	hdr[0] = signature;
	hdr[1] = 0;
	hdr[2] = (uint8_t)(length / NVRAM_HDR_SIZE >> 8);
	hdr[3] = (uint8_t)(length / NVRAM_HDR_SIZE);
	memset(hdr + 4, 0, NVRAM_NAME_LEN);
	memcpy(hdr + 4, name, n);
	hdr[1] = nvram_format_checksum(hdr);
	return 0;
}

void nvram_walk_init(struct nvram_walk *w, const void *buf, size_t len)
{
	w->buf = buf;
	w->len = len;
	w->off = 0;
	w->stopped = false;
}

int nvram_walk_next(struct nvram_walk *w, struct nvram_partition *p,
		    const char **reason)
{
	const uint8_t *h = w->buf + w->off;
	size_t length;

	if (w->stopped || w->off == w->len) {
		w->stopped = true;
		return 0;
	}
	w->stopped = true;
	if (w->len - w->off < NVRAM_HDR_SIZE)
		return status_fail(reason, STATUS_EMALFORMED, "partition header is truncated");
	if (nvram_format_checksum(h) != h[1])
		return status_fail(reason, STATUS_EMALFORMED, "partition header checksum is bad");
	length = (size_t)(h[2] << 8 | h[3]) * NVRAM_HDR_SIZE;
	if (length == 0)
		return status_fail(reason, STATUS_EMALFORMED, "partition length is 0");
	if (length > w->len - w->off)
		return status_fail(reason, STATUS_EMALFORMED, "partition runs past the end of the NVRAM");

	p->offset = w->off;
	p->length = length;
	p->data_offset = w->off + NVRAM_HDR_SIZE;
	p->data_len = length - NVRAM_HDR_SIZE;
	p->signature = h[0];
	p->checksum = h[1];
	memcpy(p->name, h + 4, NVRAM_NAME_LEN);
	p->name[NVRAM_NAME_LEN] = '\0';
	w->off += length;
	w->stopped = false;
	return 1;
}

int nvram_find_partition(const void *buf, size_t len, uint8_t signature,
			 struct nvram_partition *p, const char **reason)
{
	struct nvram_walk w;
	int rc;

	nvram_walk_init(&w, buf, len);
	while ((rc = nvram_walk_next(&w, p, reason)) == 1)
		if (p->signature == signature)
			return 0;
	if (rc == 0)
		return status_fail(reason, STATUS_ENOTFOUND, "no partition with that signature");
	return rc;
}

void nvram_var_iter_init(struct nvram_var_iter *it, const void *data,
			 size_t len)
{
	it->data = data;
	it->len = len;
	it->off = 0;
	it->skipped = false;
	it->done = false;
}

int nvram_var_next(struct nvram_var_iter *it, struct nvram_var *v,
		   const char **reason)
{
	while (!it->done && it->off < it->len && it->data[it->off]) {
		const char *s = (const char *)it->data + it->off;
		size_t n = bounded_len(s, it->len - it->off);
		const char *eq;

		if (n == it->len - it->off) {
			it->done = true;
			return status_fail(reason, STATUS_EMALFORMED, "variable string is not terminated");
		}
		it->off += n + 1;
		eq = memchr(s, '=', n);
		if (!eq || eq == s) {
			it->skipped = true;
			continue;
		}
		v->name = s;
		v->name_len = (size_t)(eq - s);
		v->value = eq + 1;
		v->value_len = n - v->name_len - 1;
		return 1;
	}
	it->done = true;
	return 0;
}

int nvram_get_var(const void *data, size_t len, const char *name,
		  const char **value, size_t *value_len, const char **reason)
{
	struct nvram_var_iter it;
	struct nvram_var v;
	size_t n = strlen(name);
	int rc;

	nvram_var_iter_init(&it, data, len);
	while ((rc = nvram_var_next(&it, &v, reason)) == 1) {
		if (v.name_len == n && memcmp(v.name, name, n) == 0) {
			*value = v.value;
			*value_len = v.value_len;
			return 0;
		}
	}
	if (rc == 0)
		return status_fail(reason, STATUS_ENOTFOUND, "variable not found");
	return rc;
}

int nvram_format_common(void *buf, size_t len, size_t common_len,
			const char **reason)
{
	uint8_t *b = buf;
	size_t rest;

	if (len % NVRAM_HDR_SIZE || common_len % NVRAM_HDR_SIZE)
		return status_fail(reason, STATUS_EINVAL, "NVRAM sizes must be multiples of 16");
	if (common_len < 2 * NVRAM_HDR_SIZE || common_len > len)
		return status_fail(reason, STATUS_EINVAL, "common partition size does not fit");
	rest = len - common_len;
	if (common_len > NVRAM_MAX_PART_LEN || rest > NVRAM_MAX_PART_LEN)
		return status_fail(reason, STATUS_ETOOBIG, "partition too large for the header");
	memset(b, 0, len);
	nvram_format_header(b, NVRAM_SIG_OF_VARS, common_len, "common", NULL);
	if (rest)
		nvram_format_header(b + common_len, NVRAM_SIG_FREE, rest,
				    "wwwwwwwwwwww", NULL);
	return 0;
}

/* ---- editing ---- */

/* Length of the string list in data: the offset of the terminating empty
 * string, or len if the strings run to the end. STATUS_EMALFORMED if one
 * is unterminated. */
static int list_used(const uint8_t *d, size_t len, size_t *used, const char **reason)
{
	size_t off = 0, n;

	while (off < len && d[off]) {
		n = bounded_len(d + off, len - off);
		if (n == len - off)
			return status_fail(reason, STATUS_EMALFORMED, "variable string is not terminated");
		off += n + 1;
	}
	*used = off;
	return 0;
}

static bool is_var(const uint8_t *s, const char *name, size_t n)
{
	return memcmp(s, name, n) == 0 && s[n] == '=';
}

/* Size in bytes (NUL included) of the strings named name in the list. */
static size_t matching_bytes(const uint8_t *d, size_t used, const char *name,
			     size_t n)
{
	size_t off = 0, total = 0, sz;

	while (off < used) {
		sz = strlen((const char *)d + off) + 1;
		if (sz > n + 1 && is_var(d + off, name, n))
			total += sz;
		off += sz;
	}
	return total;
}

/* Removes the strings named name from d[0..used); returns the new used
 * length and sets *first to where the first one was (used if none). */
static size_t remove_vars(uint8_t *d, size_t used, const char *name, size_t n,
			  size_t *first)
{
	size_t r = 0, w = 0, sz;

	*first = SIZE_MAX;
	while (r < used) {
		sz = strlen((const char *)d + r) + 1;
		if (sz > n + 1 && is_var(d + r, name, n)) {
			if (*first == SIZE_MAX)
				*first = w;
		} else {
			memmove(d + w, d + r, sz);
			w += sz;
		}
		r += sz;
	}
	if (*first == SIZE_MAX)
		*first = w;
	return w;
}

static int check_name(const char *name, const char **reason)
{
	if (!name[0] || strchr(name, '='))
		return status_fail(reason, STATUS_EINVAL, "bad variable name");
	return 0;
}

/* What every edit checks first: the name, and that the list is terminated
 * (*used set to its length). */
static int check_edit(const uint8_t *d, size_t len, const char *name, size_t *used,
		      const char **reason)
{
	int rc = check_name(name, reason);

	return rc != 0 ? rc : list_used(d, len, used, reason);
}

int nvram_set_var(void *data, size_t len, const char *name, const char *value,
		  const char **reason)
{
	uint8_t *d = data;
	size_t n, vn, used, keep, room, need, pos;
	int rc;

	rc = check_edit(d, len, name, &used, reason);
	if (rc != 0)
		return rc;
	n = strlen(name);
	vn = strlen(value);
	keep = used - matching_bytes(d, used, name, n);
	/* keep + "name=" + value + NUL + terminator <= len, without overflow */
	room = n < len ? len - n - 1 : 0;
	if (n >= len || vn >= len || keep > room || vn + 2 > room - keep)
		return status_fail(reason, STATUS_ETOOBIG, "variable does not fit in the partition");
	need = n + vn + 2;

	used = remove_vars(d, used, name, n, &pos);
	memmove(d + pos + need, d + pos, used - pos);
	memcpy(d + pos, name, n);
	d[pos + n] = '=';
	memcpy(d + pos + n + 1, value, vn);
	d[pos + need - 1] = '\0';
	used += need;
	memset(d + used, 0, len - used);
	return 0;
}

int nvram_del_var(void *data, size_t len, const char *name,
		  const char **reason)
{
	uint8_t *d = data;
	size_t n, used, left, pos;
	int rc;

	rc = check_edit(d, len, name, &used, reason);
	if (rc != 0)
		return rc;
	n = strlen(name);
	if (matching_bytes(d, used, name, n) == 0)
		return 0;
	left = remove_vars(d, used, name, n, &pos);
	memset(d + left, 0, used - left);
	return 1;
}
