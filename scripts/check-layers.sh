#!/bin/bash
# Fails when a lower firmware layer uses a symbol defined only in a higher
# one: lib.a may only use symbols lib.a defines (plus libgcc helpers), and
# core.a may use lib.a, itself, and the board_* interface of slof/board.h.
set -eu
nm=$1 lib=$2 core=$3
defined() { "$nm" --defined-only "$@" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u; }
undefined() { "$nm" -u "$1" 2>/dev/null | awk '$1 == "U" {print $2}' | sort -u; }
lib_def=$(defined "$lib")
core_def=$(defined "$core")
bad=0
for s in $(undefined "$lib"); do
	grep -qxF "$s" <<<"$lib_def" && continue
	case $s in .TOC.|__*|_savegpr*|_restgpr*) continue ;; esac
	echo "check-layers: lib/ uses $s from a higher layer"; bad=1
done
for s in $(undefined "$core"); do
	grep -qxF "$s" <<<"$lib_def" && continue
	grep -qxF "$s" <<<"$core_def" && continue
	case $s in board_*|.TOC.|__*|_savegpr*|_restgpr*) continue ;; esac
	echo "check-layers: slof/ uses $s, which is neither lib/ nor slof/board.h"; bad=1
done
[ $bad -eq 0 ] && echo "check-layers: lib -> core -> board layering holds"
exit $bad
