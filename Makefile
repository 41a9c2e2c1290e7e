# gcheal - top-level Makefile (GNU make). The front door: it makes sure the pinned
# third-party sources are there, then hands the real work to mk/build.mk, whose
# wildcards can only be evaluated once those sources exist.
#
#   make            build the CLI and tools (build/gcheal, build/gch-get)
#   make test       everything CI checks (unit, emulator, end-to-end, integration)
#   make demo       the main job against the bundled emulator
#   make deps       fetch and verify the pinned sources only
#
# Bring your own trees: make MBEDTLS_DIR=/sdk/mbedtls LWIP_DIR=/sdk/lwip JSMN_DIR=/sdk/jsmn

DEPS_DIR    ?= build/deps
MBEDTLS_DIR ?= $(DEPS_DIR)/mbedtls
LWIP_DIR    ?= $(DEPS_DIR)/lwip
JSMN_DIR    ?= $(DEPS_DIR)/jsmn
export MBEDTLS_DIR LWIP_DIR JSMN_DIR

PYTHON ?= python3
export PYTHON

INNER = $(MAKE) --no-print-directory -f mk/build.mk

# Only the trees left at their default location are fetched.
FETCH := $(if $(filter $(DEPS_DIR)/%,$(MBEDTLS_DIR)),mbedtls) \
         $(if $(filter $(DEPS_DIR)/%,$(LWIP_DIR)),lwip) \
         $(if $(filter $(DEPS_DIR)/%,$(JSMN_DIR)),jsmn)

.PHONY: all deps test unit test-e2e test-emulator test-integration demo emulator clean \
        clang asan tools lwip test-lwip

all: deps
	@$(INNER) all

deps:
	@sh scripts/fetch-deps.sh $(DEPS_DIR) $(strip $(FETCH))

unit test-e2e test-integration tools lwip test-lwip: deps
	@$(INNER) $@

# Firmware for the MPS2 AN386 board (Cortex-M4; mk/mcu.mk): ELF, run under QEMU, size table.
.PHONY: board qemu-demo size test-mcu test-fw-record
board qemu-demo size test-mcu test-fw-record: deps
	@$(INNER) $@

# Benchmarks against the official Genesys SDK (mk/bench.mk, bench/results.md); the smoke run is in make test.
.PHONY: bench bench-smoke
bench bench-smoke: deps
	@$(INNER) $@

# Hardening (issue 8): libFuzzer harnesses (mk/fuzz.mk), static analysis and the stack
# budget (mk/analysis.mk), unit + integration tests under ASan+UBSan, security tests.
.PHONY: fuzz fuzz-cov analyze stack test-asan test-security
fuzz fuzz-cov: deps
	@$(MAKE) --no-print-directory -f mk/fuzz.mk $@
analyze stack: deps
	@$(MAKE) --no-print-directory -f mk/analysis.mk $@
test-asan: deps
	@$(INNER) unit test-integration VARIANT=asan
test-security: deps
	@$(INNER) tools
	@$(PYTHON) tests/security/run_tests.py --bin build/gcheal

test-emulator:
	@$(PYTHON) tests/emulator/run_tests.py

test: deps
	@sh scripts/run-tests.sh

demo: deps
	@$(INNER) all
	@sh scripts/demo.sh

emulator:
	@$(PYTHON) tests/emulator/gcemu.py --org demo

# The same build with clang, and with ASan+UBSan, in their own build folders.
clang: deps
	@$(INNER) all unit lwip VARIANT=clang
asan: deps
	@$(INNER) all unit VARIANT=asan

clean:
	rm -rf build/gcc build/clang build/asan build/gcheal build/gch-get
