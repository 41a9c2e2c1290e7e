/*
 * fuzz_util.h - what every libFuzzer harness in tests/fuzz shares: a seedable
 * splitter (so one input drives both "whole buffer" and "random slices" runs of a
 * push parser and the two can be compared) and a check that aborts loudly.
 *
 * A property violation calls FUZZ_ASSERT, which prints the condition and aborts:
 * libFuzzer records the input as a crash just like an ASan report.
 */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_ASSERT(cond)                                                                                              \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond);                              \
            abort();                                                                                                   \
        }                                                                                                              \
    } while (0)

/* xorshift32 over a caller-held state: the split pattern comes from the input, so a
 * crash reproduces from the crash file alone. */
typedef struct {
    uint32_t s;
} fuzz_rng_t;

static inline void fuzz_rng_seed(fuzz_rng_t *r, const uint8_t *data, size_t size)
{
    uint32_t s = 2166136261u; /* FNV-1a over the input: every byte moves the splits */
    for (size_t i = 0; i < size; i++)
        s = (s ^ data[i]) * 16777619u;
    r->s = s ? s : 1u;
}

static inline uint32_t fuzz_rng_next(fuzz_rng_t *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 17;
    r->s ^= r->s << 5;
    return r->s;
}

/* Length of the next slice: mode 0 the whole rest, 1 one byte, else mostly small
 * random slices with the occasional large one. Never 0 while bytes remain. */
static inline size_t fuzz_piece(fuzz_rng_t *r, int mode, size_t left)
{
    size_t n;
    if (mode == 0 || left == 0)
        return left;
    if (mode == 1)
        return 1;
    n = 1u + fuzz_rng_next(r) % ((fuzz_rng_next(r) & 3u) ? 8u : 512u);
    return n < left ? n : left;
}

#endif
