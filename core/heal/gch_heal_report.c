/*
 * gch_heal_report.c - what the caller learns: one report per examined action
 * (counted in the summary), the names of the results, and the exit status of
 * the CLI contract that every board shares.
 */
#include "gch_heal_internal.h"

const char *gch_result_name(gch_result_t r)
{
    static const char *const names[] = { "ok", "restrictive", "fixed", "would-fix", "skipped", "failed" };
    return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "unknown";
}

int gch_heal_exit_code(gch_status_t st, const gch_summary_t *sum, const gch_policy_t *pol)
{
    switch (st) {
    case GCH_OK: break;
    case GCH_ERR_AUTH:
    case GCH_ERR_PERMISSION: return GCH_EXIT_AUTH;
    case GCH_ERR_ARG:
    case GCH_ERR_CONFIG:
    case GCH_ERR_TLS_CA: return GCH_EXIT_USAGE;
    case GCH_ERR_CANCELLED: return GCH_EXIT_INTERRUPTED;
    default: return GCH_EXIT_FAILURE;
    }
    uint32_t unfinished = sum->skipped + sum->failed;
    bool found = sum->restrictive > sum->fixed + unfinished; /* restrictive or would-fix */
    if ((pol->mode == GCH_MODE_SCAN || pol->dry_run) && found) {
        return GCH_EXIT_FOUND;
    }
    if (unfinished > 0) {
        return GCH_EXIT_INCOMPLETE;
    }
    return found ? GCH_EXIT_FOUND : GCH_EXIT_CLEAN;
}

const char *gch_method_name(gch_method_t m)
{
    static const char *const names[] = { "none", "patch", "draft" };
    return (unsigned)m < sizeof names / sizeof names[0] ? names[m] : "unknown";
}

void gch_heal_emit(gch_heal_t *h, const gch_pending_t *p, gch_result_t r, const char *reason,
                   const gch_api_reply_t *last, const gch_fix_state_t *fix)
{
    gch_summary_t *s = h->sum;
    s->examined++;
    if (r != GCH_RESULT_OK) {
        s->restrictive++;
    }
    s->fixed += r == GCH_RESULT_FIXED;
    s->skipped += r == GCH_RESULT_SKIPPED;
    s->failed += r == GCH_RESULT_FAILED;
    s->requests = h->api.requests - h->requests_before;
    bool changed = r == GCH_RESULT_FIXED || r == GCH_RESULT_FAILED;
    bool failed = r == GCH_RESULT_FAILED;
    gch_action_report_t rep = { p->id,
                                p->name,
                                p->category,
                                p->integration_id,
                                p->timeout,
                                r == GCH_RESULT_OK ? p->timeout : h->new_timeout,
                                r,
                                reason != NULL ? reason : "",
                                failed && last != NULL && last->status >= 300 ? last->status : 0,
                                changed && last != NULL ? last->correlation_id : "",
                                changed && fix != NULL ? fix->method : GCH_METHOD_NONE,
                                changed && fix != NULL ? fix->version_before : -1,
                                r == GCH_RESULT_FIXED && fix != NULL ? fix->version_after : -1 };
    if (h->report != NULL) {
        h->report(h->user, &rep);
    }
}
