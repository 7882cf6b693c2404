/* SPDX-License-Identifier: MIT */
/* The hypervisor's answer to ibm,client-architecture-support: the level its
 * device tree names for the first CPU (PSERIES-REFERENCE.md 2.4), read from
 * the reply itself, never from a tree merged from older answers. */
#ifndef LIB_CAS_CAS_REPLY_H
#define LIB_CAS_CAS_REPLY_H

#include <stddef.h>
#include <stdint.h>

#include "status/status.h"

/* Reads cpu-version of the first node under /cpus in the tree fdt (at most
 * max_size bytes). Returns 1 with *pvr set; 0 when that node has no
 * cpu-version of 4 bytes (QEMUs that answer raw mode by leaving it out);
 * fdt_reader_open's code when the tree does not validate, STATUS_ENOTFOUND
 * when it has no node under /cpus. */
int cas_reply_cpu_version(const void *fdt, size_t max_size, uint32_t *pvr);

#endif
