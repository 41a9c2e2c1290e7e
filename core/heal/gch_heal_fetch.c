/*
 * gch_heal_fetch.c - the reading half of a fix, for the published action or
 * its draft alike: one request about the action, the action parsed, its
 * template texts, the fingerprints a change is checked against, and the
 * read-back that verifies it.
 *
 * Every answer about the action lands in h->reply, so a FAILED report carries
 * the status and correlation id of the answer that failed it.
 */
#include <string.h>

#include "api/gch_action.h"
#include "base/gch_buf.h"
#include "base/gch_hash.h"
#include "gch_heal_fingerprint.h"
#include "gch_heal_internal.h"

#define TEXT_ACCEPT "text/plain, */*"

static const char *const doc_suffix[2] = { "?includeConfig=true", "/draft?includeConfig=true" };

void gch_heal_fix_emit(gch_heal_t *h, const gch_pending_t *p, gch_result_t r, const char *reason)
{
    gch_heal_emit(h, p, r, reason, &h->reply, &h->fix);
}

/* A GET of the action (or a template) answered with an error status. */
GCH_NOINLINE static void report_get_failure(gch_heal_t *h, gch_pending_t *p, const char *suffix)
{
    gch_api_error_from_reply(&h->api, &h->reply, GCH_ERR_HTTP_STATUS, GCH_HEAL_GET_WHAT, &h->err);
    if (h->reply.status == 404 && suffix[0] == '?') { /* the action itself, not a template */
        gch_heal_fix_emit(h, p, GCH_RESULT_SKIPPED, "the action no longer exists");
        return;
    }
    gch_heal_report_http(h, p, GCH_RESULT_FAILED, "GET", suffix);
}

void gch_heal_report_http(gch_heal_t *h, gch_pending_t *p, gch_result_t r, const char *method, const char *suffix)
{
    char num[21];
    GCH_TEXT(h->reason, sizeof h->reason, method, suffix, ": HTTP ", gch_u64_text((uint64_t)h->reply.status, num), " ",
             h->err.message, h->err.code[0] ? " code " : "", h->err.code);
    gch_heal_fix_emit(h, p, r, h->reason);
}

/* Bigger than the buffer it must fit: skipped with its size, never truncated. */
GCH_NOINLINE static void report_too_large(gch_heal_t *h, gch_pending_t *p, const char *suffix, size_t total, size_t cap)
{
    char size[21], room[21];
    GCH_TEXT(h->reason, sizeof h->reason, suffix[0] == '?' ? "the action" : "a template", " is ",
             gch_u64_text(total, size), " bytes, over the ", gch_u64_text(cap, room),
             "-byte buffer: skipped, never truncated");
    gch_heal_fix_emit(h, p, GCH_RESULT_SKIPPED, h->reason);
}

gch_status_t gch_heal_exchange(gch_heal_t *h, const gch_pending_t *p, const char *method, const char *suffix,
                               const char *accept, gch_body_writer_fn body, void *body_ctx, const char *what)
{
    gch_status_t st = gch_action_target(h->target, sizeof h->target, p->id, suffix);
    if (st != GCH_OK) {
        gch_api_error_set(&h->err, st, what);
        return st;
    }
    gch_api_req_t *r = &h->req; /* in the context: this runs deep in the fix's call chain */
    *r = (gch_api_req_t){ GCH_CONN_API, method,   h->target, accept, body != NULL ? "application/json" : NULL,
                          body,         body_ctx, what };
    return gch_api_exchange(&h->api, r, &h->reply, &h->err);
}

gch_status_t gch_heal_get(gch_heal_t *h, gch_pending_t *p, const char *suffix, const char *accept, char *buf,
                          size_t cap, size_t *len, bool *reported)
{
    *reported = false;
    gch_status_t st = gch_heal_exchange(h, p, "GET", suffix, accept, NULL, NULL, GCH_HEAL_GET_WHAT);
    if (st != GCH_OK) {
        return st;
    }
    if (h->reply.status != 200) {
        *reported = true;
        report_get_failure(h, p, suffix);
        return GCH_OK;
    }
    size_t total = 0;
    st = gch_api_read_body(&h->api, buf, cap, len, &total);
    if (st == GCH_ERR_TOO_LARGE) {
        report_too_large(h, p, suffix, total, cap);
        *reported = true;
        return GCH_OK;
    }
    if (st != GCH_OK) {
        gch_api_error_set(&h->err, st, GCH_HEAL_GET_WHAT " (body)");
    }
    return st;
}

GCH_NOINLINE gch_status_t gch_heal_parse(gch_heal_t *h, gch_pending_t *p, const char *json, size_t len,
                                         gch_json_doc_t *doc, bool *reported)
{
    bool has_config = false;
    gch_status_t st = gch_json_doc_parse(doc, json, len, h->tok, GCH_DOC_TOKENS);
    int t = -1;
    if (st == GCH_OK && gch_json_member(doc, 0, "id", &t) == GCH_OK && !gch_json_str_eq(doc, t, p->id)) {
        st = GCH_ERR_JSON_TYPE; /* answered for another action */
    }
    if (st == GCH_OK) {
        st = gch_heal_read_fields(json, len, p, &has_config);
    }
    if (st == GCH_OK && !has_config) {
        st = GCH_ERR_JSON_MISSING;
    }
    h->fix.version = -1;
    if (st == GCH_OK &&
        (gch_json_member(doc, 0, "version", &t) != GCH_OK || gch_json_get_i64(doc, t, &h->fix.version) != GCH_OK)) {
        h->fix.version = -1; /* the PATCH body builder says why, if it matters */
    }
    if (st != GCH_OK) {
        GCH_TEXT(h->reason, sizeof h->reason, "fetched action unusable: ", gch_strerror(st),
                 st == GCH_ERR_JSON_TOKENS ? " (raise GCH_DOC_TOKENS)" : "");
        gch_heal_fix_emit(h, p, st == GCH_ERR_JSON_TOKENS ? GCH_RESULT_SKIPPED : GCH_RESULT_FAILED, h->reason);
        *reported = true;
    }
    return GCH_OK;
}

GCH_NOINLINE gch_status_t gch_heal_fetch(gch_heal_t *h, gch_pending_t *p, gch_site_t site, gch_json_doc_t *doc,
                                         bool *reported)
{
    size_t len = 0;
    gch_status_t st = gch_heal_get(h, p, doc_suffix[site], "application/json", h->doc, sizeof h->doc, &len, reported);
    if (st == GCH_OK && !*reported) {
        st = gch_heal_parse(h, p, h->doc, len, doc, reported);
    }
    return st;
}

static const char *template_suffix(gch_site_t site, int i)
{
    return site == GCH_SITE_DRAFT ? gch_action_templates[i].draft_suffix : gch_action_templates[i].suffix;
}

GCH_NOINLINE gch_status_t gch_heal_fetch_templates(gch_heal_t *h, gch_pending_t *p, gch_site_t site,
                                                   const gch_json_doc_t *doc, gch_template_texts_t *tpl, bool *reported)
{
    bool need_req = false, need_succ = false;
    memset(tpl, 0, sizeof *tpl);
    *reported = false;
    gch_status_t st = gch_action_templates_needed(doc, &need_req, &need_succ);
    size_t used = 0, len = 0;
    if (st == GCH_OK && need_req) {
        st = gch_heal_get(h, p, template_suffix(site, GCH_TEMPLATE_REQUEST), TEXT_ACCEPT, h->tpl, sizeof h->tpl, &len,
                          reported);
        tpl->request = h->tpl;
        tpl->request_len = len;
        used = len;
    }
    if (st == GCH_OK && !*reported && need_succ) {
        st = gch_heal_get(h, p, template_suffix(site, GCH_TEMPLATE_SUCCESS), TEXT_ACCEPT, h->tpl + used,
                          sizeof h->tpl - used, &len, reported);
        tpl->success = h->tpl + used;
        tpl->success_len = len;
    }
    return st;
}

/* Hash of template i: its inline text in the document, or its text endpoint. */
static gch_status_t template_hash(gch_heal_t *h, gch_pending_t *p, gch_site_t site, const gch_json_doc_t *doc, int i,
                                  bool from_endpoint, uint64_t *out)
{
    *out = GCH_HASH_INIT;
    if (!from_endpoint) {
        int tok;
        if (gch_json_find(doc, 0, gch_action_templates[i].path, &tok) != GCH_OK) {
            *out = 0; /* absent */
            return GCH_OK;
        }
        return gch_heal_hash_string(doc, tok, out);
    }
    gch_status_t st =
        gch_heal_exchange(h, p, "GET", template_suffix(site, i), TEXT_ACCEPT, NULL, NULL, GCH_HEAL_GET_WHAT);
    if (st == GCH_OK && h->reply.status != 200) {
        gch_api_error_from_reply(&h->api, &h->reply, GCH_ERR_VERIFY, "GET template", &h->err);
        return GCH_ERR_VERIFY;
    }
    for (; st == GCH_OK;) {
        const uint8_t *d;
        size_t n;
        st = gch_api_body_slice(&h->api, &d, &n);
        if (n == 0) {
            break;
        }
        *out = gch_hash_bytes(*out, d, n);
    }
    return st;
}

/* The text of template i fetched for this document, or NULL. */
static const char *fetched_text(const gch_template_texts_t *tpl, int i, size_t *len)
{
    if (tpl == NULL) {
        return NULL;
    }
    *len = i == GCH_TEMPLATE_REQUEST ? tpl->request_len : tpl->success_len;
    return i == GCH_TEMPLATE_REQUEST ? tpl->request : tpl->success;
}

gch_status_t gch_heal_fingerprints(gch_heal_t *h, gch_pending_t *p, gch_site_t site, const gch_json_doc_t *doc,
                                   const gch_template_texts_t *tpl, gch_fingerprints_t *fp)
{
    bool need[GCH_TEMPLATE_COUNT] = { false, false };
    uint64_t *out[GCH_TEMPLATE_COUNT] = { &fp->request, &fp->success };
    int cfg;
    gch_status_t st = gch_action_templates_needed(doc, &need[GCH_TEMPLATE_REQUEST], &need[GCH_TEMPLATE_SUCCESS]);
    if (st == GCH_OK) {
        st = gch_json_member(doc, 0, "config", &cfg);
    }
    if (st == GCH_OK) {
        st = gch_heal_fingerprint(doc, cfg, &fp->config);
    }
    for (int i = 0; st == GCH_OK && i < GCH_TEMPLATE_COUNT; i++) {
        size_t len = 0;
        const char *text = fetched_text(tpl, i, &len);
        if (need[i] && text != NULL) {
            *out[i] = gch_hash_bytes(GCH_HASH_INIT, text, len);
        } else {
            st = template_hash(h, p, site, doc, i, need[i], out[i]);
        }
    }
    return st;
}

gch_status_t gch_heal_compare(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc, int64_t target,
                              const gch_fingerprints_t *before, bool *reported)
{
    gch_fingerprints_t after;
    gch_status_t st = gch_heal_fingerprints(h, p, GCH_SITE_ACTION, doc, NULL, &after);
    const char *what = NULL;
    if (st != GCH_OK) {
        what = "could not re-read the action";
    } else if (p->timeout != target) {
        what = "timeoutSeconds did not change";
    } else if (after.request != before->request || after.success != before->success) {
        what = "a template differs from what was fetched";
    } else if (after.config != before->config) {
        what = "the config differs from what was fetched";
    }
    if (what != NULL) {
        GCH_TEXT(h->reason, sizeof h->reason, "verification after ",
                 h->fix.method == GCH_METHOD_DRAFT ? "publish" : "PATCH", " failed: ", what);
        gch_heal_fix_emit(h, p, GCH_RESULT_FAILED, h->reason);
        *reported = true;
    }
    h->fix.version_after = h->fix.version;
    return (st == GCH_ERR_CANCELLED || st == GCH_ERR_AUTH) ? st : GCH_OK;
}

GCH_NOINLINE gch_status_t gch_heal_verify(gch_heal_t *h, gch_pending_t *p, int64_t target,
                                          const gch_fingerprints_t *before, bool *reported)
{
    gch_json_doc_t doc;
    gch_status_t st = gch_heal_fetch(h, p, GCH_SITE_ACTION, &doc, reported);
    if (st != GCH_OK || *reported) {
        return st;
    }
    return gch_heal_compare(h, p, &doc, target, before, reported);
}
