/*
 * gch_tls_arena.c - owns the static arena behind Mbed TLS's allocator.
 *
 * Until gch_tls_arena_init() runs, Mbed TLS's default calloc is
 * gch_arena_calloc_unset(), which fails: nothing can silently reach libc's heap.
 */
#include "gch_tls_arena.h"

#include "mbedtls/build_info.h"
#include "mbedtls/memory_buffer_alloc.h"
#include <stdint.h>

/* Referenced by MBEDTLS_PLATFORM_STD_CALLOC/FREE in gch_mbedtls_common.h. */
void *gch_arena_calloc_unset(size_t n, size_t size);
void gch_arena_free_unset(void *p);

void *gch_arena_calloc_unset(size_t n, size_t size)
{
    (void)n;
    (void)size;
    return NULL;
}

void gch_arena_free_unset(void *p)
{
    (void)p;
}

static unsigned char arena[GCH_TLS_ARENA_SIZE] __attribute__((aligned(16)));
static int arena_ready;

void gch_tls_arena_init(void)
{
    if (!arena_ready) {
        mbedtls_memory_buffer_alloc_init(arena, sizeof arena);
        arena_ready = 1;
    }
}

size_t gch_tls_arena_used(void)
{
#if defined(MBEDTLS_MEMORY_DEBUG)
    size_t used = 0, blocks = 0;
    mbedtls_memory_buffer_alloc_cur_get(&used, &blocks);
    return used;
#else
    return 0;
#endif
}

size_t gch_tls_arena_peak(void)
{
#if defined(MBEDTLS_MEMORY_DEBUG)
    size_t used = 0, blocks = 0;
    mbedtls_memory_buffer_alloc_max_get(&used, &blocks);
    return used;
#else
    return 0;
#endif
}

size_t gch_tls_arena_size(void)
{
    return sizeof arena;
}
