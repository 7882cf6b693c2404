/* SPDX-License-Identifier: MIT */
/* Booting: the boot command, client programs (ELF images, the -kernel
 * image, romfs clients), their exit, and the prompt. */
#ifndef SLOF_BOOT_BOOT_H
#define SLOF_BOOT_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Boots per boot-command (auto-boot) or drops to the prompt. */
__attribute__((noreturn)) void of_boot(void);
/* "boot" with no device: the -kernel image, else the demo client. Returns
 * if nothing could be started. */
void of_boot_default(void);
/* Starts the embedded client named name (romfs). Returns on failure. */
void of_boot_romfs(const char *name);
/* Loads and starts an ELF image held in memory. Returns -1 on failure
 * after printing why. */
int of_start_elf(const void *image, size_t len, const char *what);
/* Whether a PT_LOAD segment of the ELF image lands in [base, base + size)
 * (false for an image that does not parse: of_start_elf says why). */
bool elf_segments_overlap(const void *image, uint64_t len, uint64_t base, uint64_t size);
/* Whether the image is an ELF64 with a segment whose virtual and physical
 * addresses differ (a Linux vmlinux: 0xc000000000000000 over 0). */
bool elf_kernel_is_relocated(const void *image, size_t len);
/* Loads such an image as one block at 0x400000 (where QEMU puts -kernel;
 * elsewhere if that is taken) and enters it as Linux expects (32-bit
 * big-endian, r3 = r4 = 0). Returns -1 after printing why. */
int of_start_kernel_elf(const void *image, size_t len, const char *what);

/* Claims the stack handed to clients, below 4 GiB (start-up calls it once,
 * after the firmware's own memory is claimed). */
void of_client_stack_claim(void);
/* Top of the stack handed to clients. */
uint64_t of_client_stack_top(void);

/* Quiesces devices and hands the final tree to the hypervisor. */
void of_quiesce(void);
/* Enters a client (stack: of_client_stack_top) whose client-interface
 * calls and return come back to the core. Does not return. */
__attribute__((noreturn)) void of_enter_client(uint64_t entry, uint64_t r3, uint64_t r4,
					       uint64_t toc, unsigned flags);
/* A client ended (exit, or its entry returned): releases its memory and
 * runs the prompt. */
__attribute__((noreturn)) void of_client_exited(const char *why);
/* The interactive prompt: reads and runs one command line. */
void of_prompt(void);

#endif
