#!/bin/bash
# The layers by their #include lines (check-layers.sh checks the symbols):
#   lib/       includes only lib/, include/ and its own libc;
#   slof/      never includes board-qemu/; its base subsystems (log, heap,
#              memory, tree) include no other core subsystem;
#   board-qemu/ includes from slof/ only board.h and core.h.
set -eu
cd "$(dirname "$0")/.."
bad=0
quoted() { grep -Ho '^#include "[^"]*"' "$@" 2>/dev/null | sed 's/:#include "/ /; s/"$//'; }
base="log heap memory tree"
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
		sub=${file#slof/}; sub=${sub%%/*}
		dep=${inc%%/*}
		if [[ " $base " == *" $sub "* && "$inc" == */* && -d "slof/$dep" && " $base " != *" $dep "* ]]; then
			echo "check-layers: $file (base subsystem $sub) includes \"$inc\" from a higher subsystem"; bad=1
		fi
		;;
	board-qemu/*)
		if [ -e "slof/$inc" ] && [ "$inc" != board.h ] && [ "$inc" != core.h ]; then
			echo "check-layers: $file includes core header \"$inc\" (the board sees only board.h and core.h)"; bad=1
		fi
		;;
	esac
done < <(quoted $(find lib slof board-qemu -name '*.[chS]'))
[ $bad -eq 0 ] && echo "check-layers: includes follow the layers (lib, core base subsystems, board via board.h/core.h)"
exit $bad
