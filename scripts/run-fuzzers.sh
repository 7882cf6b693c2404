#!/bin/bash
# Runs each libFuzzer harness for a bounded time on its seed corpus, two at
# a time (the machine has two cores), and prints one line per harness with
# its execution count, then a total.
# Usage: run-fuzzers.sh SECONDS FUZZER...
# FUZZ_SEED=N fixes libFuzzer's random seed (make check uses 1, so CI
# explores the same inputs each time; make fuzz explores new ones).
set -u
secs=$1; shift
mkdir -p build/results build/fuzz-corpus
jobs=${FUZZ_JOBS:-2}

run_one() {
	local f=$1 secs=$2 name corpus seeds log args runs
	name=$(basename "$f")
	corpus=build/fuzz-corpus/$name
	seeds=tests/fuzz/seeds/$name
	log=build/fuzz-corpus/$name.log
	mkdir -p "$corpus"
	args=("$corpus")
	[ -d "$seeds" ] && args+=("$seeds")
	# New inputs go to the first directory: the corpus under build/, never
	# the committed seeds.
	if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
		-artifact_prefix="build/fuzz-corpus/$name-" "${args[@]}" >"$log" 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1)
		echo "PASS $name: ${runs:-done} in ${secs}s"
	else
		echo "FAIL $name (log: $log)"; tail -30 "$log" | sed 's/^/    /'
	fi
}
export -f run_one
export FUZZ_SEED

out=$(printf '%s\n' "$@" | xargs -P "$jobs" -I{} bash -c 'run_one "$1" "$2"' _ {} "$secs")
echo "$out"
pass=$(grep -c '^PASS ' <<<"$out")
fail=$(grep -c '^FAIL ' <<<"$out")
echo "$pass $fail" > build/results/fuzz
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
