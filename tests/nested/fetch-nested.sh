#!/bin/bash
# SPDX-License-Identifier: MIT
# Fetches what the nested-KVM scenario (tests/nested/) needs, through private
# apt states with bookworm-backports added: nothing under /etc/apt or the
# machine's dpkg is touched, everything is cached under the output directory.
#
#   tests/nested/fetch-nested.sh [NESTED_DIR [PART...]]
#
# NESTED_DIR defaults to build/nested; PART is l0, l1 or libfdt (default: all).
#
# Results:
#   NESTED_DIR/l0/           amd64 QEMU 10 (bookworm-backports) with its whole
#                            dependency closure, unpacked (dpkg-deb -x)
#   NESTED_DIR/l0-qemu       wrapper running that QEMU through its own loader
#   NESTED_DIR/l1-root/      ppc64el: qemu-system-ppc 10, busybox-static and
#                            the backports kernel 6.12 with its modules
#   NESTED_DIR/l1-vmlinux    the L1 kernel (6.12, LE ELF)
#   NESTED_DIR/l1-kernel.version
#   NESTED_DIR/ppc64el-dev/  libfdt-dev for ppc64el (the helper's cross build)
#
# Environment: GUESTS_REFRESH_DAYS, GUESTS_OFFLINE as for
# tests/guests/fetch-debian.sh.
set -euo pipefail

N=${1:-build/nested}
[ $# -gt 0 ] && shift
PARTS=" ${*:-l0 l1 libfdt} "
want() { [[ $PARTS == *" $1 "* ]]; }
mkdir -p "$N"
N=$(cd "$N" && pwd)
# one fetcher at a time per directory (make -j may start two)
exec 9> "$N/.fetch-lock"
flock 9
REFRESH_DAYS=${GUESTS_REFRESH_DAYS:-7}
OFFLINE=${GUESTS_OFFLINE:-0}
BPO=bookworm-backports

step() { printf 'nested-fetch: %s\n' "$*"; }
die() { printf 'nested-fetch: ERROR: %s\n' "$*" >&2; exit 1; }

# ---- private apt state for one architecture --------------------------------
. "$(dirname "$0")/../guests/apt-state.sh"
apt_state() {   # ARCH: sets APT_CONFIG and A
	local arch=$1
	A=$N/apt-$arch
	apt_state_setup "$A" "$arch" "$BPO"

	local stamp=$A/state/updated stale=1 have=0
	compgen -G "$A/state/lists/*${BPO}*_Packages*" >/dev/null && have=1
	if [ "$have" = 1 ] && [ "$REFRESH_DAYS" -gt 0 ] && [ -f "$stamp" ] &&
		[ -z "$(find "$stamp" -mtime +"$((REFRESH_DAYS - 1))")" ]; then
		stale=0
	fi
	if [ "$OFFLINE" = 1 ]; then
		[ "$have" = 1 ] || die "GUESTS_OFFLINE=1 but no $arch package indexes are cached"
	elif [ "$stale" = 1 ]; then
		if apt-get update -q > "$A/log/update.log" 2>&1; then
			step "$arch: apt-get update: ok"
		else
			compgen -G "$A/state/lists/*${BPO}*_Packages*" >/dev/null ||
				{ cat "$A/log/update.log" >&2; die "$arch: apt-get update failed"; }
			step "$arch: apt-get update: WARNING partial failure (see ${A#"$PWD"/}/log/update.log); continuing"
		fi
		touch "$stamp"
	fi
}

# ---- download a package set (apt checks every SHA256 from the signed index)
# DIR PKG...: the packages and their dependency closure (empty dpkg status),
# preferring bookworm-backports; prints the .deb paths of the closure.
fetch_closure() {
	local dir=$1; shift
	mkdir -p "$dir/partial"
	local uris
	uris=$(apt-get install --print-uris -qq -t "$BPO" -o Dir::Cache::archives="$dir" "$@" 2>"$A/log/resolve.log") ||
		{ cat "$A/log/resolve.log" >&2; die "cannot resolve $*"; }
	# apt prints only what is not yet in the cache directory: download those
	if [ -n "$uris" ]; then
		[ "$OFFLINE" = 1 ] && die "GUESTS_OFFLINE=1 but packages for $* are not cached"
		apt-get install --download-only -y -q -t "$BPO" -o Dir::Cache::archives="$dir" "$@" \
			> "$A/log/download.log" 2>&1 || { cat "$A/log/download.log" >&2; die "download of $* failed"; }
		step "$(basename "$dir"): downloaded $(printf '%s\n' "$uris" | wc -l) packages for $*" >&2
	else
		step "$(basename "$dir"): $* cached" >&2
	fi
	# the closure's file names (all cached now); older versions are removed
	local names
	names=$(apt-get install --print-uris -qq -t "$BPO" -o Dir::Cache::archives=/nonexistent "$@" |
		awk '{ print $2 }')
	find "$dir" -maxdepth 1 -name '*.deb' -printf '%f\n' | grep -vxF -e "$names" |
		sed "s|^|$dir/|" | xargs -r rm -f || true
	printf '%s\n' "$names" | sed "s|^|$dir/|"
}

unpack_all() {   # ROOT DEB...: unpack into ROOT unless it holds exactly these
	local root=$1; shift
	local want
	want=$(printf '%s\n' "$@" | xargs -n1 basename | LC_ALL=C sort)
	if [ -f "$root/.from" ] && [ "$(cat "$root/.from")" = "$want" ]; then
		step "unpack ${root#"$N"/}: cached"
		return 0
	fi
	rm -rf "$root"
	mkdir -p "$root"
	local deb
	for deb in "$@"; do
		[ -f "$deb" ] || die "$deb missing after download"
		dpkg-deb -x "$deb" "$root" || die "dpkg-deb -x $deb failed"
	done
	# no "*.d" path under build/ (the top Makefile includes every *.d)
	find "$root" -depth -name '*.d' -exec rm -rf {} +
	printf '%s\n' "$want" > "$root/.from"
	step "unpack ${root#"$N"/}: $# packages"
}

# ---- L0: amd64 QEMU 10 ------------------------------------------------------
if want l0; then
apt_state amd64
mapfile -t debs < <(fetch_closure "$N/debs-amd64" qemu-system-ppc)
qdeb=$(printf '%s\n' "${debs[@]}" | grep '/qemu-system-ppc_') || die "qemu-system-ppc not in the closure"
case $(basename "$qdeb") in
qemu-system-ppc_1%3a10.*) ;;
*) die "L0 QEMU is $(basename "$qdeb"), expected version 10 from $BPO" ;;
esac
unpack_all "$N/l0" "${debs[@]}"
# Runs through its own loader and libraries: nothing of the machine's QEMU
# or libraries is mixed in.
ld=$N/l0/lib64/ld-linux-x86-64.so.2
[ -x "$ld" ] || die "no $ld in the L0 closure"
cat > "$N/l0-qemu.new" <<EOW
#!/bin/sh
# generated by tests/nested/fetch-nested.sh: QEMU 10 (amd64, $BPO) unpacked in $N/l0
exec "$ld" --library-path "$N/l0/lib/x86_64-linux-gnu:$N/l0/usr/lib/x86_64-linux-gnu" \\
	"$N/l0/usr/bin/qemu-system-ppc64" -L "$N/l0/usr/share/qemu" "\$@"
EOW
chmod +x "$N/l0-qemu.new" && mv "$N/l0-qemu.new" "$N/l0-qemu"
step "L0 QEMU: $("$N/l0-qemu" --version | head -n1)"
fi

# ---- L1 (ppc64el): QEMU 10, busybox, kernel 6.12; libfdt-dev for the helper
if want l1 || want libfdt; then apt_state ppc64el; fi
if want l1; then
mapfile -t debs < <(fetch_closure "$N/debs-ppc64el" qemu-system-ppc busybox-static)
unpack_all "$N/l1-root" "${debs[@]}"
[ -x "$N/l1-root/usr/bin/qemu-system-ppc64" ] || die "no qemu-system-ppc64 in the ppc64el closure"
[ -x "$N/l1-root/bin/busybox" ] || die "no busybox in busybox-static"

kpkg=$(apt-cache show "linux-image-powerpc64le/$BPO" 2>/dev/null |
	sed -n 's/^Depends: //p' | tr ',|' '\n\n' | sed 's/^ *//; s/ .*//' |
	grep -E '^linux-image-[0-9].*-powerpc64le$' | sort -V | tail -n1) || true
[ -n "$kpkg" ] || die "cannot resolve the kernel from linux-image-powerpc64le/$BPO's Depends"
mapfile -t debs < <(apt-get install --print-uris -qq -t "$BPO" "$kpkg" | awk '{ print $2 }' | grep "^${kpkg}_")
[ ${#debs[@]} = 1 ] || die "cannot find the .deb of $kpkg"
mkdir -p "$N/debs-kernel"
if [ ! -f "$N/debs-kernel/${debs[0]}" ]; then
	[ "$OFFLINE" = 1 ] && die "GUESTS_OFFLINE=1 but ${debs[0]} is not cached"
	(cd "$N/debs-kernel" && apt-get download -q "$kpkg/$BPO" > "$A/log/download-kernel.log" 2>&1) ||
		{ cat "$A/log/download-kernel.log" >&2; die "apt-get download $kpkg failed"; }
	step "download $kpkg: ok"
fi
find "$N/debs-kernel" -maxdepth 1 -name '*.deb' ! -name "${debs[0]}" -delete
unpack_all "$N/l1-kernel" "$N/debs-kernel/${debs[0]}"
vm=$(find "$N/l1-kernel/boot" -maxdepth 1 -name 'vmlinux-*' | sort -V | tail -n1)
[ -n "$vm" ] || die "no /boot/vmlinux-* in $kpkg"
[ "$(od -An -tx1 -N6 "$vm" | tr -d ' \n')" = "7f454c460201" ] || die "$vm is not a 64-bit LE ELF"
ln -sfn "l1-kernel/boot/$(basename "$vm")" "$N/l1-vmlinux"
echo "$kpkg" > "$N/l1-kernel.version"
step "L1 kernel: $kpkg"
fi

if want libfdt; then
mapfile -t debs < <(fetch_closure "$N/debs-ppc64el-dev" libfdt-dev)
mapfile -t debs < <(printf '%s\n' "${debs[@]}" | grep -E '/libfdt(-dev|1)_')
unpack_all "$N/ppc64el-dev" "${debs[@]}"
[ -f "$N/ppc64el-dev/usr/lib/powerpc64le-linux-gnu/libfdt.a" ] || die "no libfdt.a in libfdt-dev (ppc64el)"
step "libfdt.a (ppc64el): ${N#"$PWD"/}/ppc64el-dev"
fi
step "done"
