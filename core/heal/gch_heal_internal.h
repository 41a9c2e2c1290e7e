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
/* Effective timeout below the minimum? */
bool gch_heal_is_restrictive(const gch_policy_t *pol, int64_t timeout);
/* Static and custom-auth actions are never edited: why, or NULL when editable. */
const char *gch_heal_not_editable(const char *id);
/* The value the policy writes. */
int gch_heal_new_timeout(const gch_policy_t *pol);

/* ---- gch_heal_report.c: one report per examined action. */
/* Count p under r and hand it to the caller's callback. reason may be NULL.
 * last: the last answer about this action (FAILED reports carry its HTTP status
 * and correlation id), or NULL. */
void gch_heal_emit(gch_heal_t *h, const gch_pending_t *p, gch_result_t r, const char *reason,
                   const gch_api_reply_t *last);

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

/* ---- gch_heal_fix.c */
/* Handle one remembered action (GET, decide, PATCH, verify) and report it.
 * GCH_OK unless the whole job must stop (auth, cancel, network gone). */
gch_status_t gch_heal_fix_one(gch_heal_t *h, gch_pending_t *p);

#endif
