/* SPDX-License-Identifier: MIT */
/* Entry of the 64-bit big-endian (ELFv1) build of the demo client: e_entry
 * names this function descriptor, and the firmware enters with r2 = its TOC,
 * r5 = client interface, r1 = the client stack, in 64-bit mode. */
	.section ".opd", "aw"
	.balign	8
	.globl	_start
_start:
	.quad	.L_start, .TOC.@tocbase, 0

	.text
.L_start:
	addis	%r11, %r2, ci_entry_fn@toc@ha
	stw	%r5, ci_entry_fn@toc@l(%r11)
	li	%r0, 0
	stdu	%r0, -128(%r1)
	bl	demo_main
	nop
1:	b	1b
	.section .note.GNU-stack,"",@progbits
