/* SPDX-License-Identifier: MIT */
/* The network boot (slof/boot/net-boot.h): the bootfile fetched into a
 * staging buffer (slof/devices/net-fetch.c), the NIC stopped (no DMA into
 * the client's memory), /chosen filled, and the image started: a Linux
 * vmlinux relocated as QEMU's -kernel would be, any other ELF at its
 * addresses. The client finds the image's staging copy claimed as its own
 * memory. */
#include <stdio.h>

#include "boot/boot.h"
#include "boot/net-boot.h"
#include "devices/net-fetch.h"
#include "log/log.h"
#include "memory/claim.h"
#include "memory/client-mem.h"
#include "net/ipv4.h"
#include "tree/options.h"
#include "tree/tree.h"

#define STAGING_FLOOR	0x4000000ull	/* clear of a kernel at 0x400000 */
#define STAGING_MAX	0x20000000ull	/* 512 MiB */
#define STAGING_MIN	0x1000000ull
#define STAGING_ALIGN	0x10000ull

/* The largest buffer (at most STAGING_MAX, at most half the RAM) that can
 * be claimed at or above STAGING_FLOOR. */
static int claim_staging(uint64_t *base, uint64_t *size)
{
	uint64_t total = claim_ram_total();

	for (uint64_t sz = STAGING_MAX; sz >= STAGING_MIN; sz >>= 1) {
		if (sz > total / 2)
			continue;
		for (uint64_t b = STAGING_FLOOR; b + sz <= total; b += STAGING_MIN)
			if (claim_range(b, sz) == 0) {
				*base = b;
				*size = sz;
				return 0;
			}
	}
	return -1;
}

/* bootpath "PATH:SERVER,FILE": the obp-tftp arguments with the trailing
 * ones left out. The lease reaches the client whole in bootp-response;
 * GRUB 2.12's ofnet adds a second interface when bootpath also names the
 * client address and mask, and then searches every grub.cfg-* name once
 * per interface (ten more TFTP opens at 200 ms each). */
static void set_chosen(const char *path, const char *file)
{
	const struct net_lease *lease = net_fetch_lease();
	struct of_node *chosen = of_find_path("/chosen");
	const char *bootargs = of_option("boot-file");
	char bootpath[400], server[16];

	ipv4_format(lease->tftp_server, server);
	snprintf(bootpath, sizeof(bootpath), "%s:%s,%s", path, server, file);
	of_set_string(chosen, "bootpath", bootpath);
	/* IEEE 1275: boot-file holds the default arguments of boot. */
	of_set_string(chosen, "bootargs", bootargs ? bootargs : "");
	of_set_prop(chosen, "bootp-response", lease->ack, (uint32_t)lease->ack_len);
}

static void fail(struct net_dev *dev, const char *path, const char *why)
{
	log_line("net", "error: %s: %s", path, why);
	net_dev_down(dev);
}

void net_boot_try(struct net_dev *dev, const char *path, const char *args)
{
	uint64_t base, limit, keep;
	const char *file;
	size_t size;
	void *buf;

	if (claim_staging(&base, &limit) != 0 || !(buf = client_ptr_write(base, limit))) {
		fail(dev, path, "no memory to load the bootfile into");
		return;
	}
	if (net_fetch(dev, path, args, buf, (size_t)limit, &size, &file) != 0) {
		claim_release(base, limit);
		net_dev_down(dev);
		return;
	}
	/* No DMA into memory the client may own from here on. */
	net_dev_down(dev);
	set_chosen(path, file);
	if (!elf_kernel_is_relocated(buf, size)) {
		/* A client program (GRUB): the buffer is given back before its
		 * segments are copied out of it, as for a disk boot, so it
		 * does not split /memory "available" (GRUB 2.12 puts its heap
		 * below 768 MiB when the free block there ends below it, and
		 * then the kernel it loads lands at 768 MiB, where Linux's
		 * prom_init finds no room). A segment inside the buffer would
		 * be overwritten by its own copy: refused. */
		claim_release(base, limit);
		if (!elf_segments_overlap(buf, size, base, limit))
			of_start_elf(buf, size, file);
		else
			log_line("net", "error: %s: %s has a segment inside the load buffer at 0x%llx",
				 path, file, (unsigned long long)base);
		log_line("net", "error: %s: %s could not be started", path, file);
		return;
	}
	/* A kernel: the image stays claimed while it is copied out, so it
	 * lands elsewhere; it counts as the client's memory (given back if
	 * the client exits). The rest of the buffer is free again. */
	keep = (size + STAGING_ALIGN - 1) & ~(STAGING_ALIGN - 1);
	if (keep < limit)
		claim_release(base + keep, limit - keep);
	claim_mark_client(base, keep);
	of_start_kernel_elf(buf, size, file);
	claim_unmark_client(base, keep);
	claim_release(base, keep);
	log_line("net", "error: %s: %s could not be started", path, file);
}
