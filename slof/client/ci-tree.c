/* SPDX-License-Identifier: MIT */
/* Device-tree services: finddevice, getprop, getproplen, nextprop, setprop,
 * peer, child, parent, package-to-path, canon. IEEE 1275 failure is -1,
 * except peer/child/parent which answer 0 for "none". */
#include <string.h>

#include "client/ci.h"
#include "log/log.h"
#include "memory/client-mem.h"
#include "tree/tree.h"

#define PATH_MAX_LEN 256
#define CI_SETPROP_MAX 0x10000u
#define CI_SETPROP_TOTAL_MAX 0x100000u

static uint32_t setprop_bytes;	/* everything clients have stored */

static struct of_node *node_of(uint32_t ph)
{
	return of_find_phandle(ph);
}

int ci_finddevice(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char path[PATH_MAX_LEN];
	struct of_node *n;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (client_read_string(args[0], path, sizeof(path)) < 0)
		return 0;
	n = of_find_device(path);
	if (n)
		rets[0] = n->phandle;
	return 0;
}

int ci_getprop(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char name[OF_PROP_NAME_MAX + 1];
	struct of_node *n = node_of(args[0]);
	const void *v;
	uint32_t len, copy;
	void *dst;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (!n || client_read_string(args[1], name, sizeof(name)) < 0)
		return 0;
	v = of_get_prop(n, name, &len);
	if (!v)
		return 0;
	/* IEEE 1275: the full length is returned even when buflen is smaller. */
	copy = len < args[3] ? len : args[3];
	if (copy) {
		dst = client_ptr_write(args[2], copy);
		if (!dst)
			return 0;
		memcpy(dst, v, copy);
	}
	rets[0] = len;
	return 0;
}

int ci_getproplen(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char name[OF_PROP_NAME_MAX + 1];
	struct of_node *n = node_of(args[0]);
	uint32_t len;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (n && client_read_string(args[1], name, sizeof(name)) >= 0 &&
	    of_get_prop(n, name, &len))
		rets[0] = len;
	return 0;
}

int ci_nextprop(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char prev[OF_PROP_NAME_MAX + 1];
	struct of_node *n = node_of(args[0]);
	const struct of_prop *p;
	char *dst;
	size_t len;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (!n)
		return 0;
	if (args[1] == 0)
		prev[0] = '\0';
	else if (client_read_string(args[1], prev, sizeof(prev)) < 0)
		return 0;
	if (prev[0] && !of_has_prop(n, prev))
		return 0;
	p = of_next_prop(n, prev);
	if (!p) {
		rets[0] = 0;
		dst = client_ptr_write(args[2], 1);
		if (dst)
			dst[0] = '\0';
		return 0;
	}
	len = strlen(p->name) + 1;
	dst = client_ptr_write(args[2], len);
	if (!dst)
		return 0;
	memcpy(dst, p->name, len);
	rets[0] = 1;
	return 0;
}

int ci_setprop(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char name[OF_PROP_NAME_MAX + 1];
	struct of_node *n = node_of(args[0]);
	const void *src = NULL;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (!n || client_read_string(args[1], name, sizeof(name)) <= 0)
		return 0;
	/* Clients store small things (bootargs, rtas-base, initrd bounds);
	 * the cap keeps one from filling the firmware heap. */
	if (args[3] > CI_SETPROP_MAX || setprop_bytes + args[3] > CI_SETPROP_TOTAL_MAX) {
		log_line("ci", "setprop %s: %u bytes refused (limit %u per property, %u in all)",
			 name, args[3], CI_SETPROP_MAX, CI_SETPROP_TOTAL_MAX);
		return 0;
	}
	if (args[3]) {
		src = client_ptr_read(args[2], args[3]);
		if (!src)
			return 0;
	}
	if (of_set_prop(n, name, src, args[3]) == 0) {
		setprop_bytes += args[3];
		rets[0] = args[3];
	}
	return 0;
}

int ci_peer(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct of_node *n;

	(void)nargs; (void)nret;
	rets[0] = 0;
	if (args[0] == 0) {
		rets[0] = of_root()->phandle;	/* peer(0) is the root */
		return 0;
	}
	n = node_of(args[0]);
	if (!n)
		rets[0] = CI_FAIL;
	else if (n->sibling)
		rets[0] = n->sibling->phandle;
	return 0;
}

int ci_child(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct of_node *n = node_of(args[0]);

	(void)nargs; (void)nret;
	rets[0] = !n ? CI_FAIL : n->child ? n->child->phandle : 0;
	return 0;
}

int ci_parent(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct of_node *n = node_of(args[0]);

	(void)nargs; (void)nret;
	rets[0] = !n ? CI_FAIL : n->parent ? n->parent->phandle : 0;
	return 0;
}

/* Copies a path into client memory; returns its length or CI_FAIL. The
 * length is returned in full even when the buffer is smaller. */
uint32_t ci_copy_path_out(const char *path, size_t len, uint32_t buf, uint32_t buflen)
{
	size_t copy = len + 1 <= buflen ? len + 1 : buflen;
	char *dst;

	if (copy) {
		dst = client_ptr_write(buf, copy);
		if (!dst)
			return CI_FAIL;
		memcpy(dst, path, copy);
	}
	return (uint32_t)len;
}

int ci_package_to_path(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	struct of_node *n = node_of(args[0]);
	char path[PATH_MAX_LEN];
	size_t len;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (!n)
		return 0;
	len = of_node_path(n, path, sizeof(path));
	if (len >= sizeof(path))
		return 0;
	rets[0] = ci_copy_path_out(path, len, args[1], args[2]);
	return 0;
}

int ci_canon(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char in[PATH_MAX_LEN], path[PATH_MAX_LEN];
	struct of_node *n;
	const char *colon;
	size_t len;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (client_read_string(args[0], in, sizeof(in)) < 0)
		return 0;
	n = of_find_device(in);
	if (!n)
		return 0;
	len = of_node_path(n, path, sizeof(path));
	colon = strrchr(in, ':');
	if (colon && !strchr(colon, '/') && len + strlen(colon) < sizeof(path)) {
		memcpy(path + len, colon, strlen(colon) + 1);
		len += strlen(colon);
	}
	if (len >= sizeof(path))
		return 0;
	rets[0] = ci_copy_path_out(path, len, args[1], args[2]);
	return 0;
}
