/*
 * test_json_path.c - validated tokenizing and lookups by path over jsmn tokens.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gch_json_fixtures.h"
#include "gch_test.h"
#include "json/gch_json_path.h"

static jsmntok_t pool[2048];
static gch_json_doc_t doc;

static gch_status_t parse(const char *json)
{
    return gch_json_doc_parse(&doc, json, strlen(json), pool, sizeof pool / sizeof pool[0]);
}

#define ACTION                                                                                                         \
    "{\"id\":\"a1\",\"name\":\"Count Recent Calls From Number\",\"version\":3,\"config\":" FIX_CONFIG_CRLF             \
    ",\"contract\":" FIX_CONTRACT_UTF8 ",\"secure\":false,\"note\":null}"

static void test_real_action_parses_and_finds_nested_members(void)
{
    int t;
    static char buf[2048];
    size_t n;
    GCH_CHECK_EQ_INT(parse(ACTION), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_find(&doc, 0, "config.request.requestType", &t), GCH_OK);
    GCH_CHECK(gch_json_str_eq(&doc, t, "POST"));
    GCH_CHECK_EQ_INT(gch_json_find(&doc, 0, "config.request.requestTemplate", &t), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_get_string(&doc, t, buf, sizeof buf, &n), GCH_OK);
    static const char head[] = "{\r\n \"interval\": \"${input.intervalStart}/${input.intervalEnd}\",\r\n";
    GCH_CHECK(memcmp(buf, head, sizeof head - 1) == 0);
    GCH_CHECK_EQ_INT(strlen(buf), n);
}

static void test_missing_member_is_reported_as_missing(void)
{
    int t = 5;
    GCH_CHECK_EQ_INT(parse(ACTION), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_find(&doc, 0, "config.timeoutSeconds", &t), GCH_ERR_JSON_MISSING);
    GCH_CHECK_EQ_INT(t, -1);
}

static void test_path_through_a_non_object_is_a_type_error(void)
{
    int t;
    GCH_CHECK_EQ_INT(parse(ACTION), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_find(&doc, 0, "version.x", &t), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_find(&doc, 0, "name.x", &t), GCH_ERR_JSON_TYPE);
}

static void test_lookup_skips_sibling_subtrees_with_look_alike_keys(void)
{
    int t;
    int64_t v;
    GCH_CHECK_EQ_INT(parse("{\"a\":{\"timeoutSeconds\":1,\"b\":[{\"timeoutSeconds\":2}]},"
                           "\"timeoutSeconds\":{\"x\":\"timeoutSeconds\"},\"config\":{\"c\":[[],{}],"
                           "\"timeoutSeconds\":7}}"),
                     GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_find(&doc, 0, "config.timeoutSeconds", &t), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, t, &v), GCH_OK);
    GCH_CHECK_EQ_INT(v, 7);
}

static void test_escaped_key_matches_its_decoded_name(void)
{
    int t;
    GCH_CHECK_EQ_INT(parse("{\"Get\\u0043ustomerOrder\":\"Get\\u0043ustomerOrder\"}"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_member(&doc, 0, "GetCustomerOrder", &t), GCH_OK);
    GCH_CHECK(gch_json_str_eq(&doc, t, "GetCustomerOrder"));
    GCH_CHECK(!gch_json_str_eq(&doc, t, "GetCustomerOrde"));
    GCH_CHECK(!gch_json_str_eq(&doc, t, "Get\\u0043ustomerOrder"));
}

static void test_duplicate_key_on_the_path_is_refused(void)
{
    int t;
    GCH_CHECK_EQ_INT(parse("{\"config\":{\"timeoutSeconds\":3,\"x\":1,\"timeoutSeconds\":60}}"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_find(&doc, 0, "config.timeoutSeconds", &t), GCH_ERR_JSON_DUPLICATE);
}

static void test_duplicate_key_hidden_by_an_escape_is_refused(void)
{
    int t;
    GCH_CHECK_EQ_INT(parse("{\"config\":{},\"con\\u0066ig\":{}}"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_member(&doc, 0, "config", &t), GCH_ERR_JSON_DUPLICATE);
}

static void test_duplicate_key_off_the_path_is_ignored(void)
{
    int t;
    GCH_CHECK_EQ_INT(parse("{\"x\":1,\"x\":2,\"config\":{\"y\":[1],\"y\":2,\"timeoutSeconds\":5}}"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_find(&doc, 0, "config.timeoutSeconds", &t), GCH_OK);
}

/* jsmn accepts these; the validated parse must not. */
static void test_jsmn_holes_are_syntax_errors(void)
{
    static const char *const bad[] = {
        "{\"a\"}",
        "{\"a\":1,}",
        "{}{}",
        "[1 2]",
        "{\"a\":1 \"b\":2}",
        "[tru]",
        "[01]",
        "[-]",
        "{\"a\":nul}",
        "[1,]",
        "[,1]",
        "{,}",
        "{\"a\"::1}",
        "{\"a\":1:2}",
        "[\"a\":1]",
        "{\"a\":\"x\ny\"}",
        "{\"a\":[}",
        "{\"a\":{]}",
        "[\"\\u00g0\"]",
        "{\"a\":1}}",
        "[]]",
        "{\"a\":.1}",
        "[1.e5]",
        "[--1]",
        "[\"\\a\"]",
        " ",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gch_status_t st = parse(bad[i]);
        if (st != GCH_ERR_JSON_SYNTAX)
            fprintf(stderr, "  accepted: %s\n", bad[i]);
        GCH_CHECK_EQ_INT(st, GCH_ERR_JSON_SYNTAX);
    }
}

static void test_nul_byte_is_an_error_not_an_early_end(void)
{
    static const char j[] = "{\"a\":1}\0garbage";
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&doc, j, sizeof j - 1, pool, 64), GCH_ERR_JSON_SYNTAX);
}

static void test_top_level_scalar_is_a_type_error(void)
{
    GCH_CHECK_EQ_INT(parse("42"), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(parse(" \"x\" "), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(parse("null"), GCH_ERR_JSON_TYPE);
}

static void test_top_level_array_parses(void)
{
    GCH_CHECK_EQ_INT(parse(" [1,{\"a\":[]}] "), GCH_OK);
    GCH_CHECK_EQ_INT(doc.count, 5);
    GCH_CHECK_EQ_INT(gch_json_skip(&doc, 0), 5);
    GCH_CHECK_EQ_INT(gch_json_skip(&doc, 2), 5);
}

static void test_count_mode_sizes_the_pool_exactly(void)
{
    size_t need = 0;
    GCH_CHECK_EQ_INT(gch_json_doc_count(ACTION, strlen(ACTION), &need), GCH_OK);
    GCH_CHECK(need > 50);
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&doc, ACTION, strlen(ACTION), pool, need), GCH_OK);
    GCH_CHECK_EQ_INT(doc.count, need);
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&doc, ACTION, strlen(ACTION), pool, need - 1), GCH_ERR_JSON_TOKENS);
}

static void test_count_mode_rejects_invalid_json(void)
{
    size_t need = 9;
    GCH_CHECK_EQ_INT(gch_json_doc_count("{\"a\":1,}", 8, &need), GCH_ERR_JSON_SYNTAX);
    GCH_CHECK_EQ_INT(need, 0);
}

static void test_document_over_int_max_is_too_large(void)
{
    /* The length is checked before a byte is read. */
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&doc, "{}", (size_t)INT_MAX + 1u, pool, 8), GCH_ERR_TOO_LARGE);
}

static void test_too_deep_document_is_refused(void)
{
    static char j[GCH_JSON_MAX_DEPTH * 2 + 4];
    for (unsigned i = 0; i <= GCH_JSON_MAX_DEPTH; i++) {
        j[i] = '[';
        j[2 * GCH_JSON_MAX_DEPTH + 1 - i] = ']';
    }
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&doc, j, 2 * GCH_JSON_MAX_DEPTH + 2, pool, 2048), GCH_ERR_JSON_TOO_DEEP);
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&doc, j + 1, 2 * GCH_JSON_MAX_DEPTH, pool, 2048), GCH_OK);
}

static void test_integer_getter_accepts_only_json_integers(void)
{
    int64_t v;
    GCH_CHECK_EQ_INT(parse("[3,3.5,1e2,\"3\",true,1.0,-0,9223372036854775807,-9223372036854775808,"
                           "9223372036854775808,-9223372036854775809,null,-12]"),
                     GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 1, &v), GCH_OK);
    GCH_CHECK_EQ_INT(v, 3);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 2, &v), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 3, &v), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 4, &v), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 5, &v), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 6, &v), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 7, &v), GCH_OK);
    GCH_CHECK_EQ_INT(v, 0);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 8, &v), GCH_OK);
    GCH_CHECK(v == INT64_MAX);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 9, &v), GCH_OK);
    GCH_CHECK(v == INT64_MIN);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 10, &v), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 11, &v), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 12, &v), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 13, &v), GCH_OK);
    GCH_CHECK_EQ_INT(v, -12);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, 99, &v), GCH_ERR_JSON_TYPE);
}

static void test_bool_and_null_getters(void)
{
    bool b = false;
    GCH_CHECK_EQ_INT(parse("[true,false,null,0,\"true\"]"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_get_bool(&doc, 1, &b), GCH_OK);
    GCH_CHECK(b);
    GCH_CHECK_EQ_INT(gch_json_get_bool(&doc, 2, &b), GCH_OK);
    GCH_CHECK(!b);
    GCH_CHECK_EQ_INT(gch_json_get_bool(&doc, 3, &b), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_get_bool(&doc, 5, &b), GCH_ERR_JSON_TYPE);
    GCH_CHECK(gch_json_is_null(&doc, 3));
    GCH_CHECK(!gch_json_is_null(&doc, 4));
    GCH_CHECK(!gch_json_is_null(&doc, 5));
}

static void test_string_getter_decodes_every_escape_to_utf8(void)
{
    char buf[64];
    size_t n;
    GCH_CHECK_EQ_INT(parse("[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u2019\\ud83d\\ude00\\u0041\"]"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_get_string(&doc, 1, buf, sizeof buf, &n), GCH_OK);
    GCH_CHECK_STR(buf, n, "a\"b\\c/d\b\f\n\r\t\303\251\342\200\231\360\237\230\200A");
}

static void test_string_getter_keeps_raw_utf8(void)
{
    char buf[64];
    size_t n;
    GCH_CHECK_EQ_INT(parse("{\"d\":\"user\342\200\231s\"}"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_get_string(&doc, 2, buf, sizeof buf, &n), GCH_OK);
    GCH_CHECK_STR(buf, n, "user\342\200\231s");
}

static void test_string_getter_refuses_lone_surrogates(void)
{
    char buf[64];
    size_t n;
    GCH_CHECK_EQ_INT(parse("[\"\\ud83d\",\"\\ude00\",\"\\ud83d\\u0041\",\"\\ud83dx\"]"), GCH_OK);
    for (int t = 1; t <= 4; t++)
        GCH_CHECK_EQ_INT(gch_json_get_string(&doc, t, buf, sizeof buf, &n), GCH_ERR_JSON_SYNTAX);
}

static void test_string_getter_needs_room_for_the_nul(void)
{
    char buf[4];
    size_t n = 9;
    GCH_CHECK_EQ_INT(parse("[\"abcd\",\"abc\"]"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_get_string(&doc, 1, buf, sizeof buf, &n), GCH_ERR_NOSPACE);
    GCH_CHECK_EQ_INT(n, 0);
    GCH_CHECK(buf[0] == '\0');
    GCH_CHECK_EQ_INT(gch_json_get_string(&doc, 2, buf, sizeof buf, &n), GCH_OK);
    GCH_CHECK(strcmp(buf, "abc") == 0);
}

static void test_string_getters_refuse_non_strings(void)
{
    char buf[8];
    size_t n;
    const char *raw;
    GCH_CHECK_EQ_INT(parse("[1,{}]"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_get_string(&doc, 1, buf, sizeof buf, &n), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_get_raw(&doc, 2, &raw, &n), GCH_ERR_JSON_TYPE);
    GCH_CHECK(!gch_json_str_eq(&doc, 1, "1"));
}

static void test_raw_getter_points_into_the_document(void)
{
    const char *raw;
    size_t n;
    GCH_CHECK_EQ_INT(parse("{\"k\":\"a\\nb\"}"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_get_raw(&doc, 2, &raw, &n), GCH_OK);
    GCH_CHECK_STR(raw, n, "a\\nb");
    GCH_CHECK(raw == doc.json + 6);
}

static void test_span_includes_string_quotes(void)
{
    size_t s, e;
    GCH_CHECK_EQ_INT(parse("{\"k\": \"v\" , \"o\":{ } }"), GCH_OK);
    gch_json_span(&doc, 2, &s, &e);
    GCH_CHECK_STR(doc.json + s, e - s, "\"v\"");
    gch_json_span(&doc, 4, &s, &e);
    GCH_CHECK_STR(doc.json + s, e - s, "{ }");
}

static void test_member_of_a_non_object_is_a_type_error(void)
{
    int t;
    GCH_CHECK_EQ_INT(parse("[{\"a\":1}]"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_member(&doc, 0, "a", &t), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(gch_json_member(&doc, 1, "a", &t), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_member(&doc, 7, "a", &t), GCH_ERR_JSON_TYPE);
}

static void test_whitespace_and_crlf_between_tokens_are_fine(void)
{
    int t;
    int64_t v;
    GCH_CHECK_EQ_INT(parse("\r\n{\r\n\t\"config\" :\r\n {\"timeoutSeconds\"\t:\t 8 \r\n}\r\n}\r\n"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_find(&doc, 0, "config.timeoutSeconds", &t), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_get_i64(&doc, t, &v), GCH_OK);
    GCH_CHECK_EQ_INT(v, 8);
}

GCH_TEST_MAIN(GCH_TEST(test_real_action_parses_and_finds_nested_members),
              GCH_TEST(test_missing_member_is_reported_as_missing),
              GCH_TEST(test_path_through_a_non_object_is_a_type_error),
              GCH_TEST(test_lookup_skips_sibling_subtrees_with_look_alike_keys),
              GCH_TEST(test_escaped_key_matches_its_decoded_name), GCH_TEST(test_duplicate_key_on_the_path_is_refused),
              GCH_TEST(test_duplicate_key_hidden_by_an_escape_is_refused),
              GCH_TEST(test_duplicate_key_off_the_path_is_ignored), GCH_TEST(test_jsmn_holes_are_syntax_errors),
              GCH_TEST(test_nul_byte_is_an_error_not_an_early_end), GCH_TEST(test_top_level_scalar_is_a_type_error),
              GCH_TEST(test_top_level_array_parses), GCH_TEST(test_count_mode_sizes_the_pool_exactly),
              GCH_TEST(test_count_mode_rejects_invalid_json), GCH_TEST(test_document_over_int_max_is_too_large),
              GCH_TEST(test_too_deep_document_is_refused), GCH_TEST(test_integer_getter_accepts_only_json_integers),
              GCH_TEST(test_bool_and_null_getters), GCH_TEST(test_string_getter_decodes_every_escape_to_utf8),
              GCH_TEST(test_string_getter_keeps_raw_utf8), GCH_TEST(test_string_getter_refuses_lone_surrogates),
              GCH_TEST(test_string_getter_needs_room_for_the_nul), GCH_TEST(test_string_getters_refuse_non_strings),
              GCH_TEST(test_raw_getter_points_into_the_document), GCH_TEST(test_span_includes_string_quotes),
              GCH_TEST(test_member_of_a_non_object_is_a_type_error),
              GCH_TEST(test_whitespace_and_crlf_between_tokens_are_fine))
