# mk/mcu.mk - the MPS2 AN386 (Cortex-M4F) firmware, included by mk/build.mk.
#
#   board      build/mcu/gcheal-fw.elf (+ .map): core + port + platform/lwip
#              + lwIP + Mbed TLS + boards/mps2-an386, linked to the footprint budget,
#              its config sector erased (boards/mps2-an386/provision.py writes it)
#   qemu-demo  the provisioned device under qemu-system-arm: lease, DNS, two heal runs
#   test-mcu   everything the firmware is tested by: mcu-check, the record reader
#              on the host, qemu-demo, bad provisioning, DHCP lease renewal and loss,
#              the soak (tests/mcu)
#   size       docs/SIZE.md: per-file text+data at -O1/-Os, the whole firmware,
#              the RAM marks of the last qemu-demo and soak, the HTTP proxy's cost
#   proxy-size the flash the HTTP proxy code (port/gch_proxy.c) adds when linked in
#
# MCU_CA_FILE: the PEM compiled into the firmware as its built-in CA (the
# Amazon root the Genesys Cloud API chains to); a provisioned record may carry
# its own bundle instead, as the tests do with the emulator's throwaway CA.
# MCU_OUT: build folder.

MCU_CC      ?= arm-none-eabi-gcc
MCU_SIZE    ?= arm-none-eabi-size
MCU_NM      ?= arm-none-eabi-nm
MCU_OBJCOPY ?= arm-none-eabi-objcopy
MCU_OUT     ?= build/mcu
MCU_CA_FILE ?= /etc/ssl/certs/Amazon_Root_CA_1.pem
MCU_BOARD   := boards/mps2-an386

# -MD, not -MMD: lwipopts.h and the Mbed TLS config are reached through
# third-party headers found with -isystem, which -MMD would leave out.
MCU_DEPFLAGS := -MD -MP
MCU_ARCH   := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
MCU_OPT    ?= -Os -g
MCU_COMMON := $(MCU_ARCH) $(MCU_OPT) -ffunction-sections -fdata-sections -DNDEBUG
MCU_LWIP_INC := -isystem $(LWIP_DIR)/src/include -I$(MCU_BOARD)
MCU_MBED_DEF := -DMBEDTLS_CONFIG_FILE='"gch_mbedtls_config.h"'
MCU_CFG_DEF  := -DGCH_CONFIG_FILE='"gch_board_config.h"'

# Our code: strict warnings; third-party trees as system headers, their own defaults.
MCU_OUR_CFLAGS := -std=c11 $(MCU_COMMON) $(WARN) $(MCU_CFG_DEF) \
                  -Icore -Iport -Iplatform/lwip -I$(MCU_BOARD) $(MCU_LWIP_INC) \
                  -isystem $(JSMN_DIR) -isystem $(MBEDTLS_DIR)/include $(MCU_MBED_DEF)
MCU_MBED_CFLAGS := -std=c99 $(MCU_COMMON) -Iport -I$(MCU_BOARD) \
                   -I$(MBEDTLS_DIR)/include -I$(MBEDTLS_DIR)/library $(MCU_MBED_DEF)
MCU_LWIP_CFLAGS := -std=c99 $(MCU_COMMON) -Iplatform/lwip $(MCU_LWIP_INC)

MCU_LWIP_SRC := $(wildcard $(LWIP_DIR)/src/core/*.c $(LWIP_DIR)/src/core/ipv4/*.c) \
                $(LWIP_DIR)/src/netif/ethernet.c
MCU_OWN_SRC  := $(wildcard core/*/*.c port/*.c platform/lwip/*.c $(MCU_BOARD)/*.c)

MCU_OWN_OBJ  := $(MCU_OWN_SRC:%.c=$(MCU_OUT)/%.o) $(MCU_OUT)/$(MCU_BOARD)/startup.o
MCU_LWIP_OBJ := $(patsubst $(LWIP_DIR)/src/%.c,$(MCU_OUT)/lwip/%.o,$(MCU_LWIP_SRC))
MCU_MBED_OBJ := $(patsubst $(MBEDTLS_DIR)/library/%.c,$(MCU_OUT)/mbedtls/%.o,$(MBED_SRC))
# MCU_IMAGE names the linked image; only the embedded CA differs between images.
MCU_IMAGE ?= gcheal-fw
MCU_ELF := $(MCU_OUT)/$(MCU_IMAGE).elf
MCU_CA_OBJ := $(MCU_OUT)/$(MCU_IMAGE)-ca.o

BOARD ?= mps2-an386
ifneq ($(BOARD),mps2-an386)
$(error BOARD=$(BOARD): the only firmware board is mps2-an386)
endif

.PHONY: board mcu-check qemu-demo size test-mcu test-fw-record
board: $(MCU_ELF) mcu-check

$(MCU_OUT)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC (arm) $<"; $(MCU_CC) $(MCU_OUR_CFLAGS) $(MCU_DEPFLAGS) -c $< -o $@

$(MCU_OUT)/$(MCU_BOARD)/startup.o: $(MCU_BOARD)/startup.S
	@mkdir -p $(@D)
	@echo "  CC (arm) $<"; $(MCU_CC) $(MCU_ARCH) -c $< -o $@

$(MCU_OUT)/lwip/%.o: $(LWIP_DIR)/src/%.c
	@mkdir -p $(@D)
	@$(MCU_CC) $(MCU_LWIP_CFLAGS) $(MCU_DEPFLAGS) -c $< -o $@
	@echo "  CC (lwip, arm) $*.c"

$(MCU_OUT)/mbedtls/%.o: $(MBEDTLS_DIR)/library/%.c
	@mkdir -p $(@D)
	@$(MCU_CC) $(MCU_MBED_CFLAGS) $(MCU_DEPFLAGS) -c $< -o $@
	@echo "  CC (mbedtls, arm) $*.c"

# The trusted CA as a NUL-terminated C array (Mbed TLS wants the NUL in PEM).
# Rebuilt when the file or its name changes.
$(MCU_OUT)/$(MCU_IMAGE)-ca.c: $(MCU_CA_FILE) $(MCU_BOARD)/gen_ca.py FORCE
	@mkdir -p $(@D)
	@$(PYTHON) $(MCU_BOARD)/gen_ca.py $(MCU_CA_FILE) $@
$(MCU_CA_OBJ): $(MCU_OUT)/$(MCU_IMAGE)-ca.c
	@echo "  CC (arm) $<"; $(MCU_CC) $(MCU_OUR_CFLAGS) -c $< -o $@
FORCE:

$(MCU_OUT)/libgch_mbedtls.a: $(MCU_MBED_OBJ)
	@rm -f $@; arm-none-eabi-ar rcs $@ $^
$(MCU_OUT)/liblwip.a: $(MCU_LWIP_OBJ)
	@rm -f $@; arm-none-eabi-ar rcs $@ $^

# No start files and no syscall stubs: newlib's malloc would need _sbrk, which
# nothing defines, so a heap call cannot even link; mcu-check proves it with nm.
$(MCU_ELF): $(MCU_OWN_OBJ) $(MCU_CA_OBJ) $(MCU_OUT)/libgch_mbedtls.a $(MCU_OUT)/liblwip.a $(MCU_BOARD)/mps2_an386.ld
	@echo "  CC (arm) $<"; $(MCU_CC) $(MCU_ARCH) -nostartfiles --specs=nano.specs -T $(MCU_BOARD)/mps2_an386.ld \
	    -Wl,--gc-sections -Wl,--cref -Wl,-Map=$(MCU_OUT)/$(MCU_IMAGE).map -Wl,--print-memory-usage \
	    $(MCU_LDEXTRA) $(MCU_OWN_OBJ) $(MCU_CA_OBJ) -Wl,--start-group $(MCU_OUT)/libgch_mbedtls.a $(MCU_OUT)/liblwip.a -lc -lgcc -Wl,--end-group -o $@
	$(MCU_SIZE) $@

# The flash a firmware that reaches Genesys Cloud through an HTTP proxy would add: the
# same image linked with the proxy dialer kept as a root (port/gch_proxy.c and the
# CONNECT writer and reader of core/http it calls), compared with the default one.
.PHONY: proxy-size
proxy-size: $(MCU_ELF)
	@$(MAKE) --no-print-directory -f mk/build.mk $(MCU_OUT)/gcheal-fw-proxy.elf MCU_IMAGE=gcheal-fw-proxy \
	    MCU_LDEXTRA="-Wl,--undefined=gch_proxy_init -Wl,--undefined=gch_proxy_dialer" >/dev/null
	@sh $(MCU_BOARD)/proxy-size.sh $(MCU_ELF) $(MCU_OUT)/gcheal-fw-proxy.elf

mcu-check: $(MCU_ELF)
	@sh $(MCU_BOARD)/check-fw.sh $(MCU_ELF) $(MCU_OUT)/$(MCU_IMAGE).map

# The firmware tests run as root in network namespaces they create (tests/mcu/fwnet.py).
qemu-demo: board
	@$(PYTHON) $(MCU_BOARD)/qemu_demo.py

# The record reader is plain C: built for the host with the sanitizers.
MCU_HOST_TEST := $(MCU_OUT)/host/test_fw_record
$(MCU_HOST_TEST): tests/mcu/test_fw_record.c $(MCU_BOARD)/gch_fw_record.c $(MCU_BOARD)/gch_fw_region.c \
                  $(MCU_BOARD)/gch_fw_record.h
	@mkdir -p $(@D)
	$(CC) -std=c11 -O1 -g $(WARN) -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -I$(MCU_BOARD) -Itests/unit $(filter %.c,$^) -o $@
test-fw-record: $(MCU_HOST_TEST)
	@out=$$($(MCU_HOST_TEST) 2>&1); rc=$$?; printf '%s\n' "$$out" | grep -v ' passed, '; \
	    printf '%s\n' "$$out" | sed -n 's/^.*: \([0-9]* passed, [0-9]* failed\)$$/fw-record: \1/p'; exit $$rc

test-mcu: board
	@rc=0; \
	$(MAKE) --no-print-directory test-fw-record || rc=1; \
	$(PYTHON) $(MCU_BOARD)/qemu_demo.py || rc=1; \
	$(PYTHON) tests/mcu/test_provisioning.py || rc=1; \
	$(PYTHON) tests/mcu/test_lease.py || rc=1; \
	$(PYTHON) tests/mcu/test_soak.py || rc=1; \
	exit $$rc

size: board proxy-size
	@$(PYTHON) $(MCU_BOARD)/size_table.py --elf $(MCU_ELF) --out docs/SIZE.md \
	    --proxy-elf $(MCU_OUT)/gcheal-fw-proxy.elf

-include $(shell find $(MCU_OUT) -name '*.d' 2>/dev/null)
