/*
 * gch_fw_report.h - the firmware's console output: printf-style lines, the
 * rows of the actions a run changed or could not change, and why a run
 * stopped, in the gcheal CLI's words.
 */
#ifndef GCH_FW_REPORT_H
#define GCH_FW_REPORT_H

#include <stddef.h>

#include "heal/gch_heal.h"

/* printf-style text to the console (no stdio: formatted into a static line). */
void gch_fw_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* gch_report_fn: one row per action fixed or failed (every action when
 * user points to a non-zero int: verbose). */
void gch_fw_report_action(void *user, const gch_action_report_t *r);

/* What stopped a run, as one clause ("GET ...: connection refused, HTTP 503"). */
void gch_fw_report_stop(char *out, size_t cap, const gch_heal_error_t *e, gch_status_t st);

#endif
