#!/bin/bash
# SPDX-License-Identifier: MIT
# Boot-time benchmark, network path, QEMU start to QEMU exit over QEMU's
# user network (DHCP + TFTP built in), virtio-net, -cpu power9 -m 1G:
#   GRUB netboot: GRUB 2.12's grub-mknetdir image fetches grub.cfg, the test
#     kernel and initramfs over TFTP, to the test init's power-off; ours and
#     SLOF in pairs.
#   Two phases of the GRUB netboot, from the console's time stamps: the
#     firmware's own part (QEMU start to GRUB's banner: firmware start,
#     DHCP, TFTP of core.elf) and GRUB's load of the 45 MB kernel and the
#     initramfs through the firmware's network package (its "loading"
#     line to Linux's prom_init). GRUB's fixed waits (200 ms after every
#     TFTP open, docs/net.md) are the same under any firmware.
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
oban=; sban=; oload=; sload=
phases() {   # LOGNAME -> "BANNER LOAD" seconds
	local l=$LOGS/net-$1.log a b c
	a=$(bench_at "$l" 'Welcome to GRUB')
	b=$(bench_at "$l" 'GRUB-TEST: loading the test kernel')
	c=$(bench_at "$l" 'Preparing to boot Linux')
	echo "${a:--} $(awk -v b="$b" -v c="$c" 'BEGIN { if (b == "" || c == "") print "-"; else printf "%.3f", c - b }')"
}
for ((i = 1; i <= RUNS; i++)); do
	a=$(one "grub-ours-$i" "$OURS" 'TEST-INIT: power-off' "${GRUB[@]}")
	b=$(one "grub-slof-$i" "$SLOF" 'TEST-INIT: power-off' "${GRUB[@]}")
	c=$(one "vmlinux-ours-$i" "$OURS" 'VFS: Unable to mount root fs' "${KERN[@]}")
	read -r pa pb < <(phases "grub-ours-$i")
	read -r qa qb < <(phases "grub-slof-$i")
	echo "bench-net: run $i/$RUNS  GRUB: ours $a (banner $pa, kernel load $pb)  slof $b (banner $qa, kernel load $qb);  vmlinux: ours $c"
	[ "$a" = fail ] && fails=$((fails + 1)) || { ours+="$a "; oban+="$pa "; oload+="$pb "; }
	[ "$b" = fail ] || { slof+="$b "; sban+="$qa "; sload+="$qb "; }
	[ "$c" = fail ] && fails=$((fails + 1)) || kern+="$c "
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }
mo=$(echo "$ours" | median); ms=$(echo "$slof" | median); mk=$(echo "$kern" | median)
ob=$(echo "$oban" | median); sb=$(echo "$sban" | median)
ol=$(echo "$oload" | median); sl=$(echo "$sload" | median)
{
echo "bench-net: summary: GRUB netboot, median of $RUNS: ours ${mo}s, SLOF ${ms}s; ours/SLOF $(ratio "$mo" "$ms")x"
echo "bench-net: summary: firmware's part (start, DHCP, TFTP of core.elf, to GRUB's banner): ours ${ob}s, SLOF ${sb}s; ours/SLOF $(ratio "$ob" "$sb")x"
echo "bench-net: summary: GRUB loads kernel + initramfs through the network package: ours ${ol}s, SLOF ${sl}s; ours/SLOF $(ratio "$ol" "$sl")x"
echo "bench-net: summary: vmlinux from TFTP: ours ${mk}s (SLOF cannot)"
} | tee "$BUILD/results/bench-net"
[ "$fails" -eq 0 ]
