/*
 * gch_http_request.h - writes an HTTP/1.1 request head (request line, headers,
 * blank line) into a gch_buf_t. The body, if any, is streamed by the caller after it.
 *
 * Called by the HTTP client layer for every request. Everything is validated before
 * a byte is written: CR, LF or NUL in any part (header injection), a method or
 * header name that is not a token, or a caller header that would duplicate one this
 * writer owns (Host, User-Agent, Content-Length, Transfer-Encoding) -> GCH_ERR_ARG,
 * with the buffer left untouched. A head that does not fit -> GCH_ERR_NOSPACE.
 *
 * CONNECT (a tunnel through an HTTP proxy, RFC 9110 9.3.6) takes no target: the
 * writer sends the authority-form "host:port" as the request target and in Host,
 * port always included, and refuses a body.
 */
#ifndef GCH_HTTP_REQUEST_H
#define GCH_HTTP_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_buf.h"
#include "base/gch_status.h"
#include "gch_http_header.h"

/* Every pointer is caller-owned and only read during gch_http_request_write(). */
typedef struct {
    const char *method; /* NUL-terminated token: "GET", "POST", "PATCH", ... */
    const char *host;   /* as in a URL: "api.mypurecloud.com", "[::1]" (not NUL-terminated) */
    size_t host_len;
    uint16_t port;      /* Host gets ":port" only when port != 443; 0 is invalid */
    const char *target; /* origin-form path+query, already percent-encoded, starts with '/';
                         * NULL (target_len 0) for CONNECT */
    size_t target_len;
    const gch_http_header_t *headers; /* extra headers, sent in order; may be NULL if count is 0 */
    size_t header_count;
    bool has_body;     /* a body of body_len bytes follows the head */
    uint64_t body_len; /* Content-Length when has_body */
} gch_http_request_t;

/*
 * Appends the head to out. Content-Length is sent when has_body, and as 0 for a
 * POST, PUT or PATCH without a body (servers answer 411 otherwise).
 * Returns GCH_OK, GCH_ERR_ARG (invalid request, out untouched) or GCH_ERR_NOSPACE.
 */
gch_status_t gch_http_request_write(const gch_http_request_t *req, gch_buf_t *out);

#endif
