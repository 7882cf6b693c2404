/* SPDX-License-Identifier: MIT */
/* Compat-aware ibm,client-architecture-support: import the host's compat
 * caps, rebuild the OS's vector under the clamping rule (lib/cas), forward
 * it to the hypervisor, merge the tree it returns, and say what happened in
 * one console line per call. */
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "board.h"
#include "cas/cas-vector.h"
#include "cas/cas.h"
#include "compatcaps/compat-caps.h"
#include "log/log.h"
#include "memory/claim.h"
#include "memory/client-mem.h"
#include "memory/heap.h"
#include "start/options.h"
#include "tree/tree.h"

/* QEMU rebuilds the whole tree into this buffer, and exits if it does not
 * fit: 2 MiB is what it is known to need for large guests. */
#define CAS_BUFFER_SIZE 0x200000u
/* How much of the OS's vector to carry: a full PVR list (513 entries) and
 * 256 option vectors of 256 bytes; bytes past the declared vectors are
 * forwarded untouched. */
#define CAS_VECTOR_WINDOW (513u * 8u + 1u + 256u * 257u)

static bool have_caps;
static uint64_t host_caps;
/* Taken at start-up, so that a client filling the heap cannot make the
 * call fail later. */
static uint8_t *cas_buffer;

static uint8_t *take_buffer(void)
{
	uint8_t *b = cas_buffer;

	cas_buffer = NULL;
	return b ? b : heap_alloc_aligned(CAS_BUFFER_SIZE, 0x1000);
}

static void release_buffer(uint8_t *b)
{
	if (!cas_buffer)
		cas_buffer = b;
	else
		heap_free(b);
}

static void caps_from_nvram(struct of_node *chosen)
{
	const char *hex = of_option(COMPAT_CAPS_NVRAM_NAME);
	const char *reason;
	uint8_t prop[COMPAT_CAPS_V1_SIZE];
	char levels[64];

	if (!hex)
		return;
	if (compat_caps_decode_hex(hex, 256, &host_caps, &reason) != 0) {
		log_line("cas", "warning: ignoring NVRAM qemu,compat-caps=\"%.40s\": %s", hex, reason);
		return;
	}
	have_caps = true;
	compat_caps_encode(host_caps, prop);
	of_set_prop(chosen, COMPAT_CAPS_PROP_NAME, prop, sizeof(prop));
	log_line("cas", "compat caps %s (from NVRAM)",
		 compat_caps_format(host_caps, levels, sizeof(levels)));
}

void of_cas_setup(void)
{
	struct of_node *chosen = of_find_path("/chosen");
	const uint8_t *prop;
	const char *reason;
	uint32_t len;
	char levels[64];

	if (!cas_buffer)
		cas_buffer = heap_alloc_aligned(CAS_BUFFER_SIZE, 0x1000);
	if (!chosen)
		return;
	prop = of_get_prop(chosen, COMPAT_CAPS_PROP_NAME, &len);
	if (!prop) {
		caps_from_nvram(chosen);
		return;
	}
	if (compat_caps_decode(prop, len, &host_caps, &reason) != 0) {
		log_line("cas", "warning: ignoring /chosen/qemu,compat-caps: %s", reason);
		return;
	}
	have_caps = true;
	log_line("cas", "compat caps %s (from the device tree)",
		 compat_caps_format(host_caps, levels, sizeof(levels)));
}

/* Bytes of client memory readable from addr, up to the window. */
static size_t readable_window(uint32_t addr)
{
	size_t lo = 0, hi = CAS_VECTOR_WINDOW;

	/* The longest readable length (readable lengths form a prefix):
	 * a vector near the end of RAM must not be cut short. */
	while (lo < hi) {
		size_t mid = hi - (hi - lo) / 2;

		if (client_ptr_read(addr, mid))
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static uint32_t chosen_cpu_version(void)
{
	struct of_node *cpus = of_find_path("/cpus");

	for (struct of_node *c = cpus ? cpus->child : NULL; c; c = c->sibling) {
		const char *type = of_get_string(c, "device_type");

		if (type && strcmp(type, "cpu") == 0)
			return of_get_u32_or(c, "cpu-version", 0);
	}
	return 0;
}

static void format_removed(const struct cas_rebuild_result *res, char *buf, size_t size)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < res->removed && pos < size; i++)
		pos += (size_t)snprintf(buf + pos, size - pos, "%s%08x/%08x", i ? " " : "",
					res->removed_entries[i].value, res->removed_entries[i].mask);
}

/* "cas-dump?" in NVRAM: the OS's vector as hex lines, up to the declared
 * end plus an undeclared 256-byte vector (Linux's OV7), for fixtures. */
static void dump_vector(const uint8_t *in, size_t len)
{
	static struct cas_vector v;
	const char *reason;
	size_t end = len;

	if (cas_vector_parse(in, len, &v, &reason) == 0 && v.declared_end + 257 < len)
		end = v.declared_end + 257;
	for (size_t off = 0; off < end; off += 32) {
		char line[80];
		size_t pos = 0;

		for (size_t i = off; i < end && i < off + 32; i++)
			pos += (size_t)snprintf(line + pos, sizeof(line) - pos, "%02x", in[i]);
		log_line("cas", "vector %04zx: %s", off, line);
	}
}

uint32_t of_cas_call(uint32_t vector_addr)
{
	static struct cas_rebuild_result res;
	static struct cas_vector parsed;
	enum compat_level g = compat_level_of_raw_pvr(board->processor_pvr());
	size_t len = readable_window(vector_addr);
	const uint8_t *in = client_ptr_read(vector_addr, len);
	uint8_t *out, *buf;
	const void *fdt;
	const char *reason;
	char caps_text[64], removed[256], guest[160];
	enum cas_rebuild_status st;

	if (have_caps)
		compat_caps_format(host_caps, caps_text, sizeof(caps_text));
	else
		strlcpy(caps_text, "none", sizeof(caps_text));
	if (!in || len == 0) {
		log_line("cas", "error: the architecture vector at 0x%x is not in RAM", vector_addr);
		return 0xffffffffu;
	}
	if (of_option_true("cas-dump?"))
		dump_vector(in, len);
	out = heap_alloc(len);
	if (!out) {
		log_line("cas", "error: out of memory for the architecture vector");
		return 0xffffffffu;
	}
	st = cas_vector_rebuild(in, len, g, have_caps, host_caps, out, len, &res, &reason);
	if (st == CAS_REBUILD_MALFORMED) {
		log_line("cas", "error: rejected the OS's architecture vector: %s", reason);
		heap_free(out);
		return 0xffffffffu;
	}
	if (st == CAS_REBUILD_EMPTY) {
		if (cas_vector_parse(in, len, &parsed, &reason) == 0)
			cas_vector_describe(&parsed, guest, sizeof(guest));
		else
			strlcpy(guest, "?", sizeof(guest));
		log_line("cas", "error: no processor level the guest lists (%s) is allowed by the host caps %s on a %s processor; not calling the hypervisor",
			 guest, caps_text, compat_level_name(g));
		heap_free(out);
		return 0xffffffffu;
	}
	buf = take_buffer();
	if (!buf) {
		log_line("cas", "error: out of memory for the hypervisor's reply");
		heap_free(out);
		return 0xffffffffu;
	}
	format_removed(&res, removed, sizeof(removed));
	if (board->cas(out, buf, CAS_BUFFER_SIZE, &fdt, &reason) != 0) {
		log_line("cas", "caps=%s cpu=%s pvr=0x%08x removed=%u%s%s%s chose=none: %s",
			 caps_text, compat_level_name(g), board->processor_pvr(), res.removed,
			 res.removed ? " (" : "", removed, res.removed ? ")" : "", reason);
		release_buffer(buf);
		heap_free(out);
		return 0xffffffffu;
	}
	if (of_merge_fdt(fdt, CAS_BUFFER_SIZE - 4, &reason) != 0) {
		/* The hypervisor has switched modes; the OS must not trust
		 * the tree it would read from us now. */
		log_line("cas", "error: cannot merge the hypervisor's device tree: %s", reason);
		release_buffer(buf);
		heap_free(out);
		return 0xffffffffu;
	}
	log_line("cas", "caps=%s cpu=%s pvr=0x%08x removed=%u%s%s%s chose=0x%08x",
		 caps_text, compat_level_name(g), board->processor_pvr(), res.removed,
		 res.removed ? " (" : "", removed, res.removed ? ")" : "", chosen_cpu_version());
	release_buffer(buf);
	heap_free(out);
	return 0;
}
