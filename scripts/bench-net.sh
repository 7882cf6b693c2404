#!/bin/bash
# SPDX-License-Identifier: MIT
# Boot-time benchmark, network path, QEMU start to QEMU exit over QEMU's
# user network (DHCP + TFTP built in), virtio-net, -cpu power9 -m 1G:
#   GRUB netboot: GRUB 2.12's grub-mknetdir image fetches grub.cfg, the test
#     kernel and initramfs over TFTP, to the test init's power-off; ours and
#     SLOF in pairs.
#   vmlinux from TFTP: the test kernel as the bootfile, to its "VFS: Unable
#     to mount root fs" panic (QEMU exits); ours only: SLOF refuses an ELF
#     whose virtual and physical addresses differ.
#
#   scripts/bench-net.sh      (after `make guests grubnet`; `make bench`)
#
# Environment: BENCH_RUNS (default 5), BENCH_TIMEOUT (default 120),
# BENCH_FIRMWARE, SLOF_BIN, BUILD. Logs: $BUILD/bench-logs/net-*.
set -u
BUILD=${BUILD:-build}
RUNS=${BENCH_RUNS:-5}
TMO=${BENCH_TIMEOUT:-120}
OURS=${BENCH_FIRMWARE:-$BUILD/boot_rom.bin}
SLOF=${SLOF_BIN:-/usr/share/qemu/slof.bin}
ROOT=$BUILD/grubnet/tftp-212
GUESTS=$BUILD/guests
LOGS=$BUILD/bench-logs
mkdir -p "$LOGS" "$BUILD/results"
[ -f "$ROOT/boot/grub/powerpc-ieee1275/core.elf" ] ||
	{ echo "bench-net: $ROOT missing: run 'make grubnet' first"; exit 1; }

BASE=(-M pseries -cpu power9 -m 1G -nographic -nodefaults -vga none -serial stdio
	-monitor none -no-reboot -boot once=n)
GRUB=(-netdev "user,id=n0,tftp=$ROOT,bootfile=boot/grub/powerpc-ieee1275/core.elf"
	-device virtio-net-pci,netdev=n0,romfile=)
KERN=(-netdev "user,id=n0,tftp=$GUESTS,bootfile=vmlinux" -device virtio-net-pci,netdev=n0,romfile=)

. "$(dirname "$0")/bench-common.sh"

one() {   # LOGNAME BIOS DONE-RE QEMU-ARGS... -> seconds, or "fail"
	local log=$LOGS/net-$1.log bios=$2 re=$3
	shift 3
	bench_boot "$log" "$re" -bios "$bios" "${BASE[@]}" "$@"
}

echo "bench-net: GRUB 2.12 netboot (virtio-net) to Linux power-off, and vmlinux from TFTP to its panic, -cpu power9 -m 1G, $RUNS runs"
ours=; slof=; kern=; fails=0
for ((i = 1; i <= RUNS; i++)); do
	a=$(one "grub-ours-$i" "$OURS" 'TEST-INIT: power-off' "${GRUB[@]}")
	b=$(one "grub-slof-$i" "$SLOF" 'TEST-INIT: power-off' "${GRUB[@]}")
	c=$(one "vmlinux-ours-$i" "$OURS" 'VFS: Unable to mount root fs' "${KERN[@]}")
	echo "bench-net: run $i/$RUNS  GRUB: ours $a  slof $b;  vmlinux: ours $c"
	[ "$a" = fail ] && fails=$((fails + 1)) || ours+="$a "
	[ "$b" = fail ] || slof+="$b "
	[ "$c" = fail ] && fails=$((fails + 1)) || kern+="$c "
done
mo=$(echo "$ours" | median); ms=$(echo "$slof" | median); mk=$(echo "$kern" | median)
ratio=$(awk -v a="$mo" -v b="$ms" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }')
line="bench-net: summary: GRUB netboot, median of $RUNS: ours ${mo}s, SLOF ${ms}s; ours/SLOF ${ratio}x; vmlinux from TFTP: ours ${mk}s (SLOF cannot)"
echo "$line"; echo "$line" > "$BUILD/results/bench-net"
[ "$fails" -eq 0 ]
