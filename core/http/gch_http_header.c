/*
 * gch_http_header.c - character classes for HTTP header fields (see the header).
 * One table so both directions agree on what a token is.
 */
#include "gch_http_header.h"

/* RFC 9110 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
 * "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA. One bit per byte value. */
static const uint32_t tchar_bits[8] = {
    0x00000000u,         /* 0x00-0x1f: controls */
    0x03ff6cfau,         /* 0x20-0x3f: ! # $ % & ' * + - . 0-9 */
    0xc7fffffeu,         /* 0x40-0x5f: A-Z ^ _ */
    0x57ffffffu,         /* 0x60-0x7f: ` a-z | ~ */
    0,           0, 0, 0 /* 0x80-0xff: never */
};

bool gch_http_is_tchar(uint8_t c)
{
    return (tchar_bits[c >> 5] >> (c & 31u)) & 1u;
}

bool gch_http_is_token(const char *s, size_t n)
{
    if (n == 0) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!gch_http_is_tchar((uint8_t)s[i])) {
            return false;
        }
    }
    return true;
}

bool gch_http_is_field_char(uint8_t c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

static uint8_t lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + ('a' - 'A')) : c;
}

bool gch_http_name_eq(const char *a, size_t a_len, const char *b, size_t b_len)
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
