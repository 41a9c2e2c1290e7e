/*
 * gch_json_doc.h - one JSON document, validated and tokenized: the input of
 * every lookup in gch_json_path.h.
 *
 * gch_json_doc_parse() validates the whole buffer with the strict scanner before
 * jsmn sees it, so the holes jsmn leaves ({"a"}, {"a":1,}, {}{}, tru, 01, raw
 * control characters, a NUL ending the parse early) are errors, not tokens.
 * The token pool is the caller's (sized by GCH_DOC_TOKENS or
 * GCH_SMALL_BODY_TOKENS); gch_json_doc_count() says how many a document needs.
 */
#ifndef GCH_JSON_DOC_H
#define GCH_JSON_DOC_H

#include <stddef.h>

#include "base/gch_status.h"
#include "gch_jsmn.h"
#include "gch_json_scan.h"

typedef struct {
    const char *json; /* borrowed: the document; must stay alive and unchanged */
    size_t len;
    jsmntok_t *tok; /* borrowed: the caller's token pool */
    int count;      /* tokens in use; tok[0] is the document value */
} gch_json_doc_t;

/*
 * Validates json[0..len) and tokenizes it into pool[0..pool_cap).
 * The document must be an object or an array (GCH_ERR_JSON_TYPE otherwise).
 * GCH_ERR_JSON_SYNTAX / _TOO_DEEP: malformed. GCH_ERR_JSON_TOKENS: pool too small
 * (gch_json_doc_count() says how many are needed). GCH_ERR_TOO_LARGE: len > INT_MAX.
 */
gch_status_t gch_json_doc_parse(gch_json_doc_t *doc, const char *json, size_t len, jsmntok_t *pool, size_t pool_cap);

/* Validates json and counts the tokens gch_json_doc_parse() would need. */
gch_status_t gch_json_doc_count(const char *json, size_t len, size_t *tokens);

#endif
