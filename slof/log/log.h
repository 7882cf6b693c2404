/* SPDX-License-Identifier: MIT */
/* Console output for people and CI: one line per event, a stable prefix
 * per file ("boot: ...", "ci: ..."), no escape sequences. */
#ifndef SLOF_LOG_H
#define SLOF_LOG_H

#include <stdarg.h>
#include <stddef.h>

/* printf to the console; "\n" goes out as "\r\n". */
void fw_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fw_vprintf(const char *fmt, va_list ap);

/* Writes client console output as is, remembering where the line is. */
void fw_console_write(const char *s, size_t n);

/* One line per event, in three levels:
 *   log_line     "<prefix>: <message>"           what happened
 *   log_warning  "<prefix>: warning: <message>"  a failure the firmware
 *                                                works around (a device or
 *                                                setting skipped)
 *   log_error    "<prefix>: error: <message>"    a failure that loses a
 *                                                function (no memory, an
 *                                                operation refused) */
#define log_line(prefix, fmt, ...) fw_printf(prefix ": " fmt "\n", ##__VA_ARGS__)
#define log_warning(prefix, fmt, ...) fw_printf(prefix ": warning: " fmt "\n", ##__VA_ARGS__)
#define log_error(prefix, fmt, ...) fw_printf(prefix ": error: " fmt "\n", ##__VA_ARGS__)

#endif
