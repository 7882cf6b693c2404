/* SPDX-License-Identifier: MIT */
/* Formats into a bounded buffer and writes it to the board console. */
#include <stdio.h>

#include "board.h"
#include "log.h"

void fw_vprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	size_t len = n < 0 ? 0 : (size_t)n >= sizeof(buf) ? sizeof(buf) - 1 : (size_t)n;
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		board_console_write(buf + start, i - start);
		board_console_write("\r\n", 2);
		start = i + 1;
	}
	board_console_write(buf + start, len - start);
}

void fw_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fw_vprintf(fmt, ap);
	va_end(ap);
}
