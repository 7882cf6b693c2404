/* SPDX-License-Identifier: MIT */
/* LD_PRELOAD shim: a fake /dev/kvm for the qemu-compat-caps tests, so the
 * tool's real ioctl code runs against a kernel with or without the unmerged
 * KVM_PPC_GET_COMPAT_CAPS. Other files and fds pass through untouched.
 *
 *   FAKE_KVM_DEV=PATH   the exact path to fake (ROOT/dev/kvm)
 *   FAKE_KVM=MODE       caps=0xVALUE | absent | enotty | einval | e2big |
 *                       short | size24 | flags | createfail | eintr |
 *                       eacces
 *   FAKE_KVM_LOG=FILE   one line per call; "error: ..." when the tool
 *                       misuses the interface (the tests look for it)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <unistd.h>

#include <linux/kvm.h>

#include "compat-caps-abi.h"

/* Request numbers written out, so a mistake in how the tool builds them is
 * caught rather than repeated: _IO(0xAE, 0x03), _IO(0xAE, 0x01) and
 * _IOWR(0xAE, 0xb9, 16 bytes). The asserts tie them to the headers. */
#define FAKE_CHECK_EXTENSION 0x0000ae03ul
#define FAKE_CREATE_VM       0x0000ae01ul
#define FAKE_GET_CAPS        0xc010aeb9ul
_Static_assert(KVM_CHECK_EXTENSION == FAKE_CHECK_EXTENSION, "KVM_CHECK_EXTENSION");
_Static_assert(KVM_CREATE_VM == FAKE_CREATE_VM, "KVM_CREATE_VM");
_Static_assert(KVM_PPC_GET_COMPAT_CAPS_NR == 0xb9 &&
	       sizeof(struct kvm_ppc_compat_caps_abi) == 16,
	       "sync FAKE_GET_CAPS with include/compat-caps-abi.h");

int open(const char *path, int flags, ...);
int open64(const char *path, int flags, ...);
int __open_2(const char *path, int flags);
int __open64_2(const char *path, int flags);
int openat(int dirfd, const char *path, int flags, ...);
int openat64(int dirfd, const char *path, int flags, ...);
int close(int fd);
int ioctl(int fd, unsigned long req, ...);

static int fake_kvm_fd = -1, fake_vm_fd = -1;
static int fake_create_calls;

static void fake_log(const char *fmt, ...)
{
	const char *path = getenv("FAKE_KVM_LOG");
	va_list ap;
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

static const char *fake_mode(void)
{
	const char *m = getenv("FAKE_KVM");

	return m ? m : "";
}

static void *fake_next(const char *name)
{
	void *fn = dlsym(RTLD_NEXT, name);

	if (!fn) {
		fprintf(stderr, "fake-kvm: no next %s\n", name);
		abort();
	}
	return fn;
}

static int fake_is_kvm_path(const char *path)
{
	const char *dev = getenv("FAKE_KVM_DEV");

	return dev && path && strcmp(path, dev) == 0;
}

/* Returns a real, harmless fd to stand for /dev/kvm or a VM. */
static int fake_new_fd(void)
{
	int (*real_open)(const char *, int, ...) = fake_next("open");

	return real_open("/dev/null", O_RDWR | O_CLOEXEC);
}

static int fake_open_kvm(const char *path, int flags)
{
	fake_log("open %s%s", path, (flags & O_ACCMODE) == O_RDWR ? " rdwr" : " error: not O_RDWR");
	if (strcmp(fake_mode(), "eacces") == 0) {
		errno = EACCES;
		return -1;
	}
	fake_kvm_fd = fake_new_fd();
	return fake_kvm_fd;
}

static mode_t fake_mode_arg(int flags, va_list ap)
{
	return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
	int (*real)(const char *, int, ...) = fake_next("open");
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = fake_mode_arg(flags, ap);
	va_end(ap);
	if (fake_is_kvm_path(path))
		return fake_open_kvm(path, flags);
	return real(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	int (*real)(const char *, int, ...) = fake_next("open64");
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = fake_mode_arg(flags, ap);
	va_end(ap);
	if (fake_is_kvm_path(path))
		return fake_open_kvm(path, flags);
	return real(path, flags, mode);
}

int __open_2(const char *path, int flags)
{
	int (*real)(const char *, int) = fake_next("__open_2");

	return fake_is_kvm_path(path) ? fake_open_kvm(path, flags) : real(path, flags);
}

int __open64_2(const char *path, int flags)
{
	int (*real)(const char *, int) = fake_next("__open64_2");

	return fake_is_kvm_path(path) ? fake_open_kvm(path, flags) : real(path, flags);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	int (*real)(int, const char *, int, ...) = fake_next("openat");
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = fake_mode_arg(flags, ap);
	va_end(ap);
	if (fake_is_kvm_path(path))
		return fake_open_kvm(path, flags);
	return real(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	int (*real)(int, const char *, int, ...) = fake_next("openat64");
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = fake_mode_arg(flags, ap);
	va_end(ap);
	if (fake_is_kvm_path(path))
		return fake_open_kvm(path, flags);
	return real(dirfd, path, flags, mode);
}

int close(int fd)
{
	int (*real)(int) = fake_next("close");

	if (fd >= 0 && fd == fake_kvm_fd) {
		fake_log("close kvm");
		fake_kvm_fd = -1;
	} else if (fd >= 0 && fd == fake_vm_fd) {
		fake_log("close vm");
		fake_vm_fd = -1;
	}
	return real(fd);
}

static int fake_fail(int err)
{
	errno = err;
	return -1;
}

static int fake_check_extension(unsigned long cap)
{
	fake_log("check-extension %lu", cap);
	if (cap != KVM_CAP_PPC_COMPAT_CAPS_NR)
		return 0;
	return strcmp(fake_mode(), "absent") == 0 ? 0 : 1;
}

static int fake_create_vm(unsigned long type)
{
	fake_log("create-vm %lu", type);
	if (type != 0)
		fake_log("error: KVM_CREATE_VM type %lu, expected 0", type);
	if (strcmp(fake_mode(), "createfail") == 0)
		return fake_fail(ENOMEM);
	if (strcmp(fake_mode(), "eintr") == 0 && fake_create_calls++ == 0)
		return fake_fail(EINTR);
	fake_vm_fd = fake_new_fd();
	return fake_vm_fd;
}

static int fake_get_caps(struct kvm_ppc_compat_caps_abi *q)
{
	const char *m = fake_mode();

	fake_log("get-compat-caps size=%u flags=%u", (unsigned)q->size,
		 (unsigned)q->flags);
	if (q->size != sizeof(*q) || q->flags != 0)
		fake_log("error: the caller must send size 16 and flags 0");
	if (strcmp(m, "enotty") == 0)
		return fake_fail(ENOTTY);
	if (strcmp(m, "einval") == 0)
		return fake_fail(EINVAL);
	if (strcmp(m, "e2big") == 0)
		return fake_fail(E2BIG);
	q->size = sizeof(*q);
	q->flags = 0;
	q->compat_capabilities = COMPAT_CAPS_KNOWN_MASK;
	if (strcmp(m, "short") == 0)
		q->size = 8;	/* an older kernel layout */
	else if (strcmp(m, "size24") == 0)
		q->size = 24;	/* a newer kernel: still fills our 16 */
	else if (strcmp(m, "flags") == 0)
		q->flags = 1;
	else if (strncmp(m, "caps=", 5) == 0)
		q->compat_capabilities = strtoull(m + 5, NULL, 0);
	return 0;
}

int ioctl(int fd, unsigned long req, ...)
{
	int (*real)(int, unsigned long, ...) = fake_next("ioctl");
	unsigned long arg;
	va_list ap;

	va_start(ap, req);
	arg = va_arg(ap, unsigned long);
	va_end(ap);

	if (fd < 0 || (fd != fake_kvm_fd && fd != fake_vm_fd))
		return real(fd, req, arg);
	if (fd == fake_kvm_fd && req == FAKE_CHECK_EXTENSION)
		return fake_check_extension(arg);
	if (fd == fake_kvm_fd && req == FAKE_CREATE_VM)
		return fake_create_vm(arg);
	if (fd == fake_vm_fd && req == FAKE_GET_CAPS)
		return fake_get_caps((struct kvm_ppc_compat_caps_abi *)arg);
	fake_log("error: ioctl 0x%lx on the %s fd", req,
		 fd == fake_kvm_fd ? "kvm" : "vm");
	return fake_fail(ENOTTY);
}
