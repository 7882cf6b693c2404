/* SPDX-License-Identifier: MIT */
/* A very small unit-test helper: CHECK records a failure and keeps going,
 * unit_done() prints one summary line and gives the exit status. */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_checks;
static int unit_failures;

#define CHECK(cond)                                                          \
	do {                                                                 \
		unit_checks++;                                               \
		if (!(cond)) {                                               \
			unit_failures++;                                     \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",         \
				__FILE__, __LINE__, #cond);                  \
		}                                                            \
	} while (0)

#define CHECK_EQ_U64(a, b)                                                   \
	do {                                                                 \
		unsigned long long unit_a_ = (a), unit_b_ = (b);             \
		unit_checks++;                                               \
		if (unit_a_ != unit_b_) {                                    \
			unit_failures++;                                     \
			fprintf(stderr, "%s:%d: %s == 0x%llx, expected 0x%llx\n", \
				__FILE__, __LINE__, #a, unit_a_, unit_b_);   \
		}                                                            \
	} while (0)

#define CHECK_STR(a, b)                                                      \
	do {                                                                 \
		const char *unit_a_ = (a), *unit_b_ = (b);                   \
		unit_checks++;                                               \
		if (!unit_a_ || !unit_b_ || strcmp(unit_a_, unit_b_) != 0) { \
			unit_failures++;                                     \
			fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", \
				__FILE__, __LINE__, #a,                      \
				unit_a_ ? unit_a_ : "(null)",                \
				unit_b_ ? unit_b_ : "(null)");               \
		}                                                            \
	} while (0)

static inline int unit_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
	return unit_failures ? 1 : 0;
}

#endif
