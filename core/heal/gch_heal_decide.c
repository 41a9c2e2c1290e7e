/*
 * gch_heal_decide.c - what the job needs to know about one action and what it
 * concludes: its fields, read in one skim of the validated JSON (the scan's
 * hot path), and the policy's verdict (restrictive? editable? new value?).
 * Pure functions: no I/O, no context; the benchmark's hot path calls them too.
 */
#include <string.h>

#include "gch_heal_internal.h"
#include "json/gch_json_skim.h"
#include "json/gch_json_str.h"

int gch_heal_new_timeout(const gch_policy_t *pol)
{
    return pol->set_timeout > 0 ? pol->set_timeout : pol->min_timeout;
}

bool gch_heal_is_restrictive(const gch_policy_t *pol, int64_t timeout)
{
    int64_t effective = timeout < 0 ? pol->unset_is : timeout;
    return effective < pol->min_timeout;
}

const char *gch_heal_not_editable(const char *id)
{
    if (strncmp(id, "static", 6) == 0) {
        return "static action: built in, not editable";
    }
    if (strncmp(id, "customAuth_-_", 13) == 0) {
        return "custom authentication action: a timeout is invalid there";
    }
    return NULL;
}

/* Decode a skimmed string into dst ("" when absent or null). */
static gch_status_t skimmed_string(const gch_json_skim_field_t *f, char *dst, size_t cap, bool required)
{
    dst[0] = '\0';
    if (!f->found || f->type == GCH_JSON_NULL) {
        return required ? GCH_ERR_JSON_MISSING : GCH_OK;
    }
    if (f->type != GCH_JSON_STRING) {
        return GCH_ERR_JSON_TYPE;
    }
    size_t len = 0;
    gch_status_t st = gch_json_unescape(f->raw, f->len, dst, cap - 1, &len);
    if (st == GCH_ERR_NOSPACE) {
        return GCH_ERR_TOO_LARGE;
    }
    if (st == GCH_OK) {
        dst[len] = '\0';
    }
    return st;
}

void gch_heal_fields_init(gch_json_skim_field_t f[GCH_HEAL_FIELDS])
{
    static const gch_json_skim_field_t wanted[GCH_HEAL_FIELDS] = {
        [GCH_HEAL_F_ID] = { .parent = NULL, .key = "id" },
        [GCH_HEAL_F_NAME] = { .parent = NULL, .key = "name" },
        [GCH_HEAL_F_CATEGORY] = { .parent = NULL, .key = "category" },
        [GCH_HEAL_F_INTEGRATION] = { .parent = NULL, .key = "integrationId" },
        [GCH_HEAL_F_CONFIG] = { .parent = NULL, .key = "config" },
        [GCH_HEAL_F_TIMEOUT] = { .parent = "config", .key = "timeoutSeconds" },
    };
    memcpy(f, wanted, sizeof wanted);
}

gch_status_t gch_heal_fields_read(const gch_json_skim_field_t f[GCH_HEAL_FIELDS], gch_pending_t *p, bool *has_config)
{
    gch_status_t st = skimmed_string(&f[GCH_HEAL_F_ID], p->id, sizeof p->id, true);
    if (st == GCH_OK) {
        st = skimmed_string(&f[GCH_HEAL_F_NAME], p->name, sizeof p->name, false);
    }
    if (st == GCH_OK) {
        st = skimmed_string(&f[GCH_HEAL_F_CATEGORY], p->category, sizeof p->category, false);
    }
    if (st == GCH_OK) {
        st = skimmed_string(&f[GCH_HEAL_F_INTEGRATION], p->integration_id, sizeof p->integration_id, false);
    }
    if (st != GCH_OK) {
        return st;
    }
    /* No config object: an older platform's list, fetched one by one later. */
    *has_config = f[GCH_HEAL_F_CONFIG].found && f[GCH_HEAL_F_CONFIG].type == GCH_JSON_OBJECT;
    p->timeout = -1;
    const gch_json_skim_field_t *t = &f[GCH_HEAL_F_TIMEOUT];
    if (*has_config && t->found && t->type != GCH_JSON_NULL) {
        if (t->type != GCH_JSON_NUMBER || gch_json_parse_int(t->raw, t->len, &p->timeout) != GCH_JSON_INT_OK ||
            p->timeout < 0) {
            p->timeout = -1;
            return GCH_ERR_JSON_TYPE;
        }
    }
    return GCH_OK;
}

gch_status_t gch_heal_read_fields(const char *json, size_t len, gch_pending_t *p, bool *has_config)
{
    gch_json_skim_field_t f[GCH_HEAL_FIELDS];
    gch_heal_fields_init(f);
    gch_status_t st = gch_json_skim(json, len, f, GCH_HEAL_FIELDS);
    return st == GCH_OK ? gch_heal_fields_read(f, p, has_config) : st;
}
