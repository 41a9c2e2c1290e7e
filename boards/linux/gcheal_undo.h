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
    const char *const *names;      /* exact names (NULL/0 = all) */
    size_t name_count;
    /* Reverts one action (gch_heal_revert with the caller's context). A status
     * other than GCH_OK stops the undo there. */
    gch_status_t (*one)(void *ctx, const gch_revert_t *rv);
    void *ctx;
} gcheal_undo_t;

/* 0 when every selected change was handed to `one`; 1 when `one` stopped it;
 * -1 when the log cannot be read (a message is on stderr). */
int gcheal_undo_run(const gcheal_undo_t *u);

/* --since: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (UTC), normalized into out
 * (at least 21 bytes) in the audit log's own form. False when malformed. */
bool gcheal_undo_valid_time(const char *s, char *out, size_t cap);

#endif
