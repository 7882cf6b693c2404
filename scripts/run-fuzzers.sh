#!/bin/bash
# Runs each libFuzzer harness for a bounded time on its seed corpus.
# Usage: run-fuzzers.sh SECONDS FUZZER...
set -u
secs=$1; shift
mkdir -p build/results
pass=0; fail=0
for f in "$@"; do
	name=$(basename "$f")
	corpus=build/fuzz-corpus/$name
	mkdir -p "$corpus"
	seeds=tests/fuzz/seeds/$name
	args=("$corpus")
	[ -d "$seeds" ] && args+=("$seeds")
	log=build/fuzz-corpus/$name.log
	if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 "${args[@]}" >"$log" 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1)
		pass=$((pass + 1)); echo "PASS $name: ${runs:-done} in ${secs}s"
	else
		fail=$((fail + 1)); echo "FAIL $name (log: $log)"; tail -30 "$log" | sed 's/^/    /'
	fi
done
echo "$pass $fail" > build/results/fuzz
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
