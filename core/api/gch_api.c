/*
 * gch_genesys.c - request execution against Genesys Cloud: token, connections,
 * retries, and error capture. See gch_genesys.h.
 */
#include "gch_api.h"

#include <string.h>

#include "base/gch_base64.h"
#include "base/gch_buf.h"
#include "gch_errorbody.h"
#include "json/gch_json_path.h"
#include "json/gch_json_str.h"
#include "base/gch_wipe.h"
#include "gch_oauth_reply.h"
#include "gch_port.h"

#define RENEW_MARGIN_MS 60000u   /* renew a minute before the token expires (at most) */
#define BACKOFF_BASE_MS 500u
#define BACKOFF_CAP_MS 30000u
#define DEFAULT_RETRY_AFTER_S 3u /* a 429 without Retry-After */

void gch_api_log(const gch_heal_t *h, int level, const char *text)
{
    if (h->cfg.verbose >= level) {
        gch_log_write(level, text, strlen(text));
    }
}

static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void drop_connection(gch_heal_t *h, gch_conn_kind_t kind)
{
    if (h->live[kind]) {
        h->cfg.connector.close(h->cfg.connector.ctx, kind);
    }
    h->live[kind] = false;
    if (h->attached == (int)kind) {
        h->attached = -1;
    }
}

static const char *host_of(const gch_heal_t *h, gch_conn_kind_t kind, uint16_t *port)
{
    *port = kind == GCH_CONN_LOGIN ? h->cfg.login_port : h->cfg.api_port;
    return kind == GCH_CONN_LOGIN ? h->cfg.login_host : h->cfg.api_host;
}

static gch_status_t ensure_connection(gch_heal_t *h, gch_conn_kind_t kind)
{
    if (!h->live[kind]) {
        uint16_t port;
        const char *host = host_of(h, kind, &port);
        gch_status_t st = h->cfg.connector.open(h->cfg.connector.ctx, kind, host, port, &h->tr[kind]);
        if (st != GCH_OK) {
            return st;
        }
        h->live[kind] = true;
        h->uses[kind] = 0;
        h->attached = -1;
    }
    if (h->attached != (int)kind) {
        gch_http_client_attach(&h->http, h->tr[kind]);
        h->attached = (int)kind;
    }
    return GCH_OK;
}

/* Sleep up to ms; GCH_ERR_CANCELLED when a stop was requested meanwhile. */
static gch_status_t pause_ms(uint32_t ms)
{
    return gch_sleep_ms(ms) ? GCH_ERR_CANCELLED : GCH_OK;
}

/* Capped exponential back-off with "equal jitter": half fixed, half random. */
static uint32_t backoff_ms(uint32_t attempt)
{
    uint32_t d = BACKOFF_BASE_MS;
    for (uint32_t i = 1; i < attempt && d < BACKOFF_CAP_MS; i++) {
        d *= 2;
    }
    if (d > BACKOFF_CAP_MS) {
        d = BACKOFF_CAP_MS;
    }
    uint16_t r = 0;
    if (gch_entropy_fill((uint8_t *)&r, sizeof r) != GCH_OK) {
        r = 0x8000;
    }
    return d / 2 + (uint32_t)(((uint64_t)(d / 2) * r) >> 16);
}

/* Keep the ININ-Correlation-Id of the response just received. */
static void keep_correlation_id(gch_heal_t *h)
{
    const char *v;
    size_t n;
    h->correlation_id[0] = '\0';
    if (gch_http_parser_header(&h->http.parser, "inin-correlation-id", &v, &n)) {
        if (n >= sizeof h->correlation_id) {
            n = sizeof h->correlation_id - 1;
        }
        memcpy(h->correlation_id, v, n);
        h->correlation_id[n] = '\0';
    }
}

/* Retry-After in seconds (delta form); absent or unparsable: the default. */
static uint64_t retry_after_s(const gch_heal_t *h)
{
    const char *v;
    size_t n;
    if (!gch_http_parser_header(&h->http.parser, "retry-after", &v, &n) || n == 0) {
        return DEFAULT_RETRY_AFTER_S;
    }
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9') {
            return DEFAULT_RETRY_AFTER_S; /* HTTP-date form: we have no calendar; be patient */
        }
        s = s * 10u + (uint64_t)(v[i] - '0');
        if (s > 0xffffffffu) {
            return 0xffffffffu;
        }
    }
    return s;
}

/* A 429 we will not wait out: its ErrorBody, and why we gave up. */
GCH_NOINLINE static void rate_limited(gch_heal_t *h, const char *what, uint64_t wait)
{
    gch_api_capture_error(h, GCH_ERR_RATE_LIMITED, what);
    char why[96];
    gch_buf_t b;
    gch_buf_init(&b, why, sizeof why - 1);
    gch_buf_append_str(&b, "rate limited: Retry-After ");
    gch_buf_append_u64(&b, wait);
    gch_buf_append_str(&b, wait > h->cfg.max_retry_after_s ? " s is over the limit of "
                                                          : " s, still limited after retries; limit ");
    gch_buf_append_u64(&b, h->cfg.max_retry_after_s);
    gch_buf_append_str(&b, " s");
    why[b.len] = '\0';
    copy_text(h->err.message, sizeof h->err.message, why); /* ours says more */
}

static gch_status_t sink_to_http(void *ctx, const char *bytes, size_t len)
{
    return gch_http_send_body(ctx, bytes, len);
}

GCH_NOINLINE static gch_status_t send_request(gch_heal_t *h, const gch_api_req_t *r)
{
    gch_http_header_t *hdr = h->req_headers; /* in the context: firmware stacks are small */
    size_t n = 0;
    size_t body_len = 0;
    hdr[n++] = (gch_http_header_t){ "Accept", 6, r->accept, strlen(r->accept) };
    if (h->auth_header[0] != '\0') {
        hdr[n++] = (gch_http_header_t){ "Authorization", 13, h->auth_header, strlen(h->auth_header) };
    }
    if (r->content_type != NULL) {
        hdr[n++] = (gch_http_header_t){ "Content-Type", 12, r->content_type, strlen(r->content_type) };
        gch_status_t st = r->body(r->body_ctx, gch_json_sink_count, &body_len);
        if (st != GCH_OK) {
            return st;
        }
    }
    uint16_t port;
    const char *host = host_of(h, r->kind, &port);
    gch_http_request_t req = { r->method, host, strlen(host), port, r->target, strlen(r->target),
                               hdr, n, r->content_type != NULL, body_len };
    gch_status_t st = gch_http_send_head(&h->http, &req);
    if (st == GCH_OK && r->content_type != NULL) {
        st = r->body(r->body_ctx, sink_to_http, &h->http);
    }
    if (st == GCH_OK) {
        st = gch_http_recv_head(&h->http);
    }
    if (h->sum != NULL) {
        h->sum->requests++;
    }
    return st;
}

static bool retryable_net(gch_status_t st)
{
    return st == GCH_ERR_NET || st == GCH_ERR_CLOSED || st == GCH_ERR_TIMEOUT ||
           st == GCH_ERR_CONNECT || st == GCH_ERR_DNS || st == GCH_ERR_HTTP_TRUNCATED;
}

GCH_NOINLINE static gch_status_t login(gch_heal_t *h);

static void set_bearer(gch_heal_t *h)
{
    gch_buf_t b;
    gch_buf_init(&b, h->auth_header, sizeof h->auth_header - 1);
    gch_buf_append_str(&b, "Bearer ");
    gch_buf_append_str(&b, h->token);
    h->auth_header[b.len] = '\0';
}

gch_status_t gch_api_exchange(gch_heal_t *h, const gch_api_req_t *r)
{
    bool renewed = false;
    gch_status_t st;
    for (uint32_t attempt = 1;; attempt++) {
        if (gch_port_cancelled()) {
            return GCH_ERR_CANCELLED;
        }
        if (r->kind == GCH_CONN_API) {
            if (!h->have_token || gch_clock_ms() + h->token_margin_ms >= h->token_expiry_ms) {
                st = login(h);
                if (st != GCH_OK) {
                    return st;
                }
            }
            set_bearer(h);
        }
        st = ensure_connection(h, r->kind);
        if (st == GCH_OK) {
            bool reused = h->uses[r->kind]++ > 0;
            st = send_request(h, r);
            if (st != GCH_OK) {
                drop_connection(h, r->kind);
                /* A kept-alive connection the server closed meanwhile: retry at once. */
                if (reused && (st == GCH_ERR_CLOSED || st == GCH_ERR_NET) && attempt == 1) {
                    continue;
                }
            }
        }
        if (st == GCH_OK) {
            h->last_status = h->http.parser.status;
            keep_correlation_id(h);
            int s = h->last_status;
            if (s == 401 && r->kind == GCH_CONN_API && !renewed) {
                renewed = true; /* token revoked or expired early: one fresh login */
                h->have_token = false;
                gch_api_log(h, 2, "gcheal: 401: renewing the access token once");
                if (gch_api_end(h) != GCH_OK) {
                    drop_connection(h, r->kind);
                }
                attempt--;
                continue;
            }
            if (s == 429) {
                uint64_t wait = retry_after_s(h);
                if (wait > h->cfg.max_retry_after_s || attempt >= h->cfg.max_attempts * 2) {
                    rate_limited(h, r->target, wait);
                    return GCH_ERR_RATE_LIMITED;
                }
                (void)gch_api_end(h);
                gch_api_log(h, 1, "gcheal: 429: waiting as Retry-After asks");
                if ((st = pause_ms((uint32_t)wait * 1000u)) != GCH_OK) {
                    return st;
                }
                continue;
            }
            if ((s == 502 || s == 503 || s == 504) && attempt < h->cfg.max_attempts) {
                (void)gch_api_end(h);
                gch_api_log(h, 1, "gcheal: gateway error: backing off");
                if ((st = pause_ms(backoff_ms(attempt))) != GCH_OK) {
                    return st;
                }
                continue;
            }
            return GCH_OK;
        }
        if (!retryable_net(st) || attempt >= h->cfg.max_attempts) {
            return st;
        }
        gch_api_log(h, 1, "gcheal: connection failed: backing off");
        gch_status_t ps = pause_ms(backoff_ms(attempt));
        if (ps != GCH_OK) {
            return ps;
        }
    }
}

gch_status_t gch_api_body_slice(gch_heal_t *h, const uint8_t **data, size_t *len)
{
    gch_status_t st = gch_http_recv_body(&h->http, data, len);
    if (st != GCH_OK) {
        drop_connection(h, (gch_conn_kind_t)(h->attached < 0 ? 0 : h->attached));
    }
    return st;
}

gch_status_t gch_api_read_body(gch_heal_t *h, char *buf, size_t cap, size_t *len, size_t *total)
{
    *len = 0;
    *total = 0;
    for (;;) {
        const uint8_t *d;
        size_t n;
        gch_status_t st = gch_api_body_slice(h, &d, &n);
        if (st != GCH_OK) {
            return st;
        }
        if (n == 0) {
            break;
        }
        if (*total + n <= cap) {
            memcpy(buf + *total, d, n);
        }
        *total += n;
    }
    (void)gch_api_end(h);
    if (*total > cap) {
        return GCH_ERR_TOO_LARGE;
    }
    *len = *total;
    return GCH_OK;
}

gch_status_t gch_api_end(gch_heal_t *h)
{
    if (h->attached < 0) {
        return GCH_OK;
    }
    gch_conn_kind_t kind = (gch_conn_kind_t)h->attached;
    gch_status_t st = gch_http_skip_body(&h->http);
    if (st != GCH_OK || !gch_http_reusable(&h->http)) {
        drop_connection(h, kind);
    }
    return st;
}

void gch_api_fail(gch_heal_t *h, gch_status_t st, const char *what)
{
    if (h->err.status == st && h->err.what[0] != '\0') {
        return; /* a deeper layer already described this failure more precisely (login) */
    }
    memset(&h->err, 0, sizeof h->err);
    h->err.status = st;
    copy_text(h->err.what, sizeof h->err.what, what);
}

void gch_api_capture_error(gch_heal_t *h, gch_status_t st, const char *what)
{
    memset(&h->err, 0, sizeof h->err); /* a fresh response: describe it, whatever came before */
    gch_api_fail(h, st, what);
    h->err.http_status = h->last_status;
    copy_text(h->err.correlation_id, sizeof h->err.correlation_id, h->correlation_id);
    size_t len = 0, total = 0;
    if (gch_api_read_body(h, h->small, sizeof h->small, &len, &total) != GCH_OK || len == 0) {
        return;
    }
    gch_json_doc_t doc;
    if (gch_json_doc_parse(&doc, h->small, len, h->small_tok, GCH_SMALL_BODY_TOKENS) != GCH_OK) {
        return;
    }
    gch_errorbody_t *eb = &h->errbody;
    if (gch_errorbody_parse(&doc, eb) == GCH_OK) {
        copy_text(h->err.message, sizeof h->err.message, eb->message);
        copy_text(h->err.code, sizeof h->err.code, eb->code);
        if (h->err.correlation_id[0] == '\0') {
            copy_text(h->err.correlation_id, sizeof h->err.correlation_id, eb->context_id);
        }
    }
}

static gch_status_t login_body(void *ctx, gch_json_sink_fn sink, void *sink_ctx)
{
    (void)ctx;
    static const char form[] = "grant_type=client_credentials";
    return sink(sink_ctx, form, sizeof form - 1);
}

/* POST /oauth/token with Basic credentials; stores the token and its expiry. */
GCH_NOINLINE static gch_status_t login(gch_heal_t *h)
{
    gch_wipe(h->token, sizeof h->token);
    h->have_token = false;
    gch_buf_t b;
    gch_buf_init(&b, h->auth_header, sizeof h->auth_header - 1);
    gch_buf_append_str(&b, "Basic ");
    /* base64(id:secret), built from pieces so the pair never sits in a second buffer. */
    char *pair = h->pair; /* a multiple of 3 long: base64 of the pieces joins without padding */
    _Static_assert(sizeof h->pair % 3 == 0, "base64 pieces must not need padding");
    size_t id_len = strlen(h->cfg.client_id), sec_len = strlen(h->cfg.client_secret);
    size_t total = id_len + 1 + sec_len, off = 0;
    while (off < total) {
        size_t n = 0;
        while (n < sizeof h->pair && off + n < total) {
            size_t i = off + n;
            pair[n++] = i < id_len ? h->cfg.client_id[i] : i == id_len ? ':' : h->cfg.client_secret[i - id_len - 1];
        }
        gch_base64_append(&b, pair, n);
        off += n;
    }
    gch_wipe(h->pair, sizeof h->pair);
    if (b.overflow) {
        gch_wipe(h->auth_header, sizeof h->auth_header);
        gch_api_fail(h, GCH_ERR_CONFIG, "client credentials too long");
        return GCH_ERR_CONFIG;
    }
    h->auth_header[b.len] = '\0';

    gch_api_req_t r = { GCH_CONN_LOGIN, "POST", "/oauth/token", "application/json",
                        "application/x-www-form-urlencoded", login_body, NULL };
    gch_status_t st = gch_api_exchange(h, &r);
    gch_wipe(h->auth_header, sizeof h->auth_header);
    if (st != GCH_OK) {
        gch_api_fail(h, st, "POST /oauth/token");
        if (h->cfg.connector.describe != NULL && (st == GCH_ERR_TLS || st == GCH_ERR_TLS_VERIFY)) {
            h->cfg.connector.describe(h->cfg.connector.ctx, GCH_CONN_LOGIN, h->err.message,
                                      sizeof h->err.message);
        }
        return st;
    }
    int status = h->last_status;
    char corr[64];
    copy_text(corr, sizeof corr, h->correlation_id);
    size_t len = 0, all = 0;
    st = gch_api_read_body(h, h->small, sizeof h->small, &len, &all);
    gch_json_doc_t doc;
    gch_oauth_reply_t *o = &h->oauth;
    memset(o, 0, sizeof *o);
    o->access_token = h->token;
    o->access_token_cap = sizeof h->token;
    if (st == GCH_OK) {
        st = gch_json_doc_parse(&doc, h->small, len, h->small_tok, GCH_SMALL_BODY_TOKENS);
    }
    gch_status_t pst = st == GCH_OK ? gch_oauth_reply_parse(&doc, o) : st;
    gch_wipe(h->small, sizeof h->small); /* the body held the token */
    if (status == 200 && pst == GCH_OK && o->access_token_len > 0) {
        int64_t ttl = o->has_expires_in ? o->expires_in : 3600;
        if (ttl < 1) {
            ttl = 1;
        }
        h->token_expiry_ms = gch_clock_ms() + (uint64_t)ttl * 1000u;
        /* Renew a minute early; a token that lives less than two minutes is
         * renewed at half its life instead of before every request. */
        h->token_margin_ms = (uint64_t)ttl * 500u < RENEW_MARGIN_MS ? (uint64_t)ttl * 500u : RENEW_MARGIN_MS;
        h->have_token = true;
        gch_api_log(h, 2, "gcheal: access token obtained");
        /* The login host is needed again only when the token runs out: do not
         * hold a second TLS session (and its arena share) for the whole job. */
        drop_connection(h, GCH_CONN_LOGIN);
        return GCH_OK;
    }
    gch_wipe(h->token, sizeof h->token);
    memset(&h->err, 0, sizeof h->err);
    gch_api_fail(h, (status >= 400 && status < 500) ? GCH_ERR_AUTH : (pst != GCH_OK ? pst : GCH_ERR_HTTP_STATUS),
                 "POST /oauth/token");
    h->err.http_status = status;
    copy_text(h->err.correlation_id, sizeof h->err.correlation_id, corr);
    copy_text(h->err.code, sizeof h->err.code, o->error);
    copy_text(h->err.message, sizeof h->err.message,
              o->error_description[0] ? o->error_description : "the login host refused the client credentials");
    return h->err.status;
}

void gch_api_shutdown(gch_heal_t *h)
{
    for (int k = 0; k < GCH_CONN_COUNT; k++) {
        drop_connection(h, (gch_conn_kind_t)k);
    }
    gch_wipe(h->token, sizeof h->token);
    gch_wipe(h->auth_header, sizeof h->auth_header);
    gch_wipe(h->small, sizeof h->small);
    /* The last request head carries "Authorization: Bearer <token>" and the receive
     * window may still hold a token answer: neither may outlive the job. */
    gch_wipe(h->head_out, sizeof h->head_out);
    gch_wipe(h->rx, sizeof h->rx);
    h->have_token = false;
}
