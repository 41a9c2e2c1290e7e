/*
 * gch_fw_report.h - the firmware's report on the semihosting console: the
 * gcheal CLI's table rows and summary line, and the exit status they imply.
 */
#ifndef GCH_FW_REPORT_H
#define GCH_FW_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "heal/gch_heal.h"

typedef struct {
    uint32_t count[GCH_RESULT_FAILED + 1]; /* per result */
    int verbose;                           /* > 0: also the ok rows */
} gch_fw_report_t;

/* gch_report_fn: one row per action that matters. */
void gch_fw_report_action(void *user, const gch_action_report_t *r);
void gch_fw_report_summary(const gch_summary_t *s, const char *label);
/* What stopped a pass, on stderr, like the CLI's one-line error. */
void gch_fw_report_stop(const gch_heal_error_t *e, gch_status_t st);
/* printf-style line to the console (fd 1 or 2). */
void gch_fw_printf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
