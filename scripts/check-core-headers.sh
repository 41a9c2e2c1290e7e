#!/bin/sh
# core/ is freestanding: only these C headers (plus jsmn) may be included, so the
# same objects build for a host and for bare metal with no libc stdio or OS.
bad=$(grep -n '#include <' core/*.c core/*.h | grep -vE '<(stdbool|stddef|stdint|string|limits|jsmn)\.h>')
if [ -n "$bad" ]; then
    echo "check-core-headers: core/ includes a non-freestanding header:"; echo "$bad"; exit 1
fi
echo "check-core-headers: core/ includes only freestanding headers"
