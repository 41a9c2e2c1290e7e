/*
 * gch_heal_integrations.c - which remembered actions belong to
 * function-data-actions integrations: one batched GET /api/v2/integrations?ids=
 * (up to 100 ids at a time) for the integrations of a page, remembered across
 * pages so each type is asked once per run of the program.
 */
#include <string.h>

#include "base/gch_buf.h"
#include "gch_heal_internal.h"
#include "http/gch_url.h"

#define INTEGRATIONS_WHAT "GET /api/v2/integrations"

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

/* The target asking for the unknown integrations of pending[*done ..], up to
 * 100 ids or what the target holds; *done moves past the entries covered.
 * Returns how many ids it asks for. */
static size_t batch_target(gch_heal_t *h, size_t *done)
{
    gch_buf_t b;
    gch_buf_init(&b, h->target, sizeof h->target - 1);
    gch_buf_append_str(&b, "/api/v2/integrations?pageSize=100&ids=");
    size_t first = *done, ids = 0;
    for (; *done < h->pending_count && ids < 100; (*done)++) {
        const char *iid = h->pending[*done].integration_id;
        const gch_integration_t *known = known_integration(h, iid);
        if (known != NULL) {
            h->pending[*done].function_action = known->function_action;
            continue;
        }
        if (iid[0] == '\0' || asked_before(h, first, *done, iid)) {
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
    h->target[b.len] = '\0';
    return ids;
}

/* Mark pending[first .. done) from the integration list in h->doc[0..len). */
static gch_status_t apply_types(gch_heal_t *h, size_t len, size_t first, size_t done)
{
    gch_json_doc_t doc;
    gch_status_t st = gch_json_doc_parse(&doc, h->doc, len, h->tok, GCH_DOC_TOKENS);
    int ents = -1;
    if (st == GCH_OK) {
        st = gch_json_member(&doc, 0, "entities", &ents);
    }
    if (st != GCH_OK || gch_json_type(&doc, ents) != GCH_JSON_ARRAY) {
        return st != GCH_OK ? st : GCH_ERR_JSON_TYPE;
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
    return GCH_OK;
}

gch_status_t gch_heal_resolve_integrations(gch_heal_t *h)
{
    size_t done = 0;
    while (done < h->pending_count) {
        size_t first = done;
        if (batch_target(h, &done) == 0) {
            continue;
        }
        gch_api_req_t r = { GCH_CONN_API, "GET", h->target, "application/json", NULL, NULL, NULL, INTEGRATIONS_WHAT };
        gch_status_t st = gch_api_exchange(&h->api, &r, &h->reply, &h->err);
        if (st != GCH_OK) {
            return st;
        }
        if (h->reply.status != 200) {
            st = h->reply.status == 403 ? GCH_ERR_PERMISSION : GCH_ERR_HTTP_STATUS;
            gch_api_error_from_reply(&h->api, &h->reply, st, INTEGRATIONS_WHAT, &h->err);
            return st;
        }
        size_t len = 0, total = 0;
        st = gch_api_read_body(&h->api, h->doc, sizeof h->doc, &len, &total);
        if (st == GCH_OK) {
            st = apply_types(h, len, first, done);
        }
        if (st != GCH_OK) {
            gch_api_error_set(&h->err, st, INTEGRATIONS_WHAT " (body)");
            return st;
        }
    }
    return GCH_OK;
}
