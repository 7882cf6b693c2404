#!/bin/bash
# SPDX-License-Identifier: MIT
# Fetches what the GRUB netboot tests need, through private apt states with
# bookworm-backports added (nothing under /etc/apt or the machine's dpkg is
# touched; the state of tests/guests/apt-state.sh):
#
#   tests/grubnet/fetch-grub.sh [DIR]       (default build/grubnet)
#
#   DIR/grub212/ppc/   grub-ieee1275-bin 2.12 (ppc64el, bookworm-backports)
#   DIR/grub212/amd64/ grub-common 2.12 (amd64, bookworm-backports): its
#                      grub-mkimage builds the 2.12 core image
#   DIR/d-i/           debian-installer-12-netboot-ppc64el (bookworm):
#                      .../vmlinux and .../initrd.gz
#
# Environment: GUESTS_REFRESH_DAYS, GUESTS_OFFLINE as for tests/guests/.
set -euo pipefail

N=${1:-build/grubnet}
mkdir -p "$N"
N=$(cd "$N" && pwd)
OFFLINE=${GUESTS_OFFLINE:-0}
BPO=bookworm-backports

step() { printf 'grubnet-fetch: %s\n' "$*"; }
die() { printf 'grubnet-fetch: ERROR: %s\n' "$*" >&2; exit 1; }

# ---- private apt state for one architecture, with $BPO ----------------------
. "$(dirname "$0")/../guests/apt-state.sh"
apt_state() {   # ARCH: sets APT_CONFIG and A
	A=$N/apt-$1
	apt_state_setup "$A" "$1" "$BPO"
	apt_state_refresh "$A" "$1" "*${BPO}*_Packages*"
}

# ---- download one package (apt checks its SHA256 from the signed index) ----
# DIR PKG/SUITE: prints the .deb path; a cached .deb is not fetched again.
fetch_one() {
	local dir=$1 spec=$2 uri name sum
	mkdir -p "$dir"
	uri=$(apt-get download --print-uris -qq "$spec" 2>"$A/log/resolve.log") ||
		{ cat "$A/log/resolve.log" >&2; die "cannot resolve $spec"; }
	name=$(printf '%s\n' "$uri" | awk '{ print $2 }')
	sum=$(printf '%s\n' "$uri" | awk '{ print $4 }')
	if [ -f "$dir/$name" ] && [ "SHA256:$(sha256sum < "$dir/$name" | cut -d' ' -f1)" = "$sum" ]; then
		step "$name: cached" >&2
	else
		[ "$OFFLINE" = 1 ] && die "GUESTS_OFFLINE=1 but $spec is not cached"
		(cd "$dir" && apt-get download -q "$spec" > "$A/log/download.log" 2>&1) ||
			{ cat "$A/log/download.log" >&2; die "apt-get download $spec failed"; }
		step "$name: downloaded" >&2
	fi
	printf '%s\n' "$dir/$name"
}

unpack() {   # ROOT DEB: unpack into ROOT unless it already holds DEB
	local root=$1 deb=$2
	if [ -f "$root/.from" ] && [ "$(cat "$root/.from")" = "$(basename "$deb")" ]; then
		return 0
	fi
	rm -rf "$root"
	mkdir -p "$root"
	dpkg-deb -x "$deb" "$root" || die "dpkg-deb -x $deb failed"
	# no "*.d" path under build/ (the top Makefile includes every *.d)
	find "$root" -depth -name '*.d' -exec rm -rf {} +
	basename "$deb" > "$root/.from"
	step "unpack $(basename "$deb")"
}

apt_state ppc64el
deb=$(fetch_one "$N/debs" "grub-ieee1275-bin/$BPO")
case $(basename "$deb") in grub-ieee1275-bin_2.12*) ;; *) die "expected GRUB 2.12, got $(basename "$deb")" ;; esac
unpack "$N/grub212/ppc" "$deb"
deb=$(fetch_one "$N/debs" "debian-installer-12-netboot-ppc64el/bookworm")
unpack "$N/d-i" "$deb"

apt_state amd64
deb=$(fetch_one "$N/debs" "grub-common/$BPO")
case $(basename "$deb") in grub-common_2.12*) ;; *) die "expected grub-common 2.12, got $(basename "$deb")" ;; esac
unpack "$N/grub212/amd64" "$deb"
step "ok"
