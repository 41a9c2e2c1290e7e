/*
 * fuzz_proxy_env.c - libFuzzer harness for what the proxy settings parse
 * (core/http/gch_proxy_url.h, gch_no_proxy.h): the proxy URL, the percent
 * decoding of its credentials, the NO_PROXY list and the IP literal parser.
 *
 * Input: byte 0 splits the rest into a NO_PROXY list and a host; the whole rest
 * is also a proxy URL and an IP literal.
 * Properties: no memory error; a parsed URL's slices lie inside the input, its
 * host is non-empty and holds no byte that could end a host ('@', '/', ':'
 * outside an IPv6 literal, controls), its port is 1..65535; decoded credentials
 * hold no control byte; an IP literal printed back in full form parses to the
 * same bytes; the list "*" and the list made of the host itself match, adding
 * separators to a list changes nothing, and a match on port p with a port-less
 * list is a match on every port.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz_util.h"
#include "http/gch_no_proxy.h"
#include "http/gch_proxy_url.h"

static void check_url(const char *s, size_t n)
{
    static char out[512];
    gch_proxy_url_t u;
    gch_status_t st = gch_proxy_url_parse(s, n, &u);
    FUZZ_ASSERT(st == GCH_OK || st == GCH_ERR_URL || st == GCH_ERR_CONFIG);
    if (st != GCH_OK)
        return;
    FUZZ_ASSERT(u.host >= s && u.host_len > 0 && u.host + u.host_len <= s + n && u.port >= 1);
    for (size_t i = 0; i < u.host_len; i++) {
        char c = u.host[i];
        FUZZ_ASSERT(c > 0x20 && c < 0x7f && c != '@' && c != '/' && c != '[' && c != ']');
        FUZZ_ASSERT(c != ':' || u.host_ipv6);
    }
    if (!u.has_credentials)
        return;
    FUZZ_ASSERT(u.user >= s && u.user + u.user_len <= u.host);
    FUZZ_ASSERT(memchr(u.user, ':', u.user_len) == NULL && memchr(u.user, '@', u.user_len) == NULL);
    size_t len = 0;
    st = gch_url_percent_decode(u.password, u.password_len, out, sizeof out, &len);
    FUZZ_ASSERT(st == GCH_OK || st == GCH_ERR_URL || st == GCH_ERR_NOSPACE);
    FUZZ_ASSERT(strlen(out) == (st == GCH_OK ? len : 0));
    for (size_t i = 0; i < len && st == GCH_OK; i++)
        FUZZ_ASSERT((unsigned char)out[i] >= 0x20 && out[i] != 0x7f);
}

static void check_ip(const char *s, size_t n)
{
    uint8_t ip[16], again[16];
    char text[64];
    int fam = gch_ip_parse(s, n, ip);
    FUZZ_ASSERT(fam == 0 || fam == 4 || fam == 16);
    if (fam == 4) {
        int k = snprintf(text, sizeof text, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
        FUZZ_ASSERT(gch_ip_parse(text, (size_t)k, again) == 4 && memcmp(ip, again, 4) == 0);
    } else if (fam == 16) {
        int k = 0;
        for (int w = 0; w < 8; w++)
            k += snprintf(text + k, sizeof text - (size_t)k, w ? ":%x" : "%x", ip[2 * w] << 8 | ip[2 * w + 1]);
        FUZZ_ASSERT(gch_ip_parse(text, (size_t)k, again) == 16 && memcmp(ip, again, 16) == 0);
    }
}

static void check_no_proxy(const char *list, size_t ln, const char *host, size_t hn)
{
    static char spaced[4096];
    uint16_t port = (uint16_t)(ln * 131u + hn);
    bool m = gch_no_proxy_match(list, ln, host, hn, port);
    /* separators around the list change nothing */
    if (ln + 6 <= sizeof spaced) {
        memcpy(spaced, " ,\t", 3);
        memcpy(spaced + 3, list, ln);
        memcpy(spaced + 3 + ln, " ,\t", 3);
        FUZZ_ASSERT(gch_no_proxy_match(spaced, ln + 6, host, hn, port) == m);
    }
    /* a list without any port or address text matches on every port alike */
    if (memchr(list, ':', ln) == NULL)
        FUZZ_ASSERT(gch_no_proxy_match(list, ln, host, hn, (uint16_t)(port + 1)) == m);
    bool named = hn > 0 && ((host[0] >= 'a' && host[0] <= 'z') || (host[0] >= '0' && host[0] <= '9'));
    if (named) {
        FUZZ_ASSERT(gch_no_proxy_match("*", 1, host, hn, port));
    }
    /* a plain name is matched by itself, in another case */
    bool plain = hn > 0 && hn < 200 && host[0] != '.' && host[hn - 1] != '.';
    for (size_t i = 0; i < hn && plain; i++)
        plain = (host[i] >= 'a' && host[i] <= 'z') || host[i] == '.' || host[i] == '-';
    if (plain) {
        char upper[200];
        for (size_t i = 0; i < hn; i++)
            upper[i] = (host[i] >= 'a' && host[i] <= 'z') ? (char)(host[i] - 32) : host[i];
        FUZZ_ASSERT(gch_no_proxy_match(upper, hn, host, hn, port));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    size_t cut = n ? data[0] % (n + 1) : 0;
    check_url(s, n);
    check_ip(s, n);
    check_no_proxy(s, cut, s + cut, n - cut);
    return 0;
}
