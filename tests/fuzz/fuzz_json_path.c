/*
 * fuzz_json_path.c - libFuzzer harness for validated tokenizing and lookups by
 * path (core/json/gch_json_path.h), the way the Genesys layer reads every entity.
 *
 * Input: a dotted path, a newline, then the document. The path is looked up
 * from the root; then every token of the document is visited.
 * Properties: no memory error; gch_json_doc_count agrees with gch_json_doc_parse;
 * gch_json_skip always moves forward and stays inside the tokens; every member
 * of every object is found again by gch_json_member_n under its decoded name
 * (or reported as a duplicate, never missing); typed getters only succeed on
 * their type, and decoded strings fit and are NUL-terminated.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "json/gch_json_path.h"
#include "json/gch_json_str.h"

static jsmntok_t pool[4096];
static char text[512];

static void read_value(const gch_json_doc_t *doc, int t)
{
    gch_json_type_t ty = gch_json_type(doc, t);
    int64_t v;
    bool b;
    size_t len = 0, s, e;
    const char *raw;
    gch_status_t st;

    FUZZ_ASSERT(ty != GCH_JSON_NONE);
    gch_json_span(doc, t, &s, &e);
    FUZZ_ASSERT(s < e && e <= doc->len);
    if (gch_json_get_i64(doc, t, &v) == GCH_OK)
        FUZZ_ASSERT(ty == GCH_JSON_NUMBER);
    if (gch_json_get_bool(doc, t, &b) == GCH_OK)
        FUZZ_ASSERT(ty == (b ? GCH_JSON_TRUE : GCH_JSON_FALSE));
    FUZZ_ASSERT(gch_json_is_null(doc, t) == (ty == GCH_JSON_NULL));
    st = gch_json_get_string(doc, t, text, sizeof text, &len);
    if (ty != GCH_JSON_STRING) {
        FUZZ_ASSERT(st == GCH_ERR_JSON_TYPE);
        return;
    }
    FUZZ_ASSERT(st == GCH_OK || st == GCH_ERR_NOSPACE || st == GCH_ERR_JSON_SYNTAX);
    if (st == GCH_OK) {
        FUZZ_ASSERT(len < sizeof text && text[len] == '\0');
        FUZZ_ASSERT(gch_json_get_raw(doc, t, &raw, &s) == GCH_OK);
        FUZZ_ASSERT(raw >= doc->json && raw + s <= doc->json + doc->len);
        FUZZ_ASSERT(gch_json_raw_eq(raw, s, text, len));
        FUZZ_ASSERT(gch_json_str_eq(doc, t, text) == (strlen(text) == len));
    }
}

/* Every member can be found again by its decoded name. */
static void check_members(const gch_json_doc_t *doc, int obj)
{
    int k = obj + 1;
    for (int n = 0; n < doc->tok[obj].size; n++) {
        size_t len = 0;
        int found = -1;
        FUZZ_ASSERT(k < doc->count && gch_json_type(doc, k) == GCH_JSON_STRING);
        if (gch_json_get_string(doc, k, text, sizeof text, &len) == GCH_OK) {
            gch_status_t st = gch_json_member_n(doc, obj, text, len, &found);
            FUZZ_ASSERT(st == GCH_OK || st == GCH_ERR_JSON_DUPLICATE);
            if (st == GCH_OK)
                FUZZ_ASSERT(found == k + 1);
        }
        k = gch_json_skip(doc, k + 1);
    }
    FUZZ_ASSERT(k == gch_json_skip(doc, obj));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[65];
    const char *nl = memchr(data, '\n', size < sizeof path ? size : sizeof path);
    const char *json;
    size_t plen, jlen, need = 0;
    gch_json_doc_t doc;
    gch_status_t st, cst;
    int found = -1;

    if (!nl)
        return 0;
    plen = (size_t)(nl - (const char *)data);
    memcpy(path, data, plen);
    path[plen] = '\0';
    json = nl + 1;
    jlen = size - plen - 1;

    st = gch_json_doc_parse(&doc, json, jlen, pool, sizeof pool / sizeof pool[0]);
    cst = gch_json_doc_count(json, jlen, &need);
    if (st == GCH_OK) {
        FUZZ_ASSERT(cst == GCH_OK && need == (size_t)doc.count);
    } else if (st == GCH_ERR_JSON_TOKENS) {
        FUZZ_ASSERT(cst == GCH_OK && need > sizeof pool / sizeof pool[0]);
        return 0;
    } else {
        FUZZ_ASSERT(cst == st); /* counting validates exactly like parsing */
        return 0;
    }
    FUZZ_ASSERT(doc.count >= 1);
    for (int t = 0; t < doc.count; t++) {
        int next = gch_json_skip(&doc, t);
        FUZZ_ASSERT(next > t && next <= doc.count);
        read_value(&doc, t);
        if (gch_json_type(&doc, t) == GCH_JSON_OBJECT)
            check_members(&doc, t);
    }
    if (plen > 0) {
        st = gch_json_find(&doc, 0, path, &found);
        if (st == GCH_OK) {
            FUZZ_ASSERT(found > 0 && found < doc.count);
            read_value(&doc, found);
        } else {
            FUZZ_ASSERT(found == -1);
        }
    }
    return 0;
}
