/*
 * test_action_patch.c - the in-place PATCH body builder, its template helpers and
 * the post-PATCH verification.
 *
 * Besides exact expected bodies, every built body is checked against the
 * property the fuzzer will check: it parses as JSON, and member by member it
 * differs from the fetched name/category/version/config only in
 * config.timeoutSeconds and the URI -> text template substitution.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "api/gch_action_patch.h"
#include "base/gch_buf.h"
#include "gch_json_fixtures.h"
#include "gch_patch_oracle.h"
#include "gch_test.h"
#include "json/gch_json_str.h"

static jsmntok_t in_pool[4096], out_pool[4096], after_pool[4096];
static gch_json_doc_t in_doc, out_doc, after_doc;
static char out[64 * 1024];
static size_t out_len;

/* Builds the PATCH body for action into `out`. */
static gch_status_t build(const char *action, uint32_t timeout, const gch_template_texts_t *tpl)
{
    gch_buf_t b;
    gch_status_t st;
    out_len = 0;
    st = gch_json_doc_parse(&in_doc, action, strlen(action), in_pool, 4096);
    if (st != GCH_OK)
        return st;
    gch_buf_init(&b, out, sizeof out - 1);
    st = gch_action_patch_body(&in_doc, timeout, tpl, gch_json_sink_buf, &b);
    out_len = b.len;
    out[out_len] = '\0';
    return st;
}

#define EXPECT_BODY(action, timeout, body)                                                                             \
    do {                                                                                                               \
        GCH_CHECK_EQ_INT(build(action, timeout, NULL), GCH_OK);                                                        \
        GCH_CHECK_STR(out, out_len, body);                                                                             \
    } while (0)

/* ---- the property ------------------------------------------------------------------- */

static bool spans_equal(const gch_json_doc_t *a, int ta, const gch_json_doc_t *b, int tb)
{
    size_t as, ae, bs, be;
    gch_json_span(a, ta, &as, &ae);
    gch_json_span(b, tb, &bs, &be);
    return ae - as == be - bs && memcmp(a->json + as, b->json + bs, ae - as) == 0;
}

static bool key_is(const gch_json_doc_t *d, int k, const char *name)
{
    return gch_json_str_eq(d, k, name);
}

/* One section (request/response): equal member by member, except the URI
 * member which must have become the inline template carrying text. */
static bool section_ok(int si, int so, const char *uri_key, const char *inl_key, const char *text, size_t text_len)
{
    int ki = si + 1, ko = so + 1;
    if (in_doc.tok[si].size != out_doc.tok[so].size)
        return false;
    for (int n = 0; n < in_doc.tok[si].size; n++) {
        if (text && key_is(&in_doc, ki, uri_key)) {
            const char *raw;
            size_t len;
            if (!key_is(&out_doc, ko, inl_key) || gch_json_get_raw(&out_doc, ko + 1, &raw, &len) != GCH_OK ||
                !gch_json_raw_eq(raw, len, text, text_len))
                return false;
        } else if (!spans_equal(&in_doc, ki, &out_doc, ko) || !spans_equal(&in_doc, ki + 1, &out_doc, ko + 1)) {
            return false;
        }
        ki = gch_json_skip(&in_doc, ki + 1);
        ko = gch_json_skip(&out_doc, ko + 1);
    }
    return true;
}

static bool config_ok(int ci, int co, uint32_t timeout, const gch_template_texts_t *tpl)
{
    int ki = ci + 1, ko = co + 1, t;
    int64_t v;
    if (gch_json_member(&in_doc, ci, "timeoutSeconds", &t) == GCH_ERR_JSON_MISSING) {
        /* Inserted first. */
        if (!key_is(&out_doc, ko, "timeoutSeconds") || gch_json_get_i64(&out_doc, ko + 1, &v) != GCH_OK ||
            v != timeout || out_doc.tok[co].size != in_doc.tok[ci].size + 1)
            return false;
        ko = gch_json_skip(&out_doc, ko + 1);
    } else if (out_doc.tok[co].size != in_doc.tok[ci].size) {
        return false;
    }
    for (int n = 0; n < in_doc.tok[ci].size; n++) {
        bool ok;
        if (!spans_equal(&in_doc, ki, &out_doc, ko))
            return false;
        if (key_is(&in_doc, ki, "timeoutSeconds"))
            ok = gch_json_get_i64(&out_doc, ko + 1, &v) == GCH_OK && v == timeout;
        else if (tpl && tpl->request && key_is(&in_doc, ki, "request"))
            ok = section_ok(ki + 1, ko + 1, "requestTemplateUri", "requestTemplate", tpl->request, tpl->request_len);
        else if (tpl && tpl->success && key_is(&in_doc, ki, "response"))
            ok = section_ok(ki + 1, ko + 1, "successTemplateUri", "successTemplate", tpl->success, tpl->success_len);
        else
            ok = spans_equal(&in_doc, ki + 1, &out_doc, ko + 1);
        if (!ok)
            return false;
        ki = gch_json_skip(&in_doc, ki + 1);
        ko = gch_json_skip(&out_doc, ko + 1);
    }
    return true;
}

static bool property_holds(uint32_t timeout, const gch_template_texts_t *tpl)
{
    int in_t, out_t, n = 3;
    int64_t vi, vo;
    if (gch_json_doc_parse(&out_doc, out, out_len, out_pool, 4096) != GCH_OK)
        return false;
    if (gch_json_member(&in_doc, 0, "category", &in_t) == GCH_OK) {
        n = 4;
        if (gch_json_member(&out_doc, 0, "category", &out_t) != GCH_OK || !spans_equal(&in_doc, in_t, &out_doc, out_t))
            return false;
    }
    if (out_doc.tok[0].size != n)
        return false;
    if (gch_json_member(&in_doc, 0, "name", &in_t) != GCH_OK ||
        gch_json_member(&out_doc, 0, "name", &out_t) != GCH_OK || !spans_equal(&in_doc, in_t, &out_doc, out_t))
        return false;
    if (gch_json_member(&in_doc, 0, "version", &in_t) != GCH_OK ||
        gch_json_member(&out_doc, 0, "version", &out_t) != GCH_OK || gch_json_get_i64(&in_doc, in_t, &vi) != GCH_OK ||
        gch_json_get_i64(&out_doc, out_t, &vo) != GCH_OK || vi != vo)
        return false;
    if (gch_json_member(&in_doc, 0, "config", &in_t) != GCH_OK ||
        gch_json_member(&out_doc, 0, "config", &out_t) != GCH_OK)
        return false;
    return config_ok(in_t, out_t, timeout, tpl);
}

/* ---- actions ------------------------------------------------------------------------ */

#define HEAD                                                                                                           \
    "{\"id\":\"a1\",\"name\":\"User\\u2019s \\\"x\\\"\",\"category\":\"Caf\303\251\",\"integrationId\":\"i1\","        \
    "\"version\":3,\"secure\":false,\"config\":"
#define TAIL ",\"selfUri\":\"/api/v2/integrations/actions/a1\"}"
#define BODY_HEAD "{\"name\":\"User\\u2019s \\\"x\\\"\",\"category\":\"Caf\303\251\",\"version\":3,\"config\":"

static void test_timeout_value_is_replaced_in_place(void)
{
    EXPECT_BODY(HEAD "{\"request\":{},\"timeoutSeconds\":3,\"response\":{}}" TAIL, 30,
                BODY_HEAD "{\"request\":{},\"timeoutSeconds\":30,\"response\":{}}}");
}

static void test_timeout_as_first_and_last_member_with_whitespace_around(void)
{
    EXPECT_BODY(HEAD "{ \"timeoutSeconds\" :\r\n 3 ,\n \"a\":1}" TAIL, 45,
                BODY_HEAD "{ \"timeoutSeconds\" :\r\n 45 ,\n \"a\":1}}");
    EXPECT_BODY(HEAD "{\"a\":[1,2],\n\t\"timeoutSeconds\"\t:\t3\r\n}" TAIL, 9,
                BODY_HEAD "{\"a\":[1,2],\n\t\"timeoutSeconds\"\t:\t9\r\n}}");
}

static void test_timeout_of_another_type_is_replaced_whole(void)
{
    EXPECT_BODY(HEAD "{\"timeoutSeconds\":\"3\"}" TAIL, 10, BODY_HEAD "{\"timeoutSeconds\":10}}");
    EXPECT_BODY(HEAD "{\"timeoutSeconds\":null}" TAIL, 10, BODY_HEAD "{\"timeoutSeconds\":10}}");
    EXPECT_BODY(HEAD "{\"timeoutSeconds\":2.5e0}" TAIL, 10, BODY_HEAD "{\"timeoutSeconds\":10}}");
}

static void test_absent_timeout_is_inserted_as_first_member(void)
{
    EXPECT_BODY(HEAD "{\n  \"request\": {\"x\": \"}\"}\n}" TAIL, 60,
                BODY_HEAD "{\"timeoutSeconds\":60,\n  \"request\": {\"x\": \"}\"}\n}}");
}

static void test_absent_timeout_in_empty_config_is_the_only_member(void)
{
    EXPECT_BODY(HEAD "{}" TAIL, 5, BODY_HEAD "{\"timeoutSeconds\":5}}");
    EXPECT_BODY(HEAD "{ \r\n }" TAIL, 5, BODY_HEAD "{\"timeoutSeconds\":5 \r\n }}");
}

static void test_nested_timeout_is_not_the_config_one(void)
{
    EXPECT_BODY(HEAD "{\"request\":{\"timeoutSeconds\":1}}" TAIL, 20,
                BODY_HEAD "{\"timeoutSeconds\":20,\"request\":{\"timeoutSeconds\":1}}}");
}

static void test_category_is_left_out_only_when_absent(void)
{
    EXPECT_BODY("{\"name\":\"n\",\"version\":0,\"config\":{}}", 1,
                "{\"name\":\"n\",\"version\":0,\"config\":{\"timeoutSeconds\":1}}");
    EXPECT_BODY("{\"category\":null,\"name\":\"n\",\"version\":1,\"config\":{}}", 1,
                "{\"name\":\"n\",\"category\":null,\"version\":1,\"config\":{\"timeoutSeconds\":1}}");
}

static void test_real_configs_keep_every_byte_but_the_timeout(void)
{
    static const char *const actions[] = {
        HEAD FIX_CONFIG_CRLF TAIL,
        HEAD FIX_CONFIG_UTF8 TAIL,
        HEAD FIX_CONFIG_EMPTY_MAPS TAIL,
        HEAD FIX_CONFIG_LARGE TAIL,
    };
    static const char *const configs[] = {
        FIX_CONFIG_CRLF,
        FIX_CONFIG_UTF8,
        FIX_CONFIG_EMPTY_MAPS,
        FIX_CONFIG_LARGE,
    };
    for (size_t i = 0; i < 4; i++) {
        size_t hl = strlen(BODY_HEAD) + 1u + strlen("\"timeoutSeconds\":12,");
        GCH_CHECK_EQ_INT(build(actions[i], 12, NULL), GCH_OK);
        GCH_CHECK(property_holds(12, NULL));
        /* Byte for byte: "{" + inserted member + the rest of the fetched config. */
        GCH_CHECK_STR(out + hl, out_len - hl - 1u, configs[i] + 1);
    }
}

static void test_name_category_and_escapes_are_copied_exactly(void)
{
    GCH_CHECK_EQ_INT(build(HEAD FIX_CONFIG_UTF8 TAIL, 30, NULL), GCH_OK);
    GCH_CHECK(memcmp(out, BODY_HEAD, strlen(BODY_HEAD)) == 0);
}

static void test_missing_members_are_refused(void)
{
    GCH_CHECK_EQ_INT(build("{\"version\":1,\"config\":{}}", 5, NULL), GCH_ERR_JSON_MISSING);
    GCH_CHECK_EQ_INT(build("{\"name\":\"n\",\"config\":{}}", 5, NULL), GCH_ERR_JSON_MISSING);
    GCH_CHECK_EQ_INT(build("{\"name\":\"n\",\"version\":1}", 5, NULL), GCH_ERR_JSON_MISSING);
    GCH_CHECK_EQ_INT(out_len, 0);
}

static void test_wrong_member_types_are_refused(void)
{
    GCH_CHECK_EQ_INT(build("{\"name\":1,\"version\":1,\"config\":{}}", 5, NULL), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(build("{\"name\":\"n\",\"version\":\"1\",\"config\":{}}", 5, NULL), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(build("{\"name\":\"n\",\"version\":-1,\"config\":{}}", 5, NULL), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(build("{\"name\":\"n\",\"version\":1.0,\"config\":{}}", 5, NULL), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(build("{\"name\":\"n\",\"version\":1,\"config\":[]}", 5, NULL), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(build("[{\"name\":\"n\",\"version\":1,\"config\":{}}]", 5, NULL), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(out_len, 0);
}

static void test_duplicate_members_are_refused(void)
{
    GCH_CHECK_EQ_INT(build(HEAD "{\"timeoutSeconds\":3,\"timeoutSeconds\":4}" TAIL, 5, NULL), GCH_ERR_JSON_DUPLICATE);
    GCH_CHECK_EQ_INT(build("{\"name\":\"n\",\"version\":1,\"config\":{},\"config\":{}}", 5, NULL),
                     GCH_ERR_JSON_DUPLICATE);
    GCH_CHECK_EQ_INT(build("{\"name\":\"n\",\"name\":\"m\",\"version\":1,\"config\":{}}", 5, NULL),
                     GCH_ERR_JSON_DUPLICATE);
    GCH_CHECK_EQ_INT(
        build(HEAD "{\"request\":{\"requestTemplateUri\":\"u\",\"requestTemplateUri\":\"v\"}}" TAIL, 5, NULL),
        GCH_ERR_JSON_DUPLICATE);
}

static void test_timeout_out_of_range_is_refused(void)
{
    GCH_CHECK_EQ_INT(build(HEAD "{}" TAIL, GCH_ACTION_TIMEOUT_MAX + 1u, NULL), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(out_len, 0);
}

/* Timeout 0 removes the member and one comma next to it; nothing else moves. */
static void test_timeout_zero_removes_the_member_wherever_it_sits(void)
{
    EXPECT_BODY(HEAD "{\"timeoutSeconds\":5,\"request\":{}}" TAIL, 0, BODY_HEAD "{\"request\":{}}}");
    EXPECT_BODY(HEAD "{\"a\":1, \"timeoutSeconds\" : 5 ,\r\n\"b\":2}" TAIL, 0, BODY_HEAD "{\"a\":1, \r\n\"b\":2}}");
    EXPECT_BODY(HEAD "{\"a\":1 ,\r\n \"timeoutSeconds\":5\r\n}" TAIL, 0, BODY_HEAD "{\"a\":1 \r\n}}");
    EXPECT_BODY(HEAD "{ \"timeoutSeconds\":5 }" TAIL, 0, BODY_HEAD "{  }}");
    EXPECT_BODY(HEAD "{\"a\":1}" TAIL, 0, BODY_HEAD "{\"a\":1}}"); /* absent: as fetched */
}

static void test_a_removal_keeps_the_template_splices(void)
{
    gch_template_texts_t tpl = { "req", 3, NULL, 0 };
    GCH_CHECK_EQ_INT(build(HEAD "{\"timeoutSeconds\":5,\"request\":{\"requestTemplateUri\":\"/u\"}}" TAIL, 0, &tpl),
                     GCH_OK);
    GCH_CHECK_STR(out, out_len, BODY_HEAD "{\"request\":{\"requestTemplate\":\"req\"}}}");
}

/* ---- templates ---------------------------------------------------------------------- */

#define URI_CONFIG                                                                                                     \
    "{\"request\":{\"requestUrlTemplate\":\"/x\",\r\n \"requestTemplateUri\" : "                                       \
    "\"/api/v2/integrations/actions/a1/templates/requesttemplate.vm\",\"requestType\":\"POST\"},"                      \
    "\"response\":{\"translationMap\":{},\"successTemplateUri\":"                                                      \
    "\"/api/v2/integrations/actions/a1/templates/successtemplate.vm\"},\"timeoutSeconds\":2}"

static const char req_text[] =
    "{\r\n  \"name\": \"${input.name}\",\r\n  \"path\": \"C:\\\\temp\\\\x\",\r\n"
    "  \"ctl\": \"\x01\x1f\t\b\f\",\r\n  \"note\": \"caf\303\251 \342\200\231 \360\237\230\200\"\r\n}";
static const char succ_text[] = "${rawResult}";

static void test_uri_only_templates_are_named_for_fetching(void)
{
    bool rq, sc;
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&in_doc, HEAD URI_CONFIG TAIL, strlen(HEAD URI_CONFIG TAIL), in_pool, 4096),
                     GCH_OK);
    GCH_CHECK_EQ_INT(gch_action_templates_needed(&in_doc, &rq, &sc), GCH_OK);
    GCH_CHECK(rq && sc);
}

static void test_inline_or_absent_templates_need_no_fetch(void)
{
    bool rq = true, sc = true;
    GCH_CHECK_EQ_INT(
        gch_json_doc_parse(&in_doc, HEAD FIX_CONFIG_CRLF TAIL, strlen(HEAD FIX_CONFIG_CRLF TAIL), in_pool, 4096),
        GCH_OK);
    GCH_CHECK_EQ_INT(gch_action_templates_needed(&in_doc, &rq, &sc), GCH_OK);
    GCH_CHECK(!rq && !sc);
    /* Both an inline text and a URI: the inline text is what gets sent back. */
    const char *both =
        HEAD "{\"request\":{\"requestTemplate\":\"t\",\"requestTemplateUri\":\"u\"},\"response\":3}" TAIL;
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&in_doc, both, strlen(both), in_pool, 4096), GCH_OK);
    GCH_CHECK_EQ_INT(gch_action_templates_needed(&in_doc, &rq, &sc), GCH_OK);
    GCH_CHECK(!rq && !sc);
}

static void test_uri_members_are_replaced_by_escaped_texts(void)
{
    gch_template_texts_t tpl = { req_text, sizeof req_text - 1, succ_text, sizeof succ_text - 1 };
    GCH_CHECK_EQ_INT(build(HEAD URI_CONFIG TAIL, 30, &tpl), GCH_OK);
    GCH_CHECK_STR(
        out, out_len,
        BODY_HEAD
        "{\"request\":{\"requestUrlTemplate\":\"/x\",\r\n \"requestTemplate\":\""
        "{\\r\\n  \\\"name\\\": \\\"${input.name}\\\",\\r\\n  \\\"path\\\": \\\"C:\\\\\\\\temp\\\\\\\\x\\\",\\r\\n"
        "  \\\"ctl\\\": \\\"\\u0001\\u001f\\t\\b\\f\\\",\\r\\n  \\\"note\\\": \\\"caf\303\251 \342\200\231 "
        "\360\237\230\200\\\"\\r\\n}"
        "\",\"requestType\":\"POST\"},"
        "\"response\":{\"translationMap\":{},\"successTemplate\":\"${rawResult}\"},\"timeoutSeconds\":30}}");
    GCH_CHECK(property_holds(30, &tpl));
}

static void test_only_the_supplied_side_is_substituted(void)
{
    const char *action =
        HEAD "{\"request\":{\"requestTemplateUri\":\"/r\"},\"response\":{\"successTemplate\":\"${rawResult}\"}}" TAIL;
    gch_template_texts_t tpl = { req_text, sizeof req_text - 1, NULL, 0 };
    GCH_CHECK_EQ_INT(build(action, 15, &tpl), GCH_OK);
    GCH_CHECK(property_holds(15, &tpl));
    GCH_CHECK(strstr(out, "\"successTemplate\":\"${rawResult}\"") != NULL);
    GCH_CHECK(strstr(out, "TemplateUri") == NULL);
}

static void test_uri_only_template_without_its_text_is_refused(void)
{
    gch_template_texts_t tpl = { req_text, sizeof req_text - 1, NULL, 0 };
    GCH_CHECK_EQ_INT(build(HEAD URI_CONFIG TAIL, 30, NULL), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(build(HEAD URI_CONFIG TAIL, 30, &tpl), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(out_len, 0);
}

static void test_text_for_an_inline_template_is_refused(void)
{
    gch_template_texts_t tpl = { req_text, sizeof req_text - 1, NULL, 0 };
    GCH_CHECK_EQ_INT(build(HEAD FIX_CONFIG_CRLF TAIL, 30, &tpl), GCH_ERR_ARG);
}

static void test_empty_template_text_is_substituted(void)
{
    gch_template_texts_t tpl = { "", 0, "", 0 };
    GCH_CHECK_EQ_INT(build(HEAD URI_CONFIG TAIL, 30, &tpl), GCH_OK);
    GCH_CHECK(strstr(out, "\"requestTemplate\":\"\",") != NULL);
    GCH_CHECK(property_holds(30, &tpl));
}

/* ---- sinks -------------------------------------------------------------------------- */

static gch_status_t failing_sink(void *ctx, const char *bytes, size_t len)
{
    size_t *calls = ctx;
    (void)bytes;
    (void)len;
    return ++*calls == 3 ? GCH_ERR_NET : GCH_OK;
}

static void test_counting_sink_gives_the_content_length(void)
{
    size_t count = 0;
    gch_template_texts_t tpl = { req_text, sizeof req_text - 1, succ_text, sizeof succ_text - 1 };
    GCH_CHECK_EQ_INT(build(HEAD URI_CONFIG TAIL, 30, &tpl), GCH_OK);
    GCH_CHECK_EQ_INT(gch_action_patch_body(&in_doc, 30, &tpl, gch_json_sink_count, &count), GCH_OK);
    GCH_CHECK_EQ_INT(count, out_len);
}

static void test_sink_failure_stops_the_body(void)
{
    size_t calls = 0;
    GCH_CHECK_EQ_INT(build(HEAD FIX_CONFIG_CRLF TAIL, 30, NULL), GCH_OK);
    GCH_CHECK_EQ_INT(gch_action_patch_body(&in_doc, 30, NULL, failing_sink, &calls), GCH_ERR_NET);
    GCH_CHECK_EQ_INT(calls, 3);
}

static void test_too_small_buffer_sink_reports_nospace(void)
{
    char small[16];
    gch_buf_t b;
    GCH_CHECK_EQ_INT(build(HEAD FIX_CONFIG_CRLF TAIL, 30, NULL), GCH_OK);
    gch_buf_init(&b, small, sizeof small);
    GCH_CHECK_EQ_INT(gch_action_patch_body(&in_doc, 30, NULL, gch_json_sink_buf, &b), GCH_ERR_NOSPACE);
}

static void test_invalid_action_emits_nothing(void)
{
    size_t count = 0;
    static const char action[] = "{\"name\":\"n\",\"version\":-3,\"config\":{}}";
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&in_doc, action, sizeof action - 1, in_pool, 64), GCH_OK);
    GCH_CHECK_EQ_INT(gch_action_patch_body(&in_doc, 30, NULL, gch_json_sink_count, &count), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(count, 0);
}

/* ---- verification ------------------------------------------------------------------- */

static gch_status_t verify(const char *after, uint32_t timeout, const gch_template_texts_t *tpl)
{
    gch_status_t st = gch_json_doc_parse(&after_doc, after, strlen(after), after_pool, 4096);
    return st != GCH_OK ? st : gch_patch_oracle(&in_doc, &after_doc, timeout, tpl);
}

static void test_verify_accepts_the_new_timeout_and_unchanged_templates(void)
{
    GCH_CHECK_EQ_INT(
        gch_json_doc_parse(&in_doc, HEAD FIX_CONFIG_CRLF TAIL, strlen(HEAD FIX_CONFIG_CRLF TAIL), in_pool, 4096),
        GCH_OK);
    GCH_CHECK_EQ_INT(build(HEAD FIX_CONFIG_CRLF TAIL, 30, NULL), GCH_OK);
    GCH_CHECK_EQ_INT(verify(out, 30, NULL), GCH_OK);
}

static void test_verify_compares_templates_by_decoded_text(void)
{
    const char *before = HEAD "{\"request\":{\"requestTemplate\":\"a\\u00e9\\/b\"}}" TAIL;
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&in_doc, before, strlen(before), in_pool, 4096), GCH_OK);
    GCH_CHECK_EQ_INT(
        verify("{\"config\":{\"timeoutSeconds\":7,\"request\":{\"requestTemplate\":\"a\303\251/b\"}}}", 7, NULL),
        GCH_OK);
    GCH_CHECK_EQ_INT(
        verify("{\"config\":{\"timeoutSeconds\":7,\"request\":{\"requestTemplate\":\"${input.rawRequest}\"}}}", 7,
               NULL),
        GCH_ERR_VERIFY);
}

/* Found by fuzz_json_edit (a 10-minute run): a template carrying a lone
 * surrogate escape is copied untouched, and verifying the result must not
 * depend on decoding it. */
static void test_a_template_with_a_lone_surrogate_escape_is_kept_and_verified(void)
{
    const char *before = HEAD "{\"request\":{\"requestTemplate\":\"$x\\uDDDe\"}}" TAIL;
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&in_doc, before, strlen(before), in_pool, 4096), GCH_OK);
    GCH_CHECK_EQ_INT(build(before, 12, NULL), GCH_OK);
    GCH_CHECK(strstr(out, "\"$x\\uDDDe\"") != NULL); /* the bytes as they were */
    GCH_CHECK(property_holds(12, NULL));
    GCH_CHECK_EQ_INT(verify(out, 12, NULL), GCH_OK);
    GCH_CHECK_EQ_INT(
        verify("{\"config\":{\"timeoutSeconds\":12,\"request\":{\"requestTemplate\":\"$x\\uDDDf\"}}}", 12, NULL),
        GCH_ERR_VERIFY);
}

static void test_verify_refuses_a_wrong_or_missing_timeout(void)
{
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&in_doc, HEAD "{}" TAIL, strlen(HEAD "{}" TAIL), in_pool, 4096), GCH_OK);
    GCH_CHECK_EQ_INT(verify("{\"config\":{\"timeoutSeconds\":3}}", 30, NULL), GCH_ERR_VERIFY);
    GCH_CHECK_EQ_INT(verify("{\"config\":{}}", 30, NULL), GCH_ERR_VERIFY);
    GCH_CHECK_EQ_INT(verify("{\"config\":{\"timeoutSeconds\":\"30\"}}", 30, NULL), GCH_ERR_VERIFY);
    GCH_CHECK_EQ_INT(verify("{}", 30, NULL), GCH_ERR_VERIFY);
}

static void test_verify_checks_supplied_texts_against_inline_templates(void)
{
    gch_template_texts_t tpl = { "x\"y", 3, NULL, 0 };
    GCH_CHECK_EQ_INT(gch_json_doc_parse(&in_doc, HEAD URI_CONFIG TAIL, strlen(HEAD URI_CONFIG TAIL), in_pool, 4096),
                     GCH_OK);
    GCH_CHECK_EQ_INT(
        verify("{\"config\":{\"timeoutSeconds\":9,\"request\":{\"requestTemplate\":\"x\\\"y\"}}}", 9, &tpl), GCH_OK);
    GCH_CHECK_EQ_INT(verify("{\"config\":{\"timeoutSeconds\":9,\"request\":{\"requestTemplate\":\"xy\"}}}", 9, &tpl),
                     GCH_ERR_VERIFY);
    /* Back to URI only: nothing to compare without another fetch. */
    GCH_CHECK_EQ_INT(verify("{\"config\":{\"timeoutSeconds\":9,\"request\":{\"requestTemplateUri\":\"/u\"}}}", 9, &tpl),
                     GCH_OK);
}

GCH_TEST_MAIN(
    GCH_TEST(test_timeout_value_is_replaced_in_place),
    GCH_TEST(test_timeout_as_first_and_last_member_with_whitespace_around),
    GCH_TEST(test_timeout_of_another_type_is_replaced_whole), GCH_TEST(test_absent_timeout_is_inserted_as_first_member),
    GCH_TEST(test_absent_timeout_in_empty_config_is_the_only_member),
    GCH_TEST(test_nested_timeout_is_not_the_config_one), GCH_TEST(test_category_is_left_out_only_when_absent),
    GCH_TEST(test_real_configs_keep_every_byte_but_the_timeout),
    GCH_TEST(test_name_category_and_escapes_are_copied_exactly), GCH_TEST(test_missing_members_are_refused),
    GCH_TEST(test_wrong_member_types_are_refused), GCH_TEST(test_duplicate_members_are_refused),
    GCH_TEST(test_timeout_out_of_range_is_refused), GCH_TEST(test_timeout_zero_removes_the_member_wherever_it_sits),
    GCH_TEST(test_a_removal_keeps_the_template_splices), GCH_TEST(test_uri_only_templates_are_named_for_fetching),
    GCH_TEST(test_inline_or_absent_templates_need_no_fetch), GCH_TEST(test_uri_members_are_replaced_by_escaped_texts),
    GCH_TEST(test_only_the_supplied_side_is_substituted), GCH_TEST(test_uri_only_template_without_its_text_is_refused),
    GCH_TEST(test_text_for_an_inline_template_is_refused), GCH_TEST(test_empty_template_text_is_substituted),
    GCH_TEST(test_counting_sink_gives_the_content_length), GCH_TEST(test_sink_failure_stops_the_body),
    GCH_TEST(test_too_small_buffer_sink_reports_nospace), GCH_TEST(test_invalid_action_emits_nothing),
    GCH_TEST(test_verify_accepts_the_new_timeout_and_unchanged_templates),
    GCH_TEST(test_verify_compares_templates_by_decoded_text),
    GCH_TEST(test_a_template_with_a_lone_surrogate_escape_is_kept_and_verified),
    GCH_TEST(test_verify_refuses_a_wrong_or_missing_timeout),
    GCH_TEST(test_verify_checks_supplied_texts_against_inline_templates))
