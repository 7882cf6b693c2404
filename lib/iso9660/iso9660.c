/* SPDX-License-Identifier: MIT */
/* ISO 9660 lookup (ECMA-119 8.4 primary volume descriptor, 9.1 directory
 * records; Rock Ridge RRIP 4.1.4 "NM" alternate names). Both-byte-order
 * fields are read from their little-endian half, as Linux does. */
#include <string.h>

#include "iso9660/iso9660.h"
#include "le.h"

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_name(const uint8_t *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen)
		return false;
	for (size_t i = 0; i < alen; i++)
		if (lower((char)a[i]) != lower(b[i]))
			return false;
	return true;
}

int iso9660_parse_record(const uint8_t *p, size_t avail, struct iso9660_record *r,
			 const char **reason)
{
	uint64_t extent;
	size_t id_end;

	if (avail < 1 || p[0] < 34)
		return status_fail_into(reason, STATUS_EMALFORMED, "directory record shorter than 34 bytes");
	if (p[0] > avail)
		return status_fail_into(reason, STATUS_EMALFORMED, "directory record runs past the end of the directory");
	r->len = p[0];
	extent = (uint64_t)le32_read(p + 2) + p[1];	/* the data follows any XAR */
	r->extent = extent > UINT32_MAX ? UINT32_MAX : (uint32_t)extent;
	r->size = le32_read(p + 10);
	r->flags = p[25];
	r->dir = (p[25] & 0x02) != 0;
	r->name_len = p[32];
	r->name = p + 33;
	id_end = 33 + (size_t)r->name_len;
	if (r->name_len == 0 || id_end > r->len)
		return status_fail_into(reason, STATUS_EMALFORMED, "directory record identifier does not fit the record");
	if ((r->name_len & 1) == 0)
		id_end++;	/* padding byte after an even-length identifier */
	r->su = p + (id_end < r->len ? id_end : r->len);
	r->su_len = (uint8_t)(id_end < r->len ? r->len - id_end : 0);
	return 0;
}

/* The Rock Ridge NM name of a record, joined over NM entries with the
 * CONTINUE flag; false when it has none (or only "." / ".." flags). */
static bool rock_ridge_name(const struct iso9660_record *r, char *out, size_t *out_len)
{
	size_t pos = 0, n = 0;
	bool found = false;

	while (pos + 4 <= r->su_len) {
		const uint8_t *e = r->su + pos;
		uint8_t len = e[2];

		if (len < 4 || pos + len > r->su_len)
			break;
		if (e[0] == 'N' && e[1] == 'M' && len >= 5 && (e[4] & 0x06) == 0) {
			size_t part = len - 5u;

			if (n + part > ISO9660_MAX_NAME)
				return false;
			memcpy(out + n, e + 5, part);
			n += part;
			found = true;
		}
		pos += len;
	}
	*out_len = n;
	return found && n > 0;
}

/* Length of an ISO identifier without ";version" and a trailing '.'. */
static size_t iso_base_len(const char *name, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (name[i] == ';') {
			n = i;
			break;
		}
	}
	if (n > 1 && name[n - 1] == '.')
		n--;
	return n;
}

bool iso9660_name_matches(const struct iso9660_record *r, const char *name, size_t name_len)
{
	char rr[ISO9660_MAX_NAME];
	size_t rr_len, n = r->name_len;

	if (rock_ridge_name(r, rr, &rr_len) && same_name((const uint8_t *)rr, rr_len, name, name_len))
		return true;
	if (n == 1 && (r->name[0] == 0 || r->name[0] == 1))
		return false;	/* "." and ".." */
	n = iso_base_len((const char *)r->name, n);
	return same_name(r->name, n, name, iso_base_len(name, name_len));
}

int iso9660_parse_pvd(const uint8_t *s, struct iso9660_volume *v, const char **reason)
{
	size_t n;

	if (s[0] != 1 || memcmp(s + 1, "CD001", 5) != 0)
		return status_fail_into(reason, STATUS_EMALFORMED, "not an ISO 9660 primary volume descriptor");
	if (s[6] != 1)
		return status_fail_into(reason, STATUS_EUNSUPPORTED, "ISO 9660 primary volume descriptor version is not 1");
	v->volume_blocks = le32_read(s + 80);
	v->block_size = le16_read(s + 128);
	if (v->block_size != 512 && v->block_size != 1024 && v->block_size != 2048)
		return status_fail_into(reason, STATUS_EUNSUPPORTED, "ISO 9660 logical block size is not 512, 1024 or 2048");
	if (v->volume_blocks == 0)
		return status_fail_into(reason, STATUS_EMALFORMED, "ISO 9660 volume space size is zero");
	if (iso9660_parse_record(s + 156, 34, &v->root, reason) != 0)
		return status_fail_into(reason, STATUS_EMALFORMED, "ISO 9660 root directory record is malformed");
	if (!v->root.dir)
		return status_fail_into(reason, STATUS_EMALFORMED, "ISO 9660 root directory record is not a directory");
	if (v->root.extent >= v->volume_blocks ||
	    (v->root.size + (uint64_t)v->block_size - 1) / v->block_size >
	    v->volume_blocks - v->root.extent)
		return status_fail_into(reason, STATUS_EMALFORMED, "ISO 9660 root directory lies outside the volume");
	v->root.name = NULL;
	v->root.su = NULL;
	v->root.su_len = 0;
	memcpy(v->volume_id, s + 40, 32);
	v->volume_id[32] = '\0';
	for (n = 32; n > 0 && v->volume_id[n - 1] == ' '; n--)
		v->volume_id[n - 1] = '\0';
	return 0;
}

static int read_sector(struct iso9660_fs *fs, uint64_t sector, uint8_t *buf,
		       const char **reason)
{
	uint64_t off = sector * ISO9660_SECTOR;

	if (off + ISO9660_SECTOR > fs->disk_size)
		return status_fail_into(reason, STATUS_EMALFORMED, "ISO 9660 volume descriptor lies beyond the end of the disk");
	if (fs->read(fs->ctx, off, ISO9660_SECTOR, buf) != 0)
		return status_fail_into(reason, STATUS_EIO, "read error on an ISO 9660 volume descriptor");
	return 0;
}

int iso9660_probe(struct iso9660_fs *fs)
{
	const char *reason;

	if ((uint64_t)(ISO9660_FIRST_VD + 1) * ISO9660_SECTOR > fs->disk_size)
		return 0;
	if (read_sector(fs, ISO9660_FIRST_VD, fs->buf, &reason) != 0)
		return STATUS_EIO;	/* the sector is on the disk: a read error */
	return memcmp(fs->buf + 1, "CD001", 5) == 0;
}

int iso9660_mount(struct iso9660_fs *fs, const char **reason)
{
	for (unsigned i = 0; i < ISO9660_MAX_VD; i++) {
		int rc = read_sector(fs, ISO9660_FIRST_VD + i, fs->buf, reason);

		if (rc != 0)
			return rc;
		if (memcmp(fs->buf + 1, "CD001", 5) != 0)
			return status_fail_into(reason, STATUS_EMALFORMED, i == 0 ? "no ISO 9660 signature (CD001) at sector 16"
					   : "ISO 9660 volume descriptor set ends without a terminator");
		if (fs->buf[0] == 255)
			return status_fail_into(reason, STATUS_EMALFORMED, "ISO 9660 volume has no primary volume descriptor");
		if (fs->buf[0] != 1)
			continue;
		rc = iso9660_parse_pvd(fs->buf, &fs->vol, reason);
		if (rc != 0)
			return rc;
		if ((uint64_t)fs->vol.root.extent * fs->vol.block_size >= fs->disk_size)
			return status_fail_into(reason, STATUS_EMALFORMED, "ISO 9660 root directory lies beyond the end of the disk");
		return 0;
	}
	return status_fail_into(reason, STATUS_ETOOBIG, "ISO 9660 volume descriptor set has no terminator in 32 sectors");
}

/* Whether [extent, extent + size) lies inside the volume and on the disk. */
static bool extent_ok(const struct iso9660_fs *fs, uint32_t extent, uint32_t size)
{
	uint64_t bs = fs->vol.block_size;
	uint64_t blocks = (size + bs - 1) / bs;

	return extent < fs->vol.volume_blocks && blocks <= fs->vol.volume_blocks - extent &&
	       (uint64_t)extent * bs + size <= fs->disk_size;
}

/* Finds name in the directory dir. Returns 1 and *out, 0 if absent, or a
 * negative status with *reason. Sectors are read two at a time so that a
 * record which (against ECMA-119 9.1) crosses a sector boundary is still
 * read whole. */
static int find_in_dir(struct iso9660_fs *fs, const struct iso9660_record *dir,
		       const char *name, size_t name_len, struct iso9660_record *out,
		       const char **reason)
{
	uint64_t base = (uint64_t)dir->extent * fs->vol.block_size;
	uint32_t size = dir->size, pos = 0, window = UINT32_MAX;

	if (size > ISO9660_MAX_DIR_SIZE)
		return status_fail_into(reason, STATUS_ETOOBIG, "ISO 9660 directory larger than 4 MiB");
	if (!extent_ok(fs, dir->extent, size))
		return status_fail_into(reason, STATUS_EMALFORMED, "ISO 9660 directory lies outside the volume or the disk");
	while (pos < size) {
		uint32_t sector = pos / ISO9660_SECTOR, in = pos % ISO9660_SECTOR;
		uint32_t have, avail;
		int rc;
		struct iso9660_record r;

		if (sector != window) {
			uint32_t left = size - sector * ISO9660_SECTOR;

			have = left < sizeof(fs->buf) ? left : (uint32_t)sizeof(fs->buf);
			if (fs->read(fs->ctx, base + (uint64_t)sector * ISO9660_SECTOR, have, fs->buf) != 0)
				return status_fail_into(reason, STATUS_EIO, "read error in an ISO 9660 directory");
			window = sector;
		}
		if (fs->buf[in] == 0) {	/* padding to the next sector */
			pos = (sector + 1) * ISO9660_SECTOR;
			continue;
		}
		avail = size - pos;
		if (avail > sizeof(fs->buf) - in)
			avail = (uint32_t)sizeof(fs->buf) - in;
		rc = iso9660_parse_record(fs->buf + in, avail, &r, reason);
		if (rc != 0)
			return rc;
		if (iso9660_name_matches(&r, name, name_len)) {
			if (r.flags & 0x80)
				return status_fail_into(reason, STATUS_EUNSUPPORTED, "ISO 9660 file is split into several extents (not supported)");
			if (r.len >= 28 && (fs->buf[in + 26] || fs->buf[in + 27]))
				return status_fail_into(reason, STATUS_EUNSUPPORTED, "ISO 9660 interleaved files are not supported");
			*out = r;
			out->name = NULL;
			out->su = NULL;
			out->su_len = 0;
			return 1;
		}
		pos += r.len;
	}
	return 0;
}

int iso9660_lookup(struct iso9660_fs *fs, const char *path, struct iso9660_file *f,
		   const char **reason)
{
	struct iso9660_record cur = fs->vol.root;
	const char *p = path;
	unsigned depth = 0;

	for (;;) {
		const char *start;
		size_t len;
		int rc;

		while (*p == '\\' || *p == '/')
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && *p != '\\' && *p != '/')
			p++;
		len = (size_t)(p - start);
		if (len == 1 && start[0] == '.')
			continue;
		if (len == 2 && start[0] == '.' && start[1] == '.')
			return status_fail_into(reason, STATUS_EUNSUPPORTED, "\"..\" in an ISO 9660 path is not supported");
		if (len > ISO9660_MAX_NAME)
			return status_fail_into(reason, STATUS_ETOOBIG, "path component longer than 255 bytes");
		if (++depth > ISO9660_MAX_DEPTH)
			return status_fail_into(reason, STATUS_ETOOBIG, "path has more than 32 components");
		if (!cur.dir)
			return status_fail_into(reason, STATUS_ENOTFOUND, "a path component is not a directory");
		rc = find_in_dir(fs, &cur, start, len, &cur, reason);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return status_fail_into(reason, STATUS_ENOTFOUND, "file not found");
	}
	if (!cur.dir && !extent_ok(fs, cur.extent, cur.size))
		return status_fail_into(reason, STATUS_EMALFORMED, "ISO 9660 file lies outside the volume or the disk");
	f->offset = (uint64_t)cur.extent * fs->vol.block_size;
	f->size = cur.size;
	f->dir = cur.dir;
	return 0;
}
