/* SPDX-License-Identifier: MIT */
/* --dtb IN OUT: copies a flattened device tree, adding or replacing
 * /chosen/qemu,compat-caps with the v1 property, using the system libfdt
 * (for QEMU's -dtb, or a firmware test's tree). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "qemu-compat-caps.h"

/* Room the edit may need: a /chosen node, the property, its name. */
#define DTB_EDIT_SLACK 1024
/* No real device tree comes near this; it bounds the allocation. */
#define DTB_EDIT_MAX (64u * 1024 * 1024)

/* Reads the whole file. Returns a malloc'd buffer and *len, or NULL after a
 * diag(). */
static void *dtb_edit_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 64 * 1024, n = 0;
	char *buf = NULL, *nb;

	if (!f) {
		diag("cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		nb = realloc(buf, cap);
		if (!nb) {
			diag("%s: out of memory", path);
			goto fail;
		}
		buf = nb;
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap) {
			if (ferror(f)) {
				diag("cannot read %s: %s", path, strerror(errno));
				goto fail;
			}
			break;
		}
		if (cap >= DTB_EDIT_MAX) {
			diag("%s: larger than %u bytes, not a device tree", path,
			     DTB_EDIT_MAX);
			goto fail;
		}
		cap *= 2;
	}
	fclose(f);
	*len = n;
	return buf;
fail:
	free(buf);
	fclose(f);
	return NULL;
}

static int dtb_edit_write(const char *path, const void *blob, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f) {
		diag("cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	if (fwrite(blob, 1, len, f) != len || fflush(f) != 0) {
		diag("cannot write %s: %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		diag("cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Sets the property in the (open, writable) tree fdt. */
static int dtb_edit_apply(void *fdt, uint64_t caps, const char *in)
{
	uint8_t prop[COMPAT_CAPS_V1_SIZE];
	int chosen, err;

	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen == -FDT_ERR_NOTFOUND)
		chosen = fdt_add_subnode(fdt, 0, "chosen");
	if (chosen < 0) {
		diag("%s: cannot find or add /chosen: %s", in, fdt_strerror(chosen));
		return -1;
	}
	compat_caps_encode(caps, prop);
	err = fdt_setprop(fdt, chosen, COMPAT_CAPS_PROP_NAME, prop, sizeof(prop));
	if (err < 0) {
		diag("%s: cannot set /chosen/%s: %s", in, COMPAT_CAPS_PROP_NAME,
		     fdt_strerror(err));
		return -1;
	}
	err = fdt_pack(fdt);
	if (err < 0) {
		diag("%s: cannot pack the tree: %s", in, fdt_strerror(err));
		return -1;
	}
	return 0;
}

int dtb_edit_set_caps(const char *in, const char *out, uint64_t caps)
{
	void *blob, *edit = NULL;
	size_t len, size;
	int err, rc = -1;

	blob = dtb_edit_read(in, &len);
	if (!blob)
		return -1;
	/* Validate everything before trusting totalsize or any offset. */
	err = len < sizeof(struct fdt_header) ? -FDT_ERR_TRUNCATED
					      : fdt_check_full(blob, len);
	if (err < 0) {
		diag("%s is not a valid device tree blob: %s", in, fdt_strerror(err));
		goto out;
	}
	size = fdt_totalsize(blob) + DTB_EDIT_SLACK;
	edit = malloc(size);
	if (!edit) {
		diag("%s: out of memory", in);
		goto out;
	}
	err = fdt_open_into(blob, edit, (int)size);
	if (err < 0) {
		diag("%s: cannot open the tree for editing: %s", in, fdt_strerror(err));
		goto out;
	}
	if (dtb_edit_apply(edit, caps, in) < 0)
		goto out;
	rc = dtb_edit_write(out, edit, fdt_totalsize(edit));
out:
	free(edit);
	free(blob);
	return rc;
}
