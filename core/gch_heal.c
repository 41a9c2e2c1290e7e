/*
 * gch_heal.c - the job's driver: scan every page of the action list through the
 * streaming splitter, decide per action, and remember what needs fixing in a
 * fixed table. Once a page has been read to its end (never on the scanning
 * stream), resolve function integrations in one batched request and hand each
 * remembered action to gch_heal_fix.c. A table that fills mid-page is emptied
 * the same way and the page is read again from where it stopped.
 */
#include "gch_heal.h"

#include <string.h>

#include "gch_heal_internal.h"
#include "gch_json_str.h"
#include "gch_port_core.h"
#include "gch_url.h"

const char *gch_result_name(gch_result_t r)
{
    static const char *const names[] = { "ok", "restrictive", "fixed", "would-fix", "skipped", "failed" };
    return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "unknown";
}

int gch_heal_exit_code(gch_status_t st, const gch_summary_t *sum, const gch_policy_t *pol)
{
    switch (st) {
    case GCH_OK:
        break;
    case GCH_ERR_AUTH:
        return GCH_EXIT_AUTH;
    case GCH_ERR_ARG:
    case GCH_ERR_CONFIG:
    case GCH_ERR_TLS_CA:
        return GCH_EXIT_USAGE;
    case GCH_ERR_CANCELLED:
        return GCH_EXIT_INTERRUPTED;
    default:
        return GCH_EXIT_FAILURE;
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
    if (cfg->api_host == NULL || cfg->login_host == NULL || cfg->client_id == NULL ||
        cfg->client_secret == NULL || cfg->connector.open == NULL || cfg->page_size == 0) {
        return GCH_ERR_CONFIG;
    }
    h->cfg = *cfg;
    h->attached = -1;
    gch_http_client_config_t hc = { h->rx, sizeof h->rx, h->head_out, sizeof h->head_out,
                                    h->head_in, sizeof h->head_in, h->headers, GCH_MAX_HEADERS,
                                    cfg->io_timeout_ms, cfg->request_timeout_ms };
    return gch_http_client_init(&h->http, &hc);
}

void gch_heal_finish(gch_heal_t *h)
{
    gch_api_shutdown(h);
}

void gch_heal_disconnect(gch_heal_t *h)
{
    for (int k = 0; k < GCH_CONN_COUNT; k++) {
        if (h->live[k]) {
            h->cfg.connector.close(h->cfg.connector.ctx, (gch_conn_kind_t)k);
        }
        h->live[k] = false;
    }
    h->attached = -1;
}

void gch_heal_emit(gch_heal_t *h, const gch_pending_t *p, gch_result_t r, const char *reason)
{
    gch_summary_t *s = h->sum;
    s->examined++;
    if (r != GCH_RESULT_OK) {
        s->restrictive++;
    }
    s->fixed += r == GCH_RESULT_FIXED;
    s->skipped += r == GCH_RESULT_SKIPPED;
    s->failed += r == GCH_RESULT_FAILED;
    gch_action_report_t rep = { p->id, p->name, p->category, p->integration_id, p->timeout,
                                r == GCH_RESULT_OK ? p->timeout : gch_heal_new_timeout(h->pol), r,
                                reason != NULL ? reason : "",
                                r == GCH_RESULT_FAILED && h->last_status >= 300 ? h->last_status : 0,
                                r == GCH_RESULT_FAILED ? h->correlation_id : "" };
    if (h->report != NULL) {
        h->report(h->user, &rep);
    }
}

static bool selected(const gch_policy_t *pol, const gch_pending_t *p)
{
    if (pol->category != NULL && strcmp(pol->category, p->category) != 0) {
        return false;
    }
    if (pol->integration_id != NULL && strcmp(pol->integration_id, p->integration_id) != 0) {
        return false;
    }
    if (pol->name_count == 0) {
        return true;
    }
    for (size_t i = 0; i < pol->name_count; i++) {
        if (strcmp(pol->names[i], p->name) == 0) {
            return true;
        }
    }
    return false;
}

/* One listed entity: decide now, or remember it for the fix phase. False when
 * it must be remembered but the table is full (examine it again later). */
_Static_assert(sizeof((gch_heal_t *)0)->fields / sizeof((gch_heal_t *)0)->fields[0] == GCH_HEAL_FIELDS,
               "gch_heal_t.fields holds the fields the scan reads");

static bool examine_entity(gch_heal_t *h, const gch_json_split_ev_t *ev)
{
    gch_pending_t *p = &h->scratch; /* not on the stack: it is ~800 bytes */
    bool has_config = false;
    memset(p, 0, sizeof *p);
    /* The splitter read the fields in the pass that validated the page. */
    gch_status_t st = ev->skim_status;
    if (st == GCH_OK) {
        st = gch_heal_fields_read(h->fields, p, &has_config);
    }
    if (st != GCH_OK) {
        /* A listed entity we cannot read: skip it loudly, never guess. */
        GCH_TEXT(h->reason, sizeof h->reason, "listed entity unreadable: ", gch_strerror(st));
        if (p->id[0] == '\0') {
            GCH_TEXT(p->id, sizeof p->id, "?");
        }
        h->last_status = 0;
        gch_heal_emit(h, p, GCH_RESULT_SKIPPED, h->reason);
        return true;
    }
    if (!selected(h->pol, p)) {
        return true;
    }
    bool candidate = !has_config || gch_heal_is_restrictive(h->pol, p->timeout);
    const char *fixed_no = gch_heal_not_editable(p->id);
    if (candidate && has_config && fixed_no != NULL) {
        gch_heal_emit(h, p, GCH_RESULT_SKIPPED, fixed_no);
        return true;
    }
    if (!candidate) {
        gch_heal_emit(h, p, GCH_RESULT_OK, NULL);
        return true;
    }
    if (h->pending_count == GCH_FIX_TABLE) {
        return false;
    }
    p->have_config = has_config;
    h->pending[h->pending_count++] = *p;
    return true;
}

static void too_large_entity(gch_heal_t *h, const gch_json_split_ev_t *ev)
{
    gch_pending_t *p = &h->scratch;
    memset(p, 0, sizeof *p);
    p->timeout = -1;
    size_t n = 0;
    if (ev->id != NULL && gch_json_unescape(ev->id, ev->id_len, p->id, sizeof p->id - 1, &n) == GCH_OK) {
        p->id[n] = '\0';
    } else {
        GCH_TEXT(p->id, sizeof p->id, "?");
    }
    char size[21], cap[21];
    GCH_TEXT(h->reason, sizeof h->reason, "listed entity is ", gch_u64_text(ev->size, size), " bytes, over the ",
             gch_u64_text(GCH_DOC_SIZE, cap), "-byte buffer (GCH_DOC_SIZE)");
    h->last_status = 0;
    gch_heal_emit(h, p, GCH_RESULT_SKIPPED, h->reason);
}

static gch_status_t build_list_target(gch_heal_t *h, uint32_t page)
{
    gch_buf_t b;
    gch_buf_init(&b, h->target, sizeof h->target - 1);
    gch_buf_append_str(&b, "/api/v2/integrations/actions?pageSize=");
    gch_buf_append_u64(&b, h->cfg.page_size);
    gch_buf_append_str(&b, "&pageNumber=");
    gch_buf_append_u64(&b, page);
    gch_buf_append_str(&b, "&includeConfig=true&includeAuthActions=true");
    if (h->pol->category != NULL) {
        gch_buf_append_str(&b, "&category=");
        gch_url_encode_component(&b, h->pol->category, strlen(h->pol->category));
    }
    if (h->pol->name_count == 1) { /* the API matches partially; we re-check exactly */
        gch_buf_append_str(&b, "&name=");
        gch_url_encode_component(&b, h->pol->names[0], strlen(h->pol->names[0]));
    }
    h->target[b.len] = '\0';
    return gch_buf_status(&b);
}

/* Stream one page through the splitter. *entities and *hash describe it.
 * Entities below *handled were examined by an earlier, interrupted read of the
 * same page: they are not examined twice. */
static gch_status_t scan_page(gch_heal_t *h, uint32_t page, uint32_t *handled, uint32_t *entities,
                              uint64_t *hash)
{
    gch_status_t st = build_list_target(h, page);
    gch_api_req_t r = { GCH_CONN_API, "GET", h->target, "application/json", NULL, NULL, NULL };
    if (st == GCH_OK) {
        st = gch_api_exchange(h, &r);
    }
    if (st != GCH_OK) {
        gch_api_fail(h, st, "GET /api/v2/integrations/actions");
        return st;
    }
    if (h->last_status != 200) {
        st = h->last_status == 401 ? GCH_ERR_AUTH : GCH_ERR_HTTP_STATUS;
        gch_api_capture_error(h, st, "GET /api/v2/integrations/actions");
        return st;
    }
    h->sum->pages++;
    h->repeated = false;
    gch_json_split_init(&h->split, h->doc, sizeof h->doc);
    gch_heal_fields_init(h->fields);
    gch_json_split_skim(&h->split, h->fields, GCH_HEAL_FIELDS);
    *hash = GCH_FNV_INIT;
    for (;;) {
        const uint8_t *d;
        size_t n;
        st = gch_api_body_slice(h, &d, &n);
        if (st != GCH_OK || n == 0) {
            break;
        }
        while (n > 0 && st == GCH_OK) {
            size_t used = 0;
            gch_json_split_ev_t ev;
            st = gch_json_split_feed(&h->split, (const char *)d, n, &used, &ev);
            d += used;
            n -= used;
            if (st == GCH_OK && ev.type == GCH_JSON_SPLIT_ENTITY && ev.index == 0) {
                /* A page that starts with the previous page's first entity is that
                 * page again (a pageCount that lies): examine none of it. */
                uint64_t first = gch_fnv1a(GCH_FNV_INIT, ev.data, ev.len);
                h->repeated = page > 1 && first == h->prev_first;
                h->cur_first = first;
            }
            /* Examined already (an earlier read of this page), or the table filled up. */
            bool fresh = ev.index >= *handled && !h->repeated && !h->table_full;
            bool done = true;
            if (st == GCH_OK && ev.type == GCH_JSON_SPLIT_ENTITY) {
                *hash = gch_fnv1a(*hash, ev.data, ev.len < 256 ? ev.len : 256);
                if (fresh) {
                    done = examine_entity(h, &ev);
                    h->table_full = !done;
                }
            } else if (st == GCH_OK && ev.type == GCH_JSON_SPLIT_ENTITY_TOO_LARGE && fresh) {
                too_large_entity(h, &ev);
            }
            if (st == GCH_OK && ev.type != GCH_JSON_SPLIT_NEED_MORE && ev.type != GCH_JSON_SPLIT_END && fresh &&
                done) {
                *handled = ev.index + 1;
            }
        }
    }
    if (st == GCH_OK) {
        st = gch_json_split_finish(&h->split);
    }
    if (st != GCH_OK) {
        (void)gch_api_end(h);
        gch_api_fail(h, st, "GET /api/v2/integrations/actions (page body)");
        h->err.http_status = h->last_status;
        char num[21];
        GCH_TEXT(h->err.message, sizeof h->err.message, "page ", gch_u64_text(page, num), ": ", gch_strerror(st));
        memcpy(h->err.correlation_id, h->correlation_id, sizeof h->err.correlation_id);
        return st;
    }
    *entities = h->split.env.entities;
    return GCH_OK;
}

/* A nextUri naming another host is never followed (we page by number anyway). */
GCH_NOINLINE static void check_next_uri(gch_heal_t *h)
{
    const gch_json_env_str_t *u = &h->split.env.next_uri;
    if (u->state != GCH_JSON_FIELD_OK) {
        return;
    }
    const char *target;
    size_t tlen;
    if (gch_url_same_origin_path(h->cfg.api_host, strlen(h->cfg.api_host), h->cfg.api_port, u->text, u->len,
                                 &target, &tlen) != GCH_OK) {
        gch_api_log(h, 0, "gcheal: warning: the server's nextUri points elsewhere; not following it");
    }
}

static bool page_retryable(gch_status_t st)
{
    return st == GCH_ERR_NET || st == GCH_ERR_CLOSED || st == GCH_ERR_TIMEOUT ||
           st == GCH_ERR_HTTP_TRUNCATED;
}

/* Read one page, again after a connection dropped mid-page (resuming after the
 * entities already examined). */
static gch_status_t read_page(gch_heal_t *h, uint32_t page, uint32_t *handled, uint32_t *count,
                              uint64_t *hash)
{
    for (uint32_t attempt = 1;; attempt++) {
        gch_status_t st = scan_page(h, page, handled, count, hash);
        if (!page_retryable(st) || attempt >= h->cfg.max_attempts) {
            return st;
        }
        gch_api_log(h, 1, "gcheal: page interrupted: reading it again");
        if (gch_sleep_ms(200u * attempt)) {
            return GCH_ERR_CANCELLED;
        }
    }
}

static gch_status_t handle_pending(gch_heal_t *h);

GCH_NOINLINE static gch_status_t too_many_pages(gch_heal_t *h)
{
    char num[21];
    gch_api_fail(h, GCH_ERR_PAGING, "GET /api/v2/integrations/actions");
    GCH_TEXT(h->err.message, sizeof h->err.message, "more than ", gch_u64_text(h->cfg.max_pages, num),
             " pages: stopping");
    return GCH_ERR_PAGING;
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
        gch_status_t st = read_page(h, page, &handled, &count, &hash);
        while (st == GCH_OK) {
            /* The page is read to its end: now fix (or report) what it holds. */
            st = handle_pending(h);
            if (st != GCH_OK || !h->table_full) {
                break;
            }
            h->table_full = false; /* more candidates on this page than the table holds */
            st = read_page(h, page, &handled, &count, &hash);
        }
        if (st != GCH_OK) {
            return st;
        }
        check_next_uri(h);
        h->prev_first = h->cur_first;
        if (count == 0) {
            return GCH_OK;
        }
        if (h->repeated || (page > 1 && count == prev_count && hash == prev_hash)) {
            /* The same page again: the server's pageCount does not end. */
            gch_api_log(h, 0, "gcheal: warning: page repeated the previous one; paging stopped");
            return GCH_OK;
        }
        prev_hash = hash;
        prev_count = count;
        const gch_json_env_int_t *pc = &h->split.env.page_count;
        if (pc->state == GCH_JSON_FIELD_OK && (int64_t)page >= pc->value) {
            return GCH_OK;
        }
    }
}

static const gch_integration_t *known_integration(const gch_heal_t *h, const char *iid)
{
    for (uint32_t i = 0; i < h->integration_count; i++) {
        if (strcmp(h->integrations[i].id, iid) == 0) {
            return &h->integrations[i];
        }
    }
    return NULL;
}

static void remember_integration(gch_heal_t *h, const char *iid, bool function_action)
{
    if (known_integration(h, iid) != NULL || strlen(iid) >= GCH_ID_MAX) {
        return;
    }
    uint32_t i = h->integration_count < GCH_INTEGRATION_CACHE ? h->integration_count++
                                                              : h->integration_next++ % GCH_INTEGRATION_CACHE;
    memcpy(h->integrations[i].id, iid, strlen(iid) + 1);
    h->integrations[i].function_action = function_action;
}

/* The same integration id earlier in this batch? (many actions share one) */
static bool asked_before(const gch_heal_t *h, size_t first, size_t i, const char *iid)
{
    for (size_t k = first; k < i; k++) {
        if (strcmp(h->pending[k].integration_id, iid) == 0) {
            return true;
        }
    }
    return false;
}

/* One batched GET /api/v2/integrations?ids= (up to 100 at a time) marks the
 * remembered actions of function-data-actions integrations; types already
 * known from an earlier page are not asked again. */
GCH_NOINLINE static gch_status_t resolve_integrations(gch_heal_t *h)
{
    size_t done = 0;
    while (done < h->pending_count) {
        gch_buf_t b;
        gch_buf_init(&b, h->target, sizeof h->target - 1);
        gch_buf_append_str(&b, "/api/v2/integrations?pageSize=100&ids=");
        size_t first = done, ids = 0;
        for (; done < h->pending_count && ids < 100; done++) {
            const char *iid = h->pending[done].integration_id;
            const gch_integration_t *known = known_integration(h, iid);
            if (known != NULL) {
                h->pending[done].function_action = known->function_action;
                continue;
            }
            if (iid[0] == '\0' || asked_before(h, first, done, iid)) {
                continue;
            }
            size_t mark = b.len;
            if (ids > 0) {
                gch_buf_append_str(&b, ",");
            }
            gch_url_encode_component(&b, iid, strlen(iid));
            if (b.overflow || b.len > sizeof h->target - 64) {
                b.len = mark;
                b.overflow = false;
                break;
            }
            ids++;
        }
        if (ids == 0) {
            continue;
        }
        h->target[b.len] = '\0';
        gch_api_req_t r = { GCH_CONN_API, "GET", h->target, "application/json", NULL, NULL, NULL };
        gch_status_t st = gch_api_exchange(h, &r);
        if (st != GCH_OK) {
            gch_api_fail(h, st, "GET /api/v2/integrations");
            return st;
        }
        if (h->last_status != 200) {
            gch_api_capture_error(h, GCH_ERR_HTTP_STATUS, "GET /api/v2/integrations");
            return GCH_ERR_HTTP_STATUS;
        }
        size_t len = 0, total = 0;
        st = gch_api_read_body(h, h->doc, sizeof h->doc, &len, &total);
        gch_json_doc_t doc;
        if (st == GCH_OK) {
            st = gch_json_doc_parse(&doc, h->doc, len, h->tok, GCH_DOC_TOKENS);
        }
        int ents = -1;
        if (st == GCH_OK) {
            st = gch_json_member(&doc, 0, "entities", &ents);
        }
        if (st != GCH_OK || gch_json_type(&doc, ents) != GCH_JSON_ARRAY) {
            gch_api_fail(h, st != GCH_OK ? st : GCH_ERR_JSON_TYPE, "GET /api/v2/integrations (body)");
            return h->err.status;
        }
        int e = ents + 1;
        for (int i = 0; i < doc.tok[ents].size; i++, e = gch_json_skip(&doc, e)) {
            int id_t, type_t;
            if (gch_json_member(&doc, e, "id", &id_t) != GCH_OK ||
                gch_json_find(&doc, e, "integrationType.id", &type_t) != GCH_OK) {
                continue;
            }
            bool fn = gch_json_str_eq(&doc, type_t, "function-data-actions");
            for (size_t k = first; k < done; k++) {
                if (gch_json_str_eq(&doc, id_t, h->pending[k].integration_id)) {
                    h->pending[k].function_action = fn;
                    remember_integration(h, h->pending[k].integration_id, fn);
                }
            }
        }
    }
    return GCH_OK;
}

/* Report or fix everything remembered from the page just read, then forget it. */
static gch_status_t handle_pending(gch_heal_t *h)
{
    gch_status_t st = resolve_integrations(h);
    for (uint32_t i = 0; st == GCH_OK && i < h->pending_count; i++) {
        if (gch_port_cancelled()) {
            gch_api_fail(h, GCH_ERR_CANCELLED, "between actions");
            return GCH_ERR_CANCELLED;
        }
        st = gch_heal_fix_one(h, &h->pending[i]);
    }
    h->pending_count = 0;
    return st;
}

gch_status_t gch_heal_run(gch_heal_t *h, const gch_policy_t *pol, gch_report_fn report, void *user,
                          gch_summary_t *sum)
{
    memset(sum, 0, sizeof *sum);
    memset(&h->err, 0, sizeof h->err);
    h->pol = pol;
    h->report = report;
    h->user = user;
    h->sum = sum;
    int nt = gch_heal_new_timeout(pol);
    if (nt < 1 || nt > 60 || pol->min_timeout < 1 || pol->unset_is < 1) {
        gch_api_fail(h, GCH_ERR_CONFIG, "policy");
        return GCH_ERR_CONFIG;
    }
    h->pending_count = 0;
    h->table_full = false;
    return scan_all_pages(h);
}
