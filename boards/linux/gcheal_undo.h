/*
 * gcheal_undo.h - `gcheal undo --audit-log PATH [--since TIME] [--name NAME]
 * [--dry-run]`: read an audit log (gcheal_audit.h) and put back the old
 * timeoutSeconds of the changes it records, each only if the action still holds
 * the value gcheal wrote. The reverting itself is the core's (gch_heal_revert).
 */
#ifndef GCHEAL_UNDO_H
#define GCHEAL_UNDO_H

#include <stdbool.h>
#include <stddef.h>

#include "heal/gch_heal.h"

typedef struct {
    const char *log_path;
    const char *since;             /* normalized "YYYY-MM-DDTHH:MM:SSZ", or NULL */
    const gch_policy_t *pol;       /* its names and dry_run */
    gch_heal_t *heal;
    gch_report_fn report;          /* each reverted action's report ... */
    void *user;
    gch_summary_t *sum;            /* ... and their counts, added up */
} gcheal_undo_t;

/* Reverts every selected change with gch_heal_revert(). GCH_OK, the status that
 * stopped it (as gch_heal_run's), or GCH_ERR_CONFIG when the log cannot be read
 * (a message is on stderr). */
gch_status_t gcheal_undo_run(const gcheal_undo_t *u);

/* --since: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (UTC), normalized into out
 * (at least 21 bytes) in the audit log's own form. False when malformed. */
bool gcheal_undo_valid_time(const char *s, char *out, size_t cap);

#endif
