/*
 * gch_heal_draft.c - the draft flow (fact sheet §4.4), for a function data
 * action whose plain PATCH the platform refused:
 *
 *   GET  /actions/{id}/draft            a draft exists: someone is editing the
 *                                       action; skip it, never touch theirs
 *   POST /actions/{id}/draft            ours, made from the published action
 *   GET  /actions/{id}/draft + templates
 *   PATCH /actions/{id}/draft           whole config, only timeoutSeconds changed,
 *                                       the draft's version
 *   GET  /actions/{id}/draft            its current version, still holding our edit
 *   POST /actions/{id}/draft/publish    {"version": that version}
 *   GET  /actions/{id} + templates      verify the published action
 *
 * Another editor at work (409 on the draft PATCH, "does not match latest draft
 * version" on publish) means: read everything again and redo, keeping their
 * change; a draft that no longer holds our edit is never published. If anything
 * fails after we created the draft, we DELETE it: a run never leaves one behind.
 */
#include <string.h>

#include "base/gch_buf.h"
#include "gch_heal_internal.h"

#define DRAFT_WHAT "POST /api/v2/integrations/actions/{id}/draft"
#define PUBLISH_WHAT "POST /api/v2/integrations/actions/{id}/draft/publish"
#define DELETE_WHAT "DELETE /api/v2/integrations/actions/{id}/draft"
#define THEIR_DRAFT "a draft of this action exists: someone is editing it; left untouched"

/* How one round of the flow ended. */
typedef enum {
    STEP_DONE,    /* reported (fixed, failed or skipped) */
    STEP_AGAIN,   /* another editor changed the draft: read it again */
    STEP_RESTART, /* the draft is gone (published or deleted by someone else) */
    STEP_FAIL     /* failed: h->reason says why; our draft must go */
} step_t;

static gch_status_t publish_body(void *ctx, gch_json_sink_fn sink, void *sink_ctx)
{
    char text[48];
    gch_buf_t b;
    gch_buf_init(&b, text, sizeof text);
    gch_buf_append_str(&b, "{\"version\":");
    gch_buf_append_u64(&b, (uint64_t) * (const int64_t *)ctx);
    gch_buf_append_str(&b, "}");
    return sink(sink_ctx, text, b.len);
}

/* The reason of a failed step, from its answer. */
static step_t failed_step(gch_heal_t *h, const char *step)
{
    char num[21];
    GCH_TEXT(h->reason, sizeof h->reason, "draft flow: ", step, ": HTTP ", gch_u64_text((uint64_t)h->reply.status, num),
             " ", h->err.message, h->err.code[0] ? " code " : "", h->err.code);
    return STEP_FAIL;
}

/* An answer that is not 200, for a step: read its ErrorBody into h->err. */
static void describe(gch_heal_t *h, const char *what)
{
    gch_api_error_from_reply(&h->api, &h->reply, GCH_ERR_HTTP_STATUS, what, &h->err);
}

/* Read our draft with its config. *step: STEP_AGAIN with doc parsed (go on),
 * STEP_RESTART when the draft is gone, STEP_FAIL (h->reason says why) or
 * STEP_DONE (already reported). */
static gch_status_t read_draft(gch_heal_t *h, gch_pending_t *p, gch_json_doc_t *doc, step_t *step)
{
    size_t len = 0, total = 0;
    bool reported = false;
    gch_status_t st = gch_heal_exchange(h, p, "GET", "/draft?includeConfig=true", "application/json", NULL, NULL,
                                        GCH_HEAL_GET_WHAT "/draft");
    if (st != GCH_OK) {
        return st;
    }
    if (h->reply.status == 404) {
        (void)gch_api_end(&h->api);
        *step = STEP_RESTART;
        return GCH_OK;
    }
    if (h->reply.status != 200) {
        describe(h, GCH_HEAL_GET_WHAT "/draft");
        *step = failed_step(h, "GET draft");
        return GCH_OK;
    }
    st = gch_api_read_body(&h->api, h->doc, sizeof h->doc, &len, &total);
    if (st == GCH_ERR_TOO_LARGE) {
        GCH_TEXT(h->reason, sizeof h->reason, "draft flow: the draft is over the GCH_DOC_SIZE buffer");
        *step = STEP_FAIL;
        return GCH_OK;
    }
    if (st != GCH_OK) {
        gch_api_error_set(&h->err, st, GCH_HEAL_GET_WHAT "/draft (body)");
        return st;
    }
    st = gch_heal_parse(h, p, h->doc, len, doc, &reported);
    *step = reported ? STEP_DONE : STEP_AGAIN;
    return st;
}

/* PATCH our draft (whose timeout is not ours yet) built from doc. */
static gch_status_t patch_draft(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc, int64_t target,
                                step_t *step)
{
    bool reported = false;
    gch_status_t st = gch_heal_fetch_templates(h, p, GCH_SITE_DRAFT, doc, &h->fix.tpl, &reported);
    if (st == GCH_OK && reported) {
        *step = STEP_DONE; /* reported (a template failed or is too large); our draft is deleted after */
        return GCH_OK;
    }
    if (st == GCH_OK) {
        st = gch_heal_send_patch(h, p, GCH_SITE_DRAFT, doc, target);
    }
    if (st != GCH_OK) {
        return st;
    }
    int s = h->reply.status;
    if (s == 200) {
        (void)gch_api_end(&h->api);
        h->fix.draft_patched = true;
        *step = STEP_AGAIN; /* read it back: its version, and that it holds our edit */
    } else if (s == 404) {
        *step = STEP_RESTART;
    } else if (gch_heal_version_conflict(h)) {
        *step = STEP_AGAIN; /* another editor changed the draft: redo on theirs */
    } else if (s == 403) {
        gch_heal_refuse_edits(h, p, "PATCH draft"); /* our draft is deleted after */
        *step = STEP_DONE;
    } else {
        *step = failed_step(h, "PATCH draft");
    }
    return GCH_OK;
}

/* Is there no draft of the action any more? (GET /draft answers 404.) The
 * probe's answer does not replace the one being reported. */
GCH_NOINLINE static gch_status_t draft_gone(gch_heal_t *h, gch_pending_t *p, bool *gone)
{
    gch_api_reply_t cause = h->reply;
    gch_status_t st =
        gch_heal_exchange(h, p, "GET", "/draft", "application/json", NULL, NULL, GCH_HEAL_GET_WHAT "/draft");
    if (st == GCH_OK) {
        *gone = h->reply.status == 404;
        (void)gch_api_end(&h->api);
        h->reply = cause;
    }
    return st;
}

/* Our draft holds our edit: fingerprint what is about to be published and publish
 * it with the version just read (the caller verifies the published action). */
static gch_status_t publish(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc, step_t *step)
{
    gch_fix_state_t *fs = &h->fix;
    int64_t version = fs->version;
    gch_status_t st = gch_heal_fingerprints(h, p, GCH_SITE_DRAFT, doc, NULL, &fs->before);
    if (st == GCH_ERR_VERIFY) {
        *step = STEP_AGAIN; /* a template of the draft went missing meanwhile: read again */
        return GCH_OK;
    }
    if (st == GCH_OK) {
        st =
            gch_heal_exchange(h, p, "POST", "/draft/publish", "application/json", publish_body, &version, PUBLISH_WHAT);
    }
    if (st != GCH_OK) {
        return st;
    }
    int s = h->reply.status;
    if (s == 200) {
        (void)gch_api_end(&h->api);
    } else {
        describe(h, PUBLISH_WHAT);
    }
    if (s == 400 && strstr(h->err.message, "does not match latest draft version") != NULL) {
        *step = STEP_AGAIN; /* another editor moved the draft on: read it again */
        return GCH_OK;
    }
    if (s == 403) {
        gch_heal_refuse_edits(h, p, "POST draft/publish");
        *step = STEP_DONE;
        return GCH_OK;
    }
    bool gone = s == 200;
    if (!gone) {
        /* Refused: a real failure while our draft is still there; but with no draft
         * left (404, or a 400 saying so, as platforms differ), ours was published
         * and the answer lost (the retry found nothing), or someone else published
         * or deleted it. */
        (void)failed_step(h, "publish"); /* the reason, should it be a failure */
        st = draft_gone(h, p, &gone);
    }
    if (st == GCH_OK && gone) {
        fs->draft_created = false;
        fs->published = true; /* the caller verifies the published action */
        *step = STEP_DONE;
    } else if (st == GCH_OK) {
        *step = STEP_FAIL;
    }
    return st;
}

/* One round: read our draft; PATCH it if it does not hold our edit, else publish it. */
static gch_status_t round_once(gch_heal_t *h, gch_pending_t *p, int64_t target, step_t *step)
{
    gch_json_doc_t doc;
    gch_status_t st = read_draft(h, p, &doc, step);
    if (st != GCH_OK || *step != STEP_AGAIN) {
        return st;
    }
    if (p->timeout != target) {
        return patch_draft(h, p, &doc, target, step);
    }
    return publish(h, p, &doc, step);
}

/* Does a draft exist already (someone else's)? Then skip, untouched. */
static gch_status_t their_draft(gch_heal_t *h, gch_pending_t *p, bool *exists)
{
    gch_status_t st =
        gch_heal_exchange(h, p, "GET", "/draft", "application/json", NULL, NULL, GCH_HEAL_GET_WHAT "/draft");
    *exists = false;
    if (st != GCH_OK) {
        return st;
    }
    if (h->reply.status == 404) {
        (void)gch_api_end(&h->api);
        return GCH_OK;
    }
    if (h->reply.status == 200) {
        (void)gch_api_end(&h->api);
        *exists = true;
        gch_heal_fix_emit(h, p, GCH_RESULT_SKIPPED, THEIR_DRAFT);
        return GCH_OK;
    }
    describe(h, GCH_HEAL_GET_WHAT "/draft");
    *exists = true; /* we cannot tell: never create one over it */
    gch_heal_report_http(h, p, GCH_RESULT_FAILED, "draft flow: GET draft", "");
    return GCH_OK;
}

/* POST a draft of our own; false when the action was reported instead. */
static gch_status_t create_draft(gch_heal_t *h, gch_pending_t *p, bool *created)
{
    gch_status_t st = gch_heal_exchange(h, p, "POST", "/draft", "application/json", NULL, NULL, DRAFT_WHAT);
    *created = false;
    if (st != GCH_OK) {
        return st;
    }
    int s = h->reply.status;
    if (s == 200 || s == 201) {
        (void)gch_api_end(&h->api);
        *created = true;
        h->fix.draft_created = true;
        return GCH_OK;
    }
    describe(h, DRAFT_WHAT);
    if (s == 409 || (s == 400 && strstr(h->err.message, "exists") != NULL)) {
        gch_heal_fix_emit(h, p, GCH_RESULT_SKIPPED, THEIR_DRAFT); /* one appeared meanwhile */
    } else if (s == 403) {
        gch_heal_refuse_edits(h, p, "POST draft");
    } else {
        gch_heal_report_http(h, p, GCH_RESULT_FAILED, "draft flow: POST draft", "");
    }
    return GCH_OK;
}

/* Our draft must not outlive a failure: report the failure (with the answer that
 * caused it), then delete the draft. */
GCH_NOINLINE static gch_status_t fail_and_clean(gch_heal_t *h, gch_pending_t *p, step_t step)
{
    if (step == STEP_FAIL) {
        gch_heal_fix_emit(h, p, GCH_RESULT_FAILED, h->reason);
    }
    if (!h->fix.draft_created) {
        return GCH_OK;
    }
    gch_status_t st = gch_heal_exchange(h, p, "DELETE", "/draft", "application/json", NULL, NULL, DELETE_WHAT);
    if (st == GCH_OK) {
        int s = h->reply.status;
        (void)gch_api_end(&h->api);
        if (s != 200 && s != 204 && s != 404) {
            gch_api_log(&h->api, 0, "gcheal: warning: the draft gcheal created could not be deleted");
        }
        h->fix.draft_created = false;
    }
    return st;
}

gch_status_t gch_heal_draft_fix(gch_heal_t *h, gch_pending_t *p, int64_t target, bool *again)
{
    gch_fix_state_t *fs = &h->fix;
    fs->method = GCH_METHOD_DRAFT;
    fs->draft_patched = false;
    fs->published = false;
    bool exists = false, created = false;
    gch_status_t st = their_draft(h, p, &exists);
    if (st != GCH_OK || exists) {
        return st;
    }
    st = create_draft(h, p, &created);
    if (st != GCH_OK || !created) {
        return st;
    }
    step_t step = STEP_AGAIN;
    /* Each editor's change costs us a round (read, PATCH) and another (read, publish). */
    for (uint32_t round = 0; st == GCH_OK && step == STEP_AGAIN && round < 2u * (h->cfg.max_conflicts + 1u); round++) {
        st = round_once(h, p, target, &step);
    }
    if (st == GCH_OK && step == STEP_RESTART) {
        /* Our draft is gone: another editor published or deleted it. Start again from
         * the published action; if they published our edit, it is verified there. */
        fs->draft_created = false;
        fs->sent = fs->draft_patched;
        *again = true;
        return GCH_OK;
    }
    if (st == GCH_OK && step == STEP_AGAIN) {
        GCH_TEXT(h->reason, sizeof h->reason, "draft flow: another editor kept changing the draft");
        step = STEP_FAIL;
    }
    if (fs->draft_created || step == STEP_FAIL) {
        gch_status_t cst = fail_and_clean(h, p, st == GCH_OK ? step : STEP_DONE);
        if (st == GCH_OK) {
            st = cst;
        }
    }
    return st;
}
