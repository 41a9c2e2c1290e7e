/*
 * gch_genesys.h - requests to Genesys Cloud with the platform's rules applied:
 * OAuth client-credentials token (renewed a minute before expiry and once on a
 * 401), keep-alive connections through the board's connector, 429 with
 * Retry-After, back-off with jitter on 502/503/504 and dropped connections, and
 * the ININ-Correlation-Id of every response kept for messages.
 *
 * Used by the heal job (gch_heal*.c); everything lives in gch_heal_t.
 */
#ifndef GCH_API_H
#define GCH_API_H

#include "heal/gch_heal_ctx.h"
#include "json/gch_json_sink.h"

/* Writes a request body through sink; may be called more than once (retries). */
typedef gch_status_t (*gch_body_writer_fn)(void *ctx, gch_json_sink_fn sink, void *sink_ctx);

typedef struct {
    gch_conn_kind_t kind;
    const char *method;        /* "GET", "PATCH", "POST" */
    const char *target;        /* path + query, already encoded */
    const char *accept;        /* Accept header value */
    const char *content_type;  /* NULL: no body */
    gch_body_writer_fn body;   /* with content_type */
    void *body_ctx;
} gch_api_req_t;

/* Send the request (retrying per policy) until a final answer's head arrived:
 * status in h->last_status, body still to be read with the calls below. */
gch_status_t gch_api_exchange(gch_heal_t *h, const gch_api_req_t *r);
/* Read the whole body into buf. Over cap: the rest is drained, *total tells the
 * full size and the result is GCH_ERR_TOO_LARGE (nothing is ever truncated silently). */
gch_status_t gch_api_read_body(gch_heal_t *h, char *buf, size_t cap, size_t *len, size_t *total);
/* Next raw body slice (len 0 at the end), for streaming parsers. */
gch_status_t gch_api_body_slice(gch_heal_t *h, const uint8_t **data, size_t *len);
/* Drop the rest of the body; close the connection unless it may be reused. */
gch_status_t gch_api_end(gch_heal_t *h);
/* Read an error body and fill h->err (status, ErrorBody message/code, correlation id). */
void gch_api_capture_error(gch_heal_t *h, gch_status_t st, const char *what);
/* Record a failure without a response (network, TLS, parse) in h->err. */
void gch_api_fail(gch_heal_t *h, gch_status_t st, const char *what);

/* Close both connections and wipe every secret the context holds. */
void gch_api_shutdown(gch_heal_t *h);

/* Small helpers shared by the job. */
void gch_api_log(const gch_heal_t *h, int level, const char *fmt_free_text);

#endif
