/*
 * gch_lwip_sys.c - lwIP's one system call under NO_SYS=1 (sys_now), and the
 * deadline helper of platform/lwip, both on the board's monotonic clock.
 *
 * lwIP's timers (TCP fast/slow timers, ARP, DNS) compare sys_now() values with
 * wrap-around arithmetic, so truncating gch_clock_ms() to 32 bits is what it expects.
 */
#include "lwip/sys.h"

#include "gch_lwip_internal.h"
#include "gch_port.h"

u32_t sys_now(void)
{
    return (u32_t)gch_clock_ms();
}

int gch_lwip_expired(uint64_t deadline)
{
    return gch_clock_ms() >= deadline;
}
