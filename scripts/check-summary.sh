#!/bin/bash
# The closing line of make check: every test phase's counts added up.
set -u
pass=0; fail=0
for phase in unit fuzz boot nested; do
	f=build/results/$phase
	if [ -r "$f" ]; then
		read -r p q < "$f"
		pass=$((pass + p)); fail=$((fail + q))
	else
		echo "check: no results from the $phase phase"; fail=$((fail + 1))
	fi
done
echo "check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
