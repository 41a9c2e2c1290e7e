/*
 * gch_board_mem.c - RAM high-water marks by painting: the stack (painted by
 * startup.S at reset) and the Mbed TLS arena (painted here once the allocator
 * owns it). Both report the deepest byte touched since the last paint, which
 * is what sizing the stack and GCH_TLS_ARENA_SIZE needs; the watch loop
 * repaints before each run so every run reports its own marks, and a mark
 * that creeps up from run to run shows a leak. The production Mbed TLS build
 * keeps MBEDTLS_MEMORY_DEBUG off, so this is how the figures are measured.
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

/* Everything below this frame (minus a margin for the loop's own calls) is free. */
void gch_board_stack_repaint(void)
{
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    uint32_t *p = __stack_limit;
    for (uintptr_t end = sp - 64u; (uintptr_t)p < end; p++) {
        *p = STACK_PAINT;
    }
}

/* The arena array is private to port/gch_tls_arena.c; Mbed TLS 3.6's buffer
 * allocator (memory_buffer_alloc.c, without MBEDTLS_MEMORY_DEBUG/BACKTRACE)
 * keeps a list of these headers through it, the first at the (16-byte
 * aligned) start of the array. Mirrored here to count what is held and to
 * find the free tail; the magic words are checked, and a layout that does not
 * match reports no figure rather than a wrong one. */
typedef struct block {
    size_t magic1, size, alloc;
    struct block *prev, *next, *prev_free, *next_free;
    size_t magic2;
} block_t;
#define MAGIC1 0xFF00AA55u
#define MAGIC2 0xEE119966u

static unsigned char *arena_start, *arena_end;

static int sane(const block_t *b)
{
    return (const unsigned char *)b >= arena_start && (const unsigned char *)(b + 1) <= arena_end &&
           b->magic1 == MAGIC1 && b->magic2 == MAGIC2;
}

/* The last block, when it is free: the tail everything else ends before. */
static block_t *free_tail(void)
{
    block_t *b = (block_t *)arena_start;
    if (b == NULL || !sane(b)) {
        return NULL;
    }
    while (b->next != NULL) {
        b = b->next;
        if (!sane(b)) {
            return NULL;
        }
    }
    return b->alloc == 0 ? b : NULL;
}

static void paint_tail(void)
{
    block_t *t = free_tail();
    if (t == NULL) {
        return;
    }
    for (unsigned char *p = (unsigned char *)(t + 1); p < arena_end; p++) {
        *p = ARENA_PAINT;
    }
}

void gch_board_arena_paint(void)
{
    gch_tls_arena_init();
    unsigned char *first = mbedtls_calloc(1, 1);
    if (first == NULL) {
        return;
    }
    mbedtls_free(first);
    unsigned char *start = first - sizeof(block_t);
    if (((uintptr_t)start & 15u) != 0) {
        return; /* not the layout assumed above */
    }
    arena_start = start;
    arena_end = start + gch_tls_arena_size();
    paint_tail();
}

void gch_board_arena_repaint(void)
{
    paint_tail();
}

size_t gch_board_arena_peak(void)
{
    if (arena_start == NULL) {
        return 0;
    }
    unsigned char *p = arena_end;
    while (p > arena_start + sizeof(block_t) && p[-1] == ARENA_PAINT) {
        p--;
    }
    return (size_t)(p - arena_start);
}

int gch_board_arena_in_use(size_t *bytes, size_t *blocks)
{
    *bytes = *blocks = 0;
    block_t *b = (block_t *)arena_start;
    for (; b != NULL; b = b->next) {
        if (!sane(b)) {
            return -1;
        }
        if (b->alloc != 0) {
            *bytes += b->size;
            ++*blocks;
        }
    }
    return arena_start != NULL ? 0 : -1;
}
