/* SPDX-License-Identifier: MIT */
/* Demo client: a small Open Firmware client program. */
#ifndef CLIENTS_DEMO_H
#define CLIENTS_DEMO_H

#include <stdint.h>

#define CI_FAIL 0xffffffffu

/* Calls a client-interface service; rets[0..nret) receive the results.
 * Returns the entry's r3 (0 when the service ran). */
int ci_call(const char *service, int nargs, int nret, uint32_t *rets, ...);

void demo_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
