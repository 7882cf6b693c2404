#!/bin/bash
# SPDX-License-Identifier: MIT
# Small disk images for tests/unit/test-disk.c, written by the same tools
# as the boot-test images (sfdisk, xorriso), each a few MiB and sparse:
#   cd.iso      ISO 9660 + Rock Ridge: \ppc\bootinfo.txt -> \boot\grub\powerpc.elf
#   mbr.img     MBR: 1 Linux, 2 PReP (type 0x41) holding the ELF
#   gpt.img     GPT: 1 Linux, 2 PReP (9E1A2D38-...) holding the ELF
#   ext.img     MBR: 1 Linux, 2 extended -> 5 Linux, 6 PReP (logical)
#   isopart.img MBR: 1 (type 0x96) holding cd.iso, no PReP (CHRP layout)
#
#   tests/disk/make-fixtures.sh OUTDIR ELF
set -eu
out=$1 elf=$2
export PATH=$PATH:/usr/sbin:/sbin
rm -rf "$out" && mkdir -p "$out/tree/ppc" "$out/tree/boot/grub"
printf '<chrp-boot>\n<boot-script>boot &device;:\\boot\\grub\\powerpc.elf test=1</boot-script>\n</chrp-boot>\n' \
	> "$out/tree/ppc/bootinfo.txt"
cp "$elf" "$out/tree/boot/grub/powerpc.elf"
printf 'marker file\n' > "$out/tree/boot/grub/Mixed-Case.Name.txt"
xorriso -as mkisofs -quiet -R -V OFTEST -o "$out/cd.iso" "$out/tree" 2>/dev/null

# A PReP partition: the ELF, then 64 KiB of filler the loader must not read.
dd if=/dev/zero bs=1k count=64 status=none | tr '\0' 'F' > "$out/filler"

mk() {	# IMG LABEL-SCRIPT
	rm -f "$1" && truncate -s 4M "$1" && sfdisk -q "$1" <<< "$2"
}
put() {	# IMG FILE SECTOR
	dd if="$2" of="$1" bs=512 seek="$3" conv=notrunc status=none
}
elf_sectors=$(( ($(stat -c %s "$elf") + 511) / 512 ))

mk "$out/mbr.img" "label: dos
start=2048, size=2048, type=83
start=4096, size=2048, type=41, bootable"
put "$out/mbr.img" "$elf" 4096
put "$out/mbr.img" "$out/filler" $((4096 + elf_sectors))

mk "$out/gpt.img" "label: gpt
start=2048, size=2048, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4
start=4096, size=2048, type=9E1A2D38-C612-4316-AA26-8B49521E5A8B"
put "$out/gpt.img" "$elf" 4096
put "$out/gpt.img" "$out/filler" $((4096 + elf_sectors))

mk "$out/ext.img" "label: dos
start=2048, size=1024, type=83
start=4096, size=4096, type=5
start=4160, size=1024, type=83
start=5248, size=1024, type=41"
put "$out/ext.img" "$elf" 5248

iso_sectors=$(( ($(stat -c %s "$out/cd.iso") + 511) / 512 ))
rm -f "$out/isopart.img" && truncate -s $(( (2048 + iso_sectors + 2048) * 512 )) "$out/isopart.img"
sfdisk -q "$out/isopart.img" <<< "label: dos
start=2048, size=$iso_sectors, type=96"
put "$out/isopart.img" "$out/cd.iso" 2048
rm -rf "$out/tree" "$out/filler"
