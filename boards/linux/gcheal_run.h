/*
 * gcheal_run.h - what one run of the job leaves for whoever watches the
 * program rather than reads its report: a log line (gcheal_journal.c) and the
 * status file (gcheal_status.c).
 */
#ifndef GCHEAL_RUN_H
#define GCHEAL_RUN_H

#include <stdint.h>

#include "heal/gch_heal.h"

typedef struct {
    const char *command;      /* "scan", "fix" or "watch" */
    uint32_t run;             /* 1, 2, ... (watch); 1 for scan and fix */
    int64_t started, finished; /* seconds since 1970 UTC */
    int64_t next;             /* when the next run starts, or -1: there is none */
    int exit_status;          /* of this run; GCH_EXIT_INTERRUPTED when a signal ended it */
    gch_summary_t sum;        /* the counts (so far, when interrupted) */
} gcheal_run_t;

#define GCHEAL_UTC_MAX 21 /* "2025-06-01T10:00:02Z" and its NUL */

/* t as ISO 8601 UTC, or "-" when t is negative (unknown). */
void gcheal_utc(char out[GCHEAL_UTC_MAX], int64_t t);

#endif
