/* SPDX-License-Identifier: MIT */
/* Client-interface dispatcher: decode the argument block, check the counts
 * against the service's arity, run it, write the results back. */
#include <string.h>

#include "be.h"
#include "client/ci.h"
#include "log/log.h"
#include "memory/client-mem.h"

static const struct ci_service ci_services[] = {
	{ "finddevice",          1, 1, ci_finddevice },
	{ "getprop",             4, 1, ci_getprop },
	{ "getproplen",          2, 1, ci_getproplen },
	{ "nextprop",            3, 1, ci_nextprop },
	{ "setprop",             4, 1, ci_setprop },
	{ "peer",                1, 1, ci_peer },
	{ "child",               1, 1, ci_child },
	{ "parent",              1, 1, ci_parent },
	{ "package-to-path",     3, 1, ci_package_to_path },
	{ "canon",               3, 1, ci_canon },
	{ "instance-to-package", 1, 1, ci_instance_to_package },
	{ "instance-to-path",    3, 1, ci_instance_to_path },
	{ "open",                1, 1, ci_open },
	{ "close",               1, 0, ci_close },
	{ "read",                3, 1, ci_read },
	{ "write",               3, 1, ci_write },
	{ "seek",                3, 1, ci_seek },
	{ "call-method",        -2, -1, ci_call_method },
	{ "claim",               3, 1, ci_claim },
	{ "release",             2, 0, ci_release },
	{ "milliseconds",        0, 1, ci_milliseconds },
	{ "quiesce",             0, 0, ci_quiesce },
	{ "exit",                0, 0, ci_exit },
	{ "enter",               0, 0, ci_enter },
	{ "boot",                1, 0, ci_boot },
	{ "interpret",          -1, -1, ci_interpret },
	{ "test",                1, 1, ci_test },
};

static bool trace;

void ci_set_trace(bool on)
{
	trace = on;
}

const struct ci_service *ci_find_service(const char *name)
{
	for (size_t i = 0; i < sizeof(ci_services) / sizeof(ci_services[0]); i++)
		if (strcmp(ci_services[i].name, name) == 0)
			return &ci_services[i];
	return NULL;
}

static bool count_ok(int want, uint32_t got)
{
	return want >= 0 ? got == (uint32_t)want : got >= (uint32_t)-want;
}

long ci_handle(uint32_t args_addr)
{
	const uint8_t *hdr = client_ptr_read(args_addr, 12);
	uint32_t args[CI_MAX_CELLS], rets[CI_MAX_CELLS];
	uint32_t nargs, nret;
	const struct ci_service *svc;
	char name[32];
	uint8_t *cells;
	int rc;

	if (!hdr)
		return -1;
	nargs = be32_read(hdr + 4);
	nret = be32_read(hdr + 8);
	if (nargs > CI_MAX_CELLS || nret > CI_MAX_CELLS || nargs + nret > CI_MAX_CELLS)
		return -1;
	cells = client_ptr_write((uint64_t)args_addr + 12, 4 * (nargs + nret));
	if (!cells || client_read_string(be32_read(hdr), name, sizeof(name)) < 0)
		return -1;
	svc = ci_find_service(name);
	if (!svc) {
		log_line("ci", "%s: unknown client-interface service", name);
		return -1;
	}
	if (!count_ok(svc->nargs, nargs) || !count_ok(svc->nret, nret)) {
		log_line("ci", "%s: wrong argument counts %u/%u", name, nargs, nret);
		return -1;
	}
	for (uint32_t i = 0; i < nargs; i++)
		args[i] = be32_read(cells + 4 * i);
	memset(rets, 0, sizeof(rets));
	rc = svc->fn(nargs, args, nret, rets);
	for (uint32_t i = 0; i < nret; i++)
		be32_write(cells + 4 * (nargs + i), rets[i]);
	if (trace)
		log_line("ci", "%s(%x %x %x) -> %d %x", name, nargs > 0 ? args[0] : 0,
			 nargs > 1 ? args[1] : 0, nargs > 2 ? args[2] : 0, rc,
			 nret ? rets[0] : 0);
	return rc;
}
