/*
 * fuzz_action_patch.c - libFuzzer harness for the in-place PATCH body builder
 * (core/api/gch_action_patch.h): the one place gcheal writes somebody's configuration.
 *
 * Input: byte 0 = the new timeout (1 + b % 60); byte 1 = flags (bit 0: offer
 * the template texts the action does not need, to reach the refusal; bit 1:
 * timeout 0, which removes timeoutSeconds instead); then the
 * fetched action JSON, optionally followed by NUL + request template text and
 * NUL + success template text (raw bytes).
 * Properties: no memory error; on an error the sink received nothing; on success
 * the count sink and the buffer agree, the body parses, it has exactly name,
 * (category), version, config, and config differs from the fetched one only in
 * timeoutSeconds (replaced in place, inserted first, or removed) and in URI-only
 * templates becoming their texts; gch_patch_oracle(fetched, body) accepts it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "api/gch_action_patch.h"
#include "base/gch_buf.h"
#include "fuzz_util.h"
#include "gch_patch_oracle.h"
#include "json/gch_json_str.h"

#define POOL 4096

static jsmntok_t in_pool[POOL], out_pool[POOL];
static gch_json_doc_t in_doc, out_doc;
static char out[1 << 20];

static bool spans_equal(int ta, int tb)
{
    size_t as, ae, bs, be;
    gch_json_span(&in_doc, ta, &as, &ae);
    gch_json_span(&out_doc, tb, &bs, &be);
    return ae - as == be - bs && memcmp(in_doc.json + as, out_doc.json + bs, ae - as) == 0;
}

/* request/response: member by member equal, except the URI member, which must
 * now be the inline template carrying text. */
static bool section_ok(int si, int so, const char *uri_key, const char *inl_key, const char *txt, size_t txt_len)
{
    int ki = si + 1, ko = so + 1;
    if (gch_json_type(&out_doc, so) != GCH_JSON_OBJECT || in_doc.tok[si].size != out_doc.tok[so].size)
        return false;
    for (int n = 0; n < in_doc.tok[si].size; n++) {
        if (gch_json_str_eq(&in_doc, ki, uri_key)) {
            const char *raw;
            size_t len;
            if (!gch_json_str_eq(&out_doc, ko, inl_key) || gch_json_get_raw(&out_doc, ko + 1, &raw, &len) != GCH_OK ||
                !gch_json_raw_eq(raw, len, txt, txt_len))
                return false;
        } else if (!spans_equal(ki, ko) || !spans_equal(ki + 1, ko + 1)) {
            return false;
        }
        ki = gch_json_skip(&in_doc, ki + 1);
        ko = gch_json_skip(&out_doc, ko + 1);
    }
    return true;
}

static bool config_ok(int ci, int co, uint32_t timeout, const gch_template_texts_t *tpl)
{
    int ki = ci + 1, ko = co + 1, t;
    int64_t v;
    if (gch_json_type(&out_doc, co) != GCH_JSON_OBJECT)
        return false;
    bool had = gch_json_member(&in_doc, ci, "timeoutSeconds", &t) != GCH_ERR_JSON_MISSING;
    if (timeout == 0) { /* removed: out has every other member, in order */
        if (gch_json_member(&out_doc, co, "timeoutSeconds", &t) != GCH_ERR_JSON_MISSING ||
            out_doc.tok[co].size != in_doc.tok[ci].size - (had ? 1 : 0))
            return false;
    } else if (!had) {
        if (!gch_json_str_eq(&out_doc, ko, "timeoutSeconds") || gch_json_get_i64(&out_doc, ko + 1, &v) != GCH_OK ||
            v != timeout || out_doc.tok[co].size != in_doc.tok[ci].size + 1)
            return false;
        ko = gch_json_skip(&out_doc, ko + 1);
    } else if (out_doc.tok[co].size != in_doc.tok[ci].size) {
        return false;
    }
    for (int n = 0; n < in_doc.tok[ci].size; n++) {
        bool ok;
        if (timeout == 0 && gch_json_str_eq(&in_doc, ki, "timeoutSeconds")) {
            ki = gch_json_skip(&in_doc, ki + 1); /* the removed member */
            continue;
        }
        if (!spans_equal(ki, ko))
            return false;
        if (gch_json_str_eq(&in_doc, ki, "timeoutSeconds"))
            ok = gch_json_get_i64(&out_doc, ko + 1, &v) == GCH_OK && v == timeout;
        else if (tpl->request && gch_json_str_eq(&in_doc, ki, "request"))
            ok = section_ok(ki + 1, ko + 1, "requestTemplateUri", "requestTemplate", tpl->request, tpl->request_len);
        else if (tpl->success && gch_json_str_eq(&in_doc, ki, "response"))
            ok = section_ok(ki + 1, ko + 1, "successTemplateUri", "successTemplate", tpl->success, tpl->success_len);
        else
            ok = spans_equal(ki + 1, ko + 1);
        if (!ok)
            return false;
        ki = gch_json_skip(&in_doc, ki + 1);
        ko = gch_json_skip(&out_doc, ko + 1);
    }
    return true;
}

static bool same_member(const char *key)
{
    int a, b;
    return gch_json_member(&in_doc, 0, key, &a) == GCH_OK && gch_json_member(&out_doc, 0, key, &b) == GCH_OK &&
           spans_equal(a, b);
}

/* version is re-emitted in decimal: equal as a number ("-0" becomes 0). */
static bool same_version(void)
{
    int a, b;
    int64_t va, vb;
    return gch_json_member(&in_doc, 0, "version", &a) == GCH_OK &&
           gch_json_member(&out_doc, 0, "version", &b) == GCH_OK && gch_json_get_i64(&in_doc, a, &va) == GCH_OK &&
           gch_json_get_i64(&out_doc, b, &vb) == GCH_OK && va == vb && va >= 0;
}

static void check_body(size_t len, uint32_t timeout, const gch_template_texts_t *tpl)
{
    int ci, co, t;
    gch_status_t st = gch_json_doc_parse(&out_doc, out, len, out_pool, POOL);
    FUZZ_ASSERT(st == GCH_OK || st == GCH_ERR_JSON_TOKENS);
    if (st != GCH_OK)
        return; /* a body with a few more tokens than our pool: not a defect */
    FUZZ_ASSERT(gch_json_type(&out_doc, 0) == GCH_JSON_OBJECT);
    FUZZ_ASSERT(same_member("name") && same_version());
    if (gch_json_member(&in_doc, 0, "category", &t) == GCH_OK)
        FUZZ_ASSERT(same_member("category") && out_doc.tok[0].size == 4);
    else
        FUZZ_ASSERT(out_doc.tok[0].size == 3);
    FUZZ_ASSERT(gch_json_member(&in_doc, 0, "config", &ci) == GCH_OK);
    FUZZ_ASSERT(gch_json_member(&out_doc, 0, "config", &co) == GCH_OK);
    FUZZ_ASSERT(config_ok(ci, co, timeout, tpl));
    FUZZ_ASSERT(gch_patch_oracle(&in_doc, &out_doc, timeout, tpl) == GCH_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *json, *p1, *p2 = NULL;
    size_t jlen, count = 0;
    gch_template_texts_t tpl = { NULL, 0, NULL, 0 }, texts = { NULL, 0, NULL, 0 };
    bool need_req = false, need_succ = false;
    uint32_t timeout;
    gch_buf_t b;
    gch_status_t st, cst;

    if (size < 2 || size > 65536)
        return 0;
    timeout = (data[1] & 2) ? 0u : 1u + data[0] % 60u;
    json = (const char *)data + 2;
    jlen = size - 2;
    /* Split off the template texts. */
    p1 = memchr(json, '\0', jlen);
    if (p1) {
        size_t rest = jlen - (size_t)(p1 - json) - 1;
        texts.request = p1 + 1;
        p2 = memchr(p1 + 1, '\0', rest);
        texts.request_len = p2 ? (size_t)(p2 - p1 - 1) : rest;
        if (p2) {
            texts.success = p2 + 1;
            texts.success_len = rest - texts.request_len - 1;
        } else {
            texts.success = "";
        }
        jlen = (size_t)(p1 - json);
    } else {
        texts.request = texts.success = "";
    }
    if (gch_json_doc_parse(&in_doc, json, jlen, in_pool, POOL) != GCH_OK)
        return 0;
    st = gch_action_templates_needed(&in_doc, &need_req, &need_succ);
    if (data[1] & 1) {
        tpl = texts; /* offered whether needed or not */
    } else if (st == GCH_OK) {
        if (need_req) {
            tpl.request = texts.request;
            tpl.request_len = texts.request_len;
        }
        if (need_succ) {
            tpl.success = texts.success;
            tpl.success_len = texts.success_len;
        }
    }
    cst = gch_action_patch_body(&in_doc, timeout, &tpl, gch_json_sink_count, &count);
    gch_buf_init(&b, out, sizeof out);
    st = gch_action_patch_body(&in_doc, timeout, &tpl, gch_json_sink_buf, &b);
    FUZZ_ASSERT(st == cst);
    if (st != GCH_OK) {
        FUZZ_ASSERT(count == 0 && b.len == 0); /* every check before the first byte */
        FUZZ_ASSERT(st != GCH_ERR_NOSPACE);
        return 0;
    }
    FUZZ_ASSERT(count == b.len);
    FUZZ_ASSERT(!(data[1] & 1) || (need_req == (tpl.request != NULL) && need_succ == (tpl.success != NULL)));
    check_body(b.len, timeout, &tpl);
    return 0;
}
