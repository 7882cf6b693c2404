/* SPDX-License-Identifier: MIT */
/* Unit tests of lib/cas/cas-reply: the level named by QEMU's own trees
 * (dumped by the real QEMU, see scripts/make-dtb-fixtures.sh), checked
 * against libfdt, and trees edited to leave cpu-version out or to be
 * broken. */

#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cas/cas-reply.h"
#include "unit.h"

#ifndef CAS_QEMU_DTB_DIR
#define CAS_QEMU_DTB_DIR "build/dtb-fixtures"
#endif

#define TREE_MAX (1u << 20)

static uint8_t tree[TREE_MAX];

static size_t load(const char *name)
{
	char path[256];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), CAS_QEMU_DTB_DIR "/%s", name);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cannot open %s (built with the test)\n", path);
		exit(1);
	}
	n = fread(tree, 1, sizeof(tree), f);
	fclose(f);
	CHECK(fdt_open_into(tree, tree, sizeof(tree)) == 0);
	return n;
}

/* libfdt's answer: cpu-version of the first subnode of /cpus, or -1. */
static int64_t libfdt_cpu_version(void)
{
	int cpus = fdt_path_offset(tree, "/cpus");
	int cpu = cpus >= 0 ? fdt_first_subnode(tree, cpus) : -1;
	const fdt32_t *p;
	int len;

	if (cpu < 0)
		return -1;
	p = fdt_getprop(tree, cpu, "cpu-version", &len);
	return p && len == 4 ? (int64_t)fdt32_to_cpu(*p) : -1;
}

static void check_qemu_tree(const char *name, uint32_t family, int logical)
{
	uint32_t pvr = 0;
	int64_t want;

	load(name);
	want = libfdt_cpu_version();
	CHECK(want >= 0);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, sizeof(tree), &pvr), 1);
	CHECK_EQ_U64(pvr, (uint64_t)want);
	/* What QEMU puts there before CAS: the raw PVR, or the logical one
	 * max-cpu-compat asks for. */
	if (logical)
		CHECK_EQ_U64(pvr, family);
	else
		CHECK_EQ_U64(pvr >> 16, family);
}

static void test_qemu_trees(void)
{
	check_qemu_tree("qemu-power8.dtb", 0x004d, 0);
	check_qemu_tree("qemu-power10.dtb", 0x0080, 0);
	check_qemu_tree("qemu-default.dtb", 0x004e, 0);
	check_qemu_tree("qemu-smp4-max8.dtb", 0x004e, 0);
	check_qemu_tree("qemu-compat-power9.dtb", 0x0f000005, 1);
}

/* Raw mode in QEMUs that leave cpu-version out: 0, not a stale value. */
static void test_without_cpu_version(void)
{
	uint32_t pvr = 0x12345678;
	int cpus, cpu;

	load("qemu-compat-power9.dtb");
	cpus = fdt_path_offset(tree, "/cpus");
	cpu = fdt_first_subnode(tree, cpus);
	CHECK(fdt_delprop(tree, cpu, "cpu-version") == 0);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, sizeof(tree), &pvr), 0);
	CHECK_EQ_U64(pvr, 0x12345678);
	/* A cpu-version that is not one cell does not count either. */
	CHECK(fdt_setprop(tree, cpu, "cpu-version", "\x0f\x00\x00", 3) == 0);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, sizeof(tree), &pvr), 0);
	CHECK(fdt_setprop_u32(tree, cpu, "cpu-version", 0x004e1200) == 0);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, sizeof(tree), &pvr), 1);
	CHECK_EQ_U64(pvr, 0x004e1200);
}

/* A tree of its own: only the first node under /cpus counts, and a node
 * called cpus anywhere else does not. */
static void test_first_cpu_only(void)
{
	uint32_t pvr = 0;

	CHECK(fdt_create(tree, sizeof(tree)) == 0);
	CHECK(fdt_finish_reservemap(tree) == 0);
	CHECK(fdt_begin_node(tree, "") == 0);
	CHECK(fdt_begin_node(tree, "vdevice") == 0);
	CHECK(fdt_begin_node(tree, "cpus") == 0);
	CHECK(fdt_begin_node(tree, "x@0") == 0);
	CHECK(fdt_property_u32(tree, "cpu-version", 0x0f000007) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_begin_node(tree, "cpus") == 0);
	CHECK(fdt_property_u32(tree, "cpu-version", 0x0f000006) == 0);
	CHECK(fdt_begin_node(tree, "PowerPC,POWER9@0") == 0);
	CHECK(fdt_property_string(tree, "device_type", "cpu") == 0);
	CHECK(fdt_begin_node(tree, "l2-cache") == 0);
	CHECK(fdt_property_u32(tree, "cpu-version", 0x0f000005) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_begin_node(tree, "PowerPC,POWER9@8") == 0);
	CHECK(fdt_property_u32(tree, "cpu-version", 0x0f000004) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_finish(tree) == 0);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, sizeof(tree), &pvr), 0);

	/* No /cpus, or nothing under it: no answer at all. */
	CHECK(fdt_create(tree, sizeof(tree)) == 0);
	CHECK(fdt_finish_reservemap(tree) == 0);
	CHECK(fdt_begin_node(tree, "") == 0);
	CHECK(fdt_begin_node(tree, "cpus") == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_finish(tree) == 0);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, sizeof(tree), &pvr), (uint64_t)STATUS_ENOTFOUND);

	/* "cpus@0" is /cpus as a path lookup finds it; a second /cpus after
	 * an empty first one is not looked at (libfdt would not either). */
	CHECK(fdt_create(tree, sizeof(tree)) == 0);
	CHECK(fdt_finish_reservemap(tree) == 0);
	CHECK(fdt_begin_node(tree, "") == 0);
	CHECK(fdt_begin_node(tree, "cpus@0") == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_begin_node(tree, "cpus") == 0);
	CHECK(fdt_begin_node(tree, "cpu@0") == 0);
	CHECK(fdt_property_u32(tree, "cpu-version", 0x0f000005) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_end_node(tree) == 0);
	CHECK(fdt_finish(tree) == 0);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, sizeof(tree), &pvr), (uint64_t)STATUS_ENOTFOUND);
	CHECK_EQ_U64(fdt_first_subnode(tree, fdt_path_offset(tree, "/cpus")) < 0, 1);
}

static void test_broken(void)
{
	uint32_t pvr = 0;
	size_t n;

	memset(tree, 0x5a, 256);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, 256, &pvr), (uint64_t)STATUS_EMALFORMED);
	/* A real tree cut short by the buffer it is said to lie in. */
	load("qemu-power10.dtb");
	n = fdt_totalsize(tree);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, n, &pvr), 1);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, n - 1, &pvr), (uint64_t)STATUS_EMALFORMED);
	CHECK_EQ_U64(cas_reply_cpu_version(tree, 0, &pvr), (uint64_t)STATUS_EMALFORMED);
}

int main(void)
{
	test_qemu_trees();
	test_without_cpu_version();
	test_first_cpu_only();
	test_broken();
	return unit_done("test-cas-reply");
}
