/*
 * gch_lwip_host.c - what the linux-lwip board does differently from the POSIX
 * host services it shares (platform/posix/gch_sys_posix.c: clocks, getrandom
 * entropy, signals -> cancel flag, log lines): the sleep keeps polling the lwIP
 * stack while it waits, so TCP timers (retransmits, delayed ACKs, TIME_WAIT)
 * keep running during back-off and the watch loop, as they must on a board
 * without an OS; and lwIP's LWIP_RAND comes from the same entropy.
 */
#include "gch_lwip_board.h"
#include "gch_port.h"

unsigned int gch_lwip_board_rand(void);

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
    while (!gch_port_cancelled()) {
        if (gch_clock_ms() >= deadline) {
            return 0;
        }
        gch_lwip_board_poll(); /* waits a few ms for a frame, runs the timers */
    }
    return 1;
}
