/*
 * gch_json_skim.h - find a few members of an object in one pass, no tokens.
 *
 * The scan reads each listed action only for id, name, category,
 * integrationId, config and config.timeoutSeconds; the config (templates,
 * maps) is most of the bytes. The skimmer follows the strict scanner's events
 * for the object's members (depth 1) and, inside a parent object such as
 * config, for its members (depth 2); everything else stays in the scanner's
 * tight loop. Two ways to drive it:
 *   - gch_json_skim(): over a complete, already-validated buffer;
 *   - the entity splitter feeds it the events of the entity it is cutting, so
 *     a listed action's fields come out of the one pass that validates the
 *     page (gch_json_split_skim()).
 */
#ifndef GCH_JSON_SKIM_H
#define GCH_JSON_SKIM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/gch_status.h"
#include "gch_json_scan.h"

typedef struct {
    const char *parent; /* member of the top object holding this one, or NULL */
    const char *key;    /* member name (compared after decoding escapes) */
    /* Results. */
    bool found;
    gch_json_type_t type;
    const char *raw; /* the value's text in the input: a string without its
                               quotes (still escaped), a number, a literal; for a
                               container its first byte only (len 1) */
    size_t len;
} gch_json_skim_field_t;

typedef struct {
    gch_json_skim_field_t *fields; /* borrowed: the caller's field list */
    size_t count;
    const char *begin; /* first byte of the value or key being read */
    const char *key1;  /* raw key of the current top-level member */
    size_t key1_len;
    const char *key2; /* raw key of the current member at depth 2 */
    size_t key2_len;
    int top;             /* field matching the current top-level key, -1 none */
    int target;          /* field whose value is being read, -1 none */
    bool parent;         /* the current top-level key is some field's parent */
    uint32_t want_depth; /* deepest (relative) depth the scanner must report */
    gch_status_t error;  /* sticky */
} gch_json_skimmer_t;

void gch_json_skimmer_init(gch_json_skimmer_t *k, gch_json_skim_field_t *fields, size_t count);
/* One scanner event of the object: depth relative to the object (0 = the
 * object itself); at = the event's first byte for a BEGIN, one past the value's
 * last byte for an END. Duplicated fields: GCH_ERR_JSON_DUPLICATE; a top value
 * that is not an object: GCH_ERR_JSON_TYPE. */
gch_status_t gch_json_skimmer_event(gch_json_skimmer_t *k, const gch_json_scan_ev_t *se, uint32_t depth,
                                    const char *at);

/* Fills fields[0..n) from the object in json[0..len). */
gch_status_t gch_json_skim(const char *json, size_t len, gch_json_skim_field_t *fields, size_t n);

#endif
