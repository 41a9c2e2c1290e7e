/*
 * gch_json_scan.h - a strict, push-style JSON syntax scanner.
 *
 * The one JSON validator of core/. The entity splitter (gch_json_split) drives it
 * over a streamed page; gch_json_doc_parse (gch_json_path) runs it over a whole
 * buffer before jsmn tokenizes it, closing the holes jsmn leaves open ({"a"},
 * {"a":1,}, {}{}, tru, 01, -, raw control characters, NUL bytes...).
 *
 * It accepts exactly RFC 8259 JSON: one value, surrounded by optional whitespace.
 * It does not check UTF-8 or surrogate pairing inside strings (the bytes are kept
 * as they are; gch_json_unescape() rejects lone surrogates when decoding).
 *
 * The scanner returns to its caller only at events it was asked for: a value or a
 * key beginning or ending at a depth <= report_depth. Everything deeper runs in a
 * tight loop (strings skip 8 bytes at a time), so callers copy runs, not bytes.
 * Any slicing of the input works, down to one byte per call.
 */
#ifndef GCH_JSON_SCAN_H
#define GCH_JSON_SCAN_H

#include "gch_config.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"

typedef enum {
    GCH_JSON_NONE = 0,
    GCH_JSON_OBJECT,
    GCH_JSON_ARRAY,
    GCH_JSON_STRING,
    GCH_JSON_NUMBER,
    GCH_JSON_TRUE,
    GCH_JSON_FALSE,
    GCH_JSON_NULL
} gch_json_type_t;

typedef enum {
    GCH_JSON_SCAN_MORE = 0, /* all input consumed, no event */
    GCH_JSON_SCAN_BEGIN,    /* a value/key starts: its first byte is in[used - 1] */
    GCH_JSON_SCAN_END       /* a value/key ended: all its bytes are consumed
                               (for a number the last one may be from an earlier call) */
} gch_json_scan_event_t;

typedef struct {
    gch_json_scan_event_t event;
    gch_json_type_t type; /* type of the value (a key is a STRING) */
    bool is_key;          /* the string is an object member name */
    uint32_t depth;       /* containers open around it: 0 = the document value */
} gch_json_scan_ev_t;

typedef struct {
    uint32_t report_depth; /* caller-set, may change between calls: events deeper are not reported */
    /* Private state, owned by the scanner. */
    uint32_t depth;
    uint8_t state;
    uint8_t sub; /* position inside a literal or a \uXXXX escape */
    uint8_t lit; /* which literal is being matched */
    bool in_key;
    gch_status_t error;                               /* sticky: once failed, every call returns it */
    uint32_t stack[(GCH_JSON_MAX_DEPTH + 31u) / 32u]; /* bit set = object, clear = array */
} gch_json_scan_t;

void gch_json_scan_init(gch_json_scan_t *sc, uint32_t report_depth);

/*
 * Consumes in[0..len) up to the next reported event. *used = bytes consumed;
 * call again with the rest. Errors: GCH_ERR_JSON_SYNTAX, GCH_ERR_JSON_TOO_DEEP
 * (sticky; *used then points at the offending byte).
 */
gch_status_t gch_json_scan_next(gch_json_scan_t *sc, const char *in, size_t len, size_t *used, gch_json_scan_ev_t *ev);

/*
 * The input has ended. A top-level number can only end here, so this may report
 * its END (ev->event). GCH_OK if the document is complete, else GCH_ERR_JSON_SYNTAX.
 */
gch_status_t gch_json_scan_finish(gch_json_scan_t *sc, gch_json_scan_ev_t *ev);

/* True once the top-level value is complete (only whitespace may follow). */
bool gch_json_scan_done(const gch_json_scan_t *sc);

/* Validates a complete buffer: one JSON value, nothing else. */
gch_status_t gch_json_validate(const char *json, size_t len);

#endif
