/* SPDX-License-Identifier: MIT */
/* The one place that makes RTAS calls (KVMPPC_H_RTAS with a buffer of BE
 * cells), plus NVRAM access and instantiate-rtas for the OS. */
#include <stdbool.h>
#include <string.h>

#include "be.h"
#include "board-qemu.h"
#include "fdt/fdt-reader.h"
#include "hcall.h"

extern const char rtas_blob_start[], rtas_blob_end[];

/* Properties of QEMU's /rtas node (the tokens by service name), read once
 * from QEMU's FDT, which stays in place: power-off must work even when
 * the core could not import the tree. */
#define MAX_RTAS_PROPS 64

struct rtas_prop {
	const char *name;
	const void *value;
	uint32_t len;
};

static struct rtas_prop rtas_props[MAX_RTAS_PROPS];
static unsigned rtas_nprops;
static uint32_t nvram_size;
/* Arguments must be at a real address the hypervisor can read: static. */
static uint8_t rtas_buf[4 * 32] __attribute__((aligned(16)));

void board_rtas_init(const void *fdt, size_t fdt_size)
{
	struct fdt_reader r;
	struct fdt_cursor c;
	struct fdt_event ev;
	const char *reason;
	bool in_rtas = false, in_vdev = false, is_nvram = false;
	uint32_t bytes = 0;

	if (fdt_reader_open(&r, fdt, fdt_size, &reason) != 0)
		return;
	fdt_cursor_init(&c, &r);
	while (fdt_cursor_next(&c, &ev) == 0 && ev.kind != FDT_EV_END) {
		if (ev.kind == FDT_EV_BEGIN_NODE) {
			if (ev.depth == 2) {
				in_rtas = strcmp(ev.name, "rtas") == 0;
				in_vdev = strcmp(ev.name, "vdevice") == 0;
			}
			is_nvram = false;
			bytes = 0;
		} else if (ev.kind == FDT_EV_END_NODE) {
			if (in_vdev && is_nvram && !nvram_size)
				nvram_size = bytes;
			is_nvram = false;
			if (ev.depth <= 2)
				in_rtas = in_vdev = false;
		} else if (in_rtas && ev.depth == 2 && rtas_nprops < MAX_RTAS_PROPS) {
			rtas_props[rtas_nprops++] = (struct rtas_prop){ ev.name, ev.value, ev.len };
		} else if (in_vdev && ev.depth == 3) {
			if (strcmp(ev.name, "device_type") == 0)
				is_nvram = ev.len == 6 && memcmp(ev.value, "nvram", 6) == 0;
			else if (strcmp(ev.name, "#bytes") == 0 && ev.len == 4)
				bytes = be32_read(ev.value);
		}
	}
}

static const void *token(const char *service, uint32_t *len)
{
	for (unsigned i = 0; i < rtas_nprops; i++)
		if (strcmp(rtas_props[i].name, service) == 0) {
			*len = rtas_props[i].len;
			return rtas_props[i].value;
		}
	return NULL;
}

int board_rtas_call(const char *service, int nargs, int nret, const uint32_t *args,
		    uint32_t *rets)
{
	uint32_t len;
	const void *tok = token(service, &len);

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

int board_instantiate_rtas(void *dst, uint32_t size)
{
	size_t blob = (size_t)(rtas_blob_end - rtas_blob_start);

	if (size < blob)
		return -1;
	memcpy(dst, rtas_blob_start, blob);
	/* The OS runs this code next: make the copy visible to fetches. */
	for (size_t off = 0; off < blob; off += 4)
		__asm__ volatile("dcbst 0,%0; sync; icbi 0,%0" : : "r"((char *)dst + off) : "memory");
	__asm__ volatile("sync; isync" : : : "memory");
	return 0;
}
