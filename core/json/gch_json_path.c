/*
 * gch_json_path.c - member lookup in a parsed document (see gch_json_path.h).
 */
#include "gch_json_path.h"

#include <limits.h>
#include <string.h>

#include "gch_json_str.h"

gch_json_type_t gch_json_type(const gch_json_doc_t *doc, int t)
{
    char c;
    if (t < 0 || t >= doc->count) {
        return GCH_JSON_NONE;
    }
    switch (doc->tok[t].type) {
    case JSMN_OBJECT: return GCH_JSON_OBJECT;
    case JSMN_ARRAY: return GCH_JSON_ARRAY;
    case JSMN_STRING: return GCH_JSON_STRING;
    case JSMN_PRIMITIVE:
        c = doc->json[doc->tok[t].start];
        return c == 't' ? GCH_JSON_TRUE : c == 'f' ? GCH_JSON_FALSE : c == 'n' ? GCH_JSON_NULL : GCH_JSON_NUMBER;
    default: return GCH_JSON_NONE;
    }
}

int gch_json_skip(const gch_json_doc_t *doc, int t)
{
    int lo = t + 1, hi = doc->count;
    int end = doc->tok[t].end;
    if (doc->tok[t].type != JSMN_OBJECT && doc->tok[t].type != JSMN_ARRAY) {
        return t + 1;
    }
    /* Tokens are in document order: the first one starting at or after t's end
     * is past its subtree. */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (doc->tok[mid].start < end) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

gch_status_t gch_json_member_n(const gch_json_doc_t *doc, int obj, const char *key, size_t key_len, int *out)
{
    int k, n, found = -1;
    *out = -1;
    if (gch_json_type(doc, obj) != GCH_JSON_OBJECT) {
        return GCH_ERR_JSON_TYPE;
    }
    /* Walk every member: a second match must be seen to be refused. */
    for (k = obj + 1, n = 0; n < doc->tok[obj].size; n++) {
        const jsmntok_t *kt = &doc->tok[k];
        if (gch_json_raw_eq(doc->json + kt->start, (size_t)(kt->end - kt->start), key, key_len)) {
            if (found >= 0) {
                return GCH_ERR_JSON_DUPLICATE;
            }
            found = k + 1;
        }
        k = gch_json_skip(doc, k + 1);
    }
    if (found < 0) {
        return GCH_ERR_JSON_MISSING;
    }
    *out = found;
    return GCH_OK;
}

gch_status_t gch_json_member(const gch_json_doc_t *doc, int obj, const char *key, int *out)
{
    return gch_json_member_n(doc, obj, key, strlen(key), out);
}

gch_status_t gch_json_find(const gch_json_doc_t *doc, int root, const char *path, int *out)
{
    int t = root;
    *out = -1;
    for (;;) {
        const char *dot = strchr(path, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        gch_status_t st = gch_json_member_n(doc, t, path, n, &t);
        if (st != GCH_OK) {
            return st;
        }
        if (!dot) {
            break;
        }
        path = dot + 1;
    }
    *out = t;
    return GCH_OK;
}

gch_status_t gch_json_get_i64(const gch_json_doc_t *doc, int t, int64_t *out)
{
    const jsmntok_t *tk;
    if (gch_json_type(doc, t) != GCH_JSON_NUMBER) {
        return GCH_ERR_JSON_TYPE;
    }
    tk = &doc->tok[t];
    if (gch_json_parse_int(doc->json + tk->start, (size_t)(tk->end - tk->start), out) != GCH_JSON_INT_OK) {
        return GCH_ERR_JSON_TYPE;
    }
    return GCH_OK;
}

gch_status_t gch_json_get_bool(const gch_json_doc_t *doc, int t, bool *out)
{
    gch_json_type_t ty = gch_json_type(doc, t);
    if (ty != GCH_JSON_TRUE && ty != GCH_JSON_FALSE) {
        return GCH_ERR_JSON_TYPE;
    }
    *out = ty == GCH_JSON_TRUE;
    return GCH_OK;
}

bool gch_json_is_null(const gch_json_doc_t *doc, int t)
{
    return gch_json_type(doc, t) == GCH_JSON_NULL;
}

gch_status_t gch_json_get_raw(const gch_json_doc_t *doc, int t, const char **raw, size_t *len)
{
    if (gch_json_type(doc, t) != GCH_JSON_STRING) {
        return GCH_ERR_JSON_TYPE;
    }
    *raw = doc->json + doc->tok[t].start;
    *len = (size_t)(doc->tok[t].end - doc->tok[t].start);
    return GCH_OK;
}

gch_status_t gch_json_get_string(const gch_json_doc_t *doc, int t, char *buf, size_t cap, size_t *len)
{
    const char *raw;
    size_t n;
    gch_status_t st = gch_json_get_raw(doc, t, &raw, &n);
    *len = 0;
    if (st != GCH_OK) {
        return st;
    }
    if (cap == 0) {
        return GCH_ERR_NOSPACE;
    }
    st = gch_json_unescape(raw, n, buf, cap - 1u, len);
    if (st != GCH_OK) {
        *len = 0;
    }
    buf[*len] = '\0';
    return st;
}

bool gch_json_str_eq(const gch_json_doc_t *doc, int t, const char *s)
{
    const char *raw;
    size_t n;
    return gch_json_get_raw(doc, t, &raw, &n) == GCH_OK && gch_json_raw_eq(raw, n, s, strlen(s));
}

void gch_json_span(const gch_json_doc_t *doc, int t, size_t *start, size_t *end)
{
    const jsmntok_t *tk = &doc->tok[t];
    bool str = tk->type == JSMN_STRING;
    *start = (size_t)tk->start - (str ? 1u : 0u);
    *end = (size_t)tk->end + (str ? 1u : 0u);
}
