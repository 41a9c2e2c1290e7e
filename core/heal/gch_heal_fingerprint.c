/* gch_heal_fingerprint.c - see gch_heal_fingerprint.h. Called by gch_heal_fix.c. */
#include "gch_heal_fingerprint.h"

#include <string.h>

#include "api/gch_action.h"
#include "base/gch_hash.h"
#include "json/gch_json_str.h"

/* The members checked on their own: the timeout, and each template's text and link. */
static bool left_out(const gch_json_doc_t *doc, int key)
{
    if (gch_json_str_eq(doc, key, "timeoutSeconds")) {
        return true;
    }
    for (int i = 0; i < GCH_TEMPLATE_COUNT; i++) {
        if (gch_json_str_eq(doc, key, gch_action_templates[i].text_key) ||
            gch_json_str_eq(doc, key, gch_action_templates[i].uri_key)) {
            return true;
        }
    }
    return false;
}

/* Raw length of the escape at raw[j] (a surrogate pair counts as one). */
static size_t escape_len(const char *raw, size_t n, size_t j)
{
    if (j + 1 >= n || raw[j + 1] != 'u') {
        return 2;
    }
    bool high = j + 5 < n && (raw[j + 2] == 'd' || raw[j + 2] == 'D') && strchr("89abAB", raw[j + 3]) != NULL;
    return (high && j + 7 < n && raw[j + 6] == '\\' && raw[j + 7] == 'u') ? 12 : 6;
}

/* Hash of a decoded string, streamed through a small window (no size limit). */
gch_status_t gch_heal_hash_string(const gch_json_doc_t *doc, int t, uint64_t *h)
{
    const char *raw;
    size_t n;
    gch_status_t st = gch_json_get_raw(doc, t, &raw, &n);
    char out[256];
    for (size_t i = 0; st == GCH_OK && i < n;) {
        size_t j = i;
        while (j < n && j - i < 200) { /* never cut an escape in two */
            j += raw[j] == '\\' ? escape_len(raw, n, j) : 1;
        }
        if (j > n) {
            j = n;
        }
        size_t len;
        if (gch_json_unescape(raw + i, j - i, out, sizeof out, &len) == GCH_OK) {
            *h = gch_hash_bytes(*h, out, len);
        } else {
            *h = gch_hash_bytes(*h, raw + i, j - i); /* an escape the decoder refuses: its bytes */
        }
        i = j;
    }
    return st;
}

static gch_status_t hash_value(const gch_json_doc_t *doc, int t, uint64_t *out);

static gch_status_t hash_object(const gch_json_doc_t *doc, int t, uint64_t *out)
{
    uint64_t sum = 0x6f626a;
    int size = doc->tok[t].size;
    int k = t + 1;
    for (int m = 0; m < size; m++) {
        int v = k + 1;
        if (!left_out(doc, k)) {
            uint64_t hk = GCH_HASH_INIT, hv = 0;
            gch_status_t st = gch_heal_hash_string(doc, k, &hk);
            if (st == GCH_OK) {
                st = hash_value(doc, v, &hv);
            }
            if (st != GCH_OK) {
                return st;
            }
            sum += gch_hash_bytes(hk, &hv, sizeof hv); /* commutative: member order does not matter */
        }
        k = gch_json_skip(doc, v);
    }
    *out = sum;
    return GCH_OK;
}

static gch_status_t hash_value(const gch_json_doc_t *doc, int t, uint64_t *out)
{
    gch_json_type_t type = gch_json_type(doc, t);
    uint64_t h = gch_hash_bytes(GCH_HASH_INIT, &type, sizeof type);
    if (type == GCH_JSON_OBJECT) {
        return hash_object(doc, t, out);
    }
    if (type == GCH_JSON_STRING) {
        gch_status_t st = gch_heal_hash_string(doc, t, &h);
        *out = h;
        return st;
    }
    if (type == GCH_JSON_ARRAY) {
        int size = doc->tok[t].size, e = t + 1;
        for (int i = 0; i < size; i++) {
            uint64_t he = 0;
            gch_status_t st = hash_value(doc, e, &he);
            if (st != GCH_OK) {
                return st;
            }
            h = gch_hash_bytes(h, &he, sizeof he);
            e = gch_json_skip(doc, e);
        }
        *out = h;
        return GCH_OK;
    }
    size_t a, b; /* numbers, true, false, null: their exact text */
    gch_json_span(doc, t, &a, &b);
    *out = gch_hash_bytes(h, doc->json + a, b - a);
    return GCH_OK;
}

gch_status_t gch_heal_fingerprint(const gch_json_doc_t *doc, int config, uint64_t *out)
{
    return hash_value(doc, config, out);
}
