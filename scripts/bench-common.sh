# SPDX-License-Identifier: MIT
# Sourced by the boot benchmarks (scripts/bench-disk.sh, bench-net.sh).

# bench_boot LOG DONE-RE QEMU-ARGS...: runs qemu-system-ppc64 with the
# arguments (bounded by $TMO seconds), the console in LOG and each console
# line with the seconds since QEMU started in LOG.t ("1.234 line"); prints
# the wall time in seconds if QEMU exited cleanly and LOG matches DONE-RE,
# else "fail".
bench_boot() {
	local log=$1 re=$2 t0 t1 rc
	shift 2
	t0=$EPOCHREALTIME
	timeout "$TMO" qemu-system-ppc64 "$@" < /dev/null 2>&1 | bench_stamp "$t0" "$log"
	rc=${PIPESTATUS[0]}
	t1=$EPOCHREALTIME
	if [ "$rc" = 0 ] && grep -aEq -e "$re" "$log"; then
		awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
	else
		echo fail
	fi
}

# bench_stamp T0 LOG: copies standard input to LOG and, each line prefixed
# with its arrival in seconds since T0, to LOG.t. Plain bash: no process
# per line, so the stamps are good to a millisecond or so.
bench_stamp() {
	local t0=${1/./} line now
	: > "$2"; : > "$2.t"
	while IFS= read -r line || [ -n "$line" ]; do
		now=${EPOCHREALTIME/./}
		printf '%s\n' "$line" >> "$2"
		printf '%d.%06d %s\n' $(((now - t0) / 1000000)) $(((now - t0) % 1000000)) "$line" >> "$2.t"
	done
}

# bench_at LOG RE: seconds (from LOG.t) at the first line matching RE, or
# nothing.
bench_at() { grep -aE -m1 -e "$2" "$1.t" | awk '{ printf "%.3f", $1 }'; }

# median: of the numbers on standard input (space or newline separated;
# anything else, such as "-" or "fail", is left out),
# two decimals; "-" when there are none.
median() { tr ' ' '\n' | grep -E '^[0-9]+(\.[0-9]+)?$' | sort -g | awk '{ v[NR] = $1 } END {
	if (NR == 0) { print "-"; exit } printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
