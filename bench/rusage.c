/*
 * bench/rusage.c - run one command and report its own CPU time and peak RSS.
 *
 *   rusage OUTFILE COMMAND [ARGS...]   -> OUTFILE: {"rc":..,"user":..,"sys":..,"maxrss_kb":..}
 *
 * Why not wait4 from bench/run.py directly: Linux carries the peak RSS of the
 * process image an exec replaces into the new program's ru_maxrss, so a client
 * forked from a 30 MB Python process would be charged 30 MB. Forked from this
 * small program instead, the figure is the client's own. The command's stdout
 * and stderr are inherited.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rusage OUTFILE COMMAND [ARGS...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], &argv[2]);
        perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid) {
        perror("wait4");
        return 2;
    }
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *f = fopen(argv[1], "w");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    fprintf(f, "{\"rc\":%d,\"user\":%.6f,\"sys\":%.6f,\"maxrss_kb\":%ld}\n", rc, seconds(ru.ru_utime),
            seconds(ru.ru_stime), ru.ru_maxrss);
    return fclose(f) == 0 ? 0 : 2;
}
