/*
 * gch_api_auth.c - the OAuth client-credentials login: POST /oauth/token with
 * Basic credentials, keep the token and when to renew it. The secret is copied
 * nowhere but into the Basic header, built in pieces, and every buffer that
 * held it or the token is wiped as soon as it is done with.
 */
#include <string.h>

#include "base/gch_base64.h"
#include "base/gch_buf.h"
#include "base/gch_wipe.h"
#include "gch_api_internal.h"
#include "json/gch_json_doc.h"

#define RENEW_MARGIN_MS 60000u /* renew a minute before the token expires (at most) */
#define DEFAULT_TTL_S 3600     /* an answer without expires_in */

static gch_status_t login_body(void *ctx, gch_json_sink_fn sink, void *sink_ctx)
{
    (void)ctx;
    static const char form[] = "grant_type=client_credentials";
    return sink(sink_ctx, form, sizeof form - 1);
}

/* "Basic " + base64(id:secret) into auth_header, built from pieces so the pair
 * never sits whole in a second buffer. */
GCH_NOINLINE static gch_status_t basic_header(gch_api_t *api)
{
    gch_buf_t b;
    gch_buf_init(&b, api->auth_header, sizeof api->auth_header - 1);
    gch_buf_append_str(&b, "Basic ");
    char *pair = api->pair; /* a multiple of 3 long: base64 of the pieces joins without padding */
    _Static_assert(sizeof api->pair % 3 == 0, "base64 pieces must not need padding");
    const char *id = api->cfg.client_id, *secret = api->cfg.client_secret;
    size_t id_len = strlen(id), sec_len = strlen(secret);
    size_t total = id_len + 1 + sec_len, off = 0;
    while (off < total) {
        size_t n = 0;
        while (n < sizeof api->pair && off + n < total) {
            size_t i = off + n;
            pair[n++] = i < id_len ? id[i] : i == id_len ? ':' : secret[i - id_len - 1];
        }
        gch_base64_append(&b, pair, n);
        off += n;
    }
    gch_wipe(api->pair, sizeof api->pair);
    if (b.overflow) {
        gch_wipe(api->auth_header, sizeof api->auth_header);
        return GCH_ERR_CONFIG;
    }
    api->auth_header[b.len] = '\0';
    return GCH_OK;
}

/* Keep a granted token and decide when to renew it. */
static void keep_token(gch_api_t *api, const gch_oauth_reply_t *o)
{
    int64_t ttl = o->has_expires_in ? o->expires_in : DEFAULT_TTL_S;
    if (ttl < 1) {
        ttl = 1;
    }
    api->token_expiry_ms = gch_clock_ms() + (uint64_t)ttl * 1000u;
    /* Renew a minute early; a token that lives less than two minutes is renewed
     * at half its life instead of before every request. */
    api->token_margin_ms = (uint64_t)ttl * 500u < RENEW_MARGIN_MS ? (uint64_t)ttl * 500u : RENEW_MARGIN_MS;
    api->have_token = true;
}

/* The login host answered but granted nothing: say why, as it said. */
GCH_NOINLINE static gch_status_t refused(const gch_api_reply_t *reply, gch_status_t parse_st,
                                         const gch_oauth_reply_t *o, gch_api_error_t *err)
{
    int s = reply->status;
    gch_api_error_set(err, (s >= 400 && s < 500) ? GCH_ERR_AUTH : (parse_st != GCH_OK ? parse_st : GCH_ERR_HTTP_STATUS),
                      "POST /oauth/token");
    err->http_status = s;
    gch_api_copy_text(err->correlation_id, sizeof err->correlation_id, reply->correlation_id);
    gch_api_copy_text(err->code, sizeof err->code, o->error);
    gch_api_copy_text(err->message, sizeof err->message,
                      o->error_description[0] ? o->error_description : "the login host refused the client credentials");
    return err->status;
}

gch_status_t gch_api_login(gch_api_t *api, gch_api_reply_t *reply, gch_api_error_t *err)
{
    gch_wipe(api->token, sizeof api->token);
    api->have_token = false;
    if (basic_header(api) != GCH_OK) {
        gch_api_error_set(err, GCH_ERR_CONFIG, "client credentials too long");
        return GCH_ERR_CONFIG;
    }
    static const gch_api_req_t r = {
        GCH_CONN_LOGIN, "POST", "/oauth/token",     "application/json", "application/x-www-form-urlencoded",
        login_body,     NULL,   "POST /oauth/token"
    };
    gch_status_t st = gch_api_exchange(api, &r, reply, err);
    gch_wipe(api->auth_header, sizeof api->auth_header);
    if (st != GCH_OK) {
        return st; /* described by the exchange */
    }
    size_t len = 0, all = 0;
    st = gch_api_read_body(api, api->small, sizeof api->small, &len, &all);
    gch_json_doc_t doc;
    gch_oauth_reply_t *o = &api->oauth;
    memset(o, 0, sizeof *o);
    o->access_token = api->token;
    o->access_token_cap = sizeof api->token;
    if (st == GCH_OK) {
        st = gch_json_doc_parse(&doc, api->small, len, api->small_tok, GCH_SMALL_BODY_TOKENS);
    }
    gch_status_t pst = st == GCH_OK ? gch_oauth_reply_parse(&doc, o) : st;
    gch_wipe(api->small, sizeof api->small); /* the body held the token */
    if (reply->status == 200 && pst == GCH_OK && o->access_token_len > 0) {
        keep_token(api, o);
        gch_api_log(api, 2, "gcheal: access token obtained");
        /* The login host is needed again only when the token runs out: do not
         * hold a second TLS session (and its arena share) for the whole job. */
        gch_api_drop(api, GCH_CONN_LOGIN);
        return GCH_OK;
    }
    gch_wipe(api->token, sizeof api->token);
    return refused(reply, pst, o, err);
}
