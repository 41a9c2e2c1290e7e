/*
 * test_http_connect.c - the CONNECT request (exact bytes, IPv6 brackets, Basic
 * credentials, refusals) and the proxy's answer (2xx opens the tunnel and stops
 * at the head's last byte, 407 and other refusals, framing headers of a 2xx
 * ignored, broken answers, one byte at a time).
 */
#include <string.h>

#include "gch_test.h"
#include "http/gch_http_connect.h"

#define UA "User-Agent: gcheal/0.1.0\r\n"

static char mem[1024];
static gch_buf_t out;
static gch_http_connect_reader_t rd;

static gch_status_t write_connect(const char *host, uint16_t port, const char *auth)
{
    gch_buf_init(&out, mem, sizeof mem);
    gch_http_connect_t c = { host, strlen(host), port, auth, auth ? strlen(auth) : 0 };
    return gch_http_connect_write(&c, &out);
}

static void test_connect_head_exact_bytes(void)
{
    GCH_CHECK_EQ_INT(write_connect("api.mypurecloud.com", 443, NULL), GCH_OK);
    GCH_CHECK_STR(out.data, out.len,
                  "CONNECT api.mypurecloud.com:443 HTTP/1.1\r\n"
                  "Host: api.mypurecloud.com:443\r\n" UA "\r\n");
}

static void test_connect_brackets_an_ipv6_host(void)
{
    GCH_CHECK_EQ_INT(write_connect("::1", 8443, NULL), GCH_OK);
    GCH_CHECK_STR(out.data, out.len, "CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n" UA "\r\n");
}

static void test_connect_with_credentials(void)
{
    GCH_CHECK_EQ_INT(write_connect("login.mypurecloud.ie", 443, "Basic dXNlcjpwYXNz"), GCH_OK);
    GCH_CHECK_STR(out.data, out.len,
                  "CONNECT login.mypurecloud.ie:443 HTTP/1.1\r\nHost: login.mypurecloud.ie:443\r\n" UA
                  "Proxy-Authorization: Basic dXNlcjpwYXNz\r\n\r\n");
}

static void test_connect_refuses_what_could_inject(void)
{
    const char *bad_hosts[] = { "", "a b", "evil\r\nX: y", "host/path", "a@b", "[::1]", "h:1\r" };
    for (size_t i = 0; i < sizeof bad_hosts / sizeof bad_hosts[0]; i++) {
        GCH_CHECK_EQ_INT(write_connect(bad_hosts[i], 443, NULL), GCH_ERR_ARG);
        GCH_CHECK_EQ_INT(out.len, 0);
    }
    GCH_CHECK_EQ_INT(write_connect("h", 0, NULL), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(write_connect("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", 443, NULL), GCH_OK);
    GCH_CHECK_EQ_INT(write_connect("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.2555", 443, NULL), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(write_connect("h", 443, "Basic x\r\nX-Evil: 1"), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(out.len, 0);
}

static void test_connect_that_does_not_fit(void)
{
    char small[40];
    gch_buf_init(&out, small, sizeof small);
    gch_http_connect_t c = { "api.mypurecloud.com", 19, 443, NULL, 0 };
    GCH_CHECK_EQ_INT(gch_http_connect_write(&c, &out), GCH_ERR_NOSPACE);
}

static gch_status_t basic(const char *user, const char *pass, size_t cap)
{
    gch_buf_init(&out, mem, cap);
    return gch_http_basic_credentials(&out, user, strlen(user), pass, strlen(pass));
}

static void test_basic_credentials_rfc7617(void)
{
    /* RFC 7617 section 2 example */
    GCH_CHECK_EQ_INT(basic("Aladdin", "open sesame", sizeof mem), GCH_OK);
    GCH_CHECK_STR(out.data, out.len, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    /* every length mod 3 */
    GCH_CHECK_EQ_INT(basic("u", "", sizeof mem), GCH_OK);
    GCH_CHECK_STR(out.data, out.len, "Basic dTo=");
    GCH_CHECK_EQ_INT(basic("u", "p", sizeof mem), GCH_OK);
    GCH_CHECK_STR(out.data, out.len, "Basic dTpw");
    GCH_CHECK_EQ_INT(basic("us", "p", sizeof mem), GCH_OK);
    GCH_CHECK_STR(out.data, out.len, "Basic dXM6cA==");
    /* a password may hold ':' and '@' */
    GCH_CHECK_EQ_INT(basic("user", "p:a@ss", sizeof mem), GCH_OK);
    GCH_CHECK_STR(out.data, out.len, "Basic dXNlcjpwOmFAc3M=");
}

static void test_basic_credentials_refusals_leave_nothing(void)
{
    GCH_CHECK_EQ_INT(basic("us:er", "p", sizeof mem), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(out.len, 0);
    GCH_CHECK_EQ_INT(basic("user", "pa\nss", sizeof mem), GCH_ERR_ARG);
    memset(mem, 'x', sizeof mem);
    GCH_CHECK_EQ_INT(basic("user", "secret-password", 12), GCH_ERR_NOSPACE);
    GCH_CHECK_EQ_INT(out.len, 0);
    for (size_t i = 0; i < 10; i++) { /* "Basic " and the one quad that fitted: wiped */
        GCH_CHECK_EQ_INT(mem[i], 0);
    }
}

/* Feeds the whole answer; returns the verdict, *used the bytes consumed. */
static gch_status_t answer(const char *a, size_t *used, bool *done)
{
    gch_http_connect_reader_init(&rd);
    return gch_http_connect_feed(&rd, (const uint8_t *)a, strlen(a), used, done);
}

static void test_200_opens_the_tunnel_and_stops_at_the_head(void)
{
    const char *a = "HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01";
    size_t used;
    bool done;
    GCH_CHECK_EQ_INT(answer(a, &used, &done), GCH_OK);
    GCH_CHECK(done);
    GCH_CHECK_EQ_INT(used, strlen(a) - 3);
    char line[64];
    gch_http_connect_status_line(&rd, line, sizeof line);
    GCH_CHECK(strcmp(line, "HTTP/1.1 200 Connection established") == 0);
}

static void test_2xx_framing_headers_are_ignored(void)
{
    /* RFC 9110 9.3.6: a client ignores Content-Length/Transfer-Encoding of a 2xx to CONNECT. */
    const char *a = "HTTP/1.0 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: gzip\r\n\r\n";
    size_t used;
    bool done;
    GCH_CHECK_EQ_INT(answer(a, &used, &done), GCH_OK);
    GCH_CHECK(done);
    GCH_CHECK_EQ_INT(used, strlen(a));
    /* ... but a 407 is framed as usual: its head is all we read */
    GCH_CHECK_EQ_INT(
        answer("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 5\r\n\r\nabcde", &used, &done),
        GCH_ERR_PROXY_AUTH);
    GCH_CHECK(done);
}

static void test_refusals(void)
{
    size_t used;
    bool done;
    char line[64];
    GCH_CHECK_EQ_INT(answer("HTTP/1.1 407 Proxy Authentication Required\r\n"
                            "Proxy-Authenticate: Basic realm=\"corp\"\r\n\r\n",
                            &used, &done),
                     GCH_ERR_PROXY_AUTH);
    gch_http_connect_status_line(&rd, line, sizeof line);
    GCH_CHECK(strcmp(line, "HTTP/1.1 407 Proxy Authentication Required") == 0);
    GCH_CHECK_EQ_INT(answer("HTTP/1.0 401 Unauthorized\r\n\r\n", &used, &done), GCH_ERR_PROXY_AUTH); /* tinyproxy */
    GCH_CHECK_EQ_INT(answer("HTTP/1.1 403 Forbidden\r\n\r\n<html>", &used, &done), GCH_ERR_PROXY);
    GCH_CHECK_EQ_INT(answer("HTTP/1.1 502\r\n\r\n", &used, &done), GCH_ERR_PROXY);
    gch_http_connect_status_line(&rd, line, sizeof line);
    GCH_CHECK(strcmp(line, "HTTP/1.1 502") == 0);
    GCH_CHECK_EQ_INT(answer("HTTP/1.1 302 Found\r\nLocation: http://x/\r\n\r\n", &used, &done), GCH_ERR_PROXY);
    /* the verdict is sticky */
    GCH_CHECK_EQ_INT(gch_http_connect_feed(&rd, (const uint8_t *)"x", 1, &used, &done), GCH_ERR_PROXY);
    GCH_CHECK_EQ_INT(used, 0);
}

static void test_reason_is_printable_in_the_status_line(void)
{
    size_t used;
    bool done;
    char line[64];
    GCH_CHECK_EQ_INT(answer("HTTP/1.1 403 Verboten \xc3\xa4\t!\r\n\r\n", &used, &done), GCH_ERR_PROXY);
    gch_http_connect_status_line(&rd, line, sizeof line);
    GCH_CHECK(strcmp(line, "HTTP/1.1 403 Verboten ??\?!") == 0);
    char tiny[10];
    gch_http_connect_status_line(&rd, tiny, sizeof tiny);
    GCH_CHECK(strlen(tiny) < sizeof tiny);
}

static void test_status_line_before_the_head_is_empty(void)
{
    char line[16] = "x";
    gch_http_connect_reader_init(&rd);
    gch_http_connect_status_line(&rd, line, sizeof line);
    GCH_CHECK(line[0] == '\0');
    gch_http_connect_status_line(&rd, line, 0); /* no room at all: nothing written */
    GCH_CHECK(line[0] == '\0');
}

static void test_interim_1xx_is_skipped(void)
{
    size_t used;
    bool done;
    GCH_CHECK_EQ_INT(answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n", &used, &done), GCH_OK);
    GCH_CHECK(done);
}

static void test_one_byte_at_a_time(void)
{
    const char *a = "HTTP/1.1 200 Connection established\r\nProxy-Agent: tinyproxy/1.11.1\r\n\r\nTLS";
    size_t n = strlen(a), pos = 0;
    bool done = false;
    gch_http_connect_reader_init(&rd);
    while (!done) {
        size_t used;
        GCH_CHECK(pos < n);
        GCH_CHECK_EQ_INT(gch_http_connect_feed(&rd, (const uint8_t *)a + pos, 1, &used, &done), GCH_OK);
        pos += used;
    }
    GCH_CHECK_EQ_INT(pos, n - 3);
}

static void test_broken_answers(void)
{
    size_t used;
    bool done;
    GCH_CHECK_EQ_INT(answer("SSH-2.0-OpenSSH\r\n\r\n", &used, &done), GCH_ERR_HTTP_STATUS_LINE);
    GCH_CHECK_EQ_INT(answer("HTTP/1.1 200 OK\n\n", &used, &done), GCH_ERR_HTTP_BARE_LF);
    GCH_CHECK_EQ_INT(answer("HTTP/1.1 101 Switching Protocols\r\n\r\n", &used, &done), GCH_ERR_HTTP_STATUS_LINE);
    GCH_CHECK_EQ_INT(answer("HTTP/1.1 200 OK\r\n folded\r\n\r\n", &used, &done), GCH_ERR_HTTP_HEADER_SYNTAX);
    static char big[GCH_PROXY_HEAD_SIZE + 64];
    memset(big, 'a', sizeof big - 1);
    memcpy(big, "HTTP/1.1 200 OK\r\nX: ", 20);
    GCH_CHECK_EQ_INT(answer(big, &used, &done), GCH_ERR_HTTP_HEADERS_TOO_LARGE);
    GCH_CHECK(used <= GCH_PROXY_HEAD_SIZE);
    GCH_CHECK(!done);
}

static void test_closed_before_the_head(void)
{
    size_t used;
    bool done;
    gch_http_connect_reader_init(&rd);
    GCH_CHECK_EQ_INT(gch_http_connect_feed_eof(&rd), GCH_ERR_CLOSED);
    GCH_CHECK_EQ_INT(answer("HTTP/1.1 200", &used, &done), GCH_OK);
    GCH_CHECK(!done);
    GCH_CHECK_EQ_INT(gch_http_connect_feed_eof(&rd), GCH_ERR_TRUNCATED);
}

GCH_TEST_MAIN(GCH_TEST(test_connect_head_exact_bytes), GCH_TEST(test_connect_brackets_an_ipv6_host),
              GCH_TEST(test_connect_with_credentials), GCH_TEST(test_connect_refuses_what_could_inject),
              GCH_TEST(test_connect_that_does_not_fit), GCH_TEST(test_basic_credentials_rfc7617),
              GCH_TEST(test_basic_credentials_refusals_leave_nothing),
              GCH_TEST(test_200_opens_the_tunnel_and_stops_at_the_head), GCH_TEST(test_2xx_framing_headers_are_ignored),
              GCH_TEST(test_refusals), GCH_TEST(test_reason_is_printable_in_the_status_line),
              GCH_TEST(test_interim_1xx_is_skipped), GCH_TEST(test_status_line_before_the_head_is_empty),
              GCH_TEST(test_one_byte_at_a_time), GCH_TEST(test_broken_answers), GCH_TEST(test_closed_before_the_head))
