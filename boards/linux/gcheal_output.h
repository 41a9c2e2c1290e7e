/*
 * gcheal_output.h - what build/gcheal prints about the actions: one JSON line
 * per examined action plus a summary object (--json), or an aligned table of
 * the actions that matter plus a one-line summary; progress on a terminal.
 * Everything goes through fixed buffers and stdio; nothing here sees a secret.
 */
#ifndef GCHEAL_OUTPUT_H
#define GCHEAL_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/gch_buf.h"
#include "heal/gch_heal.h"

typedef struct {
    FILE *out;
    bool json;
    int verbose;
    bool quiet;
    bool progress;          /* a progress line on stderr (a terminal) */
    bool progress_shown;
    bool header_done;
    uint32_t count[GCH_RESULT_FAILED + 1]; /* per result, this run */
} gcheal_out_t;

void gcheal_out_init(gcheal_out_t *o, FILE *out, bool json, int verbose, bool quiet, bool progress);
/* Start of a run (watch prints one report per run). */
void gcheal_out_begin_run(gcheal_out_t *o);
/* The gch_report_fn: user is the gcheal_out_t. */
void gcheal_out_action(void *user, const gch_action_report_t *r);
/* After a run that reached its end. label: "scan", "fix", "fix --dry-run", "watch run 2". */
void gcheal_out_summary(gcheal_out_t *o, const gch_summary_t *s, const char *label);
/* Clears the progress line (before an error message). */
void gcheal_out_clear_progress(gcheal_out_t *o);

/* Writes s as the inside of a JSON string: '"', '\\' and control characters
 * escaped (and U+2028/U+2029, which some readers take for line ends), other
 * valid UTF-8 passed through, any invalid byte replaced by U+FFFD so the
 * output is always valid JSON, one object per line. */
void gcheal_json_string(FILE *f, const char *s);
/* The same into a bounded buffer (the audit log's lines). */
void gcheal_json_escape_buf(gch_buf_t *b, const char *s);

/* Writes server-supplied text for a human: control characters become spaces
 * and invalid UTF-8 '?', so nothing the server sends can drive a terminal. */
void gcheal_text(FILE *f, const char *s);

#endif
