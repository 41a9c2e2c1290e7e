#!/bin/sh
# run-fuzz.sh SECONDS BUILD_DIR HARNESS... - runs each libFuzzer harness for SECONDS,
# FUZZ_JOBS (default: the number of cores) at a time, starting from the checked-in
# seeds plus what earlier runs kept in BUILD_DIR/corpus/<harness>. A harness passes when it ran its time without a
# crash, leak, sanitizer report or timeout; crash inputs land in BUILD_DIR/crashes/.
# Prints one line per harness (executions, coverage) and "fuzz: N passed, N failed".
secs=$1; dir=$2; shift 2
passed=0; failed=0
mkdir -p "$dir/crashes"
# One harness; its verdict goes to $dir/$h.result ("ok ..." or "FAIL ...").
run_one() {
    h=$1
    seeds=tests/fuzz/corpus/$h
    work=$dir/corpus/$h
    log=$dir/$h.log
    mkdir -p "$work" "$seeds"
    # -max_len: parsers see at most a few KB per call in practice; bigger inputs
    # only slow the search. -timeout: a parser stuck for 10 s is a defect.
    "$dir/$h" -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$dir/crashes/$h-" "$work" "$seeds" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -aEo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
    if [ "$rc" -eq 0 ]; then
        echo "ok   $h: ${execs:-?} executions in ${secs}s ($cov)" >"$dir/$h.result"
    else
        { echo "FAIL $h (exit $rc): see $log"
          grep -aE 'ERROR|property violated|runtime error|Test unit written' "$log" | head -n 10; } >"$dir/$h.result"
    fi
}

# As many harnesses at once as there are cores (CI's time is bounded).
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
running=0
for h in "$@"; do
    rm -f "$dir/$h.result"
    run_one "$h" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait
for h in "$@"; do
    if [ -f "$dir/$h.result" ] && head -n 1 "$dir/$h.result" | grep -q '^ok '; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
    cat "$dir/$h.result" 2>/dev/null || echo "FAIL $h: no result"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
