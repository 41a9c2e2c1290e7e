/*
 * gcheal_audit.c - the audit log's writer (gcheal_audit.h). A line is built in a
 * static buffer (JSON strings escaped by the core's escaper) and handed to one
 * write(2); a line that does not fit is cut at a field boundary, never mid-string.
 */
#define _DEFAULT_SOURCE
#include "gcheal_audit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/gch_buf.h"
#include "gcheal_journal.h"
#include "json/gch_json_sink.h"
#include "json/gch_json_str.h"

#define LINE_MAX_BYTES 8192u

static int fd = -1;
static char line[LINE_MAX_BYTES];

int gcheal_audit_open(const char *path)
{
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        fprintf(stderr, "%sgcheal: audit log %s: %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), path, strerror(errno));
        return -1;
    }
    return 0;
}

void gcheal_audit_close(void)
{
    if (fd >= 0) {
        (void)close(fd);
        fd = -1;
    }
}

/* "key":"escaped value", */
static void put_string(gch_buf_t *b, const char *key, const char *value)
{
    gch_buf_append_str(b, "\"");
    gch_buf_append_str(b, key);
    gch_buf_append_str(b, "\":\"");
    const char *v = value != NULL ? value : "";
    (void)gch_json_escape(v, strlen(v), gch_json_sink_buf, b);
    gch_buf_append_str(b, "\",");
}

/* "key":N, or "key":null, for a value that may be absent (-1). */
static void put_number(gch_buf_t *b, const char *key, int64_t v)
{
    gch_buf_append_str(b, "\"");
    gch_buf_append_str(b, key);
    gch_buf_append_str(b, "\":");
    if (v < 0) {
        gch_buf_append_str(b, "null");
    } else {
        gch_buf_append_u64(b, (uint64_t)v);
    }
    gch_buf_append_str(b, ",");
}

static void now_utc(char *out, size_t cap)
{
    time_t t = time(NULL);
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL || strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
        snprintf(out, cap, "1970-01-01T00:00:00Z");
    }
}

static size_t build(const char *command, const gch_action_report_t *r)
{
    char when[32];
    now_utc(when, sizeof when);
    gch_buf_t b;
    gch_buf_init(&b, line, sizeof line - 1);
    gch_buf_append_str(&b, "{");
    put_string(&b, "time", when);
    put_string(&b, "command", command);
    put_string(&b, "id", r->id);
    put_string(&b, "name", r->name);
    put_string(&b, "integrationId", r->integration_id);
    put_number(&b, "oldTimeoutSeconds", r->timeout);
    put_number(&b, "newTimeoutSeconds", r->new_timeout);
    put_number(&b, "versionBefore", r->version_before);
    put_number(&b, "versionAfter", r->result == GCH_RESULT_FIXED ? r->version_after : -1);
    put_string(&b, "method", gch_method_name(r->method));
    put_string(&b, "outcome", gch_result_name(r->result));
    put_number(&b, "httpStatus", r->http_status);
    put_string(&b, "correlationId", r->correlation_id);
    size_t keep = b.len;
    put_string(&b, "reason", r->reason);
    if (b.overflow) { /* a reason too long for the line: the line stays whole without it */
        b.overflow = false;
        b.len = keep;
        put_string(&b, "reason", "(too long to record)");
    }
    b.len--; /* the last comma */
    gch_buf_append_str(&b, "}\n");
    return b.overflow ? 0 : b.len;
}

int gcheal_audit_record(const char *command, const gch_action_report_t *r)
{
    bool change = r->result == GCH_RESULT_FIXED || (r->result == GCH_RESULT_FAILED && r->method != GCH_METHOD_NONE);
    if (fd < 0 || !change) {
        return 0;
    }
    size_t n = build(command, r);
    /* One write: O_APPEND places it whole at the end, so no reader or crash sees
     * half a line from us (a line is far below what one write moves to a file). */
    ssize_t w = n > 0 ? write(fd, line, n) : -1;
    if (w != (ssize_t)n || n == 0 || fsync(fd) != 0) {
        fprintf(stderr, "%sgcheal: audit log: cannot record the change to %s: %s\n",
                gcheal_journal_prefix(GCHEAL_LOG_ERR), r->id, n == 0 ? "line too long" : strerror(errno));
        return -1;
    }
    return 0;
}
