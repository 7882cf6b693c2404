/* SPDX-License-Identifier: MIT */
/* The boot-device loop (PSERIES-REFERENCE 1.6 and 6.8): which devices, in
 * which order, one attempt each through the disk package's load, then the
 * ELF hand-off with /chosen bootpath and bootargs set. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "boot/boot-device.h"
#include "boot/boot.h"
#include "boot/net-boot.h"
#include "devices/block.h"
#include "devices/disk.h"
#include "devices/net-dev.h"
#include "devices/net-probe.h"
#include "devices/virtio-probe.h"
#include "devices/vscsi-probe.h"
#include "elf/elf-image.h"
#include "log/log.h"
#include "memory/claim.h"
#include "memory/client-mem.h"
#include "tree/instance.h"
#include "tree/options.h"
#include "tree/tree.h"

#define MAX_ENTRIES	32
#define ENTRY_MAX	256
#define MAX_ALIASES	8		/* disk, disk1 .. disk7; cdrom ... */
#define STAGING_FLOOR	0x4000000ull	/* above GRUB (0x200000) and its heap */
#define STAGING_STEP	0x1000000ull
#define STAGING_ALIGN	0x10000ull

struct boot_list {
	char entry[MAX_ENTRIES][ENTRY_MAX];
	unsigned n;
	bool strict;
};

static bool probed;

static void add_alias(struct of_node *aliases, const char *base, unsigned *count,
		      const struct block_dev *dev)
{
	char name[16], path[ENTRY_MAX];

	if (*count >= MAX_ALIASES)
		return;
	if (*count == 0)
		snprintf(name, sizeof(name), "%s", base);
	else
		snprintf(name, sizeof(name), "%s%u", base, *count);
	(*count)++;
	if (of_has_prop(aliases, name))
		return;
	if (of_node_path(dev->node, path, sizeof(path)) >= sizeof(path))
		return;
	of_set_string(aliases, name, path);
}

void boot_device_probe(void)
{
	struct of_node *aliases = of_find_path("/aliases");
	unsigned disks = 0, cdroms = 0;
	struct block_dev *dev;

	if (!probed) {
		probed = true;
		virtio_probe_all();
		vscsi_probe_all();
		net_probe_all();
	}
	if (!aliases)
		return;
	for (unsigned i = 0; (dev = block_nth(i)) != NULL; i++) {
		if (dev->is_cdrom)
			add_alias(aliases, "cdrom", &cdroms, dev);
		else
			add_alias(aliases, "disk", &disks, dev);
	}
}

static void list_add(struct boot_list *l, const char *s, size_t len)
{
	if (l->n == MAX_ENTRIES || len == 0)
		return;
	if (len >= ENTRY_MAX) {
		log_line("boot", "boot device name of %zu bytes ignored (too long)", len);
		return;
	}
	memcpy(l->entry[l->n], s, len);
	l->entry[l->n][len] = '\0';
	l->n++;
}

/* Splits a space-separated list; "HALT" ends it and makes it strict. */
static void list_parse(struct boot_list *l, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *start;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if ((size_t)(p - start) == 4 && memcmp(start, "HALT", 4) == 0) {
			l->strict = true;
			return;
		}
		list_add(l, start, (size_t)(p - start));
	}
}

/* disk, disk1 .. disk7 (those that exist; the first always) */
static void list_add_aliases(struct boot_list *l, const char *base)
{
	struct of_node *aliases = of_find_path("/aliases");
	char name[16];

	for (unsigned i = 0; i < MAX_ALIASES; i++) {
		if (i == 0)
			snprintf(name, sizeof(name), "%s", base);
		else
			snprintf(name, sizeof(name), "%s%u", base, i);
		if (of_has_prop(aliases, name))
			list_add(l, name, strlen(name));
	}
}

static void list_defaults(struct boot_list *l)
{
	list_add_aliases(l, "disk");
	list_add_aliases(l, "cdrom");
	list_add_aliases(l, "net");
}

/* The configured list, and where it came from (for the log). */
static const char *list_configured(struct boot_list *l)
{
	struct of_node *chosen = of_find_path("/chosen");
	const char *s;

	memset(l, 0, sizeof(*l));
	s = of_get_string(chosen, "qemu,boot-list");
	if (s && s[0]) {
		list_parse(l, s);
		return "qemu,boot-list";
	}
	s = of_get_string(chosen, "qemu,boot-device");
	if (s && s[0]) {
		for (const char *c = s; *c; c++) {
			if (*c == 'c')
				list_add_aliases(l, "disk");
			else if (*c == 'd')
				list_add_aliases(l, "cdrom");
			else if (*c == 'n')
				list_add_aliases(l, "net");
		}
		return "qemu,boot-device";
	}
	s = of_option("boot-device");
	if (s && s[0]) {
		list_parse(l, s);
		return "boot-device";
	}
	list_defaults(l);
	return NULL;
}

/* Splits "path-or-alias[:args]" into the node and the arguments. */
static struct of_node *resolve(const char *entry, const char **args)
{
	const char *colon = strchr(entry, ':');

	*args = colon ? colon + 1 : "";
	return of_find_device(entry);
}

/* A buffer for the image at STAGING_FLOOR or above, clear of everything
 * claimed (the firmware, the client stack, QEMU's images). */
static int claim_staging(uint64_t size, uint64_t *base)
{
	uint64_t total = claim_ram_total();

	size = (size + STAGING_ALIGN - 1) & ~(STAGING_ALIGN - 1);
	for (uint64_t b = STAGING_FLOOR; b + size <= total && b + size > b; b += STAGING_STEP) {
		if (claim_range(b, size) == 0) {
			*base = b;
			return 0;
		}
	}
	return claim_alloc(size, STAGING_ALIGN, 0x100000000ull, base);
}

static void set_chosen(const char *path, const char *args, const char *bootargs)
{
	struct of_node *chosen = of_find_path("/chosen");
	char bootpath[ENTRY_MAX + 168];

	if (args[0])
		snprintf(bootpath, sizeof(bootpath), "%s:%s", path, args);
	else
		snprintf(bootpath, sizeof(bootpath), "%s", path);
	of_set_string(chosen, "bootpath", bootpath);
	of_set_string(chosen, "bootargs", bootargs);
}

/* One attempt. Returns only when the device could not be started, after
 * printing why. */
static void try_device(const char *entry, struct of_node *node, const char *args)
{
	char path[ENTRY_MAX], open_path[ENTRY_MAX + 130];
	struct status_text why;
	struct block_dev *dev = block_find(node);
	struct of_instance *inst;
	struct disk_boot b;
	uint64_t staging, size;
	ihandle_t ih;
	void *buf;

	of_node_path(node, path, sizeof(path));
	if (strncmp(entry, path, strlen(path)) == 0)	/* a path, not an alias */
		log_line("boot", "trying %s ...", entry);
	else
		log_line("boot", "trying %s%s%s (%s) ...", path, args[0] ? ":" : "", args, entry);
	if (!dev && net_dev_find(node)) {
		net_boot_try(net_dev_find(node), path, args);
		return;
	}
	if (!dev) {
		if (of_is_type(node, "network"))
			log_line("boot", "%s: network boot is not supported by this firmware", path);
		else
			log_line("boot", "%s: not a block device (no disk driver attached)", path);
		return;
	}
	snprintf(open_path, sizeof(open_path), "%s%s%s", path, args[0] ? ":" : "", args);
	ih = instance_open(open_path);
	if (!ih) {
		log_line("boot", "%s: %s", open_path,
			 disk_open_error()[0] ? disk_open_error() : "cannot open");
		return;
	}
	inst = instance_get(ih);
	if (disk_find_boot(inst, &b, &why) != 0) {
		log_line("boot", "%s: %s", open_path, why.text);
		instance_close(ih);
		return;
	}
	if (b.size == 0) {
		log_line("boot", "%s: %s is empty", open_path, b.what);
		instance_close(ih);
		return;
	}
	size = (b.size + STAGING_ALIGN - 1) & ~(STAGING_ALIGN - 1);
	if (claim_staging(size, &staging) != 0 || !(buf = client_ptr_write(staging, size))) {
		log_line("boot", "%s: no memory for %s (%llu bytes)", open_path, b.what,
			 (unsigned long long)b.size);
		instance_close(ih);
		return;
	}
	log_line("boot", "%s: loading %s, %llu bytes", open_path, b.what,
		 (unsigned long long)b.size);
	if (disk_read_boot(inst, &b, buf, &why) != 0) {
		log_line("boot", "%s: %s", open_path, why.text);
		instance_close(ih);
		claim_release(staging, size);
		return;
	}
	instance_close(ih);
	set_chosen(path, b.args, b.bootargs);
	/* The image stays where it is while of_start_elf copies its segments
	 * out; giving the buffer back first keeps it out of the client's
	 * way (GRUB claims its heap from /memory available). A segment inside
	 * the buffer would be overwritten by its own copy: refused. */
	claim_release(staging, size);
	if (!elf_segments_overlap(buf, b.size, staging, size))
		of_start_elf(buf, (size_t)b.size, b.what);
	else
		log_line("boot", "%s: %s has a segment inside the load buffer at 0x%llx",
			 open_path, b.what, (unsigned long long)staging);
	log_line("boot", "%s: %s could not be started", open_path, b.what);
}

/* The nodes tried so far (whole-device attempts only), for the fallback. */
struct tried {
	struct of_node *node[MAX_ENTRIES];
	unsigned n;
};

static bool was_tried(const struct tried *t, const struct of_node *node)
{
	for (unsigned i = 0; i < t->n; i++)
		if (t->node[i] == node)
			return true;
	return false;
}

static void attempt(const char *entry, struct tried *t, bool skip_tried)
{
	const char *args;
	struct of_node *node = resolve(entry, &args);

	if (!node) {
		log_line("boot", "trying %s ...", entry);
		log_line("boot", "%s: no such device", entry);
		return;
	}
	if (skip_tried && was_tried(t, node))
		return;
	if (!args[0] && t->n < MAX_ENTRIES)
		t->node[t->n++] = node;
	try_device(entry, node, args);
}

static enum boot_device_result run_list(const struct boot_list *l, const char *source)
{
	static struct boot_list defaults;
	struct tried t = { .n = 0 };

	if (source)
		log_line("boot", "boot devices from %s%s", source,
			 l->strict ? " (strict: the list ends in HALT)" : "");
	for (unsigned i = 0; i < l->n; i++)
		attempt(l->entry[i], &t, false);
	if (l->strict) {
		if (source)
			log_line("boot", "no device in the boot list could be started, and the list ends in HALT: no other device is tried");
		else
			log_line("boot", "none of the devices given could be started");
		return BOOT_DEVICE_FAILED;
	}
	if (source) {
		memset(&defaults, 0, sizeof(defaults));
		list_defaults(&defaults);
		for (unsigned i = 0; i < defaults.n; i++)
			attempt(defaults.entry[i], &t, true);
	}
	log_line("boot", "no boot device could be started");
	return BOOT_DEVICE_FAILED;
}

enum boot_device_result boot_device_boot(void)
{
	static struct boot_list l;
	const char *source;

	boot_device_probe();
	source = list_configured(&l);
	/* Nothing configured: disks, CDs, then NICs (SLOF's order). QEMU 7.2
	 * does not pass a plain "-boot n" on, so a NIC counts here too; the
	 * demo runs only on a machine with none of them. */
	if (!source && !block_nth(0) && !net_dev_get(0))
		return BOOT_DEVICE_NONE;
	return run_list(&l, source);
}

enum boot_device_result boot_device_boot_list(const char *list)
{
	static struct boot_list l;

	boot_device_probe();
	memset(&l, 0, sizeof(l));
	list_parse(&l, list);
	l.strict = true;
	return run_list(&l, NULL);
}
