/*
 * gch_http_connect.c - CONNECT request, Basic proxy credentials and the proxy's
 * answer (see gch_http_connect.h). The request goes through the one request
 * writer (same validation), the answer through the one response parser.
 */
#include "gch_http_connect.h"

#include <string.h>

#include "base/gch_base64.h"
#include "base/gch_wipe.h"
#include "gch_http_request.h"

static const char proxy_authorization[] = "Proxy-Authorization";

#define IPV6_TEXT_MAX 45u /* ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255 */

gch_status_t gch_http_connect_write(const gch_http_connect_t *c, gch_buf_t *out)
{
    /* The request writer takes the host as in a URL: an IPv6 literal in brackets
     * (copied here; a name is passed as it is). */
    char bracketed[IPV6_TEXT_MAX + 2];
    if (c == NULL || out == NULL || c->host == NULL || c->host_len == 0 || c->host_len >= GCH_PROXY_HOST_MAX ||
        (c->authorization == NULL && c->authorization_len > 0)) {
        return GCH_ERR_ARG;
    }
    const char *host = c->host;
    size_t n = c->host_len;
    if (memchr(c->host, ':', c->host_len) != NULL) {
        if (c->host_len > IPV6_TEXT_MAX) {
            return GCH_ERR_ARG;
        }
        bracketed[0] = '[';
        memcpy(bracketed + 1, c->host, c->host_len);
        bracketed[c->host_len + 1] = ']';
        host = bracketed;
        n = c->host_len + 2;
    }
    gch_http_header_t auth = { proxy_authorization, sizeof proxy_authorization - 1, c->authorization,
                               c->authorization_len };
    gch_http_request_t req;
    memset(&req, 0, sizeof req);
    req.method = "CONNECT";
    req.host = host;
    req.host_len = n;
    req.port = c->port;
    req.headers = c->authorization != NULL ? &auth : NULL;
    req.header_count = c->authorization != NULL ? 1u : 0u;
    return gch_http_request_write(&req, out);
}

static bool has_control(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)s[i];
        if (c < 0x20 || c == 0x7f) {
            return true;
        }
    }
    return false;
}

gch_status_t gch_http_basic_credentials(gch_buf_t *out, const char *user, size_t user_len, const char *password,
                                        size_t password_len)
{
    if (out == NULL || (user == NULL && user_len > 0) || (password == NULL && password_len > 0) ||
        (user_len > 0 && memchr(user, ':', user_len) != NULL) || has_control(user, user_len) ||
        has_control(password, password_len)) {
        return GCH_ERR_ARG;
    }
    size_t start = out->len;
    gch_buf_append_str(out, "Basic ");
    /* user ":" password, encoded three bytes at a time so no plain copy is made
     * but the one group on the stack, wiped below. */
    size_t total = user_len + 1u + password_len;
    uint8_t group[3];
    for (size_t i = 0; i < total; i += 3) {
        size_t k = 0;
        for (; k < 3 && i + k < total; k++) {
            size_t at = i + k;
            group[k] = at < user_len    ? (uint8_t)user[at]
                       : at == user_len ? (uint8_t)':'
                                        : (uint8_t)password[at - user_len - 1u];
        }
        gch_base64_append(out, group, k);
    }
    gch_wipe(group, sizeof group);
    if (out->overflow) {
        gch_wipe(out->data + start, out->len - start);
        out->len = start;
        return GCH_ERR_NOSPACE;
    }
    return GCH_OK;
}

void gch_http_connect_reader_init(gch_http_connect_reader_t *r)
{
    memset(r, 0, sizeof *r);
    gch_http_parser_config_t cfg = { r->head, sizeof r->head, r->headers, GCH_PROXY_MAX_HEADERS, 0, 0 };
    (void)gch_http_parser_init(&r->parser, &cfg); /* a valid configuration: cannot fail */
    gch_http_parser_expect_tunnel(&r->parser);
}

static gch_status_t verdict(uint16_t status)
{
    if (status >= 200 && status < 300) {
        return GCH_OK;
    }
    /* 407 is the proxy's way to refuse credentials; some (tinyproxy 1.11) answer a
     * wrong password with 401. Either way no tunnel without other credentials. */
    return (status == 407 || status == 401) ? GCH_ERR_PROXY_AUTH : GCH_ERR_PROXY;
}

gch_status_t gch_http_connect_feed(gch_http_connect_reader_t *r, const uint8_t *in, size_t len, size_t *consumed,
                                   bool *done)
{
    *consumed = 0;
    *done = r->done;
    if (r->done) {
        return r->result;
    }
    size_t pos = 0;
    for (;;) {
        gch_http_event_t ev;
        size_t used = 0;
        gch_status_t st = gch_http_parser_feed(&r->parser, in, len - pos, &used, &ev);
        pos += used;
        in = in != NULL ? in + used : in;
        *consumed = pos;
        if (st != GCH_OK) {
            return st;
        }
        if (ev.type == GCH_HTTP_EV_HEAD) {
            r->done = true;
            r->result = verdict(r->parser.status);
            *done = true;
            return r->result;
        }
        if (ev.type == GCH_HTTP_EV_NEED_MORE) {
            return GCH_OK; /* every byte was consumed */
        }
        /* BODY or DONE come only after HEAD; the loop never sees them. */
    }
}

gch_status_t gch_http_connect_feed_eof(const gch_http_connect_reader_t *r)
{
    return gch_http_parser_idle(&r->parser) ? GCH_ERR_CLOSED : GCH_ERR_TRUNCATED;
}

void gch_http_connect_status_line(const gch_http_connect_reader_t *r, char *out, size_t cap)
{
    if (cap == 0) {
        return;
    }
    out[0] = '\0';
    if (!r->done) {
        return;
    }
    const gch_http_parser_t *p = &r->parser;
    gch_buf_t b;
    gch_buf_init(&b, out, cap - 1u);
    char num[21];
    gch_buf_append_str(&b, "HTTP/1.");
    gch_buf_append_str(&b, gch_u64_text(p->http_minor, num));
    gch_buf_append_str(&b, " ");
    gch_buf_append_str(&b, gch_u64_text(p->status, num));
    if (p->reason_len > 0) {
        gch_buf_append_byte(&b, (uint8_t)' ');
    }
    for (size_t i = 0; i < p->reason_len && !b.overflow; i++) {
        uint8_t c = (uint8_t)p->reason[i];
        gch_buf_append_byte(&b, (c >= 0x20 && c < 0x7f) ? c : (uint8_t)'?');
    }
    out[b.len] = '\0';
}
