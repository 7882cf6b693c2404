#!/bin/bash
# make run: boots the firmware on its embedded demo client under QEMU (TCG)
# with the console on this terminal. Extra QEMU arguments may follow.
set -eu
rom=${1:-build/boot_rom.bin}
shift || true
exec qemu-system-ppc64 -M pseries -m 1G -bios "$rom" \
	-nographic -nodefaults -vga none -serial mon:stdio -no-reboot \
	"$@" 2> >(grep -v "TCG doesn't support requested feature" >&2)
