/* SPDX-License-Identifier: MIT */
/* The compat-aware client-architecture-support component. */
#ifndef SLOF_CAS_CAS_H
#define SLOF_CAS_CAS_H

#include <stdint.h>

/* Compat caps: imports /chosen/qemu,compat-caps or the NVRAM variable and
 * reports them on the console. */
void of_cas_setup(void);
/* The ibm,client-architecture-support method on "/": returns the value for
 * the OS (0 success). */
uint32_t of_cas_call(uint32_t vector_addr);

#endif
