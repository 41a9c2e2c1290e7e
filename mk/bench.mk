# mk/bench.mk - issue 7's benchmarks (bench/), included by mk/build.mk so it
# sees the core library and flags of the variant being built.
#
#   make bench        the full run (about 10 minutes): bench/results.md + bench/scaling.png
#   make bench-smoke  one tiny round of every part of the harness (part of make test)
#   make bench-network  only the network part (proxy, trust store): its section of results.md
#
# The peer (bench/peer.js) needs the official SDK, pinned by bench/package.json
# and bench/package-lock.json, installed by npm into bench/node_modules (ignored).

BENCH_BIN := $(B)/bench/hotpath
RUSAGE_BIN := $(B)/bench/rusage

$(B)/bench/hotpath: bench/hotpath.c $(LIB_CORE) $(B)/boards/linux/gch_no_heap.o
	@mkdir -p $(@D)
	$(CC) $(CORE_CFLAGS) $(DEPFLAGS) $< $(B)/boards/linux/gch_no_heap.o $(LIB_CORE) \
	    $(LDFLAGS) $(NOHEAP_LDFLAGS) -o $@

$(B)/bench/rusage: bench/rusage.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(OPT) $(WARN) $(DEPFLAGS) $< -o $@

bench/node_modules/purecloud-platform-client-v2/package.json: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

BENCH_DEPS := tools $(BENCH_BIN) $(RUSAGE_BIN) bench/node_modules/purecloud-platform-client-v2/package.json

# The chart needs gnuplot (Debian's gnuplot-nox); the smoke run does without it.
.PHONY: bench bench-smoke bench-gnuplot bench-network
bench-gnuplot:
	@command -v gnuplot >/dev/null || { apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gnuplot-nox >/dev/null; }

bench: $(BENCH_DEPS) bench-gnuplot
	@$(PYTHON) bench/run.py --bin $(BIN)/gcheal --get $(BIN)/gch-get --hotpath $(BENCH_BIN) --rusage $(RUSAGE_BIN) \
	    --out bench

bench-smoke: $(BENCH_DEPS)
	@$(PYTHON) bench/run.py --smoke --bin $(BIN)/gcheal --get $(BIN)/gch-get --hotpath $(BENCH_BIN) \
	    --rusage $(RUSAGE_BIN) --out $(B)/bench-smoke

# Only the network part (proxy cost, trust-store arena): refreshes its section of bench/results.md.
bench-network: tools
	@$(PYTHON) bench/network.py --bin $(BIN)/gcheal --get $(BIN)/gch-get --results bench/results.md
