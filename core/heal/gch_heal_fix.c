/*
 * gch_heal_fix.c - fixing one action safely: GET it fresh, fetch template texts
 * that come back only as URIs, PATCH a body that is the fetched config with
 * only timeoutSeconds changed (gch_action_patch), retry from the GET on a
 * version conflict, then GET again and verify the timeout, the templates and a
 * semantic fingerprint of everything else.
 *
 * Every answer about the action lands in h->reply, so a FAILED report
 * carries the status and correlation id of the answer that failed it.
 */
#include <string.h>

#include "api/gch_action.h"
#include "api/gch_action_patch.h"
#include "base/gch_buf.h"
#include "base/gch_hash.h"
#include "gch_heal_fingerprint.h"
#include "gch_heal_internal.h"

#define TEXT_ACCEPT "text/plain, */*"
#define ACTION_WHAT "GET /api/v2/integrations/actions/{id}"
#define PATCH_WHAT "PATCH /api/v2/integrations/actions/{id}"
#define FUNCTION_SKIP "function data action: needs the draft flow (not done by gcheal)"

typedef gch_fingerprints_t fingerprints_t;

static void emit(gch_heal_t *h, const gch_pending_t *p, gch_result_t r, const char *reason)
{
    gch_heal_emit(h, p, r, reason, &h->reply);
}

/* A GET of the action (or a template) answered with an error status. */
GCH_NOINLINE static void report_get_failure(gch_heal_t *h, gch_pending_t *p, const char *suffix)
{
    gch_api_error_from_reply(&h->api, &h->reply, GCH_ERR_HTTP_STATUS, ACTION_WHAT, &h->err);
    if (h->reply.status == 404 && suffix[0] != '/') { /* the action itself, not a template */
        emit(h, p, GCH_RESULT_SKIPPED, "the action no longer exists");
        return;
    }
    char num[21];
    GCH_TEXT(h->reason, sizeof h->reason, "GET", suffix, ": HTTP ", gch_u64_text((uint64_t)h->reply.status, num), " ",
             h->err.message, h->err.code[0] ? " code " : "", h->err.code);
    emit(h, p, GCH_RESULT_FAILED, h->reason);
}

/* Bigger than the buffer it must fit: skipped with its size, never truncated. */
GCH_NOINLINE static void report_too_large(gch_heal_t *h, gch_pending_t *p, const char *suffix, size_t total, size_t cap)
{
    char size[21], room[21];
    GCH_TEXT(h->reason, sizeof h->reason, suffix[0] != '/' ? "the action" : "a template", " is ",
             gch_u64_text(total, size), " bytes, over the ", gch_u64_text(cap, room),
             "-byte buffer: skipped, never truncated");
    emit(h, p, GCH_RESULT_SKIPPED, h->reason);
}

/* The PATCH was refused for a reason other than a version conflict. */
GCH_NOINLINE static void report_patch_failure(gch_heal_t *h, gch_pending_t *p)
{
    char num[21];
    GCH_TEXT(h->reason, sizeof h->reason, "PATCH: HTTP ", gch_u64_text((uint64_t)h->reply.status, num), " ",
             h->err.message, h->err.code[0] ? " code " : "", h->err.code);
    emit(h, p, GCH_RESULT_FAILED, h->reason);
}

/* Someone else kept editing the action through every retry. */
GCH_NOINLINE static void report_conflicts(gch_heal_t *h, gch_pending_t *p)
{
    char num[21];
    GCH_TEXT(h->reason, sizeof h->reason, "version conflict persisted after ",
             gch_u64_text(h->cfg.max_conflicts + 1u, num), " attempts: ", h->err.message);
    emit(h, p, GCH_RESULT_FAILED, h->reason);
}

/* One request about the action: suffix below /actions/{id}; body (with its
 * context) for a PATCH, NULL for a GET. */
static gch_status_t action_exchange(gch_heal_t *h, const gch_pending_t *p, const char *method, const char *suffix,
                                    const char *accept, gch_body_writer_fn body, void *body_ctx)
{
    gch_status_t st = gch_action_target(h->target, sizeof h->target, p->id, suffix);
    const char *what = body != NULL ? PATCH_WHAT : ACTION_WHAT;
    if (st != GCH_OK) {
        gch_api_error_set(&h->err, st, what);
        return st;
    }
    gch_api_req_t *r = &h->req; /* in the context: this runs deep in the fix's call chain */
    *r = (gch_api_req_t){ GCH_CONN_API, method,   h->target, accept, body != NULL ? "application/json" : NULL,
                          body,         body_ctx, what };
    return gch_api_exchange(&h->api, r, &h->reply, &h->err);
}

/* Outcome of one GET: GCH_OK with the body in buf, a per-action problem already
 * reported (*reported = true), or a status that stops the job. */
static gch_status_t get_into(gch_heal_t *h, gch_pending_t *p, const char *suffix, const char *accept, char *buf,
                             size_t cap, size_t *len, bool *reported)
{
    *reported = false;
    gch_status_t st = action_exchange(h, p, "GET", suffix, accept, NULL, NULL);
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
        gch_api_error_set(&h->err, st, ACTION_WHAT " (body)");
    }
    return st;
}

static gch_status_t parse_action(gch_heal_t *h, gch_pending_t *p, size_t len, gch_json_doc_t *doc, bool *reported)
{
    bool has_config = false;
    gch_status_t st = gch_json_doc_parse(doc, h->doc, len, h->tok, GCH_DOC_TOKENS);
    int id = -1;
    if (st == GCH_OK && gch_json_member(doc, 0, "id", &id) == GCH_OK && !gch_json_str_eq(doc, id, p->id)) {
        st = GCH_ERR_JSON_TYPE; /* answered for another action */
    }
    if (st == GCH_OK) {
        st = gch_heal_read_fields(h->doc, len, p, &has_config);
    }
    if (st == GCH_OK && !has_config) {
        st = GCH_ERR_JSON_MISSING;
    }
    if (st != GCH_OK) {
        GCH_TEXT(h->reason, sizeof h->reason, "fetched action unusable: ", gch_strerror(st),
                 st == GCH_ERR_JSON_TOKENS ? " (raise GCH_DOC_TOKENS)" : "");
        emit(h, p, st == GCH_ERR_JSON_TOKENS ? GCH_RESULT_SKIPPED : GCH_RESULT_FAILED, h->reason);
        *reported = true;
    }
    return GCH_OK;
}

/* Hash of template i: its inline text in the document, or its text endpoint. */
static gch_status_t template_hash(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc, int i, bool from_endpoint,
                                  uint64_t *out)
{
    const gch_action_template_t *t = &gch_action_templates[i];
    *out = GCH_HASH_INIT;
    if (!from_endpoint) {
        int tok;
        if (gch_json_find(doc, 0, t->path, &tok) != GCH_OK) {
            *out = 0; /* absent */
            return GCH_OK;
        }
        return gch_heal_hash_string(doc, tok, out);
    }
    gch_status_t st = action_exchange(h, p, "GET", t->suffix, TEXT_ACCEPT, NULL, NULL);
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

/* tpl: texts already fetched for this document (their hashes need no request). */
static gch_status_t fingerprints(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc,
                                 const gch_template_texts_t *tpl, fingerprints_t *fp)
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
            st = template_hash(h, p, doc, i, need[i], out[i]);
        }
    }
    return st;
}

typedef struct {
    const gch_json_doc_t *doc;
    uint32_t timeout;
    const gch_template_texts_t *tpl;
} patch_ctx_t;

static gch_status_t write_patch(void *ctx, gch_json_sink_fn sink, void *sink_ctx)
{
    const patch_ctx_t *pc = ctx;
    return gch_action_patch_body(pc->doc, pc->timeout, pc->tpl, sink, sink_ctx);
}

/* Fetch the texts of templates the action carries only as URIs. */
GCH_NOINLINE static gch_status_t fetch_templates(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc,
                                                 gch_template_texts_t *tpl, bool *reported)
{
    bool need_req = false, need_succ = false;
    memset(tpl, 0, sizeof *tpl);
    gch_status_t st = gch_action_templates_needed(doc, &need_req, &need_succ);
    size_t used = 0, len = 0;
    if (st == GCH_OK && need_req) {
        st = get_into(h, p, gch_action_templates[GCH_TEMPLATE_REQUEST].suffix, TEXT_ACCEPT, h->tpl, sizeof h->tpl, &len,
                      reported);
        tpl->request = h->tpl;
        tpl->request_len = len;
        used = len;
    }
    if (st == GCH_OK && !*reported && need_succ) {
        st = get_into(h, p, gch_action_templates[GCH_TEMPLATE_SUCCESS].suffix, TEXT_ACCEPT, h->tpl + used,
                      sizeof h->tpl - used, &len, reported);
        tpl->success = h->tpl + used;
        tpl->success_len = len;
    }
    return st;
}

static bool version_conflict(const gch_heal_t *h)
{
    int s = h->reply.status;
    return s == 409 || s == 408 || (s == 400 && strstr(h->err.message, "version") != NULL);
}

/* Compare a fetched action with what the PATCH meant to leave behind: the new
 * timeout, both template texts and everything else as fingerprinted before.
 * A mismatch is reported (FAILED) and *reported set. */
static gch_status_t compare(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc, uint32_t timeout,
                            const fingerprints_t *before, bool *reported)
{
    fingerprints_t after;
    gch_status_t st = fingerprints(h, p, doc, NULL, &after);
    const char *what = NULL;
    if (st != GCH_OK) {
        what = "could not re-read the action";
    } else if (p->timeout != (int64_t)timeout) {
        what = "timeoutSeconds did not change";
    } else if (after.request != before->request || after.success != before->success) {
        what = "a template differs from what was fetched";
    } else if (after.config != before->config) {
        what = "the config differs from what was fetched";
    }
    if (what != NULL) {
        GCH_TEXT(h->reason, sizeof h->reason, "verification after PATCH failed: ", what);
        emit(h, p, GCH_RESULT_FAILED, h->reason);
        *reported = true;
    }
    return (st == GCH_ERR_CANCELLED || st == GCH_ERR_AUTH) ? st : GCH_OK;
}

/* GET the action fresh and parse it: GCH_OK with doc ready, or reported, or the job's stop. */
static gch_status_t fetch_action(gch_heal_t *h, gch_pending_t *p, gch_json_doc_t *doc, bool *reported)
{
    size_t len = 0;
    gch_status_t st = get_into(h, p, "?includeConfig=true", "application/json", h->doc, sizeof h->doc, &len, reported);
    if (st == GCH_OK && !*reported) {
        st = parse_action(h, p, len, doc, reported);
    }
    return st;
}

/* GET the action again and compare. */
GCH_NOINLINE static gch_status_t verify(gch_heal_t *h, gch_pending_t *p, uint32_t timeout, const fingerprints_t *before,
                                        bool *reported)
{
    gch_json_doc_t doc;
    gch_status_t st = fetch_action(h, p, &doc, reported);
    if (st != GCH_OK || *reported) {
        return st;
    }
    return compare(h, p, &doc, timeout, before, reported);
}

/* What the decision says before any change: GCH_RESULT_FIXED when nothing
 * stands in the way of a PATCH; otherwise the result to report (with *why). */
static gch_result_t decide(const gch_heal_t *h, const gch_pending_t *p, const char **why)
{
    const gch_policy_t *pol = h->pol;
    const char *no = gch_heal_not_editable(p->id);
    *why = NULL;
    if (!gch_heal_is_restrictive(pol, p->timeout)) {
        return GCH_RESULT_OK;
    }
    if (no != NULL || p->function_action) {
        *why = no != NULL ? no : FUNCTION_SKIP;
        return GCH_RESULT_SKIPPED;
    }
    if (pol->mode == GCH_MODE_SCAN || pol->dry_run) {
        return pol->mode == GCH_MODE_SCAN ? GCH_RESULT_RESTRICTIVE : GCH_RESULT_WOULD_FIX;
    }
    return GCH_RESULT_FIXED;
}

/* Send the PATCH built by pc, then verify it. *again asks for another round. */
static gch_status_t send_and_verify(gch_heal_t *h, gch_pending_t *p, patch_ctx_t *pc, bool *again)
{
    bool reported = false;
    gch_status_t st = action_exchange(h, p, "PATCH", "", "application/json", write_patch, pc);
    h->sum->patches++;
    if (st != GCH_OK) {
        return st;
    }
    if (h->reply.status != 200) {
        gch_api_error_from_reply(&h->api, &h->reply, GCH_ERR_HTTP_STATUS, PATCH_WHAT, &h->err);
        if (version_conflict(h)) {
            *again = true;
            gch_api_log(&h->api, 1, "gcheal: version conflict: someone else edited the action; starting over");
            return GCH_OK;
        }
        report_patch_failure(h, p);
        return GCH_OK;
    }
    (void)gch_api_end(&h->api);
    int64_t old = p->timeout;
    st = verify(h, p, pc->timeout, &h->fix.before, &reported);
    if (st == GCH_OK && !reported) {
        p->timeout = old; /* report the value we found, and the one we wrote */
        emit(h, p, GCH_RESULT_FIXED, NULL);
    }
    return st;
}

/* The PATCH itself, built from doc; *again asks for another round. */
static gch_status_t patch(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc, uint32_t timeout, bool *again)
{
    gch_fix_state_t *fs = &h->fix; /* texts and fingerprints live there: firmware stacks are small */
    bool reported = false;
    gch_status_t st = fetch_templates(h, p, doc, &fs->tpl, &reported);
    if (st == GCH_OK && !reported) {
        st = fingerprints(h, p, doc, &fs->tpl, &fs->before);
    }
    if (st != GCH_OK || reported) {
        return st;
    }
    patch_ctx_t pc = { doc, timeout, &fs->tpl };
    fs->sent = true;
    fs->found = p->timeout;
    /* A stop requested from here on waits until this PATCH is answered, verified
     * and reported: the job never ends with a change sent but not checked. */
    gch_port_hold_cancel(1);
    st = send_and_verify(h, p, &pc, again);
    gch_port_hold_cancel(0);
    return st;
}

/* One GET-decide-PATCH round. *again asks for another round (version conflict). */
static gch_status_t attempt(gch_heal_t *h, gch_pending_t *p, bool *again)
{
    *again = false;
    bool reported = false;
    gch_json_doc_t doc;
    gch_status_t st = fetch_action(h, p, &doc, &reported);
    if (st != GCH_OK || reported) {
        return st;
    }
    gch_fix_state_t *fs = &h->fix;
    uint32_t timeout = (uint32_t)gch_heal_new_timeout(h->pol);
    if (fs->sent && p->timeout == (int64_t)timeout) {
        /* An earlier PATCH of ours landed though its answer was lost (its retry
         * then met a version conflict): verify it like any other. */
        st = compare(h, p, &doc, timeout, &fs->before, &reported);
        if (st == GCH_OK && !reported) {
            p->timeout = fs->found;
            emit(h, p, GCH_RESULT_FIXED, NULL);
        }
        return st;
    }
    const char *why;
    gch_result_t verdict = decide(h, p, &why);
    if (verdict != GCH_RESULT_FIXED) {
        emit(h, p, verdict, why);
        return GCH_OK;
    }
    return patch(h, p, &doc, timeout, again);
}

gch_status_t gch_heal_fix_one(gch_heal_t *h, gch_pending_t *p)
{
    gch_fix_state_t *fs = &h->fix;
    memset(fs, 0, sizeof *fs);
    memset(&h->reply, 0, sizeof h->reply); /* no answer about this action yet */
    if (h->pol->mode == GCH_MODE_SCAN && p->have_config) {
        /* The list already told us all a scan needs. */
        const char *no = p->function_action ? FUNCTION_SKIP : NULL;
        emit(h, p, no ? GCH_RESULT_SKIPPED : GCH_RESULT_RESTRICTIVE, no);
        return GCH_OK;
    }
    for (uint32_t round = 0; round <= h->cfg.max_conflicts; round++) {
        bool again = false;
        gch_status_t st = attempt(h, p, &again);
        if (st != GCH_OK || !again) {
            return st;
        }
    }
    report_conflicts(h, p);
    return GCH_OK;
}
