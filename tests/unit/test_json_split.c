/*
 * test_json_split.c - the streaming entity splitter on real-shaped listing pages.
 *
 * Pages are built from the library's Data Action configs (gch_json_fixtures.h) plus
 * hand-made entities that hide "}", "]", "entities" and every escape inside
 * strings. Every page is fed whole, one byte at a time and in random slices
 * (seeded, many seeds); all ways must give identical entities and envelopes.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gch_json_fixtures.h"
#include "gch_test.h"
#include "json/gch_json_split.h"

/* ---- page building ---------------------------------------------------------------- */

#define E_CRLF                                                                                                         \
    "{\"id\":\"3b1a0e7c-0000-4000-8000-000000000001\",\"name\":\"Count Recent Calls From Number\","                    \
    "\"category\":\"Genesys Cloud Data Actions\",\"integrationId\":\"5d4f-int\",\"secure\":false,"                     \
    "\"version\":3,\"config\":" FIX_CONFIG_CRLF ",\"selfUri\":\"/api/v2/integrations/actions/3b1a\"}"

#define E_UTF8                                                                                                         \
    "{\r\n  \"id\" : \"3b1a0e7c-0000-4000-8000-000000000002\" ,\r\n  \"name\":"                                        \
    "\"User\\u2019s \\\"external\\\" id \\\\ caf\303\251\",\"version\":12,\"config\":" FIX_CONFIG_UTF8                 \
    ",\r\n  \"contract\":" FIX_CONTRACT_UTF8 "\r\n}"

/* Brackets, quotes, a nested "id" and a fake "entities" array, all inside strings. */
#define E_TRICKY                                                                                                       \
    "{\"config\":{\"request\":{\"requestTemplate\":\"{\\\"entities\\\":[{\\\"id\\\":\\\"nested\\\"}]}"                 \
    " }]\\\\\\\" \\u2019 \\ud83d\\ude00 \342\200\231\"},\"response\":{\"id\":\"not-top\"}},"                           \
    "\"id\":\"custom_-_tricky\",\"name\":\"Tricky } ] \\\"entities\\\":[ {\",\"version\":1}"

#define E_EMPTY_MAPS "{\"id\":\"e4\",\"version\":0,\"config\":" FIX_CONFIG_EMPTY_MAPS "}"

#define E_LARGE "{\"id\":\"big-0001\",\"name\":\"Bulk Export Orders\",\"version\":7,\"config\":" FIX_CONFIG_LARGE "}"

#define ENVELOPE                                                                                                       \
    "\"pageSize\":25,\"pageNumber\":2,\"total\":250,\"firstUri\":\"/api/v2/integrations/actions?pageNumber=1\","       \
    "\"selfUri\":\"\\/api\\/v2\\/integrations\\/actions?pageSize=25&pageNumber=2\","                                   \
    "\"nextUri\":\"/api/v2/integrations/actions?pageSize=25&pageNumber=3\","                                           \
    "\"previousUri\":\"/api/v2/integrations/actions?pageSize=25&pageNumber=1\","                                       \
    "\"lastUri\":\"/api/v2/integrations/actions?pageSize=25&pageNumber=10\",\"pageCount\":10"

static const char *const four[] = { E_CRLF, E_UTF8, E_TRICKY, E_EMPTY_MAPS };

static char page[96 * 1024];
static size_t page_len;

static void put(const char *s)
{
    size_t n = strlen(s);
    memcpy(page + page_len, s, n);
    page_len += n;
}

/* {"entities":[e...],<envelope>} or the envelope first. */
static void build(const char *const *ents, size_t n, bool entities_first)
{
    page_len = 0;
    put("{");
    if (!entities_first)
        put(ENVELOPE ",");
    put("\"entities\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            put(",\n    ");
        put(ents[i]);
    }
    put("]");
    if (entities_first)
        put(",\n" ENVELOPE);
    put("}");
}

/* ---- running the splitter ----------------------------------------------------------- */

#define MAX_ENTS 8

typedef struct {
    gch_status_t st; /* first error, or finish()'s status */
    int n;
    char data[MAX_ENTS][16384];
    size_t len[MAX_ENTS];
    int big;
    size_t big_size[MAX_ENTS];
    char big_id[MAX_ENTS][64]; /* "" when not recovered */
    uint32_t big_index[MAX_ENTS];
    bool ended;
    gch_json_envelope_t env;
} result_t;

static result_t r_whole, r_other;
static char ent_buf[16384];

static uint32_t rng;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

enum { WHOLE = 0, BYTES = 1 }; /* other values: a PRNG seed for random slices */

static void on_event(result_t *r, const gch_json_split_ev_t *ev)
{
    if (ev->type == GCH_JSON_SPLIT_ENTITY && r->n < MAX_ENTS) {
        memcpy(r->data[r->n], ev->data, ev->len);
        r->len[r->n++] = ev->len;
    } else if (ev->type == GCH_JSON_SPLIT_ENTITY_TOO_LARGE && r->big < MAX_ENTS) {
        r->big_size[r->big] = ev->size;
        r->big_index[r->big] = ev->index;
        r->big_id[r->big][0] = '\0';
        if (ev->id)
            snprintf(r->big_id[r->big], sizeof r->big_id[0], "%.*s", (int)ev->id_len, ev->id);
        r->big++;
    } else if (ev->type == GCH_JSON_SPLIT_END) {
        r->ended = true;
    }
}

static void run(const char *in, size_t len, size_t cap, uint32_t mode, result_t *r)
{
    gch_json_split_t s;
    size_t off = 0;
    memset(r, 0, sizeof *r);
    gch_json_split_init(&s, ent_buf, cap);
    rng = mode;
    while (off < len) {
        size_t n = mode == WHOLE ? len - off : mode == BYTES ? 1 : 1 + next_rand() % 97u;
        if (n > len - off)
            n = len - off;
        const char *p = in + off;
        size_t left = n;
        while (left > 0) {
            size_t used;
            gch_json_split_ev_t ev;
            r->st = gch_json_split_feed(&s, p, left, &used, &ev);
            if (r->st != GCH_OK) {
                r->env = s.env;
                return;
            }
            if (used == 0 && ev.type == GCH_JSON_SPLIT_NEED_MORE) {
                r->st = GCH_ERR_STATE; /* no progress: a splitter bug */
                return;
            }
            on_event(r, &ev);
            p += used;
            left -= used;
        }
        off += n;
    }
    r->st = gch_json_split_finish(&s);
    r->env = s.env;
}

static bool same_result(const result_t *a, const result_t *b)
{
    if (a->st != b->st || a->n != b->n || a->big != b->big || a->ended != b->ended)
        return false;
    for (int i = 0; i < a->n; i++)
        if (a->len[i] != b->len[i] || memcmp(a->data[i], b->data[i], a->len[i]) != 0)
            return false;
    for (int i = 0; i < a->big; i++)
        if (a->big_size[i] != b->big_size[i] || strcmp(a->big_id[i], b->big_id[i]) != 0)
            return false;
    return memcmp(&a->env, &b->env, sizeof a->env) == 0;
}

static gch_status_t split_status(const char *text, uint32_t mode)
{
    run(text, strlen(text), sizeof ent_buf, mode, &r_other);
    return r_other.st;
}

/* ---- behaviour ---------------------------------------------------------------------- */

static void test_each_entity_comes_out_byte_for_byte(void)
{
    build(four, 4, true);
    run(page, page_len, sizeof ent_buf, WHOLE, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK(r_whole.ended);
    GCH_CHECK_EQ_INT(r_whole.n, 4);
    for (int i = 0; i < 4; i++)
        GCH_CHECK_STR(r_whole.data[i], r_whole.len[i], four[i]);
    GCH_CHECK_EQ_INT(r_whole.env.entities, 4);
    GCH_CHECK_EQ_INT(r_whole.env.too_large, 0);
}

static void test_one_byte_at_a_time_gives_identical_results(void)
{
    build(four, 4, true);
    run(page, page_len, sizeof ent_buf, WHOLE, &r_whole);
    run(page, page_len, sizeof ent_buf, BYTES, &r_other);
    GCH_CHECK(same_result(&r_whole, &r_other));
}

static void test_random_slices_give_identical_results_for_many_seeds(void)
{
    build(four, 4, false);
    run(page, page_len, sizeof ent_buf, WHOLE, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.n, 4);
    for (uint32_t seed = 2; seed < 402; seed++) {
        run(page, page_len, sizeof ent_buf, seed * 2654435761u, &r_other);
        if (!same_result(&r_whole, &r_other))
            fprintf(stderr, "  seed %u differs\n", seed);
        GCH_CHECK(same_result(&r_whole, &r_other));
    }
}

static void test_envelope_is_captured_when_it_comes_first(void)
{
    build(four, 2, false);
    run(page, page_len, sizeof ent_buf, WHOLE, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK_EQ_INT(r_whole.n, 2);
    GCH_CHECK_EQ_INT(r_whole.env.page_count.state, GCH_JSON_FIELD_OK);
    GCH_CHECK_EQ_INT(r_whole.env.page_count.value, 10);
    GCH_CHECK_EQ_INT(r_whole.env.page_number.value, 2);
    GCH_CHECK_EQ_INT(r_whole.env.page_size.value, 25);
    GCH_CHECK_EQ_INT(r_whole.env.total.value, 250);
    GCH_CHECK(r_whole.env.has_entities);
}

static void test_envelope_is_captured_when_it_comes_last(void)
{
    build(four, 2, true);
    run(page, page_len, sizeof ent_buf, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK_EQ_INT(r_whole.env.page_count.value, 10);
    GCH_CHECK_EQ_INT(r_whole.env.total.state, GCH_JSON_FIELD_OK);
    GCH_CHECK_EQ_INT(r_whole.env.total.value, 250);
}

static void test_uris_are_unescaped_and_nul_terminated(void)
{
    build(four, 1, true);
    run(page, page_len, sizeof ent_buf, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.env.self_uri.state, GCH_JSON_FIELD_OK);
    GCH_CHECK_STR(r_whole.env.self_uri.text, r_whole.env.self_uri.len,
                  "/api/v2/integrations/actions?pageSize=25&pageNumber=2");
    GCH_CHECK(strcmp(r_whole.env.next_uri.text, "/api/v2/integrations/actions?pageSize=25&pageNumber=3") == 0);
}

static void test_envelope_in_any_order_with_unknown_members(void)
{
    const char *p = "{\"total\":3,\"weird\":{\"entities\":[1],\"pageCount\":\"x\"},\"nextUri\":null,"
                    "\"entities\":[{\"id\":\"a\"}],\"pageCount\":1,\"list\":[[{}]],\"pageNumber\":1}";
    run(p, strlen(p), sizeof ent_buf, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK_EQ_INT(r_whole.n, 1);
    GCH_CHECK_EQ_INT(r_whole.env.total.value, 3);
    GCH_CHECK_EQ_INT(r_whole.env.page_count.value, 1);
    GCH_CHECK_EQ_INT(r_whole.env.page_number.value, 1);
    GCH_CHECK_EQ_INT(r_whole.env.next_uri.state, GCH_JSON_FIELD_NULL);
    GCH_CHECK_EQ_INT(r_whole.env.self_uri.state, GCH_JSON_FIELD_ABSENT);
    GCH_CHECK_EQ_INT(r_whole.env.page_size.state, GCH_JSON_FIELD_ABSENT);
}

static void test_escaped_envelope_keys_are_recognised(void)
{
    const char *p = "{\"page\\u0043ount\":4,\"\\u0065ntities\":[{}]}";
    run(p, strlen(p), sizeof ent_buf, WHOLE, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK_EQ_INT(r_whole.env.page_count.value, 4);
    GCH_CHECK_EQ_INT(r_whole.n, 1);
}

static void test_empty_entities_array_ends_with_no_entity(void)
{
    const char *p = "{\"entities\":[ ],\"pageSize\":25,\"pageNumber\":4,\"total\":75,\"pageCount\":3}";
    run(p, strlen(p), sizeof ent_buf, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK(r_whole.ended);
    GCH_CHECK_EQ_INT(r_whole.n, 0);
    GCH_CHECK(r_whole.env.has_entities);
    GCH_CHECK_EQ_INT(r_whole.env.page_number.value, 4);
}

static void test_missing_entities_is_reported_not_an_error(void)
{
    const char *p = "{\"pageSize\":25}";
    run(p, strlen(p), sizeof ent_buf, WHOLE, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK(!r_whole.env.has_entities);
}

static void test_oversized_entity_is_skipped_with_size_and_id_and_next_is_intact(void)
{
    static const char *const ents[] = { E_CRLF, E_LARGE, E_TRICKY };
    build(ents, 3, true);
    for (uint32_t mode = 0; mode < 40; mode++) {
        run(page, page_len, 4096, mode == 0 ? WHOLE : mode == 1 ? BYTES : mode * 7919u, &r_whole);
        GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
        GCH_CHECK_EQ_INT(r_whole.n, 2);
        GCH_CHECK_EQ_INT(r_whole.big, 1);
        GCH_CHECK_EQ_INT(r_whole.big_size[0], strlen(E_LARGE));
        GCH_CHECK_EQ_INT(r_whole.big_index[0], 1);
        GCH_CHECK(strcmp(r_whole.big_id[0], "big-0001") == 0);
        GCH_CHECK_STR(r_whole.data[0], r_whole.len[0], E_CRLF);
        GCH_CHECK_STR(r_whole.data[1], r_whole.len[1], E_TRICKY);
        GCH_CHECK_EQ_INT(r_whole.env.entities, 3);
        GCH_CHECK_EQ_INT(r_whole.env.too_large, 1);
    }
}

static void test_entity_exactly_the_buffer_size_fits(void)
{
    const char *p = "{\"entities\":[{\"id\":\"abc\"}]}";
    run(p, strlen(p), strlen("{\"id\":\"abc\"}"), BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.n, 1);
    GCH_CHECK_EQ_INT(r_whole.big, 0);
    run(p, strlen(p), strlen("{\"id\":\"abc\"}") - 1, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.n, 0);
    GCH_CHECK_EQ_INT(r_whole.big, 1);
    GCH_CHECK(strcmp(r_whole.big_id[0], "abc") == 0);
}

static void test_oversized_entity_id_ignores_nested_ids(void)
{
    /* The nested "id"s come first; the top-level one is within the kept bytes. */
    const char *p = "{\"entities\":[" E_TRICKY "]}";
    run(p, strlen(p), 200, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.big, 1);
    GCH_CHECK(strcmp(r_whole.big_id[0], "custom_-_tricky") == 0);
}

static void test_oversized_entity_id_beyond_the_buffer_is_not_reported(void)
{
    const char *p = "{\"entities\":[" E_TRICKY "]}";
    run(p, strlen(p), 60, WHOLE, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.big, 1);
    GCH_CHECK_EQ_INT(r_whole.big_size[0], strlen(E_TRICKY));
    GCH_CHECK(r_whole.big_id[0][0] == '\0');
}

static void test_oversized_entity_cut_inside_its_id_reports_no_id(void)
{
    const char *p = "{\"entities\":[{\"id\":\"0123456789\",\"x\":1}]}";
    run(p, strlen(p), 12, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.big, 1);
    GCH_CHECK(r_whole.big_id[0][0] == '\0');
}

static void test_envelope_integers_report_bad_values(void)
{
    const char *p = "{\"pageCount\":-1,\"pageNumber\":3.5,\"pageSize\":1e2,"
                    "\"total\":99999999999999999999,\"entities\":[]}";
    run(p, strlen(p), sizeof ent_buf, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK_EQ_INT(r_whole.env.page_count.state, GCH_JSON_FIELD_NEGATIVE);
    GCH_CHECK_EQ_INT(r_whole.env.page_number.state, GCH_JSON_FIELD_NOT_INTEGER);
    GCH_CHECK_EQ_INT(r_whole.env.page_size.state, GCH_JSON_FIELD_NOT_INTEGER);
    GCH_CHECK_EQ_INT(r_whole.env.total.state, GCH_JSON_FIELD_OVERFLOW);
}

static void test_envelope_integer_of_wrong_type_is_flagged(void)
{
    const char *p = "{\"pageCount\":\"3\",\"total\":null,\"pageSize\":[1],\"pageNumber\":9223372036854775807}";
    run(p, strlen(p), sizeof ent_buf, WHOLE, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK_EQ_INT(r_whole.env.page_count.state, GCH_JSON_FIELD_BAD_TYPE);
    GCH_CHECK_EQ_INT(r_whole.env.total.state, GCH_JSON_FIELD_NULL);
    GCH_CHECK_EQ_INT(r_whole.env.page_size.state, GCH_JSON_FIELD_BAD_TYPE);
    GCH_CHECK_EQ_INT(r_whole.env.page_number.state, GCH_JSON_FIELD_OK);
    GCH_CHECK(r_whole.env.page_number.value == INT64_MAX);
}

static void test_long_fractional_number_is_not_integer_rather_than_overflow(void)
{
    const char *p = "{\"total\":0.0000000000000000000000000000000000000001}";
    run(p, strlen(p), sizeof ent_buf, WHOLE, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.env.total.state, GCH_JSON_FIELD_NOT_INTEGER);
}

static void test_uri_longer_than_its_buffer_is_flagged_not_truncated(void)
{
    static char p[GCH_JSON_URI_MAX + 64];
    size_t n = 0;
    n += (size_t)snprintf(p, sizeof p, "{\"nextUri\":\"/");
    memset(p + n, 'a', GCH_JSON_URI_MAX - 3u);
    n += GCH_JSON_URI_MAX - 3u;
    snprintf(p + n, sizeof p - n, "\",\"selfUri\":\"/x\"}");
    run(p, strlen(p), sizeof ent_buf, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK_EQ_INT(r_whole.env.next_uri.state, GCH_JSON_FIELD_TOO_LONG);
    GCH_CHECK_EQ_INT(r_whole.env.next_uri.len, 0);
    GCH_CHECK_EQ_INT(r_whole.env.self_uri.state, GCH_JSON_FIELD_OK);
}

static void test_uri_of_exactly_the_limit_fits(void)
{
    static char p[GCH_JSON_URI_MAX + 64];
    size_t n = (size_t)snprintf(p, sizeof p, "{\"nextUri\":\"");
    memset(p + n, 'b', GCH_JSON_URI_MAX - 3u);
    n += GCH_JSON_URI_MAX - 3u;
    snprintf(p + n, sizeof p - n, "\"}");
    run(p, strlen(p), sizeof ent_buf, WHOLE, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.env.next_uri.state, GCH_JSON_FIELD_OK);
    GCH_CHECK_EQ_INT(r_whole.env.next_uri.len, GCH_JSON_URI_MAX - 3u);
}

static void test_whitespace_after_the_end_is_accepted(void)
{
    const char *p = "\r\n {\"entities\":[]} \r\n\t ";
    run(p, strlen(p), sizeof ent_buf, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK(r_whole.ended);
}

static void test_duplicate_entities_member_is_an_error(void)
{
    GCH_CHECK_EQ_INT(split_status("{\"entities\":[{}],\"entities\":[{}]}", WHOLE), GCH_ERR_JSON_DUPLICATE);
}

static void test_duplicate_envelope_member_is_an_error(void)
{
    GCH_CHECK_EQ_INT(split_status("{\"pageCount\":1,\"entities\":[],\"pageCount\":9}", BYTES), GCH_ERR_JSON_DUPLICATE);
}

static void test_entities_that_is_not_an_array_is_a_type_error(void)
{
    GCH_CHECK_EQ_INT(split_status("{\"entities\":{\"a\":{}}}", WHOLE), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(split_status("{\"entities\":null}", BYTES), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(split_status("{\"entities\":\"[]\"}", WHOLE), GCH_ERR_JSON_TYPE);
}

static void test_entity_that_is_not_an_object_is_a_type_error(void)
{
    GCH_CHECK_EQ_INT(split_status("{\"entities\":[{},1]}", WHOLE), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(split_status("{\"entities\":[[]]}", BYTES), GCH_ERR_JSON_TYPE);
}

static void test_document_that_is_not_an_object_is_a_type_error(void)
{
    GCH_CHECK_EQ_INT(split_status("[{\"entities\":[]}]", WHOLE), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(split_status("\"entities\"", WHOLE), GCH_ERR_JSON_TYPE);
}

/* Every malformed page is an error, whole or byte by byte. */
static const struct {
    const char *text;
    gch_status_t st;
} malformed[] = {
    { "", GCH_ERR_JSON_SYNTAX }, /* empty body */
    { "   ", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{}]", GCH_ERR_JSON_SYNTAX }, /* truncated */
    { "{\"entities\":[{\"a\":\"x", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{]}", GCH_ERR_JSON_SYNTAX }, /* mismatched */
    { "{\"entities\":[}]}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[]]", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[],\"x\":tru}", GCH_ERR_JSON_SYNTAX }, /* bad literals */
    { "{\"entities\":[],\"x\":nul}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[],\"x\":falsey}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[],\"x\":True}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[],\"x\":undefined}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\" []}", GCH_ERR_JSON_SYNTAX },      /* missing colon */
    { "{\"entities\"}", GCH_ERR_JSON_SYNTAX },         /* key without value */
    { "{\"entities\":[{} {}]}", GCH_ERR_JSON_SYNTAX }, /* missing commas */
    { "{\"entities\":[] \"total\":1}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{\"a\":1 \"b\":2}]}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{},]}", GCH_ERR_JSON_SYNTAX }, /* trailing commas */
    { "{\"entities\":[],}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{\"a\":1,}]}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[,{}]}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[]} x", GCH_ERR_JSON_SYNTAX }, /* garbage after the end */
    { "{\"entities\":[]}{}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[]}]", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{\"a\":\"x\ny\"}]}", GCH_ERR_JSON_SYNTAX }, /* raw control chars */
    { "{\"entities\":[{\"a\":\"x\ty\"}]}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{\"a\":\"\\x\"}]}", GCH_ERR_JSON_SYNTAX }, /* bad escapes */
    { "{\"entities\":[{\"a\":\"\\u12G4\"}]}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{\"a\":\"\\u12\"}]}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{\"a\":\"\\'\"}]}", GCH_ERR_JSON_SYNTAX },
    { "{entities:[]}", GCH_ERR_JSON_SYNTAX }, /* keys must be strings */
    { "{'entities':[]}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{1:2}]}", GCH_ERR_JSON_SYNTAX },
    { "{\"total\":01}", GCH_ERR_JSON_SYNTAX }, /* bad numbers */
    { "{\"total\":-}", GCH_ERR_JSON_SYNTAX },
    { "{\"total\":1.}", GCH_ERR_JSON_SYNTAX },
    { "{\"total\":.5}", GCH_ERR_JSON_SYNTAX },
    { "{\"total\":1e}", GCH_ERR_JSON_SYNTAX },
    { "{\"total\":+1}", GCH_ERR_JSON_SYNTAX },
    { "{\"total\":0x10}", GCH_ERR_JSON_SYNTAX },
    { "{\"total\":1 2}", GCH_ERR_JSON_SYNTAX },
    { "{\"entities\":[{\"a\":\"\"\"}]}", GCH_ERR_JSON_SYNTAX },
    { "\xef\xbb\xbf{\"entities\":[]}", GCH_ERR_JSON_SYNTAX },    /* BOM */
    { "{\"entities\":[{\"a\":\"x\"}]\v}", GCH_ERR_JSON_SYNTAX }, /* not JSON whitespace */
};

static void test_malformed_pages_are_errors_whole_and_byte_by_byte(void)
{
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        for (uint32_t mode = 0; mode < 3; mode++) {
            gch_status_t st = split_status(malformed[i].text, mode == 2 ? 12345u : mode);
            if (st != malformed[i].st)
                fprintf(stderr, "  case %zu (%s) mode %u: got %d\n", i, malformed[i].text, mode, (int)st);
            GCH_CHECK_EQ_INT(st, malformed[i].st);
        }
    }
}

static void test_nul_byte_in_a_page_is_an_error(void)
{
    static const char p[] = "{\"entities\":[{\"a\":\"x\0y\"}]}";
    run(p, sizeof p - 1, sizeof ent_buf, WHOLE, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_ERR_JSON_SYNTAX);
}

static void test_nesting_deeper_than_the_bound_is_an_error(void)
{
    static char p[512];
    size_t n = (size_t)snprintf(p, sizeof p, "{\"entities\":[{\"a\":");
    for (unsigned i = 0; i < GCH_JSON_MAX_DEPTH; i++)
        p[n++] = '[';
    p[n] = '\0';
    GCH_CHECK_EQ_INT(split_status(p, WHOLE), GCH_ERR_JSON_TOO_DEEP);
}

static void test_nesting_up_to_the_bound_is_accepted(void)
{
    static char p[512];
    size_t n = (size_t)snprintf(p, sizeof p, "{\"entities\":[{\"a\":");
    unsigned extra = GCH_JSON_MAX_DEPTH - 3u; /* envelope, entities, entity already open */
    for (unsigned i = 0; i < extra; i++)
        p[n++] = '[';
    for (unsigned i = 0; i < extra; i++)
        p[n++] = ']';
    snprintf(p + n, sizeof p - n, "}]}");
    run(p, strlen(p), sizeof ent_buf, BYTES, &r_whole);
    GCH_CHECK_EQ_INT(r_whole.st, GCH_OK);
    GCH_CHECK_EQ_INT(r_whole.n, 1);
}

static void test_errors_are_sticky(void)
{
    gch_json_split_t s;
    gch_json_split_ev_t ev;
    size_t used;
    gch_json_split_init(&s, ent_buf, sizeof ent_buf);
    GCH_CHECK_EQ_INT(gch_json_split_feed(&s, "{]", 2, &used, &ev), GCH_ERR_JSON_SYNTAX);
    GCH_CHECK_EQ_INT(gch_json_split_feed(&s, "}", 1, &used, &ev), GCH_ERR_JSON_SYNTAX);
    GCH_CHECK_EQ_INT(gch_json_split_finish(&s), GCH_ERR_JSON_SYNTAX);
}

static void test_after_end_feed_keeps_reporting_end(void)
{
    gch_json_split_t s;
    gch_json_split_ev_t ev;
    size_t used;
    gch_json_split_init(&s, ent_buf, sizeof ent_buf);
    GCH_CHECK_EQ_INT(gch_json_split_feed(&s, "{\"entities\":[]}  ", 17, &used, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(ev.type, GCH_JSON_SPLIT_END);
    GCH_CHECK_EQ_INT(used, 15);
    GCH_CHECK_EQ_INT(gch_json_split_feed(&s, "  ", 2, &used, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(ev.type, GCH_JSON_SPLIT_END);
    GCH_CHECK_EQ_INT(gch_json_split_finish(&s), GCH_OK);
}

static void test_zero_capacity_buffer_reports_every_entity_too_large(void)
{
    const char *p = "{\"entities\":[{\"id\":\"a\"},{\"id\":\"b\"}]}";
    gch_json_split_t s;
    gch_json_split_ev_t ev;
    size_t used, off = 0;
    int big = 0;
    gch_json_split_init(&s, NULL, 0);
    while (off < strlen(p)) {
        GCH_CHECK_EQ_INT(gch_json_split_feed(&s, p + off, strlen(p) - off, &used, &ev), GCH_OK);
        off += used;
        if (ev.type == GCH_JSON_SPLIT_ENTITY_TOO_LARGE) {
            GCH_CHECK(ev.id == NULL);
            big++;
        }
    }
    GCH_CHECK_EQ_INT(big, 2);
}

GCH_TEST_MAIN(
    GCH_TEST(test_each_entity_comes_out_byte_for_byte), GCH_TEST(test_one_byte_at_a_time_gives_identical_results),
    GCH_TEST(test_random_slices_give_identical_results_for_many_seeds),
    GCH_TEST(test_envelope_is_captured_when_it_comes_first), GCH_TEST(test_envelope_is_captured_when_it_comes_last),
    GCH_TEST(test_uris_are_unescaped_and_nul_terminated), GCH_TEST(test_envelope_in_any_order_with_unknown_members),
    GCH_TEST(test_escaped_envelope_keys_are_recognised), GCH_TEST(test_empty_entities_array_ends_with_no_entity),
    GCH_TEST(test_missing_entities_is_reported_not_an_error),
    GCH_TEST(test_oversized_entity_is_skipped_with_size_and_id_and_next_is_intact),
    GCH_TEST(test_entity_exactly_the_buffer_size_fits), GCH_TEST(test_oversized_entity_id_ignores_nested_ids),
    GCH_TEST(test_oversized_entity_id_beyond_the_buffer_is_not_reported),
    GCH_TEST(test_oversized_entity_cut_inside_its_id_reports_no_id), GCH_TEST(test_envelope_integers_report_bad_values),
    GCH_TEST(test_envelope_integer_of_wrong_type_is_flagged),
    GCH_TEST(test_long_fractional_number_is_not_integer_rather_than_overflow),
    GCH_TEST(test_uri_longer_than_its_buffer_is_flagged_not_truncated), GCH_TEST(test_uri_of_exactly_the_limit_fits),
    GCH_TEST(test_whitespace_after_the_end_is_accepted), GCH_TEST(test_duplicate_entities_member_is_an_error),
    GCH_TEST(test_duplicate_envelope_member_is_an_error), GCH_TEST(test_entities_that_is_not_an_array_is_a_type_error),
    GCH_TEST(test_entity_that_is_not_an_object_is_a_type_error),
    GCH_TEST(test_document_that_is_not_an_object_is_a_type_error),
    GCH_TEST(test_malformed_pages_are_errors_whole_and_byte_by_byte), GCH_TEST(test_nul_byte_in_a_page_is_an_error),
    GCH_TEST(test_nesting_deeper_than_the_bound_is_an_error), GCH_TEST(test_nesting_up_to_the_bound_is_accepted),
    GCH_TEST(test_errors_are_sticky), GCH_TEST(test_after_end_feed_keeps_reporting_end),
    GCH_TEST(test_zero_capacity_buffer_reports_every_entity_too_large))
