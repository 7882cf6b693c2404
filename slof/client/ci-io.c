/* SPDX-License-Identifier: MIT */
/* Instance services: open, close, read, write, seek, call-method,
 * instance-to-package, instance-to-path. open fails with 0; the others
 * with -1. */
#include <string.h>

#include "client/ci.h"
#include "log/log.h"
#include "memory/client-mem.h"
#include "tree/instance.h"

#define PATH_MAX_LEN 256
#define METHOD_MAX_LEN 64

int ci_open(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char path[PATH_MAX_LEN];

	(void)nargs; (void)nret;
	rets[0] = 0;
	if (client_read_string(args[0], path, sizeof(path)) >= 0)
		rets[0] = instance_open(path);
	return 0;
}

int ci_close(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	(void)nargs; (void)nret; (void)rets;
	instance_close(args[0]);
	return 0;
}

int ci_read(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct of_instance *inst = instance_get(args[0]);
	void *buf;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (!inst || !inst->ops->read)
		return 0;
	buf = client_ptr_write(args[1], args[2]);
	if (buf || args[2] == 0)
		rets[0] = (uint32_t)inst->ops->read(inst, buf, args[2]);
	return 0;
}

int ci_write(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct of_instance *inst = instance_get(args[0]);
	const void *buf;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (!inst || !inst->ops->write)
		return 0;
	buf = client_ptr_read(args[1], args[2]);
	if (buf || args[2] == 0)
		rets[0] = (uint32_t)inst->ops->write(inst, buf, args[2]);
	return 0;
}

int ci_seek(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct of_instance *inst = instance_get(args[0]);

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (inst && inst->ops->seek)
		rets[0] = (uint32_t)inst->ops->seek(inst, ((uint64_t)args[1] << 32) | args[2]);
	return 0;
}

int ci_instance_to_package(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct of_instance *inst = instance_get(args[0]);

	(void)nargs; (void)nret;
	rets[0] = inst ? inst->node->phandle : CI_FAIL;
	return 0;
}

int ci_instance_to_path(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct of_instance *inst = instance_get(args[0]);
	char path[PATH_MAX_LEN];
	size_t len;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (!inst)
		return 0;
	len = of_node_path(inst->node, path, sizeof(path));
	if (inst->args[0] && len + 1 + strlen(inst->args) < sizeof(path)) {
		path[len++] = ':';
		strlcpy(path + len, inst->args, sizeof(path) - len);
		len += strlen(inst->args);
	}
	if (len < sizeof(path))
		rets[0] = ci_copy_path_out(path, len, args[1], args[2]);
	return 0;
}

/* call-method: args = method, ihandle, stack args...; rets[0] = catch
 * result (0 = ran), rets[1..] = the method's results. */
int ci_call_method(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char method[METHOD_MAX_LEN];
	struct of_instance *inst;

	rets[0] = CI_FAIL;
	if (client_read_string(args[0], method, sizeof(method)) < 0)
		return 0;
	inst = instance_get(args[1]);
	if (!inst) {
		log_line("ci", "call-method %s: invalid ihandle 0x%x", method, args[1]);
		return 0;
	}
	if (!inst->ops->call_method ||
	    inst->ops->call_method(inst, method, nargs - 2, args + 2, nret - 1, rets + 1) != 0) {
		char path[128];

		of_node_path(inst->node, path, sizeof(path));
		log_line("ci", "call-method %s: no such method on %s", method, path);
		return 0;
	}
	rets[0] = 0;
	return 0;
}
