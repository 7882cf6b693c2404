/* SPDX-License-Identifier: MIT */
/* Compat-aware ibm,client-architecture-support: import the host's compat
 * caps, rebuild the OS's vector under the clamping rule (lib/cas), forward
 * it to the hypervisor, merge the tree it returns, and say what happened in
 * one console line per call. */
#include <stdio.h>
#include <string.h>

#include "be.h"
#include "board.h"
#include "cas/cas-reply.h"
#include "cas/cas-vector.h"
#include "cas/cas.h"
#include "compatcaps/compat-caps.h"
#include "heap/heap.h"
#include "log/log.h"
#include "memory/claim.h"
#include "memory/client-mem.h"
#include "tree/options.h"
#include "tree/tree.h"

/* QEMU rebuilds the whole tree into this buffer, and exits if it does not
 * fit: 2 MiB is what it is known to need for large guests. */
#define CAS_BUFFER_SIZE 0x200000u
#define CAS_BUFFER_ALIGN 0x1000u
/* The tree in the reply follows the board's 4-byte header. */
#define CAS_REPLY_MAX (CAS_BUFFER_SIZE - 4u)
/* One option vector: its length byte and at most 256 bytes. */
#define CAS_OV_MAX 257u
/* How much of the OS's vector to carry: a full PVR list (512 pairs, as
 * the hypervisor reads it) and 256 option vectors of 256 bytes; bytes past
 * the declared vectors are forwarded untouched. */
#define CAS_VECTOR_WINDOW (512u * 8u + 1u + 256u * CAS_OV_MAX)
/* The method's failure value for the OS: -1 as a cell. */
#define CAS_FAIL 0xffffffffu
/* Room for compat_caps_format's list of levels. */
#define CAPS_TEXT_LEN 64
/* How much of a malformed NVRAM value the warning quotes. */
#define NVRAM_QUOTE_MAX 40

static bool have_caps;
static uint64_t host_caps;
/* cpu-version of the first CPU in QEMU's tree before any CAS call: a
 * logical PVR when max-cpu-compat is set (0: none). Kept, because a CAS
 * call replaces it with the level that call chose. */
static uint32_t precas_cpu_version;
/* Taken at start-up, so that a client filling the heap cannot make the
 * call fail later. */
static uint8_t *cas_buffer;

static uint8_t *take_buffer(void)
{
	uint8_t *b = cas_buffer;

	cas_buffer = NULL;
	return b ? b : heap_alloc_aligned(CAS_BUFFER_SIZE, CAS_BUFFER_ALIGN);
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
	char levels[CAPS_TEXT_LEN];

	if (!hex)
		return;
	/* The whole value is checked: strlen bounds it, not a fixed cut. */
	if (compat_caps_decode_hex(hex, strlen(hex), &host_caps, &reason) != 0) {
		log_line("cas", "warning: ignoring NVRAM qemu,compat-caps=\"%.*s%s\": %s",
			 NVRAM_QUOTE_MAX, hex, strlen(hex) > NVRAM_QUOTE_MAX ? "..." : "", reason);
		return;
	}
	have_caps = true;
	compat_caps_encode(host_caps, prop);
	of_set_prop(chosen, COMPAT_CAPS_PROP_NAME, prop, sizeof(prop));
	log_line("cas", "compat caps %s (from NVRAM)",
		 compat_caps_format(host_caps, levels, sizeof(levels)));
}

static uint32_t tree_cpu_version(void)
{
	struct of_node *cpus = of_find_path("/cpus");

	of_for_each_child(c, cpus)
		if (of_is_type(c, "cpu"))
			return of_get_u32_or(c, "cpu-version", 0);
	return 0;
}

void of_cas_setup(void)
{
	struct of_node *chosen = of_find_path("/chosen");
	const uint8_t *prop;
	const char *reason;
	uint32_t len;
	char levels[CAPS_TEXT_LEN];

	if (!cas_buffer)
		cas_buffer = heap_alloc_aligned(CAS_BUFFER_SIZE, CAS_BUFFER_ALIGN);
	precas_cpu_version = tree_cpu_version();
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

/* "chose=" of the summary line: the level QEMU's reply names; "raw" when
 * it names none, "unknown" when the reply cannot be read. */
static void format_chose(const void *fdt, size_t max, char *buf, size_t size)
{
	uint32_t pvr;
	int rc = cas_reply_cpu_version(fdt, max, &pvr);

	if (rc > 0)
		snprintf(buf, size, "0x%08x", pvr);
	else
		snprintf(buf, size, "%s", rc == 0 ? "raw" : "unknown");
}

/* What one CAS call did; every path ends in one summary line. */
struct cas_summary {
	enum compat_level g;
	const struct cas_rebuild_result *res;	/* NULL before the rebuild */
	char chose[16];				/* "none" until QEMU answered */
};

static void format_removed(const struct cas_rebuild_result *res, char *buf, size_t size)
{
	size_t pos = 0;

	buf[0] = '\0';
	if (!res || res->removed == 0) {
		if (res && res->no_entries)
			snprintf(buf, size, " (no PVR entries)");
		return;
	}
	/* Each entry takes 18 bytes; keep room for " +NNN more)" so that a long
	 * list still ends the way a short one does, within one console line. */
	pos = (size_t)snprintf(buf, size, " (");
	for (unsigned i = 0; i < res->removed; i++) {
		if (pos + 18 + 12 > size) {
			pos += (size_t)snprintf(buf + pos, size - pos, " +%u more",
						res->removed - i);
			break;
		}
		pos += (size_t)snprintf(buf + pos, size - pos, "%s%08x/%08x", i ? " " : "",
					res->removed_entries[i].value, res->removed_entries[i].mask);
	}
	snprintf(buf + pos, size - pos, ")");
}

/* cas: caps=C cpu=G [(cpu-version V)] pvr=P removed=N [(...)] [asks=...]
 * chose=X [: what went wrong] */
static void log_summary(const struct cas_summary *sum, const char *outcome)
{
	char caps_text[CAPS_TEXT_LEN], removed[200], tree[32] = "", asks[128] = "";

	if (have_caps)
		compat_caps_format(host_caps, caps_text, sizeof(caps_text));
	else
		strlcpy(caps_text, "none", sizeof(caps_text));
	if (precas_cpu_version &&
	    compat_level_of_cpu_version(precas_cpu_version) <
		    compat_level_of_raw_pvr(board->processor_pvr()))
		snprintf(tree, sizeof(tree), " (cpu-version 0x%08x)", precas_cpu_version);
	format_removed(sum->res, removed, sizeof(removed));
	if (sum->res && sum->res->hash_xics) {
		size_t n = strlcpy(asks, " asks=", sizeof(asks));

		cas_rebuild_describe_hash_xics(sum->res, asks + n, sizeof(asks) - n);
	}
	log_line("cas", "caps=%s cpu=%s%s pvr=0x%08x removed=%u%s%s chose=%s%s%s", caps_text,
		 compat_level_name(sum->g), tree, board->processor_pvr(),
		 sum->res ? sum->res->removed : 0, removed, asks, sum->chose,
		 outcome ? ": " : "", outcome ? outcome : "");
}

/* G (DESIGN.md "The clamping rule"): the lower of the running processor
 * and the level QEMU's tree showed before CAS (max-cpu-compat). */
static enum compat_level effective_level(void)
{
	enum compat_level g = compat_level_of_raw_pvr(board->processor_pvr());

	if (precas_cpu_version) {
		enum compat_level t = compat_level_of_cpu_version(precas_cpu_version);

		if (t < g)
			g = t;
	}
	return g;
}

#define DUMP_LINE_BYTES 32

/* "cas-dump?" in NVRAM: the OS's vector as hex lines, up to the declared
 * end plus an undeclared 256-byte vector (Linux's OV7), for fixtures. */
static void dump_vector(const uint8_t *in, size_t len)
{
	static struct cas_vector v;
	const char *reason;
	size_t end = len;

	if (cas_vector_parse(in, len, &v, &reason) == 0 && v.declared_end + CAS_OV_MAX < len)
		end = v.declared_end + CAS_OV_MAX;
	for (size_t off = 0; off < end; off += DUMP_LINE_BYTES) {
		char line[2 * DUMP_LINE_BYTES + 1];
		size_t pos = 0;

		for (size_t i = off; i < end && i < off + DUMP_LINE_BYTES; i++)
			pos += (size_t)snprintf(line + pos, sizeof(line) - pos, "%02x", in[i]);
		log_line("cas", "vector %04zx: %s", off, line);
	}
}

uint32_t of_cas_call(uint32_t vector_addr)
{
	static struct cas_rebuild_result res;
	static struct cas_vector parsed;
	struct cas_summary sum = { .g = effective_level(), .res = NULL, .chose = "none" };
	size_t len = readable_window(vector_addr);
	const uint8_t *in = client_ptr_read(vector_addr, len);
	uint8_t *out, *buf;
	const void *fdt;
	const char *reason;
	char caps_text[CAPS_TEXT_LEN], guest[160], why[400];
	enum cas_rebuild_status st;

	if (!in || len == 0) {
		snprintf(why, sizeof(why), "error: the architecture vector at 0x%x is not in RAM",
			 vector_addr);
		log_summary(&sum, why);
		return CAS_FAIL;
	}
	if (of_option_true("cas-dump?"))
		dump_vector(in, len);
	out = heap_alloc(len);
	if (!out) {
		log_summary(&sum, "error: out of memory for the architecture vector");
		return CAS_FAIL;
	}
	st = cas_vector_rebuild(in, len, sum.g, have_caps, host_caps, out, len, &res, &reason);
	if (st == CAS_REBUILD_MALFORMED) {
		snprintf(why, sizeof(why), "error: rejected the OS's architecture vector: %s", reason);
		log_summary(&sum, why);
		heap_free(out);
		return CAS_FAIL;
	}
	sum.res = &res;
	if (st == CAS_REBUILD_EMPTY) {
		if (cas_vector_parse(in, len, &parsed, &reason) == 0)
			cas_vector_describe(&parsed, guest, sizeof(guest));
		else
			strlcpy(guest, "?", sizeof(guest));
		compat_caps_format(host_caps, caps_text, sizeof(caps_text));
		snprintf(why, sizeof(why),
			 "error: no processor level the guest lists (%s) is allowed by the host caps %s on a %s processor; not calling the hypervisor",
			 guest, caps_text, compat_level_name(sum.g));
		log_summary(&sum, why);
		heap_free(out);
		return CAS_FAIL;
	}
	buf = take_buffer();
	if (!buf) {
		log_summary(&sum, "error: out of memory for the hypervisor's reply");
		heap_free(out);
		return CAS_FAIL;
	}
	if (board->cas(out, buf, CAS_BUFFER_SIZE, &fdt, &reason) != 0) {
		log_summary(&sum, reason);
		release_buffer(buf);
		heap_free(out);
		return CAS_FAIL;
	}
	/* From QEMU's reply itself, before the merge can fail or leave an
	 * older value in place. */
	format_chose(fdt, CAS_REPLY_MAX, sum.chose, sizeof(sum.chose));
	if (of_merge_fdt(fdt, CAS_REPLY_MAX, &reason) != 0) {
		/* The hypervisor has switched modes; the OS must not trust
		 * the tree it would read from us now. */
		snprintf(why, sizeof(why), "error: cannot merge the hypervisor's device tree: %s",
			 reason);
		log_summary(&sum, why);
		release_buffer(buf);
		heap_free(out);
		return CAS_FAIL;
	}
	log_summary(&sum, NULL);
	release_buffer(buf);
	heap_free(out);
	return 0;
}
