/* gch_json_skim.c - see gch_json_skim.h. Called by the heal job for every action. */
#include "gch_json_skim.h"

#include <string.h>

#include "gch_json_str.h"

typedef struct {
    const char *key1;       /* raw key of the current top-level member */
    size_t key1_len;
    const char *key2;       /* raw key of the current member at depth 2 */
    size_t key2_len;
    int target;             /* field whose value is being read, -1 none */
} skim_state_t;

static bool raw_is(const char *raw, size_t n, const char *s)
{
    return s != NULL && gch_json_raw_eq(raw, n, s, strlen(s));
}

/* Which field, if any, the value about to start at depth belongs to. */
static int match(const skim_state_t *st, uint32_t depth, const gch_json_skim_field_t *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (depth == 1 && f[i].parent == NULL && raw_is(st->key1, st->key1_len, f[i].key)) {
            return (int)i;
        }
        if (depth == 2 && f[i].parent != NULL && raw_is(st->key1, st->key1_len, f[i].parent) &&
            raw_is(st->key2, st->key2_len, f[i].key)) {
            return (int)i;
        }
    }
    return -1;
}

static size_t number_len(const char *p, const char *end)
{
    size_t n = 0;
    while (p + n < end && strchr("+-.eE0123456789", p[n]) != NULL && p[n] != '\0') {
        n++;
    }
    return n;
}

static gch_status_t on_begin(skim_state_t *st, const gch_json_scan_ev_t *se, const char *first,
                             const char *end, gch_json_skim_field_t *f, size_t n)
{
    if (se->depth == 0) {
        return se->type == GCH_JSON_OBJECT ? GCH_OK : GCH_ERR_JSON_TYPE;
    }
    if (se->is_key) {
        return GCH_OK; /* its text is taken at its END */
    }
    int i = match(st, se->depth, f, n);
    st->target = -1;
    if (i < 0) {
        return GCH_OK;
    }
    if (f[i].found) {
        return GCH_ERR_JSON_DUPLICATE;
    }
    f[i].found = true;
    f[i].type = se->type;
    f[i].raw = first;
    f[i].len = 1;
    if (se->type == GCH_JSON_STRING) {
        f[i].raw = first + 1; /* filled at the string's END */
        st->target = i;
    } else if (se->type == GCH_JSON_NUMBER) {
        f[i].len = number_len(first, end);
    } else if (se->type == GCH_JSON_TRUE || se->type == GCH_JSON_NULL) {
        f[i].len = 4;
    } else if (se->type == GCH_JSON_FALSE) {
        f[i].len = 5;
    }
    return GCH_OK;
}

gch_status_t gch_json_skim(const char *json, size_t len, gch_json_skim_field_t *fields, size_t n)
{
    gch_json_scan_t sc;
    gch_json_scan_ev_t se;
    skim_state_t st = { NULL, 0, NULL, 0, -1 };
    const char *p = json, *end = json + len, *begin = NULL;
    for (size_t i = 0; i < n; i++) {
        fields[i].found = false;
        fields[i].raw = NULL;
        fields[i].len = 0;
        fields[i].type = GCH_JSON_NONE;
    }
    gch_json_scan_init(&sc, 2);
    while (p < end) {
        size_t used = 0;
        gch_status_t err = gch_json_scan_next(&sc, p, (size_t)(end - p), &used, &se);
        p += used;
        if (err != GCH_OK) {
            return err;
        }
        if (se.event == GCH_JSON_SCAN_BEGIN) {
            begin = p - 1; /* the event's first byte */
            err = on_begin(&st, &se, begin, end, fields, n);
            if (err != GCH_OK) {
                return err;
            }
        } else if (se.event == GCH_JSON_SCAN_END && se.type == GCH_JSON_STRING) {
            /* begin..p spans the quotes of the string that just ended. */
            if (se.is_key && se.depth == 1) {
                st.key1 = begin + 1;
                st.key1_len = (size_t)(p - begin - 2);
            } else if (se.is_key && se.depth == 2) {
                st.key2 = begin + 1;
                st.key2_len = (size_t)(p - begin - 2);
            } else if (st.target >= 0) {
                fields[st.target].len = (size_t)(p - 1 - fields[st.target].raw);
                st.target = -1;
            }
        } else if (se.event == GCH_JSON_SCAN_END && se.depth == 1) {
            st.key2 = NULL; /* a top-level member ended: no depth-2 key is current */
            st.key2_len = 0;
        }
    }
    return gch_json_scan_done(&sc) ? GCH_OK : GCH_ERR_JSON_SYNTAX;
}
