/* SPDX-License-Identifier: MIT */
/* make run's default guest: walks the device tree through the client
 * interface, asks for client-architecture-support with a vector chosen by
 * the NVRAM variable demo-cas, prints a summary, and powers off. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "demo.h"

static uint32_t stdout_ih;

void demo_print(const char *fmt, ...)
{
	char buf[256];
	uint32_t ret;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (stdout_ih && n > 0)
		ci_call("write", 3, 1, &ret, stdout_ih, (uint32_t)(uintptr_t)buf, (uint32_t)n);
}

static uint32_t finddevice(const char *path)
{
	uint32_t ph = CI_FAIL;

	ci_call("finddevice", 1, 1, &ph, (uint32_t)(uintptr_t)path);
	return ph;
}

static int32_t getprop(uint32_t ph, const char *name, void *buf, uint32_t len)
{
	uint32_t ret = CI_FAIL;

	ci_call("getprop", 4, 1, &ret, ph, (uint32_t)(uintptr_t)name,
		(uint32_t)(uintptr_t)buf, len);
	return (int32_t)ret;
}

static uint32_t relative(const char *service, uint32_t ph)
{
	uint32_t ret = 0;

	ci_call(service, 1, 1, &ret, ph);
	return ret;
}

struct tally {
	unsigned nodes, cpus, memory_nodes;
	uint64_t memory;
};

static void walk(uint32_t ph, struct tally *t)
{
	char type[32];
	int32_t len;

	for (; ph && ph != CI_FAIL; ph = relative("peer", ph)) {
		t->nodes++;
		len = getprop(ph, "device_type", type, sizeof(type) - 1);
		if (len > 0) {
			type[len < (int32_t)sizeof(type) ? len : (int32_t)sizeof(type) - 1] = '\0';
			if (strcmp(type, "cpu") == 0) {
				t->cpus++;
			} else if (strcmp(type, "memory") == 0) {
				uint32_t reg[16];
				int32_t rl = getprop(ph, "reg", reg, sizeof(reg));

				t->memory_nodes++;
				for (int32_t i = 0; i + 16 <= rl && i < (int32_t)sizeof(reg); i += 16)
					t->memory += ((uint64_t)reg[i / 4 + 2] << 32) | reg[i / 4 + 3];
			}
		}
		walk(relative("child", ph), t);
	}
}

/* CAS vectors: PVR list, then option vectors 1 and 5 (the minimum QEMU
 * parses). "linux" lists what Linux 6.1 lists plus Power11; "p11-only"
 * lists only Power11 levels so a host without them leaves nothing; "grub"
 * has no PVR entry at all, like GRUB's. */
static const uint32_t pvrs_linux[][2] = {
	{ 0xffff0000, 0x004d0000 }, { 0xffff0000, 0x004e0000 },
	{ 0xffff0000, 0x00800000 }, { 0xffff0000, 0x00820000 },
	{ 0xffffffff, 0x0f000007 }, { 0xffffffff, 0x0f000006 },
	{ 0xffffffff, 0x0f000005 }, { 0xffffffff, 0x0f000004 },
	{ 0xfffffffe, 0x0f000001 },
};
static const uint32_t pvrs_p11[][2] = {
	{ 0xffff0000, 0x00820000 }, { 0xffffffff, 0x0f000007 },
	{ 0xfffffffe, 0x0f000001 },
};
/* GRUB's own CAS vector: the terminator alone. */
static const uint32_t pvrs_grub[][2] = {
	{ 0x00000000, 0xffffffff },
};
/* num_vectors - 1 = 4 (OV1..OV5): OV1 ISA 2.07/3.00/3.1; OV2-4 minimal;
 * OV5 with hash MMU and legacy interrupts (nothing that needs platform
 * support bits). */
static const uint8_t option_vectors[] = {
	4,
	2, 0x00, 0x01, 0xc0,
	0, 0x00,
	0, 0x00,
	0, 0x00,
	25, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00,
};

static uint8_t cas_vector[256] __attribute__((aligned(8)));

static void do_cas(const char *which)
{
	const uint32_t (*pvrs)[2] = pvrs_linux;
	size_t n = sizeof(pvrs_linux) / sizeof(pvrs_linux[0]), pos = 0;
	uint32_t root_ih = 0, rets[2] = { CI_FAIL, CI_FAIL };
	uint32_t cpu_version = 0, cpus, ph;
	char name[64];

	if (strcmp(which, "none") == 0) {
		demo_print("demo: CAS skipped (demo-cas=none)\n");
		return;
	}
	if (strcmp(which, "p11-only") == 0) {
		pvrs = pvrs_p11;
		n = sizeof(pvrs_p11) / sizeof(pvrs_p11[0]);
	} else if (strcmp(which, "grub") == 0) {
		pvrs = pvrs_grub;
		n = sizeof(pvrs_grub) / sizeof(pvrs_grub[0]);
	}
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < 2; k++) {
			uint32_t v = pvrs[i][k];

			cas_vector[pos++] = (uint8_t)(v >> 24);
			cas_vector[pos++] = (uint8_t)(v >> 16);
			cas_vector[pos++] = (uint8_t)(v >> 8);
			cas_vector[pos++] = (uint8_t)v;
		}
	}
	memcpy(cas_vector + pos, option_vectors, sizeof(option_vectors));
	ci_call("open", 1, 1, &root_ih, (uint32_t)(uintptr_t)"/");
	ci_call("call-method", 3, 2, rets, (uint32_t)(uintptr_t)"ibm,client-architecture-support",
		root_ih, (uint32_t)(uintptr_t)cas_vector);
	if (rets[0] != 0 || rets[1] != 0) {
		demo_print("demo: CAS (%s vector) failed: catch %d result %d\n", which,
			   (int)rets[0], (int)rets[1]);
		return;
	}
	cpus = finddevice("/cpus");
	ph = relative("child", cpus);
	if (ph && ph != CI_FAIL && getprop(ph, "cpu-version", &cpu_version, 4) == 4) {
		int32_t l = getprop(ph, "name", name, sizeof(name) - 1);

		name[l > 0 && l < (int32_t)sizeof(name) ? l : 0] = '\0';
		demo_print("demo: CAS (%s vector) done: %s cpu-version 0x%08x\n", which, name,
			   (unsigned)cpu_version);
	}
}

void demo_main(void);
void demo_main(void)
{
	struct tally t = { 0, 0, 0, 0 };
	uint32_t chosen = finddevice("/chosen"), options, ret;
	char model[64], which[32] = "linux", caps[16];
	int32_t len;

	getprop(chosen, "stdout", &stdout_ih, 4);
	demo_print("demo: client started\n");
	len = getprop(finddevice("/openprom"), "model", model, sizeof(model) - 1);
	model[len > 0 && len < (int32_t)sizeof(model) ? len : 0] = '\0';
	demo_print("demo: firmware %s\n", model);
	options = finddevice("/options");
	len = getprop(options, "demo-cas", which, sizeof(which) - 1);
	if (len > 0 && len < (int32_t)sizeof(which))
		which[len] = '\0';
	else if (len >= (int32_t)sizeof(which))
		which[0] = '\0';	/* too long to be a known choice */
	walk(relative("peer", 0), &t);
	demo_print("demo: %u nodes, %u cpus, %u MiB memory in %u memory node(s)\n", t.nodes,
		   t.cpus, (unsigned)(t.memory >> 20), t.memory_nodes);
	{
		char path[96];
		uint32_t plen = CI_FAIL;

		ci_call("package-to-path", 3, 1, &plen, finddevice("/memory"),
			(uint32_t)(uintptr_t)path, (uint32_t)sizeof(path) - 1);
		path[plen < sizeof(path) ? plen : 0] = '\0';
		demo_print("demo: /memory is %s\n", path);
	}
	len = getprop(chosen, "qemu,compat-caps", caps, sizeof(caps));
	demo_print("demo: /chosen/qemu,compat-caps %s\n", len == 16 ? "present" : "absent");
	do_cas(which);
	len = getprop(options, "demo-exit?", caps, sizeof(caps) - 1);
	if (len == 5 && memcmp(caps, "true", 5) == 0) {
		demo_print("demo: done, exiting to the firmware\n");
		ci_call("exit", 0, 0, &ret);
	}
	demo_print("demo: done, powering off\n");
	ci_call("interpret", 1, 1, &ret, (uint32_t)(uintptr_t)"power-off");
	ci_call("exit", 0, 0, &ret);
}
