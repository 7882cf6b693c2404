/* SPDX-License-Identifier: MIT */
/* Caps source 3: the "cpu" line of ROOT/proc/cpuinfo, as Linux on POWER
 * prints it: "POWER10 (architected), altivec supported" in compat mode at
 * POWER10, "POWER9 (raw), altivec supported" on a raw POWER9. */
#include <stdlib.h>
#include <string.h>

#include "qemu-compat-caps.h"

/* Enough for the first processor's lines even with many CPUs. */
#define DETECT_CPUINFO_MAX (64 * 1024)

static bool detect_cpuinfo_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Finds the value of the line whose key is exactly "cpu" (not "cpu MHz",
 * not "cpu family"). Returns it NUL-terminated inside text, or NULL. */
static char *detect_cpuinfo_cpu_value(char *text)
{
	char *line = text;

	while (line && *line) {
		char *eol = strchr(line, '\n');
		char *colon, *end;

		if (eol)
			*eol = '\0';
		colon = strchr(line, ':');
		if (colon) {
			end = colon;
			while (end > line && detect_cpuinfo_blank(end[-1]))
				end--;
			if (end - line == 3 && memcmp(line, "cpu", 3) == 0) {
				char *v = colon + 1;

				while (detect_cpuinfo_blank(*v))
					v++;
				return v;
			}
		}
		line = eol ? eol + 1 : NULL;
	}
	return NULL;
}

/* Reads "POWERn" / "Powern" (any case) at the start of v into *gen.
 * Returns 0, or -1 if v names no POWER processor. */
static int detect_cpuinfo_generation(const char *v, unsigned *gen)
{
	static const char power[] = "power";
	unsigned n = 0;
	size_t i;

	for (i = 0; i < sizeof(power) - 1; i++)
		if ((v[i] | 0x20) != power[i])
			return -1;
	if (v[i] < '0' || v[i] > '9')
		return -1;
	for (; v[i] >= '0' && v[i] <= '9' && n < 1000; i++)
		n = n * 10 + (unsigned)(v[i] - '0');
	*gen = n;
	return 0;
}

static enum detect_result detect_cpuinfo_value(const char *v,
					       struct host_caps *out)
{
	bool compat = strstr(v, "(architected)") != NULL;
	enum compat_level l = COMPAT_LEVEL_LEGACY;
	unsigned gen;

	if (detect_cpuinfo_generation(v, &gen) < 0)
		return DETECT_SILENT;	/* not a POWER name we can read */
	if (gen == 9)
		l = COMPAT_LEVEL_POWER9;
	else if (gen == 10)
		l = COMPAT_LEVEL_POWER10;
	else if (gen == 11)
		l = COMPAT_LEVEL_POWER11;

	out->source = SOURCE_CPUINFO;
	out->caps = compat ? levels_up_to(l) : levels_of_raw(l);
	if (l == COMPAT_LEVEL_LEGACY)
		snprintf(out->detail, sizeof(out->detail),
			 "/proc/cpuinfo: cpu \"%.64s\" is older than POWER9 or unknown",
			 v);
	else
		snprintf(out->detail, sizeof(out->detail),
			 "/proc/cpuinfo: cpu \"%.64s\", %s %s", v,
			 compat ? "compat mode at" : "raw", compat_level_name(l));
	return out->caps ? DETECT_FOUND : DETECT_NO_LEVEL;
}

enum detect_result detect_cpuinfo(const char *root, struct host_caps *out)
{
	enum detect_result res = DETECT_SILENT;
	char path[4096], *text, *v;
	long n;

	if (host_file_path(root, "/proc/cpuinfo", path, sizeof(path)) < 0)
		return DETECT_SILENT;
	text = malloc(DETECT_CPUINFO_MAX + 1);
	if (!text)
		return DETECT_SILENT;
	n = host_file_read(path, text, DETECT_CPUINFO_MAX);
	if (n >= 0) {
		text[n] = '\0';
		v = detect_cpuinfo_cpu_value(text);
		if (v)
			res = detect_cpuinfo_value(v, out);
	}
	free(text);
	return res;
}
