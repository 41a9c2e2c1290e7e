/*
 * fuzz_json_skim.c - libFuzzer harness for the one-pass member skimmer
 * (core/json/gch_json_skim.h) in both of its uses: over a whole buffer, and driven
 * by the entity splitter while it cuts a page.
 *
 * Input: the body of a page. Every entity the splitter hands out is checked
 * against an oracle that knows nothing of the skimmer: gch_json_doc_parse + jsmn
 * lookups of the same members (id, name, config, config.timeoutSeconds).
 * Properties: no memory error; a member is found by the skimmer exactly when
 * the oracle finds it, with the same type and the same raw text; a duplicated
 * member is reported by both; the splitter-driven skim equals the whole-buffer
 * skim, fed whole, one byte at a time or in random slices.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "json/gch_json_path.h"
#include "json/gch_json_skim.h"
#include "json/gch_json_split.h"

enum { ID, NAME, CONFIG, TIMEOUT, COUNT };

static char ent_buf[4096];
static jsmntok_t pool[2048];

static void fields_init(gch_json_skim_field_t f[COUNT])
{
    static const gch_json_skim_field_t want[COUNT] = {
        [ID] = { .parent = NULL, .key = "id" },
        [NAME] = { .parent = NULL, .key = "name" },
        [CONFIG] = { .parent = NULL, .key = "config" },
        [TIMEOUT] = { .parent = "config", .key = "timeoutSeconds" },
    };
    memcpy(f, want, sizeof want);
}

/* The oracle: the strict validator plus jsmn, member by member. */
static void check_against_oracle(const char *json, size_t len, const gch_json_skim_field_t f[COUNT],
                                 gch_status_t skim_st)
{
    gch_json_doc_t doc;
    if (gch_json_doc_parse(&doc, json, len, pool, sizeof pool / sizeof pool[0]) != GCH_OK) {
        return; /* too many tokens for the oracle: nothing to compare */
    }
    static const char *const paths[COUNT] = { "id", "name", "config", "config.timeoutSeconds" };
    bool dup = false;
    int t[COUNT];
    gch_status_t st[COUNT];
    for (int i = 0; i < COUNT; i++) {
        st[i] = gch_json_find(&doc, 0, paths[i], &t[i]);
        dup |= st[i] == GCH_ERR_JSON_DUPLICATE;
    }
    if (dup) {
        FUZZ_ASSERT(skim_st == GCH_ERR_JSON_DUPLICATE);
        return;
    }
    if (st[CONFIG] == GCH_OK && gch_json_type(&doc, t[CONFIG]) != GCH_JSON_OBJECT) {
        st[TIMEOUT] = GCH_ERR_JSON_MISSING; /* a config that is no object has no members */
    }
    FUZZ_ASSERT(skim_st == GCH_OK);
    for (int i = 0; i < COUNT; i++) {
        FUZZ_ASSERT(f[i].found == (st[i] == GCH_OK));
        if (!f[i].found) {
            continue;
        }
        FUZZ_ASSERT(f[i].type == gch_json_type(&doc, t[i]));
        size_t a, b;
        gch_json_span(&doc, t[i], &a, &b);
        if (f[i].type == GCH_JSON_STRING) {
            a++;
            b--; /* the skimmer gives a string's text without its quotes */
        }
        if (f[i].type != GCH_JSON_OBJECT && f[i].type != GCH_JSON_ARRAY) {
            FUZZ_ASSERT(f[i].raw == json + a && f[i].len == b - a);
        } else {
            FUZZ_ASSERT(f[i].raw == json + a);
        }
    }
}

static void split_and_check(const char *page, size_t len, int mode, fuzz_rng_t *rng)
{
    gch_json_split_t s;
    gch_json_skim_field_t f[COUNT];
    fields_init(f);
    gch_json_split_init(&s, ent_buf, sizeof ent_buf);
    gch_json_split_skim(&s, f, COUNT);
    for (size_t pos = 0; pos < len;) {
        size_t used = 0, n = fuzz_piece(rng, mode, len - pos);
        gch_json_split_ev_t ev;
        if (gch_json_split_feed(&s, page + pos, n, &used, &ev) != GCH_OK) {
            return;
        }
        pos += used;
        if (ev.type != GCH_JSON_SPLIT_ENTITY) {
            continue;
        }
        /* The same entity skimmed as a whole buffer must give the same answer. */
        gch_json_skim_field_t w[COUNT];
        fields_init(w);
        gch_status_t wst = gch_json_skim(ev.data, ev.len, w, COUNT);
        FUZZ_ASSERT(wst == ev.skim_status);
        if (wst == GCH_OK) {
            for (int i = 0; i < COUNT; i++) {
                FUZZ_ASSERT(w[i].found == f[i].found && w[i].type == f[i].type);
                FUZZ_ASSERT(w[i].raw == f[i].raw && (w[i].len == f[i].len || w[i].type >= GCH_JSON_OBJECT));
            }
        }
        check_against_oracle(ev.data, ev.len, w, wst);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_rng_t rng;
    fuzz_rng_seed(&rng, data, size);
    for (int mode = 0; mode < 3; mode++) {
        split_and_check((const char *)data, size, mode, &rng);
    }
    return 0;
}
