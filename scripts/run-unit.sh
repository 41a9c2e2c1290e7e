#!/bin/sh
# Run every unit-test program given and add up their "N passed, N failed" lines.
passed=0; failed=0; crashed=0
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    p=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/')
    f=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    if [ -z "$line" ]; then
        echo "CRASH $t (exit $rc, no summary line)"; printf '%s\n' "$out" | tail -n 20
        crashed=$((crashed + 1)); continue
    fi
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$rc" -ne 0 ]; then printf '%s\n' "$out"; else printf '%s\n' "$line"; fi
done
failed=$((failed + crashed))
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
