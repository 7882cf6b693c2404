/* SPDX-License-Identifier: MIT */
/* Embeds the romfs archive (built by romfs/mkromfs) into the image. */
	.section .romfs, "a"
	.balign 8
	.incbin ROMFS_IMAGE
