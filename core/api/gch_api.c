/*
 * gch_api.c - one request to Genesys Cloud, start to final answer: connection
 * reuse, the token, and the retry rules (429 Retry-After, back-off on 5xx and
 * dropped connections, one renewal on a 401). See gch_api.h.
 */
#include "gch_api.h"

#include <string.h>

#include "base/gch_buf.h"
#include "base/gch_wipe.h"
#include "gch_api_internal.h"

#define BACKOFF_BASE_MS 500u
#define BACKOFF_CAP_MS 30000u
#define DEFAULT_RETRY_AFTER_S 3u /* a 429 without Retry-After */

gch_status_t gch_api_init(gch_api_t *api, const gch_api_config_t *cfg)
{
    memset(api, 0, sizeof *api);
    if (cfg->api_host == NULL || cfg->login_host == NULL || cfg->client_id == NULL || cfg->client_secret == NULL ||
        cfg->connector.open == NULL) {
        return GCH_ERR_CONFIG;
    }
    api->cfg = *cfg;
    api->attached = -1;
    gch_http_client_config_t hc = {
        api->rx,      sizeof api->rx,  api->head_out,      sizeof api->head_out,   api->head_in, sizeof api->head_in,
        api->headers, GCH_MAX_HEADERS, cfg->io_timeout_ms, cfg->request_timeout_ms
    };
    return gch_http_client_init(&api->http, &hc);
}

void gch_api_log(const gch_api_t *api, int level, const char *text)
{
    if (api->cfg.verbose >= level) {
        gch_log_write(level, text, strlen(text));
    }
}

void gch_api_drop(gch_api_t *api, gch_conn_kind_t kind)
{
    if (api->live[kind]) {
        api->cfg.connector.close(api->cfg.connector.ctx, kind);
    }
    api->live[kind] = false;
    if (api->attached == (int)kind) {
        api->attached = -1;
    }
}

static const char *host_of(const gch_api_t *api, gch_conn_kind_t kind, uint16_t *port)
{
    *port = kind == GCH_CONN_LOGIN ? api->cfg.login_port : api->cfg.api_port;
    return kind == GCH_CONN_LOGIN ? api->cfg.login_host : api->cfg.api_host;
}

static gch_status_t ensure_connection(gch_api_t *api, gch_conn_kind_t kind)
{
    if (!api->live[kind]) {
        uint16_t port;
        const char *host = host_of(api, kind, &port);
        gch_status_t st = api->cfg.connector.open(api->cfg.connector.ctx, kind, host, port, &api->tr[kind]);
        if (st != GCH_OK) {
            return st;
        }
        api->live[kind] = true;
        api->uses[kind] = 0;
        api->attached = -1;
    }
    if (api->attached != (int)kind) {
        gch_http_client_attach(&api->http, api->tr[kind]);
        api->attached = (int)kind;
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

/* The status and ININ-Correlation-Id of the answer just received. */
static void read_reply(const gch_api_t *api, gch_api_reply_t *reply)
{
    const char *v;
    size_t n;
    reply->status = api->http.parser.status;
    reply->correlation_id[0] = '\0';
    if (gch_http_parser_header(&api->http.parser, "inin-correlation-id", &v, &n)) {
        if (n >= sizeof reply->correlation_id) {
            n = sizeof reply->correlation_id - 1;
        }
        memcpy(reply->correlation_id, v, n);
        reply->correlation_id[n] = '\0';
    }
}

/* Retry-After in seconds (delta form); absent or unparsable: the default. */
static uint64_t retry_after_s(const gch_api_t *api)
{
    const char *v;
    size_t n;
    if (!gch_http_parser_header(&api->http.parser, "retry-after", &v, &n) || n == 0) {
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

/* A 429 we will not wait out: its ErrorBody, and why we gave up (ours says
 * more than the server's message, so it takes its place). */
GCH_NOINLINE static void rate_limited(gch_api_t *api, const gch_api_req_t *r, const gch_api_reply_t *reply,
                                      uint64_t wait, gch_api_error_t *err)
{
    gch_api_error_from_reply(api, reply, GCH_ERR_RATE_LIMITED, r->target, err);
    gch_buf_t b;
    gch_buf_init(&b, err->message, sizeof err->message - 1);
    gch_buf_append_str(&b, "rate limited: Retry-After ");
    gch_buf_append_u64(&b, wait);
    gch_buf_append_str(&b, wait > api->cfg.max_retry_after_s ? " s is over the limit of "
                                                             : " s, still limited after retries; limit ");
    gch_buf_append_u64(&b, api->cfg.max_retry_after_s);
    gch_buf_append_str(&b, " s");
    err->message[b.len] = '\0'; /* appends are all or nothing: what fits is whole words */
}

static gch_status_t sink_to_http(void *ctx, const char *bytes, size_t len)
{
    return gch_http_send_body(ctx, bytes, len);
}

GCH_NOINLINE static gch_status_t send_request(gch_api_t *api, const gch_api_req_t *r)
{
    gch_http_header_t *hdr = api->req_headers; /* in the context: firmware stacks are small */
    size_t n = 0;
    size_t body_len = 0;
    hdr[n++] = (gch_http_header_t){ "Accept", 6, r->accept, strlen(r->accept) };
    if (api->auth_header[0] != '\0') {
        hdr[n++] = (gch_http_header_t){ "Authorization", 13, api->auth_header, strlen(api->auth_header) };
    }
    if (r->content_type != NULL) {
        hdr[n++] = (gch_http_header_t){ "Content-Type", 12, r->content_type, strlen(r->content_type) };
        gch_status_t st = r->body(r->body_ctx, gch_json_sink_count, &body_len);
        if (st != GCH_OK) {
            return st;
        }
    }
    uint16_t port;
    const char *host = host_of(api, r->kind, &port);
    gch_http_request_t req = {
        r->method, host, strlen(host), port, r->target, strlen(r->target), hdr, n, r->content_type != NULL, body_len
    };
    gch_status_t st = gch_http_send_head(&api->http, &req);
    if (st == GCH_OK && r->content_type != NULL) {
        st = r->body(r->body_ctx, sink_to_http, &api->http);
    }
    if (st == GCH_OK) {
        st = gch_http_recv_head(&api->http);
    }
    api->requests++;
    return st;
}

static void set_bearer(gch_api_t *api)
{
    gch_buf_t b;
    gch_buf_init(&b, api->auth_header, sizeof api->auth_header - 1);
    gch_buf_append_str(&b, "Bearer ");
    gch_buf_append_str(&b, api->token);
    api->auth_header[b.len] = '\0';
}

/* A token for the API host: the one in hand unless it is about to expire. */
static gch_status_t ensure_token(gch_api_t *api, gch_api_reply_t *reply, gch_api_error_t *err)
{
    if (!api->have_token || gch_clock_ms() + api->token_margin_ms >= api->token_expiry_ms) {
        gch_status_t st = gch_api_login(api, reply, err);
        if (st != GCH_OK) {
            return st;
        }
    }
    set_bearer(api);
    return GCH_OK;
}

/* How the loop goes on after an answer arrived. */
typedef enum { ANSWER_FINAL, ANSWER_RETRY, ANSWER_RENEW, ANSWER_GIVE_UP } answer_t;

static answer_t judge_answer(gch_api_t *api, const gch_api_req_t *r, const gch_api_reply_t *reply, uint32_t attempt,
                             bool renewed, uint32_t *wait_ms)
{
    int s = reply->status;
    if (s == 401 && r->kind == GCH_CONN_API && !renewed) {
        return ANSWER_RENEW; /* token revoked or expired early: one fresh login */
    }
    if (s == 429) {
        uint64_t wait = retry_after_s(api);
        if (wait > api->cfg.max_retry_after_s || attempt >= api->cfg.max_attempts * 2) {
            return ANSWER_GIVE_UP;
        }
        *wait_ms = (uint32_t)wait * 1000u;
        gch_api_log(api, 1, "gcheal: 429: waiting as Retry-After asks");
        return ANSWER_RETRY;
    }
    if ((s == 502 || s == 503 || s == 504) && attempt < api->cfg.max_attempts) {
        *wait_ms = backoff_ms(attempt);
        gch_api_log(api, 1, "gcheal: gateway error: backing off");
        return ANSWER_RETRY;
    }
    return ANSWER_FINAL;
}

gch_status_t gch_api_exchange(gch_api_t *api, const gch_api_req_t *r, gch_api_reply_t *reply, gch_api_error_t *err)
{
    bool renewed = false;
    for (uint32_t attempt = 1;; attempt++) {
        gch_status_t st = GCH_OK;
        if (gch_port_cancelled()) {
            st = GCH_ERR_CANCELLED;
        } else if (r->kind == GCH_CONN_API && (st = ensure_token(api, reply, err)) != GCH_OK) {
            return st; /* the login described its own failure */
        }
        bool open_failed = false;
        if (st == GCH_OK) {
            st = ensure_connection(api, r->kind);
            open_failed = st != GCH_OK;
        }
        if (st == GCH_OK) {
            bool reused = api->uses[r->kind]++ > 0;
            st = send_request(api, r);
            if (st != GCH_OK) {
                gch_api_drop(api, r->kind);
                /* A kept-alive connection the server closed meanwhile: retry at once. */
                if (reused && (st == GCH_ERR_CLOSED || st == GCH_ERR_NET) && attempt == 1) {
                    continue;
                }
            }
        }
        uint32_t wait_ms = 0;
        if (st == GCH_OK) {
            read_reply(api, reply);
            switch (judge_answer(api, r, reply, attempt, renewed, &wait_ms)) {
            case ANSWER_FINAL: return GCH_OK;
            case ANSWER_GIVE_UP: rate_limited(api, r, reply, retry_after_s(api), err); return GCH_ERR_RATE_LIMITED;
            case ANSWER_RENEW:
                renewed = true;
                api->have_token = false;
                gch_api_log(api, 2, "gcheal: 401: renewing the access token once");
                if (gch_api_end(api) != GCH_OK) {
                    gch_api_drop(api, r->kind);
                }
                attempt--;
                continue;
            case ANSWER_RETRY: (void)gch_api_end(api); break;
            }
        } else if (!gch_status_is_transient(st) || attempt >= api->cfg.max_attempts) {
            if (gch_status_is_alert(st)) {
                gch_api_log(api, 2, "gcheal: the answer broke the protocol: not retried");
            }
            gch_api_error_set(err, st, r->what);
            if (open_failed && api->cfg.connector.describe != NULL) {
                /* The connector knows why (a certificate, the route it took). */
                api->cfg.connector.describe(api->cfg.connector.ctx, r->kind, err->message, sizeof err->message);
            }
            return st;
        } else {
            gch_api_log(api, 1, "gcheal: connection failed: backing off");
            wait_ms = backoff_ms(attempt);
        }
        if ((st = pause_ms(wait_ms)) != GCH_OK) {
            gch_api_error_set(err, st, r->what);
            return st;
        }
    }
}

gch_status_t gch_api_body_slice(gch_api_t *api, const uint8_t **data, size_t *len)
{
    gch_status_t st = gch_http_recv_body(&api->http, data, len);
    if (st != GCH_OK) {
        gch_api_drop(api, (gch_conn_kind_t)(api->attached < 0 ? 0 : api->attached));
    }
    return st;
}

gch_status_t gch_api_read_body(gch_api_t *api, char *buf, size_t cap, size_t *len, size_t *total)
{
    *len = 0;
    *total = 0;
    for (;;) {
        const uint8_t *d;
        size_t n;
        gch_status_t st = gch_api_body_slice(api, &d, &n);
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
    (void)gch_api_end(api);
    if (*total > cap) {
        return GCH_ERR_TOO_LARGE;
    }
    *len = *total;
    return GCH_OK;
}

gch_status_t gch_api_end(gch_api_t *api)
{
    if (api->attached < 0) {
        return GCH_OK;
    }
    gch_conn_kind_t kind = (gch_conn_kind_t)api->attached;
    gch_status_t st = gch_http_skip_body(&api->http);
    if (st != GCH_OK || !gch_http_reusable(&api->http)) {
        gch_api_drop(api, kind);
    }
    return st;
}

void gch_api_disconnect(gch_api_t *api)
{
    for (int k = 0; k < GCH_CONN_COUNT; k++) {
        gch_api_drop(api, (gch_conn_kind_t)k);
    }
}

void gch_api_shutdown(gch_api_t *api)
{
    gch_api_disconnect(api);
    gch_wipe(api->token, sizeof api->token);
    gch_wipe(api->auth_header, sizeof api->auth_header);
    gch_wipe(api->small, sizeof api->small);
    /* The last request head carries "Authorization: Bearer <token>" and the receive
     * window may still hold a token answer: neither may outlive the job. */
    gch_wipe(api->head_out, sizeof api->head_out);
    gch_wipe(api->rx, sizeof api->rx);
    api->have_token = false;
}
