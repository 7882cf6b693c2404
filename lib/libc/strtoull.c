/* SPDX-License-Identifier: MIT */
/* Unsigned and signed number parsing with C's base rules (0x, 0 prefixes). */
#include <stdlib.h>
#include <ctype.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	const char *p = s;
	unsigned long long v = 0;
	int any = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+')
		p++;
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (;; p++) {
		int d = digit_value((unsigned char)*p);

		if (d >= base)
			break;
		v = v * (unsigned)base + (unsigned)d;
		any = 1;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	return (unsigned long)strtoull(s, end, base);
}

long strtol(const char *s, char **end, int base)
{
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '-')
		return -(long)strtoull(s + 1, end, base);
	return (long)strtoull(s, end, base);
}
