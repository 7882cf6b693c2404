#!/bin/bash
# SPDX-License-Identifier: MIT
# Boot-time benchmark: the test kernel + initramfs (-m 1G, -cpu power9) from
# QEMU start to QEMU exit under (a) our firmware, (b) SLOF, (c) VOF.
#
#   scripts/bench.sh            (after `make guests`; `make bench` does both)
#
# Runs are interleaved (ours, SLOF, VOF, ours, ...) and sequential. Prints
# min and median per firmware, the ratios ours/VOF and ours/SLOF (medians),
# the time until the kernel proper prints its first line (QEMU start-up,
# firmware, and prom_init's client-interface calls: the firmware's share)
# and a closing summary line.
#
# Environment:
#   BENCH_RUNS      runs per firmware (default 5)
#   BENCH_TIMEOUT   seconds before one run counts as hung (default 60)
#   BENCH_FIRMWARE  our image (default $BUILD/boot_rom.bin)
#   SLOF_BIN        SLOF image (default /usr/share/qemu/slof.bin)
#   BUILD           build directory (default build)
# Logs: $BUILD/bench-logs/; summary: $BUILD/results/bench.
set -u

BUILD=${BUILD:-build}
RUNS=${BENCH_RUNS:-5}
TMO=${BENCH_TIMEOUT:-60}
OURS=${BENCH_FIRMWARE:-$BUILD/boot_rom.bin}
SLOF=${SLOF_BIN:-/usr/share/qemu/slof.bin}
QEMU=${QEMU:-qemu-system-ppc64}
VMLINUX=$BUILD/guests/vmlinux
INITRD=$BUILD/guests/initramfs.cpio.gz
LOGS=$BUILD/bench-logs
mkdir -p "$LOGS" "$BUILD/results"

for f in "$VMLINUX" "$INITRD"; do
	[ -e "$f" ] || { echo "bench: $f missing: run 'make guests' first"; exit 1; }
done
kver=$(cat "$BUILD/guests/vmlinux.version" 2>/dev/null || basename "$(readlink -f "$VMLINUX")")

COMMON=(-nographic -nodefaults -vga none -serial stdio -monitor none -no-reboot
	-cpu power9 -m 1G -kernel "$VMLINUX" -initrd "$INITRD" -append console=hvc0)

# One timed run: QEMU's console is read line by line as it arrives, so the
# time of the first prom_init line is known too. Prints
# "ok TOTAL KERNEL_ENTRY" or "fail REASON".
TIMER='
import subprocess, sys, time
tmo, log, argv = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
t0 = time.monotonic()
p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT)
entry = None
hung = False
with open(log, "wb") as f:
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(p.stdout, selectors.EVENT_READ)
    buf = b""
    while True:
        left = t0 + tmo - time.monotonic()
        if left <= 0:
            hung = True
            p.kill()
            break
        if not sel.select(timeout=min(left, 1.0)):
            continue
        chunk = p.stdout.read1(65536)
        if not chunk:
            break
        f.write(chunk)
        buf = (buf + chunk)[-4096:]
        if entry is None and b"[    0.000000] " in buf:
            entry = time.monotonic() - t0
    rc = p.wait()
    total = time.monotonic() - t0
    f.flush()
data = open(log, "rb").read()
if hung:
    print("fail hung (no exit within %gs)" % tmo)
elif rc != 0:
    print("fail exit status %d" % rc)
elif b"TEST-INIT: power-off" not in data:
    print("fail no TEST-INIT: power-off")
else:
    print("ok %.3f %s" % (total, "%.3f" % entry if entry is not None else "-"))
'

run_one() {   # LABEL N ARGS... -> "ok T E" / "fail ..."
	local label=$1 n=$2; shift 2
	python3 -c "$TIMER" "$TMO" "$LOGS/$label-$n.log" "$QEMU" "$@"
}

declare -A times entries status
labels=(ours slof vof)
for l in "${labels[@]}"; do times[$l]=; entries[$l]=; status[$l]=ok; done
if [ ! -f "$OURS" ]; then status[ours]="failed ($OURS not built)"; fi
[ -f "$SLOF" ] || status[slof]="failed ($SLOF missing)"

echo "bench: $kver, -cpu power9 -m 1G, TCG, $RUNS runs each, interleaved ours/SLOF/VOF"
for ((i = 1; i <= RUNS; i++)); do
	line="bench: run $i/$RUNS"
	for l in "${labels[@]}"; do
		if [ "${status[$l]}" != ok ]; then
			line+="  $l: skipped"
			continue
		fi
		case $l in
		ours) r=$(run_one ours "$i" -M pseries -bios "$OURS" "${COMMON[@]}") ;;
		slof) r=$(run_one slof "$i" -M pseries -bios "$SLOF" "${COMMON[@]}") ;;
		vof)  r=$(run_one vof "$i" -M pseries,x-vof=on "${COMMON[@]}") ;;
		esac
		set -- $r
		if [ "${1:-}" = ok ]; then
			times[$l]+="$2 "
			[ "$3" != - ] && entries[$l]+="$3 "
			line+="  $l ${2}s"
		else
			shift
			# a firmware that fails once is not run again (each try may cost
			# the whole timeout)
			status[$l]="failed ($* in run $i, log $LOGS/$l-$i.log)"
			line+="  $l: FAILED"
		fi
	done
	echo "$line"
done

stats() {   # "t1 t2 ..." -> "MIN MEDIAN"
	echo "$1" | tr ' ' '\n' | grep . | sort -g |
		awk '{ v[NR] = $1 } END { if (NR == 0) exit 1;
			m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
			printf "%.2f %.2f\n", v[1], m }'
}

declare -A med
declare -A names=([ours]="ours" [slof]="SLOF" [vof]="VOF")
for l in "${labels[@]}"; do
	if [ "${status[$l]}" = ok ] && s=$(stats "${times[$l]}"); then
		set -- $s
		med[$l]=$2
		extra=
		if e=$(stats "${entries[$l]}"); then
			set -- $e $s
			extra="; to kernel start (QEMU + firmware + prom_init): median ${2}s, kernel start to power-off: median $(awk -v a="$4" -v b="$2" 'BEGIN { printf "%.2f", a - b }')s"
			set -- $s
		fi
		printf 'bench: %-5s min %ss  median %ss%s\n' "${names[$l]}:" "$1" "$2" "$extra"
	else
		printf 'bench: %-5s %s\n' "${names[$l]}:" "${status[$l]}"
	fi
done

secs() { if [ -n "$1" ]; then echo "${1}s"; else echo failed; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
if [ -n "${med[ours]:-}" ]; then
	[ -n "${med[vof]:-}" ] && echo "bench: ratio ours/VOF  $(ratio "${med[ours]}" "${med[vof]}") (median)"
	[ -n "${med[slof]:-}" ] && echo "bench: ratio ours/SLOF $(ratio "${med[ours]}" "${med[slof]}") (median)"
	summary="ours ${med[ours]}s, SLOF $(secs "${med[slof]:-}"), VOF $(secs "${med[vof]:-}")"
	[ -n "${med[vof]:-}" ] && summary+="; ours/VOF $(ratio "${med[ours]}" "${med[vof]}")x"
	[ -n "${med[slof]:-}" ] && summary+=", ours/SLOF $(ratio "${med[ours]}" "${med[slof]}")x"
else
	summary="ours: failed; SLOF $(secs "${med[slof]:-}"), VOF $(secs "${med[vof]:-}")"
fi
summary="boot to power-off (median of $RUNS, TCG, -cpu power9 -m 1G, $kver): $summary"
echo "$summary" > "$BUILD/results/bench"
echo "bench: summary: $summary"
