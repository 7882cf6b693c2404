/* SPDX-License-Identifier: MIT */
/* The instance table. ihandles carry a generation count so a stale handle
 * from a closed instance is rejected, not aliased to a newer one. */
#include <string.h>

#include "log/log.h"
#include "tree/instance.h"

#define MAX_INSTANCES 64
#define MAX_MATCHERS 16
#define IHANDLE_TAG 0x20000000u

static struct of_instance table[MAX_INSTANCES];
static uint8_t generation[MAX_INSTANCES];
static instance_match_fn matchers[MAX_MATCHERS];
static unsigned n_matchers;

static const struct instance_ops plain_ops = { .name = "plain" };

void instance_register(instance_match_fn match)
{
	if (n_matchers < MAX_MATCHERS)
		matchers[n_matchers++] = match;
}

ihandle_t instance_open(const char *path)
{
	struct of_node *n = of_find_device(path);
	const struct instance_ops *ops = &plain_ops;
	const char *colon;
	unsigned slot;

	if (!n)
		return 0;
	for (unsigned i = 0; i < n_matchers; i++) {
		const struct instance_ops *o = matchers[i](n);

		if (o) {
			ops = o;
			break;
		}
	}
	for (slot = 0; slot < MAX_INSTANCES && table[slot].node; slot++)
		;
	if (slot == MAX_INSTANCES)
		return 0;
	memset(&table[slot], 0, sizeof(table[slot]));
	table[slot].node = n;
	table[slot].ops = ops;
	colon = strrchr(path, ':');
	if (colon && !strchr(colon, '/') &&
	    strlcpy(table[slot].args, colon + 1, sizeof(table[slot].args)) >=
		    sizeof(table[slot].args)) {
		log_line("of", "open %.40s...: device arguments too long", path);
		table[slot].node = NULL;
		return 0;
	}
	generation[slot]++;
	table[slot].ihandle = IHANDLE_TAG | ((uint32_t)generation[slot] << 8) | slot;
	if (ops->open && ops->open(&table[slot]) != 0) {
		table[slot].node = NULL;
		return 0;
	}
	return table[slot].ihandle;
}

struct of_instance *instance_get(ihandle_t ih)
{
	unsigned slot = ih & 0xff;

	if ((ih & ~0xffffu) != IHANDLE_TAG || slot >= MAX_INSTANCES ||
	    !table[slot].node || table[slot].ihandle != ih)
		return NULL;
	return &table[slot];
}

void instance_close(ihandle_t ih)
{
	struct of_instance *inst = instance_get(ih);

	if (!inst)
		return;
	if (inst->ops->close)
		inst->ops->close(inst);
	inst->node = NULL;
}

void instance_close_subtree(const struct of_node *top)
{
	for (unsigned slot = 0; slot < MAX_INSTANCES; slot++)
		for (const struct of_node *n = table[slot].node; n; n = n->parent)
			if (n == top) {
				instance_close(table[slot].ihandle);
				break;
			}
}
