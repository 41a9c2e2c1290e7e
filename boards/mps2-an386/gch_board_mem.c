/*
 * gch_board_mem.c - RAM high-water marks by painting: the stack (painted by
 * startup.S at reset) and the Mbed TLS arena (painted here once the allocator
 * owns it). Both report the deepest byte ever touched, which is what sizing
 * the stack and GCH_TLS_ARENA_SIZE needs; the production Mbed TLS build keeps
 * MBEDTLS_MEMORY_DEBUG off, so this is how the figure is measured.
 */
#include <stdint.h>

#include "gch_board.h"
#include "gch_tls_arena.h"
#include "mbedtls/build_info.h"
#include "mbedtls/platform.h"

#define STACK_PAINT 0xC0DEFACEu   /* same word as startup.S */
#define ARENA_PAINT 0xA5u

extern uint32_t __stack_limit[], __stack_top[];

size_t gch_board_stack_size(void)
{
    return (size_t)((uintptr_t)__stack_top - (uintptr_t)__stack_limit);
}

size_t gch_board_stack_peak(void)
{
    const uint32_t *p = __stack_limit;
    while (p < __stack_top && *p == STACK_PAINT) {
        p++;
    }
    return (size_t)((uintptr_t)__stack_top - (uintptr_t)p);
}

/* The arena array is private to port/gch_tls_arena.c. Mbed TLS's buffer
 * allocator keeps one bookkeeping header (8 words on a 32-bit core without
 * MBEDTLS_MEMORY_DEBUG) at the start of the (16-byte aligned) array, so the
 * first block it hands out starts right after it. Once that block is returned
 * everything from it to the end is free and can be painted; the allocator is
 * first-fit from the low end, so the highest byte no longer painted bounds the
 * peak use. */
#define ARENA_HEADER 32u
static unsigned char *arena_start, *arena_end;

void gch_board_arena_paint(void)
{
    gch_tls_arena_init();
    unsigned char *first = mbedtls_calloc(1, 1);
    if (first == NULL) {
        return;
    }
    mbedtls_free(first);
    unsigned char *start = first - ARENA_HEADER;
    if (((uintptr_t)start & 15u) != 0) {
        return; /* not the layout assumed above: report no figure rather than a wrong one */
    }
    arena_start = start;
    arena_end = start + gch_tls_arena_size();
    for (unsigned char *p = first; p < arena_end; p++) {
        *p = ARENA_PAINT;
    }
}

size_t gch_board_arena_peak(void)
{
    if (arena_start == NULL) {
        return 0;
    }
    unsigned char *p = arena_end;
    while (p > arena_start + ARENA_HEADER && p[-1] == ARENA_PAINT) {
        p--;
    }
    return (size_t)(p - arena_start);
}
