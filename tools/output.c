/* SPDX-License-Identifier: MIT */
/* Prints the caps: hex (the v1 property as 32 hex digits), prom-env (the
 * QEMU argument), json (levels, source, hex) or text (a sentence). */
#include <errno.h>
#include <string.h>

#include "qemu-compat-caps.h"

static const enum compat_level output_levels[] = {
	COMPAT_LEVEL_POWER9, COMPAT_LEVEL_POWER10, COMPAT_LEVEL_POWER11,
};

/* A JSON string: quotes, backslashes and control characters escaped. */
static void output_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void output_json(FILE *f, const struct host_caps *hc, const char *hex)
{
	const char *sep = "";
	size_t i;

	fputs("{\"levels\":[", f);
	for (i = 0; i < sizeof(output_levels) / sizeof(output_levels[0]); i++) {
		enum compat_level l = output_levels[i];

		if (!(hc->caps & compat_level_bit(l)))
			continue;
		/* The --levels words, so the list can be fed back. */
		fprintf(f, "%s\"power%d\"", sep, (int)l);
		sep = ",";
	}
	fprintf(f, "],\"source\":\"%s\",\"detail\":", detect_source_name(hc->source));
	output_json_string(f, hc->detail);
	fprintf(f, ",\"caps\":\"0x%016llx\",\"hex\":\"%s\"}\n",
		(unsigned long long)hc->caps, hex);
}

static void output_text(FILE *f, const struct host_caps *hc, const char *hex)
{
	uint64_t unknown = hc->caps & ~COMPAT_CAPS_KNOWN_MASK;
	char levels[80];

	levels_describe(hc->caps, levels, sizeof(levels));
	fprintf(f, "Guests on this host can run at %s (from %s)", levels,
		hc->detail);
	if (unknown)
		fprintf(f, ", plus levels unknown here (0x%016llx)",
			(unsigned long long)unknown);
	fprintf(f, "; give QEMU -prom-env qemu,compat-caps=%s\n", hex);
}

int output_print(FILE *f, const struct host_caps *hc, enum output_format fmt)
{
	char hex[COMPAT_CAPS_HEX_DIGITS + 1];

	compat_caps_encode_hex(hc->caps, hex);
	switch (fmt) {
	case FORMAT_HEX:
		fprintf(f, "%s\n", hex);
		break;
	case FORMAT_PROM_ENV:
		fprintf(f, "-prom-env qemu,compat-caps=%s\n", hex);
		break;
	case FORMAT_JSON:
		output_json(f, hc, hex);
		break;
	case FORMAT_TEXT:
		output_text(f, hc, hex);
		break;
	}
	if (fflush(f) != 0 || ferror(f)) {
		diag("cannot write the output: %s", strerror(errno));
		return -1;
	}
	return 0;
}
