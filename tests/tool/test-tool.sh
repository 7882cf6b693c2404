#!/bin/bash
# SPDX-License-Identifier: MIT
# Tests of qemu-compat-caps as a program: detection from fixture roots, the
# KVM path against a fake /dev/kvm (fake-kvm.so), output formats, usage
# errors, --dtb with libfdt, and exec with a fake QEMU.
# Usage: test-tool.sh FAKE_KVM_SO TOOL [TOOL...]   (exit 0 = all passed)
set -u

here=$(cd "$(dirname "$0")" && pwd)
roots=$here/roots
shim=$1
shift

H9=00000010000000004000000000000000
H10=00000010000000002000000000000000
H11=00000010000000001000000000000000
H910=00000010000000006000000000000000
H91011=00000010000000007000000000000000

checks=0
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/empty-root" "$tmp/bin"
# The fake QEMU records its argv in qemu.log, one per line, and exits 7.
printf '#!/bin/sh\n: >"%s"\nfor a in "$@"; do printf "%%s\\n" "$a" >>"%s"; done\nexit 7\n' \
	"$tmp/qemu.log" "$tmp/qemu.log" >"$tmp/bin/fake-qemu"
chmod +x "$tmp/bin/fake-qemu"

# The sanitized copy runs under LD_PRELOAD too; ASan must not insist on
# being first in the library list for that.
export ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=1

fail() {
	failures=$((failures + 1))
	echo "FAIL [$(basename "$tool")] $*" >&2
}

check() { # NAME CONDITION-RESULT(0/1) DETAIL
	checks=$((checks + 1))
	[ "$2" -eq 0 ] || fail "$1: $3"
}

# run ARGS...: runs the tool (with $run_env), sets rc, out, err.
run() {
	env ${run_env[@]+"${run_env[@]}"} "$tool" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# kvm_env MODE ROOT: the fake /dev/kvm under ROOT answers as MODE.
kvm_env() {
	: >"$tmp/kvm.log"
	run_env=(LD_PRELOAD="$shim" FAKE_KVM="$1" FAKE_KVM_DEV="$2/dev/kvm"
		 FAKE_KVM_LOG="$tmp/kvm.log")
}

no_env() { run_env=(); }

# expect_ok NAME EXPECTED-STDOUT ARGS...: exit 0, exact stdout, no stderr.
expect_ok() {
	local name=$1 want=$2
	shift 2
	run "$@"
	check "$name" $((rc != 0)) "exit $rc, stderr: $err"
	check "$name" $([ "$out" = "$want" ]; echo $?) "stdout '$out', expected '$want'"
	check "$name" $([ -z "$err" ]; echo $?) "unexpected stderr: $err"
}

# expect_fail NAME RC ERE ARGS...: exit RC, no stdout, every stderr line
# prefixed, the last one matching ERE.
expect_fail() {
	local name=$1 want_rc=$2 re=$3
	shift 3
	run "$@"
	check "$name" $((rc != want_rc)) "exit $rc, expected $want_rc (stderr: $err)"
	check "$name" $([ -z "$out" ]; echo $?) "unexpected stdout: $out"
	check "$name" $([ -n "$err" ] && ! grep -qv '^qemu-compat-caps: ' "$tmp/err"; echo $?) \
		"stderr lines must start with 'qemu-compat-caps: ': $err"
	check "$name" $(tail -n 1 "$tmp/err" | grep -Eq -- "$re"; echo $?) \
		"stderr '$err' does not match /$re/"
}

# expect_detect NAME ROOT HEX SOURCE [STDERR-ERE]: json output from ROOT.
expect_detect() {
	local name=$1 root=$2 hex=$3 src=$4 re=${5:-}
	run --root "$root" --format json
	check "$name" $((rc != 0)) "exit $rc, stderr: $err"
	check "$name" $([[ $out == *"\"source\":\"$src\""* ]]; echo $?) "source: $out, expected $src"
	check "$name" $([[ $out == *"\"hex\":\"$hex\""* ]]; echo $?) "hex: $out, expected $hex"
	printf '%s\t%s\n' "$name" "$out" >>"$tmp/json-all"
	if [ -n "$re" ]; then
		check "$name" $([ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -Eq -- "$re" "$tmp/err"; echo $?) \
			"stderr '$err' is not one line matching /$re/"
	else
		check "$name" $([ -z "$err" ]; echo $?) "unexpected stderr: $err"
	fi
}

# Every JSON output collected by expect_detect must parse (one python run).
check_json_all() {
	local bad
	bad=$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    name, _, text = line.rstrip("\n").partition("\t")
    try:
        json.loads(text)
    except ValueError:
        print(name)
' "$tmp/json-all")
	check json-valid $([ -s "$tmp/json-all" ] && [ -z "$bad" ]; echo $?) "invalid JSON from: $bad"
	: >"$tmp/json-all"
}

kvm_log_has() { grep -qx -- "$1" "$tmp/kvm.log"; }
kvm_log_clean() { ! grep -q 'error' "$tmp/kvm.log"; }

test_detection() {
	no_env
	# Compat-mode LPARs: a logical PVR offers its level and the older ones.
	expect_detect p11-lpar-p10-mode "$roots/p11-lpar-p10-mode" $H910 device-tree
	expect_detect p10-lpar-p9-mode "$roots/p10-lpar-p9-mode" $H9 device-tree
	expect_detect p11-lpar-p11-mode "$roots/p11-lpar-p11-mode" $H91011 device-tree
	# Raw hosts: the processor's level and the two before it, where known.
	expect_detect raw-p9 "$roots/raw-p9" $H9 device-tree
	expect_detect raw-p10 "$roots/raw-p10" $H910 device-tree
	expect_detect raw-p11 "$roots/raw-p11" $H91011 device-tree
	expect_detect root-trailing-slash "$roots/raw-p10/" $H910 device-tree
	expect_detect cache-node-first "$roots/cache-node-first" $H910 device-tree
	expect_detect sysfs-only "$roots/sysfs-only" $H910 device-tree
	# cpuinfo only.
	expect_detect cpuinfo-p10-compat "$roots/cpuinfo-only-p10-compat" $H910 cpuinfo
	expect_detect cpuinfo-p9-raw "$roots/cpuinfo-only-p9-raw" $H9 cpuinfo
	expect_detect cpuinfo-p11-raw "$roots/cpuinfo-only-p11-raw" $H91011 cpuinfo
	expect_detect no-cpu-version "$roots/no-cpu-version" $H9 cpuinfo
	expect_detect cpuinfo-odd-chars "$roots/cpuinfo-odd-chars" $H9 cpuinfo
	check cpuinfo-odd-chars-escaped $([[ $out == *'\"q\" \\ x\u0009y\u0001'* ]]; echo $?) "$out"
	# A cpu-version of the wrong length: said on stderr, detection goes on.
	expect_detect cpu-version-long "$roots/cpu-version-long" $H910 cpuinfo \
		'^qemu-compat-caps: .*/cpus/PowerPC,POWER10@0/cpu-version is 8 bytes, expected 4'
	expect_fail cpu-version-short 3 'no compat caps found under .*pass --levels or --max' \
		--root "$roots/cpu-version-short"
	check cpu-version-short-note $(grep -q 'cpu-version is 2 bytes, expected 4' "$tmp/err"; echo $?) \
		"no note about the 2-byte cpu-version: $err"
	# Hosts with nothing to offer: exit 3 (not 2, a usage error), never a
	# default.
	expect_fail x86 3 'no compat caps found under .*pass --levels or --max' --root "$roots/x86"
	expect_fail empty-root 3 'no compat caps found.*pass --levels or --max' --root "$tmp/empty-root"
	expect_fail missing-root 3 'no compat caps found.*pass --levels or --max' --root "$tmp/no-such-dir"
	expect_fail truncated-cpuinfo 3 'no compat caps found' --root "$roots/truncated-cpuinfo"
	expect_fail raw-p8 3 'cpu-version 0x004d0200 .*older than POWER9.*pass --levels or --max' \
		--root "$roots/raw-p8"
	expect_fail p9-lpar-p8-mode 3 'cpu-version 0x0f000004 .*older than POWER9' \
		--root "$roots/p9-lpar-p8-mode"
	expect_fail cpuinfo-p8 3 'cpuinfo: cpu "POWER8 \(raw\).*older than POWER9' \
		--root "$roots/cpuinfo-only-p8"
	# The exact JSON for one host, and the sentence for another.
	expect_ok json-exact '{"levels":["power9","power10"],"source":"device-tree","detail":"host device tree: cpu-version 0x0f000006 of /proc/device-tree/cpus/PowerPC,POWER11@0, compat mode at POWER10","caps":"0x6000000000000000","hex":"00000010000000006000000000000000"}' \
		--root "$roots/p11-lpar-p10-mode" --format json
	expect_ok text-raw-p11 "Guests on this host can run at POWER9, POWER10 and Power11 (from host device tree: cpu-version 0x00820200 of /proc/device-tree/cpus/PowerPC,POWER11@0, raw Power11); give QEMU -prom-env qemu,compat-caps=$H91011" \
		--root "$roots/raw-p11"
	expect_ok text-cpuinfo "Guests on this host can run at POWER9 and POWER10 (from /proc/cpuinfo: cpu \"POWER10 (architected), altivec supported\", compat mode at POWER10); give QEMU -prom-env qemu,compat-caps=$H910" \
		--root "$roots/cpuinfo-only-p10-compat" --format text
}

test_kvm() {
	local r=$roots/raw-p9	# the tree alone says POWER9

	kvm_env caps=0x6000000000000000 "$r"
	expect_detect kvm-caps "$r" $H910 kvm
	# The fake checks the request number, the size at offset 0 and the
	# flags at offset 8 against its own copy of the kernel interface.
	check kvm-caps-calls $(kvm_log_has "open $r/dev/kvm rdwr" &&
		kvm_log_has "check-extension 250" && kvm_log_has "create-vm 0" &&
		kvm_log_has "get-compat-caps size=24 flags=0" &&
		kvm_log_has "close vm" && kvm_log_has "close kvm" && kvm_log_clean; echo $?) \
		"ioctl sequence: $(tr '\n' ';' <"$tmp/kvm.log")"

	kvm_env caps=0x7800000000000000 "$r"	# bit 4 is unknown: passed on
	expect_detect kvm-unknown-bit "$r" 00000010000000007800000000000000 kvm
	check kvm-unknown-bit-levels $([[ $out == *'"levels":["power9","power10","power11"]'* ]]; echo $?) "$out"

	kvm_env caps=0x2000000000000000 "$roots/x86"	# KVM alone is enough
	expect_detect kvm-x86-root "$roots/x86" $H10 kvm

	kvm_env caps=0x0800000000000000 "$r"	# answered, nothing known
	expect_fail kvm-no-known 3 'KVM: KVM_PPC_GET_COMPAT_CAPS reports 0x0800000000000000: no compat level' \
		--root "$r"

	# "KVM does not say": the device tree answers, silently. v4 is a
	# kernel of the earlier posting (another capability and request).
	local mode
	for mode in absent enotty v4; do
		kvm_env $mode "$r"
		expect_detect kvm-$mode "$r" $H9 device-tree
		check kvm-$mode-clean $(kvm_log_clean; echo $?) "$(tr '\n' ';' <"$tmp/kvm.log")"
	done
	for mode in absent v4; do
		kvm_env $mode "$r"
		run --root "$r" --format hex
		check kvm-$mode-no-vm $(! grep -q create-vm "$tmp/kvm.log"; echo $?) \
			"a VM was created although the capability is absent"
	done

	# The capability is there but the kernel refuses our request: noted.
	kvm_env einval "$r"
	expect_detect kvm-einval "$r" $H9 device-tree \
		'^qemu-compat-caps: KVM_PPC_GET_COMPAT_CAPS refused our 24-byte request: Invalid argument \(this kernel has another version of the interface\); trying the device tree$'
	kvm_env e2big "$r"
	expect_detect kvm-e2big "$r" $H9 device-tree 'refused our 24-byte request: Argument list too long'

	# The size the kernel reports: below 24 is not this interface; above
	# is a newer kernel whose first 24 bytes we read.
	local n
	for n in 0 8 16 23; do
		kvm_env size=$n "$r"
		expect_detect kvm-size$n "$r" $H9 device-tree \
			"^qemu-compat-caps: KVM_PPC_GET_COMPAT_CAPS reports a $n-byte structure, smaller than the 24 bytes of its first version; ignoring its answer; trying the device tree\$"
	done
	for n in 24 32 4096; do
		kvm_env size=$n "$r"
		expect_detect kvm-size$n "$r" $H91011 kvm
	done
	kvm_env ksize=32 "$r"	# a newer kernel, its struct 32 bytes
	expect_detect kvm-ksize32 "$r" $H91011 kvm
	check kvm-ksize32-clean $(kvm_log_clean; echo $?) "$(tr '\n' ';' <"$tmp/kvm.log")"

	# Odd answers are noted and skipped.
	kvm_env flags "$r"
	expect_detect kvm-flags "$r" $H9 device-tree 'returned reserved flags 0x1; ignoring its answer; trying the device tree$'
	kvm_env createfail "$r"
	expect_detect kvm-createfail "$r" $H9 device-tree 'KVM_CREATE_VM failed: Cannot allocate memory'
	kvm_env eacces "$r"
	expect_detect kvm-eacces "$r" $H9 device-tree "cannot open $r/dev/kvm: Permission denied"
	kvm_env eintr "$r"	# KVM_CREATE_VM interrupted once, then answers
	expect_detect kvm-eintr "$r" $H91011 kvm
	check kvm-eintr-retry $([ "$(grep -c create-vm "$tmp/kvm.log")" -eq 2 ]; echo $?) \
		"$(tr '\n' ';' <"$tmp/kvm.log")"

	# An explicit policy wins and skips detection entirely.
	kvm_env caps=0x7000000000000000 "$r"
	expect_ok kvm-policy-wins $H10 --root "$r" --levels power10 --format hex
	check kvm-policy-no-open $([ ! -s "$tmp/kvm.log" ]; echo $?) "KVM was asked"

	# exec finds the caps through KVM as well.
	kvm_env caps=0x4000000000000000 "$roots/x86"
	run exec --root "$roots/x86" -- "$tmp/bin/fake-qemu" -M pseries
	check kvm-exec $([ $rc -eq 7 ] && [ -z "$err" ] && [ "$(tail -n 1 "$tmp/qemu.log")" = "qemu,compat-caps=$H9" ]; echo $?) \
		"exit $rc ($err), argv: $(tr '\n' '|' <"$tmp/qemu.log" 2>/dev/null)"
	no_env
}

test_formats() {
	no_env
	expect_ok golden-p9-p10 $H910 --levels power9,power10 --format hex
	expect_ok golden-order-case $H910 --levels POWER10,Power9 --format hex
	expect_ok golden-p11 $H11 --levels power11 --format hex
	expect_ok golden-dup $H9 --levels power9,power9 --format hex
	expect_ok golden-eq-form $H10 --levels=power10 --format=hex
	expect_ok max-p9 $H9 --max power9 --format hex
	expect_ok max-p10 $H910 --max power10 --format hex
	expect_ok max-p11 $H91011 --max=power11 --format hex
	expect_ok prom-env "-prom-env qemu,compat-caps=$H910" --levels power9,power10 --format prom-env
	expect_ok json-levels "{\"levels\":[\"power9\",\"power10\"],\"source\":\"levels\",\"detail\":\"--levels power9,power10\",\"caps\":\"0x6000000000000000\",\"hex\":\"$H910\"}" \
		--levels power9,power10 --format json
	expect_ok json-max "{\"levels\":[\"power9\",\"power10\",\"power11\"],\"source\":\"max\",\"detail\":\"--max power11\",\"caps\":\"0x7000000000000000\",\"hex\":\"$H91011\"}" \
		--max power11 --format json
	expect_ok text-default "Guests on this host can run at POWER9 and POWER10 (from --levels power9,power10); give QEMU -prom-env qemu,compat-caps=$H910" \
		--levels power9,power10
	expect_ok policy-over-tree $H11 --root "$roots/raw-p9" --levels power11 --format hex

	run --help
	check help $((rc != 0)) "exit $rc"
	check help-text $([[ $out == *Usage:* && $out == *--levels* && $out == *exec* ]]; echo $?) "$out"
	check help-stderr $([ -z "$err" ]; echo $?) "$err"
	run --version
	check version $([ $rc -eq 0 ] && [[ $out == *"ABI v1"* ]]; echo $?) "exit $rc: $out"
}

test_usage_errors() {
	no_env
	expect_fail bad-level 2 "unknown level 'power8'" --levels power8
	expect_fail bad-level-list 2 "unknown level 'x86'" --levels power9,x86
	expect_fail empty-levels 2 'empty item' --levels ''
	expect_fail trailing-comma 2 'empty item' --levels power9,
	expect_fail leading-comma 2 'empty item' --levels ,power9
	expect_fail double-comma 2 'empty item' --levels power9,,power10
	expect_fail long-item 2 "unknown level 'power9power9power9power9'" --levels power9power9power9power9
	expect_fail bad-max 2 "--max: unknown level 'power8'" --max power8
	expect_fail max-list 2 "--max: unknown level 'power9,power10'" --max power9,power10
	expect_fail max-empty 2 "--max: unknown level ''" --max=
	expect_fail levels-and-max 2 'give one of --levels or --max' --levels power9 --max power10
	expect_fail levels-twice 2 'give one of --levels or --max' --levels power9 --levels power10
	expect_fail bad-format 2 "unknown format 'xml'" --levels power9 --format xml
	expect_fail format-no-value 2 '--format needs a value' --levels power9 --format
	expect_fail root-no-value 2 '--root needs a value' --root
	expect_fail root-empty 2 '--root needs a directory' --root= --levels power9
	expect_fail unknown-option 2 "unknown option '--bogus'" --bogus
	expect_fail unknown-prefix 2 "unknown option '--levelsx'" --levelsx power9
	expect_fail positional 2 "unexpected argument 'power9'" power9
	expect_fail dtb-one-arg 2 '--dtb needs IN.dtb and OUT.dtb' --levels power9 --dtb in.dtb
	expect_fail dtb-twice 2 '--dtb: given twice' --dtb a b --dtb c d
	expect_fail dtb-format 2 '--format does not go with --dtb' --dtb a b --format hex
	expect_fail exec-no-dashes 2 'exec needs -- and the QEMU command' exec --levels power9
	expect_fail exec-empty 2 'exec needs -- and the QEMU command' exec --levels power9 --
	expect_fail exec-format 2 '--format does not go with exec' exec --format hex -- true
	expect_fail exec-dtb 2 '--dtb: does not go with exec' exec --dtb a b -- true
	expect_fail exec-not-first 2 "unexpected argument 'exec'" --levels power9 exec -- true
	expect_fail strict-print 2 '--strict only goes with exec' --strict --levels power9
	expect_fail strict-dtb 2 '--strict only goes with exec' --strict --dtb a b
}

test_dtb() {
	no_env
	local d=$tmp/dtb f
	mkdir -p "$d"
	for f in no-chosen with-chosen with-caps; do
		dtc -q -I dts -O dtb -o "$d/$f.dtb" "$here/dts/$f.dts" ||
			fail "dtc $f.dts failed (dtc from device-tree-compiler is needed)"
	done
	local want_bytes="0 0 0 10 0 0 0 0 60 0 0 0 0 0 0 0"

	expect_ok dtb-add-chosen "" --dtb "$d/no-chosen.dtb" "$d/out1.dtb" --levels power9,power10
	check dtb-add-chosen-prop $([ "$(fdtget -t bx "$d/out1.dtb" /chosen qemu,compat-caps)" = "$want_bytes" ]; echo $?) \
		"property: $(fdtget -t bx "$d/out1.dtb" /chosen qemu,compat-caps 2>&1)"
	check dtb-add-chosen-keep $([ "$(fdtget "$d/out1.dtb" / model)" = test-no-chosen ] &&
		[ "$(fdtget "$d/out1.dtb" /cpus/cpu@0 device_type)" = cpu ]; echo $?) "other nodes lost"

	expect_ok dtb-existing-chosen "" --dtb "$d/with-chosen.dtb" "$d/out2.dtb" --max power10
	check dtb-existing-chosen-prop $([ "$(fdtget -t bx "$d/out2.dtb" /chosen qemu,compat-caps)" = "$want_bytes" ]; echo $?) \
		"property: $(fdtget -t bx "$d/out2.dtb" /chosen qemu,compat-caps 2>&1)"
	check dtb-existing-chosen-keep $([ "$(fdtget "$d/out2.dtb" /chosen bootargs)" = console=hvc0 ] &&
		[ "$(fdtget "$d/out2.dtb" /chosen linux,stdout-path)" = /vdevice/vty@71000000 ]; echo $?) \
		"/chosen lost its properties"

	expect_ok dtb-replace "" --dtb "$d/with-caps.dtb" "$d/out3.dtb" --root "$roots/p11-lpar-p10-mode"
	check dtb-replace-prop $([ "$(fdtget -t bx "$d/out3.dtb" /chosen qemu,compat-caps)" = "$want_bytes" ]; echo $?) \
		"property: $(fdtget -t bx "$d/out3.dtb" /chosen qemu,compat-caps 2>&1)"
	check dtb-replace-keep $([ "$(fdtget "$d/out3.dtb" /chosen bootargs)" = quiet ]; echo $?) "bootargs lost"

	cp "$d/with-chosen.dtb" "$d/inplace.dtb"
	expect_ok dtb-in-place "" --dtb "$d/inplace.dtb" "$d/inplace.dtb" --levels power11
	check dtb-in-place-prop $([ "$(fdtget -t bx "$d/inplace.dtb" /chosen qemu,compat-caps)" = "0 0 0 10 0 0 0 0 10 0 0 0 0 0 0 0" ]; echo $?) \
		"property: $(fdtget -t bx "$d/inplace.dtb" /chosen qemu,compat-caps 2>&1)"

	# Failures: 1 for a bad or unreadable DTB, 3 when no caps are found.
	expect_fail dtb-missing 1 "cannot read $d/none.dtb: No such file or directory" \
		--dtb "$d/none.dtb" "$d/x.dtb" --levels power9
	printf 'this is not a device tree at all, just text\n' >"$d/garbage.dtb"
	expect_fail dtb-garbage 1 'garbage.dtb is not a valid device tree blob' \
		--dtb "$d/garbage.dtb" "$d/x.dtb" --levels power9
	head -c 60 "$d/with-chosen.dtb" >"$d/truncated.dtb"
	expect_fail dtb-truncated 1 'truncated.dtb is not a valid device tree blob' \
		--dtb "$d/truncated.dtb" "$d/x.dtb" --levels power9
	: >"$d/empty.dtb"
	expect_fail dtb-empty 1 'empty.dtb is not a valid device tree blob' \
		--dtb "$d/empty.dtb" "$d/x.dtb" --levels power9
	expect_fail dtb-unwritable 1 "cannot write $d/no-dir/out.dtb" \
		--dtb "$d/with-chosen.dtb" "$d/no-dir/out.dtb" --levels power9
	expect_fail dtb-no-caps 3 'pass --levels or --max' \
		--dtb "$d/with-chosen.dtb" "$d/x.dtb" --root "$roots/x86"
	check dtb-no-caps-no-output $([ ! -e "$d/x.dtb" ]; echo $?) "an output was written"
}

test_exec() {
	no_env
	local q=$tmp/bin/fake-qemu log=$tmp/qemu.log
	local added="-prom-env
qemu,compat-caps=$H910"

	rm -f "$log"
	run exec --levels power9,power10 -- "$q" -M pseries -append "console=hvc0 quiet" -- x
	check exec-rc $((rc != 7)) "exit $rc, expected QEMU's 7 (stderr: $err)"
	check exec-argv $([ "$(cat "$log")" = "-M
pseries
-append
console=hvc0 quiet
--
x
$added" ]; echo $?) "argv: $(tr '\n' '|' <"$log")"

	rm -f "$log"
	run_env=(PATH="$tmp/bin:$PATH")
	run exec --root "$roots/p11-lpar-p10-mode" -- fake-qemu -nographic
	check exec-path-detect $([ $rc -eq 7 ] && [ "$(cat "$log")" = "-nographic
$added" ]; echo $?) "exit $rc, argv: $(tr '\n' '|' <"$log" 2>/dev/null)"
	no_env

	# Already set by the user: not added again, not even detected.
	local mine="qemu,compat-caps=$H11" form
	for form in -prom-env --prom-env; do
		rm -f "$log"
		run exec --root "$roots/x86" -- "$q" -M pseries $form "$mine"
		check exec-keep$form $([ $rc -eq 7 ] && [ "$(cat "$log")" = "-M
pseries
$form
$mine" ]; echo $?) "exit $rc ($err), argv: $(tr '\n' '|' <"$log" 2>/dev/null)"
	done

	# Another -prom-env does not count.
	rm -f "$log"
	run exec --max power10 -- "$q" -prom-env boot-command=boot
	check exec-other-prom-env $([ $rc -eq 7 ] && [ "$(cat "$log")" = "-prom-env
boot-command=boot
$added" ]; echo $?) "exit $rc, argv: $(tr '\n' '|' <"$log" 2>/dev/null)"

	# A value that only mentions the name is not a setting of it.
	rm -f "$log"
	run exec --max power10 -- "$q" -append qemu,compat-caps=x
	check exec-not-prom-env $([ $rc -eq 7 ] && [ "$(cat "$log")" = "-append
qemu,compat-caps=x
$added" ]; echo $?) "exit $rc, argv: $(tr '\n' '|' <"$log" 2>/dev/null)"

	# No caps (x86, POWER8): one warning, then QEMU runs unchanged.
	local root why
	for root in x86 raw-p8; do
		case $root in
		x86) why='no compat caps found under [^ ]*/x86 \(no KVM answer' ;;
		raw-p8) why='host device tree: cpu-version 0x004d0200 .*older than POWER9.*: no compat level from POWER9 on' ;;
		esac
		rm -f "$log"
		run exec --root "$roots/$root" -- "$q" -M pseries
		check exec-no-caps-$root-runs $([ $rc -eq 7 ] && [ "$(cat "$log")" = "-M
pseries" ]; echo $?) "exit $rc, argv: $(tr '\n' '|' <"$log" 2>/dev/null)"
		check exec-no-caps-$root-warns $([ "$(wc -l <"$tmp/err")" -eq 1 ] &&
			grep -Eq "^qemu-compat-caps: warning: $why.*; starting QEMU without compat caps \(pass --levels or --max to give some, --strict to refuse\)\$" "$tmp/err"; echo $?) \
			"stderr is not one warning line: $err"
	done

	# --strict: no caps, no QEMU, status 3 (a usage error is 2).
	rm -f "$log"
	expect_fail exec-strict-no-caps 3 'no compat caps found under .*; not starting QEMU \(--strict\); pass --levels or --max$' \
		exec --strict --root "$roots/x86" -- "$q" -M pseries
	check exec-strict-not-run $([ ! -e "$log" ]; echo $?) "QEMU ran under --strict without caps"
	rm -f "$log"
	expect_fail exec-strict-old-power 3 'older than POWER9.*not starting QEMU \(--strict\)' \
		exec --strict --root "$roots/raw-p8" -- "$q"
	check exec-strict-old-power-not-run $([ ! -e "$log" ]; echo $?) "QEMU ran under --strict without caps"

	# --strict changes nothing when there are caps, or the user's own.
	rm -f "$log"
	run exec --strict --root "$roots/p11-lpar-p10-mode" -- "$q" -nographic
	check exec-strict-caps $([ $rc -eq 7 ] && [ -z "$err" ] && [ "$(cat "$log")" = "-nographic
$added" ]; echo $?) "exit $rc ($err), argv: $(tr '\n' '|' <"$log" 2>/dev/null)"
	rm -f "$log"
	run exec --strict --root "$roots/x86" -- "$q" -prom-env "$mine"
	check exec-strict-own $([ $rc -eq 7 ] && [ -z "$err" ] && [ "$(cat "$log")" = "-prom-env
$mine" ]; echo $?) "exit $rc ($err), argv: $(tr '\n' '|' <"$log" 2>/dev/null)"

	# No caps and no QEMU: the warning, then the failure (1).
	run exec --root "$roots/x86" -- "$tmp/none"
	check exec-no-caps-missing $([ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 2 ] &&
		head -n 1 "$tmp/err" | grep -q '^qemu-compat-caps: warning: no compat caps found' &&
		tail -n 1 "$tmp/err" | grep -q "^qemu-compat-caps: cannot run $tmp/none: No such file or directory\$"; echo $?) \
		"exit $rc, stderr: $err"

	expect_fail exec-missing 1 "cannot run $tmp/none: No such file or directory" \
		exec --levels power9 -- "$tmp/none"
}

[ $# -gt 0 ] || { echo "usage: $0 FAKE_KVM_SO TOOL..." >&2; exit 2; }
[ -f "$shim" ] || { echo "test-tool: no shim $shim" >&2; exit 1; }
for t in dtc fdtget python3; do
	command -v $t >/dev/null || { echo "test-tool: $t is needed (scripts/install-deps.sh)" >&2; exit 1; }
done
for tool in "$@"; do
	[ -x "$tool" ] || { fail "no executable $tool"; continue; }
	test_detection
	test_kvm
	test_formats
	test_usage_errors
	test_dtb
	test_exec
	check_json_all
done
echo "test-qemu-compat-caps: $checks checks, $failures failed ($# builds)"
[ "$failures" -eq 0 ]
