/*
 * fuzz_oauth_reply.c - libFuzzer harness for the OAuth token answer parser
 * (core/api/gch_oauth_reply.h), which decodes a secret into the caller's buffer.
 *
 * Input: byte 0 picks the token buffer size (1..256 bytes), the rest is the
 * token endpoint's body.
 * Properties: no memory error, nothing written past the token buffer (a guard
 * zone after it stays intact); on GCH_OK the token is NUL-terminated at its
 * length; on any failure the token buffer is all zero (a secret is never left
 * half-decoded); error texts are NUL-terminated inside their arrays.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "api/gch_oauth_reply.h"
#include "fuzz_util.h"

#define GUARD 64

static jsmntok_t pool[1024];
static char secret[256 + GUARD];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gch_json_doc_t doc;
    gch_oauth_reply_t o;
    size_t cap;
    gch_status_t st;

    if (size < 1)
        return 0;
    cap = 1u + data[0];
    if (gch_json_doc_parse(&doc, (const char *)data + 1, size - 1, pool, sizeof pool / sizeof pool[0]) != GCH_OK)
        return 0;
    memset(secret, 0xA5, sizeof secret);
    memset(&o, 0x5A, sizeof o);
    o.access_token = secret;
    o.access_token_cap = cap;
    st = gch_oauth_reply_parse(&doc, &o);
    for (size_t i = cap; i < sizeof secret; i++)
        FUZZ_ASSERT((uint8_t)secret[i] == 0xA5);
    if (st == GCH_OK) {
        FUZZ_ASSERT(o.access_token_len < cap && secret[o.access_token_len] == '\0');
        if (o.has_expires_in)
            FUZZ_ASSERT(o.expires_in > 0);
    } else {
        for (size_t i = 0; i < cap; i++)
            FUZZ_ASSERT(secret[i] == 0);
        FUZZ_ASSERT(st == GCH_ERR_AUTH || st == GCH_ERR_JSON_MISSING || st == GCH_ERR_JSON_TYPE ||
                    st == GCH_ERR_NOSPACE || st == GCH_ERR_JSON_DUPLICATE || st == GCH_ERR_JSON_SYNTAX);
    }
    FUZZ_ASSERT(memchr(o.token_type, '\0', sizeof o.token_type) != NULL);
    if (st == GCH_ERR_AUTH) {
        FUZZ_ASSERT(memchr(o.error, '\0', sizeof o.error) != NULL);
        FUZZ_ASSERT(memchr(o.error_description, '\0', sizeof o.error_description) != NULL);
    }
    return 0;
}
