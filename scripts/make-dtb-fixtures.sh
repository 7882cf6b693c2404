#!/bin/bash
# SPDX-License-Identifier: MIT
# Device tree blobs for the fdt-reader tests: QEMU's own pseries trees
# (-M pseries,dumpdtb=FILE, QEMU exits right after dumping) and a few small
# dtc-built ones.
#
#   make-dtb-fixtures.sh OUTDIR   every configuration into OUTDIR/*.dtb
#   make-dtb-fixtures.sh --commit refresh the small committed copies in
#                                 tests/fixtures/dtb/ and the fuzz seeds
set -u

QEMU=${QEMU:-qemu-system-ppc64}
DTC=${DTC:-dtc}

# name|machine options|other QEMU arguments
CONFIGS=(
	"qemu-default|pseries|"
	"qemu-power8|pseries|-cpu power8"
	"qemu-power10|pseries|-cpu power10"
	"qemu-smp4-max8|pseries|-smp 4,maxcpus=8"
	"qemu-mem16g-hotplug|pseries|-m 16G,maxmem=32G,slots=4"
	"qemu-xive|pseries,ic-mode=xive|"
	"qemu-xics|pseries,ic-mode=xics|"
	"qemu-compat-power9|pseries,max-cpu-compat=power9|-cpu power10"
	"qemu-virtio-blk|pseries|-blockdev driver=null-co,node-name=d0 -device virtio-blk-pci,drive=d0"
	"qemu-nodefaults|pseries|-nodefaults"
	"qemu-serial-stdio|pseries|-serial mon:stdio"
	"qemu-vscsi-vlan|pseries|-nic none -device spapr-vscsi -device spapr-vlan,netdev=n0 -netdev hubport,id=n0,hubid=0"
	"qemu-numa2|pseries|-smp 4,sockets=2,cores=2,threads=1 -m 2G -object memory-backend-ram,id=m0,size=1G -object memory-backend-ram,id=m1,size=1G -numa node,nodeid=0,cpus=0-1,memdev=m0 -numa node,nodeid=1,cpus=2-3,memdev=m1"
	"qemu-pseries-2.12|pseries-2.12|"
	"qemu-vof|pseries,x-vof=on|"
)

# Small hand-written tree: memory reservations, empty and odd-length
# properties, a few levels of nodes.
DTS='/dts-v1/;
/memreserve/ 0x10000000 0x100000;
/memreserve/ 0xfff00000 0x1000;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	model = "fdt-reader fixture";
	empty-prop;
	one-byte = [01];
	three-bytes = [01 02 03];
	strings = "a", "bc", "";
	chosen { bootargs = "console=hvc0"; };
	cpus {
		#address-cells = <1>;
		#size-cells = <0>;
		cpu@0 { device_type = "cpu"; reg = <0>; };
		cpu@1 { device_type = "cpu"; reg = <1>; };
	};
	memory@0 { device_type = "memory"; reg = <0 0 0 0x10000000>; };
	a { b { c { d { e { leaf; }; }; }; }; };
};'

die() { echo "make-dtb-fixtures: $*" >&2; exit 1; }

# dump_qemu OUTDIR: every QEMU configuration; a configuration this QEMU does
# not support is reported and skipped, the default one must work.
dump_qemu() {
	local out=$1 ok=0 cfg name mach args f
	command -v "$QEMU" >/dev/null || die "$QEMU not found (make deps)"
	for cfg in "${CONFIGS[@]}"; do
		IFS='|' read -r name mach args <<<"$cfg"
		f=$out/$name.dtb
		rm -f "$f"
		# shellcheck disable=SC2086
		if "$QEMU" -M "$mach,dumpdtb=$f" -display none -monitor none \
			$( [[ $args == *-serial* || $args == *-nodefaults* ]] || echo -serial null ) \
			$args </dev/null >"$out/$name.log" 2>&1 && [ -s "$f" ]; then
			ok=$((ok + 1)); rm -f "$out/$name.log"
		else
			echo "make-dtb-fixtures: skipped $name (see $out/$name.log)" >&2
			rm -f "$f"
		fi
	done
	[ -s "$out/qemu-default.dtb" ] || die "QEMU could not dump the default tree"
	echo "make-dtb-fixtures: $ok QEMU trees in $out"
}

# dump_dtc OUTDIR: the hand-written tree as v17, v16 and padded v17.
dump_dtc() {
	local out=$1
	command -v "$DTC" >/dev/null || { echo "make-dtb-fixtures: no dtc, skipping dtc trees" >&2; return 0; }
	printf '%s\n' "$DTS" | "$DTC" -q -I dts -O dtb -V 17 -o "$out/dtc-small-v17.dtb" - || die "dtc failed"
	printf '%s\n' "$DTS" | "$DTC" -q -I dts -O dtb -V 16 -o "$out/dtc-small-v16.dtb" - || die "dtc failed"
	printf '%s\n' "$DTS" | "$DTC" -q -I dts -O dtb -V 17 -p 256 -b 1 -o "$out/dtc-small-padded.dtb" - || die "dtc failed"
}

if [ "${1:-}" = "--commit" ]; then
	cd "$(dirname "$0")/.." || exit 1
	tmp=$(mktemp -d) || exit 1
	trap 'rm -rf "$tmp"' EXIT
	dump_qemu "$tmp"
	dump_dtc "$tmp"
	fix=tests/fixtures/dtb
	seeds=tests/fuzz/seeds/fuzz-fdt-reader
	mkdir -p "$fix" "$seeds"
	for n in qemu-default qemu-nodefaults qemu-power8 dtc-small-v17 dtc-small-v16 dtc-small-padded; do
		[ -s "$tmp/$n.dtb" ] || die "missing $n.dtb"
		[ "$(stat -c %s "$tmp/$n.dtb")" -lt 20480 ] || die "$n.dtb is over 20 KB"
		cp "$tmp/$n.dtb" "$fix/$n.dtb"
		cp "$tmp/$n.dtb" "$seeds/$n.dtb"
	done
	echo "make-dtb-fixtures: refreshed $fix and $seeds"
	exit 0
fi

[ $# -eq 1 ] || die "usage: $0 OUTDIR | --commit"
mkdir -p "$1" || exit 1
dump_qemu "$1"
dump_dtc "$1"
