/*
 * gch_heal.c - the job's driver: read the action list page by page (the scan,
 * gch_heal_scan.c), and once a page has been read to its end, never on the
 * scanning stream, learn which remembered actions are function actions
 * (gch_heal_integrations.c) and fix or report each (gch_heal_fix.c). A fix
 * table that fills mid-page is emptied the same way and the page read again
 * from where it stopped.
 */
#include "gch_heal.h"

#include <string.h>

#include "api/gch_action.h"
#include "base/gch_buf.h"
#include "gch_heal_internal.h"

size_t gch_heal_context_size(void)
{
    return sizeof(gch_heal_t);
}

const gch_heal_error_t *gch_heal_last_error(const gch_heal_t *h)
{
    return &h->err;
}

gch_status_t gch_heal_init(gch_heal_t *h, const gch_heal_config_t *cfg)
{
    memset(h, 0, sizeof *h);
    if (cfg->page_size == 0) {
        return GCH_ERR_CONFIG;
    }
    h->cfg = *cfg;
    return gch_api_init(&h->api, &cfg->api);
}

void gch_heal_finish(gch_heal_t *h)
{
    gch_api_shutdown(&h->api);
}

void gch_heal_disconnect(gch_heal_t *h)
{
    gch_api_disconnect(&h->api);
}

/* Report or fix everything remembered from the page just read, then forget it. */
static gch_status_t handle_pending(gch_heal_t *h)
{
    gch_status_t st = gch_heal_resolve_integrations(h);
    for (uint32_t i = 0; st == GCH_OK && i < h->pending_count; i++) {
        if (gch_port_cancelled()) {
            gch_api_error_set(&h->err, GCH_ERR_CANCELLED, "between actions");
            return GCH_ERR_CANCELLED;
        }
        st = gch_heal_fix_one(h, &h->pending[i]);
    }
    h->pending_count = 0;
    h->stash_used = 0;
    return st;
}

GCH_NOINLINE static gch_status_t too_many_pages(gch_heal_t *h)
{
    char num[21];
    gch_api_error_set(&h->err, GCH_ERR_PAGING, "GET /api/v2/integrations/actions");
    GCH_TEXT(h->err.message, sizeof h->err.message, "more than ", gch_u64_text(h->cfg.max_pages, num),
             " pages: stopping");
    return GCH_ERR_PAGING;
}

/* True when the listing is over after `page`: an empty page, a page that
 * repeats the previous one, or the last page by pageCount. */
static bool last_page(gch_heal_t *h, uint32_t page, uint32_t count, uint64_t hash, uint32_t prev_count,
                      uint64_t prev_hash)
{
    if (count == 0) {
        return true;
    }
    if (h->repeated || (page > 1 && count == prev_count && hash == prev_hash)) {
        /* The same page again: the server's pageCount does not end. */
        gch_api_log(&h->api, 0, "gcheal: warning: page repeated the previous one; paging stopped");
        return true;
    }
    const gch_json_env_int_t *pc = &h->split.env.page_count;
    return pc->state == GCH_JSON_FIELD_OK && (int64_t)page >= pc->value;
}

static gch_status_t scan_all_pages(gch_heal_t *h)
{
    uint64_t prev_hash = 0;
    uint32_t prev_count = 0;
    h->prev_first = 0;
    for (uint32_t page = 1;; page++) {
        if (page > h->cfg.max_pages) {
            return too_many_pages(h);
        }
        uint32_t count = 0, handled = 0;
        uint64_t hash = 0;
        gch_status_t st = gch_heal_read_page(h, page, &handled, &count, &hash);
        while (st == GCH_OK) {
            /* The page is read to its end: now fix (or report) what it holds. */
            st = handle_pending(h);
            if (st != GCH_OK || !h->table_full) {
                break;
            }
            h->table_full = false; /* more candidates on this page than the table holds */
            st = gch_heal_read_page(h, page, &handled, &count, &hash);
        }
        if (st != GCH_OK) {
            return st;
        }
        gch_heal_check_next_uri(h);
        h->prev_first = h->cur_first;
        if (last_page(h, page, count, hash, prev_count, prev_hash)) {
            return GCH_OK;
        }
        prev_hash = hash;
        prev_count = count;
    }
}

/* A filter longer than what it is compared with can never match, and one that
 * does not fit the request target would fail on the wire: both are usage errors,
 * found before any connection. */
GCH_NOINLINE static gch_status_t filter_too_long(gch_heal_t *h, const char *what, size_t len, size_t max,
                                                 const char *setting)
{
    char a[21], b[21];
    gch_api_error_set(&h->err, GCH_ERR_CONFIG, "policy");
    GCH_TEXT(h->err.message, sizeof h->err.message, what, " is ", gch_u64_text(len, a), " bytes; at most ",
             gch_u64_text(max, b), " fit (", setting, ")");
    return GCH_ERR_CONFIG;
}

GCH_NOINLINE static gch_status_t check_policy(gch_heal_t *h, const gch_policy_t *pol)
{
    int nt = gch_heal_new_timeout(pol);
    if (nt < 1 || nt > (int)GCH_ACTION_TIMEOUT_MAX || pol->min_timeout < 1 || pol->unset_is < 1) {
        gch_api_error_set(&h->err, GCH_ERR_CONFIG, "policy");
        return GCH_ERR_CONFIG;
    }
    for (size_t i = 0; i < pol->name_count; i++) {
        if (strlen(pol->names[i]) >= GCH_NAME_MAX) {
            return filter_too_long(h, "the name filter", strlen(pol->names[i]), GCH_NAME_MAX - 1, "GCH_NAME_MAX");
        }
    }
    if (pol->category != NULL && strlen(pol->category) >= GCH_NAME_MAX) {
        return filter_too_long(h, "the category filter", strlen(pol->category), GCH_NAME_MAX - 1, "GCH_NAME_MAX");
    }
    if (pol->integration_id != NULL && strlen(pol->integration_id) >= GCH_ID_MAX) {
        return filter_too_long(h, "the integration filter", strlen(pol->integration_id), GCH_ID_MAX - 1, "GCH_ID_MAX");
    }
    /* The longest list request this run can make: the last page, with the filters. */
    gch_action_list_query_t q = { h->cfg.page_size, h->cfg.max_pages, pol->category,
                                  pol->name_count == 1 ? pol->names[0] : NULL };
    if (gch_action_list_target(h->target, sizeof h->target, &q) != GCH_OK) {
        size_t len =
            strlen(pol->category != NULL ? pol->category : "") + (pol->name_count == 1 ? strlen(pol->names[0]) : 0);
        return filter_too_long(h, "the name and category filters, percent-encoded,", len * 3, sizeof h->target - 128,
                               "GCH_HEAD_OUT_SIZE");
    }
    return GCH_OK;
}

gch_status_t gch_heal_run(gch_heal_t *h, const gch_policy_t *pol, gch_report_fn report, void *user, gch_summary_t *sum)
{
    memset(sum, 0, sizeof *sum);
    memset(&h->err, 0, sizeof h->err);
    h->pol = pol;
    h->report = report;
    h->user = user;
    h->sum = sum;
    h->requests_before = h->api.requests;
    gch_status_t st = check_policy(h, pol);
    if (st != GCH_OK) {
        return st;
    }
    h->pending_count = 0;
    h->stash_used = 0;
    h->table_full = false;
    h->seen_count = h->seen_next = 0;
    h->no_edit = false;
    h->revert = NULL;
    h->new_timeout = gch_heal_new_timeout(pol);
    st = scan_all_pages(h);
    sum->requests = h->api.requests - h->requests_before;
    return st;
}

/* The item as given: an id that fits, and values the platform accepts. */
static gch_status_t check_revert(gch_heal_t *h, const gch_revert_t *rv)
{
    bool ok = rv->id != NULL && rv->id[0] != '\0' && strlen(rv->id) < GCH_ID_MAX &&
              (rv->restore == -1 || (rv->restore >= 1 && rv->restore <= (int64_t)GCH_ACTION_TIMEOUT_MAX)) &&
              rv->expect >= -1 && rv->restore != rv->expect;
    if (!ok) {
        gch_api_error_set(&h->err, GCH_ERR_ARG, "undo");
    }
    return ok ? GCH_OK : GCH_ERR_ARG;
}

static void copy_field(char *dst, size_t cap, const char *src)
{
    size_t n = src != NULL ? strlen(src) : 0;
    n = n < cap ? n : cap - 1;
    memcpy(dst, src != NULL ? src : "", n);
    dst[n] = '\0';
}

gch_status_t gch_heal_revert(gch_heal_t *h, const gch_revert_t *rv, const gch_policy_t *pol, gch_report_fn report,
                             void *user, gch_summary_t *sum)
{
    memset(&h->err, 0, sizeof h->err);
    gch_status_t st = check_revert(h, rv);
    if (st != GCH_OK) {
        return st;
    }
    h->pol = pol;
    h->report = report;
    h->user = user;
    h->sum = sum;
    h->requests_before = h->api.requests - sum->requests; /* sum->requests keeps adding up */
    h->revert = rv;
    h->new_timeout = rv->restore;
    gch_pending_t *p = &h->pending[0];
    memset(p, 0, sizeof *p);
    copy_field(p->id, sizeof p->id, rv->id);
    copy_field(p->name, sizeof p->name, rv->name);
    copy_field(p->integration_id, sizeof p->integration_id, rv->integration_id);
    p->timeout = rv->expect;
    h->pending_count = 1;
    st = gch_heal_resolve_integrations(h);
    if (st == GCH_OK) {
        st = gch_heal_fix_one(h, p);
    }
    h->pending_count = 0;
    h->revert = NULL;
    sum->requests = h->api.requests - h->requests_before;
    return st;
}
