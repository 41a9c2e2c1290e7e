/*
 * fuzz_http_parser.c - libFuzzer harness for the incremental HTTP/1.1 response
 * parser (core/http/gch_http_parser.h), fed the same bytes whole, one byte at a time
 * and in random slices.
 *
 * Input: byte 0 = flags (bit 0 response to HEAD, bit 1 report EOF at the end,
 * bit 2 a small 64-byte header store, bit 3 only 2 header slots), the rest = what
 * the server sent (possibly several pipelined responses).
 * Properties: no memory error; BODY slices lie inside the bytes of that feed call;
 * status, events, body bytes, keep-alive and the final status code are identical
 * whatever the slicing; a HEAD event always has a status of 3 digits; body_bytes
 * counts exactly the bytes delivered.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "http/gch_http_parser.h"

#define MAX_RESPONSES 8

typedef struct {
    gch_status_t st;
    char events[64];
    size_t n_events;
    uint32_t body_hash;
    uint64_t body_len;
    uint16_t status[MAX_RESPONSES];
    bool keep_alive[MAX_RESPONSES];
    size_t responses;
    size_t consumed;
} trace_t;

static char head_buf[8192];
static gch_http_header_t headers[48];

static void record(trace_t *t, const gch_http_parser_t *p, const gch_http_event_t *ev, const uint8_t *in, size_t avail)
{
    char c = ev->type == GCH_HTTP_EV_HEAD ? 'H' : ev->type == GCH_HTTP_EV_BODY ? 'B' : 'D';
    if (ev->type == GCH_HTTP_EV_BODY) {
        FUZZ_ASSERT(ev->len > 0 && ev->data >= in && ev->data + ev->len <= in + avail);
        for (size_t i = 0; i < ev->len; i++)
            t->body_hash = (t->body_hash ^ ev->data[i]) * 16777619u;
        t->body_len += ev->len;
    }
    if (ev->type == GCH_HTTP_EV_HEAD) {
        FUZZ_ASSERT(p->status >= 100 && p->status <= 999);
        FUZZ_ASSERT(p->header_count <= p->cfg.max_headers);
    }
    /* Consecutive BODY events merge: their number depends on the slicing. */
    if (c == 'B' && t->n_events > 0 && t->events[t->n_events - 1] == 'B')
        return;
    if (t->n_events < sizeof t->events - 1)
        t->events[t->n_events++] = c;
}

static void drive(trace_t *t, const uint8_t *msg, size_t len, int mode, uint8_t flags, const uint8_t *seed,
                  size_t seed_len)
{
    gch_http_parser_config_t cfg = { head_buf, (flags & 4) ? 64u : sizeof head_buf, headers, (flags & 8) ? 2u : 48u, 0,
                                     0 };
    gch_http_parser_t p;
    gch_http_event_t ev;
    fuzz_rng_t rng;
    size_t off = 0;
    uint64_t body_this = 0;

    memset(t, 0, sizeof *t);
    fuzz_rng_seed(&rng, seed, seed_len);
    FUZZ_ASSERT(gch_http_parser_init(&p, &cfg) == GCH_OK);
    gch_http_parser_reset(&p, (flags & 1) != 0);
    for (;;) {
        size_t avail = fuzz_piece(&rng, mode, len - off);
        const uint8_t *in = msg + off;
        bool done = false;
        for (;;) {
            size_t used = 0;
            t->st = gch_http_parser_feed(&p, avail ? in : NULL, avail, &used, &ev);
            if (t->st != GCH_OK)
                goto out;
            FUZZ_ASSERT(used <= avail);
            if (ev.type == GCH_HTTP_EV_BODY)
                body_this += ev.len;
            if (ev.type != GCH_HTTP_EV_NEED_MORE)
                record(t, &p, &ev, in, avail);
            in += used;
            avail -= used;
            off += used;
            if (ev.type == GCH_HTTP_EV_NEED_MORE) {
                FUZZ_ASSERT(avail == 0);
                break;
            }
            if (ev.type == GCH_HTTP_EV_DONE) {
                FUZZ_ASSERT(p.body_bytes == body_this);
                if (t->responses < MAX_RESPONSES) {
                    t->status[t->responses] = p.status;
                    t->keep_alive[t->responses] = p.keep_alive;
                }
                t->responses++;
                body_this = 0;
                /* Leftover bytes: the next pipelined response, as the client treats them. */
                gch_http_parser_reset(&p, (flags & 1) != 0);
                if (t->responses >= MAX_RESPONSES) {
                    done = true;
                    break;
                }
            }
        }
        if (done || off == len)
            break;
    }
    if (off == len && (flags & 2)) {
        bool idle = gch_http_parser_idle(&p);
        t->st = gch_http_parser_feed_eof(&p, &ev);
        if (t->st == GCH_OK) {
            FUZZ_ASSERT(ev.type == GCH_HTTP_EV_DONE || idle);
            if (ev.type != GCH_HTTP_EV_NEED_MORE)
                record(t, &p, &ev, NULL, 0);
        }
    }
out:
    t->consumed = off;
    t->events[t->n_events] = '\0';
}

static void same(const trace_t *a, const trace_t *b)
{
    FUZZ_ASSERT(a->st == b->st);
    FUZZ_ASSERT(strcmp(a->events, b->events) == 0);
    FUZZ_ASSERT(a->body_len == b->body_len && a->body_hash == b->body_hash);
    FUZZ_ASSERT(a->responses == b->responses);
    FUZZ_ASSERT(memcmp(a->status, b->status, sizeof a->status) == 0);
    FUZZ_ASSERT(memcmp(a->keep_alive, b->keep_alive, sizeof a->keep_alive) == 0);
    if (a->st == GCH_OK)
        FUZZ_ASSERT(a->consumed == b->consumed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static trace_t whole, bytes, random;
    if (size < 1)
        return 0;
    drive(&whole, data + 1, size - 1, 0, data[0], data, size);
    drive(&bytes, data + 1, size - 1, 1, data[0], data, size);
    drive(&random, data + 1, size - 1, 2, data[0], data, size);
    same(&whole, &bytes);
    same(&whole, &random);
    return 0;
}
