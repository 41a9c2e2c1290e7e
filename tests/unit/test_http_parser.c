/* test_http_parser.c - the incremental HTTP/1.1 response parser: framing, strictness
 * (one code per rule), keep-alive rules, and identical results whatever the splits. */
#include <stdint.h>
#include <string.h>

#include "gch_test.h"
#include "http/gch_http_parser.h"

#define HEAD_CAP 1024
#define MAX_HEADERS 16
#define BODY_MAX 4096

static char head_buf[HEAD_CAP];
static gch_http_header_t headers[MAX_HEADERS];
static gch_http_parser_t parser;

/* ------------------------------------------------------------ the driver */

/* Everything a response produced, normalised so that runs with different splits
 * compare equal: consecutive BODY events are merged into one 'B'. */
typedef struct {
    gch_status_t st;
    char events[8]; /* 'H', 'B', 'D' */
    size_t n_events;
    uint8_t body[BODY_MAX];
    size_t body_len;
    size_t body_events; /* raw BODY event count (not compared across splits) */
    size_t consumed;    /* input bytes consumed up to DONE or the error */
    uint16_t status;
    bool keep_alive;
} trace_t;

static trace_t tr;

/* Split strategies: 0 = whole buffer, 1 = one byte at a time, else random pieces. */
static uint32_t rng;

static uint32_t next_rand(void)
{
    rng ^= rng << 13; /* xorshift32: deterministic, seedable */
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static size_t piece_len(int mode, size_t left)
{
    if (mode == 0) {
        return left;
    }
    if (mode == 1) {
        return 1;
    }
    size_t n = 1 + next_rand() % (1 + (next_rand() % 2 ? 7u : 300u));
    return n < left ? n : left;
}

static void record(const gch_http_event_t *ev)
{
    char c = ev->type == GCH_HTTP_EV_HEAD ? 'H' : ev->type == GCH_HTTP_EV_BODY ? 'B' : 'D';
    if (ev->type == GCH_HTTP_EV_BODY) {
        tr.body_events++;
        if (tr.body_len + ev->len <= BODY_MAX) {
            memcpy(tr.body + tr.body_len, ev->data, ev->len);
        }
        tr.body_len += ev->len;
    }
    if (tr.n_events == 0 || c != 'B' || tr.events[tr.n_events - 1] != 'B') {
        if (tr.n_events < sizeof tr.events - 1) {
            tr.events[tr.n_events++] = c;
        }
    }
}

/* Feeds msg with the given split mode until DONE or an error; at the end of the input
 * reports EOF when `eof` is set. The parser must already be reset. */
static void drive_parser(gch_http_parser_t *p, const void *msg, size_t len, int mode, uint32_t seed, bool eof)
{
    const uint8_t *in = msg;
    size_t off = 0;
    gch_http_event_t ev;

    memset(&tr, 0, sizeof tr);
    rng = seed ? seed : 1;
    while (off < len || len == 0) {
        size_t avail = piece_len(mode, len - off);
        for (;;) { /* feed this piece until the parser wants more */
            size_t used = 0;
            tr.st = gch_http_parser_feed(p, in + off, avail, &used, &ev);
            off += used;
            avail -= used;
            tr.consumed = off;
            if (tr.st != GCH_OK) {
                return;
            }
            if (ev.type == GCH_HTTP_EV_NEED_MORE) {
                break;
            }
            record(&ev);
            if (ev.type == GCH_HTTP_EV_DONE) {
                goto done;
            }
        }
        if (len == 0) {
            break;
        }
    }
    if (eof) {
        tr.st = gch_http_parser_feed_eof(p, &ev);
        if (tr.st == GCH_OK) {
            record(&ev);
        }
    }
done:
    tr.events[tr.n_events] = '\0';
    tr.status = p->status;
    tr.keep_alive = p->keep_alive;
}

static void init_parser(size_t head_cap, size_t max_headers, uint32_t max_chunk)
{
    gch_http_parser_config_t cfg = { head_buf, head_cap, headers, max_headers, max_chunk, 0 };
    (void)gch_http_parser_init(&parser, &cfg);
}

/* Fresh default parser, whole buffer, EOF at the end. */
static void parse(const char *msg)
{
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    drive_parser(&parser, msg, strlen(msg), 0, 0, true);
}

static void parse_no_eof(const char *msg)
{
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    drive_parser(&parser, msg, strlen(msg), 0, 0, false);
}

/* ------------------------------------------------------------ framing */

static void test_content_length_body_delivered(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(strcmp(tr.events, "HBD") == 0);
    GCH_CHECK_STR(tr.body, tr.body_len, "hello");
    GCH_CHECK_EQ_INT(parser.status, 200);
    GCH_CHECK(parser.has_content_length);
    GCH_CHECK_EQ_INT(parser.content_length, 5);
    GCH_CHECK(!parser.chunked);
    GCH_CHECK_EQ_INT(parser.body_bytes, 5);
}

static void test_content_length_zero_is_done_right_after_head(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(strcmp(tr.events, "HD") == 0);
    GCH_CHECK(tr.keep_alive);
}

static void test_chunked_body_dechunked(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(strcmp(tr.events, "HBD") == 0);
    GCH_CHECK_STR(tr.body, tr.body_len, "hello, world");
    GCH_CHECK(parser.chunked);
    GCH_CHECK(!parser.has_content_length);
    GCH_CHECK(parser.keep_alive);
}

static void test_chunk_size_hex_any_case_with_leading_zeros(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n"
                 "0000A\r\n0123456789\r\nb\r\nabcdefghijk\r\n000\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_STR(tr.body, tr.body_len, "0123456789abcdefghijk");
}

static void test_chunk_extensions_and_quoted_values_ignored(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "3;name=value\r\nabc\r\n"
                 "3 ; a = \"q;u\\\"o\\\\ted\" ; flag\r\ndef\r\n"
                 "0;last=\"\"\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_STR(tr.body, tr.body_len, "abcdef");
}

static void test_trailers_parsed_and_discarded(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "2\r\nok\r\n0\r\nX-Checksum: abc\r\nX-Other:\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(strcmp(tr.events, "HBD") == 0);
    GCH_CHECK_STR(tr.body, tr.body_len, "ok");
    GCH_CHECK(!gch_http_parser_header(&parser, "x-checksum", &(const char *){ NULL }, &(size_t){ 0 }));
}

static void test_several_chunks_in_one_read(void)
{
    static const char msg[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "1\r\na\r\n2\r\nbc\r\n3\r\ndef\r\n4\r\nghij\r\n0\r\n\r\n";
    parse_no_eof(msg);
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_STR(tr.body, tr.body_len, "abcdefghij");
    GCH_CHECK_EQ_INT(tr.body_events, 4); /* one slice per chunk, no byte-by-byte */
    GCH_CHECK_EQ_INT(tr.consumed, strlen(msg));
}

static void test_close_delimited_body_ends_at_eof(void)
{
    parse("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(strcmp(tr.events, "HBD") == 0);
    GCH_CHECK_STR(tr.body, tr.body_len, "until the end");
    GCH_CHECK(!tr.keep_alive);
}

static void test_close_delimited_empty_body(void)
{
    parse("HTTP/1.1 200 OK\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(strcmp(tr.events, "HD") == 0);
}

static void test_1xx_responses_skipped(void)
{
    parse_no_eof("HTTP/1.1 100 Continue\r\n\r\n"
                 "HTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n"
                 "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(strcmp(tr.events, "HBD") == 0);
    GCH_CHECK_EQ_INT(parser.status, 201);
    GCH_CHECK_EQ_INT(parser.header_count, 1);
    GCH_CHECK(!gch_http_parser_header(&parser, "link", &(const char *){ NULL }, &(size_t){ 0 }));
    GCH_CHECK_STR(tr.body, tr.body_len, "ok");
}

static void test_101_switching_protocols_rejected(void)
{
    parse("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_ERR_HTTP_STATUS_LINE);
}

static void test_204_has_no_body(void)
{
    parse_no_eof("HTTP/1.1 204 No Content\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(strcmp(tr.events, "HD") == 0);
    GCH_CHECK(tr.keep_alive);
}

static void test_304_has_no_body_despite_content_length(void)
{
    parse_no_eof("HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(strcmp(tr.events, "HD") == 0);
}

static void test_head_response_has_no_body(void)
{
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    gch_http_parser_reset(&parser, true);
    const char *msg = "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n";
    drive_parser(&parser, msg, strlen(msg), 0, 0, false);
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(strcmp(tr.events, "HD") == 0);
    GCH_CHECK_EQ_INT(parser.content_length, 1234);
    GCH_CHECK(tr.keep_alive);
}

static void test_done_without_more_input_after_last_byte(void)
{
    /* The caller feeds zero bytes after the BODY event and must get DONE, not block. */
    static const uint8_t msg[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
    gch_http_event_t ev;
    size_t used;
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, msg, sizeof msg - 1, &used, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(ev.type, GCH_HTTP_EV_HEAD);
    size_t off = used;
    GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, msg + off, sizeof msg - 1 - off, &used, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(ev.type, GCH_HTTP_EV_BODY);
    GCH_CHECK(ev.data == msg + off); /* a slice of the input, not a copy */
    GCH_CHECK_EQ_INT(ev.len, 2);
    GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, NULL, 0, &used, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(ev.type, GCH_HTTP_EV_DONE);
    GCH_CHECK_EQ_INT(used, 0);
}

static void test_large_chunks_delivered_as_whole_slices(void)
{
    static uint8_t msg[300000];
    static const char head[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    size_t n = 0;
    memcpy(msg, head, sizeof head - 1);
    n += sizeof head - 1;
    for (int c = 0; c < 4; c++) {
        memcpy(msg + n, "10000\r\n", 7); /* 64 KiB */
        n += 7;
        memset(msg + n, 'a' + c, 0x10000);
        n += 0x10000;
        memcpy(msg + n, "\r\n", 2);
        n += 2;
    }
    memcpy(msg + n, "0\r\n\r\n", 5);
    n += 5;
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    drive_parser(&parser, msg, n, 0, 0, false);
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_EQ_INT(tr.body_events, 4);
    GCH_CHECK_EQ_INT(parser.body_bytes, 4 * 0x10000);
    GCH_CHECK_EQ_INT(tr.consumed, n);
}

/* ------------------------------------------------------------ keep-alive */

static void test_http11_keeps_alive_by_default(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    GCH_CHECK(tr.keep_alive);
}

static void test_http11_connection_close_closes(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n");
    GCH_CHECK(!tr.keep_alive);
}

static void test_connection_token_list_understood(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nConnection: upgrade ,close\r\nContent-Length: 0\r\n\r\n");
    GCH_CHECK(!tr.keep_alive);
    parse_no_eof("HTTP/1.1 200 OK\r\nConnection: closed, xclose\r\nContent-Length: 0\r\n\r\n");
    GCH_CHECK(tr.keep_alive);
}

static void test_http10_closes_by_default(void)
{
    parse_no_eof("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_EQ_INT(parser.http_minor, 0);
    GCH_CHECK(!tr.keep_alive);
}

static void test_http10_keep_alive_header_keeps_alive(void)
{
    parse_no_eof("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n");
    GCH_CHECK(tr.keep_alive);
}

static void test_close_delimited_body_never_keeps_alive(void)
{
    parse("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\nbody");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK(!tr.keep_alive);
}

/* ------------------------------------------------------------ head details */

static void test_header_lookup_case_insensitive_and_trimmed(void)
{
    const char *v;
    size_t n;
    parse_no_eof("HTTP/1.1 429 Too Many Requests\r\nRetry-After:   7 \t\r\n"
                 "content-type:application/json\r\nX-Empty:  \r\nContent-Length: 0\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_EQ_INT(parser.status, 429);
    GCH_CHECK_STR(parser.reason, parser.reason_len, "Too Many Requests");
    GCH_CHECK(gch_http_parser_header(&parser, "retry-after", &v, &n));
    GCH_CHECK_STR(v, n, "7");
    GCH_CHECK(gch_http_parser_header(&parser, "Content-Type", &v, &n));
    GCH_CHECK_STR(v, n, "application/json");
    GCH_CHECK(gch_http_parser_header(&parser, "x-empty", &v, &n));
    GCH_CHECK_EQ_INT(n, 0);
    GCH_CHECK(!gch_http_parser_header(&parser, "location", &v, &n));
    GCH_CHECK_EQ_INT(parser.header_count, 4);
}

static void test_status_line_without_reason_accepted(void)
{
    parse_no_eof("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_EQ_INT(parser.reason_len, 0);
    parse_no_eof("HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_EQ_INT(parser.status, 404);
}

static void test_duplicate_content_length_that_agrees_accepted(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_STR(tr.body, tr.body_len, "ok");
}

/* ------------------------------------------------------------ strictness */

static const struct strict_case {
    const char *name;
    const char *msg;
    gch_status_t want;
    size_t len; /* sizeof msg - 1: some cases hold a NUL */
} strict_cases[] = {
#define STRICT(name, msg, want)                                                                                        \
    {                                                                                                                  \
        name, msg, want, sizeof msg - 1                                                                                \
    }
    STRICT("CL then chunked", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
           GCH_ERR_HTTP_CL_AND_CHUNKED),
    STRICT("chunked then CL", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
           GCH_ERR_HTTP_CL_AND_CHUNKED),
    STRICT("TE gzip", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", GCH_ERR_HTTP_TRANSFER_ENCODING),
    STRICT("TE gzip, chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
           GCH_ERR_HTTP_TRANSFER_ENCODING),
    STRICT("TE chunked, chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
           GCH_ERR_HTTP_TRANSFER_ENCODING),
    STRICT("TE twice", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
           GCH_ERR_HTTP_TRANSFER_ENCODING),
    STRICT("TE empty", "HTTP/1.1 200 OK\r\nTransfer-Encoding:\r\n\r\n", GCH_ERR_HTTP_TRANSFER_ENCODING),
    STRICT("TE chunkedx", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunkedx\r\n\r\n", GCH_ERR_HTTP_TRANSFER_ENCODING),
    STRICT("TE in HTTP/1.0", "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
           GCH_ERR_HTTP_TRANSFER_ENCODING),
    STRICT("bare LF status", "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", GCH_ERR_HTTP_BARE_LF),
    STRICT("bare LF header", "HTTP/1.1 200 OK\r\nContent-Length: 0\n\r\n", GCH_ERR_HTTP_BARE_LF),
    STRICT("bare LF end", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\n", GCH_ERR_HTTP_BARE_LF),
    STRICT("bare LF first", "\nHTTP/1.1 200 OK\r\n\r\n", GCH_ERR_HTTP_BARE_LF),
    STRICT("bare CR in value", "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("obs-fold", "HTTP/1.1 200 OK\r\nX: a\r\n  b\r\nContent-Length: 0\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("obs-fold tab", "HTTP/1.1 200 OK\r\nX: a\r\n\tb\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("space before colon", "HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("tab before colon", "HTTP/1.1 200 OK\r\nX\t: 0\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("empty name", "HTTP/1.1 200 OK\r\n: x\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("no colon", "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("bad name char", "HTTP/1.1 200 OK\r\nX(y): 1\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("control in value", "HTTP/1.1 200 OK\r\nX: a\x01z\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("DEL in value", "HTTP/1.1 200 OK\r\nX: a\x7fz\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("CL letters", "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", GCH_ERR_HTTP_CONTENT_LENGTH),
    STRICT("CL negative", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", GCH_ERR_HTTP_CONTENT_LENGTH),
    STRICT("CL plus", "HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\n", GCH_ERR_HTTP_CONTENT_LENGTH),
    STRICT("CL empty", "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n", GCH_ERR_HTTP_CONTENT_LENGTH),
    STRICT("CL list", "HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\n", GCH_ERR_HTTP_CONTENT_LENGTH),
    STRICT("CL inner space", "HTTP/1.1 200 OK\r\nContent-Length: 1 2\r\n\r\n", GCH_ERR_HTTP_CONTENT_LENGTH),
    STRICT("CL hex", "HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n", GCH_ERR_HTTP_CONTENT_LENGTH),
    STRICT("CL overflow", "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551616\r\n\r\n",
           GCH_ERR_HTTP_CONTENT_LENGTH),
    STRICT("CL conflict", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
           GCH_ERR_HTTP_CONTENT_LENGTH),
    STRICT("HTTP/2", "HTTP/2 200 OK\r\n\r\n", GCH_ERR_HTTP_STATUS_LINE),
    STRICT("HTTP/1.2", "HTTP/1.2 200 OK\r\n\r\n", GCH_ERR_HTTP_STATUS_LINE),
    STRICT("lowercase http", "http/1.1 200 OK\r\n\r\n", GCH_ERR_HTTP_STATUS_LINE),
    STRICT("two digit status", "HTTP/1.1 20 OK\r\n\r\n", GCH_ERR_HTTP_STATUS_LINE),
    STRICT("four digit status", "HTTP/1.1 2000 OK\r\n\r\n", GCH_ERR_HTTP_STATUS_LINE),
    STRICT("status 600", "HTTP/1.1 600 X\r\n\r\n", GCH_ERR_HTTP_STATUS_LINE),
    STRICT("status 099", "HTTP/1.1 099 X\r\n\r\n", GCH_ERR_HTTP_STATUS_LINE),
    STRICT("double space", "HTTP/1.1  200 OK\r\n\r\n", GCH_ERR_HTTP_STATUS_LINE),
    STRICT("empty line first", "\r\nHTTP/1.1 200 OK\r\n\r\n", GCH_ERR_HTTP_STATUS_LINE),
    STRICT("NUL in reason", "HTTP/1.1 200 O\0K\r\n\r\n", GCH_ERR_HTTP_STATUS_LINE),
    STRICT("NUL in value", "HTTP/1.1 200 OK\r\nX: a\0b\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("NUL in name", "HTTP/1.1 200 OK\r\nX\0: b\r\n\r\n", GCH_ERR_HTTP_HEADER_SYNTAX),
    STRICT("chunk size g", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\ng\r\n", GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("chunk size empty", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("chunk size negative", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
           GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("chunk size 0x", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n",
           GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("chunk size leading space", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n 5\r\n",
           GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("chunk size trailing junk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\n",
           GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("chunk size bare CR", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\rhello",
           GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("chunk size bare LF", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n",
           GCH_ERR_HTTP_BARE_LF),
    STRICT("chunk ext bare LF", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\nhello\r\n",
           GCH_ERR_HTTP_BARE_LF),
    STRICT("chunk ext quote LF", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\"b\n\"\r\n",
           GCH_ERR_HTTP_BARE_LF),
    STRICT("chunk ext control", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a\x01\r\nhello\r\n",
           GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("no CRLF after data", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
           GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("data longer than size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc0\n0\r\n\r\n",
           GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("only CR after data", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r0\r\n\r\n",
           GCH_ERR_HTTP_CHUNK_SIZE),
    STRICT("only LF after data", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n",
           GCH_ERR_HTTP_BARE_LF),
    STRICT("4 GB chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\n",
           GCH_ERR_HTTP_CHUNK_TOO_LARGE),
    STRICT("64-bit overflow chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1ffffffffffffffff\r\n",
           GCH_ERR_HTTP_CHUNK_TOO_LARGE),
    STRICT("16 MiB + 1 chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000001\r\n",
           GCH_ERR_HTTP_CHUNK_TOO_LARGE),
    STRICT("trailer obs-fold", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n b\r\n\r\n",
           GCH_ERR_HTTP_TRAILER),
    STRICT("trailer no colon", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX\r\n\r\n",
           GCH_ERR_HTTP_TRAILER),
    STRICT("trailer space before colon", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX : a\r\n\r\n",
           GCH_ERR_HTTP_TRAILER),
    STRICT("trailer control", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: \x01\r\n\r\n",
           GCH_ERR_HTTP_TRAILER),
    STRICT("trailer bare CR end", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\rx",
           GCH_ERR_HTTP_TRAILER),
    STRICT("trailer bare LF", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\n\r\n",
           GCH_ERR_HTTP_BARE_LF),
    STRICT("trailer bare LF end", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\n", GCH_ERR_HTTP_BARE_LF),
    STRICT("truncated head", "HTTP/1.1 200 OK\r\nContent-Le", GCH_ERR_TRUNCATED),
    STRICT("truncated CL body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", GCH_ERR_TRUNCATED),
    STRICT("truncated chunk data", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", GCH_ERR_TRUNCATED),
    STRICT("truncated before last chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
           GCH_ERR_TRUNCATED),
    STRICT("truncated trailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n",
           GCH_ERR_TRUNCATED),
    STRICT("empty response", "", GCH_ERR_TRUNCATED),
#undef STRICT
};

static void check_strict_case(const struct strict_case *c, int mode, uint32_t seed)
{
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    size_t len = c->len;
    drive_parser(&parser, c->msg, len, mode, seed, true);
    if (tr.st != c->want) {
        fprintf(stderr, "  case \"%s\" mode %d seed %u: got %d (%s)\n", c->name, mode, (unsigned)seed, (int)tr.st,
                gch_strerror(tr.st));
    }
}

static void test_every_strictness_rule_has_its_code(void)
{
    for (size_t i = 0; i < sizeof strict_cases / sizeof strict_cases[0]; i++) {
        check_strict_case(&strict_cases[i], 0, 0);
        GCH_CHECK_EQ_INT(tr.st, strict_cases[i].want);
    }
}

static void test_strictness_codes_do_not_depend_on_splits(void)
{
    for (size_t i = 0; i < sizeof strict_cases / sizeof strict_cases[0]; i++) {
        check_strict_case(&strict_cases[i], 1, 0);
        GCH_CHECK_EQ_INT(tr.st, strict_cases[i].want);
        for (uint32_t seed = 1; seed <= 50; seed++) {
            check_strict_case(&strict_cases[i], 2, seed);
            GCH_CHECK_EQ_INT(tr.st, strict_cases[i].want);
        }
    }
}

static void test_chunk_of_exactly_the_bound_accepted(void)
{
    parse_no_eof("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000\r\nabc");
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_EQ_INT(parser.body_bytes, 3);
}

static void test_chunk_bound_is_configurable(void)
{
    static const char msg[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n";
    init_parser(HEAD_CAP, MAX_HEADERS, 100);
    drive_parser(&parser, msg, sizeof msg - 1, 0, 0, false);
    GCH_CHECK_EQ_INT(tr.st, GCH_ERR_HTTP_CHUNK_TOO_LARGE);
    init_parser(HEAD_CAP, MAX_HEADERS, 101);
    drive_parser(&parser, msg, sizeof msg - 1, 0, 0, false);
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
}

/* Builds a chunked response whose first chunk-size line is line_len bytes incl. CRLF. */
static size_t chunk_line_response(char *out, size_t line_len)
{
    static const char head[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    size_t n = sizeof head - 1;
    memcpy(out, head, n);
    memcpy(out + n, "1;x=", 4); /* then padding, then CRLF */
    memset(out + n + 4, 'a', line_len - 6);
    n += line_len - 2;
    memcpy(out + n, "\r\nZ\r\n0\r\n\r\n", 10);
    return n + 10;
}

static void test_chunk_line_of_exactly_the_bound_accepted(void)
{
    char msg[512];
    size_t n = chunk_line_response(msg, GCH_HTTP_MAX_CHUNK_LINE);
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    drive_parser(&parser, msg, n, 0, 0, false);
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_STR(tr.body, tr.body_len, "Z");
}

static void test_chunk_line_over_the_bound_rejected(void)
{
    char msg[512];
    size_t n = chunk_line_response(msg, GCH_HTTP_MAX_CHUNK_LINE + 1);
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    drive_parser(&parser, msg, n, 1, 0, false);
    GCH_CHECK_EQ_INT(tr.st, GCH_ERR_HTTP_CHUNK_LINE_TOO_LONG);
}

static void test_endless_zero_padded_chunk_size_stops_at_line_bound(void)
{
    static char msg[2048];
    static const char head[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    memcpy(msg, head, sizeof head - 1);
    memset(msg + sizeof head - 1, '0', sizeof msg - sizeof head + 1);
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    drive_parser(&parser, msg, sizeof msg, 0, 0, false);
    GCH_CHECK_EQ_INT(tr.st, GCH_ERR_HTTP_CHUNK_LINE_TOO_LONG);
}

static void test_header_block_over_the_limit_rejected(void)
{
    char msg[256];
    int n = snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nX-A: %040d\r\nX-B: %040d\r\n\r\n", 1, 2);
    init_parser(100, MAX_HEADERS, 0);
    drive_parser(&parser, msg, (size_t)n, 0, 0, true);
    GCH_CHECK_EQ_INT(tr.st, GCH_ERR_HTTP_HEADERS_TOO_LARGE);
    GCH_CHECK(tr.consumed <= 100);
    /* the same head fits a larger buffer */
    init_parser((size_t)n, MAX_HEADERS, 0);
    drive_parser(&parser, msg, (size_t)n, 0, 0, true);
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
}

static void test_more_headers_than_the_array_rejected(void)
{
    static const char msg[] = "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 0\r\n\r\n";
    init_parser(HEAD_CAP, 3, 0);
    drive_parser(&parser, msg, sizeof msg - 1, 0, 0, false);
    GCH_CHECK_EQ_INT(tr.st, GCH_ERR_HTTP_TOO_MANY_HEADERS);
    init_parser(HEAD_CAP, 4, 0);
    drive_parser(&parser, msg, sizeof msg - 1, 0, 0, false);
    GCH_CHECK_EQ_INT(tr.st, GCH_OK);
    GCH_CHECK_EQ_INT(parser.header_count, 4);
}

static void test_64k_header_line_rejected_without_reading_past_the_limit(void)
{
    static char msg[70000];
    static const char head[] = "HTTP/1.1 200 OK\r\nX-Big: ";
    size_t n = sizeof head - 1;
    memcpy(msg, head, n);
    memset(msg + n, 'x', 65536);
    n += 65536;
    memcpy(msg + n, "\r\n\r\n", 4);
    n += 4;
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    size_t used = 0;
    gch_http_event_t ev;
    gch_status_t st = gch_http_parser_feed(&parser, (const uint8_t *)msg, n, &used, &ev);
    while (st == GCH_OK && ev.type == GCH_HTTP_EV_NEED_MORE && used < n) {
        size_t more;
        st = gch_http_parser_feed(&parser, (const uint8_t *)msg + used, n - used, &more, &ev);
        used += more;
    }
    GCH_CHECK_EQ_INT(st, GCH_ERR_HTTP_HEADERS_TOO_LARGE);
    GCH_CHECK(used <= HEAD_CAP);
}

static void test_trailer_section_over_the_limit_rejected(void)
{
    char msg[512];
    int n = snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: %0100d\r\n\r\n", 7);
    init_parser(64, MAX_HEADERS, 0);
    drive_parser(&parser, msg, (size_t)n, 0, 0, false);
    GCH_CHECK_EQ_INT(tr.st, GCH_ERR_HTTP_HEADERS_TOO_LARGE);
}

static void test_errors_are_sticky_until_reset(void)
{
    static const uint8_t bad[] = "HTTP/1.1 200 OK\nX";
    static const uint8_t good[] = "HTTP/1.1 200 OK\r\n";
    gch_http_event_t ev;
    size_t used;
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, bad, sizeof bad - 1, &used, &ev), GCH_ERR_HTTP_BARE_LF);
    GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, good, sizeof good - 1, &used, &ev), GCH_ERR_HTTP_BARE_LF);
    GCH_CHECK_EQ_INT(used, 0);
    GCH_CHECK_EQ_INT(gch_http_parser_feed_eof(&parser, &ev), GCH_ERR_HTTP_BARE_LF);
    gch_http_parser_reset(&parser, false);
    GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, good, sizeof good - 1, &used, &ev), GCH_OK);
    GCH_CHECK_EQ_INT(used, sizeof good - 1);
}

static void test_bytes_after_done_are_unexpected_data(void)
{
    static const uint8_t msg[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nX";
    gch_http_event_t ev;
    size_t used, off = 0;
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    do {
        GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, msg + off, sizeof msg - 1 - off, &used, &ev), GCH_OK);
        off += used;
    } while (ev.type != GCH_HTTP_EV_DONE);
    GCH_CHECK_EQ_INT(off, sizeof msg - 2);
    GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, msg + off, 1, &used, &ev), GCH_ERR_HTTP_UNEXPECTED_DATA);
}

/* ------------------------------------------------------------ splits, pipelining */

static const char *const corpus[] = {
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n{\"entities\":[],\"total\":0}\r\n",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n"
    "1a;ext=1\r\nabcdefghijklmnopqrstuvwxyz\r\n3;q=\"a;b\\\"c\"\r\n123\r\n"
    "0001\r\n!\r\n0\r\nX-T: v\r\nX-U:w\r\n\r\n",
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
    "HTTP/1.1 409 Conflict\r\nContent-Length: 8\r\nConnection: close\r\n\r\nconflict",
    "HTTP/1.1 204 No Content\r\nX: y\r\n\r\n",
    "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\nabc",
    "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nclose-delimited body\r\nwith lines\n",
    "HTTP/1.1 429 \r\nRetry-After: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
    "2\r\n{}\r\n0\r\n\r\n",
};

static void test_one_byte_and_random_splits_give_identical_results(void)
{
    for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++) {
        static trace_t whole; /* static: too big for a small test stack */
        size_t len = strlen(corpus[i]);
        init_parser(HEAD_CAP, MAX_HEADERS, 0);
        drive_parser(&parser, corpus[i], len, 0, 0, true);
        GCH_CHECK_EQ_INT(tr.st, GCH_OK);
        GCH_CHECK(tr.events[tr.n_events - 1] == 'D');
        whole = tr;
        for (uint32_t seed = 0; seed <= 300; seed++) {
            init_parser(HEAD_CAP, MAX_HEADERS, 0);
            drive_parser(&parser, corpus[i], len, seed == 0 ? 1 : 2, seed, true);
            if (strcmp(tr.events, whole.events) != 0 || tr.st != GCH_OK) {
                fprintf(stderr, "  corpus %zu seed %u: %s vs %s, st %d\n", i, (unsigned)seed, tr.events, whole.events,
                        (int)tr.st);
            }
            GCH_CHECK_EQ_INT(tr.st, GCH_OK);
            GCH_CHECK(strcmp(tr.events, whole.events) == 0);
            GCH_CHECK_MEM(tr.body, tr.body_len, whole.body, whole.body_len);
            GCH_CHECK_EQ_INT(tr.status, whole.status);
            GCH_CHECK_EQ_INT(tr.keep_alive, whole.keep_alive);
            GCH_CHECK_EQ_INT(tr.consumed, whole.consumed);
        }
    }
}

static void test_two_pipelined_responses_parsed_back_to_back(void)
{
    static const char two[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\none\r\n0\r\n\r\n"
                              "HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\ntwo";
    for (uint32_t seed = 0; seed <= 100; seed++) {
        int mode = seed == 0 ? 0 : 2;
        init_parser(HEAD_CAP, MAX_HEADERS, 0);
        drive_parser(&parser, two, sizeof two - 1, mode, seed, false);
        GCH_CHECK_EQ_INT(tr.st, GCH_OK);
        GCH_CHECK_STR(tr.body, tr.body_len, "one");
        GCH_CHECK(tr.keep_alive);
        size_t first = tr.consumed;
        GCH_CHECK(gch_http_parser_idle(&parser) == false);
        gch_http_parser_reset(&parser, false);
        GCH_CHECK(gch_http_parser_idle(&parser));
        drive_parser(&parser, two + first, sizeof two - 1 - first, mode, seed + 7, false);
        GCH_CHECK_EQ_INT(tr.st, GCH_OK);
        GCH_CHECK_EQ_INT(parser.status, 404);
        GCH_CHECK_STR(tr.body, tr.body_len, "two");
        GCH_CHECK_EQ_INT(first + tr.consumed, sizeof two - 1);
    }
}

/* ------------------------------------------------------------ API edges */

static void test_idle_until_the_first_byte(void)
{
    static const uint8_t h = 'H';
    gch_http_event_t ev;
    size_t used;
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    GCH_CHECK(gch_http_parser_idle(&parser));
    GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, NULL, 0, &used, &ev), GCH_OK);
    GCH_CHECK(gch_http_parser_idle(&parser));
    GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, &h, 1, &used, &ev), GCH_OK);
    GCH_CHECK(!gch_http_parser_idle(&parser));
    GCH_CHECK_EQ_INT(gch_http_parser_feed_eof(&parser, &ev), GCH_ERR_TRUNCATED);
}

static void test_init_rejects_invalid_configuration(void)
{
    gch_http_parser_t p;
    gch_http_parser_config_t cfg = { NULL, 100, headers, 4, 0, 0 };
    GCH_CHECK_EQ_INT(gch_http_parser_init(&p, &cfg), GCH_ERR_ARG);
    cfg.head_buf = head_buf;
    cfg.head_cap = 8;
    GCH_CHECK_EQ_INT(gch_http_parser_init(&p, &cfg), GCH_ERR_ARG);
    cfg.head_cap = 100;
    cfg.headers = NULL;
    GCH_CHECK_EQ_INT(gch_http_parser_init(&p, &cfg), GCH_ERR_ARG);
    cfg.max_headers = 0;
    GCH_CHECK_EQ_INT(gch_http_parser_init(&p, &cfg), GCH_OK);
}

static void test_null_input_with_length_rejected(void)
{
    gch_http_event_t ev;
    size_t used;
    init_parser(HEAD_CAP, MAX_HEADERS, 0);
    GCH_CHECK_EQ_INT(gch_http_parser_feed(&parser, NULL, 3, &used, &ev), GCH_ERR_ARG);
}

GCH_TEST_MAIN(
    GCH_TEST(test_content_length_body_delivered), GCH_TEST(test_content_length_zero_is_done_right_after_head),
    GCH_TEST(test_chunked_body_dechunked), GCH_TEST(test_chunk_size_hex_any_case_with_leading_zeros),
    GCH_TEST(test_chunk_extensions_and_quoted_values_ignored), GCH_TEST(test_trailers_parsed_and_discarded),
    GCH_TEST(test_several_chunks_in_one_read), GCH_TEST(test_close_delimited_body_ends_at_eof),
    GCH_TEST(test_close_delimited_empty_body), GCH_TEST(test_1xx_responses_skipped),
    GCH_TEST(test_101_switching_protocols_rejected), GCH_TEST(test_204_has_no_body),
    GCH_TEST(test_304_has_no_body_despite_content_length), GCH_TEST(test_head_response_has_no_body),
    GCH_TEST(test_done_without_more_input_after_last_byte), GCH_TEST(test_large_chunks_delivered_as_whole_slices),
    GCH_TEST(test_http11_keeps_alive_by_default), GCH_TEST(test_http11_connection_close_closes),
    GCH_TEST(test_connection_token_list_understood), GCH_TEST(test_http10_closes_by_default),
    GCH_TEST(test_http10_keep_alive_header_keeps_alive), GCH_TEST(test_close_delimited_body_never_keeps_alive),
    GCH_TEST(test_header_lookup_case_insensitive_and_trimmed), GCH_TEST(test_status_line_without_reason_accepted),
    GCH_TEST(test_duplicate_content_length_that_agrees_accepted), GCH_TEST(test_every_strictness_rule_has_its_code),
    GCH_TEST(test_strictness_codes_do_not_depend_on_splits), GCH_TEST(test_chunk_of_exactly_the_bound_accepted),
    GCH_TEST(test_chunk_bound_is_configurable), GCH_TEST(test_chunk_line_of_exactly_the_bound_accepted),
    GCH_TEST(test_chunk_line_over_the_bound_rejected),
    GCH_TEST(test_endless_zero_padded_chunk_size_stops_at_line_bound),
    GCH_TEST(test_header_block_over_the_limit_rejected), GCH_TEST(test_more_headers_than_the_array_rejected),
    GCH_TEST(test_64k_header_line_rejected_without_reading_past_the_limit),
    GCH_TEST(test_trailer_section_over_the_limit_rejected), GCH_TEST(test_errors_are_sticky_until_reset),
    GCH_TEST(test_bytes_after_done_are_unexpected_data),
    GCH_TEST(test_one_byte_and_random_splits_give_identical_results),
    GCH_TEST(test_two_pipelined_responses_parsed_back_to_back), GCH_TEST(test_idle_until_the_first_byte),
    GCH_TEST(test_init_rejects_invalid_configuration), GCH_TEST(test_null_input_with_length_rejected))
