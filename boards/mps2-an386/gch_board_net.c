/*
 * gch_board_net.c - lwIP's life cycle on MPS2 AN386: lwip_init, the LAN9118
 * netif, its DHCP client (address, gateway and DNS servers from the lease;
 * lwIP renews and rebinds on its timers and starts over when a lease runs
 * out), and the poll function platform/lwip runs while it waits (frames in,
 * then lwIP's timers). Also what the watch loop reports about the network.
 */
#include <stdint.h>
#include <stdio.h>

#include "gch_board.h"
#include "gch_lan9118.h"
#include "gch_lwip_board.h"
#include "gch_port.h"
#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/memp.h"
#include "lwip/netif.h"
#include "lwip/priv/memp_priv.h"
#include "lwip/stats.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

static struct netif eth;

int gch_board_net_init(void)
{
    lwip_init();
    if (netif_add(&eth, NULL, NULL, NULL, (void *)(uintptr_t)GCH_BOARD_LAN9118_BASE,
                  gch_lan9118_netif_init, ethernet_input) == NULL) {
        return -1;
    }
    netif_set_default(&eth);
    netif_set_up(&eth);
    netif_set_link_up(&eth);
    return dhcp_start(&eth) == ERR_OK ? 0 : -1;
}

int gch_board_net_wait_lease(uint32_t timeout_ms)
{
    uint64_t end = gch_clock_ms() + timeout_ms;
    while (!dhcp_supplied_address(&eth)) {
        if (gch_clock_ms() >= end) {
            return 0;
        }
        gch_board_wdog_feed();
        gch_lwip_board_poll();
        __asm__ volatile("wfi");
    }
    return 1;
}

void gch_board_net_describe(char *out, size_t cap)
{
    char ip[IP4ADDR_STRLEN_MAX], gw[IP4ADDR_STRLEN_MAX], dns[IP4ADDR_STRLEN_MAX];
    unsigned bits = 0;
    for (uint32_t m = lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(&eth))); m & 0x80000000u; m <<= 1) {
        bits++;
    }
    ip4addr_ntoa_r(netif_ip4_addr(&eth), ip, sizeof ip);
    ip4addr_ntoa_r(netif_ip4_gw(&eth), gw, sizeof gw);
    ipaddr_ntoa_r(dns_getserver(0), dns, sizeof dns);
    snprintf(out, cap, "%s/%u gw %s dns %s", ip, bits, gw, dns);
}

void gch_board_net_bytes(uint64_t *in, uint64_t *out)
{
    gch_lan9118_bytes(in, out);
}

uint32_t gch_board_net_in_use(void)
{
    uint32_t used = 0;
    for (int i = 0; i < MEMP_MAX; i++) {
        const struct memp_desc *d = memp_pools[i];
        uint32_t free_count = 0;
        for (const struct memp *m = *d->tab; m != NULL; m = m->next) {
            free_count++;
        }
        used += d->num - free_count;
    }
    return used + (uint32_t)lwip_stats.mem.used;
}

void gch_lwip_board_poll(void)
{
    (void)gch_lan9118_poll(&eth);
    sys_check_timeouts();
}

/* lwIP's LWIP_RAND (initial sequence numbers, local ports, DNS ids): the strong source. */
unsigned long gch_board_rand32(void)
{
    uint32_t r = 0;
    (void)gch_entropy_fill((uint8_t *)&r, sizeof r);
    return r;
}

void gch_board_lwip_assert(const char *msg, const char *file, int line)
{
    char text[160];
    int n = snprintf(text, sizeof text, "gcheal: lwIP assertion: %s at %s:%d\n", msg, file, line);
    gch_board_console_write(text, n > 0 && (size_t)n < sizeof text ? (size_t)n : sizeof text - 1);
    gch_board_reset(GCH_RESET_FAULT);
}
