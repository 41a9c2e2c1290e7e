/* gch_heal_internal.h - what the files of the heal job share (not public).
 *
 *   gch_heal.c               run: page loop, then integrations and fixes per page
 *     -> gch_heal_scan.c     one page through the splitter; decides what to remember
 *     -> gch_heal_integrations.c  which remembered actions are function actions
 *     -> gch_heal_fix.c      one action: GET, PATCH, verify
 *   each of them -> gch_heal_report.c (one report per action), gch_heal_decide.c
 *   (pure verdicts), and fix -> gch_heal_fingerprint.c
 */
#ifndef GCH_HEAL_INTERNAL_H
#define GCH_HEAL_INTERNAL_H

#include "gch_heal_ctx.h"
#include "json/gch_json_path.h"
#include "json/gch_json_skim.h"

/* ---- gch_heal_decide.c: the fields of one action and the policy's verdicts. */
enum {
    GCH_HEAL_F_ID,
    GCH_HEAL_F_NAME,
    GCH_HEAL_F_CATEGORY,
    GCH_HEAL_F_INTEGRATION,
    GCH_HEAL_F_CONFIG,
    GCH_HEAL_F_TIMEOUT,
    GCH_HEAL_FIELDS
};
void gch_heal_fields_init(gch_json_skim_field_t f[GCH_HEAL_FIELDS]);
/* Decode skimmed fields into p. GCH_ERR_JSON_MISSING (no id), _TYPE, _SYNTAX, GCH_ERR_TOO_LARGE. */
gch_status_t gch_heal_fields_read(const gch_json_skim_field_t f[GCH_HEAL_FIELDS], gch_pending_t *p, bool *has_config);
/* Skim an action's (already validated) JSON text and decode its fields; errors as above. */
gch_status_t gch_heal_read_fields(const char *json, size_t len, gch_pending_t *p, bool *has_config);
/* Effective target below the minimum? */
bool gch_heal_is_restrictive(const gch_policy_t *pol, int64_t target);
/* Static and custom-auth actions are never edited: why, or NULL when editable. */
const char *gch_heal_not_editable(const char *id);
/* The value the policy writes. */
int gch_heal_new_timeout(const gch_policy_t *pol);

/* ---- gch_heal_report.c: one report per examined action. */
/* Count p under r and hand it to the caller's callback. reason may be NULL.
 * last: the last answer about this action (FAILED reports carry its HTTP status
 * and correlation id), or NULL; fix: how a change was made or tried, or NULL. */
void gch_heal_emit(gch_heal_t *h, const gch_pending_t *p, gch_result_t r, const char *reason,
                   const gch_api_reply_t *last, const gch_fix_state_t *fix);

/* ---- gch_heal_scan.c: one page of the action list. */
/* Read page `page`, examining entities from *handled on (those below were examined
 * by an earlier, interrupted read) and remembering candidates in h->pending. A page
 * cut mid-body is read again. *count: entities on the page; *hash: of the page.
 * GCH_OK, or the status that stops the job (described in h->err). */
gch_status_t gch_heal_read_page(gch_heal_t *h, uint32_t page, uint32_t *handled, uint32_t *count, uint64_t *hash);
/* Warn when the page's nextUri points at another host (never followed). */
void gch_heal_check_next_uri(gch_heal_t *h);

/* ---- gch_heal_integrations.c */
/* Mark the remembered actions of function-data-actions integrations, asking the
 * API only for integrations not known yet. GCH_OK or the status that stops the job. */
gch_status_t gch_heal_resolve_integrations(gch_heal_t *h);

/* ---- gch_heal_fetch.c: the reading half of a fix (published action or draft). */
#define GCH_HEAL_GET_WHAT "GET /api/v2/integrations/actions/{id}"
/* Report p with h->reply and h->fix. */
void gch_heal_fix_emit(gch_heal_t *h, const gch_pending_t *p, gch_result_t r, const char *reason);
/* Report p as r with "<method><suffix>: HTTP <status> <message> code <code>" from h->reply, h->err. */
void gch_heal_report_http(gch_heal_t *h, gch_pending_t *p, gch_result_t r, const char *method, const char *suffix);
/* One request below /actions/{id}; body (and its context) for a PATCH/POST. The
 * answer in h->reply; GCH_OK or the job's stop, described in h->err with `what`. */
gch_status_t gch_heal_exchange(gch_heal_t *h, const gch_pending_t *p, const char *method, const char *suffix,
                               const char *accept, gch_body_writer_fn body, void *body_ctx, const char *what);
/* GET suffix into buf: GCH_OK with the body, or a per-action problem already reported
 * (*reported: an error status, or too large), or the job's stop. */
gch_status_t gch_heal_get(gch_heal_t *h, gch_pending_t *p, const char *suffix, const char *accept, char *buf,
                          size_t cap, size_t *len, bool *reported);
/* Parse an action (or draft) document: fields into p, version into h->fix.version.
 * Unusable documents are reported (*reported). */
gch_status_t gch_heal_parse(gch_heal_t *h, gch_pending_t *p, const char *json, size_t len, gch_json_doc_t *doc,
                            bool *reported);
/* GET the action or its draft with its config, and parse it (into h->doc, h->tok). */
gch_status_t gch_heal_fetch(gch_heal_t *h, gch_pending_t *p, gch_site_t site, gch_json_doc_t *doc, bool *reported);
/* Fetch the texts of the templates the document carries only as URIs (into h->tpl). */
gch_status_t gch_heal_fetch_templates(gch_heal_t *h, gch_pending_t *p, gch_site_t site, const gch_json_doc_t *doc,
                                      gch_template_texts_t *tpl, bool *reported);
/* Fingerprints of a document: config without target and templates, and both
 * template texts (from tpl when fetched, else inline, else their endpoints). */
gch_status_t gch_heal_fingerprints(gch_heal_t *h, gch_pending_t *p, gch_site_t site, const gch_json_doc_t *doc,
                                   const gch_template_texts_t *tpl, gch_fingerprints_t *fp);
/* Compare the published action in doc with what a change meant to leave: the new
 * target, the templates and the rest as `before`. A mismatch is reported (FAILED). */
gch_status_t gch_heal_compare(gch_heal_t *h, gch_pending_t *p, const gch_json_doc_t *doc, int64_t target,
                              const gch_fingerprints_t *before, bool *reported);
/* GET the published action again and compare. */
gch_status_t gch_heal_verify(gch_heal_t *h, gch_pending_t *p, int64_t target, const gch_fingerprints_t *before,
                             bool *reported);

/* ---- gch_heal_draft.c: the draft flow, for a function action whose plain PATCH
 * the platform refused. Ends with h->fix.published (the caller verifies the
 * published action), or the action reported, or *again when the draft vanished
 * before our publish (start over from the published action). GCH_OK unless the
 * job must stop. */
gch_status_t gch_heal_draft_fix(gch_heal_t *h, gch_pending_t *p, int64_t target, bool *again);

/* ---- gch_heal_fix.c */
/* 409, 408 or a 400 about the version: someone else changed it meanwhile. */
bool gch_heal_version_conflict(const gch_heal_t *h);
/* PATCH the action or its draft with doc, timeoutSeconds changed, templates from
 * h->fix.tpl. The answer in h->reply (an error status described in h->err). */
gch_status_t gch_heal_send_patch(gch_heal_t *h, gch_pending_t *p, gch_site_t site, const gch_json_doc_t *doc,
                                 int64_t target);
/* A 403 on a change (method names it): report p failed and every later change too. */
void gch_heal_refuse_edits(gch_heal_t *h, gch_pending_t *p, const char *method);
/* p is fixed and verified (target found before in h->fix.found): gch_heal_fix_one
 * reports it, with a note when a function's own timeout is lower. */
void gch_heal_report_fixed(gch_heal_t *h, gch_pending_t *p, int64_t target);
/* Handle one remembered action (GET, decide, PATCH, verify) and report it.
 * GCH_OK unless the whole job must stop (auth, cancel, network gone). */
gch_status_t gch_heal_fix_one(gch_heal_t *h, gch_pending_t *p);

#endif
