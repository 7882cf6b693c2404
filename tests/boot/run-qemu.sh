#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs one QEMU pseries boot and checks its console log.
#
#   tests/boot/run-qemu.sh NAME [OPTIONS] [--] QEMU-ARGS...
#
# OPTIONS
#   -e, --expect RE     extended regex (grep -E) that must appear in the log
#   -x, --absent RE     extended regex that must NOT appear in the log
#   --once RE           extended regex that must match exactly one line
#   --status N          expected QEMU exit status (default 0)
#   --timeout S         seconds before the boot counts as hung (default
#                       $BOOT_TIMEOUT, else 120)
#   --bios PATH|none|vof  firmware given as -bios (default $BOOT_FIRMWARE,
#                       else build/boot_rom.bin); "none" gives no -bios (QEMU's
#                       default, SLOF); "vof" adds ",x-vof=on" to the -M value
#   --no-default-absent do not check the default absent patterns (kernel
#                       panic, oops)
#   --input TEXT        type TEXT on the console once RE-WAIT (see --wait)
#                       appears ("\n" ends a line); one byte at a time,
#                       since the vty takes 16 bytes per poll
#   --wait RE           what to wait for before typing (default "0 > ")
#   --stop RE           end QEMU (SIGTERM) once RE appears in the log, a
#                       guest that never powers off by itself (an
#                       installer's first screen); the run then counts as
#                       an exit with the expected status
#   --graphics          a machine with a display (VGA, "-display none")
#                       instead of -nographic: QEMU then names no stdout-path
#   --via CMD           run QEMU through CMD (a wrapper such as
#                       "build/qemu-compat-caps exec --max power9 --")
# QEMU gets: -nographic -nodefaults -vga none -serial stdio -monitor none
# -no-reboot, -M pseries unless QEMU-ARGS has "-M VALUE"/"-machine VALUE",
# and -bios.
#
# The console (stdout and stderr, CRs removed) goes to
# $BOOT_LOG_DIR/NAME.log (default build/boot-logs), the command to NAME.cmd
# and the verdict to NAME.result. Prints "PASS NAME (Ts)" or
# "FAIL NAME: reason (log: path)"; exits 0 on pass, 1 on failure.
set -u

[ $# -ge 1 ] || { echo "usage: $0 NAME [OPTIONS] [--] QEMU-ARGS..." >&2; exit 2; }
name=$1; shift
expect=(); absent=(); once=(); status=0
tmo=${BOOT_TIMEOUT:-120}
bios=${BOOT_FIRMWARE:-build/boot_rom.bin}
default_absent=1
input=; stop_re=; wait_re='0 > '; via=; graphics=0
while [ $# -gt 0 ]; do
	case $1 in
	-e|--expect) expect+=("$2"); shift 2 ;;
	-x|--absent) absent+=("$2"); shift 2 ;;
	--once) once+=("$2"); shift 2 ;;
	--status) status=$2; shift 2 ;;
	--timeout) tmo=$2; shift 2 ;;
	--stop) stop_re=$2; shift 2 ;;
	--bios) bios=$2; shift 2 ;;
	--no-default-absent) default_absent=0; shift ;;
	--input) input=$2; shift 2 ;;
	--wait) wait_re=$2; shift 2 ;;
	--via) via=$2; shift 2 ;;
	--graphics) graphics=1; shift ;;
	--) shift; break ;;
	*) break ;;
	esac
done
if [ "$default_absent" = 1 ]; then
	absent+=('Kernel panic - not syncing' 'Oops: ' 'Unable to handle kernel')
fi

QEMU=${QEMU:-qemu-system-ppc64}
dir=${BOOT_LOG_DIR:-build/boot-logs}
mkdir -p "$dir"
log=$dir/$name.log
result=$dir/$name.result
rm -f "$log" "$result"

fail() {
	echo "FAIL $1" > "$result"
	echo "FAIL $name: $1 (log: $log)"
	exit 1
}

args=(-nographic -nodefaults -vga none -serial stdio -monitor none -no-reboot)
# romfile= : no x86 VGA BIOS is needed (or installed, without recommends)
[ "$graphics" = 1 ] && args=(-display none -nodefaults -device VGA,romfile= -serial stdio -monitor none -no-reboot)
# "vof": QEMU's VOF instead of a -bios image (",x-vof=on" on the machine)
vof=
if [ "$bios" = vof ]; then vof=,x-vof=on; bios=none; fi
qargs=(); has_machine=0; prev=
for a in "$@"; do
	case $prev in -M|-machine|--machine) a=$a$vof; has_machine=1 ;; esac
	qargs+=("$a"); prev=$a
done
[ "$has_machine" = 1 ] || args+=(-M "pseries$vof")
if [ "$bios" != none ]; then
	[ -f "$bios" ] || { : > "$log"; fail "firmware $bios not found"; }
	args+=(-bios "$bios")
fi
args+=("${qargs[@]}")
printf '%q ' timeout -k 10 "$tmo" $via "$QEMU" "${args[@]}" > "$dir/$name.cmd"
echo >> "$dir/$name.cmd"

# Types $input on the console once $wait_re shows up in the log.
feed() {
	local i
	for ((i = 0; i < 600; i++)); do
		grep -aEq -e "$wait_re" "$log.raw" 2>/dev/null && break
		sleep 0.1
	done
	printf '%b' "$input" | while IFS= read -r -n1 -d '' c; do
		printf '%s' "$c"; sleep 0.05
	done
}

# Ends QEMU (pid $1) once $stop_re shows up in the log.
stopper() {
	while kill -0 "$1" 2>/dev/null; do
		if grep -aEq -e "$stop_re" "$log.raw" 2>/dev/null; then
			: > "$dir/$name.stopped"
			sleep 1	# the rest of the screen
			kill "$1" 2>/dev/null
			return
		fi
		sleep 0.5
	done
}

read -r -a wrapper <<<"$via"
rm -f "$dir/$name.stopped"
t0=$(date +%s.%N)
: > "$log.raw"
if [ -n "$input" ]; then
	# A FIFO held open here: QEMU sees no end of input while it runs.
	fifo=$dir/$name.in
	rm -f "$fifo" && mkfifo "$fifo"
	timeout -k 10 "$tmo" "${wrapper[@]}" "$QEMU" "${args[@]}" < "$fifo" > "$log.raw" 2>&1 &
	qpid=$!
	spid=
	[ -n "$stop_re" ] && { stopper "$qpid" & spid=$!; }
	exec 3> "$fifo"
	feed >&3 &
	fpid=$!
	wait "$qpid"
	rc=$?
	kill "$fpid" 2>/dev/null; wait "$fpid" 2>/dev/null
	[ -n "$spid" ] && wait "$spid" 2>/dev/null
	exec 3>&-
	rm -f "$fifo"
else
	timeout -k 10 "$tmo" "${wrapper[@]}" "$QEMU" "${args[@]}" < /dev/null > "$log.raw" 2>&1 &
	qpid=$!
	spid=
	[ -n "$stop_re" ] && { stopper "$qpid" & spid=$!; }
	wait "$qpid"
	rc=$?
	[ -n "$spid" ] && wait "$spid" 2>/dev/null
fi
if [ -f "$dir/$name.stopped" ]; then
	rm -f "$dir/$name.stopped"
	echo "run-qemu: stopped once /$stop_re/ appeared (exit status $rc)" >> "$log.raw"
	rc=$status
fi
t1=$(date +%s.%N)
tr -d '\r' < "$log.raw" > "$log" && rm -f "$log.raw"
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
echo "$secs" > "$dir/$name.time"

case $rc in
124|137) fail "hung: no exit within ${tmo}s, killed by timeout" ;;
esac
[ "$rc" = "$status" ] || {
	last=$(grep -av '^[[:space:]]*$' "$log" | tail -n1 | cut -c1-100)
	fail "QEMU exit status $rc, expected $status; last line: $last"
}
for re in "${expect[@]}"; do
	grep -aEq -e "$re" "$log" || fail "missing /$re/"
done
for re in "${once[@]}"; do
	n=$(grep -aEc -e "$re" "$log")
	[ "$n" = 1 ] || fail "/$re/ on $n lines, expected exactly one"
done
for re in "${absent[@]}"; do
	if m=$(grep -aE -m1 -e "$re" "$log"); then
		fail "unexpected /$re/: $(echo "$m" | cut -c1-100)"
	fi
done
echo "PASS" > "$result"
echo "PASS $name (${secs}s)"
