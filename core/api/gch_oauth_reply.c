/*
 * gch_json_token.c - OAuth token answer parser (see gch_json_token.h).
 */
#include "gch_oauth_reply.h"

#include <string.h>

#include "base/gch_wipe.h"
#include "json/gch_json_str.h"

/* Copies an optional human-readable string member; absent or not a string: "". */
static void copy_text(const gch_json_doc_t *doc, const char *key, char *buf, size_t cap)
{
    const char *raw;
    size_t n, len = 0;
    bool cut;
    int t;
    buf[0] = '\0';
    if (gch_json_member(doc, 0, key, &t) != GCH_OK || gch_json_get_raw(doc, t, &raw, &n) != GCH_OK) {
        return;
    }
    if (gch_json_unescape_prefix(raw, n, buf, cap - 1u, &len, &cut) != GCH_OK) {
        len = 0;
    }
    buf[len] = '\0';
}

static gch_status_t parse_error(const gch_json_doc_t *doc, gch_oauth_reply_t *out)
{
    copy_text(doc, "error", out->error, sizeof out->error);
    copy_text(doc, "error_description", out->error_description, sizeof out->error_description);
    if (out->error_description[0] == '\0') {
        copy_text(doc, "description", out->error_description, sizeof out->error_description);
    }
    return GCH_ERR_AUTH;
}

static gch_status_t parse_token(const gch_json_doc_t *doc, gch_oauth_reply_t *out)
{
    int t;
    size_t n;
    gch_status_t st = gch_json_member(doc, 0, "access_token", &t);
    if (st != GCH_OK) {
        return st;
    }
    if (out->access_token_cap == 0 || out->access_token == NULL) {
        return GCH_ERR_NOSPACE;
    }
    st = gch_json_get_string(doc, t, out->access_token, out->access_token_cap, &n);
    if (st != GCH_OK) {
        return st;
    }
    if (n == 0 || memchr(out->access_token, '\0', n)) {
        return GCH_ERR_JSON_TYPE; /* unusable in an Authorization header */
    }
    out->access_token_len = n;

    if (gch_json_member(doc, 0, "token_type", &t) == GCH_OK &&
        gch_json_get_string(doc, t, out->token_type, sizeof out->token_type, &n) != GCH_OK) {
        return GCH_ERR_JSON_TYPE;
    }

    st = gch_json_member(doc, 0, "expires_in", &t);
    if (st == GCH_ERR_JSON_MISSING) {
        return GCH_OK;
    }
    if (st != GCH_OK) {
        return st;
    }
    if (gch_json_get_i64(doc, t, &out->expires_in) != GCH_OK || out->expires_in <= 0) {
        return GCH_ERR_JSON_TYPE;
    }
    out->has_expires_in = true;
    return GCH_OK;
}

gch_status_t gch_oauth_reply_parse(const gch_json_doc_t *doc, gch_oauth_reply_t *out)
{
    int t;
    gch_status_t st;

    out->access_token_len = 0;
    out->token_type[0] = out->error[0] = out->error_description[0] = '\0';
    out->expires_in = 0;
    out->has_expires_in = false;
    if (gch_json_type(doc, 0) != GCH_JSON_OBJECT) {
        st = GCH_ERR_JSON_TYPE;
    } else if (gch_json_member(doc, 0, "error", &t) != GCH_ERR_JSON_MISSING) {
        st = parse_error(doc, out);
    } else {
        st = parse_token(doc, out);
    }
    if (st != GCH_OK && out->access_token && out->access_token_cap > 0) {
        gch_wipe(out->access_token, out->access_token_cap);
        out->access_token_len = 0;
    }
    return st;
}
