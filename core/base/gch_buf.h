/*
 * gch_buf.h - a bounded output builder over a caller-owned byte array.
 *
 * Used by every writer in core/ (HTTP request heads, URL encoding, JSON, Genesys
 * requests). Appends never write past cap; an append that does not fit writes
 * nothing and sets `overflow`, after which every append is a no-op. Callers append
 * freely and check once at the end with gch_buf_status() (-> GCH_ERR_NOSPACE), so
 * a too-small buffer can never produce a truncated-but-plausible message.
 *
 * The contents are not NUL-terminated.
 */
#ifndef GCH_BUF_H
#define GCH_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gch_status.h"

typedef struct {
    char *data;    /* caller-owned storage of cap bytes; must outlive the builder */
    size_t cap;    /* size of data */
    size_t len;    /* bytes written so far, always <= cap */
    bool overflow; /* an append did not fit; the contents are incomplete */
} gch_buf_t;

/* Starts an empty builder over data[0..cap). data may be NULL only when cap is 0. */
void gch_buf_init(gch_buf_t *b, char *data, size_t cap);

/* Appends n bytes (all or nothing). */
void gch_buf_append(gch_buf_t *b, const void *bytes, size_t n);

/* Appends a NUL-terminated string, without its NUL. */
void gch_buf_append_str(gch_buf_t *b, const char *s);

/* Appends one byte. */
void gch_buf_append_byte(gch_buf_t *b, uint8_t c);

/* Appends v in decimal, no sign, no padding. */
void gch_buf_append_u64(gch_buf_t *b, uint64_t v);

/* GCH_OK, or GCH_ERR_NOSPACE if any append did not fit. */
gch_status_t gch_buf_status(const gch_buf_t *b);

/* Joins C strings into dst (always NUL-terminated, cut at cap) - the core's
 * message formatting, so core/ needs no stdio: GCH_TEXT(dst, cap, "a", s, "b"). */
void gch_text_join(char *dst, size_t cap, const char *const *parts, size_t n);
#define GCH_TEXT(dst, cap, ...)                                                                                        \
    gch_text_join((dst), (cap), (const char *const[]){ __VA_ARGS__ },                                                  \
                  sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

/* Decimal text of v in out (at least 21 bytes); returns out. */
const char *gch_u64_text(uint64_t v, char *out);

#endif
