/* SPDX-License-Identifier: MIT */
/* Firmware invariants only; never for data from a client, disk or network. */
#ifndef LIBC_ASSERT_H
#define LIBC_ASSERT_H

void libc_assert_failed(const char *expr, const char *file, int line)
	__attribute__((noreturn));
#define assert(e) ((e) ? (void)0 : libc_assert_failed(#e, __FILE__, __LINE__))

#endif
