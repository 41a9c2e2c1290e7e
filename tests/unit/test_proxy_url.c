/*
 * test_proxy_url.c - the proxy URL as users write it (--proxy, HTTPS_PROXY) and
 * the NO_PROXY list as curl documents it, plus the IP literal parser behind it.
 */
#include <string.h>

#include "gch_test.h"
#include "http/gch_no_proxy.h"
#include "http/gch_proxy_url.h"

static gch_proxy_url_t u;

static gch_status_t parse(const char *s)
{
    return gch_proxy_url_parse(s, strlen(s), &u);
}

static void test_plain_proxy_urls(void)
{
    GCH_CHECK_EQ_INT(parse("http://proxy.corp.example:3128"), GCH_OK);
    GCH_CHECK_STR(u.host, u.host_len, "proxy.corp.example");
    GCH_CHECK_EQ_INT(u.port, 3128);
    GCH_CHECK(!u.has_credentials && !u.host_ipv6);
    GCH_CHECK_EQ_INT(parse("HTTP://10.0.0.1:8080/"), GCH_OK);
    GCH_CHECK_STR(u.host, u.host_len, "10.0.0.1");
    GCH_CHECK_EQ_INT(u.port, 8080);
    GCH_CHECK_EQ_INT(parse("proxy:3128"), GCH_OK); /* no scheme: http, as curl */
    GCH_CHECK_STR(u.host, u.host_len, "proxy");
    GCH_CHECK_EQ_INT(parse("http://proxy"), GCH_OK);
    GCH_CHECK_EQ_INT(u.port, 1080); /* curl's default */
    GCH_CHECK_EQ_INT(parse("http://[::1]:3128"), GCH_OK);
    GCH_CHECK_STR(u.host, u.host_len, "::1");
    GCH_CHECK(u.host_ipv6);
    GCH_CHECK_EQ_INT(parse("http://[fe80::1]"), GCH_OK);
    GCH_CHECK_EQ_INT(u.port, 1080);
}

static void test_credentials_in_the_url(void)
{
    GCH_CHECK_EQ_INT(parse("http://alice:s%40cret%3A1@proxy:3128"), GCH_OK);
    GCH_CHECK(u.has_credentials);
    GCH_CHECK_STR(u.user, u.user_len, "alice");
    GCH_CHECK_STR(u.password, u.password_len, "s%40cret%3A1");
    GCH_CHECK_STR(u.host, u.host_len, "proxy");
    char pw[32];
    size_t n = 0;
    GCH_CHECK_EQ_INT(gch_url_percent_decode(u.password, u.password_len, pw, sizeof pw, &n), GCH_OK);
    GCH_CHECK_STR(pw, n, "s@cret:1");
    GCH_CHECK_EQ_INT(parse("http://bob@proxy:1"), GCH_OK);
    GCH_CHECK_STR(u.user, u.user_len, "bob");
    GCH_CHECK_EQ_INT(u.password_len, 0);
    GCH_CHECK_EQ_INT(parse("http://a:b:c@[::1]:9"), GCH_OK); /* the first ':' splits */
    GCH_CHECK_STR(u.password, u.password_len, "b:c");
}

static void test_what_is_not_a_proxy_url(void)
{
    GCH_CHECK_EQ_INT(parse("https://proxy:443"), GCH_ERR_CONFIG);
    GCH_CHECK_EQ_INT(parse("socks5://proxy:1080"), GCH_ERR_CONFIG);
    const char *bad[] = { "",
                          "http://",
                          "http://:3128",
                          "http://proxy:",
                          "http://proxy:0",
                          "http://proxy:65536",
                          "http://proxy:31 28",
                          "http://proxy:3128/path",
                          "http://proxy:3128?x=1",
                          "http://proxy:3128#frag",
                          "http://prox y:3128",
                          "http://[::1:3128",
                          "http://[::1]x",
                          "http://[zz::1]:1",
                          "http://a b@proxy",
                          "http://a%zz@proxy",
                          "1http://proxy",
                          "http://proxy\r\n:1" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        GCH_CHECK_EQ_INT(parse(bad[i]), GCH_ERR_URL);
    }
}

static void test_percent_decode_limits(void)
{
    char out[8];
    size_t n = 99;
    GCH_CHECK_EQ_INT(gch_url_percent_decode("abc%2", 5, out, sizeof out, &n), GCH_ERR_URL);
    GCH_CHECK_EQ_INT(gch_url_percent_decode("a%00b", 5, out, sizeof out, &n), GCH_ERR_URL);
    GCH_CHECK_EQ_INT(gch_url_percent_decode("a%0Ab", 5, out, sizeof out, &n), GCH_ERR_URL);
    GCH_CHECK_EQ_INT(gch_url_percent_decode("12345678", 8, out, sizeof out, &n), GCH_ERR_NOSPACE);
    GCH_CHECK(out[0] == '\0' && out[1] == '\0'); /* nothing of a secret left behind */
    GCH_CHECK_EQ_INT(gch_url_percent_decode("1234567", 7, out, sizeof out, &n), GCH_OK);
    GCH_CHECK_EQ_INT(n, 7);
}

static bool np(const char *list, const char *host, uint16_t port)
{
    return gch_no_proxy_match(list, strlen(list), host, strlen(host), port);
}

static void test_no_proxy_names(void)
{
    GCH_CHECK(np("*", "api.mypurecloud.com", 443));
    GCH_CHECK(np("localhost, *", "anything", 1));
    GCH_CHECK(np("example.com", "example.com", 443));
    GCH_CHECK(np("example.com", "www.example.com", 443));
    GCH_CHECK(np(".example.com", "www.example.com", 443));
    GCH_CHECK(np(".example.com", "example.com", 443));
    GCH_CHECK(!np("example.com", "nonexample.com", 443));
    GCH_CHECK(!np("www.example.com", "example.com", 443));
    GCH_CHECK(np("EXAMPLE.com", "Api.Example.COM", 443));
    GCH_CHECK(np("example.com.", "example.com", 443));
    GCH_CHECK(np("example.com", "example.com.", 443));
    GCH_CHECK(np("a.test,b.test , mypurecloud.com", "login.mypurecloud.com", 443));
    GCH_CHECK(np("a.test b.test", "b.test", 443)); /* blanks separate too, as in curl */
    GCH_CHECK(!np("", "example.com", 443));
    GCH_CHECK(!np(",,, ,", "example.com", 443));
    GCH_CHECK(!np("*.example.com", "www.example.com", 443)); /* no globbing but "*" alone */
}

static void test_no_proxy_ports(void)
{
    GCH_CHECK(np("localhost:8443", "localhost", 8443));
    GCH_CHECK(!np("localhost:8443", "localhost", 443));
    GCH_CHECK(np("example.com:443", "api.example.com", 443));
    GCH_CHECK(np("[::1]:8443", "::1", 8443));
    GCH_CHECK(!np("[::1]:8443", "::1", 9443));
    GCH_CHECK(np("127.0.0.1:99", "127.0.0.1", 99));
    GCH_CHECK(!np("localhost:0", "localhost", 0)); /* not a port: ignored */
    GCH_CHECK(!np("localhost:x", "localhost", 1));
}

static void test_no_proxy_addresses(void)
{
    GCH_CHECK(np("127.0.0.1", "127.0.0.1", 443));
    GCH_CHECK(!np("127.0.0.1", "127.0.0.2", 443));
    GCH_CHECK(!np("127.0.0.1", "localhost", 443)); /* never resolved */
    GCH_CHECK(!np("localhost", "127.0.0.1", 443));
    GCH_CHECK(np("::1", "::1", 443));
    GCH_CHECK(np("::1", "[::1]", 443));
    GCH_CHECK(np("[::1]", "0:0:0:0:0:0:0:1", 443)); /* compared as addresses */
    GCH_CHECK(np("10.0.0.0/8", "10.20.30.40", 443));
    GCH_CHECK(!np("10.0.0.0/8", "11.0.0.1", 443));
    GCH_CHECK(np("192.168.1.0/25", "192.168.1.127", 443));
    GCH_CHECK(!np("192.168.1.0/25", "192.168.1.128", 443));
    GCH_CHECK(np("0.0.0.0/0", "8.8.8.8", 443));
    GCH_CHECK(np("fd00::/8", "fd12:3456::1", 443));
    GCH_CHECK(!np("fd00::/8", "fe80::1", 443));
    GCH_CHECK(!np("10.0.0.0/33", "10.0.0.1", 443));
    GCH_CHECK(!np("::1", "127.0.0.1", 443)); /* another family */
    GCH_CHECK(!np("example.com/8", "example.com", 443));
}

static void test_edges_and_misuse(void)
{
    uint8_t ip[16];
    char out[4];
    size_t n;
    GCH_CHECK_EQ_INT(gch_ip_parse("FE80::ABCD", 10, ip), 16); /* upper-case hex */
    GCH_CHECK(ip[0] == 0xfe && ip[14] == 0xab && ip[15] == 0xcd);
    GCH_CHECK_EQ_INT(gch_ip_parse("1:2:3:4:5:6:7", 13, ip), 0); /* seven groups and no "::" */
    GCH_CHECK_EQ_INT(gch_ip_parse(NULL, 0, ip), 0);
    GCH_CHECK(!np("[::1", "::1", 443));   /* no closing bracket: ignored */
    GCH_CHECK(!np("[::1]x", "::1", 443)); /* junk after it: ignored */
    GCH_CHECK(!gch_no_proxy_match(NULL, 0, "h", 1, 443));
    GCH_CHECK(!np("*", ".", 443)); /* nothing left of the host */
    GCH_CHECK(!np("*", "[]", 443));
    GCH_CHECK_EQ_INT(gch_proxy_url_parse(NULL, 0, &u), GCH_ERR_ARG);
    GCH_CHECK_EQ_INT(parse("alice@proxy:3128"), GCH_OK); /* credentials without a scheme */
    GCH_CHECK_STR(u.user, u.user_len, "alice");
    GCH_CHECK_EQ_INT(gch_url_percent_decode("a", 1, out, 0, &n), GCH_ERR_ARG);
}

static void test_ip_parse(void)
{
    uint8_t ip[16];
    static const uint8_t mapped[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4 };
    GCH_CHECK_EQ_INT(gch_ip_parse("::ffff:1.2.3.4", 14, ip), 16);
    GCH_CHECK(memcmp(ip, mapped, 16) == 0);
    GCH_CHECK_EQ_INT(gch_ip_parse("1:2:3:4:5:6:7:8", 15, ip), 16);
    GCH_CHECK(ip[14] == 0 && ip[15] == 8);
    GCH_CHECK_EQ_INT(gch_ip_parse("1::", 3, ip), 16);
    GCH_CHECK(ip[1] == 1 && ip[15] == 0);
    GCH_CHECK_EQ_INT(gch_ip_parse("::", 2, ip), 16);
    GCH_CHECK_EQ_INT(gch_ip_parse("255.255.255.255", 15, ip), 4);
    const char *bad[] = { "1:2:3:4:5:6:7:8:9",
                          "1::2::3",
                          ":1::",
                          "1:",
                          "12345::",
                          "::1.2.3",
                          "1.2.3.256",
                          "1.2.3",
                          "1..2.3",
                          "1.2.3.4.5",
                          "",
                          "g::1",
                          "1:2:3:4:5:6:7::8:9",
                          "1:2:3:4:5:6:7:1.2.3.4" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        GCH_CHECK_EQ_INT(gch_ip_parse(bad[i], strlen(bad[i]), ip), 0);
    }
}

GCH_TEST_MAIN(GCH_TEST(test_plain_proxy_urls), GCH_TEST(test_credentials_in_the_url),
              GCH_TEST(test_what_is_not_a_proxy_url), GCH_TEST(test_percent_decode_limits),
              GCH_TEST(test_no_proxy_names), GCH_TEST(test_no_proxy_ports), GCH_TEST(test_no_proxy_addresses),
              GCH_TEST(test_ip_parse), GCH_TEST(test_edges_and_misuse))
