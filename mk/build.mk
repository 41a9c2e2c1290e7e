# mk/build.mk - the real build rules, run by the top Makefile once the pinned
# sources exist. One folder per variant: build/gcc (default), build/clang,
# build/asan. Our own code gets the strict warnings; third-party code is
# compiled with its own defaults and included as a system header.

VARIANT ?= gcc
B := build/$(VARIANT)
# The default variant's programs land directly in build/ (build/gcheal, build/gch-get).
BIN := $(if $(filter gcc,$(VARIANT)),build,$(B))

CC_gcc   := gcc
CC_clang := clang
CC_asan  := clang
CC_small := gcc
CC := $(CC_$(VARIANT))
# "small": MCU-sized buffers on the host (boards/linux/gch_config_small.h), for tests.
CFG_small := -DGCH_CONFIG_FILE='"gch_config_small.h"' -Iboards/linux
CFG := $(CFG_$(VARIANT))

SAN_asan := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN := $(SAN_$(VARIANT))
# The ASan build also measures source coverage of core/ (make coverage; LLVM_PROFILE_FILE says where).
COV_asan := -fprofile-instr-generate -fcoverage-mapping
COV := $(COV_$(VARIANT))

OPT ?= -O2 -g
WARN := -Wall -Wextra -Wshadow -Wconversion -Wformat=2 -Werror
DEPFLAGS = -MMD -MP

MBED_INC := -isystem $(MBEDTLS_DIR)/include -DMBEDTLS_CONFIG_FILE='"gch_mbedtls_config.h"'
JSMN_INC := -isystem $(JSMN_DIR)

CORE_CFLAGS  := -std=c11 $(OPT) $(WARN) $(SAN) $(COV) $(CFG) -Icore -Iport $(JSMN_INC)
HOST_CFLAGS  := -std=c11 $(OPT) $(WARN) $(SAN) $(CFG) -Icore -Iport -Iplatform/posix -Iboards/linux $(MBED_INC)
MBED_CFLAGS  := -std=c99 $(OPT) $(SAN) -Iport -Iboards/linux -I$(MBEDTLS_DIR)/include -I$(MBEDTLS_DIR)/library \
                -DMBEDTLS_CONFIG_FILE='"gch_mbedtls_config.h"'
# Any allocator call from our objects or Mbed TLS aborts (boards/linux/gch_no_heap.c).
NOHEAP_LDFLAGS := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free
LDFLAGS := $(SAN) $(COV)

CORE_SRC  := $(wildcard core/*/*.c)
PORT_SRC  := $(wildcard port/*.c)
POSIX_SRC := $(wildcard platform/posix/*.c)
MBED_SRC  := $(wildcard $(MBEDTLS_DIR)/library/*.c)
UNIT_SRC  := $(wildcard tests/unit/test_*.c)

CORE_OBJ  := $(CORE_SRC:%.c=$(B)/%.o)
PORT_OBJ  := $(PORT_SRC:%.c=$(B)/posix/%.o)
POSIX_OBJ := $(POSIX_SRC:%.c=$(B)/%.o)
MBED_OBJ  := $(patsubst $(MBEDTLS_DIR)/library/%.c,$(B)/mbedtls/%.o,$(MBED_SRC))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/unit/%)

LIB_CORE  := $(B)/libgch_core.a
LIB_HOST  := $(B)/libgch_posix.a
LIB_MBED  := $(B)/libgch_mbedtls.a

.PHONY: all unit test-e2e test-integration tools check-no-heap
all: tools

tools: $(BIN)/gch-get $(BIN)/gcheal

$(B)/core/%.o: core/%.c
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/posix/port/%.o: port/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/platform/posix/%.o: platform/posix/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/boards/linux/%.o: boards/linux/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/mbedtls/%.o: $(MBEDTLS_DIR)/library/%.c
	@mkdir -p $(@D)
	@$(CC) $(MBED_CFLAGS) $(DEPFLAGS) -c $< -o $@
	@echo "  CC (mbedtls) $*.c"

$(LIB_CORE): $(CORE_OBJ)
	@rm -f $@; ar rcs $@ $^
$(LIB_HOST): $(PORT_OBJ) $(POSIX_OBJ)
	@rm -f $@; ar rcs $@ $^
$(LIB_MBED): $(MBED_OBJ)
	@rm -f $@; ar rcs $@ $^

HOST_LIBS := $(LIB_CORE) $(LIB_HOST) $(LIB_MBED)
# The libraries call into each other (Mbed TLS -> port hooks -> core): one group.
LINK_HOST = $(CC) $(LDFLAGS) $(NOHEAP_LDFLAGS) $(filter %.o,$^) -Wl,--start-group $(HOST_LIBS) -Wl,--end-group -o $@

$(BIN)/gch-get: $(B)/boards/linux/gch_get.o $(B)/boards/linux/gch_no_heap.o $(HOST_LIBS)
	@mkdir -p $(@D)
	$(LINK_HOST)

GCHEAL_OBJ := $(patsubst %.c,$(B)/%.o,$(wildcard boards/linux/gcheal_*.c))
$(GCHEAL_OBJ): HOST_CFLAGS += $(JSMN_INC)  # gch_heal_ctx.h holds jsmn tokens
$(BIN)/gcheal: $(GCHEAL_OBJ) $(B)/boards/linux/gch_no_heap.o $(HOST_LIBS)
	@mkdir -p $(@D)
	$(LINK_HOST)

# --- unit tests: every tests/unit/test_*.c is one program over the core library ---
$(B)/tests/unit/%: tests/unit/%.c $(LIB_CORE)
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) -Itests/unit -Itests/oracle $(DEPFLAGS) $< $(LIB_CORE) $(LDFLAGS) -o $@

# --- port tests: tests/port/test_*.c run the port glue against the real Mbed TLS and tools ---
PORT_UNIT_SRC := $(wildcard tests/port/test_*.c)
PORT_UNIT_BIN := $(PORT_UNIT_SRC:tests/port/%.c=$(B)/tests/port/%)
$(B)/tests/port/%: tests/port/%.c $(HOST_LIBS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -Itests/unit $(DEPFLAGS) $< -Wl,--start-group $(HOST_LIBS) -Wl,--end-group $(LDFLAGS) -o $@

unit: $(UNIT_BIN) $(PORT_UNIT_BIN) check-no-heap
	@sh scripts/run-unit.sh $(UNIT_BIN) $(PORT_UNIT_BIN)
	@$(PYTHON) tests/layout/check_layout.py --cc $(CC) --out $(B)/layout -- $(JSMN_INC) $(MBED_INC) \
	    -Iplatform/posix -Iboards/linux

# No object of ours may even reference an allocator.
check-no-heap: $(CORE_OBJ) $(PORT_OBJ) $(POSIX_OBJ)
	@sh scripts/check-no-heap.sh $^
	@$(PYTHON) scripts/check-layers.py

test-e2e: tools
	@$(PYTHON) tests/e2e/test_gch_get.py --bin $(BIN)/gch-get

test-integration: tools
	@$(MAKE) --no-print-directory -f mk/build.mk VARIANT=small build/small/gcheal
	@GCHEAL_SMALL_BIN=build/small/gcheal $(PYTHON) tests/integration/run_tests.py --bin $(BIN)/gcheal

include mk/lwip.mk
include mk/mcu.mk

-include $(shell find $(B) -name '*.d' 2>/dev/null)
include mk/bench.mk
