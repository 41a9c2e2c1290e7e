/*
 * gch_json_scan.c - strict streaming JSON syntax scanner (see gch_json_scan.h).
 *
 * One state per place in the grammar. Whitespace states loop locally; strings
 * skip plain bytes a word at a time, because template strings are most of the
 * bytes of a Data Action page and the splitter's throughput is this loop's.
 */
#include "gch_json_scan.h"

#include <string.h>

enum {
    ST_VALUE,     /* a value is required */
    ST_ARR_FIRST, /* after '[': a value or ']' */
    ST_OBJ_FIRST, /* after '{': a key or '}' */
    ST_KEY,       /* after ',' in an object: a key */
    ST_COLON,     /* after a key */
    ST_AFTER,     /* after a member value or element: ',' or the closer */
    ST_DONE,      /* after the document value: whitespace only */
    ST_STR,
    ST_ESC,       /* after '\' */
    ST_UHEX,      /* inside \uXXXX, sub = hex digits seen */
    ST_LIT,       /* inside true/false/null, sub = letters matched */
    ST_NUM_MINUS, /* after '-' */
    ST_NUM_ZERO,  /* a leading 0 (no more integer digits allowed) */
    ST_NUM_INT,
    ST_NUM_DOT, /* after '.' */
    ST_NUM_FRAC,
    ST_NUM_E,     /* after 'e'/'E' */
    ST_NUM_ESIGN, /* after the exponent sign */
    ST_NUM_EXP
};

static const char *const lit_text[3] = { "true", "false", "null" };
static const uint8_t lit_len[3] = { 4, 5, 4 };
static const gch_json_type_t lit_type[3] = { GCH_JSON_TRUE, GCH_JSON_FALSE, GCH_JSON_NULL };

void gch_json_scan_init(gch_json_scan_t *sc, uint32_t report_depth)
{
    memset(sc, 0, sizeof *sc);
    sc->report_depth = report_depth;
    sc->state = ST_VALUE;
}

bool gch_json_scan_done(const gch_json_scan_t *sc)
{
    return sc->error == GCH_OK && sc->state == ST_DONE;
}

static bool is_ws(unsigned c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static bool is_digit(unsigned c)
{
    return c - '0' < 10u;
}

static bool is_hex(unsigned c)
{
    return is_digit(c) || (c | 0x20u) - 'a' < 6u;
}

static bool top_is_object(const gch_json_scan_t *sc)
{
    uint32_t d = sc->depth - 1u;
    return (sc->stack[d / 32u] >> (d % 32u)) & 1u;
}

/* Bytes at the start of p[0..n) that need no attention inside a string:
 * not '"', not '\', not a control character. */
static size_t skip_plain(const unsigned char *p, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = 0;
    while (n - i >= 8u) {
        uint64_t w, q, b;
        memcpy(&w, p + i, 8);
        q = w ^ (ones * '"');
        b = w ^ (ones * '\\');
        /* Classic "has a zero byte" / "has a byte < 0x20" tests. */
        if ((((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20u) & ~w)) & highs) {
            break;
        }
        i += 8u;
    }
    while (i < n && p[i] >= 0x20u && p[i] != '"' && p[i] != '\\') {
        i++;
    }
    return i;
}

/* The state after a value completes at the current depth. */
static void value_done(gch_json_scan_t *sc)
{
    sc->state = (uint8_t)(sc->depth == 0 ? ST_DONE : ST_AFTER);
}

static bool fill(gch_json_scan_ev_t *ev, gch_json_scan_event_t e, gch_json_type_t t, bool key, uint32_t depth,
                 uint32_t report_depth)
{
    if (depth > report_depth) {
        return false;
    }
    ev->event = e;
    ev->type = t;
    ev->is_key = key;
    ev->depth = depth;
    return true;
}

/* Starts the value whose first byte is c. Returns the error, or GCH_OK with
 * *report set when its BEGIN is to be reported. */
static gch_status_t begin_value(gch_json_scan_t *sc, unsigned c, gch_json_scan_ev_t *ev, bool *report)
{
    uint32_t d = sc->depth;
    gch_json_type_t t;

    switch (c) {
    case '{':
    case '[':
        if (d >= GCH_JSON_MAX_DEPTH) {
            return GCH_ERR_JSON_TOO_DEEP;
        }
        if (c == '{') {
            sc->stack[d / 32u] |= 1u << (d % 32u);
        } else {
            sc->stack[d / 32u] &= ~(1u << (d % 32u));
        }
        sc->depth = d + 1u;
        sc->state = (uint8_t)(c == '{' ? ST_OBJ_FIRST : ST_ARR_FIRST);
        t = c == '{' ? GCH_JSON_OBJECT : GCH_JSON_ARRAY;
        break;
    case '"':
        sc->state = ST_STR;
        sc->in_key = false;
        t = GCH_JSON_STRING;
        break;
    case '-':
        sc->state = ST_NUM_MINUS;
        t = GCH_JSON_NUMBER;
        break;
    case 't':
    case 'f':
    case 'n':
        sc->lit = (uint8_t)(c == 't' ? 0 : c == 'f' ? 1 : 2);
        sc->sub = 1;
        sc->state = ST_LIT;
        t = lit_type[sc->lit];
        break;
    default:
        if (!is_digit(c)) {
            return GCH_ERR_JSON_SYNTAX;
        }
        sc->state = (uint8_t)(c == '0' ? ST_NUM_ZERO : ST_NUM_INT);
        t = GCH_JSON_NUMBER;
        break;
    }
    *report = fill(ev, GCH_JSON_SCAN_BEGIN, t, false, d, sc->report_depth);
    return GCH_OK;
}

/* Closes the innermost container with closer c ('}' or ']'). */
static gch_status_t end_container(gch_json_scan_t *sc, unsigned c, gch_json_scan_ev_t *ev, bool *report)
{
    bool obj = top_is_object(sc);
    if (obj != (c == '}')) {
        return GCH_ERR_JSON_SYNTAX;
    }
    sc->depth--;
    value_done(sc);
    *report = fill(ev, GCH_JSON_SCAN_END, obj ? GCH_JSON_OBJECT : GCH_JSON_ARRAY, false, sc->depth, sc->report_depth);
    return GCH_OK;
}

/* The number ended before a byte that is not part of it. */
static bool end_number(gch_json_scan_t *sc, gch_json_scan_ev_t *ev)
{
    value_done(sc);
    return fill(ev, GCH_JSON_SCAN_END, GCH_JSON_NUMBER, false, sc->depth, sc->report_depth);
}

static bool number_may_end(uint8_t state)
{
    return state == ST_NUM_ZERO || state == ST_NUM_INT || state == ST_NUM_FRAC || state == ST_NUM_EXP;
}

/* One byte of a number. Returns 1 if consumed, 0 if the number ended before it,
 * -1 on a syntax error. */
static int number_byte(gch_json_scan_t *sc, unsigned c)
{
    bool digit = is_digit(c);
    switch (sc->state) {
    case ST_NUM_MINUS:
        if (!digit) {
            return -1;
        }
        sc->state = (uint8_t)(c == '0' ? ST_NUM_ZERO : ST_NUM_INT);
        return 1;
    case ST_NUM_ZERO:
    case ST_NUM_INT:
        if (digit && sc->state == ST_NUM_INT) {
            return 1;
        }
        if (digit) {
            return -1; /* leading zero */
        }
        if (c == '.') {
            sc->state = ST_NUM_DOT;
            return 1;
        }
        if (c == 'e' || c == 'E') {
            sc->state = ST_NUM_E;
            return 1;
        }
        return 0;
    case ST_NUM_DOT:
        if (!digit) {
            return -1;
        }
        sc->state = ST_NUM_FRAC;
        return 1;
    case ST_NUM_FRAC:
        if (digit) {
            return 1;
        }
        if (c == 'e' || c == 'E') {
            sc->state = ST_NUM_E;
            return 1;
        }
        return 0;
    case ST_NUM_E:
        if (c == '+' || c == '-') {
            sc->state = ST_NUM_ESIGN;
            return 1;
        }
        if (!digit) {
            return -1;
        }
        sc->state = ST_NUM_EXP;
        return 1;
    case ST_NUM_ESIGN:
        if (!digit) {
            return -1;
        }
        sc->state = ST_NUM_EXP;
        return 1;
    default: /* ST_NUM_EXP */ return digit ? 1 : 0;
    }
}

/* One byte inside a string but not plain text: '"', '\', an escape or \u digit. */
static gch_status_t string_byte(gch_json_scan_t *sc, unsigned c, gch_json_scan_ev_t *ev, bool *report)
{
    switch (sc->state) {
    case ST_STR:
        if (c == '\\') {
            sc->state = ST_ESC;
            return GCH_OK;
        }
        if (c != '"') {
            return GCH_ERR_JSON_SYNTAX; /* a raw control character */
        }
        if (sc->in_key) {
            sc->state = ST_COLON;
            *report = fill(ev, GCH_JSON_SCAN_END, GCH_JSON_STRING, true, sc->depth, sc->report_depth);
        } else {
            value_done(sc);
            *report = fill(ev, GCH_JSON_SCAN_END, GCH_JSON_STRING, false, sc->depth, sc->report_depth);
        }
        return GCH_OK;
    case ST_ESC:
        if (c == 'u') {
            sc->state = ST_UHEX;
            sc->sub = 0;
            return GCH_OK;
        }
        if (!strchr("\"\\/bfnrt", (int)c) || c == 0) {
            return GCH_ERR_JSON_SYNTAX;
        }
        sc->state = ST_STR;
        return GCH_OK;
    default: /* ST_UHEX */
        if (!is_hex(c)) {
            return GCH_ERR_JSON_SYNTAX;
        }
        if (++sc->sub == 4u) {
            sc->state = ST_STR;
        }
        return GCH_OK;
    }
}

static gch_status_t begin_key(gch_json_scan_t *sc, unsigned c, gch_json_scan_ev_t *ev, bool *report)
{
    if (c != '"') {
        return GCH_ERR_JSON_SYNTAX;
    }
    sc->state = ST_STR;
    sc->in_key = true;
    *report = fill(ev, GCH_JSON_SCAN_BEGIN, GCH_JSON_STRING, true, sc->depth, sc->report_depth);
    return GCH_OK;
}

/* One byte where the grammar allows whitespace before it. */
static gch_status_t structural_byte(gch_json_scan_t *sc, unsigned c, gch_json_scan_ev_t *ev, bool *report)
{
    switch (sc->state) {
    case ST_VALUE: return begin_value(sc, c, ev, report);
    case ST_ARR_FIRST:
        if (c == ']') {
            return end_container(sc, c, ev, report);
        }
        return begin_value(sc, c, ev, report);
    case ST_OBJ_FIRST:
        if (c == '}') {
            return end_container(sc, c, ev, report);
        }
        return begin_key(sc, c, ev, report);
    case ST_KEY: return begin_key(sc, c, ev, report);
    case ST_COLON:
        if (c != ':') {
            return GCH_ERR_JSON_SYNTAX;
        }
        sc->state = ST_VALUE;
        return GCH_OK;
    case ST_AFTER:
        if (c == ',') {
            sc->state = (uint8_t)(top_is_object(sc) ? ST_KEY : ST_VALUE);
            return GCH_OK;
        }
        if (c == '}' || c == ']') {
            return end_container(sc, c, ev, report);
        }
        return GCH_ERR_JSON_SYNTAX;
    default: /* ST_DONE: garbage after the document */ return GCH_ERR_JSON_SYNTAX;
    }
}

static gch_status_t fail(gch_json_scan_t *sc, gch_status_t st, size_t at, size_t *used)
{
    sc->error = st;
    *used = at;
    return st;
}

gch_status_t gch_json_scan_next(gch_json_scan_t *sc, const char *in, size_t len, size_t *used, gch_json_scan_ev_t *ev)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t i = 0;
    gch_status_t st;

    ev->event = GCH_JSON_SCAN_MORE;
    if (sc->error != GCH_OK) {
        return fail(sc, sc->error, 0, used);
    }

    while (i < len) {
        bool report = false;
        unsigned c;

        if (sc->state == ST_STR) {
            i += skip_plain(p + i, len - i);
            if (i == len) {
                break;
            }
        }
        c = p[i];
        if (sc->state >= ST_STR && sc->state <= ST_UHEX) {
            st = string_byte(sc, c, ev, &report);
        } else if (sc->state == ST_LIT) {
            if (c != (unsigned char)lit_text[sc->lit][sc->sub]) {
                return fail(sc, GCH_ERR_JSON_SYNTAX, i, used);
            }
            st = GCH_OK;
            if (++sc->sub == lit_len[sc->lit]) {
                value_done(sc);
                report = fill(ev, GCH_JSON_SCAN_END, lit_type[sc->lit], false, sc->depth, sc->report_depth);
            }
        } else if (sc->state >= ST_NUM_MINUS) {
            int r = number_byte(sc, c);
            if (r < 0 || (r == 0 && !number_may_end(sc->state))) {
                return fail(sc, GCH_ERR_JSON_SYNTAX, i, used);
            }
            if (r == 0) {
                /* The byte is not ours: report the end without consuming it. */
                if (end_number(sc, ev)) {
                    *used = i;
                    return GCH_OK;
                }
                continue;
            }
            i++;
            continue;
        } else if (is_ws(c)) {
            i++;
            continue;
        } else {
            st = structural_byte(sc, c, ev, &report);
        }
        if (st != GCH_OK) {
            return fail(sc, st, i, used);
        }
        i++;
        if (report) {
            *used = i;
            return GCH_OK;
        }
    }
    *used = i;
    return GCH_OK;
}

gch_status_t gch_json_scan_finish(gch_json_scan_t *sc, gch_json_scan_ev_t *ev)
{
    ev->event = GCH_JSON_SCAN_MORE;
    if (sc->error != GCH_OK) {
        return sc->error;
    }
    if (sc->state >= ST_NUM_MINUS && sc->depth == 0 && number_may_end(sc->state)) {
        (void)end_number(sc, ev);
    }
    if (sc->state != ST_DONE) {
        sc->error = GCH_ERR_JSON_SYNTAX; /* truncated */
        return sc->error;
    }
    return GCH_OK;
}

gch_status_t gch_json_validate(const char *json, size_t len)
{
    gch_json_scan_t sc;
    gch_json_scan_ev_t ev;
    size_t used;

    gch_json_scan_init(&sc, 0);
    /* report_depth 0 still reports the document's own BEGIN/END: loop over them. */
    while (len > 0) {
        gch_status_t st = gch_json_scan_next(&sc, json, len, &used, &ev);
        if (st != GCH_OK) {
            return st;
        }
        json += used;
        len -= used;
    }
    return gch_json_scan_finish(&sc, &ev);
}
