/*
 * gch_board_net.c - lwIP's life cycle on MPS2 AN386: lwip_init, the LAN9118
 * netif with QEMU user networking's static addresses, and the poll function
 * platform/lwip runs while it waits (frames in, then lwIP's timers).
 */
#include <stdint.h>

#include "gch_board.h"
#include "gch_lan9118.h"
#include "gch_lwip_board.h"
#include "gch_port.h"
#include "gch_semihost.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

static struct netif eth;

int gch_board_net_init(void)
{
    ip4_addr_t ip, mask, gw;
    IP4_ADDR(&ip, 10, 0, 2, 15);   /* QEMU -nic user: the guest's address ... */
    IP4_ADDR(&mask, 255, 255, 255, 0);
    IP4_ADDR(&gw, 10, 0, 2, 2);    /* ... and the host, which is also the gateway */
    lwip_init();
    if (netif_add(&eth, &ip, &mask, &gw, (void *)(uintptr_t)GCH_BOARD_LAN9118_BASE,
                  gch_lan9118_netif_init, ethernet_input) == NULL) {
        return -1;
    }
    netif_set_default(&eth);
    netif_set_up(&eth);
    netif_set_link_up(&eth);
    return 0;
}

void gch_lwip_board_poll(void)
{
    (void)gch_lan9118_poll(&eth);
    sys_check_timeouts();
}

/* lwIP's LWIP_RAND (initial sequence numbers, local ports): the strong source. */
unsigned long gch_board_rand32(void)
{
    uint32_t r = 0;
    (void)gch_entropy_fill((uint8_t *)&r, sizeof r);
    return r;
}

void gch_board_lwip_assert(const char *msg, const char *file, int line)
{
    char num[12];
    int i = (int)sizeof num;
    unsigned v = (unsigned)line;
    num[--i] = '\n';
    do {
        num[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0 && i > 0);
    gch_semihost_write(2, "gcheal: lwIP assertion: ", 24);
    gch_semihost_write(2, msg, __builtin_strlen(msg));
    gch_semihost_write(2, " at ", 4);
    gch_semihost_write(2, file, __builtin_strlen(file));
    gch_semihost_write(2, ":", 1);
    gch_semihost_write(2, num + i, sizeof num - (size_t)i);
    gch_semihost_exit(GCH_BOARD_EXIT_FAULT);
}
