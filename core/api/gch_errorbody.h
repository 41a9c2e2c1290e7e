/*
 * gch_json_errorbody.h - reads a Genesys Cloud ErrorBody for the user's eyes.
 *
 *   {"message":"...","code":"bad.request","status":400,"contextId":"...",...}
 *
 * Called by the Genesys layer on any non-2xx JSON answer, parsed with
 * gch_json_doc_parse(). Tolerant by design: every member is optional, one with
 * an unexpected type is treated as absent, texts are decoded and cut at a
 * character boundary when too long (the flag says so) - a failure report must
 * never fail.
 */
#ifndef GCH_ERRORBODY_H
#define GCH_ERRORBODY_H

#include "gch_config.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"
#include "json/gch_json_path.h"

typedef struct {
    /* Decoded, NUL-terminated, owned by the struct; "" when absent. */
    char message[GCH_ERROR_MESSAGE_MAX];
    char code[GCH_ERROR_FIELD_MAX];
    char context_id[GCH_ERROR_FIELD_MAX];
    bool truncated; /* some text above was cut */
    int64_t status; /* valid when has_status */
    bool has_status;
} gch_errorbody_t;

/* GCH_OK (even with nothing found), or GCH_ERR_JSON_TYPE if doc is not an object. */
gch_status_t gch_errorbody_parse(const gch_json_doc_t *doc, gch_errorbody_t *out);

#endif
