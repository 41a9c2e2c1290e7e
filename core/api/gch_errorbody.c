/*
 * gch_json_errorbody.c - Genesys ErrorBody parser (see gch_json_errorbody.h).
 */
#include "gch_errorbody.h"

#include "json/gch_json_str.h"

/* An optional string member into buf; returns true if it had to be cut. */
static bool copy_text(const gch_json_doc_t *doc, const char *key, char *buf, size_t cap)
{
    const char *raw;
    size_t n, len = 0;
    bool cut = false;
    int t;
    buf[0] = '\0';
    if (gch_json_member(doc, 0, key, &t) != GCH_OK || gch_json_get_raw(doc, t, &raw, &n) != GCH_OK) {
        return false;
    }
    if (gch_json_unescape_prefix(raw, n, buf, cap - 1u, &len, &cut) != GCH_OK) {
        len = 0, cut = false;
    }
    buf[len] = '\0';
    return cut;
}

gch_status_t gch_errorbody_parse(const gch_json_doc_t *doc, gch_errorbody_t *out)
{
    int t;
    bool cut;
    out->has_status = false;
    out->status = 0;
    if (gch_json_type(doc, 0) != GCH_JSON_OBJECT) {
        out->message[0] = out->code[0] = out->context_id[0] = '\0';
        out->truncated = false;
        return GCH_ERR_JSON_TYPE;
    }
    cut = copy_text(doc, "message", out->message, sizeof out->message);
    cut |= copy_text(doc, "code", out->code, sizeof out->code);
    cut |= copy_text(doc, "contextId", out->context_id, sizeof out->context_id);
    out->truncated = cut;
    if (gch_json_member(doc, 0, "status", &t) == GCH_OK && gch_json_get_i64(doc, t, &out->status) == GCH_OK) {
        out->has_status = true;
    }
    return GCH_OK;
}
