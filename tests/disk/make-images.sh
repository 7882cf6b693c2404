#!/bin/bash
# SPDX-License-Identifier: MIT
# Builds the disk and CD images the GRUB boot cases (tests/disk/cases.txt)
# attach: a grub-mkrescue ISO, MBR and GPT disks whose PReP partition holds
# grub-mkimage's core.elf, and damaged images (bad GPT CRC, truncated MBR,
# garbage ISO). Plain files only: sfdisk, mkfs.ext2 -d, mkfs.vfat + mcopy,
# dd; no loop devices, no root.
#
#   tests/disk/make-images.sh OUTDIR GRUB-MODULES-DIR VMLINUX INITRD
#
# The images are rebuilt only when an input changes (this script, the
# kernel, the initramfs, the GRUB modules): their SHA-256 sums are kept in
# OUTDIR/inputs.sha256.
set -eu

[ $# -eq 4 ] || { echo "usage: $0 OUTDIR GRUB-MODULES-DIR VMLINUX INITRD" >&2; exit 2; }
out=$1 grubdir=$2 vmlinux=$3 initrd=$4
say() { echo "disk-images: $*"; }
die() { echo "disk-images: error: $*" >&2; exit 1; }

for f in "$vmlinux" "$initrd" "$grubdir/moddep.lst" "$grubdir/kernel.img"; do
	[ -e "$f" ] || die "$f missing: run 'make guests' first"
done
export PATH=$PATH:/usr/sbin:/sbin
for t in grub-mkrescue grub-mkimage xorriso sfdisk mkfs.ext2 mkfs.vfat mcopy python3; do
	command -v "$t" >/dev/null || die "$t not found (scripts/install-deps.sh installs it)"
done

IMAGES="grub.iso mbr-ext2.img gpt-fat.img gpt-badcrc.img mbr-truncated.img garbage.iso"

mkdir -p "$out"
sums=$( { sha256sum "$0"; sha256sum -b "$(readlink -f "$vmlinux")" "$initrd" | cut -d' ' -f1;
	  cat "$grubdir"/*.lst "$grubdir/kernel.img" | sha256sum; } | sha256sum | cut -d' ' -f1)
all_there=1
for i in $IMAGES; do [ -f "$out/$i" ] || all_there=0; done
if [ "$all_there" = 1 ] && [ "$(cat "$out/inputs.sha256" 2>/dev/null)" = "$sums" ]; then
	say "up to date in $out/"
	exit 0
fi
rm -f "$out/inputs.sha256"
# A private work directory: two runs sharing build/ do not collide, and
# finished images replace the old ones with a rename.
work=$(mktemp -d "$out/work.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---- the files GRUB boots: the test kernel and initramfs, a grub.cfg that
# names the image it was read from (boot-order cases check which one); no
# menu, so no countdown a stray console byte could stop ----
# tree NAME: $work/tree-NAME with boot/{vmlinux,initramfs.cpio.gz,grub/...}
tree() {
	local t=$work/tree-$1
	mkdir -p "$t/boot/grub"
	cp -L "$vmlinux" "$t/boot/vmlinux"
	cp -L "$initrd" "$t/boot/initramfs.cpio.gz"
	: > "$t/boot/grub/ofpseries-test-$1"
	cat > "$t/boot/grub/grub.cfg" <<-EOF
	echo "GRUB-TEST: grub.cfg of $1 read from \$root"
	echo "GRUB-TEST: loading the kernel from $1"
	linux /boot/vmlinux console=hvc0 disk-test=$1
	initrd /boot/initramfs.cpio.gz
	boot
	EOF
}

# core NAME: a core.elf that finds its own disk by the marker file
core() {
	local cfg=$work/early-$1.cfg
	cat > "$cfg" <<-EOF
	search --no-floppy --file --set=root /boot/grub/ofpseries-test-$1
	set prefix=(\$root)/boot/grub
	normal
	EOF
	grub-mkimage -O powerpc-ieee1275 -d "$grubdir" -c "$cfg" -p /boot/grub \
		-o "$work/core-$1.elf" part_msdos part_gpt ext2 fat search \
		search_fs_file normal configfile linux echo test ls cat halt reboot
}

# Modules on the data partition, as an installed system has them: normal
# mode loads a few (terminal, gettext, ...) and complains if they are missing.
add_modules() {
	mkdir -p "$1/boot/grub/powerpc-ieee1275"
	cp "$grubdir"/*.mod "$grubdir"/*.lst "$1/boot/grub/powerpc-ieee1275/"
}

MiB=2048	# sectors
PREP_GUID=9E1A2D38-C612-4316-AA26-8B49521E5A8B
DATA_GUID=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7

# put IMG FILE START-SECTOR: copy FILE into IMG at that sector
put() {
	dd if="$2" of="$1" bs=512 seek="$3" conv=notrunc status=none
}

# ---- ISO: grub-mkrescue writes /ppc/bootinfo.txt naming
# \boot\grub\powerpc.elf, plus an HFS+ hybrid and an MBR ----
say "grub.iso (grub-mkrescue)"
tree iso
grub-mkrescue -d "$grubdir" --compress=no --fonts= --locales= --themes= \
	-o "$work/grub.iso" "$work/tree-iso" >"$work/mkrescue.log" 2>&1 ||
	{ cat "$work/mkrescue.log" >&2; die "grub-mkrescue failed"; }

# ---- MBR: 1 = PReP (0x41, bootable) with core.elf, 2 = ext2 ----
say "mbr-ext2.img (MBR, PReP + ext2)"
tree mbr-ext2
add_modules "$work/tree-mbr-ext2"
core mbr-ext2
data_mib=64
img=$work/mbr-ext2.img
truncate -s $(( (1 + 8 + data_mib) * 1024 * 1024 )) "$img"
sfdisk -q "$img" <<-EOF
	label: dos
	start=$MiB, size=$((8 * MiB)), type=41, bootable
	start=$((9 * MiB)), size=$((data_mib * MiB)), type=83
EOF
: > "$work/mbr-ext2.part"
mkfs.ext2 -q -F -L ofpseries-test -d "$work/tree-mbr-ext2" "$work/mbr-ext2.part" "${data_mib}M"
put "$img" "$work/core-mbr-ext2.elf" $MiB
put "$img" "$work/mbr-ext2.part" $((9 * MiB))
rm -f "$work/mbr-ext2.part"

# ---- GPT: 1 = PReP GUID with core.elf, 2 = basic data (FAT32) ----
say "gpt-fat.img (GPT, PReP + FAT32)"
tree gpt-fat
add_modules "$work/tree-gpt-fat"
core gpt-fat
img=$work/gpt-fat.img
truncate -s $(( (1 + 8 + data_mib + 1) * 1024 * 1024 )) "$img"
sfdisk -q "$img" <<-EOF
	label: gpt
	start=$MiB, size=$((8 * MiB)), type=$PREP_GUID, name=prep
	start=$((9 * MiB)), size=$((data_mib * MiB)), type=$DATA_GUID, name=data
EOF
rm -f "$work/gpt-fat.part"
mkfs.vfat -F 32 -n OFTEST -C "$work/gpt-fat.part" $((data_mib * 1024)) >/dev/null
MTOOLS_SKIP_CHECK=1 mcopy -s -i "$work/gpt-fat.part" "$work/tree-gpt-fat/boot" ::/
put "$img" "$work/core-gpt-fat.elf" $MiB
put "$img" "$work/gpt-fat.part" $((9 * MiB))
rm -f "$work/gpt-fat.part"

# ---- damaged images: each must be refused with a reason, and the next
# boot device tried. Their PReP partitions hold no ELF, so a firmware that
# does not check what these tests check (SLOF does not verify the GPT CRC)
# still fails to start anything from them. ----
filler() {	# FILE SIZE-BYTES: text, not an ELF image
	python3 - "$1" "$2" <<-'EOF'
	import sys
	line = b"ofpseries test: this partition holds no boot program\n"
	n = int(sys.argv[2])
	open(sys.argv[1], "wb").write((line * (n // len(line) + 1))[:n])
	EOF
}

say "gpt-badcrc.img (GPT whose header CRC does not match)"
img=$work/gpt-badcrc.img
truncate -s $((12 * 1024 * 1024)) "$img"
sfdisk -q "$img" <<-EOF
	label: gpt
	start=$MiB, size=$((8 * MiB)), type=$PREP_GUID, name=prep
EOF
filler "$work/filler" $((8 * 1024 * 1024))
put "$img" "$work/filler" $MiB
# Header at LBA 1: change one byte of the disk GUID (offset 56), leaving the
# stored CRC (offset 16) as it was.
python3 - "$img" <<-'EOF'
import sys
f = open(sys.argv[1], "r+b")
f.seek(512 + 56)
b = f.read(1)
f.seek(512 + 56)
f.write(bytes([b[0] ^ 0xff]))
EOF

say "mbr-truncated.img (MBR whose PReP partition runs past the end)"
img=$work/mbr-truncated.img
truncate -s $(( 9 * 1024 * 1024)) "$img"
sfdisk -q "$img" <<-EOF
	label: dos
	start=$MiB, size=$((8 * MiB)), type=41, bootable
EOF
put "$img" "$work/filler" $MiB
truncate -s $((4 * 1024 * 1024)) "$img"

say "garbage.iso (ISO 9660 signature, nonsense inside)"
python3 - "$work/garbage.iso" <<-'EOF'
import random, struct, sys
random.seed(1275)
img = bytearray(random.getrandbits(8) for _ in range(64 * 2048))
pvd = bytearray(2048)
pvd[0] = 1
pvd[1:6] = b"CD001"
pvd[6] = 1
pvd[8:40] = b"PPC".ljust(32)
pvd[40:72] = b"GARBAGE".ljust(32)
pvd[80:88] = struct.pack("<I", 64) + struct.pack(">I", 64)       # volume space size
pvd[128:132] = struct.pack("<H", 2048) + struct.pack(">H", 2048)  # block size
root = bytearray(34)
root[0] = 34
root[2:10] = struct.pack("<I", 0x7ffffff0) + struct.pack(">I", 0x7ffffff0)  # extent
root[10:18] = struct.pack("<I", 2048) + struct.pack(">I", 2048)
root[25] = 2            # directory
root[32] = 1            # identifier length, identifier 0
pvd[156:190] = root
img[16 * 2048:17 * 2048] = pvd
term = bytearray(2048)
term[0] = 255
term[1:6] = b"CD001"
term[6] = 1
img[17 * 2048:18 * 2048] = term
open(sys.argv[1], "wb").write(img)
EOF

for i in $IMAGES; do
	mv -f "$work/$i" "$out/$i"
done
rm -rf "$work"
echo "$sums" > "$out/inputs.sha256"
say "built in $out/: $IMAGES"
