# mk/fuzz.mk - libFuzzer harnesses (tests/fuzz/fuzz_*.c) over the core parsers,
# run by the top Makefile as `make fuzz FUZZ_SECONDS=N` (each harness N seconds,
# one after another) and `make fuzz-cov` (line coverage of the parsers reached by
# the checked-in seed corpora, with llvm-cov).
#
# The core is compiled here again with clang and -fsanitize=fuzzer-no-link plus
# ASan+UBSan (every UB report aborts), so the fuzzer sees its branches. Seeds live
# in tests/fuzz/corpus/<harness>/ (checked in); what the fuzzer learns goes to
# build/fuzz/corpus/<harness>/ and crashes to build/fuzz/crashes/.

FZ := build/fuzz
FZCOV := build/fuzz-cov
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
LLVM_PROFDATA ?= $(firstword $(shell command -v llvm-profdata llvm-profdata-14 2>/dev/null))
LLVM_COV ?= $(firstword $(shell command -v llvm-cov llvm-cov-14 2>/dev/null))

FUZZ_WARN := -Wall -Wextra -Wshadow -Wconversion -Wformat=2 -Werror
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c11 -O1 -g $(FUZZ_WARN) $(FUZZ_SAN) -Itests/oracle -Icore -Iport -isystem $(JSMN_DIR)
COV_CFLAGS := -std=c11 -O0 -g $(FUZZ_WARN) -fprofile-instr-generate -fcoverage-mapping -Itests/oracle -Icore -Iport -isystem $(JSMN_DIR)

# The pure port parsers of the trust store (no Mbed TLS in them) are fuzzed too.
FUZZ_CORE_SRC := $(wildcard core/*/*.c) port/gch_pem.c port/gch_x509_name.c
FUZZ_HARNESS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_HARNESS:%=$(FZ)/%)
COV_BINS := $(FUZZ_HARNESS:%=$(FZCOV)/%)
FUZZ_CORE_OBJ := $(FUZZ_CORE_SRC:%.c=$(FZ)/%.o)
COV_CORE_OBJ := $(FUZZ_CORE_SRC:%.c=$(FZCOV)/%.o)

.PHONY: fuzz fuzz-build fuzz-cov
fuzz: fuzz-build
	@sh tests/fuzz/run-fuzz.sh $(FUZZ_SECONDS) $(FZ) $(FUZZ_HARNESS)

fuzz-build: $(FUZZ_BINS)

$(FZ)/core/%.o: core/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FZ)/port/%.o: port/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

# An archive, so a harness pulls in only the parsers it uses (not the job and its port calls).
$(FZ)/libgch_core.a: $(FUZZ_CORE_OBJ)
	@rm -f $@; ar rcs $@ $^

$(FZ)/%: tests/fuzz/%.c tests/fuzz/fuzz_util.h $(FZ)/libgch_core.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FZ)/libgch_core.a -o $@

# The firmware's provisioned-record reader is board code, pure C: linked in directly.
FW_RECORD_SRC := boards/mps2-an386/gch_fw_record.c boards/mps2-an386/gch_fw_region.c
$(FZ)/fuzz_fw_record: tests/fuzz/fuzz_fw_record.c tests/fuzz/fuzz_util.h $(FW_RECORD_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) -Iboards/mps2-an386 $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FW_RECORD_SRC) -o $@

# --- coverage: the same harnesses with libFuzzer's driver replaying the seeds only ---
$(FZCOV)/core/%.o: core/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(COV_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FZCOV)/port/%.o: port/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(COV_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FZCOV)/libgch_core.a: $(COV_CORE_OBJ)
	@rm -f $@; ar rcs $@ $^

$(FZCOV)/%: tests/fuzz/%.c tests/fuzz/fuzz_util.h $(FZCOV)/libgch_core.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(COV_CFLAGS) -fsanitize=fuzzer $< $(FZCOV)/libgch_core.a -o $@

$(FZCOV)/fuzz_fw_record: tests/fuzz/fuzz_fw_record.c tests/fuzz/fuzz_util.h $(FW_RECORD_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) -Iboards/mps2-an386 $(COV_CFLAGS) -fsanitize=fuzzer $< $(FW_RECORD_SRC) -o $@

# FUZZ_COV_CORPUS=build/fuzz/corpus measures what a longer run learnt instead of the seeds.
FUZZ_COV_CORPUS ?= tests/fuzz/corpus
fuzz-cov: $(COV_BINS)
	@sh tests/fuzz/coverage.sh "$(LLVM_PROFDATA)" "$(LLVM_COV)" $(FZCOV) $(FUZZ_COV_CORPUS) $(FUZZ_HARNESS)

-include $(shell find $(FZ) -name '*.d' 2>/dev/null)
