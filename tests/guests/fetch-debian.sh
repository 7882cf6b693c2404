#!/bin/bash
# SPDX-License-Identifier: MIT
# Fetches Debian bookworm ppc64el test guests (the newest powerpc64le kernel
# and GRUB's powerpc-ieee1275 modules) into build/guests/ through a private
# apt state: nothing under /etc/apt or the machine's dpkg is touched.
#
#   tests/guests/fetch-debian.sh [GUESTS_DIR]      (default build/guests)
#
# Results (stable paths):
#   GUESTS_DIR/vmlinux           little-endian ELF kernel from /boot/vmlinux-*
#   GUESTS_DIR/vmlinux.version   its package name (e.g. linux-image-6.1.0-50-powerpc64le)
#   GUESTS_DIR/grub-ieee1275/    GRUB powerpc-ieee1275 module directory
#
# Environment:
#   GUESTS_REFRESH_DAYS  re-run apt-get update when the indexes are older
#                        than this (default 7); 0 forces an update.
#   GUESTS_OFFLINE=1     never contact the archive; use what is cached.
set -euo pipefail

G=${1:-build/guests}
mkdir -p "$G"
G=$(cd "$G" && pwd)
A=$G/apt
DEBS=$G/debs
OFFLINE=${GUESTS_OFFLINE:-0}

step() { printf 'guests: %s\n' "$*"; }
die() { printf 'guests: ERROR: %s\n' "$*" >&2; exit 1; }

# ---- 1. private apt state -------------------------------------------------
. "$(dirname "$0")/apt-state.sh"
mkdir -p "$DEBS"
apt_state_setup "$A" ppc64el
src=$APT_STATE_SOURCES
step "private apt state in ${A#"$PWD"/} (arch ppc64el, sources $(basename "$src"))"

# ---- 2. apt-get update (only when the indexes are missing or stale) -------
apt_state_refresh "$A" ppc64el "*_Packages*"

# ---- 3. resolve the newest kernel -----------------------------------------
kpkg=$(apt-cache show linux-image-powerpc64le 2>/dev/null |
	sed -n 's/^Depends: //p' | tr ',|' '\n\n' | sed 's/^ *//; s/ .*//' |
	grep -E '^linux-image-[0-9].*-powerpc64le$' | sort -V | tail -n1) || true
[ -n "$kpkg" ] || die "cannot resolve the kernel from linux-image-powerpc64le's Depends"
step "kernel: $kpkg"

# ---- 4. download (apt checks SHA256; skip files whose SHA256 already match)
fetch() {
	local pkg=$1 uri file size hash
	read -r uri file size hash < <(apt-get download --print-uris "$pkg" 2>/dev/null | head -n1) ||
		die "apt-get download --print-uris $pkg: no URI"
	uri=${uri//\'/}
	hash=${hash#SHA256:}
	if [ -f "$DEBS/$file" ] && [ "$(sha256sum "$DEBS/$file" | cut -d' ' -f1)" = "$hash" ]; then
		step "download $pkg: cached ($file)"
	else
		[ "$OFFLINE" = 1 ] && die "GUESTS_OFFLINE=1 but $file is not cached"
		(cd "$DEBS" && apt-get download -q "$pkg" >"$A/log/download-$pkg.log" 2>&1) ||
			{ cat "$A/log/download-$pkg.log" >&2; die "apt-get download $pkg failed"; }
		[ "$(sha256sum "$DEBS/$file" | cut -d' ' -f1)" = "$hash" ] ||
			die "$file: SHA256 mismatch"
		step "download $pkg: ok ($file, $((size / 1024)) KiB, SHA256 verified)"
	fi
	# keep only the current version of each package
	find "$DEBS" -maxdepth 1 -name "${pkg}_*.deb" ! -name "$file" -delete
	FETCHED=$DEBS/$file
}

# ---- 5. unpack and expose stable paths ------------------------------------
unpack() {   # PKG DEB DIR: unpack once per .deb (a stamp records which one)
	local pkg=$1 deb=$2 dir=$3
	if [ -f "$dir/.from" ] && [ "$(cat "$dir/.from")" = "$(basename "$deb")" ]; then
		step "unpack $pkg: cached"
		return 0
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	dpkg-deb -x "$deb" "$dir" || die "dpkg-deb -x $deb failed"
	# see above: drop any "*.d" path (none is needed; the Makefile would read it)
	find "$dir" -depth -name '*.d' -exec rm -rf {} +
	basename "$deb" > "$dir/.from"
	step "unpack $pkg: ok"
}

fetch "$kpkg"
find "$DEBS" -maxdepth 1 -name 'linux-image-*.deb' ! -name "$(basename "$FETCHED")" -delete
unpack "$kpkg" "$FETCHED" "$G/root/linux-image"
vm=$(find "$G/root/linux-image/boot" -maxdepth 1 -name 'vmlinux-*' | sort -V | tail -n1)
[ -n "$vm" ] || die "no /boot/vmlinux-* in $kpkg"
# ELF, 64-bit (class 2), little-endian (data 1)
[ "$(od -An -tx1 -N6 "$vm" | tr -d ' \n')" = "7f454c460201" ] || die "$vm is not a 64-bit LE ELF"
ln -sfn "root/linux-image/boot/$(basename "$vm")" "$G/vmlinux"
echo "$kpkg" > "$G/vmlinux.version"
step "vmlinux -> ${vm#"$G"/} ($(($(stat -Lc %s "$vm") / 1048576)) MiB, LE ELF)"

fetch grub-ieee1275-bin
unpack grub-ieee1275-bin "$FETCHED" "$G/root/grub-ieee1275-bin"
gd=$G/root/grub-ieee1275-bin/usr/lib/grub/powerpc-ieee1275
[ -f "$gd/linux.mod" ] || die "no powerpc-ieee1275 modules in grub-ieee1275-bin"
ln -sfn "root/grub-ieee1275-bin/usr/lib/grub/powerpc-ieee1275" "$G/grub-ieee1275"
step "grub-ieee1275 -> ${gd#"$G"/} ($(find "$gd" -name '*.mod' | wc -l) modules)"
step "done"
