/* SPDX-License-Identifier: MIT */
/* Boot sequence: the kernel QEMU loaded (-kernel), else the embedded demo
 * client; hand-off to clients and what happens when they come back. */
#include <string.h>

#include "be.h"
#include "board.h"
#include "boot/boot-device.h"
#include "boot/boot.h"
#include "client/ci.h"
#include "devices/net-dev.h"
#include "devices/virtio-probe.h"
#include "devices/vscsi-probe.h"
#include "heap/heap.h"
#include "log/log.h"
#include "memory/claim.h"
#include "tree/options.h"
#include "tree/tree.h"

#define CLIENT_STACK_SIZE 0x40000	/* Linux prom_init and GRUB run on it */

static uint64_t client_stack_top;

void of_client_stack_claim(void)
{
	uint64_t stack;

	if (claim_alloc(CLIENT_STACK_SIZE, 0x1000, 0x100000000ull, &stack) == 0)
		client_stack_top = stack + CLIENT_STACK_SIZE - 0x100;
}

uint64_t of_client_stack_top(void)
{
	return client_stack_top;
}

static uint64_t read_cells_prop(const struct of_node *n, const char *name, int *ok)
{
	uint32_t len;
	const uint8_t *v = of_get_prop(n, name, &len);

	*ok = v && (len == 4 || len == 8);
	if (!*ok)
		return 0;
	return len == 8 ? be64_read(v) : be32_read(v);
}

/* Starts what QEMU placed with -kernel, as Linux expects: r3/r4 = initrd,
 * r5 = client interface, 32-bit BE with FP on (the kernel switches itself
 * to LE). Returns if there is no kernel. */
static void boot_loaded_kernel(void)
{
	struct of_node *chosen = of_find_path("/chosen");
	const uint8_t *k;
	uint32_t len;
	uint64_t base, size, initrd = 0, initrd_end = 0;
	int ok1, ok2;

	k = of_get_prop(chosen, "qemu,boot-kernel", &len);
	if (!k)
		return;
	if (len != 16) {
		log_line("boot", "qemu,boot-kernel has %u bytes, expected 16: ignored", len);
		return;
	}
	base = be64_read(k);
	size = be64_read(k + 8);
	if (!claim_is_ram(base, size ? size : 1)) {
		log_line("boot", "kernel at 0x%llx+0x%llx is outside RAM: not started",
			 (unsigned long long)base, (unsigned long long)size);
		return;
	}
	initrd = read_cells_prop(chosen, "linux,initrd-start", &ok1);
	initrd_end = read_cells_prop(chosen, "linux,initrd-end", &ok2);
	if (!ok1 || !ok2 || initrd_end < initrd)
		initrd = initrd_end = 0;
	if (initrd)
		log_line("boot", "starting kernel at 0x%llx (%s, %llu bytes), initrd at 0x%llx (%llu bytes)",
			 (unsigned long long)base,
			 of_has_prop(chosen, "qemu,boot-kernel-le") ? "little-endian" : "big-endian",
			 (unsigned long long)size, (unsigned long long)initrd,
			 (unsigned long long)(initrd_end - initrd));
	else
		log_line("boot", "starting kernel at 0x%llx (%s, %llu bytes)",
			 (unsigned long long)base,
			 of_has_prop(chosen, "qemu,boot-kernel-le") ? "little-endian" : "big-endian",
			 (unsigned long long)size);
	of_enter_client(base, initrd, initrd_end - initrd, 0, 0);
}

void of_boot_default(void)
{
	boot_loaded_kernel();
	/* Disks and CDs (qemu,boot-list, bootindex, aliases) before the
	 * embedded demo client, which stays the last resort when no boot
	 * device is configured at all. */
	if (boot_device_boot() != BOOT_DEVICE_NONE)
		return;
	of_boot_romfs("demo");
	log_line("boot", "nothing bootable found");
}

static void run_command(const char *cmd)
{
	if (strcmp(cmd, "boot") == 0) {
		of_boot_default();
		return;
	}
	if (strncmp(cmd, "boot ", 5) == 0) {	/* boot DEVICE... */
		boot_device_boot_list(cmd + 5);
		return;
	}
	log_line("boot", "boot-command \"%s\" not understood", cmd);
}

void of_boot(void)
{
	const char *cmd = of_option("boot-command");

	if (of_option_true("auto-boot?")) {
		run_command(cmd && cmd[0] ? cmd : "boot");
	} else {
		log_line("boot", "auto-boot? is false: not booting");
	}
	for (;;)
		of_prompt();
}

/* The OS is about to take over. Hand the final tree (with the OS's
 * linux,rtas-base) to the hypervisor, which uses it for firmware-assisted
 * NMI; a hypervisor without that call is fine. */
void of_quiesce(void)
{
	void *blob;
	size_t size;
	int rc;

	/* Devices stop before the OS owns memory: no DMA into its pages. */
	virtio_quiesce_all();
	vscsi_quiesce_all();
	net_dev_quiesce_all();
	if (of_flatten(&blob, &size) != 0) {
		log_error("of", "quiesce: out of memory flattening the device tree");
		return;
	}
	rc = board->update_dt(blob);
	if (rc < 0)
		log_warning("of", "quiesce: the hypervisor rejected the final device tree (%zu bytes)", size);
	heap_free(blob);
}

static __attribute__((noreturn)) void client_returned(void)
{
	of_client_exited("the client returned to the firmware");
}

void of_enter_client(uint64_t entry, uint64_t r3, uint64_t r4, uint64_t toc, unsigned flags)
{
	const struct board_client c = {
		.entry = entry, .r3 = r3, .r4 = r4, .stack = of_client_stack_top(),
		.toc = toc, .flags = flags, .ci_call = ci_handle, .returned = client_returned,
	};

	board->start_client(&c);
}

void of_client_exited(const char *why)
{
	uint64_t bytes = claim_release_client();

	if (bytes)
		log_line("boot", "%s; released its %llu KiB of memory", why,
			 (unsigned long long)(bytes >> 10));
	else
		log_line("boot", "%s", why);
	for (;;)
		of_prompt();
}
