/* SPDX-License-Identifier: MIT */
/* Open instances of packages (IEEE 1275 ihandles) and their methods. */
#ifndef SLOF_INSTANCE_H
#define SLOF_INSTANCE_H

#include <stdint.h>

#include "tree/tree.h"

typedef uint32_t ihandle_t;

struct of_instance;

/* Methods a package supports; a NULL entry means "not supported". The
 * call_method hook returns 0 when it ran the method (rets filled), -1 when
 * the package has no such method. */
struct instance_ops {
	const char *name;
	int (*open)(struct of_instance *inst);
	void (*close)(struct of_instance *inst);
	long (*read)(struct of_instance *inst, void *buf, uint32_t len);
	long (*write)(struct of_instance *inst, const void *buf, uint32_t len);
	long (*seek)(struct of_instance *inst, uint64_t pos);
	int (*call_method)(struct of_instance *inst, const char *method,
			   unsigned nargs, const uint32_t *args,
			   unsigned nret, uint32_t *rets);
};

struct of_instance {
	struct of_node *node;
	const struct instance_ops *ops;
	char args[288];		/* text after ':' in the open path */
	void *priv;
	ihandle_t ihandle;
};

/* Chooses the ops for a node; the board and core register theirs. */
typedef const struct instance_ops *(*instance_match_fn)(const struct of_node *n);
void instance_register(instance_match_fn match);

/* Opens a path or alias. Returns the ihandle, or 0 on failure. */
ihandle_t instance_open(const char *path);
void instance_close(ihandle_t ih);
/* Closes every instance of top or of a node below it (before the nodes
 * are removed, so no ihandle names a freed node). */
void instance_close_subtree(const struct of_node *top);
struct of_instance *instance_get(ihandle_t ih);

#endif
