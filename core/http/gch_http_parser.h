/*
 * gch_http_parser.h - incremental, push-style HTTP/1.1 response parser.
 *
 * Called by the HTTP client layer with whatever bytes the transport delivered, down
 * to one byte at a time. All state lives in the caller-owned gch_http_parser_t; no
 * heap, no globals, body bytes are never copied: BODY events are slices of the input.
 *
 * The caller's loop (one response; bytes in buf[0..n)):
 *
 *     for (;;) {
 *         st = gch_http_parser_feed(p, buf, n, &used, &ev);   // n may be 0
 *         if (st != GCH_OK) break;                             // error, sticky
 *         buf += used; n -= used;
 *         if (ev.type == GCH_HTTP_EV_HEAD) ... p->status, gch_http_parser_header(...)
 *         if (ev.type == GCH_HTTP_EV_BODY) ... consume ev.data[0..ev.len)
 *         if (ev.type == GCH_HTTP_EV_DONE) break;              // n bytes may remain
 *         if (ev.type == GCH_HTTP_EV_NEED_MORE) { read more into buf, n; or on orderly
 *             close: st = gch_http_parser_feed_eof(p, &ev); }
 *     }
 *
 * Keep calling feed until it says NEED_MORE or DONE, even with no bytes left: events
 * that need no input (DONE after a bodiless HEAD, DONE after the last Content-Length
 * byte) are reported by the next call. NEED_MORE always means every byte was consumed.
 * After DONE, bytes left over are the next pipelined response (call
 * gch_http_parser_reset() and feed them) or GCH_ERR_HTTP_UNEXPECTED_DATA.
 *
 * Strict by design (each failure has its own code in gch_status.h): bare LF, obs-fold,
 * whitespace before a colon, Content-Length with chunked, any transfer coding but
 * exactly "chunked", conflicting or malformed Content-Length, chunk sizes that are not
 * hex or exceed the bound, chunk-size lines over the bound, missing CRLF after chunk
 * data, header blocks over the caller's storage (detected without consuming more than
 * that storage), more headers than the caller's array, 101 Switching Protocols.
 */
#ifndef GCH_HTTP_PARSER_H
#define GCH_HTTP_PARSER_H

#include "gch_config.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"
#include "gch_http_header.h"

typedef enum {
    GCH_HTTP_EV_NEED_MORE = 0, /* all input consumed, nothing to report */
    GCH_HTTP_EV_HEAD,          /* status line and headers complete (final response only) */
    GCH_HTTP_EV_BODY,          /* data/len: de-chunked body bytes */
    GCH_HTTP_EV_DONE           /* message complete; see keep_alive */
} gch_http_event_type_t;

typedef struct {
    gch_http_event_type_t type;
    const uint8_t *data; /* BODY: points into the `in` of this feed call, no copy */
    size_t len;          /* BODY: byte count (> 0); otherwise 0 */
} gch_http_event_t;

typedef struct {
    char *head_buf; /* caller-owned, outlives the parser: holds the status line
                                * and headers (they may span many reads); its size is the
                                * header-block limit */
    size_t head_cap;
    gch_http_header_t *headers; /* caller-owned array, outlives the parser; entries point
                                 * into head_buf */
    size_t max_headers;
    uint32_t max_chunk_size; /* 0: GCH_HTTP_MAX_CHUNK_SIZE */
    uint32_t max_chunk_line; /* 0: GCH_HTTP_MAX_CHUNK_LINE */
} gch_http_parser_config_t;

typedef struct {
    /* Results: valid from the HEAD event until the next reset. Strings point into
     * cfg.head_buf (caller-owned); they are overwritten by the next response. */
    uint16_t status;    /* 200, 404, ... */
    uint8_t http_minor; /* 1 for HTTP/1.1, 0 for HTTP/1.0 */
    const char *reason; /* reason phrase, may be empty */
    size_t reason_len;
    const gch_http_header_t *headers; /* = cfg.headers; values trimmed of OWS */
    size_t header_count;
    bool has_content_length;
    uint64_t content_length; /* when has_content_length (also for HEAD/204/304) */
    bool chunked;            /* Transfer-Encoding: chunked */
    bool keep_alive;         /* the connection may carry the next request after DONE */
    uint64_t body_bytes;     /* de-chunked body bytes delivered so far */

    /* Internal: parser state. */
    gch_http_parser_config_t cfg;
    bool head_request;    /* response to HEAD: never a body */
    bool connect_request; /* response to CONNECT: a 2xx ends with its head */
    bool started;         /* a byte of this response was consumed */
    bool status_seen;     /* the status line of the current head was parsed */
    bool te_seen;
    bool conn_close;
    bool conn_keep_alive;
    uint8_t state;
    uint8_t sub;        /* chunk framing / trailer sub-state */
    gch_status_t error; /* sticky once set */
    size_t head_len;    /* bytes stored in head_buf */
    size_t line_start;  /* offset in head_buf of the line being received */
    size_t line_len;    /* bytes of the current chunk-size line or of the trailer */
    uint64_t remaining; /* Content-Length bytes left, or chunk size / bytes left */
} gch_http_parser_t;

/* Validates cfg (head_buf and head_cap >= 16 required; headers may be NULL only with
 * max_headers 0), copies it and resets for a response to a non-HEAD request.
 * GCH_ERR_ARG on an invalid configuration. */
gch_status_t gch_http_parser_init(gch_http_parser_t *p, const gch_http_parser_config_t *cfg);

/* Prepares for the next response on the same connection; keeps the configuration.
 * response_to_head: the request was HEAD, so the response carries no body. */
void gch_http_parser_reset(gch_http_parser_t *p, bool response_to_head);

/* Call after gch_http_parser_reset(): the request was CONNECT (RFC 9110 9.3.6).
 * A 2xx answer then ends with its head: DONE follows HEAD, its Content-Length and
 * Transfer-Encoding are ignored, and every byte after the head is the tunnel's
 * (left unconsumed). Any other answer is framed as usual. */
void gch_http_parser_expect_tunnel(gch_http_parser_t *p);

/* Consumes a prefix of in[0..len) (*consumed bytes) and reports at most one event.
 * in may be NULL when len is 0. Errors are sticky until reset. */
gch_status_t gch_http_parser_feed(gch_http_parser_t *p, const uint8_t *in, size_t len, size_t *consumed,
                                  gch_http_event_t *ev);

/* The peer closed the connection: DONE for a close-delimited body (or a response
 * already complete), GCH_ERR_TRUNCATED anywhere else. keep_alive becomes false. */
gch_status_t gch_http_parser_feed_eof(gch_http_parser_t *p, gch_http_event_t *ev);

/* True when no byte of this response has been consumed yet: a close now means the
 * server dropped an idle kept-alive connection (the request may be retried), not
 * a truncated response. */
bool gch_http_parser_idle(const gch_http_parser_t *p);

/* First header named name (ASCII case-insensitive); value trimmed, not NUL-terminated.
 * Returns false when absent. Valid after HEAD. */
bool gch_http_parser_header(const gch_http_parser_t *p, const char *name, const char **value, size_t *value_len);

#endif
