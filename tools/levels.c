/* SPDX-License-Identifier: MIT */
/* Sets of compat levels: the --levels / --max policies, the levels a host
 * offers in compat mode or raw, and their wording for people. */
#include <stdio.h>
#include <string.h>

#include "qemu-compat-caps.h"

static const enum compat_level levels_known[] = {
	COMPAT_LEVEL_POWER9, COMPAT_LEVEL_POWER10, COMPAT_LEVEL_POWER11,
};

#define LEVELS_N_KNOWN (sizeof(levels_known) / sizeof(levels_known[0]))

uint64_t levels_up_to(enum compat_level level)
{
	uint64_t caps = 0;
	size_t i;

	for (i = 0; i < LEVELS_N_KNOWN; i++)
		if (levels_known[i] <= level)
			caps |= compat_level_bit(levels_known[i]);
	return level == COMPAT_LEVEL_LEGACY ? 0 : caps;
}

uint64_t levels_of_raw(enum compat_level level)
{
	uint64_t caps = 0;
	size_t i;

	if (level == COMPAT_LEVEL_LEGACY)
		return 0;
	for (i = 0; i < LEVELS_N_KNOWN; i++)
		if (levels_known[i] <= level && levels_known[i] + 2 >= level)
			caps |= compat_level_bit(levels_known[i]);
	return caps;
}

int levels_parse_list(const char *list, uint64_t *caps)
{
	const char *p = list;
	uint64_t set = 0;

	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		enum compat_level l;
		char word[16];

		if (n == 0) {
			diag("--levels '%s': empty item; give a comma list of power9, power10, power11",
			     list);
			return -1;
		}
		word[0] = '\0';
		if (n < sizeof(word)) {
			memcpy(word, p, n);
			word[n] = '\0';
		}
		if (compat_level_parse(word, &l) != 0) {
			diag("--levels: unknown level '%.*s'; known levels are power9, power10, power11",
			     (int)n, p);
			return -1;
		}
		set |= compat_level_bit(l);
		if (!end)
			break;
		p = end + 1;
	}
	*caps = set;
	return 0;
}

int levels_parse_max(const char *word, uint64_t *caps)
{
	enum compat_level l;

	if (compat_level_parse(word, &l) != 0) {
		diag("--max: unknown level '%s'; known levels are power9, power10, power11",
		     word);
		return -1;
	}
	*caps = levels_up_to(l);
	return 0;
}

char *levels_describe(uint64_t caps, char *buf, size_t buflen)
{
	const char *names[LEVELS_N_KNOWN];
	size_t n = 0, i, used = 0;

	for (i = 0; i < LEVELS_N_KNOWN; i++)
		if (caps & compat_level_bit(levels_known[i]))
			names[n++] = compat_level_name(levels_known[i]);
	buf[0] = '\0';
	for (i = 0; i < n && used < buflen; i++) {
		const char *sep = i == 0 ? "" : (i == n - 1 ? " and " : ", ");
		int k = snprintf(buf + used, buflen - used, "%s%s", sep, names[i]);

		if (k < 0)
			break;
		used += (size_t)k;
	}
	if (n == 0)
		snprintf(buf, buflen, "no known level");
	return buf;
}
