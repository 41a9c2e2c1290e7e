/*
 * test_json_str.c - JSON string decode/compare/escape and integer text, and the
 * strict scanner's events underneath the splitter and the path lookups.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/gch_buf.h"
#include "base/gch_wipe.h"
#include "gch_test.h"
#include "json/gch_json_scan.h"
#include "json/gch_json_str.h"

static char out[1024];
static size_t out_len;

static void test_unescape_decodes_in_place(void)
{
    char s[] = "a\\nb\\u00e9\\ud83d\\ude00\\/";
    GCH_CHECK_EQ_INT(gch_json_unescape(s, strlen(s), s, sizeof s, &out_len), GCH_OK);
    GCH_CHECK_STR(s, out_len, "a\nb\303\251\360\237\230\200/");
}

static void test_unescape_refuses_malformed_escapes(void)
{
    static const char *const bad[] = { "\\",      "a\\",     "\\x",        "\\u12",          "\\u12g4",
                                       "\\ud800", "\\udc00", "\\ud800\\n", "\\ud800\\u0041", "tab\there",
                                       "\\U0041" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        GCH_CHECK_EQ_INT(gch_json_unescape(bad[i], strlen(bad[i]), out, sizeof out, &out_len), GCH_ERR_JSON_SYNTAX);
}

static void test_unescape_reports_nospace(void)
{
    GCH_CHECK_EQ_INT(gch_json_unescape("abcd", 4, out, 3, &out_len), GCH_ERR_NOSPACE);
    GCH_CHECK_EQ_INT(gch_json_unescape("ab\\u00e9", 8, out, 3, &out_len), GCH_ERR_NOSPACE);
    GCH_CHECK_EQ_INT(gch_json_unescape("ab\\u00e9", 8, out, 4, &out_len), GCH_OK);
}

static void test_unescape_prefix_cuts_only_between_characters(void)
{
    bool cut;
    GCH_CHECK_EQ_INT(gch_json_unescape_prefix("a\342\200\231b", 5, out, 3, &out_len, &cut), GCH_OK);
    GCH_CHECK(cut);
    GCH_CHECK_STR(out, out_len, "a");
    GCH_CHECK_EQ_INT(gch_json_unescape_prefix("ab\\u2019", 8, out, 4, &out_len, &cut), GCH_OK);
    GCH_CHECK(cut);
    GCH_CHECK_STR(out, out_len, "ab");
    GCH_CHECK_EQ_INT(gch_json_unescape_prefix("abc", 3, out, 3, &out_len, &cut), GCH_OK);
    GCH_CHECK(!cut);
}

static void test_raw_compare_decodes_both_sides(void)
{
    GCH_CHECK(gch_json_raw_eq("Get\\u0043ustomerOrder", 21, "GetCustomerOrder", 16));
    GCH_CHECK(!gch_json_raw_eq("Get\\u0043ustomerOrder", 21, "GetCustomerOrderX", 17));
    GCH_CHECK(!gch_json_raw_eq("ab", 2, "abc", 3));
    GCH_CHECK(!gch_json_raw_eq("a\\x", 3, "a\\x", 3));
    GCH_CHECK(gch_json_raw_eq_raw("\\u0041\\/", 8, "A/", 2));
    GCH_CHECK(gch_json_raw_eq_raw("\\ud83d\\ude00", 12, "\360\237\230\200", 4));
    GCH_CHECK(!gch_json_raw_eq_raw("A", 1, "AB", 2));
    GCH_CHECK(!gch_json_raw_eq_raw("\\q", 2, "\\q", 2));
}

static void test_escape_round_trips_every_byte_value(void)
{
    char text[256], enc[2048];
    gch_buf_t b;
    for (int i = 0; i < 256; i++)
        text[i] = (char)i;
    gch_buf_init(&b, enc, sizeof enc);
    GCH_CHECK_EQ_INT(gch_json_escape(text, sizeof text, gch_json_sink_buf, &b), GCH_OK);
    /* The encoding is valid JSON string content... */
    for (size_t i = 0; i < b.len; i++)
        GCH_CHECK((unsigned char)enc[i] >= 0x20);
    GCH_CHECK_EQ_INT(gch_json_unescape(enc, b.len, out, sizeof out, &out_len), GCH_OK);
    /* ...that decodes to the very same bytes. */
    GCH_CHECK_MEM(out, out_len, text, sizeof text);
}

static void test_escape_uses_short_forms_and_passes_utf8_through(void)
{
    gch_buf_t b;
    gch_buf_init(&b, out, sizeof out);
    GCH_CHECK_EQ_INT(gch_json_escape("\"\\\r\n\t\b\f\x01/\303\251", 11, gch_json_sink_buf, &b), GCH_OK);
    GCH_CHECK_STR(out, b.len, "\\\"\\\\\\r\\n\\t\\b\\f\\u0001/\303\251");
}

static void test_integer_text_parsing(void)
{
    int64_t v = 0;
    GCH_CHECK_EQ_INT(gch_json_parse_int("0", 1, &v), GCH_JSON_INT_OK);
    GCH_CHECK_EQ_INT(gch_json_parse_int("-0", 2, &v), GCH_JSON_INT_OK);
    GCH_CHECK_EQ_INT(gch_json_parse_int("60", 2, &v), GCH_JSON_INT_OK);
    GCH_CHECK_EQ_INT(v, 60);
    GCH_CHECK_EQ_INT(gch_json_parse_int("9223372036854775807", 19, &v), GCH_JSON_INT_OK);
    GCH_CHECK(v == INT64_MAX);
    GCH_CHECK_EQ_INT(gch_json_parse_int("-9223372036854775808", 20, &v), GCH_JSON_INT_OK);
    GCH_CHECK(v == INT64_MIN);
    GCH_CHECK_EQ_INT(gch_json_parse_int("9223372036854775808", 19, &v), GCH_JSON_INT_OVERFLOW);
    GCH_CHECK_EQ_INT(gch_json_parse_int("99999999999999999999999", 23, &v), GCH_JSON_INT_OVERFLOW);
    static const char *const not_int[] = { "", "-", "01", "1.0", "1e2", "1E2", "3.5", " 1", "+1", "0x1", "1-" };
    for (size_t i = 0; i < sizeof not_int / sizeof not_int[0]; i++)
        GCH_CHECK_EQ_INT(gch_json_parse_int(not_int[i], strlen(not_int[i]), &v), GCH_JSON_INT_NOT_INTEGER);
}

static void test_zeroize_clears_every_byte(void)
{
    char s[9] = "secret!!";
    gch_wipe(s, sizeof s);
    for (size_t i = 0; i < sizeof s; i++)
        GCH_CHECK(s[i] == 0);
}

/* ---- scanner ------------------------------------------------------------------------ */

static void test_validate_accepts_valid_json_of_every_shape(void)
{
    static const char *const good[] = {
        "{}",
        "[]",
        " {\"a\":[1,-2.5e+3,0.0,1E-2,true,false,null,\"\"]} ",
        "0",
        "-0",
        "\"x\"",
        "null",
        "[[[]]]",
        "{\"\":{\"\":{}}}",
        "[\"\\u0000\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
        "\r\n\t [ 1 , 2 ] \r\n",
        "123456789012345678901234567890",
        "[\"\342\200\231\"]",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        GCH_CHECK_EQ_INT(gch_json_validate(good[i], strlen(good[i])), GCH_OK);
}

static void test_scanner_reports_only_shallow_events_with_positions(void)
{
    const char *j = "{\"a\":[1,{\"deep\":2}],\"b\":12}";
    gch_json_scan_t sc;
    gch_json_scan_ev_t ev;
    size_t used, pos = 0, n = 0;
    char log[256];
    size_t ll = 0;
    gch_json_scan_init(&sc, 1);
    while (pos < strlen(j)) {
        GCH_CHECK_EQ_INT(gch_json_scan_next(&sc, j + pos, strlen(j) - pos, &used, &ev), GCH_OK);
        pos += used;
        if (ev.event == GCH_JSON_SCAN_MORE)
            continue;
        /* B/E, k for keys, depth, then the offset of the event. */
        ll += (size_t)snprintf(log + ll, sizeof log - ll, "%c%s%u@%zu ", ev.event == GCH_JSON_SCAN_BEGIN ? 'B' : 'E',
                               ev.is_key ? "k" : "", ev.depth, ev.event == GCH_JSON_SCAN_BEGIN ? pos - 1 : pos);
        n++;
    }
    GCH_CHECK(gch_json_scan_done(&sc));
    GCH_CHECK(strcmp(log, "B0@0 Bk1@1 Ek1@4 B1@5 E1@19 Bk1@20 Ek1@23 B1@24 E1@26 E0@27 ") == 0);
}

static void test_number_end_at_a_slice_boundary_is_reported_next_call(void)
{
    gch_json_scan_t sc;
    gch_json_scan_ev_t ev;
    size_t used;
    gch_json_scan_init(&sc, 1);
    GCH_CHECK_EQ_INT(gch_json_scan_next(&sc, "[1", 2, &used, &ev), GCH_OK); /* BEGIN [ */
    GCH_CHECK_EQ_INT(gch_json_scan_next(&sc, "1", 1, &used, &ev), GCH_OK);  /* BEGIN 1 */
    GCH_CHECK_EQ_INT(ev.event, GCH_JSON_SCAN_BEGIN);
    GCH_CHECK_EQ_INT(gch_json_scan_next(&sc, "2", 1, &used, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(ev.event, GCH_JSON_SCAN_MORE);
    GCH_CHECK_EQ_INT(gch_json_scan_next(&sc, "]", 1, &used, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(ev.event, GCH_JSON_SCAN_END);
    GCH_CHECK_EQ_INT(ev.type, GCH_JSON_NUMBER);
    GCH_CHECK_EQ_INT(used, 0);
}

static void test_top_level_number_ends_at_finish(void)
{
    gch_json_scan_t sc;
    gch_json_scan_ev_t ev;
    size_t used;
    gch_json_scan_init(&sc, 0);
    GCH_CHECK_EQ_INT(gch_json_scan_next(&sc, "42", 2, &used, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_scan_next(&sc, "", 0, &used, &ev), GCH_OK);
    GCH_CHECK(!gch_json_scan_done(&sc));
    GCH_CHECK_EQ_INT(gch_json_scan_finish(&sc, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(ev.event, GCH_JSON_SCAN_END);
    GCH_CHECK(gch_json_scan_done(&sc));
}

static void test_truncated_documents_fail_at_finish(void)
{
    static const char *const cut[] = { "{", "[1,", "\"abc", "\"a\\", "tru", "-", "1.", "1e+", "{\"a\":1" };
    for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++)
        GCH_CHECK_EQ_INT(gch_json_validate(cut[i], strlen(cut[i])), GCH_ERR_JSON_SYNTAX);
}

static void test_scanner_error_points_at_the_offending_byte(void)
{
    gch_json_scan_t sc;
    gch_json_scan_ev_t ev;
    size_t used;
    gch_json_scan_init(&sc, 0);
    GCH_CHECK_EQ_INT(gch_json_scan_next(&sc, "{", 1, &used, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(gch_json_scan_next(&sc, "\"ab\":[1,]", 9, &used, &ev), GCH_ERR_JSON_SYNTAX);
    GCH_CHECK_EQ_INT(used, 8);
}

GCH_TEST_MAIN(GCH_TEST(test_unescape_decodes_in_place), GCH_TEST(test_unescape_refuses_malformed_escapes),
              GCH_TEST(test_unescape_reports_nospace), GCH_TEST(test_unescape_prefix_cuts_only_between_characters),
              GCH_TEST(test_raw_compare_decodes_both_sides), GCH_TEST(test_escape_round_trips_every_byte_value),
              GCH_TEST(test_escape_uses_short_forms_and_passes_utf8_through), GCH_TEST(test_integer_text_parsing),
              GCH_TEST(test_zeroize_clears_every_byte), GCH_TEST(test_validate_accepts_valid_json_of_every_shape),
              GCH_TEST(test_scanner_reports_only_shallow_events_with_positions),
              GCH_TEST(test_number_end_at_a_slice_boundary_is_reported_next_call),
              GCH_TEST(test_top_level_number_ends_at_finish), GCH_TEST(test_truncated_documents_fail_at_finish),
              GCH_TEST(test_scanner_error_points_at_the_offending_byte))
