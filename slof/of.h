/* SPDX-License-Identifier: MIT */
/* The Open Firmware core's entry points for the board and the services. */
#ifndef SLOF_OF_H
#define SLOF_OF_H

#include <stddef.h>
#include <stdint.h>

#include "core.h"

/* Runs the firmware on the imported tree (of_start's second half); fdt is
 * QEMU's blob, for its memory reservations. Does not return. */
__attribute__((noreturn)) void of_main(const void *fdt, size_t fdt_size);

/* Adds the nodes and properties an OS expects of Open Firmware. */
int of_setup_tree(void);
/* The console device: /chosen stdout-path, else the first vty. NULL if
 * the machine has none. */
struct of_node *of_console_node(void);
/* Reads NVRAM variables into /options (after defaults). */
void of_options_load(void);
const char *of_option(const char *name);
int of_option_true(const char *name);

/* Compat caps: imports /chosen/qemu,compat-caps or the NVRAM variable and
 * reports them on the console. */
void of_cas_setup(void);
/* The ibm,client-architecture-support method on "/": returns the value for
 * the OS (0 success). */
uint32_t of_cas_call(uint32_t vector_addr);

/* Boots per boot-command (auto-boot) or drops to the prompt. */
__attribute__((noreturn)) void of_boot(void);
/* "boot" with no device: the -kernel image, else the demo client. Returns
 * if nothing could be started. */
void of_boot_default(void);
/* Starts the embedded demo client (romfs "demo"). Returns on failure. */
void of_boot_romfs(const char *name);
/* Loads and starts an ELF image held in memory. Returns -1 on failure
 * after printing why. */
int of_start_elf(const void *image, size_t len, const char *what);

void of_quiesce(void);
__attribute__((noreturn)) void of_client_exited(const char *why);
/* Enters a client (stack: of_client_stack_top) whose client-interface
 * calls and return come back to the core. Does not return. */
__attribute__((noreturn)) void of_enter_client(uint64_t entry, uint64_t r3, uint64_t r4,
					       uint64_t toc, unsigned flags);
/* The interactive prompt; returns only if the user types "exit"? never. */
void of_prompt(void);

/* Top of the stack handed to clients. */
uint64_t of_client_stack_top(void);

#endif
