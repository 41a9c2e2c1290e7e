/*
 * gch_no_proxy.c - the NO_PROXY list (see gch_no_proxy.h).
 */
#include "gch_no_proxy.h"

#include <string.h>

#include "base/gch_hex.h"

/* Up to max decimal digits, at least one, value <= limit. */
static bool parse_decimal(const char *s, size_t n, size_t max, uint32_t limit, uint32_t *out)
{
    uint32_t v = 0;
    if (n == 0 || n > max) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        v = v * 10u + (uint32_t)(s[i] - '0');
    }
    if (v > limit) {
        return false;
    }
    *out = v;
    return true;
}

static bool parse_v4(const char *s, size_t n, uint8_t out[4])
{
    size_t part = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            uint32_t v;
            if (part == 4 || !parse_decimal(s + start, i - start, 3, 255, &v)) {
                return false;
            }
            out[part++] = (uint8_t)v;
            start = i + 1;
        }
    }
    return part == 4;
}

static bool parse_v6(const char *s, size_t n, uint8_t out[16])
{
    uint16_t words[8];
    size_t count = 0, i = 0;
    int gap = -1; /* index in words where "::" stands */
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (n == 0 || s[0] == ':') {
        return false;
    }
    while (i < n) {
        size_t j = i;
        uint32_t v = 0;
        while (j < n && j - i < 5 && gch_hex_digit((unsigned char)s[j]) >= 0) {
            v = v * 16u + (uint32_t)gch_hex_digit((unsigned char)s[j]);
            j++;
        }
        if (j < n && s[j] == '.') { /* an IPv4 tail: the last 32 bits */
            uint8_t v4[4];
            if (count > 6 || !parse_v4(s + i, n - i, v4)) {
                return false;
            }
            words[count++] = (uint16_t)(v4[0] << 8 | v4[1]);
            words[count++] = (uint16_t)(v4[2] << 8 | v4[3]);
            break;
        }
        if (j == i || j - i > 4 || count == 8) {
            return false;
        }
        words[count++] = (uint16_t)v;
        if (j == n) {
            break;
        }
        if (s[j] != ':' || j + 1 == n) {
            return false;
        }
        j++;
        if (s[j] == ':') {
            if (gap >= 0) {
                return false;
            }
            gap = (int)count;
            j++;
        }
        i = j;
    }
    if ((gap < 0 && count != 8) || (gap >= 0 && count > 7)) {
        return false;
    }
    size_t zeros = 8 - count;
    size_t k = 0;
    for (size_t w = 0; w < count; w++) {
        if ((int)w == gap) {
            for (size_t z = 0; z < zeros; z++, k++) {
                out[2 * k] = 0;
                out[2 * k + 1] = 0;
            }
        }
        out[2 * k] = (uint8_t)(words[w] >> 8);
        out[2 * k + 1] = (uint8_t)words[w];
        k++;
    }
    for (; k < 8; k++) { /* "::" at the end */
        out[2 * k] = 0;
        out[2 * k + 1] = 0;
    }
    return true;
}

int gch_ip_parse(const char *s, size_t len, uint8_t out[16])
{
    if (s == NULL) {
        return 0;
    }
    if (memchr(s, ':', len) != NULL) {
        return parse_v6(s, len, out) ? 16 : 0;
    }
    memset(out, 0, 16);
    return parse_v4(s, len, out) ? 4 : 0;
}

static bool eq_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = (a[i] >= 'A' && a[i] <= 'Z') ? (char)(a[i] + 32) : a[i];
        char y = (b[i] >= 'A' && b[i] <= 'Z') ? (char)(b[i] + 32) : b[i];
        if (x != y) {
            return false;
        }
    }
    return true;
}

static bool prefix_eq(const uint8_t *a, const uint8_t *b, uint32_t bits)
{
    size_t whole = bits / 8u;
    if (memcmp(a, b, whole) != 0) {
        return false;
    }
    uint32_t rest = bits % 8u;
    if (rest == 0) {
        return true;
    }
    uint8_t mask = (uint8_t)(0xffu << (8u - rest));
    return (a[whole] & mask) == (b[whole] & mask);
}

/* The host being connected to, read once. */
typedef struct {
    const char *name;
    size_t len;
    int family; /* 0 (a name), 4 or 16 */
    uint8_t ip[16];
    uint16_t port;
} target_t;

/* An entry split into its address or name, and its port or prefix length. */
typedef struct {
    const char *a;
    size_t len;
    bool has_port, has_bits, bad;
    uint32_t port, bits;
} entry_t;

static entry_t split_entry(const char *t, size_t n)
{
    entry_t e = { t, n, false, false, false, 0, 0 };
    const char *suffix = NULL;
    if (t[0] == '[') {
        const char *end = memchr(t, ']', n);
        if (end == NULL) {
            e.bad = true;
            return e;
        }
        e.a = t + 1;
        e.len = (size_t)(end - t) - 1u;
        suffix = end + 1;
    } else {
        const char *slash = memchr(t, '/', n);
        const char *colon = memchr(t, ':', n);
        if (slash != NULL) {
            e.len = (size_t)(slash - t);
            suffix = slash;
        } else if (colon != NULL && memchr(colon + 1, ':', n - (size_t)(colon - t) - 1u) == NULL) {
            e.len = (size_t)(colon - t); /* one colon: host:port (more: a bare IPv6) */
            suffix = colon;
        }
    }
    if (suffix != NULL && suffix < t + n) {
        size_t rest = n - (size_t)(suffix - t) - 1u;
        if (*suffix == ':') {
            e.has_port = true;
            e.bad = !parse_decimal(suffix + 1, rest, 5, 65535, &e.port) || e.port == 0;
        } else if (*suffix == '/') {
            e.has_bits = true;
            e.bad = !parse_decimal(suffix + 1, rest, 3, 128, &e.bits);
        } else {
            e.bad = true;
        }
    }
    return e;
}

static bool entry_matches(const char *t, size_t n, const target_t *h)
{
    if (n == 1 && t[0] == '*') {
        return true;
    }
    entry_t e = split_entry(t, n);
    if (e.bad || (e.has_port && e.port != h->port)) {
        return false;
    }
    uint8_t ip[16];
    int family = gch_ip_parse(e.a, e.len, ip);
    if (family != 0 || h->family != 0) {
        uint32_t bits = e.has_bits ? e.bits : (uint32_t)family * 8u;
        return family == h->family && bits <= (uint32_t)family * 8u && prefix_eq(ip, h->ip, bits);
    }
    if (e.has_bits) {
        return false; /* a prefix length belongs to an address */
    }
    const char *a = e.a;
    size_t len = e.len;
    if (len > 0 && a[0] == '.') {
        a++;
        len--;
    }
    if (len > 0 && a[len - 1] == '.') {
        len--;
    }
    if (len == 0 || len > h->len) {
        return false;
    }
    if (len == h->len) {
        return eq_ci(a, h->name, len);
    }
    return h->name[h->len - len - 1] == '.' && eq_ci(a, h->name + (h->len - len), len);
}

static bool is_separator(char c)
{
    return c == ',' || c == ' ' || c == '\t';
}

bool gch_no_proxy_match(const char *list, size_t list_len, const char *host, size_t host_len, uint16_t port)
{
    target_t h;
    memset(&h, 0, sizeof h);
    if (list == NULL || host == NULL) {
        return false;
    }
    if (host_len >= 2 && host[0] == '[' && host[host_len - 1] == ']') {
        host++;
        host_len -= 2;
    }
    h.family = gch_ip_parse(host, host_len, h.ip);
    if (h.family == 0 && host_len > 0 && host[host_len - 1] == '.') {
        host_len--;
    }
    if (host_len == 0) {
        return false;
    }
    h.name = host;
    h.len = host_len;
    h.port = port;
    size_t i = 0;
    while (i < list_len) {
        while (i < list_len && is_separator(list[i])) {
            i++;
        }
        size_t start = i;
        while (i < list_len && !is_separator(list[i])) {
            i++;
        }
        if (i > start && entry_matches(list + start, i - start, &h)) {
            return true;
        }
    }
    return false;
}
