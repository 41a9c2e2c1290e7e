/*
 * gch_lwip_board.c - the linux-lwip board: gcheal's CLI (boards/linux/gcheal_*.c)
 * on lwIP's own TCP/IP stack over a TAP device instead of the kernel's sockets.
 *
 * It owns lwIP's life cycle, as a firmware board would: lwip_init(), one netif
 * with a static IPv4 address, the poll function platform/lwip loops on, and at
 * exit lwIP's TCP counters and pool high-water marks on stderr. It plugs into
 * the CLI through the two board hooks of boards/linux/gcheal_board.h.
 *
 * Configuration (environment; the CLI's own flags stay those of boards/linux):
 *   GCH_LWIP_IP    lwIP's address on the TAP link (required), e.g. 10.203.0.2
 *   GCH_LWIP_MASK  netmask, default 255.255.255.0
 *   GCH_LWIP_GW    gateway, default none (the link only)
 *   GCH_LWIP_DNS   DNS server for host names, default none (numeric hosts only)
 *   GCH_LWIP_TAP   TAP interface, default gchtap0
 *   GCH_LWIP_MAC   lwIP's MAC, default 02:67:63:68:00:02 (locally administered)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/dns.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#include "gch_lwip_board.h"
#include "gch_port.h"
#include "gch_lwip_stats.h"
#include "gch_tapif.h"
#include "gcheal_board.h"

#define POLL_WAIT_MAX_MS 10u /* bounds how late a deadline is noticed */
#define FLUSH_MS 500u        /* at exit: time for our last FINs to be acknowledged */

static gch_tapif_t tap;
static struct netif netif;
static int up;

void gch_lwip_board_poll(void)
{
    if (!up) {
        return;
    }
    u32_t next = sys_timeouts_sleeptime();
    int wait = (int)(next < POLL_WAIT_MAX_MS ? next : POLL_WAIT_MAX_MS);
    (void)gch_tapif_poll(&netif, wait);
    sys_check_timeouts();
}

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v != NULL && v[0] != '\0' ? v : dflt;
}

static int parse_ip(const char *name, const char *text, ip4_addr_t *out)
{
    if (!ip4addr_aton(text, out)) {
        fprintf(stderr, "gcheal-lwip: %s=%s is not an IPv4 address\n", name, text);
        return -1;
    }
    return 0;
}

static int parse_mac(const char *text, uint8_t mac[6])
{
    unsigned v[6];
    char end;
    if (sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &end) != 6) {
        fprintf(stderr, "gcheal-lwip: GCH_LWIP_MAC=%s is not a MAC address\n", text);
        return -1;
    }
    for (int i = 0; i < 6; i++) {
        mac[i] = (uint8_t)v[i];
    }
    return 0;
}

int gcheal_board_start(void)
{
    const char *ip_text = getenv("GCH_LWIP_IP");
    ip4_addr_t ip, mask, gw, dns;
    uint8_t mac[6];
    if (ip_text == NULL || ip_text[0] == '\0') {
        fprintf(stderr, "gcheal-lwip: set GCH_LWIP_IP to lwIP's address on the TAP link "
                        "(and GCH_LWIP_MASK, GCH_LWIP_GW, GCH_LWIP_TAP as needed)\n");
        return 2;
    }
    const char *dns_text = env_or("GCH_LWIP_DNS", NULL);
    if (parse_ip("GCH_LWIP_IP", ip_text, &ip) != 0 ||
        parse_ip("GCH_LWIP_MASK", env_or("GCH_LWIP_MASK", "255.255.255.0"), &mask) != 0 ||
        parse_ip("GCH_LWIP_GW", env_or("GCH_LWIP_GW", "0.0.0.0"), &gw) != 0 ||
        (dns_text != NULL && parse_ip("GCH_LWIP_DNS", dns_text, &dns) != 0) ||
        parse_mac(env_or("GCH_LWIP_MAC", "02:67:63:68:00:02"), mac) != 0) {
        return 2;
    }
    if (gch_tapif_open(&tap, env_or("GCH_LWIP_TAP", "gchtap0"), mac) != 0) {
        return 2;
    }
    lwip_init();
    if (netif_add(&netif, &ip, &mask, &gw, &tap, gch_tapif_netif_init, ethernet_input) == NULL) {
        fprintf(stderr, "gcheal-lwip: netif_add failed\n");
        gch_tapif_close(&tap);
        return 2;
    }
    netif_set_default(&netif);
    netif_set_link_up(&netif);
    netif_set_up(&netif); /* also announces the address (gratuitous ARP) */
    if (dns_text != NULL) {
        ip_addr_t server;
        ip_addr_copy_from_ip4(server, dns);
        dns_setserver(0, &server);
    }
    up = 1;
    return 0;
}

void gcheal_board_finish(void)
{
    if (!up) {
        return;
    }
    /* The CLI has closed its connections; their close_notify and FIN are still
     * queued in lwIP. Let them out (TIME_WAIT needs nothing more from us). */
    uint64_t until = gch_clock_ms() + FLUSH_MS;
    while (tcp_active_pcbs != NULL && gch_clock_ms() < until) {
        gch_lwip_board_poll();
    }
    gch_lwip_stats_print(stderr, &tap);
    up = 0;
    gch_tapif_close(&tap);
}
