/*
 * gch_heal_scan.c - one page of the action list, streamed: the body goes
 * through the entity splitter, which validates the page and skims each
 * entity's few fields in the same pass; each entity is decided at once (ok,
 * skipped) or remembered in the fix table for after the page.
 */
#include <string.h>

#include "api/gch_action.h"
#include "base/gch_buf.h"
#include "base/gch_hash.h"
#include "gch_heal_internal.h"
#include "http/gch_url.h"
#include "json/gch_json_str.h"

#define LIST_WHAT "GET /api/v2/integrations/actions"

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

_Static_assert(sizeof((gch_heal_t *)0)->fields / sizeof((gch_heal_t *)0)->fields[0] == GCH_HEAL_FIELDS,
               "gch_heal_t.fields holds the fields the scan reads");

/* The listing showed this id already (in the last GCH_SEEN_IDS examined). */
static bool seen_before(const gch_heal_t *h, uint64_t id)
{
    for (uint32_t i = 0; i < h->seen_count; i++) {
        if (h->seen[i] == id) {
            return true;
        }
    }
    return false;
}

static void remember_seen(gch_heal_t *h, uint64_t id)
{
    h->seen[h->seen_next] = id;
    h->seen_next = (h->seen_next + 1u) % GCH_SEEN_IDS;
    if (h->seen_count < GCH_SEEN_IDS) {
        h->seen_count++;
    }
}

/* Keep the listed entity of a remembered action, so its fix needs no first GET. */
static void stash_entity(gch_heal_t *h, gch_pending_t *p, const gch_json_split_ev_t *ev)
{
    p->stash_len = 0;
    if (GCH_STASH_SIZE > 0u && ev->len <= GCH_STASH_SIZE - h->stash_used) {
        memcpy(h->stash + h->stash_used, ev->data, ev->len);
        p->stash_off = h->stash_used;
        p->stash_len = (uint32_t)ev->len;
        h->stash_used += (uint32_t)ev->len;
    }
}

/* One listed entity: decide now, or remember it for the fix phase. False when
 * it must be remembered but the table is full (examine it again later); an id
 * the listing showed already marks the page as a repeat, and nothing of it is
 * reported from there on. */
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
        gch_heal_emit(h, p, GCH_RESULT_SKIPPED, h->reason, NULL, NULL);
        return true;
    }
    uint64_t id = gch_hash_bytes(GCH_HASH_INIT, p->id, strlen(p->id));
    if (seen_before(h, id)) {
        h->repeated = true;
        return true;
    }
    if (!selected(h->pol, p)) {
        remember_seen(h, id);
        return true;
    }
    bool candidate = !has_config || gch_heal_is_restrictive(h->pol, p->timeout);
    const char *fixed_no = gch_heal_not_editable(p->id);
    if (h->pending_count == GCH_FIX_TABLE && candidate && !(has_config && fixed_no != NULL)) {
        return false; /* examined when the page is read again */
    }
    remember_seen(h, id);
    if (candidate && has_config && fixed_no != NULL) {
        gch_heal_emit(h, p, GCH_RESULT_SKIPPED, fixed_no, NULL, NULL);
        return true;
    }
    if (!candidate) {
        gch_heal_emit(h, p, GCH_RESULT_OK, NULL, NULL, NULL);
        return true;
    }
    p->have_config = has_config;
    if (has_config) {
        stash_entity(h, p, ev);
    }
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
        uint64_t id = gch_hash_bytes(GCH_HASH_INIT, p->id, n);
        if (seen_before(h, id)) {
            h->repeated = true;
            return;
        }
        remember_seen(h, id);
    } else {
        GCH_TEXT(p->id, sizeof p->id, "?");
    }
    char size[21], cap[21];
    GCH_TEXT(h->reason, sizeof h->reason, "listed entity is ", gch_u64_text(ev->size, size), " bytes, over the ",
             gch_u64_text(GCH_DOC_SIZE, cap), "-byte buffer (GCH_DOC_SIZE)");
    gch_heal_emit(h, p, GCH_RESULT_SKIPPED, h->reason, NULL, NULL);
}

/* The GET of one page, answered 200; otherwise the job's error. */
static gch_status_t request_page(gch_heal_t *h, uint32_t page)
{
    const gch_policy_t *pol = h->pol;
    gch_action_list_query_t q = { h->cfg.page_size, page, pol->category,
                                  pol->name_count == 1 ? pol->names[0] : NULL }; /* re-checked exactly */
    gch_status_t st = gch_action_list_target(h->target, sizeof h->target, &q);
    if (st != GCH_OK) {
        gch_api_error_set(&h->err, st, LIST_WHAT);
        return st;
    }
    gch_api_req_t r = { GCH_CONN_API, "GET", h->target, "application/json", NULL, NULL, NULL, LIST_WHAT };
    st = gch_api_exchange(&h->api, &r, &h->reply, &h->err);
    if (st == GCH_OK && h->reply.status != 200) {
        int s = h->reply.status;
        st = s == 401 ? GCH_ERR_AUTH : s == 403 ? GCH_ERR_PERMISSION : GCH_ERR_HTTP_STATUS;
        gch_api_error_from_reply(&h->api, &h->reply, st, LIST_WHAT, &h->err);
    }
    return st;
}

/* The first entity of the page: a page that starts with the previous page's
 * first entity is that page again (a pageCount that lies): examine none of it. */
static void note_first(gch_heal_t *h, uint32_t page, const gch_json_split_ev_t *ev)
{
    uint64_t first = gch_hash_bytes(GCH_HASH_INIT, ev->data, ev->len);
    h->repeated = page > 1 && first == h->prev_first;
    h->cur_first = first;
}

/* One splitter event of the page. Entities below *handled were examined by an
 * earlier, interrupted read of the same page: they are not examined twice. */
static void on_event(gch_heal_t *h, uint32_t page, const gch_json_split_ev_t *ev, uint32_t *handled, uint64_t *hash)
{
    if (ev->type == GCH_JSON_SPLIT_ENTITY && ev->index == 0) {
        note_first(h, page, ev);
    }
    /* Examined already (an earlier read of this page), or the table filled up. */
    bool fresh = ev->index >= *handled && !h->repeated && !h->table_full;
    bool done = true;
    if (ev->type == GCH_JSON_SPLIT_ENTITY) {
        *hash = gch_hash_bytes(*hash, ev->data, ev->len < 256 ? ev->len : 256);
        if (fresh) {
            done = examine_entity(h, ev);
            h->table_full = !done;
        }
    } else if (ev->type == GCH_JSON_SPLIT_ENTITY_TOO_LARGE && fresh) {
        too_large_entity(h, ev);
    }
    if (ev->type != GCH_JSON_SPLIT_NEED_MORE && ev->type != GCH_JSON_SPLIT_END && fresh && done) {
        *handled = ev->index + 1;
    }
}

/* The page body broke off or did not parse: the job's error names the page. */
GCH_NOINLINE static gch_status_t page_body_failed(gch_heal_t *h, uint32_t page, gch_status_t st)
{
    (void)gch_api_end(&h->api);
    gch_api_error_set(&h->err, st, LIST_WHAT " (page body)");
    h->err.http_status = h->reply.status;
    char num[21];
    GCH_TEXT(h->err.message, sizeof h->err.message, "page ", gch_u64_text(page, num), ": ", gch_strerror(st));
    memcpy(h->err.correlation_id, h->reply.correlation_id, sizeof h->err.correlation_id);
    return st;
}

/* Stream one page through the splitter. */
static gch_status_t scan_page(gch_heal_t *h, uint32_t page, uint32_t *handled, uint32_t *entities, uint64_t *hash)
{
    gch_status_t st = request_page(h, page);
    if (st != GCH_OK) {
        return st;
    }
    h->sum->pages++;
    h->repeated = false;
    gch_json_split_init(&h->split, h->doc, sizeof h->doc);
    gch_heal_fields_init(h->fields);
    gch_json_split_skim(&h->split, h->fields, GCH_HEAL_FIELDS);
    *hash = GCH_HASH_INIT;
    for (;;) {
        const uint8_t *d;
        size_t n;
        st = gch_api_body_slice(&h->api, &d, &n);
        if (st != GCH_OK || n == 0) {
            break;
        }
        while (n > 0 && st == GCH_OK) {
            size_t used = 0;
            gch_json_split_ev_t ev;
            st = gch_json_split_feed(&h->split, (const char *)d, n, &used, &ev);
            d += used;
            n -= used;
            if (st == GCH_OK) {
                on_event(h, page, &ev, handled, hash);
            }
        }
    }
    if (st == GCH_OK) {
        st = gch_json_split_finish(&h->split);
    }
    if (st != GCH_OK) {
        return page_body_failed(h, page, st);
    }
    *entities = h->split.env.entities;
    return GCH_OK;
}

void gch_heal_check_next_uri(gch_heal_t *h)
{
    const gch_json_env_str_t *u = &h->split.env.next_uri;
    if (u->state != GCH_JSON_FIELD_OK) {
        return;
    }
    const char *target;
    size_t tlen;
    const gch_api_config_t *c = &h->cfg.api;
    if (gch_url_same_origin_path(c->api_host, strlen(c->api_host), c->api_port, u->text, u->len, &target, &tlen) !=
        GCH_OK) {
        gch_api_log(&h->api, 0, "gcheal: warning: the server's nextUri points elsewhere; not following it");
    }
}

static bool page_retryable(gch_status_t st)
{
    return st == GCH_ERR_NET || st == GCH_ERR_CLOSED || st == GCH_ERR_TIMEOUT || st == GCH_ERR_TRUNCATED;
}

gch_status_t gch_heal_read_page(gch_heal_t *h, uint32_t page, uint32_t *handled, uint32_t *count, uint64_t *hash)
{
    for (uint32_t attempt = 1;; attempt++) {
        gch_status_t st = scan_page(h, page, handled, count, hash);
        if (!page_retryable(st) || attempt >= h->cfg.api.max_attempts) {
            return st;
        }
        gch_api_log(&h->api, 1, "gcheal: page interrupted: reading it again");
        if (gch_sleep_ms(200u * attempt)) {
            gch_api_error_set(&h->err, GCH_ERR_CANCELLED, LIST_WHAT);
            return GCH_ERR_CANCELLED;
        }
    }
}
