/* SPDX-License-Identifier: MIT */
/* The live device tree (slof/tree/tree.c, slof/tree/tree-fdt.c): import of a
 * QEMU-shaped FDT, path and alias lookup, properties, package handles, and
 * the merge of the tree QEMU returns from client-architecture-support. */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "fake-machine.h"
#include "heap/heap.h"
#include "tree/tree.h"
#include "unit.h"

static struct of_node *path(const char *p)
{
	return of_find_path(p);
}

static const char *node_path(const struct of_node *n)
{
	static char buf[256];

	if (!n)
		return "(null)";
	of_node_path(n, buf, sizeof(buf));
	return buf;
}

static void test_import(void)
{
	struct of_node *root = of_root(), *cpu, *mem, *vty;
	uint32_t len;
	const void *v;

	CHECK_EQ_U64(fm.main_exit, FAKE_EXIT_CONSOLE_IDLE);
	CHECK(root && !root->parent);
	CHECK_STR(of_get_string(root, "model"), "IBM pSeries (emulated by qemu)");
	CHECK_STR(of_get_string(root, "device_type"), "chrp");
	CHECK_EQ_U64(of_get_u32_or(root, "#address-cells", 0), 2);

	cpu = path("/cpus/PowerPC,POWER9@0");
	CHECK(cpu != NULL);
	CHECK_EQ_U64(of_get_u32_or(cpu, "cpu-version", 0), 0x004e1200);
	/* A zero-length property exists with length 0. */
	v = of_get_prop(cpu, "64-bit", &len);
	CHECK(v != NULL);
	CHECK_EQ_U64(len, 0);

	/* Import adds "name" (the node name without its unit address). */
	CHECK_STR(of_get_string(cpu, "name"), "PowerPC,POWER9");
	CHECK_STR(of_get_string(path("/cpus"), "name"), "cpus");
	mem = path("/memory@0");
	CHECK_STR(of_get_string(mem, "name"), "memory");
	vty = path("/vdevice/vty@71000000");
	CHECK_STR(of_get_string(vty, "name"), "vty");
	CHECK_STR(of_get_string(vty, "compatible"), "hvterm1");

	/* of_setup_tree added the Open Firmware nodes. */
	CHECK(path("/openprom") != NULL);
	CHECK(path("/options") != NULL);
	CHECK(path("/packages") != NULL);
	CHECK_STR(of_get_string(path("/openprom"), "name"), "openprom");
	CHECK_EQ_U64(of_get_u32_or(path("/chosen"), "stdout", 0) != 0, 1);
	CHECK(of_get_prop(path("/chosen"), "stdin", &len) != NULL && len == 4);
	/* /aliases existed in the FDT: kept, and completed. */
	CHECK_STR(of_get_string(path("/aliases"), "disk"), FAKE_DISK_PATH);
	CHECK_STR(of_get_string(path("/aliases"), "hvterm"), FAKE_STDOUT_PATH);
	CHECK_STR(of_get_string(path("/aliases"), "nvram"), "/vdevice/nvram@71000001");
	/* Only one /aliases and one /chosen. */
	{
		unsigned aliases = 0, chosen = 0;

		for (struct of_node *c = root->child; c; c = c->sibling) {
			aliases += strcmp(c->name, "aliases") == 0;
			chosen += strcmp(c->name, "chosen") == 0;
		}
		CHECK_EQ_U64(aliases, 1);
		CHECK_EQ_U64(chosen, 1);
	}
	/* 1 root + chosen rtas cpus cpu vdevice vty nvram v-scsi disk memory
	 * intc aliases + openprom options packages. */
	CHECK_EQ_U64(of_count_nodes(root), 16);
}

static void test_find_path(void)
{
	struct of_node *mem = path("/memory@0"), *vty = path("/vdevice/vty@71000000");
	struct of_node *disk = path(FAKE_DISK_PATH), *cpus = path("/cpus");

	CHECK(path("/") == of_root());
	CHECK(mem && vty && disk && cpus);
	/* Without a unit address: the first node of that name (GRUB's
	 * "/memory"). */
	CHECK(path("/memory") == mem);
	CHECK(path("/vdevice/vty") == vty);
	/* Unit addresses compare as hex numbers, case-insensitively. */
	CHECK(path("/memory@00") == mem);
	CHECK(path("/vdevice/vty@071000000") == vty);
	CHECK(path("/memory@1") == NULL);
	CHECK(path("/memory@0,0") == NULL);
	CHECK(path("/memory@") == NULL);
	CHECK(path("/memory@x") == NULL);
	/* Node names themselves are case-sensitive. */
	CHECK(path("/MEMORY@0") == NULL);
	{
		struct of_node *pci = of_node_add(of_root(), "pci@800000020000000", 19);
		struct of_node *dev = of_node_add(pci, "ethernet@a,1", 12);

		CHECK(path("/pci@800000020000000") == pci);
		CHECK(path("/PCI@800000020000000") == NULL);
		CHECK(path("/pci@0800000020000000") == pci);
		CHECK(path("/pci@800000020000000/ethernet@A,1") == dev);
		CHECK(path("/pci@800000020000000/ethernet@0a,01") == dev);
		CHECK(path("/pci@800000020000000/ethernet@a") == NULL);
		CHECK(path("/pci@800000020000000/ethernet@a,2") == NULL);
		CHECK(path("/pci@800000020000000/ethernet@a,1,0") == NULL);
		CHECK(path("/pci@800000020000000/ethernet") == dev);
		of_node_remove(pci);
		CHECK(path("/pci@800000020000000") == NULL);
	}
	/* Separators, "." and "..", device arguments. */
	CHECK(path("/cpus/") == cpus);
	CHECK(path("//cpus//") == cpus);
	CHECK(path("/cpus/./PowerPC,POWER9@0") == cpus->child);
	CHECK(path("/cpus/../memory") == mem);
	CHECK(path("/..") == of_root());
	CHECK(path("/vdevice/vty@71000000:115200") == vty);
	CHECK(path("/vdevice:x/vty@71000000") == path("/vdevice"));
	CHECK(path(FAKE_DISK_PATH ":1,\\boot\\grub") == disk);
	/* Absent or not absolute. */
	CHECK(path("/nonexistent") == NULL);
	CHECK(path("/cpus/nonexistent") == NULL);
	CHECK(path("cpus") == NULL);
	CHECK(path("") == NULL);
	CHECK(path(NULL) == NULL);
	/* Relative lookups with an explicit length. */
	CHECK(of_find_path_from(path("/vdevice"), "vty@71000000/xyz", 12) == vty);
	CHECK(of_find_child(of_root(), "memory") == mem);
	CHECK(of_find_child(path("/vdevice"), "vty@71000000") == vty);
}

static void test_aliases(void)
{
	struct of_node *disk = path(FAKE_DISK_PATH), *vty = path(FAKE_STDOUT_PATH);

	CHECK(of_find_device("disk") == disk);
	CHECK(of_find_device("disk:0") == disk);
	CHECK(of_find_device("hvterm") == vty);
	CHECK(of_find_device("hvterm:115200") == vty);
	CHECK(of_find_device("/vdevice/vty") == vty);
	/* An alias to nothing, an unknown alias, an alias plus a path below. */
	CHECK(of_find_device("screen") == NULL);
	CHECK(of_find_device("nosuchalias") == NULL);
	CHECK(of_find_device("disk/nothing") == NULL);
	CHECK(of_find_device("") == NULL);
	CHECK(of_find_device(NULL) == NULL);
	{
		struct of_node *aliases = path("/aliases");

		CHECK_EQ_U64(of_set_string(aliases, "vdev", "/vdevice"), 0);
		CHECK(of_find_device("vdev/vty@71000000") == vty);
		CHECK(of_find_device("vdev/vty@71000000:x") == vty);
		/* Relative alias values are not followed. */
		CHECK_EQ_U64(of_set_string(aliases, "rel", "vdevice"), 0);
		CHECK(of_find_device("rel") == NULL);
		of_del_prop(aliases, "vdev");
		of_del_prop(aliases, "rel");
	}
}

static void test_node_path(void)
{
	struct of_node *vty = path(FAKE_STDOUT_PATH);
	char buf[64];

	CHECK_EQ_U64(of_node_path(vty, buf, sizeof(buf)), strlen(FAKE_STDOUT_PATH));
	CHECK_STR(buf, FAKE_STDOUT_PATH);
	CHECK_EQ_U64(of_node_path(of_root(), buf, sizeof(buf)), 1);
	CHECK_STR(buf, "/");
	CHECK_EQ_U64(of_node_path(path("/cpus"), buf, sizeof(buf)), 5);
	CHECK_STR(buf, "/cpus");
	/* Short buffers: the full length, a terminated prefix, no overrun. */
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ_U64(of_node_path(vty, buf, 5), strlen(FAKE_STDOUT_PATH));
	CHECK_STR(buf, "/vde");
	CHECK_EQ_U64((unsigned char)buf[5], 'x');
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ_U64(of_node_path(vty, buf, 0), strlen(FAKE_STDOUT_PATH));
	CHECK_EQ_U64((unsigned char)buf[0], 'x');
	CHECK_EQ_U64(of_node_path(vty, buf, 1), strlen(FAKE_STDOUT_PATH));
	CHECK_EQ_U64(buf[0], 0);
	CHECK_EQ_U64(of_node_path(vty, buf, strlen(FAKE_STDOUT_PATH)), strlen(FAKE_STDOUT_PATH));
	CHECK_STR(buf, "/vdevice/vty@7100000");
	CHECK_EQ_U64(of_node_path(of_root(), buf, 1), 1);
	CHECK_EQ_U64(buf[0], 0);
	/* Every node's path finds the node again. */
	{
		struct of_node *stack[64];
		unsigned sp = 0;

		stack[sp++] = of_root();
		while (sp) {
			struct of_node *n = stack[--sp];
			char p[256];

			of_node_path(n, p, sizeof(p));
			if (of_find_path(p) != n) {
				CHECK(!"path does not find its node");
				fprintf(stderr, "  path %s\n", p);
			}
			for (struct of_node *c = n->child; c && sp < 64; c = c->sibling)
				stack[sp++] = c;
		}
	}
}

static void test_props(void)
{
	struct of_node *n = path("/chosen");
	char name[80];
	uint32_t len;
	const uint8_t *v;
	size_t before = heap_free_bytes();

	CHECK_EQ_U64(of_set_prop(n, "test,a", "abc", 4), 0);
	v = of_get_prop(n, "test,a", &len);
	CHECK(v && len == 4 && memcmp(v, "abc", 4) == 0);
	CHECK(of_has_prop(n, "test,a"));
	/* Replace with a different length. */
	CHECK_EQ_U64(of_set_prop(n, "test,a", "wxyz0123", 8), 0);
	v = of_get_prop(n, "test,a", &len);
	CHECK(v && len == 8 && memcmp(v, "wxyz0123", 8) == 0);
	CHECK(of_get_string(n, "test,a") == NULL);	/* not terminated */
	CHECK_EQ_U64(of_get_u32_or(n, "test,a", 7), be32_read("wxyz"));
	/* Zero length. */
	CHECK_EQ_U64(of_set_prop(n, "test,empty", NULL, 0), 0);
	v = of_get_prop(n, "test,empty", &len);
	CHECK(v != NULL && len == 0);
	CHECK(of_get_string(n, "test,empty") == NULL);
	CHECK_EQ_U64(of_get_u32_or(n, "test,empty", 7), 7);
	/* Values are copied. */
	{
		char buf[4] = "123";

		CHECK_EQ_U64(of_set_prop(n, "test,copy", buf, 4), 0);
		buf[0] = 'X';
		CHECK_STR(of_get_string(n, "test,copy"), "123");
	}
	/* u32 and strings. */
	CHECK_EQ_U64(of_set_u32(n, "test,u32", 0x12345678), 0);
	CHECK_EQ_U64(of_get_u32_or(n, "test,u32", 0), 0x12345678);
	CHECK_EQ_U64(of_set_string(n, "test,s", "hello"), 0);
	CHECK_STR(of_get_string(n, "test,s"), "hello");
	/* Property names: 1..OF_PROP_NAME_MAX characters. */
	memset(name, 'n', sizeof(name));
	name[OF_PROP_NAME_MAX] = '\0';
	CHECK_EQ_U64(of_set_u32(n, name, 1), 0);
	CHECK(of_has_prop(n, name));
	CHECK_EQ_U64(of_del_prop(n, name), 0);
	name[OF_PROP_NAME_MAX] = 'n';
	name[OF_PROP_NAME_MAX + 1] = '\0';
	CHECK_EQ_U64(of_set_u32(n, name, 1), (uint64_t)-1);
	CHECK_EQ_U64(of_set_u32(n, "", 1), (uint64_t)-1);
	CHECK_EQ_U64(of_set_u32(NULL, "x", 1), (uint64_t)-1);
	/* Iteration in insertion order, NULL after the last. */
	{
		const struct of_prop *p = of_next_prop(n, NULL);
		const struct of_prop *first = p;
		unsigned count = 0;
		bool seen_u32 = false;

		CHECK(of_next_prop(n, "") == first);
		for (; p; p = of_next_prop(n, p->name)) {
			count++;
			if (strcmp(p->name, "test,u32") == 0) {
				seen_u32 = true;
				CHECK_STR(of_next_prop(n, p->name)->name, "test,s");
			}
		}
		CHECK(seen_u32);
		CHECK(count >= 8);
		CHECK(of_next_prop(n, "test,nonexistent") == NULL);
	}
	/* Deleting. */
	CHECK_EQ_U64(of_del_prop(n, "test,a"), 0);
	CHECK(!of_has_prop(n, "test,a"));
	CHECK_EQ_U64(of_del_prop(n, "test,a"), (uint64_t)-1);
	CHECK_EQ_U64(of_del_prop(n, "test,empty"), 0);
	CHECK_EQ_U64(of_del_prop(n, "test,copy"), 0);
	CHECK_EQ_U64(of_del_prop(n, "test,u32"), 0);
	CHECK_EQ_U64(of_del_prop(n, "test,s"), 0);
	/* Everything given back to the heap. */
	CHECK_EQ_U64(heap_free_bytes(), before);
	CHECK(of_get_prop(NULL, "x", &len) == NULL);
}

/* Walks the tree and checks package handles: non-zero, not -1, unique,
 * and found again by of_find_phandle. */
static unsigned check_phandles(struct of_node *n, phandle_t *seen, unsigned count)
{
	if (n->phandle == 0 || n->phandle == 0xffffffffu) {
		CHECK(!"bad phandle");
		fprintf(stderr, "  %s: phandle 0x%x\n", node_path(n), n->phandle);
	}
	if (of_find_phandle(n->phandle) != n) {
		CHECK(!"phandle does not find its node");
		fprintf(stderr, "  %s: phandle 0x%x\n", node_path(n), n->phandle);
	}
	for (unsigned i = 0; i < count; i++)
		if (seen[i] == n->phandle) {
			CHECK(!"duplicate phandle");
			fprintf(stderr, "  %s: phandle 0x%x\n", node_path(n), n->phandle);
		}
	if (count < 256)
		seen[count++] = n->phandle;
	for (struct of_node *c = n->child; c; c = c->sibling)
		count = check_phandles(c, seen, count);
	return count;
}

static void test_phandles(void)
{
	phandle_t seen[256];
	struct of_node *intc = path("/interrupt-controller"), *n;

	CHECK(intc != NULL);
	/* QEMU's phandle is kept: interrupt-map and interrupt-parent use it. */
	CHECK_EQ_U64(intc->phandle, FAKE_XICS_PHANDLE);
	CHECK(of_find_phandle(FAKE_XICS_PHANDLE) == intc);
	CHECK_EQ_U64(check_phandles(of_root(), seen, 0), of_count_nodes(of_root()));
	CHECK(of_find_phandle(0) == NULL);
	CHECK(of_find_phandle(0xffffffffu) == NULL);
	CHECK(of_find_phandle(0x1112) == NULL);
	/* New nodes get a handle when asked for; removed ones lose it. */
	n = of_node_add(path("/vdevice"), "new@1", 5);
	CHECK(n && n->phandle == 0);
	of_assign_phandle(n);
	CHECK(n->phandle != 0 && of_find_phandle(n->phandle) == n);
	{
		phandle_t ph = n->phandle;
		struct of_node *child = of_node_add(n, "child", 5);
		phandle_t cph;

		of_assign_phandle(child);
		cph = child->phandle;
		of_assign_phandle(child);	/* idempotent */
		CHECK_EQ_U64(child->phandle, cph);
		of_node_remove(n);
		CHECK(of_find_phandle(ph) == NULL);
		CHECK(of_find_phandle(cph) == NULL);
		CHECK(path("/vdevice/new@1") == NULL);
	}
	/* A "phandle" property set later is taken as the handle. */
	n = of_node_add(path("/vdevice"), "late@2", 6);
	of_assign_phandle(n);
	CHECK_EQ_U64(of_set_u32(n, "phandle", 0x4242), 0);
	CHECK_EQ_U64(n->phandle, 0x4242);
	CHECK(of_find_phandle(0x4242) == n);
	of_node_remove(n);
	CHECK(of_find_phandle(0x4242) == NULL);
	/* Removing the root is refused. */
	of_node_remove(of_root());
	CHECK(path("/cpus") != NULL);
}

static uint8_t reply[65536];

static void test_merge_xive(void)
{
	struct fake_fdt_opts o = { .ram_size = fm.tree_ram, .xive = true, .cas_reply = true,
				   .cpu_version = 0x0f000005 };
	struct of_node *chosen = path("/chosen"), *xics = path("/interrupt-controller");
	struct of_node *cpu = path("/cpus/PowerPC,POWER9@0"), *xive;
	phandle_t chosen_ph = chosen->phandle, cpu_ph = cpu->phandle;
	unsigned nodes = of_count_nodes(of_root());
	const char *reason = NULL;
	size_t size = fake_fdt_pseries(reply, sizeof(reply), &o);

	CHECK(xics != NULL && !of_has_prop(chosen, "ibm,architecture-vec-5"));
	CHECK_EQ_U64(of_merge_fdt(reply, size, &reason), 0);
	/* Properties replaced or added; nodes kept with their handles. */
	CHECK(path("/chosen") == chosen && chosen->phandle == chosen_ph);
	CHECK(path("/cpus/PowerPC,POWER9@0") == cpu && cpu->phandle == cpu_ph);
	CHECK_EQ_U64(of_get_u32_or(cpu, "cpu-version", 0), 0x0f000005);
	CHECK(of_has_prop(chosen, "ibm,architecture-vec-5"));
	/* Properties the firmware added are not dropped by the merge. */
	CHECK(of_has_prop(chosen, "stdout"));
	CHECK_STR(of_get_string(path("/aliases"), "hvterm"), FAKE_STDOUT_PATH);
	/* XICS -> XIVE: the new node carries 0x1111 and replaces the old. */
	xive = path("/" FAKE_XIVE_NAME);
	CHECK(xive != NULL);
	CHECK(of_find_child(of_root(), "interrupt-controller") == xive);
	CHECK_EQ_U64(xive ? xive->phandle : 0, FAKE_XICS_PHANDLE);
	CHECK(of_find_phandle(FAKE_XICS_PHANDLE) == xive);
	CHECK_STR(of_get_string(xive, "compatible"), "ibm,power-ivpe");
	CHECK_STR(of_get_string(xive, "name"), "interrupt-controller");
	CHECK(path("/interrupt-controller") == xive);
	{
		unsigned count = 0;

		for (struct of_node *c = of_root()->child; c; c = c->sibling)
			count += strncmp(c->name, "interrupt-controller", 20) == 0;
		CHECK_EQ_U64(count, 1);
	}
	CHECK_EQ_U64(of_count_nodes(of_root()), nodes);
	{
		phandle_t seen[256];

		CHECK_EQ_U64(check_phandles(of_root(), seen, 0), nodes);
	}

	/* And back (a client that renegotiates to XICS). */
	o.xive = false;
	size = fake_fdt_pseries(reply, sizeof(reply), &o);
	CHECK_EQ_U64(of_merge_fdt(reply, size, &reason), 0);
	CHECK(path("/" FAKE_XIVE_NAME) == NULL);
	xics = path("/interrupt-controller");
	CHECK(xics && of_find_phandle(FAKE_XICS_PHANDLE) == xics);
	CHECK_STR(of_get_string(xics, "compatible"), "IBM,ppc-xicp");
	CHECK_EQ_U64(of_count_nodes(of_root()), nodes);

	/* A merge of the same tree again changes nothing. */
	CHECK_EQ_U64(of_merge_fdt(reply, size, &reason), 0);
	CHECK_EQ_U64(of_count_nodes(of_root()), nodes);
	CHECK(of_find_phandle(FAKE_XICS_PHANDLE) == xics);
}

#define FDT_OK(x) do { if ((x) < 0) { CHECK(!#x); return 0; } } while (0)

/* A tree with a new node below an existing one and a changed property. */
static size_t build_addition(void *buf, size_t size)
{
	uint8_t reg[4];

	be32_write(reg, 0x71000009);
	FDT_OK(fdt_create(buf, (int)size));
	FDT_OK(fdt_finish_reservemap(buf));
	FDT_OK(fdt_begin_node(buf, ""));
	FDT_OK(fdt_property_string(buf, "model", "changed"));
	FDT_OK(fdt_begin_node(buf, "vdevice"));
	FDT_OK(fdt_begin_node(buf, "tpm@71000009"));
	FDT_OK(fdt_property_string(buf, "compatible", "IBM,vtpm"));
	FDT_OK(fdt_property(buf, "reg", reg, 4));
	FDT_OK(fdt_begin_node(buf, "sub"));
	FDT_OK(fdt_end_node(buf));
	FDT_OK(fdt_end_node(buf));
	FDT_OK(fdt_end_node(buf));
	FDT_OK(fdt_end_node(buf));
	FDT_OK(fdt_finish(buf));
	return fdt_totalsize(buf);
}

static void test_merge_addition(void)
{
	size_t size = build_addition(reply, sizeof(reply));
	unsigned nodes = of_count_nodes(of_root());
	const char *reason = NULL;
	struct of_node *tpm;

	CHECK_EQ_U64(of_merge_fdt(reply, size, &reason), 0);
	CHECK_STR(of_get_string(of_root(), "model"), "changed");
	CHECK_STR(of_get_string(of_root(), "device_type"), "chrp");
	tpm = path("/vdevice/tpm@71000009");
	CHECK(tpm != NULL);
	CHECK_STR(of_get_string(tpm, "name"), "tpm");
	CHECK(tpm && tpm->phandle != 0 && of_find_phandle(tpm->phandle) == tpm);
	CHECK(path("/vdevice/tpm/sub") != NULL);
	CHECK(path("/vdevice/vty@71000000") != NULL);
	CHECK_EQ_U64(of_count_nodes(of_root()), nodes + 2);

	/* A damaged tree is refused with a reason. */
	memcpy(reply, "\0\0\0\0", 4);
	reason = NULL;
	CHECK_EQ_U64(of_merge_fdt(reply, size, &reason), (uint64_t)-1);
	CHECK(reason != NULL);
	CHECK_EQ_U64(of_count_nodes(of_root()), nodes + 2);
}

/* A hypervisor tree where a new node reuses the handle of one of its own
 * ancestors, and two new nodes share one handle: nonsense, but it must
 * not make the merge use freed nodes. */
static size_t build_twins(void *buf, size_t size, uint32_t ph)
{
	FDT_OK(fdt_create(buf, (int)size));
	FDT_OK(fdt_finish_reservemap(buf));
	FDT_OK(fdt_begin_node(buf, ""));
	FDT_OK(fdt_begin_node(buf, "twin-parent"));
	FDT_OK(fdt_property_u32(buf, "phandle", ph));
	FDT_OK(fdt_begin_node(buf, "twin-child"));
	FDT_OK(fdt_property_u32(buf, "phandle", ph));
	FDT_OK(fdt_end_node(buf));
	FDT_OK(fdt_end_node(buf));
	FDT_OK(fdt_begin_node(buf, "twin-other"));
	FDT_OK(fdt_property_u32(buf, "phandle", ph));
	FDT_OK(fdt_end_node(buf));
	FDT_OK(fdt_end_node(buf));
	FDT_OK(fdt_finish(buf));
	return fdt_totalsize(buf);
}

static void test_merge_twins(void)
{
	size_t size = build_twins(reply, sizeof(reply), 0x7777);
	const char *reason = NULL;
	phandle_t seen[256];

	CHECK_EQ_U64(of_merge_fdt(reply, size, &reason), 0);
	/* Whatever survives is consistent. */
	check_phandles(of_root(), seen, 0);
	CHECK(path("/cpus") != NULL);

	/* A new node claiming the handle of an existing ancestor. */
	{
		struct of_node *vdev = path("/vdevice");
		uint32_t vph = vdev->phandle;
		uint8_t *b = reply;

		if (fdt_create(b, sizeof(reply)) < 0 || fdt_finish_reservemap(b) < 0 ||
		    fdt_begin_node(b, "") < 0 || fdt_begin_node(b, "vdevice") < 0 ||
		    fdt_begin_node(b, "grandchild-holder") < 0 ||
		    fdt_begin_node(b, "usurper") < 0 ||
		    fdt_property_u32(b, "phandle", vph) < 0 || fdt_end_node(b) < 0 ||
		    fdt_end_node(b) < 0 || fdt_end_node(b) < 0 || fdt_end_node(b) < 0 ||
		    fdt_finish(b) < 0) {
			CHECK(!"building the usurper tree");
			return;
		}
		reason = NULL;
		CHECK_EQ_U64(of_merge_fdt(b, fdt_totalsize(b), &reason), 0);
		/* The ancestor stays (with the usurper below it); which of the
		 * two the contradictory handle names is not specified. */
		CHECK(path("/vdevice") == vdev);
		CHECK(path("/vdevice/grandchild-holder/usurper") != NULL);
		CHECK(path("/vdevice/vty@71000000") != NULL);
		CHECK(of_find_phandle(vph) != NULL);
	}
}

int main(void)
{
	fm_boot(NULL);
	test_import();
	test_find_path();
	test_aliases();
	test_node_path();
	test_props();
	test_phandles();
	test_merge_xive();
	fm_boot(NULL);
	test_merge_addition();
	fm_boot(NULL);
	test_merge_twins();
	return unit_done("test-tree");
}
