/*
 * gch_api_error.c - describing a failed request for a person: the step, the
 * status, the HTTP answer, its ErrorBody message and code, its correlation id.
 */
#include <string.h>

#include "gch_api_internal.h"
#include "json/gch_json_doc.h"

void gch_api_copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void gch_api_error_set(gch_api_error_t *err, gch_status_t st, const char *what)
{
    memset(err, 0, sizeof *err);
    err->status = st;
    gch_api_copy_text(err->what, sizeof err->what, what);
}

void gch_api_error_from_reply(gch_api_t *api, const gch_api_reply_t *reply, gch_status_t st, const char *what,
                              gch_api_error_t *err)
{
    gch_api_error_set(err, st, what);
    err->http_status = reply->status;
    gch_api_copy_text(err->correlation_id, sizeof err->correlation_id, reply->correlation_id);
    size_t len = 0, total = 0;
    if (gch_api_read_body(api, api->small, sizeof api->small, &len, &total) != GCH_OK || len == 0) {
        return;
    }
    gch_json_doc_t doc;
    if (gch_json_doc_parse(&doc, api->small, len, api->small_tok, GCH_SMALL_BODY_TOKENS) != GCH_OK) {
        return;
    }
    gch_errorbody_t *eb = &api->errbody;
    if (gch_errorbody_parse(&doc, eb) == GCH_OK) {
        gch_api_copy_text(err->message, sizeof err->message, eb->message);
        gch_api_copy_text(err->code, sizeof err->code, eb->code);
        if (err->correlation_id[0] == '\0') {
            gch_api_copy_text(err->correlation_id, sizeof err->correlation_id, eb->context_id);
        }
    }
}
