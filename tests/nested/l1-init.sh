#!/bin/busybox sh
# SPDX-License-Identifier: MIT
# /init of the nested test's L1 (a ppc64el Linux guest running KVM): loads
# kvm-hv, asks qemu-compat-caps what this host offers, then boots the same
# L2 (Debian kernel + test init) under KVM: under SLOF, under our firmware
# started through `qemu-compat-caps exec`, and under ours without the helper.
# Every line of an L2's console is prefixed "L2-<run>| "; the L1's own lines
# start "L1: ". No "set -e": whatever fails, the script goes on to the
# power-off (each step's outcome is printed and checked by run-nested.sh).
#
# Kernel command line (set by tests/nested/run-nested.sh):
#   l2machine=OPTS   extra -M pseries options for the L2 (caps this L0 needs)
#   l2runs=a,b       which L2 boots (slof, ours, ours-nocaps: ours without
#                    the helper), in order
/bin/busybox mkdir -p /bin /proc /sys /dev /tmp
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin LD_LIBRARY_PATH=/lib/powerpc64le-linux-gnu
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null

echo "L1: up $(cut -d' ' -f1 /proc/uptime)s, kernel $(uname -r), $(grep -m1 '^cpu' /proc/cpuinfo | tr -s '\t ' ' ')"
for m in $(cat /lib/modules/order); do
	insmod "/lib/modules/$m.ko" || echo "L1: insmod $m failed"
done
if [ -c /dev/kvm ]; then echo "L1: /dev/kvm present"; else echo "L1: no /dev/kvm"; fi
dmesg | grep -iE 'kvm|nested' | sed 's/^/L1: dmesg: /'

arg() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" /proc/cmdline; }
l2m=$(arg l2machine)
runs=$(arg l2runs | tr ',' ' ')

echo "L1: helper: $(qemu-compat-caps 2>&1)"
echo "L1: helper-json: $(qemu-compat-caps --format json 2>&1)"

set -o pipefail
for fw in ${runs:-slof ours}; do
	case $fw in
	slof) via= ; bios=/usr/share/qemu/slof.bin ;;
	ours) via="qemu-compat-caps exec --" ; bios=/usr/share/qemu/ofpseries.bin ;;
	ours-nocaps) via= ; bios=/usr/share/qemu/ofpseries.bin ;;
	*) echo "L1: unknown L2 run '$fw'"; continue ;;
	esac
	echo "L1: L2-$fw start at $(cut -d' ' -f1 /proc/uptime)s"
	timeout 600 $via qemu-system-ppc64 -accel kvm -cpu host -M "pseries,$l2m" \
		-m 1G -smp 1 -display none -nodefaults -vga none -serial stdio \
		-monitor none -no-reboot -L /usr/share/qemu -bios "$bios" \
		-kernel /l2/vmlinux -initrd /l2/initramfs.cpio.gz -append console=hvc0 \
		< /dev/null 2>&1 | tr -d '\r' | sed "s/^/L2-$fw| /"
	rc=$?
	echo "L1: L2-$fw end at $(cut -d' ' -f1 /proc/uptime)s, status $rc"
done
echo "L1: done"
poweroff -f
