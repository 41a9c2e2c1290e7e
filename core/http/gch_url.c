/*
 * gch_url.c - URL encoding, strict parsing and the same-origin guard (see gch_url.h).
 *
 * The guard is a security boundary: anything this file cannot classify with
 * certainty is refused, never "fixed up".
 */
#include "gch_url.h"

#include <string.h>

/* pchar / "/" / "?" except pct-encoded (RFC 3986 3.3, 3.4): unreserved, sub-delims,
 * ':' and '@'. One bit per byte 0x00-0x7f; bytes >= 0x80 are never allowed raw. */
static const uint32_t target_bits[4] = {
    0x00000000u, /* controls */
    0xafffffd2u, /* ! $ & ' ( ) * + , - . / 0-9 : ; = ? */
    0x87ffffffu, /* @ A-Z _ */
    0x47fffffeu, /* a-z ~ */
};

static bool is_target_char(uint8_t c)
{
    return c < 0x80 && ((target_bits[c >> 5] >> (c & 31u)) & 1u);
}

static bool is_alnum(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_unreserved(uint8_t c)
{
    return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static bool is_hex(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_regname_char(uint8_t c)
{
    return is_alnum(c) || c == '-' || c == '.';
}

static bool is_ipv6_char(uint8_t c)
{
    return is_hex(c) || c == ':' || c == '.';
}

static uint8_t lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + ('a' - 'A')) : c;
}

static bool equal_ci(const char *a, size_t a_len, const char *b, size_t b_len)
{
    if (a_len != b_len) {
        return false;
    }
    for (size_t i = 0; i < a_len; i++) {
        if (lower((uint8_t)a[i]) != lower((uint8_t)b[i])) {
            return false;
        }
    }
    return true;
}

/* "https://" in any case; the scheme is case-insensitive (RFC 3986 3.1). */
static bool has_prefix_ci(const char *s, size_t len, const char *prefix, size_t n)
{
    return len >= n && equal_ci(s, n, prefix, n);
}

void gch_url_encode_component(gch_buf_t *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";

    for (size_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)s[i];
        if (is_unreserved(c)) {
            gch_buf_append_byte(out, c);
        } else {
            char esc[3] = { '%', hex[c >> 4], hex[c & 15u] };
            gch_buf_append(out, esc, sizeof esc);
        }
    }
}

/* path-absolute [ "?" query ], never starting with "//". Fills the target slices. */
static gch_status_t parse_target(const char *s, size_t len, gch_url_t *url)
{
    if (len == 0 || s[0] != '/' || (len > 1 && s[1] == '/')) {
        return GCH_ERR_URL;
    }
    url->target = s;
    url->target_len = len;
    url->path = s;
    url->path_len = len;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)s[i];
        if (c == '%') {
            if (len - i < 3 || !is_hex((uint8_t)s[i + 1]) || !is_hex((uint8_t)s[i + 2])) {
                return GCH_ERR_URL;
            }
            i += 2;
        } else if (!is_target_char(c)) {
            return GCH_ERR_URL;
        } else if (c == '?' && url->query == NULL) {
            url->path_len = i;
            url->query = s + i + 1;
            url->query_len = len - i - 1;
        }
    }
    return GCH_OK;
}

/* ":" 1*5DIGIT with a value of 1..65535; an empty port is refused. */
static gch_status_t parse_port(const char *s, size_t len, uint16_t *port)
{
    uint32_t v = 0;

    if (len == 0 || len > 5) {
        return GCH_ERR_URL;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return GCH_ERR_URL;
        }
        v = v * 10u + (uint32_t)(s[i] - '0');
    }
    if (v == 0 || v > 65535u) {
        return GCH_ERR_URL;
    }
    *port = (uint16_t)v;
    return GCH_OK;
}

/* "[" IPv6 "]": hex digits, ':' and '.', at least two ':' (every IPv6 address has
 * them), so it can never be confused with a reg-name. No zone id, no IPvFuture. */
static bool is_ipv6_literal(const char *s, size_t len)
{
    size_t colons = 0;

    for (size_t i = 0; i < len; i++) {
        if (!is_ipv6_char((uint8_t)s[i])) {
            return false;
        }
        colons += s[i] == ':';
    }
    return colons >= 2;
}

static bool is_regname(const char *s, size_t len)
{
    if (len == 0) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (!is_regname_char((uint8_t)s[i])) {
            return false;
        }
    }
    return true;
}

/* authority = host [ ":" port ], no userinfo ('@' is simply not a host character). */
static gch_status_t parse_authority(const char *s, size_t len, gch_url_t *url)
{
    size_t host_end;

    url->port = GCH_URL_HTTPS_PORT;
    if (len > 0 && s[0] == '[') {
        const char *close = memchr(s, ']', len);
        if (close == NULL || !is_ipv6_literal(s + 1, (size_t)(close - s) - 1)) {
            return GCH_ERR_URL;
        }
        url->host = s + 1;
        url->host_len = (size_t)(close - s) - 1;
        url->host_ipv6 = true;
        host_end = (size_t)(close - s) + 1;
    } else {
        const char *colon = memchr(s, ':', len);
        host_end = colon ? (size_t)(colon - s) : len;
        if (!is_regname(s, host_end)) {
            return GCH_ERR_URL;
        }
        url->host = s;
        url->host_len = host_end;
    }
    if (host_end == len) {
        return GCH_OK;
    }
    if (s[host_end] != ':') {
        return GCH_ERR_URL;
    }
    return parse_port(s + host_end + 1, len - host_end - 1, &url->port);
}

gch_status_t gch_url_parse(const char *s, size_t len, gch_url_t *url)
{
    static const char https[] = "https://";
    const size_t scheme_len = sizeof https - 1;

    if (s == NULL || url == NULL) {
        return GCH_ERR_ARG;
    }
    memset(url, 0, sizeof *url);
    if (len > 0 && s[0] == '/') {
        return parse_target(s, len, url);
    }
    if (!has_prefix_ci(s, len, https, scheme_len)) {
        return GCH_ERR_URL; /* http://, other schemes, relative paths: never followed */
    }
    const char *auth = s + scheme_len;
    size_t rest = len - scheme_len;
    const char *slash = memchr(auth, '/', rest);
    if (slash == NULL) {
        return GCH_ERR_URL; /* no path: refused rather than guessed */
    }
    gch_status_t st = parse_authority(auth, (size_t)(slash - auth), url);
    if (st != GCH_OK) {
        return st;
    }
    url->absolute = true;
    return parse_target(slash, rest - (size_t)(slash - auth), url);
}

gch_status_t gch_url_same_origin_path(const char *host, size_t host_len, uint16_t port, const char *uri, size_t uri_len,
                                      const char **target, size_t *target_len)
{
    gch_url_t url;

    if (host == NULL || uri == NULL || target == NULL || target_len == NULL || port == 0) {
        return GCH_ERR_ARG;
    }
    /* The configured host may be written with or without IPv6 brackets. */
    if (host_len >= 2 && host[0] == '[' && host[host_len - 1] == ']') {
        host++;
        host_len -= 2;
    }
    bool host_ipv6 = memchr(host, ':', host_len) != NULL;
    if (host_ipv6 ? !is_ipv6_literal(host, host_len) : !is_regname(host, host_len)) {
        return GCH_ERR_ARG;
    }
    /* A network-path reference names another authority by definition. */
    if (uri_len >= 2 && uri[0] == '/' && (uri[1] == '/' || uri[1] == '\\')) {
        return GCH_ERR_URL_FOREIGN_HOST;
    }
    gch_status_t st = gch_url_parse(uri, uri_len, &url);
    if (st != GCH_OK) {
        return st;
    }
    if (url.absolute &&
        (url.host_ipv6 != host_ipv6 || url.port != port || !equal_ci(url.host, url.host_len, host, host_len))) {
        return GCH_ERR_URL_FOREIGN_HOST;
    }
    *target = url.target;
    *target_len = url.target_len;
    return GCH_OK;
}
