/* SPDX-License-Identifier: MIT */
/* What KVM_PPC_GET_COMPAT_CAPS wrote back, judged apart from the ioctl so it
 * can be unit-tested: the size rule and the reserved flags of the kernel
 * interface (include/compat-caps-abi.h). */
#include <stdio.h>

#include "qemu-compat-caps.h"

enum kvm_answer kvm_answer_check(const struct kvm_ppc_compat_caps_abi *a,
				 uint64_t *caps, char *why, size_t whylen)
{
	unsigned long long size = a->size, flags = a->flags;

	/* The interface never shrinks below its first version: a smaller size
	 * is not this interface, so its other fields mean nothing. */
	if (size < KVM_PPC_COMPAT_CAPS_SIZE_VER0) {
		snprintf(why, whylen,
			 "KVM_PPC_GET_COMPAT_CAPS reports a %llu-byte structure, smaller than the %u bytes of its first version; ignoring its answer",
			 size, KVM_PPC_COMPAT_CAPS_SIZE_VER0);
		return KVM_ANSWER_BAD_SIZE;
	}
	/* Larger: a newer kernel. It copied only the bytes we gave it, and the
	 * fields we know keep their offsets, so they are read as they are. */
	if (flags != 0) {
		snprintf(why, whylen,
			 "KVM_PPC_GET_COMPAT_CAPS returned reserved flags 0x%llx; ignoring its answer",
			 flags);
		return KVM_ANSWER_BAD_FLAGS;
	}
	*caps = a->compat_capabilities;
	return KVM_ANSWER_OK;
}
