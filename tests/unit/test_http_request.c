/* test_http_request.c - request heads: exact bytes, Host port rule, Content-Length
 * rules, and refusal of anything that could inject a header. */
#include <string.h>

#include "gch_test.h"
#include "http/gch_http_request.h"

#define UA "User-Agent: gcheal/0.1.0\r\n"

static char mem[512];
static gch_buf_t out;

static gch_http_request_t get(const char *target)
{
    gch_http_request_t r;
    memset(&r, 0, sizeof r);
    r.method = "GET";
    r.host = "api.mypurecloud.com";
    r.host_len = strlen(r.host);
    r.port = 443;
    r.target = target;
    r.target_len = strlen(target);
    gch_buf_init(&out, mem, sizeof mem);
    return r;
}

static gch_http_header_t hdr(const char *name, const char *value)
{
    gch_http_header_t h = { name, strlen(name), value, strlen(value) };
    return h;
}

static void test_get_head_exact_bytes(void)
{
    gch_http_request_t r = get("/api/v2/integrations/actions?pageSize=100");
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_OK);
    GCH_CHECK_STR(out.data, out.len,
                  "GET /api/v2/integrations/actions?pageSize=100 HTTP/1.1\r\n"
                  "Host: api.mypurecloud.com\r\n" UA "\r\n");
}

static void test_host_has_port_only_when_not_443(void)
{
    gch_http_request_t r = get("/");
    r.port = 8443;
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_OK);
    GCH_CHECK_STR(out.data, out.len, "GET / HTTP/1.1\r\nHost: api.mypurecloud.com:8443\r\n" UA "\r\n");
}

static void test_ipv6_host_keeps_brackets_before_port(void)
{
    gch_http_request_t r = get("/");
    r.host = "[::1]";
    r.host_len = 5;
    r.port = 9443;
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_OK);
    GCH_CHECK_STR(out.data, out.len, "GET / HTTP/1.1\r\nHost: [::1]:9443\r\n" UA "\r\n");
}

static void test_caller_headers_sent_in_order_after_user_agent(void)
{
    gch_http_header_t h[2] = { hdr("Authorization", "Bearer abc"), hdr("Accept", "application/json") };
    gch_http_request_t r = get("/x");
    r.headers = h;
    r.header_count = 2;
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_OK);
    GCH_CHECK_STR(out.data, out.len,
                  "GET /x HTTP/1.1\r\nHost: api.mypurecloud.com\r\n" UA
                  "Authorization: Bearer abc\r\nAccept: application/json\r\n\r\n");
}

static void test_body_length_sent_as_content_length(void)
{
    gch_http_request_t r = get("/a");
    r.method = "PATCH";
    r.has_body = true;
    r.body_len = 1234;
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_OK);
    GCH_CHECK_STR(out.data, out.len,
                  "PATCH /a HTTP/1.1\r\nHost: api.mypurecloud.com\r\n" UA "Content-Length: 1234\r\n\r\n");
}

static void test_empty_post_sends_content_length_zero(void)
{
    gch_http_request_t r = get("/oauth/token");
    r.method = "POST";
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_OK);
    GCH_CHECK_STR(out.data, out.len,
                  "POST /oauth/token HTTP/1.1\r\nHost: api.mypurecloud.com\r\n" UA "Content-Length: 0\r\n\r\n");
}

static void test_empty_patch_sends_content_length_zero(void)
{
    gch_http_request_t r = get("/a");
    r.method = "PATCH";
    r.has_body = true;
    r.body_len = 0;
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_OK);
    GCH_CHECK_STR(out.data, out.len,
                  "PATCH /a HTTP/1.1\r\nHost: api.mypurecloud.com\r\n" UA "Content-Length: 0\r\n\r\n");
}

static void test_get_without_body_has_no_content_length(void)
{
    gch_http_request_t r = get("/a");
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_OK);
    GCH_CHECK_STR(out.data, out.len, "GET /a HTTP/1.1\r\nHost: api.mypurecloud.com\r\n" UA "\r\n");
}

static void expect_arg(gch_http_request_t *r)
{
    size_t before = out.len;
    GCH_CHECK_EQ_INT(gch_http_request_write(r, &out), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(out.len, before); /* nothing half-written */
}

static void test_crlf_in_header_value_rejected(void)
{
    gch_http_header_t h = hdr("Accept", "a\r\nX-Evil: 1");
    gch_http_request_t r = get("/");
    r.headers = &h;
    r.header_count = 1;
    expect_arg(&r);
    GCH_CHECK_EQ_INT(out.len, 0);
}

static void test_bare_lf_and_nul_in_header_value_rejected(void)
{
    gch_http_header_t h[2] = { hdr("Accept", "a\nb"), { "Accept", 6, "a\0b", 3 } };
    gch_http_request_t r = get("/");
    r.header_count = 1;
    r.headers = &h[0];
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_ARG);
    r.headers = &h[1];
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(out.len, 0);
}

static void test_header_name_must_be_token(void)
{
    static const char *const bad[] = { "", "X Y", "X:Y", "X\r\nY", "X\"", "Accept\t" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gch_http_header_t h = hdr(bad[i], "v");
        gch_http_request_t r = get("/");
        r.headers = &h;
        r.header_count = 1;
        GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_ARG);
    }
}

static void test_framing_headers_from_caller_rejected(void)
{
    static const char *const owned[] = { "Host", "content-length", "Transfer-Encoding", "USER-AGENT" };
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
        gch_http_header_t h = hdr(owned[i], "1");
        gch_http_request_t r = get("/");
        r.headers = &h;
        r.header_count = 1;
        GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_ARG);
    }
}

static void test_crlf_or_space_in_target_rejected(void)
{
    static const char *const bad[] = { "/a\r\nX: 1", "/a b", "/a\n", "a", "", "/a#frag", "/\x80" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gch_http_request_t r = get(bad[i]);
        GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_ARG);
    }
}

static void test_nul_in_target_rejected(void)
{
    gch_http_request_t r = get("/a");
    r.target = "/a\0b";
    r.target_len = 4;
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_ARG);
}

static void test_bad_method_rejected(void)
{
    static const char *const bad[] = { "", "GET /x HTTP/1.1\r\nX:", "G T", "GET\r\n" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gch_http_request_t r = get("/");
        r.method = bad[i];
        GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_ARG);
    }
}

static void test_bad_host_or_port_rejected(void)
{
    static const char *const bad[] = { "", "a b", "a\r\nX: y", "a:443", "[]", "[::1", "h/x" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gch_http_request_t r = get("/");
        r.host = bad[i];
        r.host_len = strlen(bad[i]);
        GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_ARG);
    }
    gch_http_request_t r = get("/");
    r.port = 0;
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_ARG);
}

static void test_head_that_does_not_fit_is_nospace(void)
{
    char small[40];
    gch_http_request_t r = get("/api/v2/integrations/actions");
    gch_buf_init(&out, small, sizeof small);
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_NOSPACE);
    GCH_CHECK(out.len <= sizeof small);
}

static void test_connect_is_authority_form_with_port_and_no_body(void)
{
    gch_http_request_t r = get("/");
    r.method = "CONNECT";
    r.target = NULL;
    r.target_len = 0;
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_OK);
    GCH_CHECK_STR(out.data, out.len,
                  "CONNECT api.mypurecloud.com:443 HTTP/1.1\r\nHost: api.mypurecloud.com:443\r\n" UA "\r\n");
    gch_http_request_t t = get("/path"); /* CONNECT names no path */
    t.method = "CONNECT";
    GCH_CHECK_EQ_INT(gch_http_request_write(&t, &out), GCH_ERR_ARG);
    r.has_body = true;
    gch_buf_init(&out, mem, sizeof mem);
    GCH_CHECK_EQ_INT(gch_http_request_write(&r, &out), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(out.len, 0);
}

GCH_TEST_MAIN(GCH_TEST(test_get_head_exact_bytes), GCH_TEST(test_connect_is_authority_form_with_port_and_no_body),
              GCH_TEST(test_host_has_port_only_when_not_443), GCH_TEST(test_ipv6_host_keeps_brackets_before_port),
              GCH_TEST(test_caller_headers_sent_in_order_after_user_agent),
              GCH_TEST(test_body_length_sent_as_content_length), GCH_TEST(test_empty_post_sends_content_length_zero),
              GCH_TEST(test_empty_patch_sends_content_length_zero),
              GCH_TEST(test_get_without_body_has_no_content_length), GCH_TEST(test_crlf_in_header_value_rejected),
              GCH_TEST(test_bare_lf_and_nul_in_header_value_rejected), GCH_TEST(test_header_name_must_be_token),
              GCH_TEST(test_framing_headers_from_caller_rejected), GCH_TEST(test_crlf_or_space_in_target_rejected),
              GCH_TEST(test_nul_in_target_rejected), GCH_TEST(test_bad_method_rejected),
              GCH_TEST(test_bad_host_or_port_rejected), GCH_TEST(test_head_that_does_not_fit_is_nospace))
