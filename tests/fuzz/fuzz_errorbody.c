/*
 * fuzz_errorbody.c - libFuzzer harness for the tolerant Genesys ErrorBody parser
 * (core/api/gch_errorbody.h), which reads whatever a failing server sends back.
 *
 * Input: the error response body.
 * Properties: no memory error; any object yields GCH_OK ("a failure report must
 * never fail"), anything else GCH_ERR_JSON_TYPE; every text is NUL-terminated
 * inside its array; a message not flagged as truncated is the whole decoded
 * "message" string.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "api/gch_errorbody.h"
#include "fuzz_util.h"

static jsmntok_t pool[1024];
static char whole[1 << 16];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gch_json_doc_t doc;
    gch_errorbody_t e;
    gch_status_t st;

    if (gch_json_doc_parse(&doc, (const char *)data, size, pool, sizeof pool / sizeof pool[0]) != GCH_OK)
        return 0;
    memset(&e, 0x5A, sizeof e);
    st = gch_errorbody_parse(&doc, &e);
    if (gch_json_type(&doc, 0) != GCH_JSON_OBJECT) {
        FUZZ_ASSERT(st == GCH_ERR_JSON_TYPE);
        return 0;
    }
    FUZZ_ASSERT(st == GCH_OK);
    FUZZ_ASSERT(memchr(e.message, '\0', sizeof e.message) != NULL);
    FUZZ_ASSERT(memchr(e.code, '\0', sizeof e.code) != NULL);
    FUZZ_ASSERT(memchr(e.context_id, '\0', sizeof e.context_id) != NULL);
    if (!e.truncated) {
        int t;
        size_t len;
        if (gch_json_member(&doc, 0, "message", &t) == GCH_OK &&
            gch_json_get_string(&doc, t, whole, sizeof whole, &len) == GCH_OK && strlen(whole) == len)
            FUZZ_ASSERT(strcmp(whole, e.message) == 0);
    }
    return 0;
}
