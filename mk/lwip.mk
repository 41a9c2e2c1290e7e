# mk/lwip.mk - build/gcheal-lwip: the gcheal CLI on lwIP's raw TCP API over a TAP
# device (issue 5). Included by mk/build.mk, so it shares its variants, flags and
# libraries. The same CLI sources, port glue and Mbed TLS library as boards/linux;
# the port and CLI objects are compiled again because struct gch_net (inside the
# TLS connector) is the lwIP platform's here. lwIP itself is third-party code:
# its own defaults, found as a system header.
#
#   make lwip        build/gcheal-lwip (in build/<variant>/ for clang and asan)
#   make test-lwip   tests/lwip/run.sh: namespace + TAP + emulator + scenarios

LWIP_SRC := $(wildcard $(LWIP_DIR)/src/core/*.c) $(wildcard $(LWIP_DIR)/src/core/ipv4/*.c) \
            $(LWIP_DIR)/src/netif/ethernet.c
LWIP_OBJ := $(patsubst $(LWIP_DIR)/src/%.c,$(B)/lwip/src/%.o,$(LWIP_SRC))
LIB_LWIP := $(B)/liblwip.a

LWIPPLAT_SRC := $(wildcard platform/lwip/*.c)
LWIPBOARD_SRC := $(wildcard boards/linux-lwip/*.c)
LWIPPLAT_OBJ := $(LWIPPLAT_SRC:%.c=$(B)/%.o)
LWIPBOARD_OBJ := $(LWIPBOARD_SRC:%.c=$(B)/%.o) $(B)/lwip/platform/posix/gch_sys_posix.o
LWIPPORT_OBJ := $(PORT_SRC:%.c=$(B)/lwip/%.o)
LWIPCLI_OBJ := $(patsubst %.c,$(B)/lwip/%.o,$(wildcard boards/linux/gcheal_*.c))

# The board's lwipopts.h and arch/cc.h come first; platform/lwip's gch_platform.h
# must win over platform/posix's, which is searched last (only for gch_posix.h).
LWIP_INC := -isystem $(LWIP_DIR)/src/include
LWIP_CFLAGS := -std=c99 $(OPT) $(SAN) -Iboards/linux-lwip $(LWIP_INC)
LWIPHOST_CFLAGS := -std=c11 $(OPT) $(WARN) $(SAN) -Icore -Iport -Iplatform/lwip -Iboards/linux \
                   -Iboards/linux-lwip $(MBED_INC) $(JSMN_INC) $(LWIP_INC) -idirafter platform/posix

.PHONY: lwip test-lwip check-no-heap-lwip
lwip: $(BIN)/gcheal-lwip check-no-heap-lwip

$(B)/lwip/src/%.o: $(LWIP_DIR)/src/%.c
	@mkdir -p $(@D)
	@$(CC) $(LWIP_CFLAGS) $(DEPFLAGS) -c $< -o $@
	@echo "  CC (lwip) $*.c"

$(B)/platform/lwip/%.o: platform/lwip/%.c
	@mkdir -p $(@D)
	$(CC) $(LWIPHOST_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/boards/linux-lwip/%.o: boards/linux-lwip/%.c
	@mkdir -p $(@D)
	$(CC) $(LWIPHOST_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/lwip/port/%.o: port/%.c
	@mkdir -p $(@D)
	$(CC) $(LWIPHOST_CFLAGS) $(DEPFLAGS) -c $< -o $@

# The POSIX host services (clock, entropy, signals, log) are shared; the net and
# sleep calls are this board's.
$(B)/lwip/platform/posix/%.o: platform/posix/%.c
	@mkdir -p $(@D)
	$(CC) $(LWIPHOST_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(B)/lwip/boards/linux/%.o: boards/linux/%.c
	@mkdir -p $(@D)
	$(CC) $(LWIPHOST_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIB_LWIP): $(LWIP_OBJ)
	@rm -f $@; ar rcs $@ $^

LWIP_LIBS := $(LIB_CORE) $(LIB_LWIP) $(LIB_MBED)
$(BIN)/gcheal-lwip: $(LWIPCLI_OBJ) $(LWIPBOARD_OBJ) $(LWIPPLAT_OBJ) $(LWIPPORT_OBJ) \
                    $(B)/boards/linux/gch_no_heap.o $(LWIP_LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(NOHEAP_LDFLAGS) $(filter %.o,$^) -Wl,--start-group $(LWIP_LIBS) -Wl,--end-group -o $@

# Neither our lwIP code nor lwIP itself (MEM_LIBC_MALLOC 0) may reference an allocator.
check-no-heap-lwip: $(LWIPPLAT_OBJ) $(LWIPBOARD_OBJ) $(LWIPPORT_OBJ) $(LWIP_OBJ)
	@sh scripts/check-no-heap.sh $^

test-lwip: lwip
	@sh tests/lwip/run.sh $(BIN)/gcheal-lwip
