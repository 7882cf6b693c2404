/* SPDX-License-Identifier: MIT */
/* The compat-caps ABI, version 1 (DESIGN.md "The compat-caps ABI"), and the
 * KVM interface the host helper reads the caps from. The KVM numbers are not
 * in a released kernel header yet: this is the one place to sync them. */
#ifndef INCLUDE_COMPAT_CAPS_ABI_H
#define INCLUDE_COMPAT_CAPS_ABI_H

#include <stddef.h>
#include <stdint.h>

/* /chosen/qemu,compat-caps: u32 size, u32 reserved (0), u64 caps, all BE. */
#define COMPAT_CAPS_PROP_NAME    "qemu,compat-caps"
#define COMPAT_CAPS_NVRAM_NAME   "qemu,compat-caps"
#define COMPAT_CAPS_V1_SIZE      16u
#define COMPAT_CAPS_HEX_DIGITS   (2 * COMPAT_CAPS_V1_SIZE)

/* Compat levels in IBM (MSB-0) bit numbering, as KVM reports them. */
#define COMPAT_CAP_POWER9        0x4000000000000000ull /* bit 1 */
#define COMPAT_CAP_POWER10       0x2000000000000000ull /* bit 2 */
#define COMPAT_CAP_POWER11       0x1000000000000000ull /* bit 3 */
#define COMPAT_CAPS_KNOWN_MASK   0x7000000000000000ull

/*
 * The Linux KVM interface (powerpc), a different ABI from the property
 * above: native-endian, 24 bytes, its own size rule. Numbers from the
 * series "KVM: PPC: Expose CPU compatibility modes for nested guests"
 * as posted in v5 (2026-07-01, read in full). Its later postings up to v8,
 * applied to the powerpc tree on 2026-08-09, keep this layout as far as
 * their change notes show (they change the documentation and how a struct
 * larger than the kernel's is handled). No kernel header installed here has
 * these names, and the capability number (250 in v5) is the kind that moves
 * when other series land first: this is the one place to sync them.
 *
 * Earlier postings differ and are NOT supported: v4 had {flags, size,
 * caps}, _IOR(KVMIO, 0xe4, 24 bytes) and capability 249; v1..v3 had no size.
 */
#define KVM_CAP_PPC_COMPAT_CAPS_NR    250
#define KVM_PPC_GET_COMPAT_CAPS_NR    0xe4	/* _IO(KVMIO, 0xe4): no size in it */
#define KVM_PPC_COMPAT_CAPS_SIZE_VER0 24u	/* the first published struct */

/*
 * In: size = the bytes the caller knows (at least VER0), flags = 0 (the
 * kernel refuses anything else with EINVAL). Out: size = the bytes the
 * kernel knows (it copies at most what the caller gave), flags 0, and the
 * levels in the MSB-0 bits above.
 */
struct kvm_ppc_compat_caps_abi {
	uint64_t size;
	uint64_t flags;
	uint64_t compat_capabilities;
};

_Static_assert(sizeof(struct kvm_ppc_compat_caps_abi) ==
	       KVM_PPC_COMPAT_CAPS_SIZE_VER0,
	       "struct kvm_ppc_compat_caps is 24 bytes in its first version");
_Static_assert(offsetof(struct kvm_ppc_compat_caps_abi, size) == 0 &&
	       offsetof(struct kvm_ppc_compat_caps_abi, flags) == 8 &&
	       offsetof(struct kvm_ppc_compat_caps_abi, compat_capabilities) == 16,
	       "the kernel reads size first, then flags, then the caps");

#endif
