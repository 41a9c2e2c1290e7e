/*
 * gch_http_parser.c - incremental HTTP/1.1 response parser (see gch_http_parser.h).
 *
 * Layout: a dispatcher (gch_http_parser_feed) calls one step function per state;
 * each step consumes some input and reports at most one event. The head is copied
 * line by line into the caller's head_buf (a head may span many reads) and parsed
 * when a line is complete. Chunk framing and trailers are byte-level state machines
 * driven by transition tables. Body bytes are never copied: Content-Length, chunk
 * data and close-delimited bodies are handed out as large slices of the input.
 */
#include "gch_http_parser.h"

#include <string.h>

enum {
    S_HEAD,          /* status line and header lines */
    S_NO_BODY,       /* head done, no body: report DONE */
    S_LENGTH_BODY,   /* Content-Length body, `remaining` bytes left */
    S_CLOSE_BODY,    /* body until the peer closes */
    S_CHUNK_FRAMING, /* CRLF after chunk data, then a chunk-size line (sub-state) */
    S_CHUNK_DATA,    /* chunk data, `remaining` bytes left */
    S_TRAILER,       /* trailer section after the last chunk (sub-state) */
    S_DONE,
    S_ERROR
};

#define MIN_HEAD_CAP 16u

/* ---------------------------------------------------------------- byte classes */

/* One class per role a byte can play in chunk framing and trailers. */
enum { C_HEX, C_TCHAR, C_SEMI, C_EQ, C_COLON, C_WS, C_QUOTE, C_BSLASH, C_CR, C_LF, C_VCHAR, C_CTL, C_COUNT };

static uint8_t byte_class(uint8_t c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        return C_HEX;
    }
    switch (c) {
    case ';': return C_SEMI;
    case '=': return C_EQ;
    case ':': return C_COLON;
    case ' ':
    case '\t': return C_WS;
    case '"': return C_QUOTE;
    case '\\': return C_BSLASH;
    case '\r': return C_CR;
    case '\n': return C_LF;
    default: break;
    }
    if (gch_http_is_tchar(c)) {
        return C_TCHAR;
    }
    return gch_http_is_field_char(c) ? C_VCHAR : C_CTL;
}

static uint8_t hex_value(uint8_t c)
{
    if (c <= '9') {
        return (uint8_t)(c - '0');
    }
    return (uint8_t)((c | 0x20) - 'a' + 10);
}

/* ------------------------------------------------------ chunk framing machine */

/* Sub-states of S_CHUNK_FRAMING. Values >= X_BAD are outcomes, not states. */
enum {
    F_DATA_CR,  /* expecting the CR that ends chunk data */
    F_DATA_LF,  /* expecting its LF */
    F_SIZE0,    /* first hex digit of chunk-size */
    F_SIZE,     /* more hex digits */
    F_BWS,      /* whitespace after the size: ';' or CR must follow */
    F_EXT,      /* chunk-ext: tokens, '=', ';', whitespace (accepted, ignored) */
    F_QSTR,     /* inside a quoted chunk-ext value */
    F_QESC,     /* after a backslash inside it */
    F_LF,       /* CR seen, LF must follow */
    X_BAD,      /* -> GCH_ERR_HTTP_CHUNK_SIZE */
    X_BARE_LF,  /* -> GCH_ERR_HTTP_BARE_LF */
    X_LINE_DONE /* chunk-size line complete */
};

#define B X_BAD
#define L X_BARE_LF
static const uint8_t framing_next[F_LF + 1][C_COUNT] = {
    /*            HEX     TCHAR   SEMI   EQ     COLON  WS     QUOTE  BSLASH CR      LF           VCHAR  CTL */
    [F_DATA_CR] = { B, B, B, B, B, B, B, B, F_DATA_LF, L, B, B },
    [F_DATA_LF] = { B, B, B, B, B, B, B, B, B, F_SIZE0, B, B },
    [F_SIZE0] = { F_SIZE, B, B, B, B, B, B, B, B, L, B, B },
    [F_SIZE] = { F_SIZE, B, F_EXT, B, B, F_BWS, B, B, F_LF, L, B, B },
    [F_BWS] = { B, B, F_EXT, B, B, F_BWS, B, B, F_LF, L, B, B },
    [F_EXT] = { F_EXT, F_EXT, F_EXT, F_EXT, B, F_EXT, F_QSTR, B, F_LF, L, B, B },
    [F_QSTR] = { F_QSTR, F_QSTR, F_QSTR, F_QSTR, F_QSTR, F_QSTR, F_EXT, F_QESC, B, L, F_QSTR, B },
    [F_QESC] = { F_QSTR, F_QSTR, F_QSTR, F_QSTR, F_QSTR, F_QSTR, F_QSTR, F_QSTR, B, L, F_QSTR, B },
    [F_LF] = { B, B, B, B, B, B, B, B, B, X_LINE_DONE, B, B },
};

/* ----------------------------------------------------------- trailer machine */

enum {
    T_START, /* start of a trailer line: a name, or CR of the final empty line */
    T_NAME,
    T_VALUE,
    T_LF,      /* CR at the end of a field line seen */
    T_END_LF,  /* CR of the empty line seen */
    Y_BAD,     /* -> GCH_ERR_HTTP_TRAILER */
    Y_BARE_LF, /* -> GCH_ERR_HTTP_BARE_LF */
    Y_DONE     /* trailer section complete */
};

#define T Y_BAD
#define Z Y_BARE_LF
static const uint8_t trailer_next[T_END_LF + 1][C_COUNT] = {
    /*          HEX      TCHAR    SEMI     EQ       COLON    WS       QUOTE    BSLASH   CR        LF       VCHAR    CTL */
    [T_START] = { T_NAME, T_NAME, T, T, T, T, T, T, T_END_LF, Z, T, T },
    [T_NAME] = { T_NAME, T_NAME, T, T, T_VALUE, T, T, T, T, Z, T, T },
    [T_VALUE] = { T_VALUE, T_VALUE, T_VALUE, T_VALUE, T_VALUE, T_VALUE, T_VALUE, T_VALUE, T_LF, Z, T_VALUE, T },
    [T_LF] = { T, T, T, T, T, T, T, T, T, T_START, T, T },
    [T_END_LF] = { T, T, T, T, T, T, T, T, T, Y_DONE, T, T },
};
#undef B
#undef L
#undef T
#undef Z

/* ------------------------------------------------------------ small helpers */

static void emit(gch_http_event_t *ev, gch_http_event_type_t type, const uint8_t *data, size_t len)
{
    ev->type = type;
    ev->data = data;
    ev->len = len;
}

static size_t min_len(uint64_t remaining, size_t len)
{
    return remaining < (uint64_t)len ? (size_t)remaining : len;
}

static bool is_ows(char c)
{
    return c == ' ' || c == '\t';
}

static bool eq_ci(const char *s, size_t n, const char *lit)
{
    return gch_http_name_eq(s, n, lit, strlen(lit));
}

/* ------------------------------------------------------ framing header rules */

/* 1*DIGIT, overflow-checked; a repeat must carry the same value. */
static gch_status_t on_content_length(gch_http_parser_t *p, const char *v, size_t n)
{
    uint64_t value = 0;

    if (n == 0) {
        return GCH_ERR_HTTP_CONTENT_LENGTH;
    }
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9') {
            return GCH_ERR_HTTP_CONTENT_LENGTH;
        }
        uint64_t digit = (uint64_t)(v[i] - '0');
        if (value > (UINT64_MAX - digit) / 10u) {
            return GCH_ERR_HTTP_CONTENT_LENGTH;
        }
        value = value * 10u + digit;
    }
    if (p->has_content_length && p->content_length != value) {
        return GCH_ERR_HTTP_CONTENT_LENGTH;
    }
    p->has_content_length = true;
    p->content_length = value;
    return GCH_OK;
}

/* Exactly one Transfer-Encoding, exactly "chunked": anything else (gzip, a list, a
 * second header) is a framing we do not implement, so it is refused, not guessed. */
static gch_status_t on_transfer_encoding(gch_http_parser_t *p, const char *v, size_t n)
{
    if (p->te_seen || !eq_ci(v, n, "chunked")) {
        return GCH_ERR_HTTP_TRANSFER_ENCODING;
    }
    p->te_seen = true;
    p->chunked = true;
    return GCH_OK;
}

/* A comma-separated token list; only "close" and "keep-alive" matter. */
static gch_status_t on_connection(gch_http_parser_t *p, const char *v, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t start = i;
        while (i < n && v[i] != ',') {
            i++;
        }
        size_t end = i++;
        while (start < end && is_ows(v[start])) {
            start++;
        }
        while (end > start && is_ows(v[end - 1])) {
            end--;
        }
        p->conn_close |= eq_ci(v + start, end - start, "close");
        p->conn_keep_alive |= eq_ci(v + start, end - start, "keep-alive");
    }
    return GCH_OK;
}

typedef gch_status_t (*header_rule_fn)(gch_http_parser_t *p, const char *v, size_t n);

static const struct {
    const char *name;
    header_rule_fn fn;
} header_rules[] = {
    { "content-length", on_content_length },
    { "transfer-encoding", on_transfer_encoding },
    { "connection", on_connection },
};

static bool is_tunnel(const gch_http_parser_t *p)
{
    return p->connect_request && p->status >= 200 && p->status < 300;
}

static gch_status_t apply_header_rules(gch_http_parser_t *p, const gch_http_header_t *h)
{
    for (size_t i = 0; i < sizeof header_rules / sizeof header_rules[0]; i++) {
        if (eq_ci(h->name, h->name_len, header_rules[i].name)) {
            /* A 2xx to CONNECT has no body: RFC 9110 9.3.6 has the client ignore
             * its framing headers (the status line comes first, so it is known). */
            if (is_tunnel(p) && header_rules[i].fn != on_connection) {
                return GCH_OK;
            }
            return header_rules[i].fn(p, h->value, h->value_len);
        }
    }
    return GCH_OK;
}

/* --------------------------------------------------------------- head lines */

/* "HTTP/1." ("0" | "1") SP 3DIGIT [ SP reason-phrase ]. The space before an empty
 * reason is optional in practice, so both "200" and "200 " are accepted. */
static gch_status_t parse_status_line(gch_http_parser_t *p, const char *s, size_t n)
{
    if (n < 12 || memcmp(s, "HTTP/1.", 7) != 0 || (s[7] != '0' && s[7] != '1') || s[8] != ' ' || s[9] < '1' ||
        s[9] > '5' || s[10] < '0' || s[10] > '9' || s[11] < '0' || s[11] > '9' || (n > 12 && s[12] != ' ')) {
        return GCH_ERR_HTTP_STATUS_LINE;
    }
    for (size_t i = 13; i < n; i++) {
        if (!gch_http_is_field_char((uint8_t)s[i])) {
            return GCH_ERR_HTTP_STATUS_LINE;
        }
    }
    p->http_minor = (uint8_t)(s[7] - '0');
    p->status = (uint16_t)((s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0'));
    p->reason = n > 12 ? s + 13 : s + 12;
    p->reason_len = n > 12 ? n - 13 : 0;
    p->status_seen = true;
    return GCH_OK;
}

/* field-name ":" OWS field-value OWS. A leading space or tab is obs-fold and any
 * whitespace before the colon is refused (both are request-smuggling vectors). */
static gch_status_t parse_header_line(gch_http_parser_t *p, const char *s, size_t n)
{
    size_t colon = 0;

    while (colon < n && gch_http_is_tchar((uint8_t)s[colon])) {
        colon++;
    }
    if (colon == 0 || colon == n || s[colon] != ':') {
        return GCH_ERR_HTTP_HEADER_SYNTAX;
    }
    size_t start = colon + 1;
    size_t end = n;
    while (start < end && is_ows(s[start])) {
        start++;
    }
    while (end > start && is_ows(s[end - 1])) {
        end--;
    }
    for (size_t i = start; i < end; i++) {
        if (!gch_http_is_field_char((uint8_t)s[i])) {
            return GCH_ERR_HTTP_HEADER_SYNTAX;
        }
    }
    if (p->header_count == p->cfg.max_headers) {
        return GCH_ERR_HTTP_TOO_MANY_HEADERS;
    }
    gch_http_header_t *h = &p->cfg.headers[p->header_count++];
    h->name = s;
    h->name_len = colon;
    h->value = s + start;
    h->value_len = end - start;
    return apply_header_rules(p, h);
}

/* Forgets everything learnt from a head: used by reset and after a 1xx response. */
static void clear_head(gch_http_parser_t *p)
{
    p->status = 0;
    p->http_minor = 0;
    p->reason = NULL;
    p->reason_len = 0;
    p->header_count = 0;
    p->has_content_length = false;
    p->content_length = 0;
    p->chunked = false;
    p->keep_alive = false;
    p->status_seen = false;
    p->te_seen = false;
    p->conn_close = false;
    p->conn_keep_alive = false;
    p->head_len = 0;
    p->line_start = 0;
}

static bool has_no_body(const gch_http_parser_t *p)
{
    return p->head_request || is_tunnel(p) || p->status == 204 || p->status == 304;
}

/* The empty line ended a head: pick the framing, or skip an interim 1xx. */
static gch_status_t end_of_head(gch_http_parser_t *p, gch_http_event_t *ev)
{
    if (p->status < 200) {
        if (p->status == 101) {
            return GCH_ERR_HTTP_STATUS_LINE; /* we never ask to switch protocols */
        }
        clear_head(p); /* 100 Continue, 103 Early Hints: wait for the final response */
        return GCH_OK;
    }
    if (p->chunked && p->has_content_length) {
        return GCH_ERR_HTTP_CL_AND_CHUNKED;
    }
    if (p->chunked && p->http_minor == 0) {
        return GCH_ERR_HTTP_TRANSFER_ENCODING; /* RFC 9112 6.1: faulty framing in 1.0 */
    }
    p->keep_alive = p->http_minor == 1 ? !p->conn_close : (p->conn_keep_alive && !p->conn_close);
    if (has_no_body(p)) {
        p->state = S_NO_BODY;
    } else if (p->chunked) {
        p->state = S_CHUNK_FRAMING;
        p->sub = F_SIZE0;
        p->line_len = 0;
        p->remaining = 0;
    } else if (p->has_content_length) {
        p->state = S_LENGTH_BODY;
        p->remaining = p->content_length;
    } else {
        p->state = S_CLOSE_BODY;
        p->keep_alive = false;
    }
    emit(ev, GCH_HTTP_EV_HEAD, NULL, 0);
    return GCH_OK;
}

/* A complete line (ending in LF) sits at head_buf[line_start..head_len). */
static gch_status_t on_head_line(gch_http_parser_t *p, gch_http_event_t *ev)
{
    const char *line = p->cfg.head_buf + p->line_start;
    size_t n = p->head_len - p->line_start - 1; /* without the LF */

    p->line_start = p->head_len;
    if (n == 0 || line[n - 1] != '\r') {
        return GCH_ERR_HTTP_BARE_LF;
    }
    n--; /* without the CR; a CR left inside the line fails the character checks */
    if (!p->status_seen) {
        return parse_status_line(p, line, n);
    }
    if (n == 0) {
        return end_of_head(p, ev);
    }
    return parse_header_line(p, line, n);
}

/* ---------------------------------------------------------------- the steps */

/* Copies up to one line into head_buf, never more than it can hold: a 64 KB header
 * line against a 4 KB head_buf fails after reading 4 KB, not 64. */
static gch_status_t step_head(gch_http_parser_t *p, const uint8_t *in, size_t len, size_t *used, gch_http_event_t *ev)
{
    if (len == 0) {
        return GCH_OK;
    }
    size_t room = p->cfg.head_cap - p->head_len;
    size_t n = len < room ? len : room;
    const uint8_t *lf = n ? memchr(in, '\n', n) : NULL;
    size_t take = lf ? (size_t)(lf - in) + 1 : n;

    memcpy(p->cfg.head_buf + p->head_len, in, take);
    p->head_len += take;
    *used = take;
    if (lf == NULL) {
        return p->head_len == p->cfg.head_cap ? GCH_ERR_HTTP_HEADERS_TOO_LARGE : GCH_OK;
    }
    return on_head_line(p, ev);
}

static gch_status_t step_no_body(gch_http_parser_t *p, gch_http_event_t *ev)
{
    p->state = S_DONE;
    emit(ev, GCH_HTTP_EV_DONE, NULL, 0);
    return GCH_OK;
}

static gch_status_t step_length_body(gch_http_parser_t *p, const uint8_t *in, size_t len, size_t *used,
                                     gch_http_event_t *ev)
{
    if (p->remaining == 0) {
        return step_no_body(p, ev);
    }
    size_t n = min_len(p->remaining, len);
    if (n > 0) {
        p->remaining -= n;
        p->body_bytes += n;
        *used = n;
        emit(ev, GCH_HTTP_EV_BODY, in, n);
    }
    return GCH_OK;
}

static gch_status_t step_close_body(gch_http_parser_t *p, const uint8_t *in, size_t len, size_t *used,
                                    gch_http_event_t *ev)
{
    if (len > 0) {
        p->body_bytes += len;
        *used = len;
        emit(ev, GCH_HTTP_EV_BODY, in, len);
    }
    return GCH_OK;
}

static gch_status_t step_chunk_data(gch_http_parser_t *p, const uint8_t *in, size_t len, size_t *used,
                                    gch_http_event_t *ev)
{
    size_t n = min_len(p->remaining, len);

    if (n > 0) {
        p->remaining -= n;
        p->body_bytes += n;
        *used = n;
        emit(ev, GCH_HTTP_EV_BODY, in, n);
        if (p->remaining == 0) {
            p->state = S_CHUNK_FRAMING;
            p->sub = F_DATA_CR;
        }
    }
    return GCH_OK;
}

/* One byte of chunk framing. `remaining` accumulates the chunk size. */
static gch_status_t framing_byte(gch_http_parser_t *p, uint8_t c)
{
    uint8_t cls = byte_class(c);
    uint8_t next = framing_next[p->sub][cls];

    if (next == X_BAD) {
        return GCH_ERR_HTTP_CHUNK_SIZE;
    }
    if (next == X_BARE_LF) {
        return GCH_ERR_HTTP_BARE_LF;
    }
    if (p->sub >= F_SIZE0 && ++p->line_len > p->cfg.max_chunk_line) {
        return GCH_ERR_HTTP_CHUNK_LINE_TOO_LONG;
    }
    if (next == F_SIZE) {
        p->remaining = p->remaining * 16u + hex_value(c);
        if (p->remaining > p->cfg.max_chunk_size) {
            return GCH_ERR_HTTP_CHUNK_TOO_LARGE;
        }
    }
    if (next == F_SIZE0) {
        p->line_len = 0;
        p->remaining = 0;
    }
    if (next == X_LINE_DONE) {
        p->state = p->remaining ? S_CHUNK_DATA : S_TRAILER;
        p->sub = T_START;
        p->line_len = 0;
        return GCH_OK;
    }
    p->sub = next;
    return GCH_OK;
}

static gch_status_t step_chunk_framing(gch_http_parser_t *p, const uint8_t *in, size_t len, size_t *used)
{
    size_t i = 0;

    while (i < len && p->state == S_CHUNK_FRAMING) {
        gch_status_t st = framing_byte(p, in[i++]);
        if (st != GCH_OK) {
            *used = i;
            return st;
        }
    }
    *used = i;
    return GCH_OK;
}

/* Trailer fields are validated and discarded; they count against the head limit. */
static gch_status_t step_trailer(gch_http_parser_t *p, const uint8_t *in, size_t len, size_t *used,
                                 gch_http_event_t *ev)
{
    for (size_t i = 0; i < len; i++) {
        uint8_t next = trailer_next[p->sub][byte_class(in[i])];
        *used = i + 1;
        if (next == Y_BAD) {
            return GCH_ERR_HTTP_TRAILER;
        }
        if (next == Y_BARE_LF) {
            return GCH_ERR_HTTP_BARE_LF;
        }
        if (++p->line_len > p->cfg.head_cap) {
            return GCH_ERR_HTTP_HEADERS_TOO_LARGE;
        }
        if (next == Y_DONE) {
            return step_no_body(p, ev);
        }
        p->sub = next;
    }
    return GCH_OK;
}

static gch_status_t step(gch_http_parser_t *p, const uint8_t *in, size_t len, size_t *used, gch_http_event_t *ev)
{
    switch (p->state) {
    case S_HEAD: return step_head(p, in, len, used, ev);
    case S_NO_BODY: return step_no_body(p, ev);
    case S_LENGTH_BODY: return step_length_body(p, in, len, used, ev);
    case S_CLOSE_BODY: return step_close_body(p, in, len, used, ev);
    case S_CHUNK_FRAMING: return step_chunk_framing(p, in, len, used);
    case S_CHUNK_DATA: return step_chunk_data(p, in, len, used, ev);
    case S_TRAILER: return step_trailer(p, in, len, used, ev);
    case S_DONE:
        if (len > 0) {
            return GCH_ERR_HTTP_UNEXPECTED_DATA;
        }
        emit(ev, GCH_HTTP_EV_DONE, NULL, 0);
        return GCH_OK;
    default: return p->error;
    }
}

/* ----------------------------------------------------------------- the API */

gch_status_t gch_http_parser_init(gch_http_parser_t *p, const gch_http_parser_config_t *cfg)
{
    if (p == NULL || cfg == NULL || cfg->head_buf == NULL || cfg->head_cap < MIN_HEAD_CAP ||
        (cfg->headers == NULL && cfg->max_headers > 0)) {
        return GCH_ERR_ARG;
    }
    memset(p, 0, sizeof *p);
    p->cfg = *cfg;
    if (p->cfg.max_chunk_size == 0) {
        p->cfg.max_chunk_size = GCH_HTTP_MAX_CHUNK_SIZE;
    }
    if (p->cfg.max_chunk_line == 0) {
        p->cfg.max_chunk_line = GCH_HTTP_MAX_CHUNK_LINE;
    }
    p->headers = p->cfg.headers;
    gch_http_parser_reset(p, false);
    return GCH_OK;
}

void gch_http_parser_reset(gch_http_parser_t *p, bool response_to_head)
{
    clear_head(p);
    p->body_bytes = 0;
    p->head_request = response_to_head;
    p->connect_request = false;
    p->started = false;
    p->state = S_HEAD;
    p->sub = 0;
    p->error = GCH_OK;
    p->line_len = 0;
    p->remaining = 0;
}

void gch_http_parser_expect_tunnel(gch_http_parser_t *p)
{
    p->connect_request = true;
}

gch_status_t gch_http_parser_feed(gch_http_parser_t *p, const uint8_t *in, size_t len, size_t *consumed,
                                  gch_http_event_t *ev)
{
    static const uint8_t no_input[1] = { 0 };
    size_t pos = 0;
    gch_status_t st = GCH_OK;

    emit(ev, GCH_HTTP_EV_NEED_MORE, NULL, 0);
    *consumed = 0;
    if (p->state == S_ERROR) {
        return p->error;
    }
    if (in == NULL) {
        if (len > 0) {
            return GCH_ERR_ARG;
        }
        in = no_input; /* keeps `in + pos` defined */
    }
    /* Steps that consume bytes without an event (header lines, chunk framing) are
     * chained, so one call moves from a chunk's CRLF straight into its data. */
    for (;;) {
        size_t used = 0;
        st = step(p, in + pos, len - pos, &used, ev);
        pos += used;
        if (st != GCH_OK || ev->type != GCH_HTTP_EV_NEED_MORE || used == 0) {
            break;
        }
    }
    p->started |= pos > 0;
    *consumed = pos;
    if (st != GCH_OK) {
        p->error = st;
        p->state = S_ERROR;
        emit(ev, GCH_HTTP_EV_NEED_MORE, NULL, 0);
    }
    return st;
}

gch_status_t gch_http_parser_feed_eof(gch_http_parser_t *p, gch_http_event_t *ev)
{
    emit(ev, GCH_HTTP_EV_NEED_MORE, NULL, 0);
    if (p->state == S_ERROR) {
        return p->error;
    }
    p->keep_alive = false;
    bool complete = p->state == S_CLOSE_BODY || p->state == S_NO_BODY || p->state == S_DONE ||
                    (p->state == S_LENGTH_BODY && p->remaining == 0);
    if (!complete) {
        p->error = GCH_ERR_TRUNCATED;
        p->state = S_ERROR;
        return p->error;
    }
    p->state = S_DONE;
    emit(ev, GCH_HTTP_EV_DONE, NULL, 0);
    return GCH_OK;
}

bool gch_http_parser_idle(const gch_http_parser_t *p)
{
    return !p->started;
}

bool gch_http_parser_header(const gch_http_parser_t *p, const char *name, const char **value, size_t *value_len)
{
    size_t name_len = strlen(name);

    for (size_t i = 0; i < p->header_count; i++) {
        const gch_http_header_t *h = &p->headers[i];
        if (gch_http_name_eq(h->name, h->name_len, name, name_len)) {
            *value = h->value;
            *value_len = h->value_len;
            return true;
        }
    }
    return false;
}
