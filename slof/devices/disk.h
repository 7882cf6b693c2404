/* SPDX-License-Identifier: MIT */
/* The disk package: instances of tree nodes that carry a block device
 * (slof/devices/block.h). Device arguments follow the CHRP binding
 * "[partition][,path]": "" or "0" is the whole disk, "N" partition N,
 * "N,\path" a file on it, "\path" or ",\path" a file on the disk's ISO
 * 9660 volume. Methods: read, seek, close, and by call-method block-size,
 * #blocks, read-blocks, load, size, max-transfer. */
#ifndef SLOF_DISK_H
#define SLOF_DISK_H

#include <stddef.h>
#include <stdint.h>

#include "status/status.h"
#include "tree/instance.h"

/* Registers the instance matcher for nodes with a block device. Done by
 * the first block_register(), so no device is ever without it; calling it
 * again does nothing. */
void disk_package_register(void);

/* Why the last open of a disk instance failed ("partition 3: no such
 * partition", ...), or "" when the last open succeeded. */
const char *disk_open_error(void);

/* Whether inst is an instance of the disk package. */
int disk_is_instance(const struct of_instance *inst);

#define DISK_PREP_MAX_BYTES 0x2000000u	/* a PReP partition is read up to 32 MiB */

/* A boot program on a disk, found by disk_find_boot. */
struct disk_boot {
	uint64_t offset;	/* byte offset on the device */
	uint64_t size;		/* bytes to load */
	char args[288];		/* device arguments naming it: "" (the PReP
				 * partition of the disk), ",\boot\grub\powerpc.elf" */
	char bootargs[256];	/* arguments bootinfo.txt gives it, or "" */
	char what[96];		/* for messages: "PReP partition 1 (MBR)" */
};

/* Finds what `load` loads for the instance (IEEE 1275 CHRP binding, and
 * SLOF's order): a file instance loads its file; a partition instance a
 * PReP partition raw or the \ppc\bootinfo.txt program of an ISO 9660
 * partition; the whole disk its ISO 9660 \ppc\bootinfo.txt program, else
 * its MBR or GPT PReP partition (raw, at most DISK_PREP_MAX_BYTES,
 * and only as far as the ELF image in it extends), else the bootinfo.txt
 * of an ISO 9660 partition 1. Returns 0 and fills *b, or a negative
 * status with why set ("GPT header CRC mismatch", "no PReP boot partition
 * (MBR type 0x41)", ...). */
int disk_find_boot(struct of_instance *inst, struct disk_boot *b, struct status_text *why);

/* Reads the program disk_find_boot found into buf (b->size bytes).
 * Returns 0, or a negative status with why set. */
int disk_read_boot(struct of_instance *inst, const struct disk_boot *b, void *buf,
		   struct status_text *why);

#endif
