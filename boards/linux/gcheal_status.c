/*
 * gcheal_status.c - the status file, replaced atomically (gcheal_status.h).
 *
 * rename() within one folder is atomic on POSIX file systems, so the new
 * object is first written in full to a temporary file beside the target and
 * made durable (fsync) before it takes the target's name. No heap: the object
 * is formatted into a static buffer.
 */
#define _DEFAULT_SOURCE /* mkstemp, fchmod */
#include "gcheal_status.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gcheal_journal.h"

static char tmp_path[GCHEAL_STATUS_PATH_MAX + 8];
static char dir_path[GCHEAL_STATUS_PATH_MAX + 1];
static char body[1024];

/* The folder part of path ("." for a bare file name), in dir_path. */
static const char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        return ".";
    }
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    memcpy(dir_path, path, n);
    dir_path[n] = '\0';
    return dir_path;
}

static void warn(const char *what, const char *path)
{
    fprintf(stderr, "%sgcheal: status file %s: %s: %s\n", gcheal_journal_prefix(GCHEAL_LOG_WARNING), path,
            what, strerror(errno));
}

int gcheal_status_check(const char *path)
{
    const char *dir = folder_of(path);
    struct stat st;
    int err = 0;
    if (stat(dir, &st) != 0 || access(dir, W_OK | X_OK) != 0) {
        err = errno;
    } else if (!S_ISDIR(st.st_mode)) {
        err = ENOTDIR;
    }
    if (err != 0) {
        fprintf(stderr, "%sgcheal: status file %s: its folder %s is missing or not writable: %s\n",
                gcheal_journal_prefix(GCHEAL_LOG_ERR), path, dir, strerror(err));
        return -1;
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%sgcheal: status file %s is a folder\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), path);
        return -1;
    }
    return 0;
}

static int format(const gcheal_run_t *r)
{
    char started[GCHEAL_UTC_MAX], finished[GCHEAL_UTC_MAX], next[GCHEAL_UTC_MAX + 2];
    gcheal_utc(started, r->started);
    gcheal_utc(finished, r->finished);
    if (r->next >= 0) {
        char t[GCHEAL_UTC_MAX];
        gcheal_utc(t, r->next);
        snprintf(next, sizeof next, "\"%s\"", t);
    } else {
        snprintf(next, sizeof next, "null");
    }
    const gch_summary_t *s = &r->sum;
    int n = snprintf(body, sizeof body,
                     "{\"command\":\"%s\",\"run\":%u,\"pid\":%ld,\"started\":\"%s\",\"finished\":\"%s\","
                     "\"exitStatus\":%d,\"interrupted\":%s,\"examined\":%u,\"restrictive\":%u,\"fixed\":%u,"
                     "\"skipped\":%u,\"failed\":%u,\"nextRun\":%s}\n",
                     r->command, r->run, (long)getpid(), started, finished, r->exit_status,
                     r->exit_status == GCH_EXIT_INTERRUPTED ? "true" : "false", s->examined, s->restrictive,
                     s->fixed, s->skipped, s->failed, next);
    return n > 0 && (size_t)n < sizeof body ? n : -1;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) {
            continue; /* a signal asked to stop: finish this file first */
        }
        if (w <= 0) {
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int gcheal_status_write(const char *path, const gcheal_run_t *r)
{
    int n = format(r);
    if (n < 0) {
        errno = EOVERFLOW;
        warn("cannot format", path);
        return -1;
    }
    snprintf(tmp_path, sizeof tmp_path, "%s.XXXXXX", path);
    int fd = mkstemp(tmp_path);
    if (fd < 0) {
        warn("cannot create a temporary file beside it", path);
        return -1;
    }
    /* mkstemp makes it 0600; a health check may run as another user. */
    int ok = fchmod(fd, 0644) == 0 && write_all(fd, body, (size_t)n) == 0 && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp_path, path) != 0) {
        errno = ok ? errno : saved;
        warn("cannot write", path);
        unlink(tmp_path);
        return -1;
    }
    /* The rename itself survives a power cut only once the folder is synced. */
    int dfd = open(folder_of(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    return 0;
}
