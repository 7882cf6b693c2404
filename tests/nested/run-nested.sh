#!/bin/bash
# SPDX-License-Identifier: MIT
# The nested-KVM scenario end to end, under TCG: L0 is QEMU 10 (amd64,
# bookworm-backports) with the PAPR nested API (cap-nested-papr=on, what
# PowerVM offers its LPARs), L1 a Debian 6.12 kernel running kvm-hv in a
# compatibility mode, L2 the Debian 6.1 test guest started by L1 under KVM,
# with SLOF, with our firmware through `qemu-compat-caps exec`, and (the
# control) with our firmware without the helper (tests/nested/l1-init.sh).
# Two L0 shapes:
#   p11-as-p10   -cpu power11, max-cpu-compat=power10
#   p10-as-p9    -cpu power10, max-cpu-compat=power9
# Prints one PASS/FAIL line per assertion, a SLOF-vs-ours table, and writes
# "PASSED FAILED" to BUILD/results/nested.
#
#   tests/nested/run-nested.sh
#
# Environment:
#   BUILD            build directory (default build)
#   NESTED_SHAPES    extended regex: run only the shapes whose name matches
#   NESTED_JOBS      L0 machines run at once (default 2)
#   NESTED_TIMEOUT   seconds per L0 run (default 600)
set -euo pipefail

BUILD=${BUILD:-build}
N=$BUILD/nested
LOGS=$BUILD/nested-logs
L0=$N/l0-qemu
L1K=$N/l1-vmlinux
L1I=$N/l1-initramfs.cpio
JOBS=${NESTED_JOBS:-2}
TMO=${NESTED_TIMEOUT:-600}
mkdir -p "$BUILD/results" "$LOGS"
rm -f "$BUILD/results/nested"

for f in "$L0" "$L1K" "$L1I"; do
	[ -e "$f" ] || { echo "nested: $f missing: run 'make check-nested'"; echo "0 1" > "$BUILD/results/nested"; exit 1; }
done

# What every L2 needs on this stack: the L1 (Debian ppc64el) runs with 4 KiB
# pages, and without cap-hpt-max-page-size=4096 the L2's QEMU stops with
# "Can't support 64 kiB guest pages with 4 kiB host pages with this KVM
# implementation". An L1 in POWER9 mode also needs cap-dawr1=off ("DAWR1
# not supported by KVM"). The Spectre caps and ccf-assist can stay at their
# defaults (measured).
L2_COMMON=cap-hpt-max-page-size=4096
# name | L0 -cpu | L0 max-cpu-compat | extra L2 -M options
#   | L1 mode | helper levels | L2 under SLOF | L2 under ours
SHAPES=(
	"p11-as-p10|power11|power10||POWER10 (architected)|power9,power10|Power11 (architected)|POWER10 (architected)"
	"p10-as-p9|power10|power9|,cap-dawr1=off|POWER9 (architected)|power9|POWER10 (raw)|POWER9 (architected)"
)

run_shape() {   # NAME CPU COMPAT L2EXTRA
	local name=$1 cpu=$2 compat=$3 extra=$4 log=$LOGS/$1.log t0 t1 rc
	local cmd=(timeout -k 10 "$TMO" "$L0" -M "pseries,cap-nested-papr=on,max-cpu-compat=$compat"
		-cpu "$cpu" -m 4G -smp 1 -nographic -nodefaults -vga none -serial stdio
		-monitor none -no-reboot -kernel "$L1K" -initrd "$L1I"
		-append "console=hvc0 quiet l2machine=$L2_COMMON$extra l2runs=slof,ours,ours-nocaps")
	printf '%q ' "${cmd[@]}" > "$LOGS/$name.cmd"; echo >> "$LOGS/$name.cmd"
	t0=$(date +%s.%N)
	rc=0
	"${cmd[@]}" < /dev/null 2>&1 | tr -d '\r' > "$log" || rc=$?
	t1=$(date +%s.%N)
	echo "$rc" > "$LOGS/$name.status"
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }' > "$LOGS/$name.time"
}

selected=()
for s in "${SHAPES[@]}"; do
	IFS='|' read -r name _ <<<"$s"
	[[ $name =~ ${NESTED_SHAPES:-.} ]] && selected+=("$s")
done
if [ ${#selected[@]} = 0 ]; then
	echo "nested: no L0 shape matches NESTED_SHAPES='${NESTED_SHAPES:-}'"; echo "0 1" > "$BUILD/results/nested"; exit 1
fi
echo "nested: ${#selected[@]} L0 shapes, L0 $("$L0" --version | head -n1), L1 $(cat "$N/l1-kernel.version"), $JOBS at once, logs in $LOGS/"
T0=$(date +%s)
running=0
for s in "${selected[@]}"; do
	IFS='|' read -r name cpu compat extra _ <<<"$s"
	run_shape "$name" "$cpu" "$compat" "$extra" &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
done
wait
T1=$(date +%s)

pass=0; fail=0
check() {   # NAME WHAT GOT WANT
	if [ "$3" = "$4" ]; then
		pass=$((pass + 1)); echo "PASS nested-$1: $2: $3"
	else
		fail=$((fail + 1)); echo "FAIL nested-$1: $2: got '${3:-nothing}', expected '$4' (log: $LOGS/$1.log)"
	fi
}
yes_no() { if grep -aEq -e "$1" "$2"; then echo yes; else echo no; fi; }
# the L2's /proc/cpuinfo "cpu" line, without ", altivec supported"
l2_cpu() { grep -a -m1 "^L2-$2| TEST-INIT: cpuinfo: cpu" "$1" | sed 's/.*: //; s/, altivec supported//' || true; }
l2_time() {
	awk -v fw="L2-$2" '$1 == "L1:" && $2 == fw && $3 == "start" { s = $5 }
		$1 == "L1:" && $2 == fw && $3 == "end" { sub(/s,$/, "", $5); e = $5 }
		END { if (s != "" && e != "") { sub(/s$/, "", s); printf "%.1f", e - s } else printf "-" }' "$1"
}
table=()
for s in "${selected[@]}"; do
	IFS='|' read -r name cpu compat extra l1mode levels slof ours <<<"$s"
	log=$LOGS/$name.log
	check "$name" "L0 QEMU exit status" "$(cat "$LOGS/$name.status")" 0
	got=$(grep -a -m1 '^L1: up' "$log" | sed -n 's/.*cpu : \(.*\), altivec supported.*/\1/p' || true)
	check "$name" "L1 runs as" "$got" "$l1mode"
	check "$name" "L1 has /dev/kvm (kvm-hv loaded)" "$(yes_no '^L1: /dev/kvm present' "$log")" yes
	json=$(grep -a -m1 '^L1: helper-json: ' "$log" || true)
	src=$(sed -n 's/.*"source":"\([^"]*\)".*/\1/p' <<<"$json")
	lv=$(sed -n 's/.*"levels":\[\([^]]*\)\].*/\1/p' <<<"$json" | tr -d '"')
	check "$name" "helper in L1: source" "$src" device-tree
	check "$name" "helper in L1: levels" "$lv" "$levels"
	grep -a -m1 '^L1: helper: ' "$log" | sed 's/^L1: helper: /    helper says: /' || true
	for fw in slof ours ours-nocaps; do
		check "$name" "L2 under $fw: L1's QEMU exit status" \
			"$(sed -n "s/^L1: L2-$fw end at .*, status \([0-9]*\)$/\1/p" "$log")" 0
		check "$name" "L2 under $fw: reached its init and powered off" \
			"$(yes_no "^L2-$fw\\| TEST-INIT: power-off" "$log")" yes
	done
	got_slof=$(l2_cpu "$log" slof)
	got_ours=$(l2_cpu "$log" ours)
	got_nocaps=$(l2_cpu "$log" ours-nocaps)
	check "$name" "L2 under SLOF: cpu" "$got_slof" "$slof"
	check "$name" "L2 under ours: cpu" "$got_ours" "$ours"
	# the control: without the helper's caps our firmware lets the guest
	# ask for what SLOF lets it ask for
	check "$name" "L2 under ours without the helper: cpu" "$got_nocaps" "$slof"
	# ours: the caps reached the firmware without a hand-typed value (the
	# helper added them) and CAS chose the level the L2 then runs at
	cas=$(grep -a -m1 "^L2-ours| cas: caps=" "$log" | sed 's/^L2-ours| //' || true)
	echo "    ours: $cas"
	check "$name" "ours: caps the helper gave reached CAS" \
		"$(sed -n 's/^cas: caps=\([^ ]*\) .*/\1/p' <<<"$cas" | tr 'A-Z' 'a-z')" "$levels"
	check "$name" "ours: firmware read the helper's value from NVRAM" \
		"$(yes_no "^L2-ours\\| cas: compat caps .* \\(from NVRAM\\)" "$log")" yes
	l1boot=$(awk '$1 == "L1:" && $2 == "up" { sub(/s,$/, "", $3); print $3; exit }' "$log")
	table+=("$(printf '%-10s | %-21s | %-14s | %-21s | %-21s | %-10s | %-21s | %5ss %5ss %5ss %5ss %6ss' \
		"$name" "$l1mode" "$lv" "${got_slof:-failed}" "${got_ours:-failed}" \
		"$(sed -n 's/.* chose=\(0x[0-9a-f]*\).*/\1/p' <<<"$cas")" "${got_nocaps:-failed}" \
		"${l1boot:--}" "$(l2_time "$log" slof)" "$(l2_time "$log" ours)" \
		"$(l2_time "$log" ours-nocaps)" "$(cat "$LOGS/$name.time")")")
done

echo
printf '%-10s | %-21s | %-14s | %-21s | %-21s | %-10s | %-21s | %s\n' "L0 shape" "L1 mode" "helper caps" \
	"L2 under SLOF" "L2 under ours+helper" "ours CAS" "ours without helper" \
	"L1 boot, L2 SLOF, ours, ours w/o helper, whole L0"
printf '%s\n' "${table[@]}"
echo
echo "$pass $fail" > "$BUILD/results/nested"
echo "nested: wall time $((T1 - T0)) s"
echo "nested: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
