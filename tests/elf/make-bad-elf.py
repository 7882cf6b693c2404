#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes a malformed variant of a good ELF32 big-endian client, for the
# firmware's loader tests: truncated, notelf, outside-ram, over-firmware.
import struct
import sys

kind, src, dst = sys.argv[1:4]
data = bytearray(open(src, "rb").read())
assert data[:4] == b"\x7fELF" and data[4] == 1 and data[5] == 2, "need ELF32 BE"
phoff, = struct.unpack_from(">I", data, 28)
phentsize, phnum = struct.unpack_from(">HH", data, 42)


def first_load():
    for i in range(phnum):
        off = phoff + i * phentsize
        if struct.unpack_from(">I", data, off)[0] == 1:   # PT_LOAD
            return off
    raise SystemExit("no PT_LOAD")


if kind == "truncated":
    # Keep the headers, cut the segment data short.
    data = data[: phoff + phnum * phentsize + 64]
elif kind == "notelf":
    data = bytearray(b"This is a text file, not a program.\n" * 40)
elif kind == "outside-ram":
    off = first_load()
    struct.pack_into(">II", data, off + 8, 0x70000000, 0x70000000)   # vaddr, paddr
    struct.pack_into(">I", data, 24, 0x70000000)                      # e_entry
elif kind == "over-firmware":
    off = first_load()
    struct.pack_into(">II", data, off + 8, 0x1000, 0x1000)
    struct.pack_into(">I", data, 24, 0x1000)
else:
    raise SystemExit("unknown kind " + kind)
open(dst, "wb").write(data)
