# SPDX-License-Identifier: MIT
# Sourced by the boot benchmarks (scripts/bench-disk.sh, bench-net.sh).

# bench_boot LOG DONE-RE QEMU-ARGS...: runs qemu-system-ppc64 with the
# arguments (bounded by $TMO seconds), the console in LOG; prints the wall
# time in seconds if QEMU exited cleanly and LOG matches DONE-RE, else "fail".
bench_boot() {
	local log=$1 re=$2 t0 t1
	shift 2
	t0=$(date +%s.%N)
	if timeout "$TMO" qemu-system-ppc64 "$@" < /dev/null > "$log" 2>&1 &&
		grep -aEq -e "$re" "$log"; then
		t1=$(date +%s.%N)
		awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
	else
		echo fail
	fi
}

# median: of the numbers on standard input (space or newline separated),
# two decimals; "-" when there are none.
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END {
	if (NR == 0) { print "-"; exit } printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
