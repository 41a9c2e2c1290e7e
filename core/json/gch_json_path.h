/*
 * gch_json_path.h - read members of one JSON document by path, over jsmn tokens.
 *
 * The API layer and the job parse one entity or one fetched action with
 * gch_json_doc_parse() (gch_json_doc.h) and read what they need: gch_json_find(doc, 0,
 * "config.timeoutSeconds", &t) then gch_json_get_i64(doc, t, &v).
 *
 * Lookups compare keys with escapes decoded, report a key present twice at a
 * level a path goes through as GCH_ERR_JSON_DUPLICATE, and skip sibling subtrees
 * by binary search over token offsets: a lookup costs O(members * log tokens),
 * never a rescan of the bytes.
 *
 * Token indices are ints (jsmn's); -1 means none. The document is limited to
 * INT_MAX bytes.
 */
#ifndef GCH_JSON_PATH_H
#define GCH_JSON_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"
#include "gch_json_doc.h"
#include "gch_json_scan.h"

/* Type of token t (GCH_JSON_NONE if t is out of range). */
gch_json_type_t gch_json_type(const gch_json_doc_t *doc, int t);

/* Index just past t's subtree: t's next sibling, if any. */
int gch_json_skip(const gch_json_doc_t *doc, int t);

/*
 * The value of member `key` (a C string, compared with escapes decoded) of
 * object token obj. GCH_ERR_JSON_TYPE: obj is not an object. GCH_ERR_JSON_MISSING:
 * absent. GCH_ERR_JSON_DUPLICATE: present more than once. *out = -1 on error.
 */
gch_status_t gch_json_member(const gch_json_doc_t *doc, int obj, const char *key, int *out);
gch_status_t gch_json_member_n(const gch_json_doc_t *doc, int obj, const char *key, size_t key_len, int *out);

/* Follows a dotted path of member names ("config.request.requestTemplate") from
 * token root (0 = the document). Names cannot contain '.'. Errors as above. */
gch_status_t gch_json_find(const gch_json_doc_t *doc, int root, const char *path, int *out);

/* A JSON integer in int64_t. 3.5, 1e2, 1.0, "3", true, overflow: GCH_ERR_JSON_TYPE. */
gch_status_t gch_json_get_i64(const gch_json_doc_t *doc, int t, int64_t *out);

/* true/false. Anything else: GCH_ERR_JSON_TYPE. */
gch_status_t gch_json_get_bool(const gch_json_doc_t *doc, int t, bool *out);

bool gch_json_is_null(const gch_json_doc_t *doc, int t);

/* A string's raw (escaped) content, pointing into the document. */
gch_status_t gch_json_get_raw(const gch_json_doc_t *doc, int t, const char **raw, size_t *len);

/*
 * A string decoded into buf[0..cap) and NUL-terminated (so cap >= length + 1);
 * *len excludes the NUL (use it: \u0000 decodes to a NUL byte).
 * GCH_ERR_JSON_TYPE: not a string. GCH_ERR_NOSPACE: too long (buf holds "").
 * GCH_ERR_JSON_SYNTAX: lone surrogate.
 */
gch_status_t gch_json_get_string(const gch_json_doc_t *doc, int t, char *buf, size_t cap, size_t *len);

/* Token t is a string whose decoded content equals the C string s. */
bool gch_json_str_eq(const gch_json_doc_t *doc, int t, const char *s);

/* Raw bytes of t's value as it sits in the document (strings with their quotes). */
void gch_json_span(const gch_json_doc_t *doc, int t, size_t *start, size_t *end);

#endif
