/* gch_base64.c - base64 encoder into a bounded buffer (login only). */
#include "gch_base64.h"

#include <stdint.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void gch_base64_append(gch_buf_t *out, const void *data, size_t len)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        size_t n = len - i;
        if (n > 1) {
            v |= (uint32_t)p[i + 1] << 8;
        }
        if (n > 2) {
            v |= p[i + 2];
        }
        char q[4] = { alphabet[(v >> 18) & 63], alphabet[(v >> 12) & 63], n > 1 ? alphabet[(v >> 6) & 63] : '=',
                      n > 2 ? alphabet[v & 63] : '=' };
        gch_buf_append(out, q, 4);
    }
}
