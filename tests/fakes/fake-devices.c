/* SPDX-License-Identifier: MIT */
/* The device-access operations of slof/board.h (VIO hypercalls, MMIO)
 * and slof/devices/pci.h (PCI config space) for host tests of the core:
 * a machine whose devices never answer. VIO calls report no CRQ, PCI config space is unreachable, loads
 * read all ones and stores vanish. Driver tests bring their own fakes. */
#include <stdint.h>

#include "board.h"
#include "devices/pci.h"
#include "fake-board.h"

unsigned fake_device_calls;	/* how often the core tried a device */

int board_vio_reg_crq(uint32_t unit, uint64_t ioba, uint64_t len)
{
	(void)unit; (void)ioba; (void)len;
	fake_device_calls++;
	return STATUS_EUNSUPPORTED;
}

int board_vio_free_crq(uint32_t unit)
{
	(void)unit;
	fake_device_calls++;
	return STATUS_EUNSUPPORTED;
}

int board_vio_send_crq(uint32_t unit, uint64_t hi, uint64_t lo)
{
	(void)unit; (void)hi; (void)lo;
	fake_device_calls++;
	return STATUS_ECLOSED;
}

int board_vio_put_tce(uint32_t liobn, uint64_t ioba, uint64_t tce)
{
	(void)liobn; (void)ioba; (void)tce;
	fake_device_calls++;
	return STATUS_EUNSUPPORTED;
}

int pci_config_read(const struct of_node *dev, uint32_t offset, unsigned size,
			  uint32_t *value)
{
	(void)dev; (void)offset; (void)size;
	fake_device_calls++;
	*value = 0xffffffffu;
	return -1;
}

int pci_config_write(const struct of_node *dev, uint32_t offset, unsigned size,
			   uint32_t value)
{
	(void)dev; (void)offset; (void)size; (void)value;
	fake_device_calls++;
	return -1;
}

int pci_enable_device(struct of_node *dev, struct pci_bar bars[6],
			    const char **reason)
{
	(void)dev;
	fake_device_calls++;
	for (int i = 0; i < 6; i++)
		bars[i] = (struct pci_bar){ 0, 0, false };
	*reason = "fake board: no PCI devices";
	return -1;
}

uint8_t board_mmio_read8(uint64_t addr)
{
	(void)addr;
	fake_device_calls++;
	return 0xff;
}

uint16_t board_mmio_read16(uint64_t addr)
{
	(void)addr;
	fake_device_calls++;
	return 0xffff;
}

uint32_t board_mmio_read32(uint64_t addr)
{
	(void)addr;
	fake_device_calls++;
	return 0xffffffffu;
}

void board_mmio_write8(uint64_t addr, uint8_t value)
{
	(void)addr; (void)value;
	fake_device_calls++;
}

void board_mmio_write16(uint64_t addr, uint16_t value)
{
	(void)addr; (void)value;
	fake_device_calls++;
}

void board_mmio_write32(uint64_t addr, uint32_t value)
{
	(void)addr; (void)value;
	fake_device_calls++;
}

uint64_t board_pci_dma_address(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}
