/*
 * gch_action_patch.c - in-place PATCH body builder (see gch_action_patch.h).
 *
 * Two phases: plan (find every member, check everything, record at most three
 * splices into config), then emit (raw slices of the input between the splices,
 * plus small generated pieces). Planning first is what guarantees that an
 * invalid action produces no output at all.
 */
#include "gch_action_patch.h"

#include <string.h>

#include "gch_action.h"
#include "json/gch_json_str.h"

enum { OP_TIMEOUT_SET, OP_TIMEOUT_INSERT, OP_TIMEOUT_REMOVE, OP_TEMPLATE };

typedef struct {
    size_t start, end; /* config bytes [start, end) replaced by the op's output */
    int kind;
    const char *key;  /* OP_TEMPLATE: the inline member name */
    const char *text; /* OP_TEMPLATE: borrowed template text */
    size_t text_len;
} splice_t;

typedef struct {
    int name, category, config; /* value tokens; category -1 when absent */
    uint64_t version;
    splice_t op[3];
    int nops;
    bool config_empty;
} plan_t;

/* Member lookup where absence is fine: *out = -1 then. */
static gch_status_t optional_member(const gch_json_doc_t *d, int obj, const char *key, int *out)
{
    gch_status_t st = gch_json_member(d, obj, key, out);
    return st == GCH_ERR_JSON_MISSING ? GCH_OK : st;
}

/* The inline and URI members of one template (-1 each when absent). *uri_key_tok
 * receives the URI member's key token, for splicing the whole member out. */
static gch_status_t find_template(const gch_json_doc_t *d, int config, const gch_action_template_t *pl, int *inline_val,
                                  int *uri_val, int *uri_key_tok)
{
    int section;
    gch_status_t st = optional_member(d, config, pl->section, &section);
    *inline_val = *uri_val = *uri_key_tok = -1;
    if (st != GCH_OK || section < 0 || gch_json_type(d, section) != GCH_JSON_OBJECT) {
        return st;
    }
    st = optional_member(d, section, pl->text_key, inline_val);
    if (st == GCH_OK) {
        st = optional_member(d, section, pl->uri_key, uri_val);
    }
    if (st == GCH_OK && *uri_val >= 0) {
        *uri_key_tok = *uri_val - 1; /* a member value always follows its key */
    }
    return st;
}

static bool uri_only(const gch_json_doc_t *d, int inline_val, int uri_val)
{
    return inline_val < 0 && gch_json_type(d, uri_val) == GCH_JSON_STRING;
}

static gch_status_t find_config(const gch_json_doc_t *d, int *config)
{
    gch_status_t st;
    if (gch_json_type(d, 0) != GCH_JSON_OBJECT) {
        return GCH_ERR_JSON_TYPE;
    }
    st = gch_json_member(d, 0, "config", config);
    if (st == GCH_OK && gch_json_type(d, *config) != GCH_JSON_OBJECT) {
        st = GCH_ERR_JSON_TYPE;
    }
    return st;
}

gch_status_t gch_action_templates_needed(const gch_json_doc_t *action, bool *need_request, bool *need_success)
{
    bool *need[2] = { need_request, need_success };
    int config;
    gch_status_t st = find_config(action, &config);
    *need_request = *need_success = false;
    for (int i = 0; st == GCH_OK && i < 2; i++) {
        int inl, uri, uri_key;
        st = find_template(action, config, &gch_action_templates[i], &inl, &uri, &uri_key);
        *need[i] = st == GCH_OK && uri_only(action, inl, uri);
    }
    return st;
}

static gch_status_t plan_envelope(const gch_json_doc_t *d, plan_t *p)
{
    int version;
    int64_t v;
    gch_status_t st = find_config(d, &p->config);
    if (st == GCH_OK) {
        st = gch_json_member(d, 0, "name", &p->name);
    }
    if (st == GCH_OK && gch_json_type(d, p->name) != GCH_JSON_STRING) {
        st = GCH_ERR_JSON_TYPE;
    }
    if (st == GCH_OK) {
        st = optional_member(d, 0, "category", &p->category);
    }
    if (st == GCH_OK) {
        st = gch_json_member(d, 0, "version", &version);
    }
    if (st == GCH_OK && (gch_json_get_i64(d, version, &v) != GCH_OK || v < 0)) {
        st = GCH_ERR_JSON_TYPE;
    }
    if (st == GCH_OK) {
        p->version = (uint64_t)v;
    }
    return st;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The bytes of member "timeoutSeconds" (key token t - 1, value t) and one comma
 * next to it, so that what remains of config is still valid JSON: the comma after
 * it, or, for the last member, the comma before it. The only member goes alone. */
static void removal_span(const gch_json_doc_t *d, int t, size_t *start, size_t *end)
{
    size_t ks, ke, vs, ve;
    gch_json_span(d, t - 1, &ks, &ke);
    gch_json_span(d, t, &vs, &ve);
    *start = ks;
    *end = ve;
    size_t i = ve;
    while (i < d->len && is_space(d->json[i])) {
        i++;
    }
    if (i < d->len && d->json[i] == ',') {
        *end = i + 1;
        return;
    }
    i = ks;
    while (i > 0 && is_space(d->json[i - 1])) {
        i--;
    }
    if (i > 0 && d->json[i - 1] == ',') {
        *start = i - 1;
    }
}

static gch_status_t plan_timeout(const gch_json_doc_t *d, plan_t *p, bool remove)
{
    int t;
    size_t cfg_start, cfg_end;
    splice_t *op = &p->op[p->nops++];
    gch_status_t st = optional_member(d, p->config, "timeoutSeconds", &t);
    if (st != GCH_OK) {
        return st;
    }
    if (remove) {
        if (t < 0) {
            p->nops--; /* nothing to remove: config goes as fetched */
            return GCH_OK;
        }
        op->kind = OP_TIMEOUT_REMOVE;
        removal_span(d, t, &op->start, &op->end);
        return GCH_OK;
    }
    if (t >= 0) {
        op->kind = OP_TIMEOUT_SET;
        gch_json_span(d, t, &op->start, &op->end);
    } else {
        gch_json_span(d, p->config, &cfg_start, &cfg_end);
        op->kind = OP_TIMEOUT_INSERT;
        op->start = op->end = cfg_start + 1u; /* just after '{' */
        p->config_empty = d->tok[p->config].size == 0;
    }
    return GCH_OK;
}

static gch_status_t plan_template(const gch_json_doc_t *d, plan_t *p, int i, const char *text, size_t text_len)
{
    int inl, uri, uri_key;
    size_t s, e;
    splice_t *op;
    gch_status_t st = find_template(d, p->config, &gch_action_templates[i], &inl, &uri, &uri_key);
    if (st != GCH_OK) {
        return st;
    }
    if (uri_only(d, inl, uri) != (text != NULL)) {
        return GCH_ERR_ARG; /* text missing (data loss) or not wanted (duplicate key) */
    }
    if (!text) {
        return GCH_OK;
    }
    op = &p->op[p->nops++];
    op->kind = OP_TEMPLATE;
    op->key = gch_action_templates[i].text_key;
    op->text = text;
    op->text_len = text_len;
    gch_json_span(d, uri_key, &op->start, &s);
    gch_json_span(d, uri, &s, &e);
    op->end = e;
    return GCH_OK;
}

static void sort_ops(plan_t *p)
{
    for (int i = 1; i < p->nops; i++) {
        for (int j = i; j > 0 && p->op[j].start < p->op[j - 1].start; j--) {
            splice_t t = p->op[j];
            p->op[j] = p->op[j - 1];
            p->op[j - 1] = t;
        }
    }
}

static gch_status_t plan(const gch_json_doc_t *d, uint32_t timeout_s, const gch_template_texts_t *tpl, plan_t *p)
{
    gch_status_t st;
    memset(p, 0, sizeof *p);
    p->category = -1;
    if (timeout_s > GCH_ACTION_TIMEOUT_MAX) {
        return GCH_ERR_ARG;
    }
    st = plan_envelope(d, p);
    if (st == GCH_OK) {
        st = plan_timeout(d, p, timeout_s == 0u);
    }
    if (st == GCH_OK) {
        st = plan_template(d, p, 0, tpl ? tpl->request : NULL, tpl ? tpl->request_len : 0);
    }
    if (st == GCH_OK) {
        st = plan_template(d, p, 1, tpl ? tpl->success : NULL, tpl ? tpl->success_len : 0);
    }
    sort_ops(p);
    return st;
}

/* Emission helpers: each returns the sink's status. */
typedef struct {
    gch_json_sink_fn sink;
    void *ctx;
    gch_status_t st;
} out_t;

static void put(out_t *o, const char *b, size_t n)
{
    if (o->st == GCH_OK && n > 0) {
        o->st = o->sink(o->ctx, b, n);
    }
}

static void put_str(out_t *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_u64(out_t *o, uint64_t v)
{
    char buf[20];
    size_t i = sizeof buf;
    do {
        buf[--i] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v > 0);
    put(o, buf + i, sizeof buf - i);
}

static void put_token(out_t *o, const gch_json_doc_t *d, int t)
{
    size_t s, e;
    gch_json_span(d, t, &s, &e);
    put(o, d->json + s, e - s);
}

static void put_op(out_t *o, const plan_t *p, const splice_t *op, uint32_t timeout_s)
{
    switch (op->kind) {
    case OP_TIMEOUT_SET: put_u64(o, timeout_s); break;
    case OP_TIMEOUT_REMOVE: break; /* the member and its comma are left out */
    case OP_TIMEOUT_INSERT:
        put_str(o, "\"timeoutSeconds\":");
        put_u64(o, timeout_s);
        if (!p->config_empty) {
            put_str(o, ",");
        }
        break;
    default: /* OP_TEMPLATE */
        put_str(o, "\"");
        put_str(o, op->key);
        put_str(o, "\":\"");
        if (o->st == GCH_OK) {
            o->st = gch_json_escape(op->text, op->text_len, o->sink, o->ctx);
        }
        put_str(o, "\"");
        break;
    }
}

gch_status_t gch_action_patch_body(const gch_json_doc_t *action, uint32_t timeout_s, const gch_template_texts_t *tpl,
                                   gch_json_sink_fn sink, void *ctx)
{
    plan_t p;
    out_t o = { sink, ctx, GCH_OK };
    size_t pos, cfg_end;
    gch_status_t st = plan(action, timeout_s, tpl, &p);
    if (st != GCH_OK) {
        return st;
    }

    put_str(&o, "{\"name\":");
    put_token(&o, action, p.name);
    if (p.category >= 0) {
        put_str(&o, ",\"category\":");
        put_token(&o, action, p.category);
    }
    put_str(&o, ",\"version\":");
    put_u64(&o, p.version);
    put_str(&o, ",\"config\":");
    gch_json_span(action, p.config, &pos, &cfg_end);
    for (int i = 0; i < p.nops; i++) {
        put(&o, action->json + pos, p.op[i].start - pos);
        put_op(&o, &p, &p.op[i], timeout_s);
        pos = p.op[i].end;
    }
    put(&o, action->json + pos, cfg_end - pos);
    put_str(&o, "}");
    return o.st;
}
