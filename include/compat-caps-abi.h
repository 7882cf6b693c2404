/* SPDX-License-Identifier: MIT */
/* The compat-caps ABI, version 1 (DESIGN.md "The compat-caps ABI"), and the
 * proposed KVM interface it mirrors. The KVM numbers are not merged upstream
 * yet: this is the one place to sync them when they land. */
#ifndef INCLUDE_COMPAT_CAPS_ABI_H
#define INCLUDE_COMPAT_CAPS_ABI_H

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

/* Proposed KVM interface (KVM_CAP_PPC_COMPAT_CAPS, vm ioctl
 * KVM_PPC_GET_COMPAT_CAPS). Placeholder numbers until merged. */
#define KVM_CAP_PPC_COMPAT_CAPS_NR   240
#define KVM_PPC_GET_COMPAT_CAPS_NR   0xb9

struct kvm_ppc_compat_caps_abi {
	uint32_t size;                 /* in: bytes the caller knows; out: bytes filled */
	uint32_t flags;                /* reserved, must be 0 */
	uint64_t compat_capabilities;  /* MSB-0 level bits, as above */
};

#endif
