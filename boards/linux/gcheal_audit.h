/*
 * gcheal_audit.h - the audit log (--audit-log PATH): one JSON line per change
 * gcheal made, and per change it tried and gave up on, for the people who run
 * it to answer "what did it change?" and, with `gcheal undo`, to put it back.
 *
 * Each line is written with one write(2) on a descriptor opened O_APPEND and
 * made durable with fsync(2) before the job goes on to the next change, so the
 * log is never truncated, holds whole lines whatever kills the process, and is
 * never ahead of the server: a "fixed" line follows the verified change. No
 * secret or token ever reaches it.
 *
 * Line: {"time":"2026-12-03T08:10:07Z","command":"fix","id":…,"name":…,
 *        "integrationId":…,"oldTimeoutSeconds":3,"newTimeoutSeconds":5,
 *        "versionBefore":4,"versionAfter":5,"method":"patch","outcome":"fixed",
 *        "httpStatus":0,"correlationId":…,"reason":…}
 * A timeout that is (or becomes) absent is null; versionAfter is null unless fixed.
 */
#ifndef GCHEAL_AUDIT_H
#define GCHEAL_AUDIT_H

#include "heal/gch_heal.h"

/* Opens (creates, mode 0600) path for appending. 0, or -1 after a message on stderr. */
int gcheal_audit_open(const char *path);

/* Records r when it is a change made or tried (FIXED, or FAILED after a change was
 * attempted); command is "fix", "watch" or "undo". A write or fsync failure is
 * reported on stderr and returned as -1 (the caller stops: changes must not go
 * unrecorded). No-op (0) when no log is open. */
int gcheal_audit_record(const char *command, const gch_action_report_t *r);

void gcheal_audit_close(void);

#endif
