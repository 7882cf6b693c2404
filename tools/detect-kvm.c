/* SPDX-License-Identifier: MIT */
/* Caps source 1: ask KVM. /dev/kvm, KVM_CHECK_EXTENSION(KVM_CAP_PPC_COMPAT_CAPS),
 * a VM fd, then the vm ioctl KVM_PPC_GET_COMPAT_CAPS with the 24-byte struct
 * (numbers and layout: include/compat-caps-abi.h). A kernel without the
 * interface is silence; one that rejects or garbles our request is noted. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/kvm.h>

#include "compat-caps-abi.h"
#include "qemu-compat-caps.h"

/* Request numbers built from the ABI header, under our own names so a
 * future <linux/kvm.h> that defines the real ones cannot clash. _IO, not
 * _IOR: the kernel reads the size from the struct, not from the number. */
#define DETECT_KVM_CAP            KVM_CAP_PPC_COMPAT_CAPS_NR
#define DETECT_KVM_GET_CAPS       _IO(KVMIO, KVM_PPC_GET_COMPAT_CAPS_NR)

/* KVM_CREATE_VM may be interrupted; the others are plain queries. */
static int detect_kvm_ioctl(int fd, unsigned long req, unsigned long arg)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR);
	return r;
}

/* Asks the VM; returns DETECT_* and fills out on an answer. */
static enum detect_result detect_kvm_query_vm(int vm, struct host_caps *out)
{
	struct kvm_ppc_compat_caps_abi q;
	char why[200];
	uint64_t caps;

	memset(&q, 0, sizeof(q));
	q.size = KVM_PPC_COMPAT_CAPS_SIZE_VER0;	/* what we know; flags 0 */
	if (detect_kvm_ioctl(vm, DETECT_KVM_GET_CAPS, (unsigned long)&q) < 0) {
		/* ENOTTY: no such ioctl, or no backend for it (not HV). Any
		 * other error after the capability said yes means the kernel
		 * speaks another version of the interface: worth a note. */
		if (errno != ENOTTY)
			diag("KVM_PPC_GET_COMPAT_CAPS refused our %u-byte request: %s (this kernel has another version of the interface); trying the device tree",
			     KVM_PPC_COMPAT_CAPS_SIZE_VER0, strerror(errno));
		return DETECT_SILENT;
	}
	if (kvm_answer_check(&q, &caps, why, sizeof(why)) != KVM_ANSWER_OK) {
		diag("%s; trying the device tree", why);
		return DETECT_SILENT;
	}
	out->caps = caps;
	out->source = SOURCE_KVM;
	snprintf(out->detail, sizeof(out->detail),
		 "KVM: KVM_PPC_GET_COMPAT_CAPS reports 0x%016llx",
		 (unsigned long long)caps);
	if (!(caps & COMPAT_CAPS_KNOWN_MASK))
		return DETECT_NO_LEVEL;
	return DETECT_FOUND;
}

enum detect_result detect_kvm(const char *root, struct host_caps *out)
{
	enum detect_result res;
	char path[4096];
	int kvm, vm, r;

	if (host_file_path(root, "/dev/kvm", path, sizeof(path)) < 0)
		return DETECT_SILENT;
	kvm = open(path, O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		/* No KVM here (x86 without it, a container): silence. Other
		 * errors (permissions) are worth a note. */
		if (errno != ENOENT && errno != ENODEV && errno != ENXIO &&
		    errno != ENOTDIR)
			diag("cannot open %s: %s; trying the device tree", path,
			     strerror(errno));
		return DETECT_SILENT;
	}
	r = detect_kvm_ioctl(kvm, KVM_CHECK_EXTENSION, DETECT_KVM_CAP);
	if (r <= 0) {
		close(kvm);
		return DETECT_SILENT;	/* capability absent */
	}
	vm = detect_kvm_ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0) {
		diag("KVM_CREATE_VM failed: %s; trying the device tree",
		     strerror(errno));
		close(kvm);
		return DETECT_SILENT;
	}
	res = detect_kvm_query_vm(vm, out);
	close(vm);
	close(kvm);
	return res;
}
