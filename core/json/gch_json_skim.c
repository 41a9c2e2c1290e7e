/* gch_json_skim.c - see gch_json_skim.h. Driven by the splitter (scan) and by
 * the heal job on fetched actions. */
#include "gch_json_skim.h"

#include <string.h>

#include "gch_json_str.h"

static bool raw_is(const char *raw, size_t n, const char *s)
{
    if (s == NULL || raw == NULL) {
        return false; /* no key captured yet: memchr/memcmp must not see NULL, even for 0 bytes */
    }
    size_t len = strlen(s);
    if (memchr(raw, '\\', n) == NULL) {
        return n == len && memcmp(raw, s, n) == 0; /* no escapes: the bytes are the text */
    }
    return gch_json_raw_eq(raw, n, s, len);
}

void gch_json_skimmer_init(gch_json_skimmer_t *k, gch_json_skim_field_t *fields, size_t count)
{
    memset(k, 0, sizeof *k);
    k->fields = fields;
    k->count = count;
    k->top = -1;
    k->target = -1;
    k->want_depth = 1;
    for (size_t i = 0; i < count; i++) {
        fields[i].found = false;
        fields[i].raw = NULL;
        fields[i].len = 0;
        fields[i].type = GCH_JSON_NONE;
    }
}

/* A top-level key ended: decide once what its value can hold. */
static void on_key1(gch_json_skimmer_t *k)
{
    k->top = -1;
    k->parent = false;
    for (size_t i = 0; i < k->count; i++) {
        const gch_json_skim_field_t *f = &k->fields[i];
        if (f->parent == NULL && k->top < 0 && raw_is(k->key1, k->key1_len, f->key)) {
            k->top = (int)i;
        } else if (f->parent != NULL && !k->parent && raw_is(k->key1, k->key1_len, f->parent)) {
            k->parent = true;
        }
    }
}

/* Which field, if any, a depth-2 value belongs to (its parent is current). */
static int match2(const gch_json_skimmer_t *k)
{
    for (size_t i = 0; i < k->count; i++) {
        const gch_json_skim_field_t *f = &k->fields[i];
        if (f->parent != NULL && raw_is(k->key2, k->key2_len, f->key) && raw_is(k->key1, k->key1_len, f->parent)) {
            return (int)i;
        }
    }
    return -1;
}

static gch_status_t on_begin(gch_json_skimmer_t *k, const gch_json_scan_ev_t *se, uint32_t depth, const char *first)
{
    k->begin = first;
    if (depth == 0) {
        return se->type == GCH_JSON_OBJECT ? GCH_OK : GCH_ERR_JSON_TYPE;
    }
    if (se->is_key) {
        return GCH_OK; /* its text is taken at its END */
    }
    int i = depth == 1 ? k->top : match2(k);
    if (depth == 1 && se->type == GCH_JSON_OBJECT && k->parent) {
        k->want_depth = 2; /* look inside this member */
    }
    if (i < 0) {
        return GCH_OK;
    }
    gch_json_skim_field_t *f = &k->fields[i];
    if (f->found) {
        return GCH_ERR_JSON_DUPLICATE;
    }
    f->found = true;
    f->type = se->type;
    f->raw = se->type == GCH_JSON_STRING ? first + 1 : first;
    f->len = 1;
    if (se->type != GCH_JSON_OBJECT && se->type != GCH_JSON_ARRAY) {
        k->target = i; /* its length is known at its END */
    }
    return GCH_OK;
}

static void on_end(gch_json_skimmer_t *k, const gch_json_scan_ev_t *se, uint32_t depth, const char *after)
{
    if (se->is_key) {
        /* k->begin .. after spans the key with its quotes. */
        if (depth == 1) {
            k->key1 = k->begin + 1;
            k->key1_len = (size_t)(after - k->begin - 2);
            on_key1(k);
        } else {
            k->key2 = k->begin + 1;
            k->key2_len = (size_t)(after - k->begin - 2);
        }
        return;
    }
    if (k->target >= 0) {
        gch_json_skim_field_t *f = &k->fields[k->target];
        f->len = (size_t)(after - f->raw) - (se->type == GCH_JSON_STRING ? 1u : 0u);
        k->target = -1;
    }
    if (depth == 1) {
        k->want_depth = 1; /* a top-level member ended */
        k->key2 = NULL;
        k->key2_len = 0;
    }
}

gch_status_t gch_json_skimmer_event(gch_json_skimmer_t *k, const gch_json_scan_ev_t *se, uint32_t depth, const char *at)
{
    if (k->error != GCH_OK) {
        return k->error;
    }
    if (se->event == GCH_JSON_SCAN_BEGIN) {
        k->error = on_begin(k, se, depth, at);
    } else if (se->event == GCH_JSON_SCAN_END && depth > 0) {
        on_end(k, se, depth, at);
    }
    return k->error;
}

gch_status_t gch_json_skim(const char *json, size_t len, gch_json_skim_field_t *fields, size_t n)
{
    gch_json_scan_t sc;
    gch_json_scan_ev_t se;
    gch_json_skimmer_t k;
    const char *p = json, *end = json + len;
    gch_json_skimmer_init(&k, fields, n);
    gch_json_scan_init(&sc, 1);
    while (p < end) {
        size_t used = 0;
        gch_status_t err = gch_json_scan_next(&sc, p, (size_t)(end - p), &used, &se);
        p += used;
        if (err == GCH_OK && se.event != GCH_JSON_SCAN_MORE) {
            err = gch_json_skimmer_event(&k, &se, se.depth, se.event == GCH_JSON_SCAN_BEGIN ? p - 1 : p);
            sc.report_depth = k.want_depth;
        }
        if (err != GCH_OK) {
            return err;
        }
    }
    return gch_json_scan_done(&sc) ? GCH_OK : GCH_ERR_JSON_SYNTAX;
}
