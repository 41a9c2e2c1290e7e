/*
 * gch_sleep_posix.c - gch_sleep_ms() for the sockets platform: nanosleep in
 * steps, ending early once gch_port_cancelled() (a signal) says stop.
 */
#define _POSIX_C_SOURCE 200809L
#include <time.h>

#include "gch_port.h"

int gch_sleep_ms(uint32_t ms)
{
    uint64_t deadline = gch_clock_ms() + ms;
    while (!gch_port_cancelled()) {
        uint64_t now = gch_clock_ms();
        if (now >= deadline) {
            return 0;
        }
        uint64_t left = deadline - now;
        struct timespec ts = { (time_t)(left / 1000u), (long)(left % 1000u) * 1000000L };
        (void)nanosleep(&ts, NULL); /* a signal interrupts it: the loop re-checks */
    }
    return 1;
}
