#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs the boot test tables (default tests/boot/cases.txt) in parallel with
# tests/boot/run-qemu.sh; prints one line per case and a total, and writes
# "PASSED FAILED" to build/results/boot.
#
#   tests/boot/run-all.sh [CASE-FILE...]
#
# Environment:
#   BOOT_FIRMWARE  firmware for -bios (default build/boot_rom.bin), e.g.
#                  /usr/share/qemu/slof.bin to check the suite against SLOF,
#                  or "vof" for QEMU's VOF (-M pseries,x-vof=on, no -bios)
#   BOOT_CASES     extended regex: run only the cases whose name matches
#   BOOT_JOBS      boots run at once (default: number of cores, at most 2)
#   BOOT_TIMEOUT   seconds per boot before it counts as hung (default 120)
#   BUILD          build directory (default build)
#
# A case file has one case per line (a trailing "\" continues a line; "#"
# starts a comment line): NAME, then run-qemu.sh options, then "--" and the
# QEMU arguments, all as shell words. These variables are expanded:
#   $VMLINUX $INITRD   the test kernel and initramfs (make guests)
#   $KERNEL            -kernel $VMLINUX -initrd $INITRD -append console=hvc0
#   $GUESTS $BUILD     the guests and build directories
set -u

if [ "${1:-}" = --one ]; then         # internal: run one case line
	line=$2
	eval "set -- $line"
	exec "$(dirname "$0")/run-qemu.sh" "$@"
fi

BUILD=${BUILD:-build}
GUESTS=$BUILD/guests
VMLINUX=$GUESTS/vmlinux
INITRD=$GUESTS/initramfs.cpio.gz
KERNEL="-kernel $VMLINUX -initrd $INITRD -append console=hvc0"
BOOT_FIRMWARE=${BOOT_FIRMWARE:-$BUILD/boot_rom.bin}
BOOT_LOG_DIR=${BOOT_LOG_DIR:-$BUILD/boot-logs}
cores=$(nproc 2>/dev/null || echo 2)
BOOT_JOBS=${BOOT_JOBS:-$((cores < 2 ? cores : 2))}
export BUILD GUESTS VMLINUX INITRD KERNEL BOOT_FIRMWARE BOOT_LOG_DIR
[ -n "${BOOT_TIMEOUT:-}" ] && export BOOT_TIMEOUT

[ $# -gt 0 ] || set -- "$(dirname "$0")/cases.txt"
mkdir -p "$BUILD/results" "$BOOT_LOG_DIR"

for f in "$VMLINUX" "$INITRD"; do
	[ -e "$f" ] || { echo "boot: $f missing: run 'make guests' first"; echo "0 1" > "$BUILD/results/boot"; echo "boot: 0 passed, 1 failed"; exit 1; }
done

# Collect the case lines (continuations joined), filtered by BOOT_CASES.
# Per-run files, so two runs at once (different tables or BOOT_CASES) do not
# mix their lists or totals; the logs of one case name are shared.
list=$(mktemp "${TMPDIR:-/tmp}/boot-cases.XXXXXX")
out=$(mktemp "${TMPDIR:-/tmp}/boot-out.XXXXXX")
trap 'rm -f "$list" "$list.sel" "$out"' EXIT
missing=0
for f in "$@"; do
	if [ ! -r "$f" ]; then   # counts as one failed case, the rest still run
		echo "FAIL $f: case table not found"
		missing=$((missing + 1))
		continue
	fi
	sed -e ':a' -e '/\\$/{N; s/\\\n/ /; ba' -e '}' "$f" |
		grep -Ev '^[[:space:]]*(#|$)' >> "$list"
done
names=$(awk '{ print $1 }' "$list")
dups=$(echo "$names" | sort | uniq -d)
[ -z "$dups" ] || { echo "boot: duplicate case names: $dups" >&2; exit 2; }
if [ -n "${BOOT_CASES:-}" ]; then
	awk -v re="$BOOT_CASES" '$1 ~ re' "$list" > "$list.sel" && mv "$list.sel" "$list"
fi
n=$(wc -l < "$list")

echo "boot: $n cases, firmware $BOOT_FIRMWARE, $BOOT_JOBS in parallel, logs in $BOOT_LOG_DIR/"
t0=$(date +%s)
xargs -d '\n' -n1 -P "$BOOT_JOBS" "$0" --one < "$list" | tee "$out"
t1=$(date +%s)

# A case passed when its runner printed "PASS NAME (...)"; anything else
# (FAIL, or no verdict at all) is a failure.
pass=0; fail=$missing; failed=()
for name in $(awk '{ print $1 }' "$list"); do
	if grep -qF "PASS $name (" "$out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed+=("$name")
	fi
done
for name in "${failed[@]}"; do
	echo "--- $name: $(cat "$BOOT_LOG_DIR/$name.result" 2>/dev/null || echo 'no result'); last lines of $BOOT_LOG_DIR/$name.log:"
	tail -n 8 "$BOOT_LOG_DIR/$name.log" 2>/dev/null | cut -c1-160 | sed 's/^/    /'
done
echo "$pass $fail" > "$BUILD/results/boot"
echo "boot: wall time $((t1 - t0)) s"
echo "boot: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
