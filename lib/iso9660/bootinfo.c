/* SPDX-License-Identifier: MIT */
/* bootinfo.txt parsing (CHRP "Open Firmware recommended practice: CHRP
 * boot", the <boot-script> element): finds the boot program and its
 * arguments. Works on a length-bounded buffer; never reads past len. */
#include <stdbool.h>
#include <string.h>

#include "iso9660/bootinfo.h"

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* First case-insensitive occurrence of word in t[from..len), or len. */
static size_t find(const char *t, size_t len, size_t from, const char *word)
{
	size_t wl = strlen(word);

	for (size_t i = from; i + wl <= len; i++) {
		size_t k = 0;

		while (k < wl && lower(t[i + k]) == word[k])
			k++;
		if (k == wl)
			return i;
	}
	return len;
}

int bootinfo_parse(const char *text, size_t len, struct bootinfo *bi, const char **reason)
{
	static const char dev[] = "&device;:";
	size_t start, end, i, n;
	const char *nul = memchr(text, '\0', len);

	memset(bi, 0, sizeof(*bi));
	if (nul)
		len = (size_t)(nul - text);
	if (len > BOOTINFO_MAX_TEXT)
		len = BOOTINFO_MAX_TEXT;
	start = find(text, len, 0, "<boot-script>");
	if (start == len)
		return status_fail_into(reason, STATUS_EMALFORMED, "bootinfo.txt has no <boot-script>");
	start += strlen("<boot-script>");
	end = find(text, len, start, "</boot-script>");
	if (end == len)
		return status_fail_into(reason, STATUS_EMALFORMED, "bootinfo.txt <boot-script> is not closed by </boot-script>");

	/* "boot" as a word, then white space, then "&device;:". */
	for (i = start;; i++) {
		i = find(text, end, i, "boot");
		if (i == end)
			return status_fail_into(reason, STATUS_EMALFORMED, "bootinfo.txt <boot-script> has no \"boot &device;:\" command");
		if (i > start && !is_space(text[i - 1]))
			continue;
		n = i + 4;
		if (n >= end || !is_space(text[n]))
			continue;
		while (n < end && is_space(text[n]))
			n++;
		if (end - n >= sizeof(dev) - 1 && find(text, n + sizeof(dev) - 1, n, dev) == n)
			break;
	}
	i = n + sizeof(dev) - 1;

	/* [partition,]path */
	n = 0;
	if (i < end && text[i] >= '0' && text[i] <= '9') {
		size_t j = i;

		while (j < end && text[j] >= '0' && text[j] <= '9')
			j++;
		if (j < end && text[j] == ',') {
			if (j - i >= sizeof(bi->partition))
				return status_fail_into(reason, STATUS_ETOOBIG, "bootinfo.txt partition number is too long");
			memcpy(bi->partition, text + i, j - i);
			i = j + 1;
		}
	}
	if (i < end && text[i] != '\\' && text[i] != '/' && !is_space(text[i]))
		bi->path[n++] = '\\';
	for (; i < end && !is_space(text[i]); i++) {
		if (n + 1 >= sizeof(bi->path))
			return status_fail_into(reason, STATUS_ETOOBIG, "bootinfo.txt boot path is longer than 255 bytes");
		bi->path[n++] = text[i] == '/' ? '\\' : text[i];
	}
	bi->path[n] = '\0';
	if (n == 0 || (n == 1 && bi->path[0] == '\\'))
		return status_fail_into(reason, STATUS_EMALFORMED, "bootinfo.txt boot command names no file after &device;:");

	/* Arguments: the rest of the line, trimmed. */
	while (i < end && (text[i] == ' ' || text[i] == '\t'))
		i++;
	n = 0;
	for (; i < end && text[i] != '\n' && text[i] != '\r'; i++) {
		if (n + 1 >= sizeof(bi->args))
			return status_fail_into(reason, STATUS_ETOOBIG, "bootinfo.txt boot arguments are longer than 255 bytes");
		bi->args[n++] = text[i];
	}
	while (n > 0 && (bi->args[n - 1] == ' ' || bi->args[n - 1] == '\t'))
		n--;
	bi->args[n] = '\0';
	return 0;
}
