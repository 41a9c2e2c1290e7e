/*
 * gch_tls_arena.h - the static memory Mbed TLS allocates from.
 *
 * Mbed TLS is built with MBEDTLS_MEMORY_BUFFER_ALLOC_C: every mbedtls_calloc
 * comes from one static array sized by GCH_TLS_ARENA_SIZE (board config), never
 * from the C library's heap.
 */
#ifndef GCH_TLS_ARENA_H
#define GCH_TLS_ARENA_H

#include "gch_config.h"
#include <stddef.h>

/* Idempotent: the first call hands the array to Mbed TLS. */
void gch_tls_arena_init(void);
/* Bytes in use now and the most ever in use (0 when the board built Mbed TLS
 * without MBEDTLS_MEMORY_DEBUG). */
size_t gch_tls_arena_used(void);
size_t gch_tls_arena_peak(void);
size_t gch_tls_arena_size(void);

#endif
