/* SPDX-License-Identifier: MIT */
/* The one place that makes RTAS calls (KVMPPC_H_RTAS with a buffer of BE
 * cells), plus NVRAM access and instantiate-rtas for the OS. */
#include <stdbool.h>
#include <string.h>

#include "be.h"
#include "board.h"
#include "board-qemu.h"
#include "client-mem.h"
#include "fdt/fdt-reader.h"
#include "hcall.h"
#include "tree.h"

extern const char rtas_blob_start[], rtas_blob_end[];

static struct of_node *rtas_node;
static const void *early_fdt;	/* QEMU's FDT, until the live tree exists */
static uint32_t nvram_size;
/* Arguments must be at a real address the hypervisor can read: static. */
static uint8_t rtas_buf[4 * 32] __attribute__((aligned(16)));

void board_rtas_init(void)
{
	struct of_node *vdev = of_find_path("/vdevice");

	rtas_node = of_find_path("/rtas");
	for (struct of_node *c = vdev ? vdev->child : NULL; c; c = c->sibling) {
		const char *type = of_get_string(c, "device_type");

		if (type && strcmp(type, "nvram") == 0)
			nvram_size = of_get_u32_or(c, "#bytes", 0);
	}
}

void board_rtas_early(const void *fdt)
{
	early_fdt = fdt;
}

/* A token straight from QEMU's FDT: power-off must work even when the
 * tree could not be imported. */
static const void *early_token(const char *service, uint32_t *len)
{
	struct fdt_reader r;
	struct fdt_cursor c;
	struct fdt_event ev;
	const char *reason;
	bool in_rtas = false;

	if (!early_fdt || fdt_reader_open(&r, early_fdt, 0x200000, &reason) != 0)
		return NULL;
	fdt_cursor_init(&c, &r);
	while (fdt_cursor_next(&c, &ev) == 0 && ev.kind != FDT_EV_END) {
		if (ev.kind == FDT_EV_BEGIN_NODE)
			in_rtas = ev.depth == 2 && strcmp(ev.name, "rtas") == 0;
		else if (ev.kind == FDT_EV_END_NODE)
			in_rtas = false;
		else if (in_rtas && strcmp(ev.name, service) == 0) {
			*len = ev.len;
			return ev.value;
		}
	}
	return NULL;
}

int board_rtas_call(const char *service, int nargs, int nret, const uint32_t *args,
		    uint32_t *rets)
{
	uint32_t len;
	const void *tok = rtas_node ? of_get_prop(rtas_node, service, &len)
				    : early_token(service, &len);

	if (!tok || len != 4 || nargs < 0 || nret < 1 || nargs + nret > 29)
		return -1;
	be32_write(rtas_buf, be32_read(tok));
	be32_write(rtas_buf + 4, (uint32_t)nargs);
	be32_write(rtas_buf + 8, (uint32_t)nret);
	for (int i = 0; i < nargs; i++)
		be32_write(rtas_buf + 12 + 4 * i, args[i]);
	for (int i = 0; i < nret; i++)
		be32_write(rtas_buf + 12 + 4 * (nargs + i), 0xffffffffu);
	if (hcall_rtas(rtas_buf) != H_SUCCESS)
		return -1;
	for (int i = 0; i < nret; i++)
		rets[i] = be32_read(rtas_buf + 12 + 4 * (nargs + i));
	return 0;
}

uint32_t board_nvram_size(void)
{
	return nvram_size;
}

/* nvram-fetch and nvram-store take the same (offset, real address,
 * length) and answer (status, bytes moved); a short move is a failure. */
static int nvram_transfer(const char *service, uint32_t offset, uintptr_t buf, uint32_t size)
{
	uint32_t args[3] = { offset, (uint32_t)buf, size };
	uint32_t rets[2];

	if (buf >= 0x100000000ull)
		return -1;
	if (board_rtas_call(service, 3, 2, args, rets) != 0 || rets[0] != 0 || rets[1] != size)
		return -1;
	return 0;
}

int board_nvram_read(uint32_t offset, void *buf, uint32_t size)
{
	return nvram_transfer("nvram-fetch", offset, (uintptr_t)buf, size);
}

int board_nvram_write(uint32_t offset, const void *buf, uint32_t size)
{
	return nvram_transfer("nvram-store", offset, (uintptr_t)buf, size);
}

int board_instantiate_rtas(uint64_t base, uint32_t size, uint64_t *entry)
{
	size_t blob = (size_t)(rtas_blob_end - rtas_blob_start);
	void *dst;

	if (size < blob)
		return -1;
	dst = client_ptr_write(base, blob);
	if (!dst)
		return -1;
	memcpy(dst, rtas_blob_start, blob);
	/* The OS runs this code next: make the copy visible to fetches. */
	for (size_t off = 0; off < blob; off += 4)
		__asm__ volatile("dcbst 0,%0; sync; icbi 0,%0" : : "r"((char *)dst + off) : "memory");
	__asm__ volatile("sync; isync" : : : "memory");
	*entry = base;
	return 0;
}
