#!/bin/bash
# Installs, from Debian's archive, whatever the build and the tests need and
# the machine lacks. Runs apt-get only when something is missing.
set -eu
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
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "install-deps: installing ${missing[*]}"
	SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
