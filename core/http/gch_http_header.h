/*
 * gch_http_header.h - one HTTP header field, and the character rules that the
 * request writer and the response parser share (RFC 9110 token and field-value).
 *
 * Used by gch_http_request.c (caller headers to send) and gch_http_parser.c
 * (headers received, pointing into the parser's caller-owned header storage).
 */
#ifndef GCH_HTTP_HEADER_H
#define GCH_HTTP_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *name; /* not NUL-terminated; owner depends on the user (see each API) */
    size_t name_len;
    const char *value; /* not NUL-terminated; same owner as name */
    size_t value_len;
} gch_http_header_t;

/* tchar: the characters of a method or a header name. */
bool gch_http_is_tchar(uint8_t c);

/* A non-empty run of tchar. */
bool gch_http_is_token(const char *s, size_t n);

/* A byte allowed inside a field value: HTAB, SP, VCHAR, obs-text. Never CR, LF, NUL. */
bool gch_http_is_field_char(uint8_t c);

/* ASCII case-insensitive equality of two byte runs. */
bool gch_http_name_eq(const char *a, size_t a_len, const char *b, size_t b_len);

#endif
