/*
 * gch_pem.c - certificates out of a PEM stream (see gch_pem.h).
 */
#include "gch_pem.h"

#include <string.h>

static const char begin_cert[] = "-----BEGIN CERTIFICATE-----";
static const char end_cert[] = "-----END CERTIFICATE-----";

void gch_pem_init(gch_pem_reader_t *r, uint8_t *der, size_t cap)
{
    memset(r, 0, sizeof *r);
    r->der = der;
    r->cap = cap;
    r->line_start = true;
}

static int b64_value(uint8_t c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static void start_block(gch_pem_reader_t *r)
{
    r->in_block = true;
    r->bad = false;
    r->len = 0;
    r->quad = 0;
    r->nq = 0;
    r->pad = 0;
}

/* One base64 character (or '=') of a block. */
static void b64_char(gch_pem_reader_t *r, uint8_t c)
{
    int v = c == '=' ? 0 : b64_value(c);
    if (v < 0 || (r->pad > 0 && c != '=') || (c == '=' && r->nq < 2)) {
        r->bad = true;
        return;
    }
    r->pad = (uint8_t)(r->pad + (c == '='));
    r->quad = r->quad << 6 | (uint32_t)v;
    if (++r->nq < 4) {
        return;
    }
    size_t n = 3u - r->pad;
    if (n > r->cap - r->len) {
        r->bad = true; /* larger than any certificate we accept */
    } else {
        uint8_t b[3] = { (uint8_t)(r->quad >> 16), (uint8_t)(r->quad >> 8), (uint8_t)r->quad };
        memcpy(r->der + r->len, b, n);
        r->len += n;
    }
    r->quad = 0;
    r->nq = 0;
}

static bool line_is(const gch_pem_reader_t *r, const char *marker)
{
    size_t n = strlen(marker);
    return r->line_len == n && memcmp(r->line, marker, n) == 0;
}

/* A line that began with '-' is complete. */
static void marker_line(gch_pem_reader_t *r, gch_pem_cert_fn cert_cb, void *ctx)
{
    while (r->line_len > 0 && r->line_len <= sizeof r->line &&
           (r->line[r->line_len - 1] == '\r' || r->line[r->line_len - 1] == ' ' || r->line[r->line_len - 1] == '\t')) {
        r->line_len--;
    }
    if (!r->in_block) {
        if (line_is(r, begin_cert)) {
            start_block(r);
        }
        return;
    }
    r->in_block = false;
    if (line_is(r, end_cert) && !r->bad && r->nq == 0 && r->len > 0) {
        r->certs++;
        cert_cb(ctx, r->der, r->len);
    } else {
        r->skipped++; /* a broken block, or another BEGIN/END inside it */
        if (line_is(r, begin_cert)) {
            start_block(r);
        }
    }
}

static void end_line(gch_pem_reader_t *r, gch_pem_cert_fn cert_cb, void *ctx)
{
    if (r->marker) {
        marker_line(r, cert_cb, ctx);
    }
    r->line_start = true;
    r->marker = false;
    r->line_len = 0;
}

void gch_pem_feed(gch_pem_reader_t *r, const uint8_t *in, size_t len, gch_pem_cert_fn cert_cb, void *ctx)
{
    for (size_t i = 0; i < len; i++) {
        uint8_t c = in[i];
        if (c == '\n') {
            end_line(r, cert_cb, ctx);
            continue;
        }
        if (r->line_start) {
            r->line_start = false;
            r->marker = c == '-';
        }
        if (r->marker) {
            if (r->line_len < sizeof r->line) {
                r->line[r->line_len] = (char)c;
            }
            r->line_len++; /* an overlong line matches no marker */
        } else if (r->in_block && c != ' ' && c != '\t' && c != '\r') {
            b64_char(r, c);
        }
    }
}

void gch_pem_finish(gch_pem_reader_t *r, gch_pem_cert_fn cert_cb, void *ctx)
{
    end_line(r, cert_cb, ctx);
    if (r->in_block) {
        r->in_block = false;
        r->skipped++; /* no END line */
    }
}
