/* SPDX-License-Identifier: MIT */
/* The hypervisor vty console (H_PUT_TERM_CHAR / H_GET_TERM_CHAR). Unit
 * address 0 makes QEMU pick the first vty, which is what we use until the
 * device tree names the real one. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "board-qemu.h"
#include "hcall.h"

static uint32_t console_unit;
static char input[16];
static long input_len, input_pos;
/* Whether the last byte written ended a line (see board_log). */
static bool at_line_start = true;

void board_console_select(uint32_t unit)
{
	console_unit = unit;
}

void board_console_write(const char *s, size_t n)
{
	unsigned busy = 0;

	if (n)
		at_line_start = s[n - 1] == '\n';

	while (n) {
		size_t chunk = n > 16 ? 16 : n;
		long rc = hcall_put_term_char(console_unit, s, chunk);

		if (rc == 1 /* H_BUSY */ && ++busy < 100000)
			continue;
		if (rc != H_SUCCESS)
			return;	/* no vty: nothing to print to */
		s += chunk;
		n -= chunk;
	}
}

int board_console_read(void)
{
	if (input_pos >= input_len) {
		input_len = hcall_get_term_char(console_unit, input);
		input_pos = 0;
		if (input_len <= 0) {
			input_len = 0;
			return -1;
		}
	}
	return (unsigned char)input[input_pos++];
}

void board_line(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 2, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(buf) - 3)
		n = (int)sizeof(buf) - 3;
	/* A client's unfinished line gets a line break before the board's. */
	if (!at_line_start)
		board_console_write("\r\n", 2);
	buf[n++] = '\r';
	buf[n++] = '\n';
	board_console_write(buf, (size_t)n);
}
