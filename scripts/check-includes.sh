#!/bin/bash
# The layers by their #include lines (check-layers.sh checks the symbols):
#   lib/       includes only lib/, include/ and its own libc;
#   slof/      never includes board-qemu/; board.h and core.h include no
#              subsystem; a subsystem includes only its own headers and
#              those of subsystems before it in $order (every slof/*/
#              folder must be listed there);
#   board-qemu/ includes from slof/ only board.h and core.h.
set -eu
cd "$(dirname "$0")/.."

# The core's subsystems, lowest first (docs/CONTRIBUTING-BUILD.md says
# what each is for).
order="log heap tree memory devices cas client boot start"

bad=0
rank() {
	local i=0 s
	for s in $order; do
		[ "$s" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo -1
}
for dir in slof/*/; do
	sub=$(basename "$dir")
	if [ "$(rank "$sub")" -lt 0 ]; then
		echo "check-layers: slof/$sub/ is not in the subsystem order ($order):" \
			"add it at its place in scripts/check-includes.sh"; bad=1
	fi
done
for sub in $order; do
	[ -d "slof/$sub" ] || { echo "check-layers: subsystem $sub is in the order but slof/$sub/ does not exist"; bad=1; }
done

quoted() { grep -Ho '^#include "[^"]*"' "$@" 2>/dev/null | sed 's/:#include "/ /; s/"$//'; }
while read -r file inc; do
	case $file in
	lib/*)
		[ -e "lib/$inc" ] || [ -e "include/$inc" ] || [ -e "$(dirname "$file")/$inc" ] ||
			{ echo "check-layers: $file includes \"$inc\", which is not in lib/ or include/"; bad=1; }
		;;
	slof/*)
		if [ -e "board-qemu/$inc" ]; then
			echo "check-layers: $file includes the board's \"$inc\""; bad=1
		fi
		# A core header is slof/SUB/NAME.h (lib/ and include/ come first
		# on the include path, so their headers are never core ones).
		[ -e "slof/$inc" ] && [ ! -e "lib/$inc" ] && [ ! -e "include/$inc" ] &&
			[[ "$inc" == */* ]] || continue
		dep=${inc%%/*}
		rest=${file#slof/}
		if [[ "$rest" != */* ]]; then
			echo "check-layers: $file includes \"$inc\": board.h and core.h include no subsystem"; bad=1
			continue
		fi
		sub=${rest%%/*}
		[ "$(rank "$sub")" -ge 0 ] || continue	# reported above
		if [ "$(rank "$dep")" -gt "$(rank "$sub")" ]; then
			echo "check-layers: $file includes \"$inc\": $sub may include only subsystems" \
				"before it in the order $order ($dep comes after $sub)"; bad=1
		fi
		;;
	board-qemu/*)
		if [ -e "slof/$inc" ] && [ "$inc" != board.h ] && [ "$inc" != core.h ]; then
			echo "check-layers: $file includes core header \"$inc\" (the board sees only board.h and core.h)"; bad=1
		fi
		;;
	esac
done < <(quoted $(find lib slof board-qemu -name '*.[chS]'))
[ $bad -eq 0 ] && echo "check-layers: includes follow the layers (lib, core subsystems in the order $order, board via board.h/core.h)"
exit $bad
