/* SPDX-License-Identifier: MIT */
/* The IEEE 1275 client interface: one table of services, each with its
 * argument and result counts, and one documented failure value each. */
#ifndef SLOF_CI_H
#define SLOF_CI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CI_FAIL 0xffffffffu	/* -1 as a cell */
#define CI_MAX_CELLS 20		/* nargs + nret */

/* A handler reads args[0..nargs) and writes rets[0..nret). Returns 0, or
 * -1 to make the whole call fail (r3 = -1). */
typedef int (*ci_handler)(unsigned nargs, const uint32_t *args,
			  unsigned nret, uint32_t *rets);

struct ci_service {
	const char *name;
	int nargs;		/* exact count, or -(minimum) when variable */
	int nret;		/* likewise */
	ci_handler fn;
};

/* Called from the assembly entry with the client's argument block address.
 * Returns the value for r3: 0 when the service ran, -1 otherwise. */
long ci_handle(uint32_t args_addr);

/* Looks a service up by name (for "test"). */
const struct ci_service *ci_find_service(const char *name);

/* Enables one console line per call ("ci-trace?" in /options). */
void ci_set_trace(bool on);

/* What quiesce, exit and enter do: running clients is the boot layer's
 * business, above this one, so start-up hands its actions in here before
 * any client runs. */
struct ci_control {
	/* Stops devices and hands the final tree to the hypervisor. */
	void (*quiesce)(void);
	/* The client is gone: its memory is released, the prompt runs. */
	__attribute__((noreturn)) void (*exit)(const char *why);
	/* The prompt, then back to the client. */
	void (*enter)(void);
};
void ci_set_control(const struct ci_control *control);

/* Writes path (len bytes) to client memory: the full length is returned
 * even when buflen is smaller; CI_FAIL if the buffer is not writable. */
uint32_t ci_copy_path_out(const char *path, size_t len, uint32_t buf, uint32_t buflen);

/* Services, grouped by file. */
int ci_finddevice(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_getprop(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_getproplen(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_nextprop(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_setprop(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_peer(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_child(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_parent(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_package_to_path(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_canon(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_instance_to_package(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_instance_to_path(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_open(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_close(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_read(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_write(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_seek(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_call_method(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_claim(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_release(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_milliseconds(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_quiesce(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_exit(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_enter(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_boot(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_interpret(unsigned, const uint32_t *, unsigned, uint32_t *);
int ci_test(unsigned, const uint32_t *, unsigned, uint32_t *);

#endif
