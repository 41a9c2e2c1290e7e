/*
 * fuzz_chunked.c - libFuzzer harness for the chunked decoder inside the HTTP
 * parser (core/http/gch_http_parser.h): a fixed "Transfer-Encoding: chunked" head,
 * then the fuzzer's bytes as the chunked body, fed in random slices.
 *
 * Input: byte 0 = flags (bit 0: max chunk size 64 instead of 16 MiB, bit 1: max
 * chunk-size line 8 bytes instead of 256), the rest = the chunked body.
 * Properties: no memory error; identical results whatever the slicing; and an
 * independent reference decoder for the plain grammar (hex size CRLF, data CRLF,
 * ..., "0" CRLF CRLF; no extensions, no trailers) agrees: whenever it decodes the
 * body, the parser reports DONE with the same bytes at the same offset, and
 * whenever it proves the framing wrong (a non-hex size, data not followed by CRLF,
 * a size over the bound) the parser reports an error, never DONE.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "http/gch_http_parser.h"

#define HEAD "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"

static char head_buf[1024];
static gch_http_header_t headers[8];
static uint8_t body[2][1 << 16];

typedef struct {
    gch_status_t st;
    bool done;
    size_t consumed; /* body bytes consumed (after the fixed head) up to DONE */
    size_t body_len;
    uint8_t *body;
} result_t;

typedef enum { REF_OK, REF_BAD, REF_UNKNOWN } ref_t;

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The plain chunked grammar, decoded the obvious way. REF_UNKNOWN covers what it
 * does not model (extensions, trailers, truncation, long lines). */
static ref_t reference(const uint8_t *in, size_t len, uint32_t max_chunk, uint32_t max_line, uint8_t *out,
                       size_t *out_len, size_t *end)
{
    size_t i = 0;
    *out_len = 0;
    for (;;) {
        uint64_t size = 0;
        size_t digits = 0, line_start = i;
        while (i < len && hexval(in[i]) >= 0) {
            size = size * 16u + (uint64_t)hexval(in[i++]);
            if (++digits > 8)
                return REF_UNKNOWN; /* long zero runs: the line bound decides */
        }
        if (i >= len)
            return REF_UNKNOWN;
        if (digits == 0)
            return (in[i] == ';' || in[i] == ' ' || in[i] == '\t') ? REF_UNKNOWN : REF_BAD;
        if (in[i] != '\r')
            return (in[i] == ';' || in[i] == ' ' || in[i] == '\t') ? REF_UNKNOWN : REF_BAD;
        if (i + 1 >= len)
            return REF_UNKNOWN;
        if (in[i + 1] != '\n')
            return REF_BAD;
        if (i + 2 - line_start > max_line)
            return REF_UNKNOWN; /* the line bound is checked: which error is the parser's business */
        i += 2;
        if (size > max_chunk)
            return REF_BAD;
        if (size == 0) {
            if (i + 2 > len)
                return REF_UNKNOWN;
            if (in[i] != '\r' || in[i + 1] != '\n')
                return REF_UNKNOWN; /* trailers */
            *end = i + 2;
            return REF_OK;
        }
        if (len - i < size + 2)
            return REF_UNKNOWN;
        memcpy(out + *out_len, in + i, (size_t)size);
        *out_len += (size_t)size;
        i += (size_t)size;
        if (in[i] != '\r' || in[i + 1] != '\n')
            return REF_BAD;
        i += 2;
    }
}

static void drive(result_t *r, const uint8_t *msg, size_t len, int mode, uint8_t flags, const uint8_t *seed,
                  size_t seed_len)
{
    gch_http_parser_config_t cfg = { head_buf, sizeof head_buf,        headers,
                                     8,        (flags & 1) ? 64u : 0u, (flags & 2) ? 8u : 0u };
    gch_http_parser_t p;
    gch_http_event_t ev;
    fuzz_rng_t rng;
    size_t off = 0, used = 0;

    r->done = false;
    r->body_len = 0;
    fuzz_rng_seed(&rng, seed, seed_len);
    FUZZ_ASSERT(gch_http_parser_init(&p, &cfg) == GCH_OK);
    /* The head, whole: this harness is about what follows it. */
    r->st = gch_http_parser_feed(&p, (const uint8_t *)HEAD, sizeof HEAD - 1, &used, &ev);
    FUZZ_ASSERT(r->st == GCH_OK && ev.type == GCH_HTTP_EV_HEAD && used == sizeof HEAD - 1);
    FUZZ_ASSERT(p.chunked);
    for (;;) {
        size_t avail = fuzz_piece(&rng, mode, len - off);
        const uint8_t *in = msg + off;
        for (;;) {
            used = 0;
            r->st = gch_http_parser_feed(&p, avail ? in : NULL, avail, &used, &ev);
            if (r->st != GCH_OK) {
                r->consumed = off;
                return;
            }
            in += used;
            avail -= used;
            off += used;
            if (ev.type == GCH_HTTP_EV_BODY) {
                FUZZ_ASSERT(r->body_len + ev.len <= len);
                memcpy(r->body + r->body_len, ev.data, ev.len);
                r->body_len += ev.len;
            } else if (ev.type == GCH_HTTP_EV_DONE) {
                FUZZ_ASSERT(p.body_bytes == r->body_len);
                r->done = true;
                r->consumed = off;
                return;
            } else if (ev.type == GCH_HTTP_EV_NEED_MORE) {
                break;
            }
        }
        if (off == len)
            break;
    }
    r->consumed = off;
    r->st = gch_http_parser_feed_eof(&p, &ev);
    FUZZ_ASSERT(r->st == GCH_ERR_TRUNCATED); /* a chunked body never ends at a close */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t ref_body[1 << 16];
    result_t a = { .body = body[0] }, b = { .body = body[1] };
    size_t ref_len = 0, ref_end = 0;
    ref_t ref;

    if (size < 1 || size - 1 > sizeof ref_body)
        return 0;
    drive(&a, data + 1, size - 1, 0, data[0], data, size);
    drive(&b, data + 1, size - 1, 2, data[0], data, size);
    FUZZ_ASSERT(a.st == b.st && a.done == b.done);
    FUZZ_ASSERT(a.body_len == b.body_len || !a.done);
    if (a.done)
        FUZZ_ASSERT(a.consumed == b.consumed && memcmp(a.body, b.body, a.body_len) == 0);

    ref = reference(data + 1, size - 1, (data[0] & 1) ? 64u : GCH_HTTP_MAX_CHUNK_SIZE,
                    (data[0] & 2) ? 8u : GCH_HTTP_MAX_CHUNK_LINE, ref_body, &ref_len, &ref_end);
    if (ref == REF_OK) {
        FUZZ_ASSERT(a.done && a.st == GCH_OK);
        FUZZ_ASSERT(a.consumed == ref_end);
        FUZZ_ASSERT(a.body_len == ref_len && memcmp(a.body, ref_body, ref_len) == 0);
    } else if (ref == REF_BAD) {
        FUZZ_ASSERT(!a.done && a.st != GCH_OK);
    }
    return 0;
}
