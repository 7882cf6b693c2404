/* SPDX-License-Identifier: MIT */
/* libFuzzer harness for lib/fdt/fdt-reader: whatever fdt_reader_open()
 * accepts must walk to FDT_END with every pointer inside the blob, and must
 * read the same way under the system libfdt. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/fdt-libfdt-compare.h"
#include "fdt/fdt-reader.h"

static const uint8_t *lo, *hi;

static void fail(const char *what)
{
	fprintf(stderr, "fuzz-fdt-reader: %s\n", what);
	abort();
}

static void inside(const void *p, size_t len, const char *what)
{
	const uint8_t *b = p;

	if (!b || b < lo || b > hi || len > (size_t)(hi - b))
		fail(what);
}

/* A NUL-terminated string that starts and ends inside the blob. */
static void inside_str(const char *s, const char *what)
{
	const uint8_t *b = (const uint8_t *)s;

	inside(b, 1, what);
	if (!memchr(b, 0, (size_t)(hi - b)))
		fail(what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fdt_reader r;
	struct fdt_cursor c;
	struct fdt_event ev;
	const char *why = NULL;
	char msg[512];
	size_t steps = 0;
	uint64_t a, s;
	unsigned i;
	int open = 0, rc;

	if (fdt_reader_open(&r, data, size, &why) != 0) {
		if (!why || !*why)
			fail("rejected without a reason");
		return 0;
	}
	if (why)
		fail("accepted with a reason set");
	lo = data;
	hi = data + size;
	if (r.totalsize > size ||
	    r.off_struct + (uint64_t)r.size_struct > r.totalsize ||
	    r.off_strings + (uint64_t)r.size_strings > r.totalsize)
		fail("reader fields outside the blob");

	fdt_cursor_init(&c, &r);
	for (;;) {
		if (fdt_cursor_next(&c, &ev) != 0)
			fail("walk failed after a successful open");
		if (++steps > size / 4 + 2)
			fail("walk does not end");
		switch (ev.kind) {
		case FDT_EV_BEGIN_NODE:
			inside_str(ev.name, "node name");
			if (ev.depth != ++open || (open == 1 && ev.name[0]))
				fail("bad node depth or root name");
			break;
		case FDT_EV_PROP:
			inside_str(ev.name, "property name");
			inside(ev.value, ev.len, "property value outside the blob");
			if (ev.depth != open || open < 1)
				fail("bad property depth");
			break;
		case FDT_EV_END_NODE:
			if (ev.depth != open-- || open < 0)
				fail("bad END_NODE depth");
			break;
		case FDT_EV_END:
			if (open != 0 || ev.depth != 0)
				fail("FDT_END with nodes open");
			break;
		default:
			fail("unknown event kind");
		}
		if (ev.kind == FDT_EV_END)
			break;
	}
	if (fdt_cursor_next(&c, &ev) != 0 || ev.kind != FDT_EV_END)
		fail("FDT_END not sticky");

	for (i = 0;; i++) {
		rc = fdt_reader_rsv(&r, i, &a, &s);
		if (rc < 0)
			fail("reservation map runs out after a successful open");
		if (rc == 0)
			break;
	}

	if (fdt_libfdt_compare(data, size, NULL, msg, sizeof(msg)) != 0)
		fail(msg);
	return 0;
}
