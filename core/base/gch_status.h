/*
 * gch_status.h - the one status enum of gcheal.
 *
 * Every failure a user can see has its own name here; no errno leaks through the
 * core. 0 is success. Codes in the "security alert" band mean the peer sent bytes
 * that break the protocol (malformed or hostile input), as opposed to bad luck on
 * the network or a caller bug: gch_status_is_alert() tells them apart.
 */
#ifndef GCH_STATUS_H
#define GCH_STATUS_H

#include <stdbool.h>

/* Keeps a rarely used function's locals out of its caller's stack frame
 * (firmware stacks are small; see make stack). */
#if defined(__GNUC__)
#define GCH_NOINLINE __attribute__((noinline))
#else
#define GCH_NOINLINE
#endif

typedef enum {
    GCH_OK = 0,

    /* Caller and configuration errors. */
    GCH_ERR_ARG = 1, /* invalid argument (a bug in the caller) */
    GCH_ERR_NOSPACE, /* a caller-supplied buffer is too small */
    GCH_ERR_STATE,   /* call not valid in the current state */
    GCH_ERR_CONFIG,  /* invalid configuration value */

    /* Network and transport: bad luck, retried by policy (gch_status_is_transient). */
    GCH_ERR_DNS = 20,  /* name did not resolve */
    GCH_ERR_CONNECT,   /* connection refused or unreachable */
    GCH_ERR_TIMEOUT,   /* a deadline passed */
    GCH_ERR_CLOSED,    /* peer closed the connection */
    GCH_ERR_NET,       /* other transport error (reset, ...) */
    GCH_ERR_TRUNCATED, /* the connection ended inside a response */

    /* TLS. */
    GCH_ERR_TLS = 40,   /* handshake or record failure */
    GCH_ERR_TLS_VERIFY, /* certificate chain or hostname not trusted */
    GCH_ERR_TLS_MEMORY, /* the static mbedTLS arena is exhausted */
    GCH_ERR_TLS_CA,     /* CA bundle could not be parsed */

    /* HTTP proxy: the proxy answered CONNECT, but not with a tunnel. Not retried:
     * the same proxy would answer the same. */
    GCH_ERR_PROXY_AUTH = 50, /* 407 (or 401): the proxy wants (other) credentials */
    GCH_ERR_PROXY,           /* any other answer but 2xx: the proxy refused the tunnel */

    /* HTTP protocol: security alerts (the server sent bytes that break HTTP/1.1). */
    GCH_ERR_HTTP_STATUS_LINE = 60,    /* malformed status line or version */
    GCH_ERR_HTTP_HEADER_SYNTAX,       /* malformed header line */
    GCH_ERR_HTTP_BARE_LF,             /* LF without CR in the head or a chunk line */
    GCH_ERR_HTTP_HEADERS_TOO_LARGE,   /* header block over the configured bound */
    GCH_ERR_HTTP_TOO_MANY_HEADERS,    /* more headers than the caller's array holds */
    GCH_ERR_HTTP_CONTENT_LENGTH,      /* invalid, duplicate-conflicting or oversized Content-Length */
    GCH_ERR_HTTP_CL_AND_CHUNKED,      /* Content-Length together with chunked */
    GCH_ERR_HTTP_TRANSFER_ENCODING,   /* a transfer coding other than chunked */
    GCH_ERR_HTTP_CHUNK_SIZE,          /* invalid chunk-size line */
    GCH_ERR_HTTP_CHUNK_TOO_LARGE,     /* chunk size over the bound */
    GCH_ERR_HTTP_CHUNK_LINE_TOO_LONG, /* chunk-size line (with extensions) over the bound */
    GCH_ERR_HTTP_TRAILER,             /* malformed trailer section */
    GCH_ERR_HTTP_UNEXPECTED_DATA,     /* bytes after a complete response we did not ask for */

    /* JSON: security alerts. */
    GCH_ERR_JSON_SYNTAX = 80, /* not valid JSON where JSON was required */
    GCH_ERR_JSON_TOO_DEEP,    /* nesting over the bound */
    GCH_ERR_JSON_TOKENS,      /* more tokens than the token pool holds */
    GCH_ERR_JSON_TYPE,        /* a member has an unexpected type */
    GCH_ERR_JSON_MISSING,     /* a required member is absent */
    GCH_ERR_JSON_DUPLICATE,   /* a member we rely on appears twice */

    /* Too large for the configured buffers (skipped, never truncated). */
    GCH_ERR_TOO_LARGE = 100,

    /* URLs. */
    GCH_ERR_URL = 110,        /* malformed URL */
    GCH_ERR_URL_FOREIGN_HOST, /* URL names a host other than the configured one */

    /* Genesys Cloud API. */
    GCH_ERR_AUTH = 120,   /* credentials refused (invalid_client) */
    GCH_ERR_PERMISSION,   /* 403: the client's role lacks a permission */
    GCH_ERR_HTTP_STATUS,  /* unexpected HTTP status (see the response details) */
    GCH_ERR_RATE_LIMITED, /* 429 with a Retry-After too long to honour */
    GCH_ERR_PAGING,       /* paging did not terminate (repeated page, page cap) */
    GCH_ERR_VERIFY,       /* re-read after PATCH did not show the change */
    GCH_ERR_CANCELLED     /* stopped by the caller (signal) */
} gch_status_t;

/* A short, stable, human-readable name for a status ("chunk size over the bound"). */
const char *gch_strerror(gch_status_t st);

/* True for codes caused by malformed or hostile input from the peer (the HTTP,
 * JSON and URL bands): never retried, since the same peer would send the same. */
bool gch_status_is_alert(gch_status_t st);

/* True for network bad luck (DNS .. TRUNCATED): worth another attempt later. */
bool gch_status_is_transient(gch_status_t st);

#endif
