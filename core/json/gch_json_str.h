/*
 * gch_json_str.h - JSON string and number text: decode, compare, encode.
 *
 * "Raw" means the bytes between a string's quotes as they sit in the document,
 * escapes not decoded (what jsmn's string tokens and the splitter point at).
 * Everything here works on raw slices without copying the document, so keys and
 * ids can be compared where they lie ("Get\u0043ustomerOrder" equals
 * "GetCustomerOrder"). Used by every gch_json_* module; callers elsewhere should
 * need only gch_json_unescape() and gch_json_escape().
 */
#ifndef GCH_JSON_STR_H
#define GCH_JSON_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"
#include "gch_json_sink.h"

/*
 * Decodes raw into out[0..cap): every escape incl. \uXXXX and surrogate pairs,
 * written as UTF-8. Other bytes are copied as they are (UTF-8 is not checked).
 * out may be raw itself: decoding never grows. Not NUL-terminated.
 * GCH_ERR_JSON_SYNTAX: bad escape, lone surrogate or raw control character.
 * GCH_ERR_NOSPACE: does not fit (out then holds an unspecified prefix).
 */
gch_status_t gch_json_unescape(const char *raw, size_t n, char *out, size_t cap, size_t *out_len);

/*
 * Like gch_json_unescape() but keeps the longest prefix of whole characters that
 * fits and sets *truncated: for human-readable text (error messages) only.
 */
gch_status_t gch_json_unescape_prefix(const char *raw, size_t n, char *out, size_t cap, size_t *out_len,
                                      bool *truncated);

/* Decoded raw equals s[0..slen). False on any malformed escape. */
bool gch_json_raw_eq(const char *raw, size_t n, const char *s, size_t slen);

/* Two raw strings decode to the same bytes. */
bool gch_json_raw_eq_raw(const char *a, size_t an, const char *b, size_t bn);

/*
 * Emits text[0..n) JSON-escaped (no surrounding quotes): '"', '\' and control
 * characters are escaped (\n \r \t \b \f, else \u00XX); every other byte,
 * UTF-8 included, is passed through in runs as long as possible.
 */
gch_status_t gch_json_escape(const char *text, size_t n, gch_json_sink_fn sink, void *ctx);

typedef enum {
    GCH_JSON_INT_OK = 0,
    GCH_JSON_INT_NOT_INTEGER, /* not a JSON integer: 3.5, 1e2, 1.0, "", junk */
    GCH_JSON_INT_OVERFLOW     /* an integer outside int64_t */
} gch_json_int_t;

/* Parses number text p[0..n) as a JSON integer (-?(0|[1-9][0-9]*)). */
gch_json_int_t gch_json_parse_int(const char *p, size_t n, int64_t *out);

#endif
