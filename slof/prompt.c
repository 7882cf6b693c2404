/* SPDX-License-Identifier: MIT */
/* A minimal console prompt for when there is nothing to boot: boot,
 * printenv, ls, power-off, reset-all, help. */
#include <string.h>

#include "board.h"
#include "log.h"
#include "of.h"
#include "tree.h"

static size_t read_line(char *buf, size_t size)
{
	size_t n = 0;

	for (;;) {
		int c = board_console_read();

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
			board_console_write(&ch, 1);
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
		board_power_off();
	} else if (strcmp(line, "reset-all") == 0) {
		board_reset();
	} else if (strcmp(line, "help") == 0) {
		fw_printf("commands: boot printenv ls power-off reset-all help\n");
	} else {
		log_line("prompt", "unknown command \"%s\" (type help)", line);
	}
}
