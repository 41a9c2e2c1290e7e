/*
 * gch_json_split.c - streaming entity splitter (see gch_json_split.h).
 *
 * The scanner does the grammar; this file only decides what the bytes between
 * its events belong to. Depths: the envelope object is 0, its members 1, the
 * entities 2. Inside an entity nothing is reported, so an entity is copied in a
 * few large memcpy() runs rather than byte by byte.
 */
#include "gch_json_split.h"

#include <string.h>

#include "gch_json_str.h"

enum { PH_START, PH_ENVELOPE, PH_ENTITIES, PH_DONE };
enum { CAP_NONE, CAP_KEY, CAP_NUM, CAP_STR, CAP_ENTITY };

/* Envelope members we capture; the order is the bit in `seen`. */
enum { M_UNKNOWN = 0, M_ENTITIES, M_PAGE_COUNT, M_PAGE_NUMBER, M_PAGE_SIZE, M_TOTAL, M_NEXT_URI, M_SELF_URI };
static const char *const member_name[] = { "",         "entities", "pageCount", "pageNumber",
                                           "pageSize", "total",    "nextUri",   "selfUri" };
#define MEMBER_COUNT (sizeof member_name / sizeof member_name[0])

void gch_json_split_init(gch_json_split_t *s, char *ent_buf, size_t ent_cap)
{
    memset(s, 0, sizeof *s);
    s->ent_buf = ent_buf;
    s->ent_cap = ent_buf ? ent_cap : 0;
    gch_json_scan_init(&s->scan, 1);
}

static gch_json_env_int_t *int_field(gch_json_envelope_t *e, uint8_t m)
{
    switch (m) {
    case M_PAGE_COUNT: return &e->page_count;
    case M_PAGE_NUMBER: return &e->page_number;
    case M_PAGE_SIZE: return &e->page_size;
    case M_TOTAL: return &e->total;
    default: return NULL;
    }
}

static gch_json_env_str_t *str_field(gch_json_envelope_t *e, uint8_t m)
{
    return m == M_NEXT_URI ? &e->next_uri : m == M_SELF_URI ? &e->self_uri : NULL;
}

/* Appends bytes to a bounded area, counting what did not fit in *len too. */
static void append(char *dst, size_t cap, size_t *len, const char *src, size_t n)
{
    if (*len < cap) {
        size_t room = cap - *len;
        memcpy(dst + *len, src, n < room ? n : room);
    }
    *len = n > SIZE_MAX - *len ? SIZE_MAX : *len + n;
}

/* Routes consumed bytes to whatever is being captured. */
static void capture(gch_json_split_t *s, const char *src, size_t n)
{
    gch_json_env_str_t *f;
    switch (s->capture) {
    case CAP_ENTITY: append(s->ent_buf, s->ent_cap, &s->ent_len, src, n); break;
    case CAP_KEY: append(s->key, sizeof s->key, &s->key_len, src, n); break;
    case CAP_NUM: append(s->num, sizeof s->num, &s->num_len, src, n); break;
    case CAP_STR:
        f = str_field(&s->env, s->member);
        append(f->text, sizeof f->text, &f->len, src, n);
        break;
    default: break;
    }
}

static void finish_key(gch_json_split_t *s)
{
    s->member = M_UNKNOWN;
    if (s->key_len > sizeof s->key) {
        return;
    }
    for (size_t m = 1; m < MEMBER_COUNT; m++) {
        if (gch_json_raw_eq(s->key + 1, s->key_len - 2u, member_name[m], strlen(member_name[m]))) {
            s->member = (uint8_t)m;
            return;
        }
    }
}

static void finish_num(gch_json_split_t *s, gch_json_env_int_t *f)
{
    int64_t v = 0;
    gch_json_int_t r = GCH_JSON_INT_OVERFLOW;
    if (s->num_len <= sizeof s->num) {
        r = gch_json_parse_int(s->num, s->num_len, &v);
    } else if (memchr(s->num, '.', sizeof s->num) || memchr(s->num, 'e', sizeof s->num) ||
               memchr(s->num, 'E', sizeof s->num)) {
        r = GCH_JSON_INT_NOT_INTEGER;
    }
    if (r == GCH_JSON_INT_NOT_INTEGER) {
        f->state = GCH_JSON_FIELD_NOT_INTEGER;
    } else if (s->num[0] == '-' && !(r == GCH_JSON_INT_OK && v == 0)) {
        f->state = GCH_JSON_FIELD_NEGATIVE; /* "-0" is zero */
    } else if (r == GCH_JSON_INT_OVERFLOW) {
        f->state = GCH_JSON_FIELD_OVERFLOW;
    } else {
        f->state = GCH_JSON_FIELD_OK;
        f->value = v;
    }
}

/* The string was captured with its quotes; decode it in place. The cap keeps
 * room for the NUL after dropping the opening quote. */
static void finish_str(gch_json_env_str_t *f)
{
    size_t raw_len = f->len - 2u, out_len = 0;
    if (f->len > sizeof f->text - 1u) {
        f->state = GCH_JSON_FIELD_TOO_LONG;
        f->len = 0;
        f->text[0] = '\0';
        return;
    }
    memmove(f->text, f->text + 1, raw_len);
    if (gch_json_unescape(f->text, raw_len, f->text, raw_len, &out_len) != GCH_OK) {
        f->state = GCH_JSON_FIELD_BAD_ESCAPE;
        out_len = 0;
    } else {
        f->state = GCH_JSON_FIELD_OK;
    }
    f->len = out_len;
    f->text[out_len] = '\0';
}

/* Looks for the entity's top-level "id" string within the bytes we kept. */
static void recover_id(const gch_json_split_t *s, gch_json_split_ev_t *ev)
{
    gch_json_scan_t sc;
    gch_json_scan_ev_t se;
    const char *p = s->ent_buf, *key = NULL, *val = NULL;
    size_t left = s->ent_cap, used;
    bool is_id = false;

    gch_json_scan_init(&sc, 1);
    while (left > 0 && gch_json_scan_next(&sc, p, left, &used, &se) == GCH_OK && se.event != GCH_JSON_SCAN_MORE) {
        const char *at = p + used; /* just after the event's byte */
        p += used;
        left -= used;
        if (se.depth != 1) {
            continue;
        }
        if (se.is_key) {
            if (se.event == GCH_JSON_SCAN_BEGIN) {
                key = at;
            } else {
                is_id = gch_json_raw_eq(key, (size_t)(at - 1 - key), "id", 2);
            }
        } else if (is_id && se.type == GCH_JSON_STRING) {
            if (se.event == GCH_JSON_SCAN_BEGIN) {
                val = at;
            } else {
                ev->id = val;
                ev->id_len = (size_t)(at - 1 - val);
                return;
            }
        } else if (is_id && se.event == GCH_JSON_SCAN_BEGIN) {
            return; /* "id" is not a string: nothing to report */
        }
    }
}

static gch_status_t on_entities_value(gch_json_split_t *s, const gch_json_scan_ev_t *se)
{
    if (se->type != GCH_JSON_ARRAY) {
        return GCH_ERR_JSON_TYPE;
    }
    s->env.has_entities = true;
    s->phase = PH_ENTITIES;
    s->scan.report_depth = 2;
    return GCH_OK;
}

/* A value of a known envelope member begins; first is its first byte. */
static gch_status_t on_member_value(gch_json_split_t *s, const gch_json_scan_ev_t *se, const char *first)
{
    gch_json_env_int_t *fi = int_field(&s->env, s->member);
    gch_json_env_str_t *fs = str_field(&s->env, s->member);
    gch_json_field_t *state = fi ? &fi->state : fs ? &fs->state : NULL;

    if (s->member == M_ENTITIES) {
        return on_entities_value(s, se);
    }
    if (!state) {
        return GCH_OK;
    }
    if (se->type == GCH_JSON_NULL) {
        *state = GCH_JSON_FIELD_NULL;
    } else if (fi && se->type == GCH_JSON_NUMBER) {
        s->capture = CAP_NUM;
        s->num_len = 0;
    } else if (fs && se->type == GCH_JSON_STRING) {
        s->capture = CAP_STR;
        fs->len = 0;
    } else {
        *state = GCH_JSON_FIELD_BAD_TYPE;
    }
    capture(s, first, 1);
    return GCH_OK;
}

static gch_status_t on_begin(gch_json_split_t *s, const gch_json_scan_ev_t *se, const char *first)
{
    if (se->depth == 0) {
        if (se->type != GCH_JSON_OBJECT) {
            return GCH_ERR_JSON_TYPE;
        }
        s->phase = PH_ENVELOPE;
        return GCH_OK;
    }
    if (se->depth == 2) { /* only reported inside "entities" */
        if (se->type != GCH_JSON_OBJECT) {
            return GCH_ERR_JSON_TYPE;
        }
        s->capture = CAP_ENTITY;
        s->ent_len = 0;
        capture(s, first, 1);
        if (s->skim_fields != NULL) {
            gch_json_skimmer_init(&s->skim, s->skim_fields, s->skim_count);
            s->scan.report_depth = 3; /* the entity's members, for the skimmer */
        }
        return GCH_OK;
    }
    if (se->is_key) {
        s->capture = CAP_KEY;
        s->key_len = 0;
        capture(s, first, 1);
        return GCH_OK;
    }
    return on_member_value(s, se, first);
}

static gch_status_t on_key_end(gch_json_split_t *s)
{
    finish_key(s);
    if (s->member != M_UNKNOWN) {
        uint16_t bit = (uint16_t)(1u << s->member);
        if (s->seen & bit) {
            return GCH_ERR_JSON_DUPLICATE;
        }
        s->seen |= bit;
    }
    return GCH_OK;
}

/* Handles an END; returns true when it is an event for the caller. */
static bool on_end(gch_json_split_t *s, const gch_json_scan_ev_t *se, gch_json_split_ev_t *ev, gch_status_t *st)
{
    uint8_t cap = s->capture;
    s->capture = CAP_NONE;
    *st = GCH_OK;
    if (se->depth == 0) {
        s->phase = PH_DONE;
        ev->type = GCH_JSON_SPLIT_END;
        return true;
    }
    if (se->depth == 2) {
        ev->index = s->env.entities++;
        if (s->skim_fields != NULL) {
            s->scan.report_depth = 2;
            ev->skim_status = s->ent_len <= s->ent_cap ? s->skim.error : GCH_ERR_TOO_LARGE;
        }
        if (s->ent_len <= s->ent_cap) {
            ev->type = GCH_JSON_SPLIT_ENTITY;
            ev->data = s->ent_buf;
            ev->len = s->ent_len;
        } else {
            s->env.too_large++;
            ev->type = GCH_JSON_SPLIT_ENTITY_TOO_LARGE;
            ev->size = s->ent_len;
            recover_id(s, ev);
        }
        return true;
    }
    if (se->is_key) {
        *st = on_key_end(s);
    } else if (cap == CAP_NUM) {
        finish_num(s, int_field(&s->env, s->member));
    } else if (cap == CAP_STR) {
        finish_str(str_field(&s->env, s->member));
    } else if (s->phase == PH_ENTITIES && se->type == GCH_JSON_ARRAY && s->member == M_ENTITIES) {
        s->phase = PH_ENVELOPE;
        s->scan.report_depth = 1;
    }
    return false;
}

/* An event inside the entity being cut (depth 3 and deeper): its bytes are
 * already in the entity buffer, so the skimmer reads fields in place. */
static void skim_inner(gch_json_split_t *s, const gch_json_scan_ev_t *se)
{
    if (s->ent_len > s->ent_cap) {
        return; /* the entity will be reported too large: nothing to point at */
    }
    const char *at = s->ent_buf + s->ent_len - (se->event == GCH_JSON_SCAN_BEGIN ? 1u : 0u);
    (void)gch_json_skimmer_event(&s->skim, se, se->depth - 2u, at);
    s->scan.report_depth = 2u + s->skim.want_depth;
}

void gch_json_split_skim(gch_json_split_t *s, gch_json_skim_field_t *fields, size_t n)
{
    s->skim_fields = fields;
    s->skim_count = n;
}

gch_status_t gch_json_split_feed(gch_json_split_t *s, const char *in, size_t len, size_t *consumed,
                                 gch_json_split_ev_t *ev)
{
    size_t pos = 0;
    memset(ev, 0, sizeof *ev);
    ev->type = s->phase == PH_DONE ? GCH_JSON_SPLIT_END : GCH_JSON_SPLIT_NEED_MORE;
    *consumed = 0;
    if (s->error != GCH_OK) {
        return s->error;
    }

    while (pos < len) {
        gch_json_scan_ev_t se;
        size_t used;
        gch_status_t st = gch_json_scan_next(&s->scan, in + pos, len - pos, &used, &se);
        const char *chunk = in + pos;

        pos += used;
        *consumed = pos;
        if (st != GCH_OK) {
            return s->error = st;
        }
        if (se.event != GCH_JSON_SCAN_MORE && se.depth > 2 && s->capture == CAP_ENTITY) {
            capture(s, chunk, used);
            skim_inner(s, &se);
            continue;
        }
        if (se.event == GCH_JSON_SCAN_BEGIN) {
            /* Bytes before the first byte are separators: nothing captures them. */
            st = on_begin(s, &se, chunk + used - 1);
        } else {
            capture(s, chunk, used);
            if (se.event == GCH_JSON_SCAN_END && on_end(s, &se, ev, &st)) {
                return GCH_OK;
            }
        }
        if (st != GCH_OK) {
            return s->error = st;
        }
    }
    return GCH_OK;
}

gch_status_t gch_json_split_finish(gch_json_split_t *s)
{
    if (s->error != GCH_OK) {
        return s->error;
    }
    if (s->phase != PH_DONE) {
        s->error = GCH_ERR_JSON_SYNTAX;
    }
    return s->error;
}
