/*
 * gcheal_status.h - the status file (--status-file PATH): one small JSON
 * object about the last run, for an appliance's health check:
 *
 *   {"command":"watch","run":3,"pid":812,"started":"2025-06-01T10:00:00Z",
 *    "finished":"2025-06-01T10:00:02Z","exitStatus":5,"interrupted":false,
 *    "examined":36,"restrictive":9,"fixed":7,"skipped":2,"failed":0,
 *    "nextRun":"2025-06-01T10:05:02Z"}
 *
 * nextRun is null when no run follows. The file is replaced atomically: a
 * reader sees the previous object or the new one, never a mix or a part.
 */
#ifndef GCHEAL_STATUS_H
#define GCHEAL_STATUS_H

#include "gcheal_run.h"

/* Longest accepted path (the temporary name adds ".XXXXXX"). */
#define GCHEAL_STATUS_PATH_MAX 4000

/* Before the first run: the file's folder exists and this process may create
 * files in it. 0, or -1 after one line on stderr. */
int gcheal_status_check(const char *path);

/* Writes r to a new file in the same folder, fsyncs it, renames it over path
 * and fsyncs the folder. 0, or -1 after one line on stderr (the old file, if
 * any, is left as it was). */
int gcheal_status_write(const char *path, const gcheal_run_t *r);

#endif
