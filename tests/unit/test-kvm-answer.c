/* SPDX-License-Identifier: MIT */
/* Unit tests of tools/kvm-answer.c: what the helper accepts from
 * KVM_PPC_GET_COMPAT_CAPS. Answers are built as the kernel writes them, as
 * native-endian u64s at byte offsets 0 (size), 8 (flags) and 16 (caps),
 * not through the helper's struct, so a wrong struct layout fails here. */
#include <stdint.h>
#include <string.h>

#include "qemu-compat-caps.h"
#include "unit.h"

/* A kernel's answer from its three words, at the offsets the series sets. */
static struct kvm_ppc_compat_caps_abi answer(uint64_t size, uint64_t flags,
					     uint64_t caps)
{
	unsigned char raw[24];
	struct kvm_ppc_compat_caps_abi a;

	memcpy(raw + 0, &size, 8);
	memcpy(raw + 8, &flags, 8);
	memcpy(raw + 16, &caps, 8);
	_Static_assert(sizeof(a) == sizeof(raw), "24 bytes");
	memcpy(&a, raw, sizeof(a));
	return a;
}

static void test_accepts_first_version(void)
{
	struct kvm_ppc_compat_caps_abi a = answer(24, 0, 0x6000000000000000ull);
	uint64_t caps = 0;
	char why[200] = "";

	CHECK(kvm_answer_check(&a, &caps, why, sizeof(why)) == KVM_ANSWER_OK);
	CHECK_EQ_U64(caps, 0x6000000000000000ull);
	CHECK_STR(why, "");
}

/* A newer kernel with a longer struct copied our 24 bytes and says its
 * own size: the fields we know are valid. Unknown cap bits pass on. */
static void test_accepts_newer_kernel(void)
{
	static const uint64_t sizes[] = { 25, 32, 4096, UINT64_MAX };
	uint64_t caps;
	size_t i;
	char why[200];

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct kvm_ppc_compat_caps_abi a =
			answer(sizes[i], 0, 0x7800000000000000ull);

		caps = 0;
		CHECK(kvm_answer_check(&a, &caps, why, sizeof(why)) == KVM_ANSWER_OK);
		CHECK_EQ_U64(caps, 0x7800000000000000ull);
	}
}

/* Below the first version's 24 bytes it is not this interface. */
static void test_rejects_small_size(void)
{
	static const struct {
		uint64_t size;
		const char *why;
	} cases[] = {
		{ 0, "KVM_PPC_GET_COMPAT_CAPS reports a 0-byte structure, smaller than the 24 bytes of its first version; ignoring its answer" },
		{ 16, "KVM_PPC_GET_COMPAT_CAPS reports a 16-byte structure, smaller than the 24 bytes of its first version; ignoring its answer" },
		{ 23, "KVM_PPC_GET_COMPAT_CAPS reports a 23-byte structure, smaller than the 24 bytes of its first version; ignoring its answer" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kvm_ppc_compat_caps_abi a =
			answer(cases[i].size, 0, 0x4000000000000000ull);
		uint64_t caps = 0x1234;
		char why[200] = "";

		CHECK(kvm_answer_check(&a, &caps, why, sizeof(why)) ==
		      KVM_ANSWER_BAD_SIZE);
		CHECK_STR(why, cases[i].why);
		CHECK_EQ_U64(caps, 0x1234);	/* untouched */
	}
}

/* The flags are reserved: a kernel that sets them means something else. */
static void test_rejects_flags(void)
{
	struct kvm_ppc_compat_caps_abi a = answer(24, 1, 0x4000000000000000ull);
	struct kvm_ppc_compat_caps_abi b =
		answer(24, 0x8000000000000000ull, 0x4000000000000000ull);
	uint64_t caps = 0x1234;
	char why[200];

	CHECK(kvm_answer_check(&a, &caps, why, sizeof(why)) == KVM_ANSWER_BAD_FLAGS);
	CHECK_STR(why, "KVM_PPC_GET_COMPAT_CAPS returned reserved flags 0x1; ignoring its answer");
	CHECK(kvm_answer_check(&b, &caps, why, sizeof(why)) == KVM_ANSWER_BAD_FLAGS);
	CHECK_STR(why, "KVM_PPC_GET_COMPAT_CAPS returned reserved flags 0x8000000000000000; ignoring its answer");
	CHECK_EQ_U64(caps, 0x1234);
}

/* The earlier v4 layout {flags, size, caps} read as ours: size 0 -> no. */
static void test_v4_layout_is_not_misread(void)
{
	struct kvm_ppc_compat_caps_abi a = answer(0, 24, 0x6000000000000000ull);
	uint64_t caps = 0;
	char why[200];

	CHECK(kvm_answer_check(&a, &caps, why, sizeof(why)) == KVM_ANSWER_BAD_SIZE);
	CHECK_EQ_U64(caps, 0);
}

/* A short reason buffer truncates, never overflows (ASan watches). */
static void test_short_buffer(void)
{
	struct kvm_ppc_compat_caps_abi a = answer(8, 0, 0);
	uint64_t caps;
	char why[12];

	CHECK(kvm_answer_check(&a, &caps, why, sizeof(why)) == KVM_ANSWER_BAD_SIZE);
	CHECK_STR(why, "KVM_PPC_GET");	/* 11 characters and the NUL */
}

int main(void)
{
	test_accepts_first_version();
	test_accepts_newer_kernel();
	test_rejects_small_size();
	test_rejects_flags();
	test_v4_layout_is_not_misread();
	test_short_buffer();
	return unit_done("test-kvm-answer");
}
