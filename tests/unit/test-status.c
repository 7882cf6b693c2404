/* SPDX-License-Identifier: MIT */
/* lib/status: every code has its own non-empty name, values outside the
 * enum get a fallback, and the text formatter cuts to fit. */
#include <string.h>

#include "status/status.h"
#include "unit.h"

static void test_names(void)
{
	for (int a = STATUS_OK; a >= STATUS_LAST; a--) {
		const char *na = status_name(a);

		CHECK(na != NULL && na[0] != '\0');
		CHECK(strcmp(na, "unknown error") != 0);
		for (int b = a - 1; b >= STATUS_LAST; b--)
			CHECK(strcmp(na, status_name(b)) != 0);
	}
	CHECK_STR(status_name(STATUS_EIO), "I/O error");
	CHECK_STR(status_name(STATUS_ETIMEDOUT), "timed out");
	CHECK_STR(status_name(STATUS_LAST - 1), "unknown error");
	CHECK_STR(status_name((enum status)1), "unknown error");
	CHECK_STR(status_name((enum status)-1000), "unknown error");
}

static void test_reason(void)
{
	const char *r = NULL;

	CHECK(status_fail(&r, STATUS_EREFUSED, "no") == STATUS_EREFUSED);
	CHECK_STR(r, "no");
	CHECK(status_fail(NULL, STATUS_EBUSY, "ignored") == STATUS_EBUSY);
}

static void test_text(void)
{
	struct status_text t;
	char big[2 * STATUS_TEXT_MAX];

	CHECK(status_failf(&t, STATUS_EDEVICE, "sense key 0x%x", 5) == STATUS_EDEVICE);
	CHECK_STR(t.text, "sense key 0x5");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	status_textf(&t, "%s", big);
	CHECK(strlen(t.text) == STATUS_TEXT_MAX - 1);
}

int main(void)
{
	test_names();
	test_reason();
	test_text();
	return unit_done("test-status");
}
