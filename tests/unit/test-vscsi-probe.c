/* SPDX-License-Identifier: MIT */
/* Unit test of slof/devices/vscsi-probe.c on the host: adapters in a live tree,
 * two fake partners (one working, one that never answers), the disk nodes
 * and block devices, the console lines, vscsi-report-luns read back as
 * GRUB reads it, and quiesce. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "devices/block.h"
#include "devices/vscsi-probe.h"
#include "fake-board.h"
#include "heap/heap.h"
#include "memory/client-mem.h"
#include "test-vscsi-fake.h"
#include "tree/instance.h"
#include "tree/tree.h"
#include "unit.h"

#define HEAP_SIZE (8u << 20)
#define UNIT_B 0x71000003u

static struct vscsi_fake fa, fb;

/* One set of ops for both partners: by unit, by liobn. */
static struct vscsi_fake *by(uint32_t id)
{
	return id == UNIT_B ? &fb : &fa;
}

static int r_reg(void *c, uint32_t u, uint64_t i, uint64_t l)
{
	(void)c;
	return vscsi_fake_ops.reg_crq(by(u), u, i, l);
}

static int r_free(void *c, uint32_t u)
{
	(void)c;
	return vscsi_fake_ops.free_crq(by(u), u);
}

static int r_send(void *c, uint32_t u, uint64_t hi, uint64_t lo)
{
	(void)c;
	return vscsi_fake_ops.send_crq(by(u), u, hi, lo);
}

static int r_tce(void *c, uint32_t l, uint64_t i, uint64_t t)
{
	(void)c;
	return vscsi_fake_ops.put_tce(by(l), l, i, t);
}

static uint64_t r_now(void *c)
{
	(void)c;
	vscsi_fake_ops.now_ms(&fb);
	return vscsi_fake_ops.now_ms(&fa);
}

static const struct vscsi_hv_ops router = { r_reg, r_free, r_send, r_tce, r_now };

static struct of_node *add(struct of_node *parent, const char *name)
{
	struct of_node *n = of_node_add(parent, name, strlen(name));
	char base[32];

	snprintf(base, sizeof(base), "%.*s", (int)strcspn(name, "@"), name);
	of_set_string(n, "name", base);
	of_assign_phandle(n);
	return n;
}

static void add_adapter(struct of_node *vdev, uint32_t reg, const char *compat, size_t compat_len)
{
	char name[32] = "v-scsi@";
	uint8_t win[20];
	struct of_node *n;

	snprintf(name + 7, sizeof(name) - 7, "%x", reg);
	n = add(vdev, name);
	of_set_prop(n, "compatible", compat, (uint32_t)compat_len);
	of_set_string(n, "device_type", "vscsi");
	of_set_u32(n, "reg", reg);
	of_set_u32(n, "#address-cells", 2);
	of_set_u32(n, "#size-cells", 0);
	be32_write(win, reg);
	be64_write(win + 4, 0);
	be64_write(win + 12, VSCSI_FAKE_WINDOW);
	of_set_prop(n, "ibm,my-dma-window", win, sizeof(win));
	of_set_u32(n, "ibm,#dma-address-cells", 2);
	of_set_u32(n, "ibm,#dma-size-cells", 2);
}

static void test_probe(void)
{
	struct of_node *vdev, *disk, *cd;
	struct block_dev *bd;
	uint8_t *buf = malloc(64 * 1024 + 16);
	uint32_t len;
	unsigned logins;
	const uint8_t *reg;
	int bad = 0;

	vdev = add(of_root(), "vdevice");
	of_set_u32(vdev, "#address-cells", 1);
	of_set_u32(vdev, "#size-cells", 0);
	add(vdev, "vty@71000000");
	add_adapter(vdev, 0x71000002, "IBM,v-scsi", sizeof("IBM,v-scsi"));
	/* compatible as a list with the entry second */
	add_adapter(vdev, UNIT_B, "qemu,x\0IBM,v-scsi", sizeof("qemu,x\0IBM,v-scsi"));
	add_adapter(vdev, 0x71000004, "IBM,v-scsi-host", sizeof("IBM,v-scsi-host"));

	vscsi_fake_init(&fa);
	vscsi_fake_add(&fa, 0, 0, 0, 0, 512, 4096);
	vscsi_fake_add(&fa, 1, 0, 0, 5, 2048, 100)->unit_attentions = 1;
	vscsi_fake_add(&fa, 1, 0, 2, 0, 4096, 100)->block_size = 3000;	/* refused */
	vscsi_fake_add(&fa, 63, 0, 31, 0, 4096, 1 << 20);
	vscsi_fake_init(&fb);
	fb.unit = fb.liobn = UNIT_B;
	fb.no_init_answer = true;
	vscsi_probe_set_hv(&router, NULL);

	CHECK(vscsi_probe_all() == 3);
	CHECK(fake_console_contains("vscsi: /vdevice/v-scsi@71000002/disk@8000000000000000: disk, "
				    "512-byte blocks, 4096 blocks (2 MiB), \"QEMU QEMU HARDDISK\"\r\n"));
	CHECK(fake_console_contains("vscsi: /vdevice/v-scsi@71000002/disk@8100000000000000: CD-ROM, "
				    "2048-byte blocks, 100 blocks (200 KiB), \"QEMU QEMU CD-ROM\"\r\n"));
	CHECK(fake_console_contains("vscsi: /vdevice/v-scsi@71000002/disk@8102000000000000: "
				    "unsupported block size 3000\r\n"));
	CHECK(fake_console_contains("vscsi: /vdevice/v-scsi@71000002/disk@bf1f000000000000: disk, "
				    "4096-byte blocks, 1048576 blocks (4096 MiB), \"QEMU QEMU HARDDISK\"\r\n"));
	CHECK(fake_console_contains("vscsi: /vdevice/v-scsi@71000003: no answer to the CRQ init "
				    "request within 1000 ms\r\n"));
	CHECK(!fake_console_contains("71000004"));
	CHECK(!fake_console_contains("disk@8300"));	/* LUN 0 listed but empty: silent */
	CHECK(!fb.registered && fb.mapped == 0);

	/* The nodes: names as qemu,boot-list spells them, reg, device_type. */
	disk = of_find_path("/vdevice/v-scsi@71000002/disk@8000000000000000");
	cd = of_find_path("/vdevice/v-scsi@71000002/disk@8100000000000000");
	CHECK(disk && cd && disk->phandle && cd->phandle);
	CHECK(!of_find_path("/vdevice/v-scsi@71000002/disk@8102000000000000"));
	if (!disk || !cd)
		return;
	CHECK_STR(of_get_string(disk, "name"), "disk");
	CHECK_STR(of_get_string(disk, "device_type"), "block");
	reg = of_get_prop(cd, "reg", &len);
	CHECK(reg && len == 8 && be64_read(reg) == 0x8100000000000000ull);
	/* The qemu,boot-list form (upper-case hex) finds the node. */
	CHECK(of_find_path("/vdevice/v-scsi@71000002/disk@BF1F000000000000") ==
	      of_find_path("/vdevice/v-scsi@71000002/disk@bf1f000000000000"));
	CHECK(of_find_path("/vdevice/v-scsi@71000002/disk@BF1F000000000000") != NULL);

	/* Reads through the block device, any alignment. */
	bd = block_find(disk);
	CHECK(bd && bd->block_size == 512 && bd->num_blocks == 4096 && !bd->is_cdrom);
	CHECK(bd && bd->ops->read(bd, 100, 128, buf + 5) == 0);
	for (uint32_t i = 0; i < 128 * 512; i++)
		bad += buf[5 + i] != vscsi_fake_byte(&fa.lus[0], 100 * 512 + i);
	CHECK(bad == 0);
	bd = block_find(cd);
	CHECK(bd && bd->block_size == 2048 && bd->num_blocks == 100 && bd->is_cdrom && bd->removable);
	/* A failing read: one line naming the device. */
	fake_console_clear();
	CHECK(bd && bd->ops->read(bd, 99, 2, buf) == -1);
	CHECK(fake_console_contains("vscsi: /vdevice/v-scsi@71000002/disk@8100000000000000: read of "
				    "2 blocks at 99 failed: beyond the end (100 blocks)"));
	CHECK(!fake_console_contains("retrying"));	/* nothing went out: no retry */

	/* Probing again changes nothing and prints nothing. */
	fake_console_clear();
	CHECK(vscsi_probe_all() == 3 && fake_console_len() == 0);

	/* A lost answer: the read is retried once and succeeds; two lost
	 * answers: it fails with one line naming the read. */
	fake_console_clear();
	fa.drop_answers = 1;
	bd = block_find(disk);
	CHECK(bd && bd->ops->read(bd, 7, 1, buf) == 0 && fa.drop_answers == 0);
	CHECK(fake_console_contains("vscsi: /vdevice/v-scsi@71000002/disk@8000000000000000: "));
	CHECK(fake_console_contains("; retrying once\r\n"));
	CHECK(fake_console_contains("vscsi: /vdevice/v-scsi@71000002/disk@8000000000000000: "
				    "the retry succeeded\r\n"));
	fake_console_clear();
	fa.drop_answers = 2;
	CHECK(bd && bd->ops->read(bd, 7, 1, buf) == -1);
	CHECK(fake_console_contains("; retrying once\r\n"));
	CHECK(fake_console_contains("vscsi: /vdevice/v-scsi@71000002/disk@8000000000000000: "
				    "read of 1 blocks at 7 failed: "));
	CHECK(!fake_console_contains("the retry succeeded"));
	fa.drop_answers = 0;
	logins = fa.logins;

	/* Quiesce: CRQ freed, nothing mapped; a read brings it back. */
	vscsi_quiesce_all();
	CHECK(!fa.registered && fa.mapped == 0);
	bd = block_find(disk);
	CHECK(bd && bd->ops->read(bd, 0, 1, buf) == 0 && be64_read(buf) == 0);
	CHECK(fa.registered && fa.logins == logins + 1);
	vscsi_quiesce_all();
	free(buf);
}

/* GRUB's ofdisk.c: call-method "vscsi-report-luns" (2 in, 3 out: catch,
 * nentries, table); the table's entry i is a 64-bit pointer whose low
 * word (offset 4 + 8 * i) a 32-bit GRUB reads; each points to a
 * 0-terminated list of LUNs, named "<adapter>/disk@%llx". */
static void test_report_luns(void)
{
	ihandle_t ih = instance_open("/vdevice/v-scsi@71000002");
	struct of_instance *inst = instance_get(ih);
	uint32_t rets[2] = { 0xdead, 0xdead };
	const uint8_t *table;
	uint64_t seen[5];
	unsigned n = 0;

	CHECK(inst && inst->ops->call_method);
	if (!inst || !inst->ops->call_method)
		return;
	CHECK(inst->ops->call_method(inst, "vscsi-report-luns", 0, NULL, 2, rets) == 0);
	CHECK(rets[0] == 3);			/* targets 0, 1 and 63 */
	table = client_to_ptr(rets[1]);
	for (uint32_t i = 0; i < rets[0]; i++) {
		const uint8_t *list = client_to_ptr(be32_read(table + 4 + 8 * i));

		CHECK(be32_read(table + 8 * i) == 0);
		for (; be64_read(list) && n < 5; list += 8)
			seen[n++] = be64_read(list);
	}
	CHECK(n == 3);
	CHECK_EQ_U64(seen[0], 0x8000000000000000ull);
	CHECK_EQ_U64(seen[1], 0x8100000000000000ull);
	CHECK_EQ_U64(seen[2], 0xbf1f000000000000ull);
	/* The same table again (built once, never freed). */
	{
		uint32_t again[2];

		CHECK(inst->ops->call_method(inst, "vscsi-report-luns", 0, NULL, 2, again) == 0);
		CHECK(again[0] == rets[0] && again[1] == rets[1]);
	}
	CHECK(inst->ops->call_method(inst, "no-such-method", 0, NULL, 2, rets) == -1);
	instance_close(ih);
	/* The adapter that never answered cannot be opened. */
	CHECK(instance_open("/vdevice/v-scsi@71000003") == 0);
}

int main(void)
{
	void *heap = aligned_alloc(4096, HEAP_SIZE);

	heap_init(heap, HEAP_SIZE);
	/* Client addresses relative to the heap: the table is then below
	 * 4 GiB as it is in the firmware. */
	client_mem_set_base((uintptr_t)heap);
	fake_board_reset();
	if (of_tree_init() != 0)
		return 1;
	test_probe();
	test_report_luns();
	vscsi_probe_set_hv(NULL, NULL);
	vscsi_fake_free(&fa);
	vscsi_fake_free(&fb);
	free(heap);
	return unit_done("test-vscsi-probe");
}
