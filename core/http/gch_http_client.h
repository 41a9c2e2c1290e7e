/*
 * gch_http_client.h - one HTTP/1.1 exchange at a time over a gch_transport_t.
 *
 * Ties the request writer and the incremental response parser to a transport:
 * send a head (and stream a body), read the response head, then pull the body
 * as slices through the fixed receive window. Keep-alive is decided by the
 * parser; the caller reconnects when gch_http_reusable() is false.
 *
 * Deadlines: every read and write has io_timeout_ms, and the whole exchange
 * (from gch_http_send_head to the end of the body) has request_timeout_ms.
 * No heap; every buffer belongs to the caller (see gch_http_client_config_t).
 */
#ifndef GCH_HTTP_CLIENT_H
#define GCH_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"
#include "gch_http_parser.h"
#include "gch_http_request.h"
#include "gch_port.h"

typedef struct {
    uint8_t *rx; /* receive window; body slices point into it until the next call */
    size_t rx_cap;
    char *head_out; /* the request head is built here before sending */
    size_t head_out_cap;
    char *head_in; /* response status line + headers (bounds the header block) */
    size_t head_in_cap;
    gch_http_header_t *headers; /* parsed response headers (entries point into head_in) */
    size_t max_headers;
    uint32_t io_timeout_ms;      /* each read or write */
    uint32_t request_timeout_ms; /* the whole exchange */
} gch_http_client_config_t;

typedef struct {
    gch_http_client_config_t cfg; /* buffers borrowed from the caller */
    gch_transport_t tr;           /* set by the caller after connecting */
    gch_http_parser_t parser;     /* status and headers of the current response */
    size_t rx_off, rx_len;        /* unconsumed received bytes: rx[rx_off .. rx_off+rx_len) */
    uint64_t deadline_ms;         /* end of the current exchange */
    bool in_body, done, broken;   /* progress of the current exchange */
} gch_http_client_t;

gch_status_t gch_http_client_init(gch_http_client_t *c, const gch_http_client_config_t *cfg);
/* A fresh connection was set up: forget anything buffered from the old one. */
void gch_http_client_attach(gch_http_client_t *c, gch_transport_t tr);

/* Write and send the request head; starts the exchange deadline. */
gch_status_t gch_http_send_head(gch_http_client_t *c, const gch_http_request_t *req);
/* Send (part of) the body announced in the head. */
gch_status_t gch_http_send_body(gch_http_client_t *c, const void *data, size_t len);
/* Read until the final response head arrived: status and headers in c->parser. */
gch_status_t gch_http_recv_head(gch_http_client_t *c);
/* Next body slice. *len == 0 means the body is complete. */
gch_status_t gch_http_recv_body(gch_http_client_t *c, const uint8_t **data, size_t *len);
/* Read and drop the rest of the body so the connection can be reused. */
gch_status_t gch_http_skip_body(gch_http_client_t *c);
/* The exchange finished cleanly and the server allows another request. */
bool gch_http_reusable(const gch_http_client_t *c);

#endif
