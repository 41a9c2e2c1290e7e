/*
 * gcheal_journal.c - priority prefixes for journald and the per-run log line
 * of watch (gcheal_journal.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "gcheal_journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int to_journal;

/* "DEVICE:INODE" in decimal, digits only. */
static int parse_stream(const char *v, unsigned long long *dev, unsigned long long *ino)
{
    char *end;
    if (v == NULL || v[0] < '0' || v[0] > '9') {
        return -1;
    }
    *dev = strtoull(v, &end, 10);
    if (*end != ':' || end[1] < '0' || end[1] > '9') {
        return -1;
    }
    const char *rest = end + 1;
    *ino = strtoull(rest, &end, 10);
    return *end == '\0' ? 0 : -1;
}

void gcheal_journal_init(void)
{
    /* JOURNAL_STREAM is inherited by children whose stderr may point elsewhere:
     * only the very file it names counts. */
    unsigned long long dev, ino;
    struct stat st;
    to_journal = parse_stream(getenv("JOURNAL_STREAM"), &dev, &ino) == 0 && fstat(STDERR_FILENO, &st) == 0 &&
                 (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

const char *gcheal_journal_prefix(int priority)
{
    static const char *const prefix[] = { "<0>", "<1>", "<2>", "<3>", "<4>", "<5>", "<6>", "<7>" };
    if (!to_journal) {
        return "";
    }
    return prefix[priority < 0 ? 0 : priority > 7 ? 7 : priority];
}

static int priority_of(int exit_status)
{
    switch (exit_status) {
    case GCH_EXIT_CLEAN: return GCHEAL_LOG_INFO;
    case GCH_EXIT_INTERRUPTED: return GCHEAL_LOG_NOTICE;
    case GCH_EXIT_FOUND:
    case GCH_EXIT_INCOMPLETE: return GCHEAL_LOG_WARNING; /* skipped or failed actions */
    default: return GCHEAL_LOG_ERR;
    }
}

void gcheal_journal_run(const gcheal_run_t *r)
{
    char ended[GCHEAL_UTC_MAX], next[GCHEAL_UTC_MAX];
    gcheal_utc(ended, r->finished);
    gcheal_utc(next, r->next);
    const gch_summary_t *s = &r->sum;
    fprintf(stderr, "%sgcheal: %s run %u %s %s: %u examined, %u restrictive, %u fixed, %u skipped, "
                    "%u failed; exit %d; %s%s\n",
            gcheal_journal_prefix(priority_of(r->exit_status)), r->command, r->run,
            r->exit_status == GCH_EXIT_INTERRUPTED ? "interrupted" : "ended", ended, s->examined,
            s->restrictive, s->fixed, s->skipped, s->failed, r->exit_status,
            r->next >= 0 ? "next run " : "no next run", r->next >= 0 ? next : "");
    fflush(stderr);
}
