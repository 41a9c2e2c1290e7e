/*
 * gch_json_doc.c - validated jsmn tokenizing of one document (see gch_json_doc.h).
 */
#include "gch_json_doc.h"

#include <limits.h>
#include <string.h>

/* The checks jsmn does not make: strict grammar, and a container at the top
 * (jsmn in strict mode cannot end a top-level number and calls it partial). */
static gch_status_t prevalidate(const char *json, size_t len)
{
    gch_status_t st;
    size_t i = 0;
    if (len > (size_t)INT_MAX) {
        return GCH_ERR_TOO_LARGE;
    }
    st = gch_json_validate(json, len);
    if (st != GCH_OK) {
        return st;
    }
    while (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t') {
        i++; /* validated: a value follows */
    }
    return json[i] == '{' || json[i] == '[' ? GCH_OK : GCH_ERR_JSON_TYPE;
}

static gch_status_t jsmn_status(int r)
{
    return r == JSMN_ERROR_NOMEM ? GCH_ERR_JSON_TOKENS : GCH_ERR_JSON_SYNTAX;
}

gch_status_t gch_json_doc_count(const char *json, size_t len, size_t *tokens)
{
    jsmn_parser p;
    int r;
    gch_status_t st = prevalidate(json, len);
    *tokens = 0;
    if (st != GCH_OK) {
        return st;
    }
    jsmn_init(&p);
    r = jsmn_parse(&p, json, len, NULL, 0);
    if (r < 0) {
        return jsmn_status(r);
    }
    *tokens = (size_t)r;
    return GCH_OK;
}

gch_status_t gch_json_doc_parse(gch_json_doc_t *doc, const char *json, size_t len, jsmntok_t *pool, size_t pool_cap)
{
    jsmn_parser p;
    int r;
    gch_status_t st = prevalidate(json, len);

    memset(doc, 0, sizeof *doc);
    if (st != GCH_OK) {
        return st;
    }
    jsmn_init(&p);
    r = jsmn_parse(&p, json, len, pool, pool_cap > UINT_MAX ? UINT_MAX : (unsigned)pool_cap);
    if (r < 0) {
        return jsmn_status(r);
    }
    doc->json = json;
    doc->len = len;
    doc->tok = pool;
    doc->count = r;
    return GCH_OK;
}
