/*
 * gch_json_token.h - reads the OAuth token endpoint's JSON answer.
 *
 * POST https://login.<domain>/oauth/token answers either
 *   {"access_token":"...","token_type":"bearer","expires_in":86400}
 * or an error such as
 *   {"error":"invalid_client","description":"...","error_description":"..."}.
 * Called by the Genesys layer on the response body, parsed with
 * gch_json_doc_parse().
 *
 * The access token is a secret: it is decoded straight into the caller's buffer
 * (no temporary copy) and that buffer is zeroized on every failure. The raw body
 * still holds it: the caller zeroizes its response buffer after this call.
 */
#ifndef GCH_OAUTH_REPLY_H
#define GCH_OAUTH_REPLY_H

#include "gch_config.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"
#include "json/gch_json_path.h"

typedef struct {
    char *access_token;      /* caller-owned secret buffer of access_token_cap bytes */
    size_t access_token_cap; /* holds the token and its NUL */
    size_t access_token_len; /* set on GCH_OK */
    char token_type[24];     /* "bearer"; "" when absent */
    int64_t expires_in;      /* seconds; valid when has_expires_in */
    bool has_expires_in;
    /* Error answers: decoded, NUL-terminated, truncated at a character boundary. */
    char error[GCH_OAUTH_TEXT_MAX];
    char error_description[GCH_OAUTH_TEXT_MAX];
} gch_oauth_reply_t;

/*
 * Fills out (its access_token/_cap set by the caller beforehand).
 * GCH_OK: a token. GCH_ERR_AUTH: the answer carries "error" (error and
 * error_description filled; "description" is used when "error_description" is
 * absent). GCH_ERR_JSON_MISSING: no access_token. GCH_ERR_JSON_TYPE: wrong member
 * types, expires_in not a positive integer. GCH_ERR_NOSPACE: the token does not fit.
 */
gch_status_t gch_oauth_reply_parse(const gch_json_doc_t *doc, gch_oauth_reply_t *out);

#endif
