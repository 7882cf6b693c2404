/* SPDX-License-Identifier: MIT */
/* /options: defaults, then the OF variables partition of NVRAM (where QEMU
 * stores -prom-env), read once through the board. */
#include <string.h>

#include "board.h"
#include "heap/heap.h"
#include "log/log.h"
#include "nvram/nvram-format.h"
#include "tree/options.h"
#include "tree/tree.h"

static const struct {
	const char *name, *value;
} defaults[] = {
	{ "auto-boot?", "true" },
	{ "boot-command", "boot" },
	{ "boot-device", "" },
	{ "real-mode?", "true" },
	{ "ci-trace?", "false" },
	{ "diag-switch?", "false" },
};

static struct of_node *options_node(void)
{
	return of_find_path("/options");
}

const char *of_option(const char *name)
{
	return of_get_string(options_node(), name);
}

int of_option_true(const char *name)
{
	const char *v = of_option(name);

	return v && strcmp(v, "true") == 0;
}

/* QEMU's NVRAM without -prom-env or a backing file is all zeros: lay out
 * an OF variables partition and free space, so the OS finds valid
 * partitions to add its own to. Anything else that does not parse is left
 * alone: it may be data we do not understand. */
static void format_if_blank(uint8_t *buf, uint32_t size, const char *why)
{
	const char *reason;

	for (uint32_t i = 0; i < size; i++) {
		if (buf[i] != 0) {
			log_line("nvram", "no OF variables partition (%s): left as it is", why);
			return;
		}
	}
	if (size < 0x2000 || nvram_format_common(buf, size, 0x1000, &reason) != 0) {
		log_error("nvram", "cannot lay out the empty NVRAM");
		return;
	}
	if (board->nvram_write(0, buf, size) != 0)
		log_error("nvram", "cannot write the new NVRAM layout");
	else
		log_line("nvram", "empty NVRAM: created an OF variables partition and free space");
}

static void import_nvram(struct of_node *opts)
{
	uint32_t size = board->nvram_size();
	struct nvram_partition part;
	struct nvram_var_iter it;
	struct nvram_var var;
	const char *reason;
	uint8_t *buf;
	unsigned count = 0;
	int rc;

	if (size == 0)
		return;
	buf = heap_alloc(size);
	if (!buf || board->nvram_read(0, buf, size) != 0) {
		log_error("nvram", "cannot read %u bytes of NVRAM", size);
		heap_free(buf);
		return;
	}
	if (nvram_find_partition(buf, size, NVRAM_SIG_OF_VARS, &part, &reason) != 0) {
		format_if_blank(buf, size, reason);
		heap_free(buf);
		return;
	}
	nvram_var_iter_init(&it, buf + part.data_offset, part.data_len);
	while ((rc = nvram_var_next(&it, &var, &reason)) == 1) {
		char name[OF_PROP_NAME_MAX + 1];

		if (var.name_len > OF_PROP_NAME_MAX) {
			log_line("nvram", "variable name of %zu bytes too long: skipped", var.name_len);
			continue;
		}
		memcpy(name, var.name, var.name_len);
		name[var.name_len] = '\0';
		if (of_set_prop(opts, name, var.value, (uint32_t)var.value_len + 1) == 0)
			count++;
	}
	if (rc < 0)
		log_line("nvram", "partition \"%s\": %s", part.name, reason);
	if (it.skipped)
		log_line("nvram", "partition \"%s\": skipped strings without '='", part.name);
	if (count)
		log_line("nvram", "%u variables from partition \"%s\"", count, part.name);
	heap_free(buf);
}

void of_options_load(void)
{
	struct of_node *opts = options_node();

	if (!opts)
		return;
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		of_set_string(opts, defaults[i].name, defaults[i].value);
	import_nvram(opts);
}
