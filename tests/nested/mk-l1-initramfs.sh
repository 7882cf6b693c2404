#!/bin/bash
# SPDX-License-Identifier: MIT
# Builds the nested test's L1 initramfs (uncompressed newc cpio) from what
# tests/nested/fetch-nested.sh fetched:
#   /init                      tests/nested/l1-init.sh (run by busybox sh)
#   /bin/busybox               busybox-static (ppc64el)
#   /lib/modules/*.ko, order   kvm-hv and the modules it needs, unpacked
#   /usr/bin/qemu-system-ppc64 QEMU 10 (ppc64el) with every shared library
#                              it needs and the dynamic loader
#   /usr/share/qemu/slof.bin   SLOF shipped with that QEMU
#   /usr/share/qemu/ofpseries.bin  our firmware
#   /usr/bin/qemu-compat-caps  the static ppc64el helper
#   /l2/vmlinux, /l2/initramfs.cpio.gz  the L2 kernel and test init
#
#   tests/nested/mk-l1-initramfs.sh NESTED_DIR FIRMWARE HELPER L2_VMLINUX L2_INITRD OUT
set -euo pipefail

[ $# = 6 ] || { echo "usage: $0 NESTED_DIR FIRMWARE HELPER L2_VMLINUX L2_INITRD OUT" >&2; exit 2; }
N=$1 FW=$2 HELPER=$3 L2K=$4 L2I=$5 OUT=$6
die() { printf 'nested-initramfs: ERROR: %s\n' "$*" >&2; exit 1; }

SRC=$N/l1-root
KROOT=$N/l1-kernel
TRIPLET=powerpc64le-linux-gnu
R=$OUT.root
rm -rf "$R"
mkdir -p "$R/bin" "$R/usr/bin" "$R/lib/$TRIPLET" "$R/lib64" "$R/lib/modules" \
	"$R/usr/share/qemu" "$R/l2" "$R/proc" "$R/sys" "$R/dev" "$R/tmp"

install -m 0755 tests/nested/l1-init.sh "$R/init"
install -m 0755 "$SRC/bin/busybox" "$R/bin/busybox"
install -m 0755 "$SRC/usr/bin/qemu-system-ppc64" "$R/usr/bin/qemu-system-ppc64"
install -m 0755 "$HELPER" "$R/usr/bin/qemu-compat-caps"
install -m 0644 "$SRC/usr/share/qemu/slof.bin" "$FW" "$R/usr/share/qemu/"
mv "$R/usr/share/qemu/$(basename "$FW")" "$R/usr/share/qemu/ofpseries.bin"
install -m 0644 "$(readlink -f "$L2K")" "$R/l2/vmlinux"
install -m 0644 "$L2I" "$R/l2/initramfs.cpio.gz"

# Shared libraries: the NEEDED entries of QEMU, recursively, from the
# unpacked closure (lib/ and usr/lib/ of the triplet).
find_lib() {
	local d
	for d in "$SRC/lib/$TRIPLET" "$SRC/usr/lib/$TRIPLET"; do
		[ -e "$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}
queue=(qemu-system-ppc64)
declare -A seen=()
while [ ${#queue[@]} -gt 0 ]; do
	f=${queue[0]}; queue=("${queue[@]:1}")
	if [ "$f" = qemu-system-ppc64 ]; then path=$SRC/usr/bin/qemu-system-ppc64
	else
		path=$(find_lib "$f") || die "library $f (needed by QEMU) not in the ppc64el closure"
		install -m 0755 "$(readlink -f "$path")" "$R/lib/$TRIPLET/$f"
	fi
	for n in $(readelf -d "$path" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		[ -n "${seen[$n]:-}" ] && continue
		seen[$n]=1; queue+=("$n")
	done
done
interp=$(readelf -l "$SRC/usr/bin/qemu-system-ppc64" | sed -n 's/.*interpreter: \(.*\)\]/\1/p')
[ "$interp" = /lib64/ld64.so.2 ] || die "unexpected QEMU interpreter '$interp'"
install -m 0755 "$(readlink -f "$SRC/lib/$TRIPLET/ld64.so.2")" "$R/lib64/ld64.so.2"

# Modules: kvm-hv and its "depends=" (from .modinfo), dependencies first.
kdir=$(find "$KROOT/lib/modules" -mindepth 1 -maxdepth 1 -type d | head -n1)
[ -n "$kdir" ] || die "no lib/modules in the L1 kernel"
mod_file() {  # NAME -> path of NAME.ko[.xz] (- and _ are the same)
	local pat=${1//[-_]/[-_]}
	find "$kdir/kernel" -name "$pat.ko" -o -name "$pat.ko.xz" | head -n1
}
mod_depends() {
	case $1 in
	*.xz) xz -dc "$1" ;;
	*) cat "$1" ;;
	esac | strings | sed -n 's/^depends=//p' | head -n1 | tr ',' ' '
}
order=()
add_mod() {
	local name=${1//-/_} f d
	case " ${order[*]} " in *" $name "*) return 0 ;; esac
	f=$(mod_file "$name")
	[ -n "$f" ] || die "module $name not in $(basename "$kdir")"
	for d in $(mod_depends "$f"); do add_mod "$d"; done
	case $f in
	*.xz) xz -dc "$f" > "$R/lib/modules/$name.ko" ;;
	*) cp "$f" "$R/lib/modules/$name.ko" ;;
	esac
	order+=("$name")
}
add_mod kvm_hv
printf '%s\n' "${order[@]}" > "$R/lib/modules/order"

# newc cpio, uncompressed (the kernel unpacks it without decompressing under
# TCG); owner 0, fixed mtimes.
find "$R" -exec touch -h -d @0 {} +
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet) > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
rm -rf "$R"
echo "nested-initramfs: $OUT ($(($(stat -c %s "$OUT") / 1048576)) MiB: QEMU + ${#seen[@]} libraries, modules ${order[*]})"
