/*
 * gch_jsmn.h - the one way core/ includes jsmn.
 *
 * jsmntok_t changes layout with JSMN_PARENT_LINKS, so every translation unit must
 * see the same configuration: include this header, never <jsmn.h> directly.
 * The implementation is compiled once, in gch_jsmn.c.
 *
 * Configuration, and why:
 *   JSMN_STRICT        - primitives must be numbers/true/false/null, keys strings.
 *   JSMN_PARENT_LINKS  - without it jsmn scans back over all earlier tokens on
 *                        every ',' and '}' (quadratic on wide objects, e.g. a
 *                        512 KB action's schema). Costs 4 bytes per token.
 *
 * jsmn is a tokenizer, not a validator: gch_json_doc_parse() (gch_json_path.h)
 * runs the strict scanner first and is the only supported way to fill tokens.
 */
#ifndef GCH_JSMN_H
#define GCH_JSMN_H

#if defined(JSMN_H)
#error "include gch_jsmn.h instead of <jsmn.h>: the token layout must match"
#endif

#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#ifndef GCH_JSMN_IMPLEMENTATION
#define JSMN_HEADER
#endif
#include <jsmn.h>

/* Bytes of one token: what a caller budgets per token in its pool. */
#define GCH_JSMN_TOKEN_BYTES sizeof(jsmntok_t)

#endif
