#!/bin/bash
# Installs, from Debian's archive, whatever the build and the tests need and
# the machine lacks. Runs apt-get only when something is missing: as root,
# or through sudo for any other user.
set -euo pipefail
pkgs=(
	make gcc clang libclang-rt-14-dev        # host build, sanitizers, libFuzzer
	gcc-powerpc64-linux-gnu binutils-powerpc64-linux-gnu  # firmware
	gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross     # ppc64el helper (nested test)
	libfdt-dev device-tree-compiler pkg-config   # host FDT library, dtc
	qemu-system-ppc                           # boots (also ships slof.bin, vof.bin)
	seabios ipxe-qemu                         # VGA BIOS and NIC ROMs QEMU loads at start (Recommends)
	cpio gzip xz-utils zstd                   # initramfs, .deb unpacking
	ca-certificates gpgv debian-archive-keyring  # private apt state for guests
	python3
	grub-common xorriso mtools dosfstools fdisk e2fsprogs  # GRUB disk and CD images
)
missing=()
for p in "${pkgs[@]}"; do
	[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -gt 0 ] || exit 0
as_root=()
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || {
		echo "install-deps: ERROR: missing ${missing[*]}; run as root once (make deps) or install sudo" >&2
		exit 1
	}
	as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}${as_root[*]:+ (through sudo)}"
# (env: sudo would drop DEBIAN_FRONTEND from the environment)
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
