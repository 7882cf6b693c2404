/* SPDX-License-Identifier: MIT */
/* The hypervisor vty console (H_PUT_TERM_CHAR / H_GET_TERM_CHAR). Unit
 * address 0 makes QEMU pick the first vty, which is what we use until the
 * device tree names the real one. */
#include "board.h"
#include "board-qemu.h"
#include "hcall.h"

static uint32_t console_unit;
static char input[16];
static long input_len, input_pos;

void board_console_set_unit(uint32_t unit)
{
	console_unit = unit;
}

void board_console_write(const char *s, size_t n)
{
	unsigned busy = 0;

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
