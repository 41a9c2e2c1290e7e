/*
 * gch_json_str.c - JSON string decode/compare/encode and integer text (see gch_json_str.h).
 *
 * Decoding runs memchr() to the next backslash and moves whole runs, because the
 * strings we decode (templates, messages) are long and mostly escape-free.
 */
#include "gch_json_str.h"

#include <string.h>

#include "base/gch_hex.h"

/* Reads 4 hex digits at p[0..4) of an n-byte remainder; -1 if malformed. */
static long hex4(const char *p, size_t n)
{
    long v = 0;
    if (n < 4u) {
        return -1;
    }
    for (size_t k = 0; k < 4u; k++) {
        int h = gch_hex_digit((unsigned char)p[k]);
        if (h < 0) {
            return -1;
        }
        v = v * 16 + h;
    }
    return v;
}

static size_t utf8_encode(unsigned long cp, unsigned char u8[4])
{
    if (cp < 0x80u) {
        u8[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800u) {
        u8[0] = (unsigned char)(0xC0u | (cp >> 6));
        u8[1] = (unsigned char)(0x80u | (cp & 0x3Fu));
        return 2;
    }
    if (cp < 0x10000u) {
        u8[0] = (unsigned char)(0xE0u | (cp >> 12));
        u8[1] = (unsigned char)(0x80u | ((cp >> 6) & 0x3Fu));
        u8[2] = (unsigned char)(0x80u | (cp & 0x3Fu));
        return 3;
    }
    u8[0] = (unsigned char)(0xF0u | (cp >> 18));
    u8[1] = (unsigned char)(0x80u | ((cp >> 12) & 0x3Fu));
    u8[2] = (unsigned char)(0x80u | ((cp >> 6) & 0x3Fu));
    u8[3] = (unsigned char)(0x80u | (cp & 0x3Fu));
    return 4;
}

/*
 * Decodes the escape starting at raw[*i] == '\'. Writes its 1..4 UTF-8 bytes to
 * u8 and advances *i past it. Returns the byte count, 0 if malformed.
 */
static size_t decode_escape(const char *raw, size_t n, size_t *i, unsigned char u8[4])
{
    size_t k = *i + 1u;
    long hi, lo;
    if (k >= n) {
        return 0;
    }
    switch (raw[k]) {
    case '"': u8[0] = '"'; break;
    case '\\': u8[0] = '\\'; break;
    case '/': u8[0] = '/'; break;
    case 'b': u8[0] = '\b'; break;
    case 'f': u8[0] = '\f'; break;
    case 'n': u8[0] = '\n'; break;
    case 'r': u8[0] = '\r'; break;
    case 't': u8[0] = '\t'; break;
    case 'u':
        hi = hex4(raw + k + 1u, n - k - 1u);
        if (hi < 0 || (hi >= 0xDC00 && hi <= 0xDFFF)) {
            return 0; /* malformed, or a low surrogate with no high one */
        }
        if (hi < 0xD800 || hi > 0xDBFF) {
            *i = k + 5u;
            return utf8_encode((unsigned long)hi, u8);
        }
        /* A high surrogate must be followed by \u and a low surrogate. */
        if (n - k < 11u || raw[k + 5u] != '\\' || raw[k + 6u] != 'u') {
            return 0;
        }
        lo = hex4(raw + k + 7u, n - k - 7u);
        if (lo < 0xDC00 || lo > 0xDFFF) {
            return 0;
        }
        *i = k + 11u;
        return utf8_encode(0x10000ul + (((unsigned long)hi - 0xD800ul) << 10) + ((unsigned long)lo - 0xDC00ul), u8);
    default: return 0;
    }
    *i = k + 1u;
    return 1;
}

/* Length of the plain run at raw[i..n): up to the next '\' or control character. */
static size_t plain_run(const char *raw, size_t n, size_t i, bool *bad)
{
    const char *bs = memchr(raw + i, '\\', n - i);
    size_t end = bs ? (size_t)(bs - raw) : n;
    for (size_t k = i; k < end; k++) {
        if ((unsigned char)raw[k] < 0x20u) {
            *bad = true;
            return k - i;
        }
    }
    return end - i;
}

/* Backs a cut at run[k] off to the start of the UTF-8 character it would split. */
static size_t utf8_cut(const char *run, size_t k)
{
    while (k > 0 && ((unsigned char)run[k] & 0xC0u) == 0x80u) {
        k--;
    }
    return k;
}

static gch_status_t unescape(const char *raw, size_t n, char *out, size_t cap, size_t *out_len, bool *truncated)
{
    size_t i = 0, o = 0;
    while (i < n) {
        bool bad = false;
        size_t run = plain_run(raw, n, i, &bad);
        if (run > cap - o) {
            if (!truncated) {
                return GCH_ERR_NOSPACE;
            }
            run = utf8_cut(raw + i, cap - o);
            if (run > 0) {
                memmove(out + o, raw + i, run);
            }
            *out_len = o + run;
            *truncated = true;
            return GCH_OK;
        }
        if (run > 0) {
            memmove(out + o, raw + i, run);
        }
        o += run;
        i += run;
        if (bad) {
            return GCH_ERR_JSON_SYNTAX;
        }
        if (i < n) {
            unsigned char u8[4];
            size_t m = decode_escape(raw, n, &i, u8);
            if (m == 0) {
                return GCH_ERR_JSON_SYNTAX;
            }
            if (m > cap - o) {
                if (!truncated) {
                    return GCH_ERR_NOSPACE;
                }
                *out_len = o;
                *truncated = true;
                return GCH_OK;
            }
            memcpy(out + o, u8, m);
            o += m;
        }
    }
    *out_len = o;
    return GCH_OK;
}

gch_status_t gch_json_unescape(const char *raw, size_t n, char *out, size_t cap, size_t *out_len)
{
    return unescape(raw, n, out, cap, out_len, NULL);
}

gch_status_t gch_json_unescape_prefix(const char *raw, size_t n, char *out, size_t cap, size_t *out_len,
                                      bool *truncated)
{
    *truncated = false;
    return unescape(raw, n, out, cap, out_len, truncated);
}

/* Yields the decoded bytes of a raw string one at a time, for comparisons. */
typedef struct {
    const char *raw;
    size_t n, i;
    unsigned char pend[4];
    size_t np, ip;
} str_iter_t;

/* Next decoded byte, -1 at the end, -2 if malformed. */
static int iter_next(str_iter_t *it)
{
    unsigned char c;
    if (it->ip < it->np) {
        return it->pend[it->ip++];
    }
    if (it->i >= it->n) {
        return -1;
    }
    c = (unsigned char)it->raw[it->i];
    if (c < 0x20u) {
        return -2;
    }
    if (c != '\\') {
        it->i++;
        return c;
    }
    it->np = decode_escape(it->raw, it->n, &it->i, it->pend);
    if (it->np == 0) {
        return -2;
    }
    it->ip = 1;
    return it->pend[0];
}

static bool iter_eq(str_iter_t *a, str_iter_t *b)
{
    for (;;) {
        int x = iter_next(a), y = iter_next(b);
        if (x == -2 || y == -2 || x != y) {
            return false;
        }
        if (x == -1) {
            return true;
        }
    }
}

bool gch_json_raw_eq(const char *raw, size_t n, const char *s, size_t slen)
{
    str_iter_t a = { raw, n, 0, { 0 }, 0, 0 };
    const char *p = s;
    size_t k = 0;
    int x;

    if (!memchr(raw, '\\', n)) { /* the common case: no escapes */
        return n == slen && memcmp(raw, s, n) == 0;
    }
    while ((x = iter_next(&a)) >= 0) {
        if (k == slen || (unsigned char)p[k] != (unsigned)x) {
            return false;
        }
        k++;
    }
    return x == -1 && k == slen;
}

bool gch_json_raw_eq_raw(const char *a, size_t an, const char *b, size_t bn)
{
    str_iter_t x = { a, an, 0, { 0 }, 0, 0 };
    str_iter_t y = { b, bn, 0, { 0 }, 0, 0 };
    return iter_eq(&x, &y);
}

static bool needs_escape(unsigned char c)
{
    return c < 0x20u || c == '"' || c == '\\';
}

gch_status_t gch_json_escape(const char *text, size_t n, gch_json_sink_fn sink, void *ctx)
{
    static const char hexd[] = "0123456789abcdef";
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        gch_status_t st;
        char esc[6] = { '\\', 'u', '0', '0', 0, 0 };
        size_t elen = 2;
        unsigned char c;

        while (i < n && !needs_escape((unsigned char)text[i])) {
            i++;
        }
        if (i > start && (st = sink(ctx, text + start, i - start)) != GCH_OK) {
            return st;
        }
        if (i == n) {
            break;
        }
        c = (unsigned char)text[i++];
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[4] = hexd[c >> 4];
            esc[5] = hexd[c & 15u];
            elen = 6;
            break;
        }
        if ((st = sink(ctx, esc, elen)) != GCH_OK) {
            return st;
        }
    }
    return GCH_OK;
}

gch_json_int_t gch_json_parse_int(const char *p, size_t n, int64_t *out)
{
    bool neg = n > 0 && p[0] == '-';
    size_t i = neg ? 1u : 0u;
    uint64_t limit = (uint64_t)INT64_MAX + (neg ? 1u : 0u), v = 0;
    bool overflow = false;

    if (i == n || (p[i] == '0' && n - i > 1u)) {
        return GCH_JSON_INT_NOT_INTEGER; /* empty, "-", or a leading zero / "0.5" */
    }
    for (; i < n; i++) {
        unsigned d = (unsigned char)p[i] - (unsigned)'0';
        if (d > 9u) {
            return GCH_JSON_INT_NOT_INTEGER; /* '.', 'e', junk */
        }
        if (v > (limit - d) / 10u) {
            overflow = true; /* keep going: "1e999999" is still not an integer */
        } else {
            v = v * 10u + d;
        }
    }
    if (overflow) {
        return GCH_JSON_INT_OVERFLOW;
    }
    if (neg) {
        *out = v == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)v;
    } else {
        *out = (int64_t)v;
    }
    return GCH_JSON_INT_OK;
}
