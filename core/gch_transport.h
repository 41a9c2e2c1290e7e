/*
 * gch_transport.h - the byte-stream interface the HTTP client runs over.
 *
 * A context pointer plus two functions, as in coreHTTP: TLS (port/gch_tls.c),
 * plain TCP in tests, or a scripted fake in unit tests all fit. Each call tells
 * four outcomes apart: bytes moved, nothing yet (deadline passed), orderly close,
 * and error.
 */
#ifndef GCH_TRANSPORT_H
#define GCH_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    GCH_IO_DATA = 0,  /* *moved > 0 bytes were sent or received */
    GCH_IO_TIMEOUT,   /* the deadline passed with nothing moved (0 ms = would block) */
    GCH_IO_CLOSED,    /* the peer closed its side in order (recv only) */
    GCH_IO_ERROR      /* reset, unreachable or any other failure: close the connection */
} gch_io_t;

typedef struct gch_transport {
    void *ctx; /* owned by whoever set up the transport; outlives the calls */
    gch_io_t (*send)(void *ctx, const uint8_t *buf, size_t len, uint32_t timeout_ms, size_t *moved);
    gch_io_t (*recv)(void *ctx, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *moved);
} gch_transport_t;

#endif
