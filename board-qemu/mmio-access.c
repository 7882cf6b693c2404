/* SPDX-License-Identifier: MIT */
/* Device registers through H_LOGICAL_CI_LOAD/STORE, and the DMA addresses
 * of firmware memory for PCI devices. */
#include "board-qemu.h"
#include "hcall.h"

static uint64_t load(uint64_t size, uint64_t addr)
{
	uint64_t v;

	if (hcall_logical_ci_load(size, addr, &v) != H_SUCCESS)
		return ~0ull;
	return v;
}

uint8_t board_mmio_read8(uint64_t addr)
{
	return (uint8_t)load(1, addr);
}

uint16_t board_mmio_read16(uint64_t addr)
{
	return (uint16_t)load(2, addr);
}

uint32_t board_mmio_read32(uint64_t addr)
{
	return (uint32_t)load(4, addr);
}

static void store(uint64_t size, uint64_t addr, uint64_t value)
{
	/* Ring updates in memory must be visible before the device is told. */
	__asm__ volatile("sync" : : : "memory");
	hcall_logical_ci_store(size, addr, value);
}

void board_mmio_write8(uint64_t addr, uint8_t value)
{
	store(1, addr, value);
}

void board_mmio_write16(uint64_t addr, uint16_t value)
{
	store(2, addr, value);
}

void board_mmio_write32(uint64_t addr, uint32_t value)
{
	store(4, addr, value);
}

uint64_t board_pci_dma_address(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}
