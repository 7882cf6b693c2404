/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/cas/cas-reply: on any blob, no read outside it
 * (ASan), and on every blob both our FDT reader and libfdt accept, the same
 * answer as libfdt's: cpu-version of the first subnode of /cpus. */
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cas/cas-reply.h"
#include "fdt/fdt-reader.h"

static void fail(const char *what, int ours, long want)
{
	fprintf(stderr, "fuzz-cas-reply: %s (ours %d, libfdt %ld)\n", what, ours, want);
	abort();
}

/* libfdt's reading: 1 and *pvr, 0 (no 4-byte cpu-version), STATUS_ENOTFOUND
 * (no CPU). */
static int libfdt_answer(const void *fdt, uint32_t *pvr)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int cpu = cpus >= 0 ? fdt_first_subnode(fdt, cpus) : -1;
	const fdt32_t *p;
	int len;

	if (cpu < 0)
		return STATUS_ENOTFOUND;
	p = fdt_getprop(fdt, cpu, "cpu-version", &len);
	if (!p || len != 4)
		return 0;
	*pvr = fdt32_to_cpu(*p);
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fdt_reader r;
	const char *why;
	uint32_t ours = 0, theirs = 0;
	int rc, want;
	uint8_t *copy;

	/* An exact-size copy, so ASan sees any read past the blob. */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	rc = cas_reply_cpu_version(copy, size, &ours);
	if (rc < STATUS_LAST || rc > 1)
		fail("result out of range", rc, 0);
	want = fdt_reader_open(&r, copy, size, &why);
	if (want != 0) {
		if (rc != want)
			fail("answered on a blob the reader rejects", rc, want);
	} else if (size >= sizeof(struct fdt_header) && fdt_totalsize(copy) <= size &&
		   fdt_check_full(copy, size) == 0) {
		want = libfdt_answer(copy, &theirs);
		if (rc != want)
			fail("differs from libfdt", rc, want);
		if (rc == 1 && ours != theirs)
			fail("different cpu-version", (int)ours, (long)theirs);
	}
	free(copy);
	return 0;
}
