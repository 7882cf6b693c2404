/* SPDX-License-Identifier: MIT */
/* Formats into a bounded buffer and writes it to the board console. */
#include <stdbool.h>
#include <stdio.h>

#include "board.h"
#include "log/log.h"

/* Whether the console's last byte ended a line: a client's unfinished
 * line ("Calling ibm,client-architecture-support...") gets a line break
 * before the firmware's own line. */
static bool at_line_start = true;

void fw_console_write(const char *s, size_t n)
{
	if (n == 0)
		return;
	board->console_write(s, n);
	at_line_start = s[n - 1] == '\n';
}

void fw_vprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	size_t len = n < 0 ? 0 : (size_t)n >= sizeof(buf) ? sizeof(buf) - 1 : (size_t)n;
	size_t start = 0;

	if (!at_line_start && len && buf[0] != '\n')
		board->console_write("\r\n", 2);
	if (len)
		at_line_start = buf[len - 1] == '\n';

	for (size_t i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		board->console_write(buf + start, i - start);
		board->console_write("\r\n", 2);
		start = i + 1;
	}
	board->console_write(buf + start, len - start);
}

void fw_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fw_vprintf(fmt, ap);
	va_end(ap);
}
