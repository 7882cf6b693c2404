/* SPDX-License-Identifier: MIT */
/* A minimal console prompt for when there is nothing to boot: boot,
 * printenv, ls, power-off, reset-all, help; for checking disks by hand,
 * probe (virtio devices) and dump-block <path> <lba> (the first 256 bytes
 * of one block of a registered block device, in hex). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "boot/boot.h"
#include "devices/block.h"
#include "devices/virtio-probe.h"
#include "devices/vscsi-probe.h"
#include "heap/heap.h"
#include "log/log.h"
#include "tree/tree.h"

static size_t read_line(char *buf, size_t size)
{
	size_t n = 0;

	for (;;) {
		int c = board->console_read();

		if (c < 0)
			continue;
		if (c == '\r' || c == '\n') {
			fw_printf("\n");
			buf[n] = '\0';
			return n;
		}
		if ((c == 0x7f || c == 0x08) && n > 0) {
			n--;
			fw_printf("\b \b");
			continue;
		}
		if (c >= 0x20 && c < 0x7f && n + 1 < size) {
			char ch = (char)c;

			buf[n++] = ch;
			board->console_write(&ch, 1);
		}
	}
}

static void list_tree(const struct of_node *n, int depth)
{
	fw_printf("%*s%s\n", 2 * depth, "", n->parent ? n->name : "/");
	for (const struct of_node *c = n->child; c; c = c->sibling)
		list_tree(c, depth + 1);
}

static void printenv(void)
{
	const struct of_node *opts = of_find_path("/options");

	if (!opts)
		return;
	for (const struct of_prop *p = opts->props; p; p = p->next) {
		if (strcmp(p->name, "name") == 0)
			continue;
		if (p->len && p->value[p->len - 1] == '\0')
			fw_printf("%-24s %s\n", p->name, (const char *)p->value);
		else
			fw_printf("%-24s (%u bytes)\n", p->name, p->len);
	}
}

/* "probe": bring up every disk controller, as booting from disks does. */
static void probe(void)
{
	uint64_t t0 = board->milliseconds();
	int blk = virtio_probe_all(), vscsi = vscsi_probe_all();

	log_line("probe", "%d virtio and %d vscsi block devices, %llu ms", blk, vscsi,
		 (unsigned long long)(board->milliseconds() - t0));
}

/* "dump-block <path> <lba>" */
static void dump_block(const char *args)
{
	const char *sp = strchr(args, ' ');
	char path[128];
	struct of_node *n;
	struct block_dev *bd;
	unsigned long long lba;
	uint8_t *buf;

	if (!sp || (size_t)(sp - args) >= sizeof(path)) {
		log_line("prompt", "usage: dump-block <path> <lba>");
		return;
	}
	memcpy(path, args, (size_t)(sp - args));
	path[sp - args] = '\0';
	lba = strtoull(sp + 1, NULL, 0);
	n = of_find_device(path);
	bd = n ? block_find(n) : NULL;
	if (!bd) {
		log_line("prompt", "%s: no block device there (try probe)", path);
		return;
	}
	buf = heap_alloc_aligned(bd->block_size, 16);
	if (!buf || bd->ops->read(bd, lba, 1, buf) != 0) {
		heap_free(buf);
		return;
	}
	for (unsigned off = 0; off < 512 && off < bd->block_size; off += 16) {
		char hex[16 * 3 + 1];

		for (unsigned i = 0; i < 16; i++)
			snprintf(hex + 3 * i, 4, " %02x", buf[off + i]);
		fw_printf("%04x:%s\n", off, hex);
	}
	heap_free(buf);
}

void of_prompt(void)
{
	char line[128];

	fw_printf("0 > ");
	read_line(line, sizeof(line));
	if (line[0] == '\0')
		return;
	if (strcmp(line, "boot") == 0) {
		of_boot_default();
	} else if (strcmp(line, "printenv") == 0) {
		printenv();
	} else if (strcmp(line, "ls") == 0) {
		list_tree(of_root(), 0);
	} else if (strcmp(line, "power-off") == 0) {
		board->power_off();
	} else if (strcmp(line, "reset-all") == 0) {
		board->reset();
	} else if (strcmp(line, "probe") == 0) {
		probe();
	} else if (strncmp(line, "dump-block ", 11) == 0) {
		dump_block(line + 11);
	} else if (strcmp(line, "help") == 0) {
		fw_printf("commands: boot printenv ls power-off reset-all help probe dump-block\n");
	} else {
		log_line("prompt", "unknown command \"%s\" (type help)", line);
	}
}
