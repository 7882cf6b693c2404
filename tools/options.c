/* SPDX-License-Identifier: MIT */
/* The qemu-compat-caps command line: print, --dtb IN OUT and exec modes,
 * the source options (--root, --levels, --max), --format and exec's
 * --strict. Every usage error is one diag() line; the caller exits 2. */
#include <string.h>

#include "qemu-compat-caps.h"

void options_usage(FILE *f)
{
	fputs("Usage:\n"
	      "  qemu-compat-caps [--root DIR] [--levels LIST | --max LEVEL]\n"
	      "                   [--format hex|prom-env|json|text]\n"
	      "  qemu-compat-caps --dtb IN.dtb OUT.dtb [--root DIR] [--levels LIST | --max LEVEL]\n"
	      "  qemu-compat-caps exec [--strict] [--root DIR] [--levels LIST | --max LEVEL]\n"
	      "                   -- qemu-system-ppc64 ARGS...\n"
	      "\n"
	      "Finds the processor compat levels this host can run pseries guests in\n"
	      "(KVM first, then the host device tree, then /proc/cpuinfo) and gives\n"
	      "them to the guest firmware as /chosen/qemu,compat-caps (ABI v1).\n"
	      "\n"
	      "  --root DIR       read /proc, /sys and /dev/kvm under DIR\n"
	      "  --levels LIST    use these levels, e.g. power9,power10 (no detection)\n"
	      "  --max LEVEL      use every level from power9 up to LEVEL (no detection)\n"
	      "  --format FMT     hex: the 16-byte property as 32 hex digits\n"
	      "                   prom-env: -prom-env qemu,compat-caps=HEX\n"
	      "                   json: levels, source and hex; text (default): a sentence\n"
	      "  --dtb IN OUT     copy a DTB, adding or replacing /chosen/qemu,compat-caps\n"
	      "  exec -- CMD...   run QEMU with -prom-env qemu,compat-caps=HEX added\n"
	      "                   (unchanged if CMD already sets qemu,compat-caps; with\n"
	      "                   no caps found: a warning, and QEMU runs unchanged)\n"
	      "  --strict         exec: with no caps found, do not start QEMU (status 3)\n"
	      "  -h, --help       this text\n"
	      "  --version        the program and ABI version\n"
	      "\n"
	      "LEVEL is power9, power10 or power11. Exit status: 0 ok, 1 other failure\n"
	      "(bad DTB, QEMU cannot run), 2 usage error, 3 no caps found (exec: only\n"
	      "with --strict); once QEMU runs, exec gives QEMU's own status.\n", f);
}

/*
 * Matches argv[*i] against --name, taking the value from "--name=VALUE" or
 * from the next argument. Returns 1 with *value set, 0 if argv[*i] is
 * another option, -1 (after a diag) if the value is missing.
 */
static int options_value(int argc, char **argv, int *i, const char *name,
			 const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*value = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		diag("%s needs a value", name);
		return -1;
	}
	*value = argv[++*i];
	return 1;
}

static int options_format(const char *word, enum output_format *fmt)
{
	static const struct {
		const char *word;
		enum output_format fmt;
	} formats[] = {
		{ "text", FORMAT_TEXT }, { "hex", FORMAT_HEX },
		{ "prom-env", FORMAT_PROM_ENV }, { "json", FORMAT_JSON },
	};
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(word, formats[i].word) == 0) {
			*fmt = formats[i].fmt;
			return 0;
		}
	}
	diag("--format: unknown format '%s'; use hex, prom-env, json or text", word);
	return -1;
}

static int options_policy(struct options *o, enum caps_source src,
			  const char *flag, const char *value)
{
	int rc;

	if (o->have_policy) {
		diag("%s: give one of --levels or --max, once", flag);
		return -1;
	}
	rc = src == SOURCE_LEVELS ? levels_parse_list(value, &o->policy.caps)
				  : levels_parse_max(value, &o->policy.caps);
	if (rc < 0)
		return -1;
	o->have_policy = true;
	o->policy.source = src;
	snprintf(o->policy.detail, sizeof(o->policy.detail), "%s %s", flag,
		 value);
	return 0;
}

/* One option at argv[*i]. Returns 0, or -1 after a diag(). */
static int options_one(int argc, char **argv, int *i, struct options *o,
		       bool *format_set)
{
	const char *a = argv[*i], *v;
	int m;

	if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
		o->help = true;
		return 0;
	}
	if (strcmp(a, "--version") == 0) {
		o->version = true;
		return 0;
	}
	if (strcmp(a, "--strict") == 0) {
		o->strict = true;
		return 0;
	}
	if ((m = options_value(argc, argv, i, "--root", &v)) != 0) {
		if (m < 0)
			return -1;
		if (!v[0]) {
			diag("--root needs a directory");
			return -1;
		}
		o->root = v;
		return 0;
	}
	if ((m = options_value(argc, argv, i, "--levels", &v)) != 0)
		return m < 0 ? -1 : options_policy(o, SOURCE_LEVELS, "--levels", v);
	if ((m = options_value(argc, argv, i, "--max", &v)) != 0)
		return m < 0 ? -1 : options_policy(o, SOURCE_MAX, "--max", v);
	if ((m = options_value(argc, argv, i, "--format", &v)) != 0) {
		if (m < 0 || options_format(v, &o->format) < 0)
			return -1;
		*format_set = true;
		return 0;
	}
	if (strcmp(a, "--dtb") == 0) {
		if (o->mode != MODE_PRINT) {
			diag("--dtb: %s", o->mode == MODE_DTB ? "given twice"
				: "does not go with exec");
			return -1;
		}
		if (*i + 2 >= argc) {
			diag("--dtb needs IN.dtb and OUT.dtb");
			return -1;
		}
		o->mode = MODE_DTB;
		o->dtb_in = argv[++*i];
		o->dtb_out = argv[++*i];
		return 0;
	}
	if (a[0] == '-')
		diag("unknown option '%s' (see --help)", a);
	else
		diag("unexpected argument '%s' (see --help)", a);
	return -1;
}

int options_parse(int argc, char **argv, struct options *o)
{
	bool format_set = false;
	int i = 1;

	memset(o, 0, sizeof(*o));
	o->mode = MODE_PRINT;
	o->format = FORMAT_TEXT;
	if (argc > 1 && strcmp(argv[1], "exec") == 0) {
		o->mode = MODE_EXEC;
		i = 2;
	}
	for (; i < argc; i++) {
		if (o->mode == MODE_EXEC && strcmp(argv[i], "--") == 0) {
			o->command = argv + i + 1;
			break;
		}
		if (options_one(argc, argv, &i, o, &format_set) < 0)
			return -1;
	}
	if (o->help || o->version)
		return 0;
	if (o->mode == MODE_EXEC && (!o->command || !o->command[0])) {
		diag("exec needs -- and the QEMU command, e.g. exec -- qemu-system-ppc64 -M pseries ...");
		return -1;
	}
	if (o->strict && o->mode != MODE_EXEC) {
		diag("--strict only goes with exec (without exec, no caps found is always an error)");
		return -1;
	}
	if (format_set && o->mode != MODE_PRINT) {
		diag("--format does not go with %s", o->mode == MODE_DTB ? "--dtb" : "exec");
		return -1;
	}
	return 0;
}
