/* SPDX-License-Identifier: MIT */
/* mkromfs: host tool that packs files into a ROMFS archive (format in
 * lib/romfs/romfs.h). Usage: mkromfs OUT.img NAME=FILE [NAME=FILE...] */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "crc32/crc32.h"
#include "romfs/romfs.h"

struct input {
	const char *name;
	const char *path;
	uint8_t *data;
	size_t size;
	size_t offset;
};

static const char *prog = "mkromfs";

static void die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static uint8_t *read_file(const char *name, const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *nbuf;
	size_t len = 0, cap = 0, n;

	if (!f)
		die("%s: cannot open '%s': %s", name, path, strerror(errno));
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > UINT32_MAX)
				die("'%s' is too large", path);
			nbuf = realloc(buf, cap);
			if (!nbuf)
				die("out of memory reading '%s'", path);
			buf = nbuf;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
		die("%s: cannot read '%s': %s", name, path, strerror(errno));
	fclose(f);
	*size = len;
	return buf;
}

static void parse_arg(struct input *in, char *arg, const struct input *prev,
		      int nprev)
{
	char *eq = strchr(arg, '=');
	int i;

	if (!eq || eq == arg || !eq[1])
		die("bad argument '%s': expected NAME=FILE", arg);
	*eq = '\0';
	in->name = arg;
	in->path = eq + 1;
	if (strlen(arg) >= ROMFS_NAME_LEN)
		die("name '%s' is too long (at most %d bytes)", arg,
		    ROMFS_NAME_LEN - 1);
	for (i = 0; i < nprev; i++)
		if (strcmp(prev[i].name, arg) == 0)
			die("name '%s' is given twice", arg);
}

static void write_out(const char *out, const uint8_t *img, size_t total)
{
	FILE *f = fopen(out, "wb");

	if (!f)
		die("cannot create '%s': %s", out, strerror(errno));
	if (fwrite(img, 1, total, f) != total || fclose(f) != 0) {
		remove(out);
		die("cannot write '%s': %s", out, strerror(errno));
	}
}

int main(int argc, char **argv)
{
	struct input *in;
	int n = argc - 2, i;
	size_t off, total;
	uint8_t *img, *e;
	struct romfs fs;
	const char *why;

	if (argc < 3) {
		fprintf(stderr, "usage: %s OUT.img NAME=FILE [NAME=FILE...]\n",
			prog);
		return 2;
	}
	if (n > ROMFS_MAX_FILES)
		die("too many files (at most %d)", ROMFS_MAX_FILES);
	in = calloc((size_t)n, sizeof(*in));
	if (!in)
		die("out of memory");

	off = ROMFS_DATA_START(n);
	for (i = 0; i < n; i++) {
		parse_arg(&in[i], argv[i + 2], in, i);
		in[i].data = read_file(in[i].name, in[i].path, &in[i].size);
		in[i].offset = off;
		off = ROMFS_ALIGN_UP(off + in[i].size);
		if (off > UINT32_MAX)
			die("archive would exceed 4 GiB at '%s'", in[i].path);
	}
	total = off;

	img = calloc(1, total);
	if (!img)
		die("out of memory");
	memcpy(img, ROMFS_MAGIC, ROMFS_MAGIC_LEN);
	be32_write(img + 8, (uint32_t)n);
	be32_write(img + 12, (uint32_t)total);
	for (i = 0; i < n; i++) {
		e = img + ROMFS_HDR_SIZE + (size_t)i * ROMFS_ENTRY_SIZE;
		memcpy(e, in[i].name, strlen(in[i].name));
		be32_write(e + 32, (uint32_t)in[i].offset);
		be32_write(e + 36, (uint32_t)in[i].size);
		be32_write(e + 40, crc32_ieee(0, in[i].data, in[i].size));
		if (in[i].size)
			memcpy(img + in[i].offset, in[i].data, in[i].size);
	}
	if (romfs_open(img, total, &fs, &why) != 0)
		die("internal error, archive does not verify: %s", why);
	write_out(argv[1], img, total);

	for (i = 0; i < n; i++)
		free(in[i].data);
	free(in);
	free(img);
	return 0;
}
