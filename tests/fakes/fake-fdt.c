/* SPDX-License-Identifier: MIT */
/* QEMU-pseries-shaped device trees for host tests (see fake-fdt.h). */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "fake-fdt.h"

const uint8_t fake_cas_vector[] = {
	0xff, 0xff, 0x00, 0x00, 0x00, 0x4e, 0x00, 0x00,	/* raw POWER9 */
	0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x05,	/* logical POWER9 */
	0xff, 0xff, 0xff, 0xfe, 0x0f, 0x00, 0x00, 0x01,	/* ISA 2.05, ends the list */
	0x00,						/* one option vector */
	0x00, 0x00,					/* OV1: one byte */
};
const size_t fake_cas_vector_len = sizeof(fake_cas_vector);

static void *fdt;

static void ok(int rc, const char *what)
{
	if (rc < 0) {
		fprintf(stderr, "fake-fdt: %s: %s\n", what, fdt_strerror(rc));
		abort();
	}
}

static void begin(const char *name)
{
	ok(fdt_begin_node(fdt, name), name);
}

static void end(void)
{
	ok(fdt_end_node(fdt), "end node");
}

static void prop(const char *name, const void *v, size_t len)
{
	ok(fdt_property(fdt, name, v, (int)len), name);
}

static void str(const char *name, const char *s)
{
	prop(name, s, strlen(s) + 1);
}

static void u32(const char *name, uint32_t v)
{
	uint8_t b[4];

	be32_write(b, v);
	prop(name, b, 4);
}

static void u64pair(const char *name, uint64_t a, uint64_t b)
{
	uint8_t v[16];

	be64_write(v, a);
	be64_write(v + 8, b);
	prop(name, v, 16);
}

static void u64(const char *name, uint64_t a)
{
	uint8_t v[8];

	be64_write(v, a);
	prop(name, v, 8);
}
static void chosen(const struct fake_fdt_opts *o)
{
	static const uint8_t vec5[] = { 0x17, 0x80, 0x18, 0xc0, 0x19, 0x00, 0x1a, 0x40 };

	begin("chosen");
	str("stdout-path", FAKE_STDOUT_PATH);
	str("bootargs", "quiet");
	prop("ibm,arch-vec-5-platform-support", vec5, sizeof(vec5));
	if (o->cas_reply) {
		static const uint8_t av5[] = { 0x00, 0x00, 0x00, 0x40 };

		prop("ibm,architecture-vec-5", av5, sizeof(av5));
	}
	if (o->compat_caps_len)
		prop("qemu,compat-caps", o->compat_caps, o->compat_caps_len);
	if (o->kernel_size) {
		u64pair("qemu,boot-kernel", o->kernel_base, o->kernel_size);
		if (o->kernel_le)
			prop("qemu,boot-kernel-le", NULL, 0);
	}
	if (o->initrd_end) {	/* one cell each, as QEMU writes them */
		u32("linux,initrd-start", (uint32_t)o->initrd_start);
		u32("linux,initrd-end", (uint32_t)o->initrd_end);
	}
	end();
}

static void rtas(const struct fake_fdt_opts *o)
{
	static const char hyperfns[] = "hcall-pft\0hcall-term\0hcall-dabr\0hcall-interrupt";

	begin("rtas");
	u32("rtas-size", o->rtas_size ? o->rtas_size : 0x2000);
	prop("ibm,hypertas-functions", hyperfns, sizeof(hyperfns));
	u32("nvram-fetch", 0x2012);
	u32("nvram-store", 0x2013);
	u32("power-off", 0x200a);
	u32("system-reboot", 0x200b);
	u32("get-time-of-day", 0x2001);
	end();
}

static void cpus(const struct fake_fdt_opts *o)
{
	begin("cpus");
	u32("#address-cells", 1);
	u32("#size-cells", 0);
	begin("PowerPC,POWER9@0");
	str("device_type", "cpu");
	u32("reg", 0);
	if (!o->no_cpu_version)
		u32("cpu-version", o->cpu_version ? o->cpu_version : 0x004e1200);
	u32("timebase-frequency", 512000000);
	u32("ibm,ppc-interrupt-server#s", 0);
	prop("64-bit", NULL, 0);
	str("status", "okay");
	end();
	end();
}

static void vdevice(void)
{
	begin("vdevice");
	str("device_type", "vdevice");
	str("compatible", "IBM,vdevice");
	u32("#address-cells", 1);
	u32("#size-cells", 0);
	prop("interrupt-controller", NULL, 0);

	begin("vty@71000000");
	str("compatible", "hvterm1");
	str("device_type", "serial");
	u32("reg", 0x71000000);
	end();

	begin("nvram@71000001");
	str("compatible", "qemu,spapr-nvram");
	str("device_type", "nvram");
	u32("reg", 0x71000001);
	u32("#bytes", 0x10000);
	end();

	begin("v-scsi@71000003");
	str("compatible", "IBM,v-scsi");
	str("device_type", "vscsi");
	u32("reg", 0x71000003);
	u32("#address-cells", 2);
	u32("#size-cells", 0);
	begin("disk@8000000000000000");
	str("device_type", "block");
	u64("reg", 0x8000000000000000ull);
	end();
	end();

	end();
}

static void intc(const struct fake_fdt_opts *o)
{
	if (o->xive) {
		static const uint8_t reg[] = {
			0x00, 0x06, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00,
			0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
		};

		begin(FAKE_XIVE_NAME);
		str("compatible", "ibm,power-ivpe");
		str("device_type", "power-ivpe");
		prop("reg", reg, sizeof(reg));
	} else {
		begin("interrupt-controller");
		str("compatible", "IBM,ppc-xicp");
		str("device_type", "PowerPC-External-Interrupt-Presentation");
	}
	u32("#interrupt-cells", 2);
	prop("interrupt-controller", NULL, 0);
	u32("phandle", FAKE_XICS_PHANDLE);
	u32("linux,phandle", FAKE_XICS_PHANDLE);
	end();
}

size_t fake_fdt_pseries(void *buf, size_t size, const struct fake_fdt_opts *o)
{
	fdt = buf;
	ok(fdt_create(fdt, (int)size), "create");
	if (o->rsv_size)
		ok(fdt_add_reservemap_entry(fdt, o->rsv_base, o->rsv_size), "reservation");
	/* QEMU reserves the -kernel and -initrd images. */
	if (o->kernel_size)
		ok(fdt_add_reservemap_entry(fdt, o->kernel_base, o->kernel_size), "kernel");
	if (o->initrd_end > o->initrd_start)
		ok(fdt_add_reservemap_entry(fdt, o->initrd_start, o->initrd_end - o->initrd_start),
		   "initrd");
	ok(fdt_finish_reservemap(fdt), "reservation map");
	begin("");
	u32("#address-cells", 2);
	u32("#size-cells", 2);
	str("compatible", "qemu,pseries");
	str("model", "IBM pSeries (emulated by qemu)");
	str("device_type", "chrp");
	chosen(o);
	rtas(o);
	cpus(o);
	vdevice();
	begin("memory@0");
	str("device_type", "memory");
	u64pair("reg", 0, o->ram_size);
	end();
	intc(o);
	begin("aliases");
	str("disk", FAKE_DISK_PATH);
	str("screen", "/nonexistent");
	end();
	end();
	ok(fdt_finish(fdt), "finish");
	return fdt_totalsize(fdt);
}
