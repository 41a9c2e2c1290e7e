/*
 * fuzz_json_split.c - libFuzzer harness for the streaming entity splitter
 * (core/json/gch_json_split.h) that cuts a listing page into entities.
 *
 * Input: byte 0 picks the entity buffer (32, 256 or 4096 bytes) so the
 * "entity too large" path is reached; the rest is the page body, fed whole, one
 * byte at a time and in random slices.
 * Properties: no memory error; the three runs report the same events, entities,
 * envelope and status; every ENTITY is a strict JSON object that
 * gch_json_doc_parse accepts and fits the buffer; every ENTITY_TOO_LARGE is
 * bigger than the buffer and its id lies inside it; a page the splitter accepts
 * (END, then finish OK) is valid JSON as a whole.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "json/gch_json_path.h"
#include "json/gch_json_split.h"

typedef struct {
    gch_status_t st, fin;
    uint32_t hash; /* over every event: type, index, entity bytes, sizes, ids */
    uint32_t events;
    bool end;
    gch_json_envelope_t env;
} trace_t;

static char ent_buf[4096];
static jsmntok_t pool[2048];

static uint32_t mix(uint32_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

static void check_entity(const gch_json_split_ev_t *ev, size_t cap)
{
    gch_json_doc_t doc;
    gch_status_t st;
    FUZZ_ASSERT(ev->len > 0 && ev->len <= cap);
    FUZZ_ASSERT(ev->data >= ent_buf && ev->data + ev->len <= ent_buf + cap);
    st = gch_json_doc_parse(&doc, ev->data, ev->len, pool, sizeof pool / sizeof pool[0]);
    FUZZ_ASSERT(st == GCH_OK || st == GCH_ERR_JSON_TOKENS);
    if (st == GCH_OK)
        FUZZ_ASSERT(gch_json_type(&doc, 0) == GCH_JSON_OBJECT);
}

static void drive(trace_t *t, const char *in, size_t len, size_t cap, int mode, const uint8_t *seed, size_t seed_len)
{
    static gch_json_split_t s;
    gch_json_split_ev_t ev;
    fuzz_rng_t rng;
    size_t off = 0;

    memset(t, 0, sizeof *t);
    t->hash = 2166136261u;
    fuzz_rng_seed(&rng, seed, seed_len);
    gch_json_split_init(&s, ent_buf, cap);
    while (off < len) {
        size_t avail = fuzz_piece(&rng, mode, len - off);
        while (avail > 0) {
            size_t used = 0;
            t->st = gch_json_split_feed(&s, in + off, avail, &used, &ev);
            if (t->st != GCH_OK)
                goto out;
            FUZZ_ASSERT(used <= avail);
            off += used;
            avail -= used;
            if (ev.type == GCH_JSON_SPLIT_NEED_MORE) {
                FUZZ_ASSERT(avail == 0);
                break;
            }
            /* END is a state: every feed after it says END again (trailing whitespace). */
            if (ev.type == GCH_JSON_SPLIT_END && t->end)
                continue;
            t->events++;
            t->hash = mix(t->hash, &ev.type, sizeof ev.type);
            if (ev.type == GCH_JSON_SPLIT_ENTITY) {
                check_entity(&ev, cap);
                t->hash = mix(t->hash, &ev.index, sizeof ev.index);
                t->hash = mix(t->hash, ev.data, ev.len);
            } else if (ev.type == GCH_JSON_SPLIT_ENTITY_TOO_LARGE) {
                FUZZ_ASSERT(ev.size > cap);
                t->hash = mix(t->hash, &ev.size, sizeof ev.size);
                if (ev.id) {
                    FUZZ_ASSERT(ev.id >= ent_buf && ev.id + ev.id_len <= ent_buf + cap);
                    t->hash = mix(t->hash, ev.id, ev.id_len);
                }
            } else if (ev.type == GCH_JSON_SPLIT_END) {
                t->end = true;
            }
        }
    }
out:
    t->fin = gch_json_split_finish(&s);
    t->env = s.env;
    if (t->st == GCH_OK && t->fin == GCH_OK) {
        size_t tokens;
        FUZZ_ASSERT(t->end);
        FUZZ_ASSERT(gch_json_doc_count(in, len, &tokens) == GCH_OK);
    }
}

static bool same_str(const gch_json_env_str_t *a, const gch_json_env_str_t *b)
{
    if (a->state != b->state)
        return false;
    return a->state != GCH_JSON_FIELD_OK || (a->len == b->len && memcmp(a->text, b->text, a->len) == 0);
}

static bool same_int(const gch_json_env_int_t *a, const gch_json_env_int_t *b)
{
    return a->state == b->state && (a->state != GCH_JSON_FIELD_OK || a->value == b->value);
}

static void same(const trace_t *a, const trace_t *b)
{
    FUZZ_ASSERT(a->st == b->st && a->fin == b->fin);
    FUZZ_ASSERT(a->events == b->events && a->hash == b->hash && a->end == b->end);
    FUZZ_ASSERT(a->env.has_entities == b->env.has_entities && a->env.entities == b->env.entities &&
                a->env.too_large == b->env.too_large);
    FUZZ_ASSERT(same_int(&a->env.page_count, &b->env.page_count) &&
                same_int(&a->env.page_number, &b->env.page_number) && same_int(&a->env.page_size, &b->env.page_size) &&
                same_int(&a->env.total, &b->env.total));
    FUZZ_ASSERT(same_str(&a->env.next_uri, &b->env.next_uri) && same_str(&a->env.self_uri, &b->env.self_uri));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t caps[4] = { 32, 256, 4096, 4096 };
    static trace_t whole, bytes, random;
    size_t cap;
    if (size < 1)
        return 0;
    cap = caps[data[0] & 3];
    drive(&whole, (const char *)data + 1, size - 1, cap, 0, data, size);
    drive(&bytes, (const char *)data + 1, size - 1, cap, 1, data, size);
    drive(&random, (const char *)data + 1, size - 1, cap, 2, data, size);
    same(&whole, &bytes);
    same(&whole, &random);
    return 0;
}
