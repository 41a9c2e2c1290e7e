/*
 * gch_buf.c - bounded output builder (see gch_buf.h). Every other writer in core/
 * goes through gch_buf_append(), so the "never past cap" rule lives in one place.
 */
#include "gch_buf.h"

#include <string.h>

void gch_buf_init(gch_buf_t *b, char *data, size_t cap)
{
    b->data = data;
    b->cap = data ? cap : 0;
    b->len = 0;
    b->overflow = false;
}

void gch_buf_append(gch_buf_t *b, const void *bytes, size_t n)
{
    /* Once overflowed, stay incomplete: a later small append must not make the
     * contents look whole with a hole in the middle. */
    if (b->overflow || n > b->cap - b->len) {
        b->overflow = true;
        return;
    }
    if (n > 0) {
        memcpy(b->data + b->len, bytes, n);
        b->len += n;
    }
}

void gch_buf_append_str(gch_buf_t *b, const char *s)
{
    gch_buf_append(b, s, strlen(s));
}

void gch_buf_append_byte(gch_buf_t *b, uint8_t c)
{
    gch_buf_append(b, &c, 1);
}

void gch_buf_append_u64(gch_buf_t *b, uint64_t v)
{
    char digits[20]; /* UINT64_MAX has 20 decimal digits */
    size_t i = sizeof digits;

    do {
        digits[--i] = (char)('0' + (v % 10u));
        v /= 10u;
    } while (v != 0);
    gch_buf_append(b, digits + i, sizeof digits - i);
}

gch_status_t gch_buf_status(const gch_buf_t *b)
{
    return b->overflow ? GCH_ERR_NOSPACE : GCH_OK;
}

void gch_text_join(char *dst, size_t cap, const char *const *parts, size_t n)
{
    if (cap == 0) {
        return;
    }
    gch_buf_t b;
    gch_buf_init(&b, dst, cap - 1);
    for (size_t i = 0; i < n; i++) {
        const char *p = parts[i] != NULL ? parts[i] : "";
        size_t len = strlen(p);
        size_t room = b.cap - b.len;
        gch_buf_append(&b, p, len < room ? len : room); /* cut, never drop, a long part */
    }
    dst[b.len] = '\0';
}

const char *gch_u64_text(uint64_t v, char *out)
{
    char tmp[21];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    for (size_t i = 0; i < n; i++) {
        out[i] = tmp[n - 1 - i];
    }
    out[n] = '\0';
    return out;
}
