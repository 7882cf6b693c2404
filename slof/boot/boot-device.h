/* SPDX-License-Identifier: MIT */
/* Booting from block devices: the boot-device list (QEMU's qemu,boot-list
 * and qemu,boot-device, the NVRAM boot-device, the default aliases), one
 * attempt per device, and the hand-off to the program loaded. */
#ifndef SLOF_BOOT_DEVICE_H
#define SLOF_BOOT_DEVICE_H

/* Outcome of a boot attempt that returned (a program that starts does not
 * return). */
enum boot_device_result {
	BOOT_DEVICE_NONE = 0,	/* no boot device configured, none found */
	BOOT_DEVICE_FAILED,	/* devices were tried; none could be started */
};

/* Probes the disk controllers (virtio_probe_all, vscsi_probe_all) the
 * first time, and each time adds /aliases disk, disk1, ... (hard disks)
 * and cdrom, cdrom1, ... (CD-ROMs) for the registered block devices in
 * registration order, without replacing aliases that exist. */
void boot_device_probe(void);

/* Boots from the configured list: /chosen qemu,boot-list (a trailing
 * "HALT" makes it strict), else the letters of /chosen qemu,boot-device
 * (c disk, d cdrom, n net), else /options boot-device, else the aliases
 * disk, disk1.., cdrom.., net. A list that is not strict is followed by
 * the default aliases not tried yet. Probes first. Each attempt prints
 * "boot: trying PATH ..." and, when it fails, "boot: PATH: reason". The
 * program started gets /chosen bootpath (device path and arguments) and
 * bootargs. Returns BOOT_DEVICE_NONE when nothing is configured and no
 * block device or NIC exists (the caller may start its embedded client), else
 * BOOT_DEVICE_FAILED after a summary line. */
enum boot_device_result boot_device_boot(void);

/* Boots from an explicit space-separated device list (the arguments of a
 * "boot" command), strictly: no fallback. Returns BOOT_DEVICE_FAILED when
 * nothing could be started. */
enum boot_device_result boot_device_boot_list(const char *list);

#endif
