#!/bin/sh
# make test: run every suite, keep going after a failure so one run shows all of
# them, then print one closing line "N passed, N failed" over all suites and
# exit non-zero if anything failed or a suite could not run at all.
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp); trap 'rm -f "$log"' EXIT
total_p=0; total_f=0; broken=""

suite() { # name, command...
    name=$1; shift
    echo "=== $name: $*"
    "$@" >"$log" 2>&1
    rc=$?
    cat "$log"
    # Every summary line of the suite counts (test-asan prints one for unit, one for
    # integration); per-file lines ("tests/unit/x.c: ...") are not summaries.
    lines=$(grep -E '^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed$' "$log")
    if [ -z "$lines" ]; then
        broken="$broken $name"; return
    fi
    p=0; f=0
    for n in $(printf '%s\n' "$lines" | sed -E 's/^([^ ]+: )?([0-9]+) passed.*/\2/'); do p=$((p + n)); done
    for n in $(printf '%s\n' "$lines" | sed -E 's/.* ([0-9]+) failed.*/\1/'); do f=$((f + n)); done
    total_p=$((total_p + p)); total_f=$((total_f + f))
    # A non-zero exit with no failure counted (a build error after the tests) still fails.
    [ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || broken="$broken $name"
}


suite unit       sh -c 'make --no-print-directory unit'
suite unit-clang sh -c 'make --no-print-directory clang'
suite emulator   sh -c 'make --no-print-directory test-emulator'
suite e2e        sh -c 'make --no-print-directory test-e2e'
if [ -d tests/integration ]; then
    suite integration sh -c 'make --no-print-directory test-integration'
fi
suite install    sh -c 'make --no-print-directory test-install'
# The real-world corpus is an extra outside the repository: when it is not found the
# suite says so in one line and counts as neither passed nor failed.
if "${PYTHON:-python3}" tests/corpus/run_tests.py --find >/dev/null 2>&1; then
    suite corpus sh -c 'make --no-print-directory all && "${PYTHON:-python3}" tests/corpus/run_tests.py --bin build/gcheal'
else
    echo "=== $("${PYTHON:-python3}" tests/corpus/run_tests.py --find)"
fi
suite analyze    sh -c 'make --no-print-directory analyze'
suite stack      sh -c 'make --no-print-directory stack'
suite asan       sh -c 'make --no-print-directory test-asan'
suite security   sh -c 'make --no-print-directory test-security'
suite fuzz       sh -c 'make --no-print-directory fuzz FUZZ_SECONDS=60'
suite bench-smoke sh -c 'make --no-print-directory bench-smoke'
# A git clone of the committed HEAD alone in a temporary folder: make demo and the emulator suite there.
suite fresh-clone sh -c 'make --no-print-directory test-fresh-clone'
# The firmware under QEMU (boot by name, bad provisioning, DHCP leases, the soak) and
# lwIP end to end need network namespaces and a TAP device: root and /dev/net/tun.
if [ "$(id -u)" -eq 0 ] && [ -c /dev/net/tun ]; then
    suite mcu sh -c 'make --no-print-directory test-mcu'
    suite lwip sh -c 'make --no-print-directory test-lwip'
else
    echo "=== mcu, lwip: SKIPPED: need root and /dev/net/tun (network namespaces + TAP device); CI runs them"
fi

echo
if [ -n "$broken" ]; then
    echo "suites that did not run to completion:$broken"
    total_f=$((total_f + 1))
fi
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
