/* SPDX-License-Identifier: MIT */
/* LD_PRELOAD shim: a fake /dev/kvm for the qemu-compat-caps tests, so the
 * tool's real ioctl code runs against a kernel with or without
 * KVM_PPC_GET_COMPAT_CAPS. Other files and fds pass through untouched.
 *
 * The fake knows the kernel interface on its own, written out below from
 * the posted series (not from include/compat-caps-abi.h), and answers the
 * way that kernel code does: a tool built against another layout or
 * request number gets the kernel's errors, and the tests see it.
 *
 *   FAKE_KVM_DEV=PATH   the exact path to fake (ROOT/dev/kvm)
 *   FAKE_KVM=MODE       caps=0xVALUE | absent | enotty | einval | e2big |
 *                       size=N (the answer claims an N-byte struct) |
 *                       ksize=N (a newer kernel whose struct is N bytes) |
 *                       flags (answer with flags 1) | v4 (a kernel of the
 *                       earlier v4 posting) | createfail | eintr | eacces
 *   FAKE_KVM_LOG=FILE   one line per call; "error: ..." when the tool
 *                       misuses the interface (the tests look for it)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <unistd.h>

/* The kernel interface, spelled out: KVMIO is 0xAE; KVM_CHECK_EXTENSION is
 * _IO(KVMIO, 0x03), KVM_CREATE_VM _IO(KVMIO, 0x01); the series adds
 * capability 250 and KVM_PPC_GET_COMPAT_CAPS = _IO(KVMIO, 0xe4), whose
 * argument points at { u64 size; u64 flags; u64 compat_capabilities; }
 * (native-endian, offsets 0, 8, 16; 24 bytes in its first version). */
#define FAKE_CHECK_EXTENSION 0x0000ae03ul
#define FAKE_CREATE_VM       0x0000ae01ul
#define FAKE_GET_CAPS        0x0000aee4ul
#define FAKE_CAP_COMPAT_CAPS 250ul
#define FAKE_OFF_SIZE        0
#define FAKE_OFF_FLAGS       8
#define FAKE_OFF_CAPS        16
#define FAKE_SIZE_VER0       24u
#define FAKE_PAGE_SIZE       4096u
/* The v4 posting: _IOR(KVMIO, 0xe4, 24 bytes) on { flags; size; caps },
 * capability 249. Only the "v4" mode knows it. */
#define FAKE_V4_GET_CAPS     0x8018aee4ul
#define FAKE_V4_CAP          249ul

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

static int fake_mode_is(const char *m)
{
	return strcmp(fake_mode(), m) == 0;
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
	if (fake_mode_is("eacces")) {
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
	if (fake_mode_is("absent"))
		return 0;
	return cap == (fake_mode_is("v4") ? FAKE_V4_CAP : FAKE_CAP_COMPAT_CAPS);
}

static int fake_create_vm(unsigned long type)
{
	fake_log("create-vm %lu", type);
	if (type != 0)
		fake_log("error: KVM_CREATE_VM type %lu, expected 0", type);
	if (fake_mode_is("createfail"))
		return fake_fail(ENOMEM);
	if (fake_mode_is("eintr") && fake_create_calls++ == 0)
		return fake_fail(EINTR);
	fake_vm_fd = fake_new_fd();
	return fake_vm_fd;
}

static uint64_t fake_get_u64(const unsigned char *p, size_t off)
{
	uint64_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

static void fake_put_u64(unsigned char *p, size_t off, uint64_t v)
{
	memcpy(p + off, &v, sizeof(v));
}

/* The kernel's struct size: 24, or what ksize=N says (a newer kernel). */
static size_t fake_ksize(void)
{
	const char *m = fake_mode();
	size_t n;

	if (strncmp(m, "ksize=", 6) != 0)
		return FAKE_SIZE_VER0;
	n = strtoul(m + 6, NULL, 0);
	return n < FAKE_SIZE_VER0 || n > 64 ? FAKE_SIZE_VER0 : n;
}

/* As the series' kernel does: read the size first (offset 0), refuse one
 * below 24 and set flags, then copy what both sides know. */
static int fake_get_caps(unsigned char *user)
{
	const char *m = fake_mode();
	unsigned char k[64] = { 0 };
	uint64_t usize = fake_get_u64(user, FAKE_OFF_SIZE);
	uint64_t flags = fake_get_u64(user, FAKE_OFF_FLAGS);
	size_t ksize = fake_ksize(), i;

	fake_log("get-compat-caps size=%llu flags=%llu",
		 (unsigned long long)usize, (unsigned long long)flags);
	if (usize != FAKE_SIZE_VER0 || flags != 0)
		fake_log("error: the caller must send size 24 at offset 0 and flags 0 at offset 8");
	if (usize < FAKE_SIZE_VER0 || flags != 0)
		return fake_fail(EINVAL);
	if (usize > FAKE_PAGE_SIZE)
		return fake_fail(E2BIG);
	/* A struct larger than the kernel's: only zero extra bytes pass. */
	for (i = ksize; i < usize; i++)
		if (user[i])
			return fake_fail(E2BIG);
	if (fake_mode_is("enotty"))
		return fake_fail(ENOTTY);
	if (fake_mode_is("einval"))
		return fake_fail(EINVAL);
	if (fake_mode_is("e2big"))
		return fake_fail(E2BIG);
	fake_put_u64(k, FAKE_OFF_SIZE, ksize);
	fake_put_u64(k, FAKE_OFF_CAPS, 0x7000000000000000ull);
	if (strncmp(m, "size=", 5) == 0)
		fake_put_u64(k, FAKE_OFF_SIZE, strtoull(m + 5, NULL, 0));
	else if (fake_mode_is("flags"))
		fake_put_u64(k, FAKE_OFF_FLAGS, 1);
	else if (strncmp(m, "caps=", 5) == 0)
		fake_put_u64(k, FAKE_OFF_CAPS, strtoull(m + 5, NULL, 0));
	/* What both know; the caller's bytes past the kernel's become 0. */
	memcpy(user, k, ksize < usize ? ksize : usize);
	if (usize > ksize)
		memset(user + ksize, 0, usize - ksize);
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
	/* The v4 kernel knows only its own request number. */
	if (fd == fake_vm_fd && req == FAKE_GET_CAPS && !fake_mode_is("v4"))
		return fake_get_caps((unsigned char *)arg);
	if (fd == fake_vm_fd && req == FAKE_V4_GET_CAPS && fake_mode_is("v4")) {
		fake_log("error: the v4 request number");
		return fake_fail(EINVAL);
	}
	fake_log("error: ioctl 0x%lx on the %s fd", req,
		 fd == fake_kvm_fd ? "kvm" : "vm");
	return fake_fail(ENOTTY);
}
