/* SPDX-License-Identifier: MIT */
/* Entry of the demo client (ELF32 BE, like GRUB): r5 = client interface,
 * r1 = the firmware's client stack. */
	.text
	.globl	_start
_start:
	lis	%r11, ci_entry_fn@ha
	stw	%r5, ci_entry_fn@l(%r11)
	li	%r0, 0
	stwu	%r0, -64(%r1)
	bl	demo_main
1:	b	1b
	.section .note.GNU-stack,"",@progbits
