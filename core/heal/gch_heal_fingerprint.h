/*
 * gch_heal_fingerprint.h - a semantic hash of an action's config, to verify
 * after a PATCH that nothing but timeoutSeconds changed, without keeping a
 * second copy of the action in memory.
 *
 * Strings hash by their decoded bytes and object members in any order hash the
 * same, so a platform that re-encodes or reorders what it stores still matches;
 * timeoutSeconds and the template members (checked separately, as text) are left out.
 */
#ifndef GCH_HEAL_FINGERPRINT_H
#define GCH_HEAL_FINGERPRINT_H

#include "json/gch_json_path.h"
#include <stdint.h>

/* FNV-1a over the decoded bytes of string token t, continuing from *h. */
gch_status_t gch_heal_hash_string(const gch_json_doc_t *doc, int t, uint64_t *h);

gch_status_t gch_heal_fingerprint(const gch_json_doc_t *doc, int config, uint64_t *out);

#endif
