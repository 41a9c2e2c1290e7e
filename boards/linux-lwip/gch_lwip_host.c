/*
 * gch_lwip_host.c - the porting calls the linux-lwip board takes from its host:
 * monotonic and wall clocks, getrandom() entropy, signals -> cancel flag, log
 * lines on stderr, and lwIP's LWIP_RAND. Only the sleep differs from
 * platform/posix: it keeps polling the lwIP stack while it waits, so TCP timers
 * (retransmits, delayed ACKs, TIME_WAIT) keep running during back-off and the
 * watch loop, as they must on a board without an OS.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>

#include "gch_lwip_board.h"
#include "gch_port.h"
#include "gch_posix.h"

unsigned int gch_lwip_board_rand(void);

static volatile sig_atomic_t cancelled;

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

unsigned int gch_lwip_board_rand(void)
{
    unsigned int r = 0;
    if (gch_entropy_fill((uint8_t *)&r, sizeof r) != GCH_OK) {
        r = (unsigned int)gch_clock_ms(); /* ports and DNS ids only: not key material */
    }
    return r;
}

int gch_sleep_ms(uint32_t ms)
{
    uint64_t deadline = gch_clock_ms() + ms;
    while (!cancelled) {
        if (gch_clock_ms() >= deadline) {
            return 0;
        }
        gch_lwip_board_poll(); /* waits a few ms for a frame, runs the timers */
    }
    return 1;
}

int gch_port_cancelled(void)
{
    return cancelled != 0;
}

static void on_signal(int sig)
{
    (void)sig;
    cancelled = 1;
}

/* The CLI (boards/linux/gcheal_main.c) installs the handlers through this
 * platform/posix name: this board is a POSIX host too. */
void gch_posix_install_signals(void)
{
    struct sigaction sa;
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: poll() returns and the loops notice */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

void gch_log_write(int level, const char *line, size_t len)
{
    (void)level;
    fprintf(stderr, "%.*s\n", (int)len, line);
}
