/*
 * gch_http_request.c - request head writer (see gch_http_request.h).
 *
 * Validate first, then write: a rejected request leaves no half-written head in the
 * caller's buffer that could be sent by mistake.
 */
#include "gch_http_request.h"

#include <string.h>

#include "base/gch_version.h"

#define HTTPS_DEFAULT_PORT 443u

/* Headers whose value this writer decides: a second copy from the caller would make
 * the framing ambiguous (request smuggling) or contradict us. */
static const char *const owned_headers[] = {
    "host",
    "user-agent",
    "content-length",
    "transfer-encoding",
};

/* Methods that carry a body, so an empty one still needs "Content-Length: 0". */
static const char *const body_methods[] = { "POST", "PUT", "PATCH" };

static bool in_list(const char *const *list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        if (gch_http_name_eq(list[i], strlen(list[i]), s, len)) {
            return true;
        }
    }
    return false;
}

static bool is_field_value(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!gch_http_is_field_char((uint8_t)s[i])) {
            return false;
        }
    }
    return true;
}

/* Host as it appears in a URL: a reg-name of letters, digits, '-' and '.', or an
 * IPv6 literal in brackets. Anything else could smuggle bytes into the Host line. */
static bool host_char(uint8_t c, bool bracketed)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
        return true;
    }
    return bracketed && c == ':';
}

static bool is_host(const char *s, size_t n)
{
    bool bracketed = n >= 2 && s[0] == '[' && s[n - 1] == ']';
    size_t first = bracketed ? 1 : 0;
    size_t end = bracketed ? n - 1 : n;

    if (end <= first) {
        return false;
    }
    for (size_t i = first; i < end; i++) {
        if (!host_char((uint8_t)s[i], bracketed)) {
            return false;
        }
    }
    return true;
}

/* origin-form: '/' then visible ASCII only (already encoded; no space, no '#'). */
static bool is_target(const char *s, size_t n)
{
    if (n == 0 || s[0] != '/') {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)s[i];
        if (c <= 0x20 || c >= 0x7f || c == '#') {
            return false;
        }
    }
    return true;
}

static bool headers_valid(const gch_http_header_t *h, size_t n)
{
    if (n > 0 && h == NULL) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!gch_http_is_token(h[i].name, h[i].name_len) ||
            in_list(owned_headers, sizeof owned_headers / sizeof owned_headers[0], h[i].name, h[i].name_len) ||
            (h[i].value_len > 0 && h[i].value == NULL) || !is_field_value(h[i].value, h[i].value_len)) {
            return false;
        }
    }
    return true;
}

static bool is_connect(const gch_http_request_t *r)
{
    return strcmp(r->method, "CONNECT") == 0;
}

/* CONNECT names its target in the Host fields (authority-form) and carries no body. */
static bool target_valid(const gch_http_request_t *r)
{
    if (is_connect(r)) {
        return r->target == NULL && r->target_len == 0 && !r->has_body;
    }
    return r->target != NULL && is_target(r->target, r->target_len);
}

static bool request_valid(const gch_http_request_t *r)
{
    return r->method != NULL && gch_http_is_token(r->method, strlen(r->method)) && r->host != NULL &&
           is_host(r->host, r->host_len) && r->port != 0 && target_valid(r) &&
           headers_valid(r->headers, r->header_count);
}

/* host[:port]: the port always for CONNECT, else only when not the https default. */
static void write_authority(gch_buf_t *out, const gch_http_request_t *req, bool port_always)
{
    gch_buf_append(out, req->host, req->host_len);
    if (port_always || req->port != HTTPS_DEFAULT_PORT) {
        gch_buf_append(out, ":", 1);
        gch_buf_append_u64(out, req->port);
    }
}

static void write_header(gch_buf_t *out, const char *name, size_t name_len, const char *value, size_t value_len)
{
    gch_buf_append(out, name, name_len);
    gch_buf_append(out, ": ", 2);
    gch_buf_append(out, value, value_len);
    gch_buf_append(out, "\r\n", 2);
}

gch_status_t gch_http_request_write(const gch_http_request_t *req, gch_buf_t *out)
{
    if (req == NULL || out == NULL || !request_valid(req)) {
        return GCH_ERR_ARG;
    }
    bool connect = is_connect(req);
    gch_buf_append_str(out, req->method);
    gch_buf_append(out, " ", 1);
    if (connect) {
        write_authority(out, req, true);
    } else {
        gch_buf_append(out, req->target, req->target_len);
    }
    gch_buf_append_str(out, " HTTP/1.1\r\nHost: ");
    write_authority(out, req, connect);
    gch_buf_append_str(out, "\r\nUser-Agent: gcheal/" GCH_VERSION "\r\n");
    for (size_t i = 0; i < req->header_count; i++) {
        const gch_http_header_t *h = &req->headers[i];
        write_header(out, h->name, h->name_len, h->value, h->value_len);
    }
    if (req->has_body ||
        in_list(body_methods, sizeof body_methods / sizeof body_methods[0], req->method, strlen(req->method))) {
        gch_buf_append_str(out, "Content-Length: ");
        gch_buf_append_u64(out, req->has_body ? req->body_len : 0u);
        gch_buf_append(out, "\r\n", 2);
    }
    gch_buf_append(out, "\r\n", 2);
    return gch_buf_status(out);
}
