#!/bin/bash
# Runs each host unit test binary; prints one line per test and a total.
set -u
mkdir -p build/results
pass=0; fail=0
for t in "$@"; do
	if out=$("$t" 2>&1); then
		pass=$((pass + 1)); echo "PASS $(basename "$t"): ${out##*$'\n'}"
	else
		fail=$((fail + 1)); echo "FAIL $(basename "$t")"; echo "$out" | sed 's/^/    /'
	fi
done
echo "$pass $fail" > build/results/unit
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
