# gcheal - top-level Makefile (GNU make). The front door: it makes sure the pinned
# third-party sources are there, then hands the real work to mk/build.mk, whose
# wildcards can only be evaluated once those sources exist.
#
#   make            build the CLI and tools (build/gcheal, build/gch-get)
#   make test       install missing host tools, then everything CI checks
#   make demo       install missing host tools for it, then the main job against the bundled emulator
#   make deps       fetch and verify the pinned sources only
#   make install    bin/gcheal, man1/gcheal.1, share/gcheal/ (systemd unit, environment file)
#                   under $(DESTDIR)$(PREFIX) (PREFIX default /usr/local); make uninstall
#   make clean      everything the build made (build/ but the fetched sources); make distclean: all
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

.PHONY: all deps test unit test-e2e test-emulator test-integration demo emulator clean distclean \
        clang asan tools lwip test-lwip setup-host install uninstall test-install test-fresh-clone

all: deps
	@$(INNER) all

deps:
	@sh scripts/fetch-deps.sh $(DEPS_DIR) $(strip $(FETCH))

unit test-e2e test-integration tools lwip test-lwip: deps
	@$(INNER) $@

# Firmware for the MPS2 AN386 board (Cortex-M4; mk/mcu.mk): ELF, run under QEMU, size table.
.PHONY: board qemu-demo size proxy-size test-mcu test-fw-record
board qemu-demo size proxy-size test-mcu test-fw-record: deps
	@$(INNER) $@

# Benchmarks against the official Genesys SDK (mk/bench.mk, bench/results.md); the smoke run is in make test.
.PHONY: bench bench-smoke bench-network
bench bench-smoke bench-network: deps
	@$(INNER) $@

# Hardening (issue 8): libFuzzer harnesses (mk/fuzz.mk), static analysis and the stack
# budget (mk/analysis.mk), unit + integration tests under ASan+UBSan, security tests.
.PHONY: fuzz fuzz-cov analyze stack test-asan coverage test-security
fuzz fuzz-cov: deps
	@$(MAKE) --no-print-directory -f mk/fuzz.mk $@
analyze stack: deps
	@$(MAKE) --no-print-directory -f mk/analysis.mk $@
# ASan+UBSan over the unit and integration tests, with source coverage of core/ measured on
# the way; the gate is the line coverage reached (it may only go up).
COVERAGE_MIN_LINES ?= 93.8
COV_PROFILES := $(CURDIR)/build/asan/profiles
test-asan coverage: deps
	@rm -rf $(COV_PROFILES); mkdir -p $(COV_PROFILES)
	@LLVM_PROFILE_FILE=$(COV_PROFILES)/%p.profraw $(INNER) unit test-integration VARIANT=asan
	@$(PYTHON) scripts/coverage-report.py --profiles $(COV_PROFILES) --min-lines $(COVERAGE_MIN_LINES) \
	    build/asan/gcheal build/asan/tests/unit/test_*
test-security: deps
	@$(INNER) tools
	@$(PYTHON) tests/security/run_tests.py --bin build/gcheal

test-emulator:
	@$(PYTHON) tests/emulator/run_tests.py

# The host tools (scripts/host-packages.txt) come first: the pinned sources need
# some of them to be fetched at all. Missing ones are installed with apt (as root),
# or the exact apt-get line is printed and make stops.
setup-host:
	@sh scripts/setup-host.sh test

test:
	@sh scripts/setup-host.sh test
	@$(MAKE) --no-print-directory deps
	@sh scripts/run-tests.sh

demo:
	@sh scripts/setup-host.sh demo
	@$(MAKE) --no-print-directory deps
	@$(INNER) all
	@sh scripts/demo.sh

# --- make install / uninstall (the GNU conventions: PREFIX, DESTDIR) ---
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/gcheal
INSTALL  ?= install
# Exactly what install puts in place, and all that uninstall removes (plus the
# share/gcheal folder, which is gcheal's own).
INSTALLED = $(DESTDIR)$(BINDIR)/gcheal $(DESTDIR)$(MANDIR)/man1/gcheal.1 \
            $(DESTDIR)$(SHAREDIR)/gcheal-watch.service $(DESTDIR)$(SHAREDIR)/gcheal.env

install: all
	@mkdir -p build/dist
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SHAREDIR@|$(SHAREDIR)|g' dist/gcheal-watch.service.in \
	    > build/dist/gcheal-watch.service
	sed -e 's|PREFIX/|$(PREFIX)/|g' docs/gcheal.1 > build/dist/gcheal.1
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SHAREDIR)
	$(INSTALL) -m 0755 build/gcheal $(DESTDIR)$(BINDIR)/gcheal
	$(INSTALL) -m 0644 build/dist/gcheal.1 $(DESTDIR)$(MANDIR)/man1/gcheal.1
	$(INSTALL) -m 0644 build/dist/gcheal-watch.service $(DESTDIR)$(SHAREDIR)/gcheal-watch.service
	$(INSTALL) -m 0644 dist/gcheal.env $(DESTDIR)$(SHAREDIR)/gcheal.env

# Under a DESTDIR (a staging tree) the folders left empty go too, up to DESTDIR;
# on the live system (no DESTDIR) shared folders such as /usr/local/bin always stay.
uninstall:
	rm -f $(INSTALLED)
	@if [ -d "$(DESTDIR)$(SHAREDIR)" ]; then rmdir "$(DESTDIR)$(SHAREDIR)" || \
	    echo "uninstall: kept $(DESTDIR)$(SHAREDIR): it holds files gcheal did not install"; fi
	@if [ -n "$(DESTDIR)" ]; then for d in "$(BINDIR)" "$(MANDIR)/man1" "$(SHAREDIR)"; do \
	    while [ "$$d" != / ] && [ "$$d" != . ] && [ -n "$$d" ]; do \
	        rmdir "$(DESTDIR)$$d" 2>/dev/null || break; d=$$(dirname "$$d"); done; done; fi

# make install into a temporary DESTDIR and check the installed tree (tests/install).
test-install: all
	@$(PYTHON) tests/install/run_tests.py TestInstall TestSetupHost

# A git clone of the committed HEAD, alone in a temporary folder: make demo and the
# emulator suite there, reusing the fetched pinned sources (tests/install).
test-fresh-clone:
	@$(PYTHON) tests/install/run_tests.py TestFreshClone

emulator:
	@$(PYTHON) tests/emulator/gcemu.py --org demo

# The same build with clang, and with ASan+UBSan, in their own build folders.
clang: deps
	@$(INNER) all unit lwip VARIANT=clang
asan: deps
	@$(INNER) all unit VARIANT=asan

# Formatting (.clang-format, clang-format 14). format-check is part of make analyze.
FORMAT_FILES = $(wildcard core/*.h core/*/*.[ch] port/*.[ch] tests/unit/*.[ch] tests/port/*.[ch] tests/oracle/*.h \
                          tests/fuzz/*.[ch] tests/layout/*.h)
.PHONY: format format-check
format:
	@clang-format --style=file -i $(FORMAT_FILES)
format-check:
	@clang-format --style=file --dry-run -Werror $(FORMAT_FILES) && echo "format-check: $(words $(FORMAT_FILES)) files formatted"

# Everything under build/ except the fetched sources (make distclean removes those too).
clean:
	@if [ -d build ]; then find build -mindepth 1 -maxdepth 1 ! -name deps -exec rm -rf {} +; fi
	@find bench boards scripts tests -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf build
