/*
 * gch_fw_report.c - prints what the heal job reports, in the CLI's table form
 * (boards/linux/gcheal_output.c), through semihosting. Lines are formatted
 * into a static buffer: no stdio, so nothing sets up FILE buffers on a heap.
 */
#include "gch_fw_report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gch_semihost.h"

void gch_fw_printf(int fd, const char *fmt, ...)
{
    static char line[384];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0) {
        gch_semihost_write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
}

static void timeout_text(char *out, size_t cap, int64_t t)
{
    if (t < 0) {
        snprintf(out, cap, "-");
    } else {
        snprintf(out, cap, "%lds", (long)t);
    }
}

void gch_fw_report_action(void *user, const gch_action_report_t *r)
{
    gch_fw_report_t *rep = user;
    rep->count[r->result]++;
    if (r->result == GCH_RESULT_OK && rep->verbose == 0) {
        return;
    }
    static bool header_done;
    if (!header_done) {
        gch_fw_printf(1, "%-12s %7s %5s  %s\n", "STATUS", "TIMEOUT", "NEW", "NAME / NOTE");
        header_done = true;
    }
    char now[16], next[16];
    timeout_text(now, sizeof now, r->timeout);
    bool changes = r->result == GCH_RESULT_RESTRICTIVE || r->result == GCH_RESULT_FIXED ||
                   r->result == GCH_RESULT_WOULD_FIX;
    timeout_text(next, sizeof next, changes ? r->new_timeout : -1);
    gch_fw_printf(1, "%-12s %7s %5s  %s%s%s\n", gch_result_name(r->result), now, next, r->name,
                  r->reason[0] != '\0' ? "  -- " : "", r->reason);
    if (r->result == GCH_RESULT_FAILED) {
        gch_fw_printf(1, "%-12s HTTP %d, ININ-Correlation-Id %s\n", "", r->http_status,
                      r->correlation_id);
    }
}

void gch_fw_report_summary(const gch_summary_t *s, const char *label)
{
    gch_fw_printf(1, "\n%s: %lu examined, %lu restrictive, %lu fixed, %lu skipped, %lu failed "
                     "(%lu pages, %lu requests, %lu PATCH)\n", label,
                  (unsigned long)s->examined, (unsigned long)s->restrictive,
                  (unsigned long)s->fixed, (unsigned long)s->skipped, (unsigned long)s->failed,
                  (unsigned long)s->pages, (unsigned long)s->requests, (unsigned long)s->patches);
}

void gch_fw_report_stop(const gch_heal_error_t *e, gch_status_t st)
{
    gch_fw_printf(2, "gcheal: %s%s%s", e->what, e->what[0] != '\0' ? ": " : "",
                  gch_strerror(e->status != GCH_OK ? e->status : st));
    if (e->http_status > 0) {
        gch_fw_printf(2, ", HTTP %d", e->http_status);
    }
    if (e->message[0] != '\0') {
        gch_fw_printf(2, ": %s", e->message);
    }
    if (e->code[0] != '\0') {
        gch_fw_printf(2, " (%s)", e->code);
    }
    if (e->correlation_id[0] != '\0') {
        gch_fw_printf(2, ", ININ-Correlation-Id %s", e->correlation_id);
    }
    gch_fw_printf(2, "\n");
}
