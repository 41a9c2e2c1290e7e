/*
 * gch_heal_fix.c - fixing one action safely: GET it fresh, fetch template texts
 * that come back only as URIs, PATCH a body that is the fetched config with
 * only timeoutSeconds changed (gch_json_edit), retry from the GET on a version
 * conflict, then GET again and verify the timeout, the templates and a
 * semantic fingerprint of everything else.
 */
#include <string.h>

#include "gch_heal_fingerprint.h"
#include "gch_heal_internal.h"
#include "gch_json_edit.h"
#include "gch_port_core.h"
#include "gch_url.h"

#define TEXT_ACCEPT "text/plain, */*"

typedef gch_fingerprints_t fingerprints_t;

static gch_status_t action_target(gch_heal_t *h, const char *id, const char *suffix)
{
    gch_buf_t b;
    gch_buf_init(&b, h->target, sizeof h->target - 1);
    gch_buf_append_str(&b, "/api/v2/integrations/actions/");
    gch_url_encode_component(&b, id, strlen(id));
    gch_buf_append_str(&b, suffix);
    h->target[b.len] = '\0';
    return gch_buf_status(&b);
}

/* A GET of the action (or a template) answered with an error status. */
GCH_NOINLINE static void report_get_failure(gch_heal_t *h, gch_pending_t *p, const char *suffix)
{
    gch_api_capture_error(h, GCH_ERR_HTTP_STATUS, "GET /api/v2/integrations/actions/{id}");
    if (h->last_status == 404 && suffix[0] != '/') { /* the action itself, not a template */
        gch_heal_emit(h, p, GCH_RESULT_SKIPPED, "the action no longer exists");
        return;
    }
    char num[21];
    GCH_TEXT(h->reason, sizeof h->reason, "GET", suffix, ": HTTP ", gch_u64_text((uint64_t)h->last_status, num),
             " ", h->err.message, h->err.code[0] ? " code " : "", h->err.code);
    gch_heal_emit(h, p, GCH_RESULT_FAILED, h->reason);
}

/* Bigger than the buffer it must fit: skipped with its size, never truncated. */
GCH_NOINLINE static void report_too_large(gch_heal_t *h, gch_pending_t *p, const char *suffix, size_t total,
                                          size_t cap)
{
    char size[21], room[21];
    GCH_TEXT(h->reason, sizeof h->reason, suffix[0] != '/' ? "the action" : "a template", " is ",
             gch_u64_text(total, size), " bytes, over the ", gch_u64_text(cap, room),
             "-byte buffer: skipped, never truncated");
    gch_heal_emit(h, p, GCH_RESULT_SKIPPED, h->reason);
}

/* The PATCH was refused for a reason other than a version conflict. */
GCH_NOINLINE static void report_patch_failure(gch_heal_t *h, gch_pending_t *p)
{
    char num[21];
    GCH_TEXT(h->reason, sizeof h->reason, "PATCH: HTTP ", gch_u64_text((uint64_t)h->last_status, num), " ",
             h->err.message, h->err.code[0] ? " code " : "", h->err.code);
    gch_heal_emit(h, p, GCH_RESULT_FAILED, h->reason);
}

/* Someone else kept editing the action through every retry. */
GCH_NOINLINE static void report_conflicts(gch_heal_t *h, gch_pending_t *p)
{
    char num[21];
    GCH_TEXT(h->reason, sizeof h->reason, "version conflict persisted after ",
             gch_u64_text(h->cfg.max_conflicts + 1u, num), " attempts: ", h->err.message);
    gch_heal_emit(h, p, GCH_RESULT_FAILED, h->reason);
}

/* Outcome of one GET: GCH_OK with the body in buf, a per-action problem already
 * reported (*reported = true), or a status that stops the job. */
static gch_status_t get_into(gch_heal_t *h, gch_pending_t *p, const char *suffix, const char *accept,
                             char *buf, size_t cap, size_t *len, bool *reported)
{
    *reported = false;
    gch_status_t st = action_target(h, p->id, suffix);
    gch_api_req_t r = { GCH_CONN_API, "GET", h->target, accept, NULL, NULL, NULL };
    if (st == GCH_OK) {
        st = gch_api_exchange(h, &r);
    }
    if (st != GCH_OK) {
        gch_api_fail(h, st, "GET /api/v2/integrations/actions/{id}");
        return st;
    }
    if (h->last_status != 200) {
        *reported = true;
        report_get_failure(h, p, suffix);
        return GCH_OK;
    }
    size_t total = 0;
    st = gch_api_read_body(h, buf, cap, len, &total);
    if (st == GCH_ERR_TOO_LARGE) {
        report_too_large(h, p, suffix, total, cap);
        *reported = true;
        return GCH_OK;
    }
    if (st != GCH_OK) {
        gch_api_fail(h, st, "GET /api/v2/integrations/actions/{id} (body)");
    }
    return st;
}

static gch_status_t parse_action(gch_heal_t *h, gch_pending_t *p, size_t len, gch_json_doc_t *doc,
                                 bool *reported)
{
    bool has_config = false;
    gch_status_t st = gch_json_doc_parse(doc, h->doc, len, h->tok, GCH_DOC_TOKENS);
    if (st == GCH_OK) {
        char id[GCH_ID_MAX];
        memcpy(id, p->id, sizeof id);
        st = gch_heal_read_fields(h->doc, len, p, &has_config);
        if (st == GCH_OK && strcmp(id, p->id) != 0) {
            st = GCH_ERR_JSON_TYPE; /* answered for another action */
        }
    }
    if (st == GCH_OK && !has_config) {
        st = GCH_ERR_JSON_MISSING;
    }
    if (st != GCH_OK) {
        GCH_TEXT(h->reason, sizeof h->reason, "fetched action unusable: ", gch_strerror(st),
                 st == GCH_ERR_JSON_TOKENS ? " (raise GCH_DOC_TOKENS)" : "");
        gch_heal_emit(h, p, st == GCH_ERR_JSON_TOKENS ? GCH_RESULT_SKIPPED : GCH_RESULT_FAILED, h->reason);
        *reported = true;
    }
    return GCH_OK;
}

/* Hash of one template: inline text from the document, or the .vm endpoint. */
static gch_status_t template_hash(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc,
                                  const char *path, bool from_endpoint, const char *vm, uint64_t *out)
{
    *out = GCH_FNV_INIT;
    if (!from_endpoint) {
        int t;
        if (gch_json_find(doc, 0, path, &t) != GCH_OK) {
            *out = 0; /* absent */
            return GCH_OK;
        }
        return gch_heal_hash_string(doc, t, out);
    }
    gch_status_t st = action_target(h, p->id, vm);
    gch_api_req_t r = { GCH_CONN_API, "GET", h->target, TEXT_ACCEPT, NULL, NULL, NULL };
    if (st == GCH_OK) {
        st = gch_api_exchange(h, &r);
    }
    if (st == GCH_OK && h->last_status != 200) {
        gch_api_capture_error(h, GCH_ERR_VERIFY, "GET template");
        return GCH_ERR_VERIFY;
    }
    for (; st == GCH_OK;) {
        const uint8_t *d;
        size_t n;
        st = gch_api_body_slice(h, &d, &n);
        if (n == 0) {
            break;
        }
        *out = gch_fnv1a(*out, d, n);
    }
    return st;
}

/* tpl: texts already fetched for this document (their hashes need no request). */
static gch_status_t fingerprints(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc,
                                 const gch_json_templates_t *tpl, fingerprints_t *fp)
{
    bool need_req = false, need_succ = false;
    int cfg;
    gch_status_t st = gch_json_edit_templates_needed(doc, &need_req, &need_succ);
    if (st == GCH_OK) {
        st = gch_json_member(doc, 0, "config", &cfg);
    }
    if (st == GCH_OK) {
        st = gch_heal_fingerprint(doc, cfg, &fp->config);
    }
    if (st == GCH_OK && need_req && tpl != NULL && tpl->request != NULL) {
        fp->request = gch_fnv1a(GCH_FNV_INIT, tpl->request, tpl->request_len);
    } else if (st == GCH_OK) {
        st = template_hash(h, p, doc, "config.request.requestTemplate", need_req,
                           "/templates/requesttemplate.vm", &fp->request);
    }
    if (st == GCH_OK && need_succ && tpl != NULL && tpl->success != NULL) {
        fp->success = gch_fnv1a(GCH_FNV_INIT, tpl->success, tpl->success_len);
    } else if (st == GCH_OK) {
        st = template_hash(h, p, doc, "config.response.successTemplate", need_succ,
                           "/templates/successtemplate.vm", &fp->success);
    }
    return st;
}

typedef struct {
    const gch_json_doc_t *doc;
    uint32_t timeout;
    const gch_json_templates_t *tpl;
} patch_ctx_t;

static gch_status_t write_patch(void *ctx, gch_json_sink_fn sink, void *sink_ctx)
{
    const patch_ctx_t *pc = ctx;
    return gch_json_edit_patch_body(pc->doc, pc->timeout, pc->tpl, sink, sink_ctx);
}

/* Fetch the texts of templates the action carries only as URIs. */
GCH_NOINLINE static gch_status_t fetch_templates(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc,
                                                 gch_json_templates_t *tpl, bool *reported)
{
    bool need_req = false, need_succ = false;
    memset(tpl, 0, sizeof *tpl);
    gch_status_t st = gch_json_edit_templates_needed(doc, &need_req, &need_succ);
    size_t used = 0, len = 0;
    if (st == GCH_OK && need_req) {
        st = get_into(h, p, "/templates/requesttemplate.vm", TEXT_ACCEPT, h->tpl, sizeof h->tpl, &len, reported);
        tpl->request = h->tpl;
        tpl->request_len = len;
        used = len;
    }
    if (st == GCH_OK && !*reported && need_succ) {
        st = get_into(h, p, "/templates/successtemplate.vm", TEXT_ACCEPT, h->tpl + used, sizeof h->tpl - used,
                      &len, reported);
        tpl->success = h->tpl + used;
        tpl->success_len = len;
    }
    return st;
}

static bool version_conflict(const gch_heal_t *h)
{
    int s = h->last_status;
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
        gch_heal_emit(h, p, GCH_RESULT_FAILED, h->reason);
        *reported = true;
    }
    return (st == GCH_ERR_CANCELLED || st == GCH_ERR_AUTH) ? st : GCH_OK;
}

/* GET the action again and compare. */
GCH_NOINLINE static gch_status_t verify(gch_heal_t *h, gch_pending_t *p, uint32_t timeout,
                                        const fingerprints_t *before, bool *reported)
{
    size_t len = 0;
    gch_json_doc_t doc;
    gch_status_t st = get_into(h, p, "?includeConfig=true", "application/json", h->doc, sizeof h->doc, &len,
                               reported);
    if (st == GCH_OK && !*reported) {
        st = parse_action(h, p, len, &doc, reported);
    }
    if (st != GCH_OK || *reported) {
        return st;
    }
    return compare(h, p, &doc, timeout, before, reported);
}

typedef gch_fix_state_t fix_state_t;

/* Send the PATCH, then verify it. *again asks for another round (version conflict). */
static gch_status_t patch_and_verify(gch_heal_t *h, gch_pending_t *p, const gch_api_req_t *r, uint32_t timeout,
                                     const fingerprints_t *before, bool *again)
{
    bool reported = false;
    gch_status_t st = gch_api_exchange(h, r);
    h->sum->patches++;
    if (st != GCH_OK) {
        gch_api_fail(h, st, "PATCH /api/v2/integrations/actions/{id}");
        return st;
    }
    if (h->last_status != 200) {
        gch_api_capture_error(h, GCH_ERR_HTTP_STATUS, "PATCH /api/v2/integrations/actions/{id}");
        if (version_conflict(h)) {
            *again = true;
            gch_api_log(h, 1, "gcheal: version conflict: someone else edited the action; starting over");
            return GCH_OK;
        }
        report_patch_failure(h, p);
        return GCH_OK;
    }
    (void)gch_api_end(h);
    int64_t old = p->timeout;
    st = verify(h, p, timeout, before, &reported);
    if (st == GCH_OK && !reported) {
        p->timeout = old; /* report the value we found, and the one we wrote */
        gch_heal_emit(h, p, GCH_RESULT_FIXED, NULL);
    }
    return st;
}

/* One GET-decide-PATCH round. *again asks for another round (version conflict). */
static gch_status_t attempt(gch_heal_t *h, gch_pending_t *p, fix_state_t *fs, bool *again)
{
    *again = false;
    bool reported = false;
    size_t len = 0;
    gch_json_doc_t doc;
    gch_status_t st = get_into(h, p, "?includeConfig=true", "application/json", h->doc, sizeof h->doc, &len,
                               &reported);
    if (st == GCH_OK && !reported) {
        st = parse_action(h, p, len, &doc, &reported);
    }
    if (st != GCH_OK || reported) {
        return st;
    }
    const gch_policy_t *pol = h->pol;
    const char *no = gch_heal_not_editable(p->id);
    uint32_t timeout = (uint32_t)gch_heal_new_timeout(pol);
    if (fs->sent && p->timeout == (int64_t)timeout) {
        /* An earlier PATCH of ours landed though its answer was lost (its retry
         * then met a version conflict): verify it like any other. */
        st = compare(h, p, &doc, timeout, &fs->before, &reported);
        if (st == GCH_OK && !reported) {
            p->timeout = fs->found;
            gch_heal_emit(h, p, GCH_RESULT_FIXED, NULL);
        }
        return st;
    }
    if (!gch_heal_is_restrictive(pol, p->timeout)) {
        gch_heal_emit(h, p, GCH_RESULT_OK, NULL);
        return GCH_OK;
    }
    if (no != NULL || p->function_action) {
        gch_heal_emit(h, p, GCH_RESULT_SKIPPED,
                      no != NULL ? no : "function data action: needs the draft flow (not done by gcheal)");
        return GCH_OK;
    }
    if (pol->mode == GCH_MODE_SCAN || pol->dry_run) {
        gch_heal_emit(h, p, pol->mode == GCH_MODE_SCAN ? GCH_RESULT_RESTRICTIVE : GCH_RESULT_WOULD_FIX, NULL);
        return GCH_OK;
    }
    fingerprints_t before;
    gch_json_templates_t tpl;
    st = fetch_templates(h, p, &doc, &tpl, &reported);
    if (st == GCH_OK && !reported) {
        st = fingerprints(h, p, &doc, &tpl, &before);
    }
    if (st != GCH_OK || reported) {
        return st;
    }
    patch_ctx_t pc = { &doc, timeout, &tpl };
    if ((st = action_target(h, p->id, "")) != GCH_OK) {
        return st;
    }
    gch_api_req_t r = { GCH_CONN_API, "PATCH", h->target, "application/json", "application/json", write_patch, &pc };
    fs->sent = true;
    fs->found = p->timeout;
    fs->before = before;
    /* A stop requested from here on waits until this PATCH is answered, verified
     * and reported: the job never ends with a change sent but not checked. */
    gch_port_hold_cancel(1);
    st = patch_and_verify(h, p, &r, timeout, &before, again);
    gch_port_hold_cancel(0);
    return st;
}

gch_status_t gch_heal_fix_one(gch_heal_t *h, gch_pending_t *p)
{
    if (h->pol->mode == GCH_MODE_SCAN && p->have_config) {
        /* The list already told us all a scan needs. */
        const char *no = p->function_action ? "function data action: needs the draft flow (not done by gcheal)"
                                            : NULL;
        gch_heal_emit(h, p, no ? GCH_RESULT_SKIPPED : GCH_RESULT_RESTRICTIVE, no);
        return GCH_OK;
    }
    fix_state_t *fs = &h->fix;
    memset(fs, 0, sizeof *fs);
    for (uint32_t round = 0; round <= h->cfg.max_conflicts; round++) {
        bool again = false;
        gch_status_t st = attempt(h, p, fs, &again);
        if (st != GCH_OK || !again) {
            return st;
        }
    }
    report_conflicts(h, p);
    return GCH_OK;
}
