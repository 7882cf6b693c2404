#!/bin/bash
# Fails when a firmware layer uses a symbol it may not: lib.a only what
# lib.a defines (plus libgcc helpers); core.a only lib.a and itself (the
# board is reached through the struct board_ops pointer, never by symbol);
# board.a only lib.a, itself and the core's one entry of_start (core.h).
set -eu
nm=$1 lib=$2 core=$3 board=$4
defined() { "$nm" --defined-only "$@" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u; }
undefined() { "$nm" -u "$1" 2>/dev/null | awk '$1 == "U" {print $2}' | sort -u; }
lib_def=$(defined "$lib")
core_def=$(defined "$core")
board_def=$(defined "$board")
toolchain() { case $1 in .TOC.|__*|_savegpr*|_restgpr*) return 0 ;; esac; return 1; }
bad=0
for s in $(undefined "$lib"); do
	grep -qxF "$s" <<<"$lib_def" && continue
	toolchain "$s" && continue
	echo "check-layers: lib/ uses $s from a higher layer"; bad=1
done
for s in $(undefined "$core"); do
	grep -qxF "$s" <<<"$lib_def" && continue
	grep -qxF "$s" <<<"$core_def" && continue
	toolchain "$s" && continue
	echo "check-layers: slof/ uses $s, which is not lib/ (reach the board through struct board_ops)"; bad=1
done
for s in $(undefined "$board"); do
	grep -qxF "$s" <<<"$lib_def" && continue
	grep -qxF "$s" <<<"$board_def" && continue
	[ "$s" = of_start ] && continue
	grep -qw -- "$s" board-qemu/fw.lds board-qemu/romfs-blob.S && continue	# link-time symbols
	toolchain "$s" && continue
	echo "check-layers: board-qemu/ uses $s, which is neither lib/ nor the core's entry of_start"; bad=1
done
[ $bad -eq 0 ] && echo "check-layers: lib -> core -> board layering holds (board via struct board_ops, core via of_start)"
exit $bad
