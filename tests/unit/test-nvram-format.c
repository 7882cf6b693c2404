/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/nvram/nvram-format against the NVRAM QEMU 7.2 builds
 * for -prom-env foo=bar -prom-env "boot-command=echo hi" (64 KiB). */
#include <stdint.h>
#include <string.h>

#include "nvram/nvram-format.h"
#include "unit.h"

#define NV_SIZE 0x10000

static uint8_t nv[NV_SIZE];

static const uint8_t sys_hdr[16] = {
	0x70, 0x98, 0x00, 0x80, 's', 'y', 's', 't', 'e', 'm', 0, 0, 0, 0, 0, 0
};
static const uint8_t free_hdr[16] = {
	0x7f, 0xb2, 0x0f, 0x80, 'f', 'r', 'e', 'e', 0, 0, 0, 0, 0, 0, 0, 0
};
static const char vars72[] = "foo=bar\0boot-command=echo hi\0";

static void make_qemu72(void)
{
	memset(nv, 0, sizeof(nv));
	memcpy(nv, sys_hdr, 16);
	memcpy(nv + 0x10, vars72, sizeof(vars72)); /* + the end-marker NUL */
	memcpy(nv + 0x800, free_hdr, 16);
}

static void test_checksum(void)
{
	uint8_t h[16];

	CHECK_EQ_U64(nvram_format_checksum(sys_hdr), 0x98);
	CHECK_EQ_U64(nvram_format_checksum(free_hdr), 0xb2);
	memcpy(h, sys_hdr, 16);
	h[1] = 0x55; /* the stored checksum byte is not summed */
	CHECK_EQ_U64(nvram_format_checksum(h), 0x98);
	memset(h, 0, 16);
	CHECK_EQ_U64(nvram_format_checksum(h), 0);
	memset(h, 0xff, 16);
	CHECK_EQ_U64(nvram_format_checksum(h), 0xff);
	/* fold after every byte: 0x80 + 0x80 = 0x100 -> 0x01, then + 0xff =
	 * 0x100 -> 0x01 */
	memset(h, 0, 16);
	h[0] = 0x80;
	h[2] = 0x80;
	h[3] = 0xff;
	CHECK_EQ_U64(nvram_format_checksum(h), 0x01);

	/* nvram_format_header reproduces both QEMU 7.2 headers exactly */
	const char *why = NULL;
	CHECK(nvram_format_header(h, 0x70, 0x800, "system", &why) == 0);
	CHECK(memcmp(h, sys_hdr, 16) == 0);
	CHECK(nvram_format_header(h, 0x7f, 0xf800, "free", &why) == 0);
	CHECK(memcmp(h, free_hdr, 16) == 0);
	CHECK(nvram_format_header(h, 0x70, 0x808, "x", &why) == STATUS_EINVAL);
	CHECK_STR(why, "bad partition length");
	CHECK(nvram_format_header(h, 0x70, 0, "x", &why) == STATUS_EINVAL);
	CHECK(nvram_format_header(h, 0x70, 0x100000, "x", &why) == STATUS_EINVAL);
	CHECK(nvram_format_header(h, 0x70, 0xffff0, "x", &why) == 0);
	CHECK_EQ_U64(h[2], 0xff);
	CHECK_EQ_U64(h[3], 0xff);
}

static void test_walk_qemu72(void)
{
	struct nvram_walk w;
	struct nvram_partition p;
	const char *why = NULL;

	make_qemu72();
	nvram_walk_init(&w, nv, sizeof(nv));
	CHECK(nvram_walk_next(&w, &p, &why) == 1);
	CHECK_EQ_U64(p.offset, 0);
	CHECK_EQ_U64(p.length, 0x800);
	CHECK_EQ_U64(p.data_offset, 0x10);
	CHECK_EQ_U64(p.data_len, 0x7f0);
	CHECK_EQ_U64(p.signature, 0x70);
	CHECK_EQ_U64(p.checksum, 0x98);
	CHECK_STR(p.name, "system");
	CHECK(nvram_walk_next(&w, &p, &why) == 1);
	CHECK_EQ_U64(p.offset, 0x800);
	CHECK_EQ_U64(p.length, 0xf800);
	CHECK_EQ_U64(p.signature, 0x7f);
	CHECK_EQ_U64(p.checksum, 0xb2);
	CHECK_STR(p.name, "free");
	CHECK(nvram_walk_next(&w, &p, &why) == 0);
	CHECK(nvram_walk_next(&w, &p, &why) == 0);

	CHECK(nvram_find_partition(nv, sizeof(nv), NVRAM_SIG_OF_VARS, &p, &why) == 0);
	CHECK_EQ_U64(p.offset, 0);
	CHECK(nvram_find_partition(nv, sizeof(nv), NVRAM_SIG_FREE, &p, &why) == 0);
	CHECK_EQ_U64(p.offset, 0x800);
	CHECK(nvram_find_partition(nv, sizeof(nv), 0x71, &p, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "no partition with that signature");

	/* the variables, exactly as QEMU 7.2 stored them */
	struct nvram_var_iter it;
	struct nvram_var v;
	nvram_var_iter_init(&it, nv + 0x10, 0x7f0);
	CHECK(nvram_var_next(&it, &v, &why) == 1);
	CHECK(v.name_len == 3 && memcmp(v.name, "foo", 3) == 0);
	CHECK_STR(v.value, "bar");
	CHECK_EQ_U64(v.value_len, 3);
	CHECK(nvram_var_next(&it, &v, &why) == 1);
	CHECK(v.name_len == 12 && memcmp(v.name, "boot-command", 12) == 0);
	CHECK_STR(v.value, "echo hi");
	CHECK_EQ_U64(v.value_len, 7);
	CHECK(nvram_var_next(&it, &v, &why) == 0);
	CHECK(nvram_var_next(&it, &v, &why) == 0);
	CHECK(!it.skipped);

	const char *val = NULL;
	size_t vl = 0;
	CHECK(nvram_get_var(nv + 0x10, 0x7f0, "boot-command", &val, &vl, &why) == 0);
	CHECK_STR(val, "echo hi");
	CHECK_EQ_U64(vl, 7);
	CHECK(nvram_get_var(nv + 0x10, 0x7f0, "fo", &val, &vl, &why) == STATUS_ENOTFOUND);
	CHECK_STR(why, "variable not found");
	CHECK(nvram_get_var(nv + 0x10, 0x7f0, "foo=", &val, &vl, &why) == STATUS_ENOTFOUND);
}

static void test_walk_errors(void)
{
	struct nvram_walk w;
	struct nvram_partition p;
	const char *why = NULL;

	/* QEMU without -prom-env: all zeros, no partitions */
	memset(nv, 0, sizeof(nv));
	nvram_walk_init(&w, nv, sizeof(nv));
	CHECK(nvram_walk_next(&w, &p, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition length is 0");
	CHECK(nvram_walk_next(&w, &p, &why) == 0);
	CHECK(nvram_find_partition(nv, sizeof(nv), 0x70, &p, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition length is 0");

	make_qemu72();
	nv[1] ^= 1;
	CHECK(nvram_find_partition(nv, sizeof(nv), 0x70, &p, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition header checksum is bad");

	/* a name byte changed without fixing the checksum */
	make_qemu72();
	nv[0x804] = 'F';
	nvram_walk_init(&w, nv, sizeof(nv));
	CHECK(nvram_walk_next(&w, &p, &why) == 1);
	CHECK(nvram_walk_next(&w, &p, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition header checksum is bad");

	/* the free partition runs past a shorter buffer */
	make_qemu72();
	nvram_walk_init(&w, nv, 0x8000);
	CHECK(nvram_walk_next(&w, &p, &why) == 1);
	CHECK(nvram_walk_next(&w, &p, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition runs past the end of the NVRAM");

	/* fewer than 16 bytes left for a header */
	nvram_walk_init(&w, nv, 0x80f);
	CHECK(nvram_walk_next(&w, &p, &why) == 1);
	CHECK(nvram_walk_next(&w, &p, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition header is truncated");
	nvram_walk_init(&w, nv, 0x800);
	CHECK(nvram_walk_next(&w, &p, &why) == 1);
	CHECK(nvram_walk_next(&w, &p, &why) == 0);
	nvram_walk_init(&w, nv, 0);
	CHECK(nvram_walk_next(&w, &p, &why) == 0);

	/* the OF partition found after another one, stopping at garbage */
	uint8_t h[16];
	memset(nv, 0, sizeof(nv));
	nvram_format_header(nv, 0x02, 0x20, "ibm,CPU0log", NULL);
	nvram_format_header(nv + 0x20, 0x70, 0x40, "common", NULL);
	memset(nv + 0x60, 0xaa, 16);
	CHECK(nvram_find_partition(nv, sizeof(nv), 0x70, &p, &why) == 0);
	CHECK_EQ_U64(p.offset, 0x20);
	CHECK_EQ_U64(p.data_len, 0x30);
	CHECK_STR(p.name, "common");
	CHECK(nvram_find_partition(nv, sizeof(nv), 0x7f, &p, &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "partition header checksum is bad");
	/* a 12-byte name is unterminated in the header, terminated in p */
	nvram_format_header(h, 0x7f, 0x10, "wwwwwwwwwwwwXX", NULL);
	memcpy(nv + 0x60, h, 16);
	CHECK(nvram_find_partition(nv, 0x70, 0x7f, &p, &why) == 0);
	CHECK_STR(p.name, "wwwwwwwwwwww");
	CHECK_EQ_U64(p.data_len, 0);
}

static int count_vars(const void *d, size_t len, int *skipped, int *rc)
{
	struct nvram_var_iter it;
	struct nvram_var v;
	const char *why = NULL;
	int n = 0;

	nvram_var_iter_init(&it, d, len);
	while ((*rc = nvram_var_next(&it, &v, &why)) == 1)
		n++;
	*skipped = it.skipped;
	if (*rc == STATUS_EMALFORMED)
		CHECK_STR(why, "variable string is not terminated");
	return n;
}

static void test_vars(void)
{
	int skipped, rc;
	static const char a[] = "a=1\0junk\0=nameless\0b=\0c==x\0";
	struct nvram_var_iter it;
	struct nvram_var v;
	const char *why = NULL;

	CHECK_EQ_U64(count_vars(a, sizeof(a), &skipped, &rc), 3);
	CHECK(skipped && rc == 0);
	nvram_var_iter_init(&it, a, sizeof(a));
	CHECK(nvram_var_next(&it, &v, &why) == 1 && !it.skipped);
	CHECK(nvram_var_next(&it, &v, &why) == 1 && it.skipped);
	CHECK(v.name_len == 1 && v.name[0] == 'b' && v.value_len == 0);
	CHECK_STR(v.value, "");
	CHECK(nvram_var_next(&it, &v, &why) == 1);
	CHECK_STR(v.value, "=x");
	/* list running to the end of the area without an empty string */
	CHECK_EQ_U64(count_vars(a, sizeof(a) - 1, &skipped, &rc), 3);
	CHECK(rc == 0);
	/* last string cut: error after the good ones */
	CHECK_EQ_U64(count_vars(a, sizeof(a) - 2, &skipped, &rc), 2);
	CHECK(rc == STATUS_EMALFORMED);
	CHECK_EQ_U64(count_vars("x=1", 3, &skipped, &rc), 0);
	CHECK(rc == STATUS_EMALFORMED);
	CHECK_EQ_U64(count_vars("", 0, &skipped, &rc), 0);
	CHECK(rc == 0 && !skipped);
	/* anything after the empty string is ignored */
	CHECK_EQ_U64(count_vars("a=1\0\0b=2", 8, &skipped, &rc), 1);
	CHECK(rc == 0);
}

static void test_format_common(void)
{
	struct nvram_walk w;
	struct nvram_partition p;
	const char *why = NULL;
	int skipped, rc;

	memset(nv, 0xee, sizeof(nv));
	CHECK(nvram_format_common(nv, sizeof(nv), 0x1000, &why) == 0);
	nvram_walk_init(&w, nv, sizeof(nv));
	CHECK(nvram_walk_next(&w, &p, &why) == 1);
	CHECK(p.offset == 0 && p.length == 0x1000 && p.signature == 0x70);
	CHECK_STR(p.name, "common");
	CHECK_EQ_U64(p.checksum, nvram_format_checksum(nv));
	CHECK_EQ_U64(count_vars(nv + 16, 0x1000 - 16, &skipped, &rc), 0);
	CHECK(rc == 0);
	CHECK(nvram_walk_next(&w, &p, &why) == 1);
	CHECK(p.offset == 0x1000 && p.length == 0xf000 && p.signature == 0x7f);
	CHECK_STR(p.name, "wwwwwwwwwwww");
	CHECK(nvram_walk_next(&w, &p, &why) == 0);
	CHECK(nv[0x1000 + 16] == 0 && nv[NV_SIZE - 1] == 0);

	/* no room left for a free partition */
	CHECK(nvram_format_common(nv, 0x800, 0x800, &why) == 0);
	nvram_walk_init(&w, nv, 0x800);
	CHECK(nvram_walk_next(&w, &p, &why) == 1);
	CHECK(nvram_walk_next(&w, &p, &why) == 0);

	memset(nv, 0xee, 64);
	CHECK(nvram_format_common(nv, 0x808, 0x800, &why) == STATUS_EINVAL);
	CHECK_STR(why, "NVRAM sizes must be multiples of 16");
	CHECK(nvram_format_common(nv, 0x800, 0x408, &why) == STATUS_EINVAL);
	CHECK(nvram_format_common(nv, 0x800, 0x10, &why) == STATUS_EINVAL);
	CHECK_STR(why, "common partition size does not fit");
	CHECK(nvram_format_common(nv, 0x800, 0x810, &why) == STATUS_EINVAL);
	CHECK_STR(why, "common partition size does not fit");
	CHECK(nvram_format_common(nv, 0x200000, 0x1000, &why) == STATUS_ETOOBIG);
	CHECK_STR(why, "partition too large for the header");
	CHECK(nv[0] == 0xee); /* untouched on failure */
}

static void test_set_del(void)
{
	uint8_t *d = nv + 0x10;
	const size_t dl = 0x7f0;
	const char *why = NULL, *val;
	size_t vl;
	struct nvram_partition p;

	make_qemu72();
	CHECK(nvram_set_var(d, dl, "foo", "bazooka", &why) == 0);
	CHECK(memcmp(d, "foo=bazooka\0boot-command=echo hi\0\0", 35) == 0);
	CHECK(nvram_set_var(d, dl, "auto-boot?", "true", &why) == 0);
	CHECK(memcmp(d, "foo=bazooka\0boot-command=echo hi\0auto-boot?=true\0\0",
		     51) == 0);
	CHECK(nvram_set_var(d, dl, "boot-command", "", &why) == 0);
	CHECK(memcmp(d, "foo=bazooka\0boot-command=\0auto-boot?=true\0\0", 44) == 0);
	for (size_t i = 44; i < dl; i++)
		if (d[i]) {
			CHECK(d[i] == 0);
			break;
		}
	/* the header is untouched, so the walk still succeeds */
	CHECK(nvram_find_partition(nv, sizeof(nv), 0x70, &p, &why) == 0);

	CHECK(nvram_del_var(d, dl, "foo", &why) == 1);
	CHECK(memcmp(d, "boot-command=\0auto-boot?=true\0\0", 31) == 0);
	CHECK(d[31] == 0 && d[40] == 0);
	CHECK(nvram_del_var(d, dl, "foo", &why) == 0);
	CHECK(nvram_del_var(d, dl, "auto-boot", &why) == 0);
	CHECK(nvram_get_var(d, dl, "auto-boot?", &val, &vl, &why) == 0);
	CHECK_STR(val, "true");

	CHECK(nvram_set_var(d, dl, "", "x", &why) == STATUS_EINVAL);
	CHECK_STR(why, "bad variable name");
	CHECK(nvram_set_var(d, dl, "a=b", "x", &why) == STATUS_EINVAL);
	CHECK(nvram_del_var(d, dl, "", &why) == STATUS_EINVAL);
	CHECK_STR(why, "bad variable name");

	/* duplicates: the first is replaced in place, the others removed;
	 * malformed strings are kept */
	uint8_t b[64];
	static const char dup[] = "x=1\0junk\0y=2\0x=3\0x=4\0";
	memset(b, 0, sizeof(b));
	memcpy(b, dup, sizeof(dup));
	CHECK(nvram_set_var(b, sizeof(b), "x", "new", &why) == 0);
	CHECK(memcmp(b, "x=new\0junk\0y=2\0\0", 16) == 0);
	memcpy(b, dup, sizeof(dup));
	CHECK(nvram_del_var(b, sizeof(b), "x", &why) == 1);
	CHECK(memcmp(b, "junk\0y=2\0\0", 10) == 0);
	for (size_t i = 9; i < sizeof(b); i++)
		CHECK(b[i] == 0);

	/* exact fit: "ab=cde\0" + terminator = 8 bytes */
	memset(b, 0, sizeof(b));
	CHECK(nvram_set_var(b, 8, "ab", "cde", &why) == 0);
	CHECK(memcmp(b, "ab=cde\0\0", 8) == 0);
	CHECK(nvram_set_var(b, 8, "ab", "cdef", &why) == STATUS_ETOOBIG);
	CHECK_STR(why, "variable does not fit in the partition");
	CHECK(memcmp(b, "ab=cde\0\0", 8) == 0);
	CHECK(nvram_set_var(b, 8, "q", "", &why) == STATUS_ETOOBIG);
	CHECK(nvram_set_var(b, 8, "ab", "", &why) == 0);
	CHECK(nvram_set_var(b, 8, "q", "1", &why) == STATUS_ETOOBIG); /* no terminator room */
	CHECK(memcmp(b, "ab=\0\0\0\0\0", 8) == 0);
	/* the list fills the area (no terminator, as a reader accepts):
	 * replacing by a shorter value adds one */
	memcpy(b, "ab=\0q=1\0", 8);
	CHECK(nvram_set_var(b, 8, "q", "", &why) == 0);
	CHECK(memcmp(b, "ab=\0q=\0\0", 8) == 0);
	CHECK(nvram_set_var(b, 0, "q", "", &why) == STATUS_ETOOBIG);
	CHECK(nvram_set_var(b, 3, "q", "", &why) == STATUS_EMALFORMED);
	CHECK(nvram_set_var(b, 4, "q", "", &why) == STATUS_ETOOBIG);

	/* an unterminated list refuses every edit and stays unchanged */
	memcpy(b, "a=1\0bbbbbbb", 11);
	CHECK(nvram_set_var(b, 11, "a", "2", &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "variable string is not terminated");
	CHECK(nvram_del_var(b, 11, "a", &why) == STATUS_EMALFORMED);
	CHECK_STR(why, "variable string is not terminated");
	CHECK(memcmp(b, "a=1\0bbbbbbb", 11) == 0);

	/* fill a 2 KiB partition until it is full */
	char name[16];
	int n = 0;
	make_qemu72();
	for (;;) {
		snprintf(name, sizeof(name), "v%d", n);
		if (nvram_set_var(d, dl, name, "0123456789", &why) != 0)
			break;
		n++;
	}
	CHECK_STR(why, "variable does not fit in the partition");
	CHECK(n > 100);
	int skipped, rc;
	CHECK_EQ_U64(count_vars(d, dl, &skipped, &rc), (unsigned)n + 2);
	CHECK(rc == 0 && !skipped);
}

int main(void)
{
	test_checksum();
	test_walk_qemu72();
	test_walk_errors();
	test_vars();
	test_format_common();
	test_set_del();
	return unit_done("test-nvram-format");
}
