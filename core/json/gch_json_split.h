/*
 * gch_json_split.h - cuts a streamed listing page into its entities.
 *
 * Fed any slices of a de-chunked page body
 *   {"entities":[{...},{...}],"pageSize":100,"pageNumber":1,"total":250,
 *    "pageCount":3,"selfUri":"...","nextUri":"...",...}
 * (members in any order), it copies each element of the top-level "entities"
 * array into the caller's entity buffer and reports it, and captures the
 * envelope as it streams by. Memory is the same for 10 actions or 100,000.
 * Called by the Genesys layer's page loop; each entity then goes to
 * gch_json_doc_parse().
 *
 * The whole page is validated as strict JSON (gch_json_scan): a malformed page
 * is an error, never silent garbage. Additionally:
 *   - the document must be an object, "entities" an array, each entity an
 *     object: else GCH_ERR_JSON_TYPE;
 *   - "entities" or a captured envelope member twice: GCH_ERR_JSON_DUPLICATE.
 * A missing "entities" is not an error here (env.has_entities tells).
 *
 * An entity larger than the entity buffer is never truncated: it is reported as
 * GCH_JSON_SPLIT_ENTITY_TOO_LARGE with its size and, when its top-level "id" lies
 * within the first ent_cap bytes, that id; then splitting carries on.
 */
#ifndef GCH_JSON_SPLIT_H
#define GCH_JSON_SPLIT_H

#include "gch_config.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"
#include "gch_json_scan.h"
#include "gch_json_skim.h"

typedef enum {
    GCH_JSON_FIELD_ABSENT = 0,
    GCH_JSON_FIELD_OK,
    GCH_JSON_FIELD_NULL,        /* present as null (nextUri on the last page) */
    GCH_JSON_FIELD_BAD_TYPE,    /* e.g. a string where an integer belongs */
    GCH_JSON_FIELD_NOT_INTEGER, /* 3.5, 1e2 */
    GCH_JSON_FIELD_NEGATIVE,
    GCH_JSON_FIELD_OVERFLOW,  /* beyond int64_t */
    GCH_JSON_FIELD_TOO_LONG,  /* string over GCH_JSON_URI_MAX - 3 raw bytes */
    GCH_JSON_FIELD_BAD_ESCAPE /* string with a lone surrogate */
} gch_json_field_t;

typedef struct {
    int64_t value; /* valid when state == GCH_JSON_FIELD_OK; >= 0 */
    gch_json_field_t state;
} gch_json_env_int_t;

typedef struct {
    /* Unescaped (JSON escapes decoded, \/ -> /), NUL-terminated, owned by the
     * splitter. Use len: a \u0000 would survive decoding. Valid when state is OK. */
    char text[GCH_JSON_URI_MAX];
    size_t len;
    gch_json_field_t state;
} gch_json_env_str_t;

typedef struct {
    gch_json_env_int_t page_count, page_number, page_size, total;
    gch_json_env_str_t next_uri, self_uri;
    bool has_entities;  /* an "entities" array was seen */
    uint32_t entities;  /* elements seen so far, too-large ones included */
    uint32_t too_large; /* of which reported as ENTITY_TOO_LARGE */
} gch_json_envelope_t;

typedef enum {
    GCH_JSON_SPLIT_NEED_MORE = 0,    /* slice consumed; feed the next one */
    GCH_JSON_SPLIT_ENTITY,           /* data/len: one complete entity */
    GCH_JSON_SPLIT_ENTITY_TOO_LARGE, /* size (+ id when recovered); entity skipped */
    GCH_JSON_SPLIT_END               /* the page is complete; env is final */
} gch_json_split_event_t;

typedef struct {
    gch_json_split_event_t type;
    uint32_t index;   /* ENTITY*: position in the entities array, from 0 */
    const char *data; /* ENTITY: into the entity buffer; valid until the next feed */
    size_t len;       /* ENTITY: bytes of the entity */
    size_t size;      /* ENTITY_TOO_LARGE: total bytes of the entity */
    const char *id;   /* ENTITY_TOO_LARGE: raw (escaped) "id" string content in
                                   the entity buffer, or NULL if not recovered */
    size_t id_len;
    gch_status_t skim_status; /* ENTITY with gch_json_split_skim(): the fields' verdict */
} gch_json_split_ev_t;

typedef struct {
    gch_json_envelope_t env; /* owned by the splitter; read any time, final at END */
    /* Private state. */
    char *ent_buf; /* borrowed: caller's entity buffer, outlives the splitter */
    size_t ent_cap;
    size_t ent_len; /* bytes of the current entity so far (may exceed ent_cap) */
    gch_json_scan_t scan;
    gch_json_skimmer_t skim;            /* fields of the current entity, when skim_fields is set */
    gch_json_skim_field_t *skim_fields; /* borrowed, from gch_json_split_skim(); NULL: off */
    size_t skim_count;
    uint8_t phase;
    uint8_t capture;            /* what the bytes being consumed belong to */
    uint8_t member;             /* which known envelope member the current value is */
    uint16_t seen;              /* known envelope members seen (duplicate check) */
    char key[GCH_JSON_KEY_MAX]; /* current envelope key, raw, with its quotes */
    size_t key_len;
    char num[32]; /* current envelope number text */
    size_t num_len;
    gch_status_t error; /* sticky */
} gch_json_split_t;

/* Starts a page. ent_buf[0..ent_cap) is the caller's and must outlive s. */
void gch_json_split_init(gch_json_split_t *s, char *ent_buf, size_t ent_cap);

/*
 * Consumes in[0..len) up to the next event. *consumed = bytes used; feed the
 * rest (in + *consumed) next. After END keep feeding the rest of the body: only
 * whitespace is accepted. Errors are sticky.
 */
gch_status_t gch_json_split_feed(gch_json_split_t *s, const char *in, size_t len, size_t *consumed,
                                 gch_json_split_ev_t *ev);

/* The body has ended: GCH_OK if the page was complete, else GCH_ERR_JSON_SYNTAX. */
gch_status_t gch_json_split_finish(gch_json_split_t *s);

/*
 * Also read fields[0..n) of every entity in the same pass (see gch_json_skim.h):
 * on an ENTITY event the fields point into the entity buffer and
 * ev->skim_status says whether they could be read (a duplicated member is
 * GCH_ERR_JSON_DUPLICATE). Call after gch_json_split_init; fields are borrowed.
 */
void gch_json_split_skim(gch_json_split_t *s, gch_json_skim_field_t *fields, size_t n);

#endif
