/*
 * gch_heal_fix.c - fixing one action safely: start from the action as listed
 * (or GET it fresh), fetch template texts that come back only as URIs, PATCH a
 * body that is the fetched config with only timeoutSeconds changed
 * (gch_action_patch), start again from a GET on a version conflict, then read
 * it back and verify the timeout, the templates and a semantic fingerprint of
 * everything else (gch_heal_fetch.c).
 *
 * A function data action gets the same plain PATCH; when the platform refuses
 * it (a 400 naming drafts or functions), the draft flow takes over
 * (gch_heal_draft.c). A 403 on a change means the role cannot edit: the rest of
 * the run reports every action that needs a change as failed, without trying.
 */
#include <string.h>

#include "api/gch_action_patch.h"
#include "base/gch_buf.h"
#include "gch_heal_internal.h"
#include "json/gch_json_str.h"

#define PATCH_WHAT "PATCH /api/v2/integrations/actions/{id}"
#define FUNCTION_WHAT "GET /api/v2/integrations/actions/{id}/function"
#define EDIT_HINT " (fix needs integrations:action:edit)"

/* Someone else kept editing the action through every retry. */
GCH_NOINLINE static void report_conflicts(gch_heal_t *h, gch_pending_t *p)
{
    char num[21];
    GCH_TEXT(h->reason, sizeof h->reason, "version conflict persisted after ",
             gch_u64_text(h->cfg.max_conflicts + 1u, num), " attempts: ", h->err.message);
    gch_heal_fix_emit(h, p, GCH_RESULT_FAILED, h->reason);
}

/* A 403 on a change: remember why, so the rest of the run does not try again. */
GCH_NOINLINE void gch_heal_refuse_edits(gch_heal_t *h, gch_pending_t *p, const char *method)
{
    GCH_TEXT(h->no_edit_reason, sizeof h->no_edit_reason, method, ": HTTP 403 ", h->err.message, EDIT_HINT);
    h->no_edit = true;
    gch_api_log(&h->api, 0, "gcheal: the role cannot edit actions: every remaining change is reported failed");
    gch_heal_fix_emit(h, p, GCH_RESULT_FAILED, h->no_edit_reason);
}

bool gch_heal_version_conflict(const gch_heal_t *h)
{
    int s = h->reply.status;
    return s == 409 || s == 408 || (s == 400 && strstr(h->err.message, "version") != NULL);
}

/* The platform refused a plain PATCH of a function action and points at the
 * draft flow (how it words that is not settled: drafts, or the function type). */
static bool wants_draft_flow(const gch_heal_t *h, const gch_pending_t *p)
{
    const char *m = h->err.message;
    return p->function_action && h->reply.status == 400 &&
           (strstr(m, "draft") != NULL || strstr(m, "Draft") != NULL || strstr(m, "unction") != NULL);
}

typedef struct {
    const gch_json_doc_t *doc;
    int64_t target;
    const gch_template_texts_t *tpl;
} patch_ctx_t;

static gch_status_t write_patch(void *ctx, gch_json_sink_fn sink, void *sink_ctx)
{
    const patch_ctx_t *pc = ctx;
    return gch_action_patch_body(pc->doc, pc->target < 0 ? 0u : (uint32_t)pc->target, pc->tpl, sink, sink_ctx);
}

gch_status_t gch_heal_send_patch(gch_heal_t *h, gch_pending_t *p, gch_site_t site, const gch_json_doc_t *doc,
                                 int64_t target)
{
    patch_ctx_t pc = { doc, target, &h->fix.tpl };
    gch_status_t st = gch_heal_exchange(h, p, "PATCH", site == GCH_SITE_DRAFT ? "/draft" : "", "application/json",
                                        write_patch, &pc, PATCH_WHAT);
    h->sum->patches++;
    if (st == GCH_OK && h->reply.status != 200) {
        gch_api_error_from_reply(&h->api, &h->reply, GCH_ERR_HTTP_STATUS, PATCH_WHAT, &h->err);
    }
    return st;
}

/* A function's own timeout (1..15 s) stops it whatever the action's timeout says:
 * say so when it is below the new one. One GET, only for function actions fixed.
 * Returns the note for the report (in h->reason), or NULL. */
GCH_NOINLINE static const char *function_note(gch_heal_t *h, gch_pending_t *p, int64_t target)
{
    size_t len = 0, total = 0;
    gch_status_t st = gch_heal_exchange(h, p, "GET", "/function", "application/json", NULL, NULL, FUNCTION_WHAT);
    if (st != GCH_OK) {
        return NULL;
    }
    if (h->reply.status != 200) {
        bool denied = h->reply.status == 403;
        (void)gch_api_end(&h->api);
        if (!denied) {
            return NULL;
        }
        GCH_TEXT(h->reason, sizeof h->reason,
                 "the function's own timeout was not checked: HTTP 403 "
                 "(needs integrations:actionFunction:view)");
        return h->reason;
    }
    gch_json_doc_t doc;
    int t;
    int64_t fn_timeout;
    if (gch_api_read_body(&h->api, h->doc, sizeof h->doc, &len, &total) != GCH_OK ||
        gch_json_doc_parse(&doc, h->doc, len, h->tok, GCH_DOC_TOKENS) != GCH_OK ||
        gch_json_find(&doc, 0, "function.timeoutSeconds", &t) != GCH_OK ||
        gch_json_get_i64(&doc, t, &fn_timeout) != GCH_OK || fn_timeout >= target) {
        return NULL;
    }
    char a[21], b[21];
    GCH_TEXT(h->reason, sizeof h->reason, "the function's own timeout is ", gch_u64_text((uint64_t)fn_timeout, a),
             " s, below the action's ", gch_u64_text((uint64_t)target, b),
             " s: the runtime stops the function first (gcheal leaves the function alone)");
    return h->reason;
}

void gch_heal_report_fixed(gch_heal_t *h, gch_pending_t *p, int64_t target)
{
    (void)target;
    h->fix.fixed = true;       /* reported by gch_heal_fix_one, with the function note */
    p->timeout = h->fix.found; /* report the value we found, and the one we wrote */
}

/* The fix verified: report it (the function note's GET runs here, at the top of
 * the call chain, where the stack has room). */
GCH_NOINLINE static void report_fixed_now(gch_heal_t *h, gch_pending_t *p, uint32_t requests_before)
{
    int64_t target = h->new_timeout;
    gch_api_reply_t verified = h->reply; /* the report names the read-back, not the note's GET */
    int64_t found = p->timeout;
    const char *note = p->function_action && target > 0 ? function_note(h, p, target) : NULL;
    h->reply = verified;
    p->timeout = found;
    h->sum->fix_requests += h->api.requests - requests_before;
    gch_heal_fix_emit(h, p, GCH_RESULT_FIXED, note);
}

/* The published action after the draft flow published (or found its draft gone):
 * fixed when it shows our timeout and everything else as published; another
 * editor's publish without our edit means starting over (*again). */
GCH_NOINLINE static gch_status_t verify_published(gch_heal_t *h, gch_pending_t *p, int64_t target, bool *again)
{
    bool reported = false;
    gch_json_doc_t doc;
    gch_status_t st = gch_heal_fetch(h, p, GCH_SITE_ACTION, &doc, &reported);
    if (st != GCH_OK || reported) {
        return st;
    }
    if (p->timeout != target) {
        h->fix.sent = h->fix.draft_patched; /* theirs was published: read it all again */
        *again = true;
        return GCH_OK;
    }
    st = gch_heal_compare(h, p, &doc, target, &h->fix.before, &reported);
    if (st == GCH_OK && !reported) {
        gch_heal_report_fixed(h, p, target);
    }
    return st;
}

/* Send the plain PATCH built from doc, then verify it. *again asks for another round. */
static gch_status_t send_and_verify(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc, int64_t target,
                                    bool *again)
{
    bool reported = false;
    gch_status_t st = gch_heal_send_patch(h, p, GCH_SITE_ACTION, doc, target);
    if (st != GCH_OK) {
        return st;
    }
    if (h->reply.status != 200) {
        if (gch_heal_version_conflict(h)) {
            *again = true;
            gch_api_log(&h->api, 1, "gcheal: version conflict: someone else edited the action; starting over");
        } else if (h->reply.status == 403) {
            gch_heal_refuse_edits(h, p, "PATCH");
        } else if (wants_draft_flow(h, p)) {
            gch_api_log(&h->api, 1, "gcheal: the platform refused the plain PATCH: using the draft flow");
            h->fix.sent = false; /* refused: nothing of ours landed */
            st = gch_heal_draft_fix(h, p, target, again);
            return st == GCH_OK && h->fix.published ? verify_published(h, p, target, again) : st;
        } else {
            gch_heal_report_http(h, p, GCH_RESULT_FAILED, "PATCH", "");
        }
        return GCH_OK;
    }
    (void)gch_api_end(&h->api);
    st = gch_heal_verify(h, p, target, &h->fix.before, &reported);
    if (st == GCH_OK && !reported) {
        gch_heal_report_fixed(h, p, target);
    }
    return st;
}

/* The PATCH itself, built from doc; *again asks for another round. */
static gch_status_t patch(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc, int64_t target, bool *again)
{
    gch_fix_state_t *fs = &h->fix; /* texts and fingerprints live there: firmware stacks are small */
    bool reported = false;
    gch_status_t st = gch_heal_fetch_templates(h, p, GCH_SITE_ACTION, doc, &fs->tpl, &reported);
    if (st == GCH_OK && !reported) {
        st = gch_heal_fingerprints(h, p, GCH_SITE_ACTION, doc, &fs->tpl, &fs->before);
    }
    if (st != GCH_OK || reported) {
        return st;
    }
    fs->sent = true;
    fs->found = p->timeout;
    fs->method = GCH_METHOD_PATCH;
    fs->version_before = fs->version;
    /* A stop requested from here on waits until this PATCH is answered, verified
     * and reported: the job never ends with a change sent but not checked. */
    gch_port_hold_cancel(1);
    st = send_and_verify(h, p, doc, target, again);
    gch_port_hold_cancel(0);
    return st;
}

/* What the decision says before any change: GCH_RESULT_FIXED when nothing
 * stands in the way of a change; otherwise the result to report (with *why). */
/* An undo touches only an action that still holds what gcheal wrote. */
GCH_NOINLINE static const char *changed_since(gch_heal_t *h, const gch_pending_t *p)
{
    char now[21], was[21];
    GCH_TEXT(h->reason, sizeof h->reason, "changed since gcheal set it (now ",
             p->timeout < 0 ? "absent" : gch_u64_text((uint64_t)p->timeout, now), ", gcheal wrote ",
             h->revert->expect < 0 ? "absent" : gch_u64_text((uint64_t)h->revert->expect, was), "): left alone");
    return h->reason;
}

static gch_result_t decide(gch_heal_t *h, const gch_pending_t *p, const char **why)
{
    const gch_policy_t *pol = h->pol;
    const char *no = gch_heal_not_editable(p->id);
    *why = NULL;
    if (h->revert != NULL && p->timeout != h->revert->expect) {
        *why = changed_since(h, p);
        return GCH_RESULT_SKIPPED;
    }
    if (h->revert == NULL && !gch_heal_is_restrictive(pol, p->timeout)) {
        return GCH_RESULT_OK;
    }
    if (no != NULL) {
        *why = no;
        return GCH_RESULT_SKIPPED;
    }
    if (pol->mode == GCH_MODE_SCAN || pol->dry_run) {
        return pol->mode == GCH_MODE_SCAN ? GCH_RESULT_RESTRICTIVE : GCH_RESULT_WOULD_FIX;
    }
    if (h->no_edit) {
        *why = h->no_edit_reason;
        return GCH_RESULT_FAILED;
    }
    return GCH_RESULT_FIXED;
}

/* The action as listed (first round, when the stash kept it), or a fresh GET. */
static gch_status_t start_from(gch_heal_t *h, gch_pending_t *p, uint32_t round, gch_json_doc_t *doc, bool *reported)
{
    *reported = false;
    if (round == 0 && p->stash_len > 0) {
        return gch_heal_parse(h, p, h->stash + p->stash_off, p->stash_len, doc, reported);
    }
    return gch_heal_fetch(h, p, GCH_SITE_ACTION, doc, reported);
}

/* One read-decide-PATCH round. *again asks for another round (version conflict). */
static gch_status_t attempt(gch_heal_t *h, gch_pending_t *p, uint32_t round, bool *again)
{
    *again = false;
    bool reported = false;
    gch_json_doc_t doc;
    gch_status_t st = start_from(h, p, round, &doc, &reported);
    if (st != GCH_OK || reported) {
        return st;
    }
    gch_fix_state_t *fs = &h->fix;
    int64_t target = h->new_timeout;
    if (fs->sent && p->timeout == target) {
        /* An earlier PATCH of ours landed though its answer was lost (its retry
         * then met a version conflict): verify it like any other. */
        st = gch_heal_compare(h, p, &doc, target, &fs->before, &reported);
        if (st == GCH_OK && !reported) {
            gch_heal_report_fixed(h, p, target);
        }
        return st;
    }
    const char *why;
    gch_result_t verdict = decide(h, p, &why);
    if (verdict != GCH_RESULT_FIXED) {
        gch_heal_fix_emit(h, p, verdict, why);
        return GCH_OK;
    }
    return patch(h, p, &doc, target, again);
}

gch_status_t gch_heal_fix_one(gch_heal_t *h, gch_pending_t *p)
{
    gch_fix_state_t *fs = &h->fix;
    memset(fs, 0, sizeof *fs);
    fs->version = fs->version_before = fs->version_after = -1;
    memset(&h->reply, 0, sizeof h->reply); /* no answer about this action yet */
    const gch_policy_t *pol = h->pol;
    if (p->have_config && (pol->mode == GCH_MODE_SCAN || (h->no_edit && !pol->dry_run))) {
        /* The list already told us all this needs: what fix would do, or that the
         * role cannot do it (no request is made to find that out again). */
        bool scan = pol->mode == GCH_MODE_SCAN;
        gch_heal_fix_emit(h, p, scan ? GCH_RESULT_RESTRICTIVE : GCH_RESULT_FAILED, scan ? NULL : h->no_edit_reason);
        return GCH_OK;
    }
    uint32_t requests_before = h->api.requests;
    for (uint32_t round = 0; round <= h->cfg.max_conflicts; round++) {
        bool again = false;
        gch_status_t st = attempt(h, p, round, &again);
        if (fs->fixed) {
            report_fixed_now(h, p, requests_before);
        }
        if (st != GCH_OK || !again) {
            return st;
        }
    }
    report_conflicts(h, p);
    return GCH_OK;
}
