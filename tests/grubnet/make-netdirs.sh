#!/bin/bash
# SPDX-License-Identifier: MIT
# Builds the TFTP roots of the GRUB netboot tests, as grub-mknetdir lays
# them out (boot/grub/powerpc-ieee1275/core.elf with the ofnet, tftp and
# net modules linked in, the other modules next to it, the prefix
# "(tftp,SERVER)/boot/grub" taken from the DHCP lease):
#
#   tests/grubnet/make-netdirs.sh OUT GRUB212 GUESTS DI
#
#   OUT/tftp-212/  GRUB 2.12 (bookworm-backports) made by its own
#                  grub-mknetdir (GRUB212/amd64/usr/bin); grub.cfg boots the
#                  test kernel + initramfs
#   OUT/tftp-di/   the same GRUB; grub.cfg boots Debian 12's installer
#                  (DI: debian-installer-12-netboot-ppc64el unpacked)
#   OUT/tftp-206/  as tftp-212 from Debian 12's GRUB 2.06
#                  (GUESTS/grub-ieee1275, the host's grub-mknetdir)
#
# The kernel, initramfs and installer files are symbolic links (QEMU's TFTP
# server follows them).
set -euo pipefail

out=$1 grub212=$2 guests=$3 di=$4
say() { printf 'grubnet: %s\n' "$*"; }
die() { printf 'grubnet: ERROR: %s\n' "$*" >&2; exit 1; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
guests=$(cd "$guests" && pwd)
di_dir=$(cd "$di" && pwd)/usr/lib/debian-installer/images/12/ppc64el/text/debian-installer/ppc64el
for f in "$guests/vmlinux" "$guests/initramfs.cpio.gz" "$di_dir/vmlinux" "$di_dir/initrd.gz"; do
	[ -f "$f" ] || die "$f missing"
done
mk212=$grub212/amd64/usr/bin/grub-mknetdir
[ -x "$mk212" ] || die "$mk212 missing (tests/grubnet/fetch-grub.sh)"
command -v grub-mknetdir >/dev/null || die "grub-mknetdir missing (apt-get install grub-common)"

# netdir DIR MKNETDIR MODULES test|d-i
netdir() {
	local dir=$1 mk=$2 mods=$3 what=$4 tmp
	tmp=$(mktemp -d "$out/work.XXXXXX")
	"$mk" --net-directory="$tmp" --subdir=boot/grub -d "$mods" \
		--fonts= --locales= --themes= > "$tmp.log" 2>&1 ||
		{ cat "$tmp.log" >&2; rm -rf "$tmp" "$tmp.log"; die "$mk failed"; }
	rm -f "$tmp.log"
	[ -f "$tmp/boot/grub/powerpc-ieee1275/core.elf" ] || die "$mk made no core.elf"
	# No menu and no timeout: nothing waits for a key.
	if [ "$what" = test ]; then
		ln -s "$guests/vmlinux" "$tmp/boot/vmlinux"
		ln -s "$guests/initramfs.cpio.gz" "$tmp/boot/initramfs.cpio.gz"
		cat > "$tmp/boot/grub/grub.cfg" <<-'EOC'
		echo "GRUB-TEST: netboot grub.cfg from $root, server $net_default_server"
		net_ls_addr
		echo "GRUB-TEST: loading the test kernel over TFTP"
		linux /boot/vmlinux console=hvc0 net-test=grub
		initrd /boot/initramfs.cpio.gz
		boot
		EOC
	else
		mkdir -p "$tmp/d-i"
		ln -s "$di_dir/vmlinux" "$tmp/d-i/vmlinux"
		ln -s "$di_dir/initrd.gz" "$tmp/d-i/initrd.gz"
		cat > "$tmp/boot/grub/grub.cfg" <<-'EOC'
		echo "GRUB-TEST: netboot grub.cfg from $root, server $net_default_server"
		echo "GRUB-TEST: loading the Debian installer over TFTP"
		linux /d-i/vmlinux console=hvc0
		initrd /d-i/initrd.gz
		boot
		EOC
	fi
	rm -rf "$dir"
	mv "$tmp" "$dir"
}

mods212=$grub212/ppc/usr/lib/grub/powerpc-ieee1275
netdir "$out/tftp-212" "$mk212" "$mods212" test
netdir "$out/tftp-di" "$mk212" "$mods212" d-i
say "tftp-212, tftp-di: $("$grub212/amd64/usr/bin/grub-mkimage" --version)"
netdir "$out/tftp-206" grub-mknetdir "$guests/grub-ieee1275" test
say "tftp-206: $(grub-mkimage --version)"
