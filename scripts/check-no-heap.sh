#!/bin/sh
# Fail if any of the given objects references a heap allocator: the core, the
# port glue and the platforms are zero-malloc by design.
bad=$(nm -A -u "$@" 2>/dev/null | grep -E ' U (malloc|calloc|realloc|free|strdup|strndup|reallocarray|posix_memalign|aligned_alloc)$')
if [ -n "$bad" ]; then
    echo "check-no-heap: allocator references found:"; echo "$bad"; exit 1
fi
echo "check-no-heap: $# objects, no allocator references"
