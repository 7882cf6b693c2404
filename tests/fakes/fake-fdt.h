/* SPDX-License-Identifier: MIT */
/* Device trees for host tests, written with libfdt's sequential-write API
 * and shaped like QEMU's pseries tree (PSERIES-REFERENCE.md 1.7), plus a
 * small architecture vector for client-architecture-support. */
#ifndef TESTS_FAKES_FAKE_FDT_H
#define TESTS_FAKES_FAKE_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FAKE_XICS_PHANDLE 0x1111u
#define FAKE_STDOUT_PATH "/vdevice/vty@71000000"
#define FAKE_XIVE_NAME "interrupt-controller@6030000000000"
#define FAKE_DISK_PATH "/vdevice/v-scsi@71000003/disk@8000000000000000"

struct fake_fdt_opts {
	uint64_t ram_size;		/* /memory@0 reg = [0, ram_size) */
	bool xive;			/* XIVE interrupt controller instead of XICS */
	bool cas_reply;			/* adds /chosen ibm,architecture-vec-5 */
	uint32_t cpu_version;		/* 0: 0x004e1200 (POWER9 DD2.0) */
	bool no_cpu_version;		/* leave cpu-version out of the CPU node */
	uint64_t rsv_base, rsv_size;	/* one reservation map entry if size */
	const uint8_t *compat_caps;	/* /chosen qemu,compat-caps if len */
	size_t compat_caps_len;
	/* /chosen qemu,boot-kernel (and a reservation) if kernel_size */
	uint64_t kernel_base, kernel_size;
	bool kernel_le;			/* /chosen qemu,boot-kernel-le */
	/* linux,initrd-start/-end (one cell each) and a reservation if end */
	uint64_t initrd_start, initrd_end;
	uint32_t rtas_size;		/* /rtas rtas-size; 0: 0x2000 */
};

/* Writes the tree into buf. Returns its total size; aborts if it does not
 * fit (a test bug). Layout:
 *   / (#address-cells 2, #size-cells 2, compatible "qemu,pseries",
 *      model "IBM pSeries (emulated by qemu)", device_type "chrp")
 *   /chosen (stdout-path FAKE_STDOUT_PATH, bootargs "quiet")
 *   /rtas (rtas-size, tokens, ibm,hypertas-functions)
 *   /cpus/PowerPC,POWER9@0 (device_type "cpu", reg 0, cpu-version)
 *   /vdevice/vty@71000000 (compatible "hvterm1", device_type "serial")
 *   /vdevice/nvram@71000001, /vdevice/v-scsi@71000003/disk@8000000000000000
 *   /memory@0 (device_type "memory", reg)
 *   /interrupt-controller (XICS, phandle 0x1111) or FAKE_XIVE_NAME
 *   /aliases (disk = FAKE_DISK_PATH, screen = "/nonexistent") */
size_t fake_fdt_pseries(void *buf, size_t size, const struct fake_fdt_opts *o);

/* A 27-byte ibm,architecture-vec: raw POWER9, logical POWER9, the
 * ISA 2.05 entry that ends the list, and one option vector. */
extern const uint8_t fake_cas_vector[];
extern const size_t fake_cas_vector_len;

#endif
