/* gch_heal_internal.h - what the parts of the heal job share (not public). */
#ifndef GCH_HEAL_INTERNAL_H
#define GCH_HEAL_INTERNAL_H

#include "api/gch_api.h"
#include "json/gch_json_path.h"
#include "json/gch_json_skim.h"

/* The fields of one action the job decides on. */
enum {
    GCH_HEAL_F_ID, GCH_HEAL_F_NAME, GCH_HEAL_F_CATEGORY, GCH_HEAL_F_INTEGRATION, GCH_HEAL_F_CONFIG,
    GCH_HEAL_F_TIMEOUT, GCH_HEAL_FIELDS
};
void gch_heal_fields_init(gch_json_skim_field_t f[GCH_HEAL_FIELDS]);
/* Decode skimmed fields into p. */
gch_status_t gch_heal_fields_read(const gch_json_skim_field_t f[GCH_HEAL_FIELDS], gch_pending_t *p,
                                  bool *has_config);
/* Skim an action's (already validated) JSON text and decode its fields. */
gch_status_t gch_heal_read_fields(const char *json, size_t len, gch_pending_t *p, bool *has_config);
/* Effective timeout below the minimum? */
bool gch_heal_is_restrictive(const gch_policy_t *pol, int64_t timeout);
/* Static and custom-auth actions are never edited. NULL when editable. */
const char *gch_heal_not_editable(const char *id);
/* Report one action through the caller's callback and count it. */
void gch_heal_emit(gch_heal_t *h, const gch_pending_t *p, gch_result_t r, const char *reason);
/* The value the policy writes. */
int gch_heal_new_timeout(const gch_policy_t *pol);

/* Fix phase: handle one remembered action (GET, decide, PATCH, verify). Returns
 * GCH_OK unless the whole job must stop (auth, cancel, network gone). */
gch_status_t gch_heal_fix_one(gch_heal_t *h, gch_pending_t *p);

#endif
