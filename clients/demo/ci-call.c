/* SPDX-License-Identifier: MIT */
/* The demo client's side of the client interface: an argument block of
 * 32-bit cells handed to the firmware's entry. */
#include <stdarg.h>

#include "demo.h"

uint32_t ci_entry_fn;

struct ci_block {
	uint32_t service, nargs, nret;
	uint32_t cells[16];
};

int ci_call(const char *service, int nargs, int nret, uint32_t *rets, ...)
{
	struct ci_block b;
	int (*entry)(struct ci_block *);
#if defined(__powerpc64__) && (!defined(_CALL_ELF) || _CALL_ELF == 1)
	/* ELFv1: a function pointer names a descriptor {entry, toc, env}.
	 * The firmware's entry sets up its own TOC, so 0 will do. */
	static uint64_t descriptor[3];

	descriptor[0] = ci_entry_fn;
	entry = (int (*)(struct ci_block *))(void *)descriptor;
#else
	entry = (int (*)(struct ci_block *))(uintptr_t)ci_entry_fn;
#endif
	va_list ap;
	int rc;

	b.service = (uint32_t)(uintptr_t)service;
	b.nargs = (uint32_t)nargs;
	b.nret = (uint32_t)nret;
	va_start(ap, rets);
	for (int i = 0; i < nargs; i++)
		b.cells[i] = va_arg(ap, uint32_t);
	va_end(ap);
	for (int i = 0; i < nret; i++)
		b.cells[nargs + i] = 0;
	rc = entry(&b);
	for (int i = 0; i < nret; i++)
		rets[i] = b.cells[nargs + i];
	return rc;
}
