#!/bin/sh
# check-fw.sh ELF MAP - the firmware's link-time promises, checked on the
# linked image: the vector table at address 0, no allocator anywhere in the
# image (malloc, free, _sbrk and friends are neither defined nor called), and
# the budget (the linker script's regions already refuse an overflow; this
# prints the figures). Prints "mcu-check: N passed, N failed".
elf=$1; map=$2
NM=${MCU_NM:-arm-none-eabi-nm}
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

vec=$($NM "$elf" | awk '$3 == "gch_vectors" { print $1 }')
[ "$vec" = "00000000" ] && ok "vector table at 0x00000000" || bad "vector table at 0x$vec, not 0"

heap=$($NM "$elf" | grep -E ' (_?_?(malloc|calloc|realloc|free|sbrk)(_r)?|_malloc_r|_free_r|_sbrk_r|_sbrk)$' || true)
[ -z "$heap" ] && ok "no allocator symbol in the image" || bad "allocator symbols: $heap"

# The map's cross reference: no object pulled anything in for an allocator.
refs=$(grep -E '^(malloc|calloc|realloc|free|_sbrk|_malloc_r|_free_r)( |$)|\((malloc|calloc|realloc|free|_sbrk|_malloc_r)\)' "$map" || true)
[ -z "$refs" ] && ok "no allocator in the link map" || bad "allocator in the map: $refs"

# The budget, from the section sizes (the regions refuse an overflow at link
# time; this shows the figures and catches a linker script that lost them).
eval "$(${MCU_SIZE:-arm-none-eabi-size} -A "$elf" | awk '
    $1 == ".text" || $1 == ".ARM.exidx" || $1 == ".gch_config" { flash += $2 }
    $1 == ".data" { flash += $2; ram += $2 }
    $1 == ".bss" || $1 == ".noinit" || $1 == ".stack" { ram += $2 }
    END { printf "flash=%d ram=%d\n", flash, ram }')"
[ "$flash" -le 262144 ] && ok "flash $flash bytes (config sector included) <= 256 KiB" || bad "flash $flash bytes > 256 KiB"
[ "$ram" -le 98304 ] && ok "RAM $ram bytes (data+bss+noinit+stack) <= 96 KiB" || bad "RAM $ram bytes > 96 KiB"
echo "mcu-check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
