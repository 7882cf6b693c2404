/* SPDX-License-Identifier: MIT */
/* First instructions (QEMU starts the boot CPU at 0x100 in 32-bit BE real
 * mode with r3 = FDT), exception vectors, the client-interface entry, the
 * one hypercall trampoline, the client start and the RTAS blob. */

#define SPR_SRR0 26
#define SPR_SRR1 27

/* Sets MSR[SF] (64-bit mode); clobbers r11, r12. Leaves the old MSR in r11. */
.macro ENTER_64BIT
	mfmsr	%r11
	li	%r12, 1
	sldi	%r12, %r12, 63
	or	%r12, %r11, %r12
	mtmsrd	%r12
	isync
.endm

.macro LOAD_ADDR reg, sym
	lis	\reg, \sym@ha
	addi	\reg, \reg, \sym@l
.endm

.macro LOAD_TOC
	lis	%r2, (__toc_start + 0x8000)@ha
	addi	%r2, %r2, (__toc_start + 0x8000)@l
.endm

	.section .head.text, "ax"
	.globl	_head
_head:
	/* 0x0-0xff: clobbered by Linux's prom_init after CAS; keep nothing here. */
	. = 0x100
	.globl	_start
_start:
	ENTER_64BIT
	mr	%r31, %r3		/* FDT address from QEMU */
	LOAD_ADDR %r3, __bss_start
	LOAD_ADDR %r4, __bss_end
	li	%r0, 0
1:	cmpld	%r3, %r4
	bge	2f
	std	%r0, 0(%r3)
	addi	%r3, %r3, 8
	b	1b
2:	LOAD_ADDR %r1, boot_stack_top
	li	%r0, 0
	stdu	%r0, -128(%r1)
	LOAD_TOC
	mr	%r3, %r31
	bl	fw_main
	nop
3:	b	3b

/* Every other vector reports the exception and stops the machine. */
.macro VECTOR addr
	. = \addr
	mfspr	%r4, SPR_SRR0
	mfspr	%r5, SPR_SRR1
	li	%r3, \addr
	b	exception_entry
.endm
	VECTOR 0x200
	VECTOR 0x300
	VECTOR 0x380
	VECTOR 0x400
	VECTOR 0x480
	VECTOR 0x500
	VECTOR 0x600
	VECTOR 0x700
	VECTOR 0x800
	VECTOR 0x900
	VECTOR 0x980
	VECTOR 0xa00
	VECTOR 0xb00
	VECTOR 0xc00
	VECTOR 0xd00
	VECTOR 0xe00
	VECTOR 0xe20
	VECTOR 0xe40
	VECTOR 0xe60
	VECTOR 0xe80
	VECTOR 0xea0
	VECTOR 0xf00
	VECTOR 0xf20
	VECTOR 0xf40
	VECTOR 0xf60
	. = 0x1000

	.text
exception_entry:
	mfspr	%r6, 8			/* LR */
	LOAD_ADDR %r1, exception_stack_top
	li	%r0, 0
	stdu	%r0, -128(%r1)
	LOAD_TOC
	bl	board_exception
	nop
1:	b	1b

/*
 * Client-interface entry, handed to clients in r5. The caller (Linux's
 * enter_prom, GRUB's C code) runs 32-bit BE in real mode with r3 = the
 * argument block; it expects r1, r2, r13-r31 and CR2-4 preserved and a
 * plain blr back in the mode it called from.
 */
	.globl	ci_entry
ci_entry:
	ENTER_64BIT
	LOAD_ADDR %r12, ci_saved
	std	%r1, 0(%r12)
	std	%r2, 8(%r12)
	mflr	%r0
	std	%r0, 16(%r12)
	std	%r11, 24(%r12)		/* caller's MSR */
	mfcr	%r0
	stw	%r0, 32(%r12)
	std	%r13, 40(%r12)
	LOAD_ADDR %r1, ci_stack_top
	li	%r0, 0
	stdu	%r0, -128(%r1)
	LOAD_TOC
	clrldi	%r3, %r3, 32
	bl	board_ci_call
	nop
	LOAD_ADDR %r12, ci_saved
	ld	%r1, 0(%r12)
	ld	%r2, 8(%r12)
	ld	%r0, 16(%r12)
	mtlr	%r0
	lwz	%r0, 32(%r12)
	mtcrf	0xff, %r0
	ld	%r13, 40(%r12)
	ld	%r11, 24(%r12)
	mtmsrd	%r11
	isync
	blr

/*
 * long hcall_regs(struct hcall_args *a): a->r[0] is the opcode, a->r[1..8]
 * go in r4..r11 and come back with the hypervisor's outputs. The only
 * place that issues "sc 1".
 */
	.globl	hcall_regs
hcall_regs:
	std	%r3, -8(%r1)		/* red zone: the hypervisor does not touch it */
	ld	%r4, 8(%r3)
	ld	%r5, 16(%r3)
	ld	%r6, 24(%r3)
	ld	%r7, 32(%r3)
	ld	%r8, 40(%r3)
	ld	%r9, 48(%r3)
	ld	%r10, 56(%r3)
	ld	%r11, 64(%r3)
	ld	%r3, 0(%r3)
	sc	1
	ld	%r12, -8(%r1)
	std	%r4, 8(%r12)
	std	%r5, 16(%r12)
	std	%r6, 24(%r12)
	std	%r7, 32(%r12)
	std	%r8, 40(%r12)
	std	%r9, 48(%r12)
	std	%r10, 56(%r12)
	std	%r11, 64(%r12)
	blr

/*
 * void client_start(entry, r3, r4, r5, stack, msr, toc): enters a client
 * with rfid so the new MSR (32-bit, FP on) and the entry take effect
 * together. Does not return.
 */
	.globl	client_start
client_start:
	LOAD_ADDR %r12, client_returned	/* a client that returns lands here */
	mtlr	%r12
	mtspr	SPR_SRR0, %r3
	mtspr	SPR_SRR1, %r8
	mr	%r1, %r7
	mr	%r2, %r9
	mr	%r3, %r4
	mr	%r4, %r5
	mr	%r5, %r6
	li	%r6, 0
	li	%r7, 0
	li	%r13, 0
	rfid

/* A client's entry function returned (blr) instead of calling exit. */
client_returned:
	ENTER_64BIT
	LOAD_ADDR %r1, ci_stack_top
	li	%r0, 0
	stdu	%r0, -128(%r1)
	LOAD_TOC
	bl	board_client_returned
	nop
1:	b	1b

/* The OS's RTAS entry: r3 = argument buffer -> KVMPPC_H_RTAS (0xf000).
 * Copied by instantiate-rtas; position independent, works in 32-bit mode. */
	.globl	rtas_blob_start, rtas_blob_end
rtas_blob_start:
	mr	%r4, %r3
	li	%r3, 0
	ori	%r3, %r3, 0xf000
	sc	1
	blr
rtas_blob_end:

	.section .bss
	.balign	16
ci_saved:
	.space	64
	.balign	16
	.space	0x10000
	.globl	boot_stack_top
boot_stack_top:
	.space	0x10000
	.globl	ci_stack_top
ci_stack_top:
	.space	0x2000
exception_stack_top:
	.space	64
