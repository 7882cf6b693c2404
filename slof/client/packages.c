/* SPDX-License-Identifier: MIT */
/* Methods of the packages the core knows: "/" (client-architecture-
 * support), "/rtas" (instantiate-rtas) and the hypervisor console. */
#include <string.h>

#include "board.h"
#include "cas/cas.h"
#include "client/packages.h"
#include "log/log.h"
#include "memory/client-mem.h"
#include "tree/instance.h"
#include "tree/tree.h"

static int root_method(struct of_instance *inst, const char *method, unsigned nargs,
		       const uint32_t *args, unsigned nret, uint32_t *rets)
{
	(void)inst;
	if (strcmp(method, "ibm,client-architecture-support") == 0 && nargs >= 1 && nret >= 1) {
		rets[0] = of_cas_call(args[0]);
		return 0;
	}
	return -1;
}

static const struct instance_ops root_ops = {
	.name = "root",
	.call_method = root_method,
};

static int rtas_method(struct of_instance *inst, const char *method, unsigned nargs,
		       const uint32_t *args, unsigned nret, uint32_t *rets)
{
	uint32_t size = of_get_u32_or(inst->node, "rtas-size", 0);
	void *dst;

	if (strcmp(method, "instantiate-rtas") != 0 || nargs < 1 || nret < 1)
		return -1;
	rets[0] = 0;
	dst = client_ptr_write(args[0], size);
	if (!dst || board->instantiate_rtas(dst, size) != 0) {
		log_error("rtas", "cannot instantiate RTAS at 0x%x (rtas-size 0x%x)", args[0], size);
		return 0;
	}
	rets[0] = args[0];
	return 0;
}

static const struct instance_ops rtas_ops = {
	.name = "rtas",
	.call_method = rtas_method,
};

static long console_read(struct of_instance *inst, void *buf, uint32_t len)
{
	char *p = buf;
	uint32_t n = 0;

	(void)inst;
	while (n < len) {
		int c = board->console_read();

		if (c < 0)
			break;
		p[n++] = (char)c;
	}
	return n;
}

static long console_write(struct of_instance *inst, const void *buf, uint32_t len)
{
	(void)inst;
	fw_console_write(buf, len);
	return len;
}

/* GRUB sets its palette with color!; a serial console has none, so the
 * method is accepted and does nothing. */
static int console_method(struct of_instance *inst, const char *method, unsigned nargs,
			  const uint32_t *args, unsigned nret, uint32_t *rets)
{
	(void)inst; (void)nargs; (void)args; (void)nret; (void)rets;
	return strcmp(method, "color!") == 0 ? 0 : -1;
}

static const struct instance_ops console_ops = {
	.name = "console",
	.read = console_read,
	.write = console_write,
	.call_method = console_method,
};

static const struct instance_ops *core_match(const struct of_node *n)
{
	const char *compat;

	if (!n->parent)
		return &root_ops;
	if (n->parent == of_root() && strcmp(n->name, "rtas") == 0)
		return &rtas_ops;
	compat = of_get_string(n, "compatible");
	if ((compat && strcmp(compat, "hvterm1") == 0) ||
	    (of_is_type(n, "serial") && n->parent &&
	     strcmp(n->parent->name, "vdevice") == 0))
		return &console_ops;
	return NULL;
}

void of_packages_register(void)
{
	instance_register(core_match);
}
