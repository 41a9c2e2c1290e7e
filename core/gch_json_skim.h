/*
 * gch_json_skim.h - find a few members of an object in one pass, no tokens.
 *
 * The scan reads each listed action only for id, name, category,
 * integrationId, config and config.timeoutSeconds; the config (templates,
 * maps) is most of the bytes. Tokenizing all of it with jsmn cost twice what
 * this does: the strict scanner runs over the object reporting only depths 1
 * and 2, and everything deeper is skipped in its tight loop.
 *
 * The input must already be valid JSON (the splitter or gch_json_doc_parse has
 * checked it); a syntax error is still reported, never guessed around.
 */
#ifndef GCH_JSON_SKIM_H
#define GCH_JSON_SKIM_H

#include <stdbool.h>
#include <stddef.h>

#include "gch_json_scan.h"
#include "gch_status.h"

typedef struct {
    const char *parent;     /* member of the top object holding this one, or NULL */
    const char *key;        /* member name (compared after decoding escapes) */
    /* Results. */
    bool found;
    gch_json_type_t type;
    const char *raw;        /* the value's text in the input: a string without its
                               quotes (still escaped), a number, a literal; for a
                               container its first byte only (len 1) */
    size_t len;
} gch_json_skim_field_t;

/* Fills fields[0..n) from the object in json[0..len). A field whose key
 * appears twice in the same object: GCH_ERR_JSON_DUPLICATE. A top-level value
 * that is not an object: GCH_ERR_JSON_TYPE. */
gch_status_t gch_json_skim(const char *json, size_t len, gch_json_skim_field_t *fields, size_t n);

#endif
