/* SPDX-License-Identifier: MIT */
/* Unit test of slof/devices/virtio-probe.c on the host: a live tree with a PHB and
 * virtio functions, the board's PCI/MMIO calls answered by fake virtio
 * devices (tests/fakes/virtio-fake.c), and the block registry recorded.
 * Checks the console lines, the disk nodes QEMU's boot-list names, reads
 * through the registered block devices, a second call, and quiesce. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fakes/virtio-fake.h"
#include "be.h"
#include "board.h"
#include "devices/block.h"
#include "devices/pci.h"
#include "devices/virtio-probe.h"
#include "heap/heap.h"
#include "tree/tree.h"
#include "unit.h"

#define NFAKES 4
#define BAR_BASE 0x200000000000ull	/* where function i's BAR 4 goes: + i << 20 */

static struct virtio_fake fakes[NFAKES];
static struct of_node *fake_nodes[NFAKES];
static struct scsi_fake units;
static bool enable_fails[NFAKES];
static char console[8192];
static size_t console_len;
static uint64_t now_ms;
static struct block_dev *registry[16];
static int nregistered;

/* ---- what the core needs from the board and the rest of the core ---- */

void board_console_write(const char *s, size_t n)
{
	if (console_len + n < sizeof(console)) {
		memcpy(console + console_len, s, n);
		console_len += n;
		console[console_len] = '\0';
	}
}

uint64_t board_milliseconds(void)
{
	return now_ms += 3;
}

void instance_close_subtree(struct of_node *n)
{
	(void)n;
}

int block_register(struct of_node *node, struct block_dev *dev)
{
	if (nregistered == 16)
		return -1;
	dev->node = node;
	if (!of_has_prop(node, "device_type"))
		of_set_string(node, "device_type", "block");
	registry[nregistered++] = dev;
	return 0;
}

struct block_dev *block_find(const struct of_node *node)
{
	for (int i = 0; i < nregistered; i++)
		if (registry[i]->node == node)
			return registry[i];
	return NULL;
}

static int fake_of_node(const struct of_node *n)
{
	for (int i = 0; i < NFAKES; i++)
		if (fake_nodes[i] == n)
			return i;
	return -1;
}

int pci_config_read(const struct of_node *dev, uint32_t offset, unsigned size,
			  uint32_t *value)
{
	int i = fake_of_node(dev);

	return i < 0 ? -1 : virtio_fake_ops.cfg_read(&fakes[i], offset, size, value);
}

int pci_config_write(const struct of_node *dev, uint32_t offset, unsigned size,
			   uint32_t value)
{
	int i = fake_of_node(dev);

	return i < 0 ? -1 : virtio_fake_ops.cfg_write(&fakes[i], offset, size, value);
}

int pci_enable_device(struct of_node *dev, struct pci_bar bars[6],
			    const char **reason)
{
	int i = fake_of_node(dev);

	memset(bars, 0, 6 * sizeof(bars[0]));
	if (i < 0 || enable_fails[i]) {
		*reason = "no room left in the PHB's window for its BARs";
		return -1;
	}
	bars[0] = (struct pci_bar){ 0x1000, 0x80, true };
	bars[1] = (struct pci_bar){ BAR_BASE + ((uint64_t)i << 20) + 0x80000, 0x1000, false };
	bars[VFAKE_BAR] = (struct pci_bar){ BAR_BASE + ((uint64_t)i << 20), VFAKE_BAR_SIZE,
						  false };
	return 0;
}

static struct virtio_fake *fake_at(uint64_t addr, uint64_t *off)
{
	uint64_t i = (addr - BAR_BASE) >> 20;

	*off = addr - BAR_BASE - (i << 20);
	if (addr < BAR_BASE || i >= NFAKES || *off >= VFAKE_BAR_SIZE) {
		fprintf(stderr, "MMIO outside any BAR 4: 0x%llx\n", (unsigned long long)addr);
		abort();
	}
	return &fakes[i];
}

uint8_t board_mmio_read8(uint64_t addr)
{
	uint64_t off;
	struct virtio_fake *f = fake_at(addr, &off);

	return virtio_fake_ops.read8(f, VFAKE_BAR, off);
}

uint16_t board_mmio_read16(uint64_t addr)
{
	uint64_t off;
	struct virtio_fake *f = fake_at(addr, &off);

	return virtio_fake_ops.read16(f, VFAKE_BAR, off);
}

uint32_t board_mmio_read32(uint64_t addr)
{
	uint64_t off;
	struct virtio_fake *f = fake_at(addr, &off);

	return virtio_fake_ops.read32(f, VFAKE_BAR, off);
}

void board_mmio_write8(uint64_t addr, uint8_t v)
{
	uint64_t off;
	struct virtio_fake *f = fake_at(addr, &off);

	virtio_fake_ops.write8(f, VFAKE_BAR, off, v);
}

void board_mmio_write16(uint64_t addr, uint16_t v)
{
	uint64_t off;
	struct virtio_fake *f = fake_at(addr, &off);

	virtio_fake_ops.write16(f, VFAKE_BAR, off, v);
}

void board_mmio_write32(uint64_t addr, uint32_t v)
{
	uint64_t off;
	struct virtio_fake *f = fake_at(addr, &off);

	virtio_fake_ops.write32(f, VFAKE_BAR, off, v);
}

uint64_t board_pci_dma_address(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* ---- the machine ---- */

static const struct board_ops test_board_ops = {
	.console_write = board_console_write,
	.milliseconds = board_milliseconds,
	.mmio_read8 = board_mmio_read8,
	.mmio_read16 = board_mmio_read16,
	.mmio_read32 = board_mmio_read32,
	.mmio_write8 = board_mmio_write8,
	.mmio_write16 = board_mmio_write16,
	.mmio_write32 = board_mmio_write32,
	.pci_dma_address = board_pci_dma_address,
};
const struct board_ops *board = &test_board_ops;

static struct of_node *add(struct of_node *parent, const char *name)
{
	struct of_node *n = of_node_add(parent, name, strlen(name));
	const char *at = strchr(name, '@');
	char base[32];

	snprintf(base, sizeof(base), "%.*s", (int)(at ? at - name : (long)strlen(name)), name);
	of_set_string(n, "name", base);
	return n;
}

static struct of_node *pci_fn(struct of_node *phb, const char *name, uint32_t vendor,
			      uint32_t device)
{
	struct of_node *n = add(phb, name);

	of_set_u32(n, "vendor-id", vendor);
	of_set_u32(n, "device-id", device);
	return n;
}

static void build_machine(void)
{
	static uint8_t heap[1 << 20] __attribute__((aligned(16)));
	struct of_node *phb, *other;

	heap_init(heap, sizeof(heap));
	CHECK(of_tree_init() == 0);
	phb = add(of_root(), "pci@800000020000000");
	of_set_string(phb, "device_type", "pci");
	/* Not a PHB: its virtio-looking child is left alone. */
	other = add(of_root(), "vdevice");
	pci_fn(other, "scsi@9", 0x1af4, 0x1001);

	fake_nodes[0] = pci_fn(phb, "scsi@0", 0x1af4, 0x1001);
	virtio_fake_init_blk(&fakes[0], 16384, 0);

	memset(&units, 0, sizeof(units));
	scsi_fake_add(&units, 0, 0, SCSI_TYPE_DISK, 512, 32768);
	scsi_fake_add(&units, 12, 300, SCSI_TYPE_CDROM, 2048, 1000)->unit_attentions = 1;
	scsi_fake_add(&units, 3, 0, SCSI_TYPE_CDROM, 2048, 0)->no_medium = true;
	scsi_fake_add(&units, 5, 0, 0x01, 512, 100);	/* a tape: not a block device */
	fake_nodes[1] = pci_fn(phb, "scsi@1", 0x1af4, 0x1004);
	virtio_fake_init_scsi(&fakes[1], &units);

	fakes[2].fault = VFAKE_ACCESS_PLATFORM;
	fake_nodes[2] = pci_fn(phb, "scsi@2", 0x1af4, 0x1042);
	virtio_fake_init_blk(&fakes[2], 100, 4096);

	fake_nodes[3] = pci_fn(phb, "scsi@3", 0x1af4, 0x1001);
	virtio_fake_init_blk(&fakes[3], 100, 0);
	enable_fails[3] = true;

	pci_fn(phb, "ethernet@4", 0x1af4, 0x1000);	/* virtio-net: not ours */
	pci_fn(phb, "scsi@5", 0x1000, 0x0012);		/* another vendor */
}

static int data_ok(const uint8_t *buf, uint32_t target, uint32_t lun, uint64_t lba, uint32_t bs,
		   uint32_t count)
{
	for (uint64_t i = 0; i < (uint64_t)count * bs; i++)
		if (buf[i] != scsi_fake_byte(target, lun, lba * bs + i))
			return 0;
	return 1;
}

static const char expected[] =
	"virtio-blk: /pci@800000020000000/scsi@0: 16384 blocks of 512 bytes\r\n"
	"virtio-scsi: /pci@800000020000000/scsi@1/disk@100000000000000: disk, 32768 blocks of 512 bytes\r\n"
	"virtio-scsi: /pci@800000020000000/scsi@1/disk@103000000000000: CD-ROM, no medium\r\n"
	"virtio-scsi: /pci@800000020000000/scsi@1/disk@10c412c00000000: CD-ROM, 1000 blocks of 2048 bytes\r\n"
	"virtio-blk: /pci@800000020000000/scsi@2: device requires VIRTIO_F_ACCESS_PLATFORM (iommu_platform=on), not supported\r\n"
	"virtio: warning: /pci@800000020000000/scsi@3: cannot use virtio-blk: no room left in the PHB's window for its BARs\r\n";

static void test_probe(void)
{
	struct of_node *hba, *n;
	struct block_dev *bd;
	const uint8_t *reg;
	uint32_t len;
	unsigned requests;
	uint8_t buf[4096];

	build_machine();
	CHECK_EQ_U64(virtio_probe_all(), 4);
	CHECK_STR(console, expected);
	if (strcmp(console, expected) != 0)
		fprintf(stderr, "console:\n%s", console);

	/* The virtio-blk node itself is the disk. */
	n = of_find_path("/pci@800000020000000/scsi@0");
	bd = block_find(n);
	CHECK(bd && bd->block_size == 512 && bd->num_blocks == 16384 && !bd->is_cdrom);
	CHECK_STR(of_get_string(n, "device_type"), "block");
	CHECK(bd && bd->ops->read(bd, 100, 8, buf) == 0);
	CHECK(buf[0] == virtio_fake_blk_byte(100 * 512) && buf[4095] == virtio_fake_blk_byte(108 * 512 - 1));

	/* virtio-scsi LUNs, found by the names QEMU's boot-list uses. */
	hba = of_find_path("/pci@800000020000000/scsi@1");
	CHECK_EQ_U64(of_get_u32_or(hba, "#address-cells", 0), 2);
	CHECK_EQ_U64(of_get_u32_or(hba, "#size-cells", 9), 0);
	n = of_find_path("/pci@800000020000000/scsi@1/disk@10C412C00000000");
	CHECK(n != NULL);
	CHECK_STR(of_get_string(n, "name"), "disk");
	CHECK_STR(of_get_string(n, "device_type"), "block");
	reg = of_get_prop(n, "reg", &len);
	CHECK(reg && len == 8 && be64_read(reg) == 0x010c412c00000000ull);
	bd = block_find(n);
	CHECK(bd && bd->is_cdrom && bd->removable && bd->block_size == 2048 && bd->num_blocks == 1000);
	CHECK(bd && bd->ops->read(bd, 16, 2, buf) == 0 && data_ok(buf, 12, 300, 16, 2048, 2));
	bd = block_find(of_find_path("/pci@800000020000000/scsi@1/disk@100000000000000"));
	CHECK(bd && !bd->is_cdrom && bd->ops->read(bd, 32767, 1, buf) == 0 &&
	      data_ok(buf, 0, 0, 32767, 512, 1));
	bd = block_find(of_find_path("/pci@800000020000000/scsi@1/disk@103000000000000"));
	CHECK(bd && bd->is_cdrom && bd->num_blocks == 0);
	CHECK(of_find_path("/pci@800000020000000/scsi@1/disk@105000000000000") == NULL);
	CHECK(block_find(of_find_path("/vdevice/scsi@9")) == NULL);
	CHECK(block_find(of_find_path("/pci@800000020000000/scsi@2")) == NULL);

	/* One line per failed read, naming the device. */
	console_len = 0;
	console[0] = '\0';
	CHECK(bd && bd->ops->read(bd, 0, 1, buf) == -1);
	CHECK_STR(console, "virtio-scsi: /pci@800000020000000/scsi@1/disk@103000000000000: "
			   "read of 1 blocks at 0 failed: no medium\r\n");

	/* Again: nothing new is probed or printed. */
	console_len = 0;
	console[0] = '\0';
	requests = fakes[1].requests;
	CHECK_EQ_U64(virtio_probe_all(), 4);
	CHECK_STR(console, "");
	CHECK_EQ_U64(fakes[1].requests, requests);

	/* Quiesce stops every device; reads then fail with the reason. */
	virtio_quiesce_all();
	CHECK(fakes[0].status == 0 && fakes[1].status == 0);
	bd = block_find(of_find_path("/pci@800000020000000/scsi@0"));
	console_len = 0;
	CHECK(bd && bd->ops->read(bd, 0, 1, buf) == -1);
	CHECK_STR(console, "virtio-blk: /pci@800000020000000/scsi@0: read of 1 blocks at 0 failed: "
			   "device was reset: the firmware was quiesced\r\n");
	for (int i = 0; i < NFAKES; i++) {
		CHECK_EQ_U64(fakes[i].bad_accesses, 0);
		virtio_fake_free(&fakes[i]);
	}
}

int main(void)
{
	test_probe();
	return unit_done("test-virtio-probe");
}
