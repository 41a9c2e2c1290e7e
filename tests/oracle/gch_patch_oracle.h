/*
 * gch_patch_oracle.h - a test oracle for the PATCH body builder: does `after`
 * (the body as built, or the action as read back) hold what `before` held,
 * with only the timeout changed? Used by tests/unit/test_action_patch.c and
 * tests/fuzz/fuzz_action_patch.c; the job itself verifies with fingerprints.
 *
 * GCH_OK when after's config.timeoutSeconds is timeout_s (absent for 0) and each template whose
 * text is known on both sides (inline in `before` or supplied in tpl, and inline
 * in `after`) decodes to the same text. GCH_ERR_VERIFY otherwise.
 */
#ifndef GCH_PATCH_ORACLE_H
#define GCH_PATCH_ORACLE_H

#include <string.h>

#include "api/gch_action.h"
#include "api/gch_action_patch.h"
#include "json/gch_json_path.h"
#include "json/gch_json_str.h"

/* The inline text token of template i, or -1; GCH_ERR_VERIFY when the shape is wrong. */
static gch_status_t oracle_inline(const gch_json_doc_t *d, int i, int *t)
{
    *t = -1;
    gch_status_t st = gch_json_find(d, 0, gch_action_templates[i].path, t);
    if (st == GCH_ERR_JSON_MISSING || st == GCH_ERR_JSON_TYPE) { /* absent, or a section that is no object */
        *t = -1;
        return GCH_OK;
    }
    return st == GCH_OK ? GCH_OK : GCH_ERR_VERIFY;
}

static gch_status_t oracle_template(const gch_json_doc_t *before, const gch_json_doc_t *after, int i, const char *text,
                                    size_t text_len)
{
    int b, a;
    const char *a_raw, *b_raw;
    size_t a_n, b_n;
    if (oracle_inline(before, i, &b) != GCH_OK || oracle_inline(after, i, &a) != GCH_OK) {
        return GCH_ERR_VERIFY;
    }
    if (gch_json_get_raw(after, a, &a_raw, &a_n) != GCH_OK) {
        return GCH_OK; /* not inline after: nothing to compare here */
    }
    /* The same bytes are the same template, even with an escape the decoder
     * refuses (a lone surrogate is valid JSON syntax and copied untouched). */
    if (gch_json_get_raw(before, b, &b_raw, &b_n) == GCH_OK) {
        return (b_n == a_n && memcmp(b_raw, a_raw, a_n) == 0) || gch_json_raw_eq_raw(b_raw, b_n, a_raw, a_n)
                   ? GCH_OK
                   : GCH_ERR_VERIFY;
    }
    if (text != NULL) {
        return gch_json_raw_eq(a_raw, a_n, text, text_len) ? GCH_OK : GCH_ERR_VERIFY;
    }
    return GCH_OK;
}

static gch_status_t gch_patch_oracle(const gch_json_doc_t *before, const gch_json_doc_t *after, uint32_t timeout_s,
                                     const gch_template_texts_t *tpl)
{
    int t;
    int64_t v;
    gch_status_t found = gch_json_find(after, 0, "config.timeoutSeconds", &t);
    if (timeout_s == 0) {
        if (found != GCH_ERR_JSON_MISSING) {
            return GCH_ERR_VERIFY;
        }
    } else if (found != GCH_OK || gch_json_get_i64(after, t, &v) != GCH_OK || v != (int64_t)timeout_s) {
        return GCH_ERR_VERIFY;
    }
    gch_status_t st =
        oracle_template(before, after, GCH_TEMPLATE_REQUEST, tpl ? tpl->request : NULL, tpl ? tpl->request_len : 0);
    if (st == GCH_OK) {
        st =
            oracle_template(before, after, GCH_TEMPLATE_SUCCESS, tpl ? tpl->success : NULL, tpl ? tpl->success_len : 0);
    }
    return st;
}

#endif
