/* SPDX-License-Identifier: MIT */
/* Test init for the ppc64le Linux guest: reports what the kernel saw (CPUs,
 * memory) on the console with "TEST-INIT:" markers, then powers off. */

/* Built freestanding for the little-endian ELFv2 kernel ABI, without a libc:
 *   powerpc64-linux-gnu-gcc -mlittle-endian -mabi=elfv2 -nostdlib -static
 *     -ffreestanding -fno-stack-protector -O2
 * Syscalls go through "sc": r0 = number, r3..r8 = arguments, result in r3,
 * CR0.SO set on error (r3 then holds the positive errno). */

typedef unsigned long size_t;

#define SYS_EXIT 1
#define SYS_READ 3
#define SYS_WRITE 4
#define SYS_OPEN 5
#define SYS_CLOSE 6
#define SYS_MOUNT 21
#define SYS_MKDIR 39
#define SYS_REBOOT 88
#define SYS_SYNC 36

#define O_RDONLY 0
#define O_WRONLY 1
#define O_NOCTTY 0400

#define REBOOT_MAGIC1 0xfee1deadUL
#define REBOOT_MAGIC2 672274793UL
#define REBOOT_CMD_POWER_OFF 0x4321fedcUL

/* Entry: set up r2 (TOC) from our own address, align the stack, call main. */
__asm__(
	"	.text\n"
	"	.globl _start\n"
	"	.type _start,@function\n"
	"_start:\n"
	"	bcl 20,31,1f\n"
	"1:	mflr 12\n"
	"	addis 2,12,.TOC.-1b@ha\n"
	"	addi 2,2,.TOC.-1b@l\n"
	"	clrrdi 1,1,4\n"
	"	li 0,0\n"
	"	stdu 0,-128(1)\n"
	"	bl init_main\n"
	"	nop\n"
	"	b .\n"
	"	.size _start,.-_start\n");

static long syscall6(long n, long a, long b, long c, long d, long e)
{
	register long r0 __asm__("r0") = n;
	register long r3 __asm__("r3") = a;
	register long r4 __asm__("r4") = b;
	register long r5 __asm__("r5") = c;
	register long r6 __asm__("r6") = d;
	register long r7 __asm__("r7") = e;

	__asm__ volatile("sc\n\t"
			 "bns+ 1f\n\t"
			 "neg %1,%1\n"
			 "1:"
			 : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7)
			 :
			 : "memory", "cr0", "r8", "r9", "r10", "r11", "r12", "ctr", "xer");
	return r3;
}

#define sys(n, a, b, c) syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0)

static int out_fd = 1;

static size_t str_len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void put_n(const char *s, size_t n)
{
	while (n > 0) {
		long r = sys(SYS_WRITE, out_fd, s, n);

		if (r <= 0)
			return;
		s += r;
		n -= (size_t)r;
	}
}

static void put(const char *s)
{
	put_n(s, str_len(s));
}

static void put_dec(unsigned long v)
{
	char buf[24];
	int i = (int)sizeof(buf);

	buf[--i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	put(buf + i);
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t i;

	for (i = 0; prefix[i]; i++)
		if (i >= n || s[i] != prefix[i])
			return 0;
	return 1;
}

/* Reads a whole (small) file into buf; returns its length, or -errno. */
static long read_file(const char *path, char *buf, size_t size)
{
	long fd = sys(SYS_OPEN, path, O_RDONLY, 0);
	size_t len = 0;

	if (fd < 0)
		return fd;
	while (len < size - 1) {
		long r = sys(SYS_READ, fd, buf + len, size - 1 - len);

		if (r <= 0)
			break;
		len += (size_t)r;
	}
	sys(SYS_CLOSE, fd, 0, 0);
	buf[len] = '\0';
	return (long)len;
}

static char filebuf[256 * 1024];

static void report_cpuinfo(void)
{
	long len = read_file("/proc/cpuinfo", filebuf, sizeof(filebuf));
	unsigned long processors = 0;
	long i = 0;

	if (len < 0) {
		put("TEST-INIT: cannot read /proc/cpuinfo, error ");
		put_dec((unsigned long)-len);
		put("\n");
		return;
	}
	while (i < len) {
		long j = i;

		while (j < len && filebuf[j] != '\n')
			j++;
		if (starts_with(filebuf + i, (size_t)(j - i), "processor"))
			processors++;
		else if (starts_with(filebuf + i, (size_t)(j - i), "cpu")) {
			put("TEST-INIT: cpuinfo: ");
			put_n(filebuf + i, (size_t)(j - i));
			put("\n");
		}
		i = j + 1;
	}
	put("TEST-INIT: processors ");
	put_dec(processors);
	put("\n");
}

static void report_meminfo(void)
{
	long len = read_file("/proc/meminfo", filebuf, sizeof(filebuf));
	long i = 0;

	while (i < len) {
		long j = i;

		while (j < len && filebuf[j] != '\n')
			j++;
		if (starts_with(filebuf + i, (size_t)(j - i), "MemTotal:")) {
			put("TEST-INIT: meminfo: ");
			put_n(filebuf + i, (size_t)(j - i));
			put("\n");
		}
		i = j + 1;
	}
}

/* The first interrupt lines (after the CPU header) name the controller:
 * "XICS" or "XIVE-IRQ". */
static void report_interrupts(void)
{
	long len = read_file("/proc/interrupts", filebuf, sizeof(filebuf));
	long i = 0;
	int lines = 0;

	while (i < len && lines < 4) {
		long j = i;

		while (j < len && filebuf[j] != '\n')
			j++;
		if (i > 0) {
			put("TEST-INIT: interrupts: ");
			put_n(filebuf + i, (size_t)(j - i));
			put("\n");
			lines++;
		}
		i = j + 1;
	}
}

void init_main(void);

void init_main(void)
{
	/* Without /dev/console in the rootfs the kernel gives us no fds. */
	if (sys(SYS_WRITE, 1, "", 0) < 0) {
		sys(SYS_MKDIR, "/dev", 0755, 0);
		sys(SYS_MOUNT, "devtmpfs", "/dev", "devtmpfs");
		long fd = sys(SYS_OPEN, "/dev/console", O_WRONLY | O_NOCTTY, 0);

		if (fd >= 0)
			out_fd = (int)fd;
	}
	sys(SYS_MKDIR, "/proc", 0555, 0);
	long r = syscall6(SYS_MOUNT, (long)"proc", (long)"/proc", (long)"proc", 0, 0);

	put("\nTEST-INIT: started\n");
	if (r < 0) {
		put("TEST-INIT: mount /proc failed, error ");
		put_dec((unsigned long)-r);
		put("\n");
	}
	report_cpuinfo();
	report_meminfo();
	report_interrupts();
	put("TEST-INIT: power-off\n");
	sys(SYS_SYNC, 0, 0, 0);
	syscall6(SYS_REBOOT, (long)REBOOT_MAGIC1, (long)REBOOT_MAGIC2, (long)REBOOT_CMD_POWER_OFF, 0, 0);
	put("TEST-INIT: reboot(POWER_OFF) returned\n");
	for (;;)
		sys(SYS_EXIT, 1, 0, 0);
}
