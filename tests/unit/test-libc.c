/* SPDX-License-Identifier: MIT */
/* Host test of the firmware libc: its functions are compiled here under
 * fw_ names and compared with the host C library on the same inputs. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#include "../unit/unit.h"

static int host_snprintf_ref(char *b, size_t n, const char *f, ...)
{
	va_list ap;
	int r;

	va_start(ap, f);
	r = vsnprintf(b, n, f, ap);
	va_end(ap);
	return r;
}

#define memcpy fw_memcpy
#define memmove fw_memmove
#define memset fw_memset
#define memcmp fw_memcmp
#define memchr fw_memchr
#define strlen fw_strlen
#define strnlen fw_strnlen
#define strcmp fw_strcmp
#define strncmp fw_strncmp
#define strcasecmp fw_strcasecmp
#define strncasecmp fw_strncasecmp
#define strchr fw_strchr
#define strrchr fw_strrchr
#define strlcpy fw_strlcpy
#define vsnprintf fw_vsnprintf
#define snprintf fw_snprintf
#define strtoull fw_strtoull
#define strtoul fw_strtoul
#define strtol fw_strtol
size_t fw_strlcpy(char *dst, const char *src, size_t size);
#include "../../lib/libc/string.c"
#include "../../lib/libc/strtoull.c"
#include "../../lib/libc/vsnprintf.c"
#undef snprintf
#undef vsnprintf
#undef strtoull

#define CMP_FMT(...)                                                         \
	do {                                                                 \
		char a_[128], b_[128];                                       \
		int ra_ = fw_snprintf(a_, sizeof(a_), __VA_ARGS__);          \
		int rb_ = host_snprintf_ref(b_, sizeof(b_), __VA_ARGS__);    \
		CHECK_STR(a_, b_);                                           \
		CHECK(ra_ == rb_);                                           \
	} while (0)

int main(void)
{
	char buf[16];

	CMP_FMT("plain");
	CMP_FMT("%d %i %u", -42, 7, 3000000000u);
	CMP_FMT("%x %X %#x %08x %-8x|", 0xbeefu, 0xbeefu, 0x1fu, 0x1234u, 0xabu);
	CMP_FMT("%lld %llu %llx", -9000000000ll, 18446744073709551615ull, 0x123456789abcdefull);
	CMP_FMT("%ld %lu %lx %zu", -5l, 5ul, 0xfffful, (size_t)99);
	CMP_FMT("%5s|%-5s|%.2s|%c", "ab", "cd", "efgh", 'z');
	CMP_FMT("%+d % d %05d %-5d| %.3d", 5, 5, -42, 42, 7);
	CMP_FMT("%hhx %hx %o %#o %%", 0x1ff, 0x1ffff, 8u, 8u);
	CMP_FMT("%*d|%-*d|%.*s", 6, 12, 6, 12, 3, "abcdef");
	CMP_FMT("%p", (void *)0x1234);
	CMP_FMT("%x %d", 0u, 0);

	/* Truncation: always terminated, returns the full length. */
	CHECK(fw_snprintf(buf, 5, "%s", "abcdefgh") == 8);
	CHECK_STR(buf, "abcd");
	CHECK(fw_snprintf(buf, 0, "%d", 12345) == 5);

	CHECK(fw_strtoull("0x1F", NULL, 0) == 31);
	CHECK(fw_strtoull("017", NULL, 0) == 15);
	CHECK(fw_strtoull("123abc", NULL, 10) == 123);
	CHECK(fw_strtol("-12", NULL, 10) == -12);
	{
		char *end;
		const char *s = "zz";

		CHECK(fw_strtoull(s, &end, 16) == 0 && end == s);
	}

	{
		char m[64];

		for (int i = 0; i < 64; i++)
			m[i] = (char)i;
		fw_memmove(m + 3, m, 40);
		CHECK(m[3] == 0 && m[42] == 39);
		fw_memmove(m, m + 3, 40);
		CHECK(m[0] == 0 && m[39] == 39);
		fw_memset(m, 0xab, sizeof(m));
		CHECK((unsigned char)m[63] == 0xab);
		CHECK(fw_memcmp("abc", "abd", 3) < 0);
		CHECK(fw_memchr("hello", 'l', 5) != NULL);
	}
	CHECK(fw_strcmp("a", "b") < 0 && fw_strcmp("b", "b") == 0);
	CHECK(fw_strncmp("abcx", "abcy", 3) == 0);
	CHECK(fw_strcasecmp("POWER9", "power9") == 0);
	CHECK_STR(fw_strrchr("/a/b/c", '/'), "/c");
	CHECK(fw_strchr("abc", 'z') == NULL);
	CHECK(fw_strnlen("abcdef", 3) == 3);
	CHECK(fw_strlcpy(buf, "0123456789abcdefXYZ", sizeof(buf)) == 19);
	CHECK(fw_strlen(buf) == 15);
	return unit_done("test-libc");
}
