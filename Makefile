# SPDX-License-Identifier: MIT
# One non-recursive build. Each folder adds its rules in a Makefile.inc.
#
#   make            firmware image build/boot_rom.bin and host tools
#   make run        build and boot the embedded demo client under QEMU
#   make check      every test: unit (ASan+UBSan), fuzz (bounded), boot,
#                   nested KVM (tests/nested/)
#   make bench      boot-time benchmark against SLOF and VOF
#   make fuzz       the fuzz harnesses for longer (FUZZ_SECONDS=...)

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

BUILD      ?= build
V          ?= 0
Q          := $(if $(filter 1,$(V)),,@)
say         = $(if $(filter 1,$(V)),,@printf '  %-8s %s\n' '$(1)' '$(2)';)

# ---- firmware (big-endian ppc64, ELFv1, freestanding) ----
CROSS      ?= powerpc64-linux-gnu-
FW_CC      := $(CROSS)gcc
FW_LD      := $(CROSS)ld
FW_OBJCOPY := $(CROSS)objcopy
FW_NM      := $(CROSS)nm
FW_GCC_INC  = $(shell $(FW_CC) -print-file-name=include 2>/dev/null)
FW_CFLAGS  := -std=c11 -Wall -Wextra -Werror -Os -g \
	-ffreestanding -fno-builtin -nostdinc -isystem $(FW_GCC_INC) \
	-mbig-endian -mabi=elfv1 -mcpu=power8 -msoft-float -mno-altivec -mno-vsx \
	-mno-multiple -mno-string -mcmodel=medium -fno-pic -fno-stack-protector \
	-fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections
FW_CPPFLAGS := -Ilib/libc/include -Iinclude -Ilib

# ---- host (unit tests with sanitizers, tools) ----
HOST_CC    ?= gcc
FUZZ_CC    ?= clang
HOST_WARN  := -std=c11 -Wall -Wextra -Werror
HOST_CPPFLAGS := -Iinclude -Ilib -D_DEFAULT_SOURCE
SAN_FLAGS  := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS ?= 15

# Lists that each Makefile.inc appends to.
FW_LIB_SRCS   :=
FW_CORE_SRCS  :=
FW_BOARD_SRCS :=
UNIT_TESTS    :=
FUZZERS       :=
HOST_TOOLS    :=
BOOT_TESTS    :=

include $(sort $(wildcard lib/*/Makefile.inc))
include $(sort $(wildcard slof/Makefile.inc clients/*/Makefile.inc romfs/Makefile.inc tools/Makefile.inc))
# The image rules need every source list above: keep the board last.
include board-qemu/Makefile.inc
include $(sort $(wildcard tests/*/Makefile.inc))

.PHONY: all run check check-unit check-fuzz check-layers check-boot bench fuzz clean deps install
all: $(BUILD)/boot_rom.bin $(HOST_TOOLS)

deps:
	$(Q)scripts/install-deps.sh

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/run-demo.sh $(BUILD)/boot_rom.bin

check: deps
	$(Q)rm -f $(BUILD)/results/unit $(BUILD)/results/fuzz $(BUILD)/results/boot $(BUILD)/results/nested
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory check-layers check-unit check-fuzz
	$(Q)$(MAKE) --no-print-directory check-boot
	$(Q)$(MAKE) --no-print-directory check-nested
	$(Q)scripts/check-summary.sh

check-unit: $(UNIT_TESTS)
	$(Q)scripts/run-unit-tests.sh $(UNIT_TESTS)

check-fuzz: $(FUZZERS)
	$(Q)FUZZ_SEED=$(or $(FUZZ_SEED),1) scripts/run-fuzzers.sh $(FUZZ_SECONDS) $(FUZZERS)

fuzz: $(FUZZERS)
	$(Q)scripts/run-fuzzers.sh $(if $(filter 15,$(FUZZ_SECONDS)),300,$(FUZZ_SECONDS)) $(FUZZERS)

clean:
	rm -rf $(BUILD)/mkromfs $(BUILD)/fw $(BUILD)/host $(BUILD)/tests $(BUILD)/fuzz $(BUILD)/boot_rom.bin $(BUILD)/qemu-compat-caps $(BUILD)/clients $(BUILD)/romfs $(BUILD)/ppc64el

# Generic rules --------------------------------------------------------------
$(BUILD)/fw/%.o: %.c
	$(call say,CC,$<)mkdir -p $(@D) && $(FW_CC) $(FW_CPPFLAGS) $(FW_CFLAGS) $(FW_EXTRA_CPPFLAGS_$(firstword $(subst /, ,$<))) -MMD -MP -c $< -o $@

$(BUILD)/fw/%.o: %.S
	$(call say,AS,$<)mkdir -p $(@D) && $(FW_CC) $(FW_CPPFLAGS) $(FW_CFLAGS) -D__ASSEMBLY__ -MMD -MP -c $< -o $@

# Host objects of the same sources, for unit tests (ASan+UBSan).
$(BUILD)/host/%.o: %.c
	$(call say,HOSTCC,$<)mkdir -p $(@D) && $(HOST_CC) $(HOST_WARN) $(HOST_CPPFLAGS) $(SAN_FLAGS) -MMD -MP -c $< -o $@

# Fuzz objects (clang, libFuzzer).
$(BUILD)/fuzzobj/%.o: %.c
	$(call say,FUZZCC,$<)mkdir -p $(@D) && $(FUZZ_CC) $(HOST_WARN) $(HOST_CPPFLAGS) $(FUZZ_FLAGS) -MMD -MP -c $< -o $@

-include $(shell find $(BUILD) -name '*.d' -type f 2>/dev/null)
