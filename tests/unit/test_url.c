/* test_url.c - percent-encoding, strict URL parsing, and the same-origin guard that
 * keeps server-supplied URIs (nextUri, Location) on the configured host. */
#include <string.h>

#include "gch_test.h"
#include "http/gch_url.h"

#define HOST "api.mypurecloud.com"

static gch_status_t same_origin(const char *uri, const char **t, size_t *n)
{
    return gch_url_same_origin_path(HOST, strlen(HOST), 443, uri, strlen(uri), t, n);
}

/* ---- (a) encoding ---- */

static void test_encoding_table(void)
{
    static const struct {
        const char *in;
        const char *out;
    } table[] = {
        { "", "" },
        { "AZaz09-._~", "AZaz09-._~" },
        { "a b", "a%20b" },
        { "a+b", "a%2Bb" },
        { "x/y?z#w", "x%2Fy%3Fz%23w" },
        { "&=%", "%26%3D%25" },
        { "!$'()*,;:@", "%21%24%27%28%29%2A%2C%3B%3A%40" },
        { "\r\n", "%0D%0A" },
        { "\xc3\xa9", "%C3%A9" },
        { "\x7f\xff", "%7F%FF" },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char mem[64];
        gch_buf_t b;
        gch_buf_init(&b, mem, sizeof mem);
        gch_url_encode_component(&b, table[i].in, strlen(table[i].in));
        GCH_CHECK_EQ_INT(gch_buf_status(&b), GCH_OK);
        GCH_CHECK_STR(b.data, b.len, table[i].out);
    }
}

static void test_encoding_keeps_nul_as_percent_00(void)
{
    char mem[8];
    gch_buf_t b;
    gch_buf_init(&b, mem, sizeof mem);
    gch_url_encode_component(&b, "a\0b", 3);
    GCH_CHECK_STR(b.data, b.len, "a%00b");
}

static void test_encoding_never_splits_an_escape(void)
{
    char mem[4];
    gch_buf_t b;
    gch_buf_init(&b, mem, sizeof mem);
    gch_url_encode_component(&b, "ab c", 4);
    GCH_CHECK_EQ_INT(gch_buf_status(&b), GCH_ERR_NOSPACE);
    GCH_CHECK_STR(b.data, b.len, "ab");
}

/* ---- (b) parsing ---- */

static void test_parse_absolute_https_url(void)
{
    gch_url_t u;
    const char *s = "https://api.mypurecloud.com/api/v2/x?pageNumber=2&pageSize=25";
    GCH_CHECK_EQ_INT(gch_url_parse(s, strlen(s), &u), GCH_OK);
    GCH_CHECK(u.absolute);
    GCH_CHECK_STR(u.host, u.host_len, "api.mypurecloud.com");
    GCH_CHECK_EQ_INT(u.port, 443);
    GCH_CHECK_STR(u.target, u.target_len, "/api/v2/x?pageNumber=2&pageSize=25");
    GCH_CHECK_STR(u.path, u.path_len, "/api/v2/x");
    GCH_CHECK_STR(u.query, u.query_len, "pageNumber=2&pageSize=25");
    GCH_CHECK(u.target == s + 27); /* a slice, not a copy */
}

static void test_parse_explicit_port(void)
{
    gch_url_t u;
    const char *s = "HTTPS://Localhost:8443/";
    GCH_CHECK_EQ_INT(gch_url_parse(s, strlen(s), &u), GCH_OK);
    GCH_CHECK_STR(u.host, u.host_len, "Localhost");
    GCH_CHECK_EQ_INT(u.port, 8443);
    GCH_CHECK_STR(u.target, u.target_len, "/");
    GCH_CHECK(u.query == NULL);
}

static void test_parse_ipv6_literal(void)
{
    gch_url_t u;
    const char *s = "https://[::1]:9443/a";
    GCH_CHECK_EQ_INT(gch_url_parse(s, strlen(s), &u), GCH_OK);
    GCH_CHECK(u.host_ipv6);
    GCH_CHECK_STR(u.host, u.host_len, "::1");
    GCH_CHECK_EQ_INT(u.port, 9443);
    GCH_CHECK_STR(u.target, u.target_len, "/a");
}

static void test_parse_server_relative(void)
{
    gch_url_t u;
    const char *s = "/api/v2/x?after=abc%3D&q=a:b@c";
    GCH_CHECK_EQ_INT(gch_url_parse(s, strlen(s), &u), GCH_OK);
    GCH_CHECK(!u.absolute);
    GCH_CHECK(u.host == NULL);
    GCH_CHECK_EQ_INT(u.port, 0);
    GCH_CHECK_STR(u.target, u.target_len, s);
    GCH_CHECK_STR(u.query, u.query_len, "after=abc%3D&q=a:b@c");
}

static void test_parse_empty_query_is_present_but_empty(void)
{
    gch_url_t u;
    GCH_CHECK_EQ_INT(gch_url_parse("/a?", 3, &u), GCH_OK);
    GCH_CHECK(u.query != NULL);
    GCH_CHECK_EQ_INT(u.query_len, 0);
    GCH_CHECK_STR(u.path, u.path_len, "/a");
}

static void test_parse_rejects_malformed(void)
{
    static const char *const bad[] = {
        "",
        "a/b",
        "?x",
        "#x",
        "https:",
        "https:/a",
        "https:/",
        "https://",
        "https:///a",
        "https://h",
        "https://h?x=/",
        "https://h:/a",
        "https://h:0/a",
        "https://h:65536/a",
        "https://h:123456/a",
        "https://h:-1/a",
        "https://h:44a/a",
        "https://h_x/a",
        "https://h%2e/a",
        "https://user@h/a",
        "https://[::1/a",
        "https://[]/a",
        "https://[1]/a",
        "https://[fe80::1%25eth0]/a",
        "https://[v1.x]/a",
        "https://[::1]x/a",
        "/a b",
        "/a\\b",
        "/a#f",
        "/a%",
        "/a%4",
        "/a%zz",
        "/a\"",
        "/a<b>",
        "/a\x01",
        "/\xc3\xa9",
        "//h/a",
        " /a",
        "ftp://h/a",
        "http://h/a",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gch_url_t u;
        gch_status_t st = gch_url_parse(bad[i], strlen(bad[i]), &u);
        if (st != GCH_ERR_URL) {
            fprintf(stderr, "  accepted: \"%s\"\n", bad[i]);
        }
        GCH_CHECK_EQ_INT(st, GCH_ERR_URL);
    }
}

static void test_parse_rejects_nul_inside(void)
{
    gch_url_t u;
    GCH_CHECK_EQ_INT(gch_url_parse("/a\0b", 4, &u), GCH_ERR_URL);
    GCH_CHECK_EQ_INT(gch_url_parse("https://h\0.evil/a", 17, &u), GCH_ERR_URL);
}

/* ---- (c) the same-origin guard ---- */

static void test_same_origin_accepts_server_relative(void)
{
    const char *t;
    size_t n;
    const char *uri = "/api/v2/integrations/actions?pageNumber=2";
    GCH_CHECK_EQ_INT(same_origin(uri, &t, &n), GCH_OK);
    GCH_CHECK(t == uri);
    GCH_CHECK_STR(t, n, uri);
}

static void test_same_origin_accepts_absolute_on_configured_host(void)
{
    static const char *const ok[] = {
        "https://api.mypurecloud.com/api/v2/x?a=1",
        "https://API.MyPureCloud.com/api/v2/x?a=1",
        "HTTPS://api.mypurecloud.com:443/api/v2/x?a=1",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        const char *t;
        size_t n;
        GCH_CHECK_EQ_INT(same_origin(ok[i], &t, &n), GCH_OK);
        GCH_CHECK_STR(t, n, "/api/v2/x?a=1");
    }
}

static void test_same_origin_accepts_configured_non_default_port(void)
{
    const char *t;
    size_t n;
    const char *uri = "https://localhost:8443/p";
    GCH_CHECK_EQ_INT(gch_url_same_origin_path("localhost", 9, 8443, uri, strlen(uri), &t, &n), GCH_OK);
    GCH_CHECK_STR(t, n, "/p");
}

static void test_same_origin_refuses_foreign_hosts(void)
{
    static const char *const foreign[] = {
        "//evil/",
        "//evil.example/api",
        "//api.mypurecloud.com/x",
        "/\\evil/",
        "https://evil.example/",
        "https://api.mypurecloud.com.evil/x",
        "https://evil.api.mypurecloud.com/x",
        "https://api.mypurecloud.co/x",
        "https://api.mypurecloud.com./x",
        "https://api.mypurecloud.com:444/x",
        "https://api.mypurecloud.com:8443/x",
        "https://[::1]/x",
        "https://127.0.0.1/x",
    };
    for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++) {
        const char *t = NULL;
        size_t n = 0;
        gch_status_t st = same_origin(foreign[i], &t, &n);
        if (st != GCH_ERR_URL_FOREIGN_HOST) {
            fprintf(stderr, "  case: \"%s\"\n", foreign[i]);
        }
        GCH_CHECK_EQ_INT(st, GCH_ERR_URL_FOREIGN_HOST);
        GCH_CHECK(t == NULL);
    }
}

static void test_same_origin_refuses_malformed_and_downgrades(void)
{
    static const char *const bad[] = {
        "https://api.mypurecloud.com@evil/",
        "https://api.mypurecloud.com:443@evil/",
        "https://user:pw@api.mypurecloud.com/x",
        "https://evil\\@api.mypurecloud.com/x",
        "https://api.mypurecloud.com\\@evil/x",
        "http://api.mypurecloud.com/x",
        "https:///x",
        "https://:443/x",
        "https:/api.mypurecloud.com/x",
        "https:api.mypurecloud.com/x",
        "https://api.mypurecloud.com",
        "javascript:alert(1)",
        "api.mypurecloud.com/x",
        "/x y",
        "/x\r\nHost: evil",
        "/x\t",
        " /x",
        "/x#frag",
        "",
        "https://api.mypurecloud.com:/x",
        "https://api.mypurecloud.com//evil/x",
        "https://api.mypurecloud.com%2Fevil/x",
        "https://api.mypurecloud.com#@evil/x",
        "https://api.mypurecloud.com?@evil/x",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *t = NULL;
        size_t n = 0;
        gch_status_t st = same_origin(bad[i], &t, &n);
        if (st != GCH_ERR_URL) {
            fprintf(stderr, "  case: \"%s\"\n", bad[i]);
        }
        GCH_CHECK_EQ_INT(st, GCH_ERR_URL);
        GCH_CHECK(t == NULL);
    }
}

static void test_same_origin_ipv6_configured_with_or_without_brackets(void)
{
    const char *t;
    size_t n;
    const char *uri = "https://[::1]:9443/p";
    GCH_CHECK_EQ_INT(gch_url_same_origin_path("::1", 3, 9443, uri, strlen(uri), &t, &n), GCH_OK);
    GCH_CHECK_STR(t, n, "/p");
    GCH_CHECK_EQ_INT(gch_url_same_origin_path("[::1]", 5, 9443, uri, strlen(uri), &t, &n), GCH_OK);
    GCH_CHECK_EQ_INT(gch_url_same_origin_path("[::1]", 5, 443, uri, strlen(uri), &t, &n), GCH_ERR_URL_FOREIGN_HOST);
    const char *other = "https://[::2]:9443/p";
    GCH_CHECK_EQ_INT(gch_url_same_origin_path("::1", 3, 9443, other, strlen(other), &t, &n), GCH_ERR_URL_FOREIGN_HOST);
}

static void test_same_origin_rejects_invalid_configured_host(void)
{
    const char *t;
    size_t n;
    GCH_CHECK_EQ_INT(gch_url_same_origin_path("", 0, 443, "/p", 2, &t, &n), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(gch_url_same_origin_path("[]", 2, 443, "/p", 2, &t, &n), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(gch_url_same_origin_path("a b", 3, 443, "/p", 2, &t, &n), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(gch_url_same_origin_path(HOST, strlen(HOST), 0, "/p", 2, &t, &n), GCH_ERR_ARG);
}

/* The fuzzer's property, checked here on a deterministic sample: whatever the input,
 * an accepted target starts with exactly one '/' and holds only URL-safe bytes. */
static void test_same_origin_only_yields_single_slash_targets(void)
{
    static const char alphabet[] = "/\\:@.?#%[]hps: evil2F\r";
    uint32_t seed = 12345;
    char uri[24];
    for (int round = 0; round < 200000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t want = (seed >> 16) % sizeof uri;
        for (; len < want; len++) {
            seed = seed * 1103515245u + 12345u;
            uri[len] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        const char *t;
        size_t n;
        if (gch_url_same_origin_path("evil", 4, 443, uri, len, &t, &n) == GCH_OK) {
            GCH_CHECK(n >= 1 && t[0] == '/');
            GCH_CHECK(n == 1 || t[1] != '/');
            for (size_t i = 0; i < n; i++) {
                GCH_CHECK(t[i] > 0x20 && t[i] < 0x7f && t[i] != '\\' && t[i] != '#');
            }
        }
    }
}

GCH_TEST_MAIN(GCH_TEST(test_encoding_table), GCH_TEST(test_encoding_keeps_nul_as_percent_00),
              GCH_TEST(test_encoding_never_splits_an_escape), GCH_TEST(test_parse_absolute_https_url),
              GCH_TEST(test_parse_explicit_port), GCH_TEST(test_parse_ipv6_literal),
              GCH_TEST(test_parse_server_relative), GCH_TEST(test_parse_empty_query_is_present_but_empty),
              GCH_TEST(test_parse_rejects_malformed), GCH_TEST(test_parse_rejects_nul_inside),
              GCH_TEST(test_same_origin_accepts_server_relative),
              GCH_TEST(test_same_origin_accepts_absolute_on_configured_host),
              GCH_TEST(test_same_origin_accepts_configured_non_default_port),
              GCH_TEST(test_same_origin_refuses_foreign_hosts),
              GCH_TEST(test_same_origin_refuses_malformed_and_downgrades),
              GCH_TEST(test_same_origin_ipv6_configured_with_or_without_brackets),
              GCH_TEST(test_same_origin_rejects_invalid_configured_host),
              GCH_TEST(test_same_origin_only_yields_single_slash_targets))
