/*
 * gch_fw_report.c - console lines of the firmware (see gch_fw_report.h).
 * Lines are formatted into a static buffer: no stdio, so nothing sets up FILE
 * buffers on a heap.
 */
#include "gch_fw_report.h"

#include <stdarg.h>
#include <stdio.h>

#include "gch_board.h"

void gch_fw_printf(const char *fmt, ...)
{
    static char line[320];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0) {
        gch_board_console_write(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
}

void gch_fw_report_action(void *user, const gch_action_report_t *r)
{
    const int *verbose = user;
    if (r->result != GCH_RESULT_FIXED && r->result != GCH_RESULT_FAILED && *verbose == 0) {
        return;
    }
    gch_fw_printf("gcheal:   %s %s (timeout %ld s -> %ld s)%s%s", gch_result_name(r->result), r->name, (long)r->timeout,
                  (long)r->new_timeout, r->reason[0] != '\0' ? ": " : "", r->reason);
    if (r->method != GCH_METHOD_NONE) {
        /* The device has no file system: this line is its audit record (id, how, versions). */
        gch_fw_printf(" [audit: id %s, %s, version %ld -> %ld]", r->id, gch_method_name(r->method),
                      (long)r->version_before, (long)r->version_after);
    }
    if (r->result == GCH_RESULT_FAILED) {
        gch_fw_printf(", HTTP %d", r->http_status);
    }
    if (r->correlation_id[0] != '\0') {
        gch_fw_printf(", ININ-Correlation-Id %s", r->correlation_id);
    }
    gch_fw_printf("\n");
}

void gch_fw_report_stop(char *out, size_t cap, const gch_heal_error_t *e, gch_status_t st)
{
    int n = snprintf(out, cap, "%s%s%s", e->what, e->what[0] != '\0' ? ": " : "",
                     gch_strerror(e->status != GCH_OK ? e->status : st));
    if (n > 0 && (size_t)n < cap && e->http_status > 0) {
        n += snprintf(out + n, cap - (size_t)n, ", HTTP %d", e->http_status);
    }
    if (n > 0 && (size_t)n < cap && e->message[0] != '\0') {
        n += snprintf(out + n, cap - (size_t)n, ": %s", e->message);
    }
    if (n > 0 && (size_t)n < cap && e->code[0] != '\0') {
        (void)snprintf(out + n, cap - (size_t)n, " (%s)", e->code);
    }
}
