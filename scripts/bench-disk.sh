#!/bin/bash
# SPDX-License-Identifier: MIT
# Boot-time benchmark, disk path: GRUB from an MBR disk on virtio-blk (PReP
# partition), which then loads the test kernel and initramfs from ext2;
# QEMU start to QEMU exit under our firmware and SLOF, in pairs.
#
#   scripts/bench-disk.sh      (after `make guests disk-images`; `make bench`)
#
# Environment: BENCH_RUNS (default 5), BENCH_TIMEOUT (default 120),
# BENCH_FIRMWARE, SLOF_BIN, BUILD. Logs: $BUILD/bench-logs/disk-*.
set -u
BUILD=${BUILD:-build}
RUNS=${BENCH_RUNS:-5}
TMO=${BENCH_TIMEOUT:-120}
OURS=${BENCH_FIRMWARE:-$BUILD/boot_rom.bin}
SLOF=${SLOF_BIN:-/usr/share/qemu/slof.bin}
IMG=$BUILD/disk-images/mbr-ext2.img
LOGS=$BUILD/bench-logs
mkdir -p "$LOGS" "$BUILD/results"
[ -f "$IMG" ] || { echo "bench-disk: $IMG missing: run 'make disk-images' first"; exit 1; }

ARGS=(-M pseries -cpu power9 -m 1G -nographic -nodefaults -vga none -serial stdio
	-monitor none -no-reboot
	-drive "if=none,id=d0,file=$IMG,format=raw,readonly=on" -device virtio-blk-pci,drive=d0)

. "$(dirname "$0")/bench-common.sh"

one() {   # LABEL N BIOS -> seconds, or "fail"
	bench_boot "$LOGS/disk-$1-$2.log" 'TEST-INIT: power-off' -bios "$3" "${ARGS[@]}"
}

echo "bench-disk: GRUB from virtio-blk (MBR, PReP + ext2) to Linux power-off, -cpu power9 -m 1G, $RUNS paired runs"
ours=; slof=; fails=0
for ((i = 1; i <= RUNS; i++)); do
	a=$(one ours "$i" "$OURS"); b=$(one slof "$i" "$SLOF")
	echo "bench-disk: run $i/$RUNS  ours $a  slof $b"
	[ "$a" = fail ] && fails=$((fails + 1)) || ours+="$a "
	[ "$b" = fail ] || slof+="$b "
done
mo=$(echo "$ours" | median); ms=$(echo "$slof" | median)
ratio=$(awk -v a="$mo" -v b="$ms" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }')
line="bench-disk: summary: GRUB from virtio-blk, median of $RUNS: ours ${mo}s, SLOF ${ms}s; ours/SLOF ${ratio}x"
echo "$line"; echo "$line" > "$BUILD/results/bench-disk"
[ "$fails" -eq 0 ]
