/*
 * gcheal_journal.h - stderr lines a log reader can rank. When stderr is
 * journald's stream (systemd sets JOURNAL_STREAM to its "DEVICE:INODE"), each
 * line starts with a syslog priority "<N>" that journald strips and keeps, so
 * `journalctl -p warning` finds the runs that need attention. Anywhere else
 * the lines are plain.
 */
#ifndef GCHEAL_JOURNAL_H
#define GCHEAL_JOURNAL_H

#include "gcheal_run.h"

enum { GCHEAL_LOG_ERR = 3, GCHEAL_LOG_WARNING = 4, GCHEAL_LOG_NOTICE = 5, GCHEAL_LOG_INFO = 6 };

/* Looks at JOURNAL_STREAM and stderr once; call before the first line. */
void gcheal_journal_init(void);
/* "<3>" and so on when stderr is the journal, else "". */
const char *gcheal_journal_prefix(int priority);
/* The one line per watch run: when it ended, the counts, its exit status and the next run. */
void gcheal_journal_run(const gcheal_run_t *r);

#endif
