/*
 * gch_http_connect.h - the HTTP half of a tunnel through an HTTP proxy
 * (RFC 9110 9.3.6): the CONNECT request, its Basic credentials (RFC 7617), and
 * the proxy's answer. The byte moving (connect to the proxy, send, receive, then
 * TLS over the same stream) is port/gch_proxy.c's; nothing here does I/O.
 *
 * The answer is read by the response parser in its tunnel mode, push-style, fed
 * any slice down to one byte, into the reader's own bounded head storage: it
 * stops at the end of the head and never consumes a byte after it (those belong
 * to the tunnel). A 2xx opens the tunnel; its body-framing headers are ignored as
 * RFC 9110 asks. Any other final status is the proxy's refusal: 407 (and 401,
 * which some proxies send for a wrong password) is GCH_ERR_PROXY_AUTH, everything
 * else GCH_ERR_PROXY; the body of a refusal is
 * never read (its status line says enough, and the connection is closed).
 */
#ifndef GCH_HTTP_CONNECT_H
#define GCH_HTTP_CONNECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_buf.h"
#include "base/gch_status.h"
#include "gch_config.h"
#include "gch_http_header.h"
#include "gch_http_parser.h"

/* What to ask the proxy for. Caller-owned, only read during the call. */
typedef struct {
    const char *host; /* the tunnel's end: a name, an IPv4 or an IPv6 literal without brackets */
    size_t host_len;  /* < GCH_PROXY_HOST_MAX */
    uint16_t port;
    const char *authorization; /* Proxy-Authorization value ("Basic ..."), or NULL */
    size_t authorization_len;
} gch_http_connect_t;

/*
 * Appends "CONNECT host:port HTTP/1.1", Host, User-Agent and, with
 * authorization, Proxy-Authorization. An IPv6 host gets its brackets.
 * GCH_OK, GCH_ERR_ARG (a host that is not a host name or IP literal, port 0,
 * CR/LF in the credentials; out untouched) or GCH_ERR_NOSPACE.
 */
gch_status_t gch_http_connect_write(const gch_http_connect_t *c, gch_buf_t *out);

/*
 * Appends the Basic credentials "Basic " + base64(user ":" password). The user
 * may not hold ':' (RFC 7617), neither may hold a control character:
 * GCH_ERR_ARG, out untouched. GCH_ERR_NOSPACE when out is too small. The only
 * copies made are out's: wipe it (base/gch_wipe.h) once it is no longer needed.
 */
gch_status_t gch_http_basic_credentials(gch_buf_t *out, const char *user, size_t user_len, const char *password,
                                        size_t password_len);

/* The proxy's answer being read. Caller-owned; every buffer inside. */
typedef struct {
    gch_http_parser_t parser;
    gch_http_header_t headers[GCH_PROXY_MAX_HEADERS];
    char head[GCH_PROXY_HEAD_SIZE];
    bool done;           /* the head is complete */
    gch_status_t result; /* once done: GCH_OK, GCH_ERR_PROXY_AUTH or GCH_ERR_PROXY */
} gch_http_connect_reader_t;

/* Ready to read one answer to CONNECT. */
void gch_http_connect_reader_init(gch_http_connect_reader_t *r);

/*
 * Feeds the next bytes of the answer; *consumed says how many of them belong to
 * it (after *done, the rest came after the head). *done turns true once the head
 * is complete, with the verdict returned: GCH_OK (2xx: the tunnel is open),
 * GCH_ERR_PROXY_AUTH (407 or 401) or GCH_ERR_PROXY (any other status). Before that,
 * GCH_OK with *done false asks for more bytes. An answer that breaks HTTP/1.1
 * returns its GCH_ERR_HTTP_* alert (sticky), a head over GCH_PROXY_HEAD_SIZE
 * GCH_ERR_HTTP_HEADERS_TOO_LARGE.
 */
gch_status_t gch_http_connect_feed(gch_http_connect_reader_t *r, const uint8_t *in, size_t len, size_t *consumed,
                                   bool *done);

/* The proxy closed the connection before its head was complete: GCH_ERR_CLOSED
 * when it sent nothing at all, else GCH_ERR_TRUNCATED. */
gch_status_t gch_http_connect_feed_eof(const gch_http_connect_reader_t *r);

/* Once done: the status line for a message, "HTTP/1.1 407 Proxy Authentication
 * Required", with any byte of the reason outside printable ASCII shown as '?'.
 * Always NUL-terminated, cut to cap; "" before done. */
void gch_http_connect_status_line(const gch_http_connect_reader_t *r, char *out, size_t cap);

#endif
