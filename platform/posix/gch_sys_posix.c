/*
 * gch_sys_posix.c - clock, entropy, cancellation and log for POSIX hosts. Every
 * board on a POSIX host uses it, boards/linux-lwip included; sleeping is the
 * platform's own (gch_sleep_posix.c here; lwIP boards keep polling instead).
 */
#define _GNU_SOURCE
#include "gch_port.h"
#include "gch_posix.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t cancelled;
static volatile sig_atomic_t held; /* gch_port_hold_cancel: a PATCH is in flight */

uint64_t gch_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int64_t gch_clock_wall(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
        return -1;
    }
    return (int64_t)ts.tv_sec;
}

gch_status_t gch_entropy_fill(uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = getrandom(buf, len, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return GCH_ERR_NET;
        }
        buf += n;
        len -= (size_t)n;
    }
    return GCH_OK;
}

int gch_port_cancelled(void)
{
    return cancelled != 0 && held == 0;
}

void gch_port_hold_cancel(int hold)
{
    held = hold != 0;
}

void gch_posix_request_stop(void)
{
    cancelled = 1;
}

static void on_signal(int sig)
{
    (void)sig;
    cancelled = 1;
}

void gch_posix_install_signals(void)
{
    struct sigaction sa;
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: blocking calls return and notice. SA_RESETHAND: the first
     * signal asks for a clean stop (a PATCH in flight finishes first), a second
     * one of the same kind ends the program at once. */
    sa.sa_flags = (int)SA_RESETHAND;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

void gch_log_write(int level, const char *line, size_t len)
{
    (void)level;
    fprintf(stderr, "%.*s\n", (int)len, line);
}
