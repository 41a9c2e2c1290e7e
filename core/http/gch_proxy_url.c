/*
 * gch_proxy_url.c - the proxy URL (see gch_proxy_url.h).
 */
#include "gch_proxy_url.h"

#include <string.h>

#include "base/gch_hex.h"

#include "base/gch_wipe.h"

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* RFC 3986 userinfo: unreserved / pct-encoded / sub-delims / ":". */
static bool is_userinfo(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= n || gch_hex_digit((unsigned char)s[i + 1]) < 0 ||
                gch_hex_digit((unsigned char)s[i + 2]) < 0) {
                return false;
            }
            i += 2;
        } else if (!is_alpha(c) && !is_digit(c) && strchr("-._~!$&'()*+,;=:", c) == NULL) {
            return false;
        }
    }
    return true;
}

static bool is_reg_name(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-' && s[i] != '.') {
            return false;
        }
    }
    return n > 0;
}

static bool is_ipv6_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (gch_hex_digit((unsigned char)s[i]) < 0 && s[i] != ':' && s[i] != '.') {
            return false;
        }
    }
    return n >= 2 && memchr(s, ':', n) != NULL;
}

/* 1..65535, digits only. */
static bool parse_port(const char *s, size_t n, uint16_t *port)
{
    uint32_t v = 0;
    if (n == 0 || n > 5) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i])) {
            return false;
        }
        v = v * 10u + (uint32_t)(s[i] - '0');
    }
    if (v == 0 || v > 65535u) {
        return false;
    }
    *port = (uint16_t)v;
    return true;
}

/* host[:port] or [v6][:port] */
static gch_status_t parse_host_port(const char *s, size_t n, gch_proxy_url_t *url)
{
    const char *port = NULL;
    size_t port_len = 0;
    if (n > 0 && s[0] == '[') {
        const char *end = memchr(s, ']', n);
        if (end == NULL) {
            return GCH_ERR_URL;
        }
        url->host = s + 1;
        url->host_len = (size_t)(end - s) - 1u;
        url->host_ipv6 = true;
        if (!is_ipv6_text(url->host, url->host_len)) {
            return GCH_ERR_URL;
        }
        size_t rest = n - (size_t)(end - s) - 1u;
        if (rest > 0) {
            if (end[1] != ':') {
                return GCH_ERR_URL;
            }
            port = end + 2;
            port_len = rest - 1u;
        }
    } else {
        const char *colon = memchr(s, ':', n);
        url->host = s;
        url->host_len = colon != NULL ? (size_t)(colon - s) : n;
        if (!is_reg_name(url->host, url->host_len)) {
            return GCH_ERR_URL;
        }
        if (colon != NULL) {
            port = colon + 1;
            port_len = n - url->host_len - 1u;
        }
    }
    url->port = GCH_PROXY_DEFAULT_PORT;
    if (port != NULL && !parse_port(port, port_len, &url->port)) {
        return GCH_ERR_URL;
    }
    return GCH_OK;
}

gch_status_t gch_proxy_url_parse(const char *s, size_t len, gch_proxy_url_t *url)
{
    if (s == NULL || url == NULL) {
        return GCH_ERR_ARG;
    }
    memset(url, 0, sizeof *url);
    /* scheme "://", when there is one before the authority */
    for (size_t i = 0; i + 2 < len; i++) {
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') {
            bool scheme = i > 0 && is_alpha(s[0]);
            for (size_t k = 1; k < i && scheme; k++) {
                scheme = is_alpha(s[k]) || is_digit(s[k]) || s[k] == '+' || s[k] == '-' || s[k] == '.';
            }
            if (!scheme) {
                return GCH_ERR_URL;
            }
            if (i != 4 || (s[0] | 0x20) != 'h' || (s[1] | 0x20) != 't' || (s[2] | 0x20) != 't' ||
                (s[3] | 0x20) != 'p') {
                return GCH_ERR_CONFIG;
            }
            s += i + 3;
            len -= i + 3;
            break;
        }
        if (s[i] == '/' || s[i] == '@') {
            break;
        }
    }
    /* the authority, then nothing but an optional "/" */
    const char *slash = memchr(s, '/', len);
    size_t auth_len = slash != NULL ? (size_t)(slash - s) : len;
    if (slash != NULL && auth_len + 1u != len) {
        return GCH_ERR_URL;
    }
    const char *at = NULL;
    for (size_t i = 0; i < auth_len; i++) {
        if (s[i] == '@') {
            at = s + i; /* the last '@': a host has none */
        }
    }
    if (at != NULL) {
        size_t info_len = (size_t)(at - s);
        if (!is_userinfo(s, info_len)) {
            return GCH_ERR_URL;
        }
        const char *colon = memchr(s, ':', info_len);
        url->has_credentials = true;
        url->user = s;
        url->user_len = colon != NULL ? (size_t)(colon - s) : info_len;
        url->password = colon != NULL ? colon + 1 : at;
        url->password_len = colon != NULL ? info_len - url->user_len - 1u : 0u;
        auth_len -= info_len + 1u;
        s = at + 1;
    }
    return parse_host_port(s, auth_len, url);
}

gch_status_t gch_url_percent_decode(const char *s, size_t len, char *out, size_t cap, size_t *out_len)
{
    size_t n = 0;
    gch_status_t st = GCH_OK;
    if (cap == 0 || (s == NULL && len > 0)) {
        return GCH_ERR_ARG;
    }
    for (size_t i = 0; i < len && st == GCH_OK; i++) {
        int c = (uint8_t)s[i];
        if (c == '%') {
            int hi = i + 2 < len ? gch_hex_digit((unsigned char)s[i + 1]) : -1;
            int lo = i + 2 < len ? gch_hex_digit((unsigned char)s[i + 2]) : -1;
            c = (hi < 0 || lo < 0) ? 0 : hi * 16 + lo;
            i += 2;
        }
        if (c < 0x20 || c == 0x7f) {
            st = GCH_ERR_URL;
        } else if (n + 1u >= cap) {
            st = GCH_ERR_NOSPACE;
        } else {
            out[n++] = (char)c;
        }
    }
    if (st != GCH_OK) {
        gch_wipe(out, n); /* a piece of a password is still a secret */
        n = 0;
    }
    out[n] = '\0';
    *out_len = n;
    return st;
}
