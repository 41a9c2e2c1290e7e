/*
 * gch_platform.h (lwIP) - connection state for the lwIP raw TCP API (NO_SYS=1).
 *
 * Found on the include path instead of platform/posix/gch_platform.h when a board
 * builds on platform/lwip. It names lwIP types only by forward declaration, so
 * port/ and board code include it without lwIP's headers or the board's
 * lwipopts.h. Every field is owned by platform/lwip/gch_net_lwip.c; callers only
 * hold the struct (no allocation: lwIP's own pcb and pbufs come from its static
 * pools).
 */
#ifndef GCH_PLATFORM_H
#define GCH_PLATFORM_H

#include <stdint.h>

struct tcp_pcb;
struct pbuf;

/* Connection phases (gch_net_t.state). */
enum {
    GCH_LWIP_IDLE = 0,   /* never connected, or closed by us */
    GCH_LWIP_CONNECTING, /* SYN sent, waiting for the connected callback */
    GCH_LWIP_OPEN,       /* established */
    GCH_LWIP_PEER_CLOSED,/* the peer sent FIN: queued data can still be read */
    GCH_LWIP_FAILED      /* RST, abort or connect error: pcb already freed by lwIP */
};

struct gch_net {
    struct tcp_pcb *pcb;  /* NULL unless CONNECTING / OPEN / PEER_CLOSED */
    struct pbuf *rx;      /* received, not yet consumed (a pbuf chain, owned by us) */
    uint16_t rx_off;      /* bytes of rx's first pbuf already handed to the caller */
    uint8_t state;        /* GCH_LWIP_* */
    int8_t err;           /* lwIP err_t that ended the connection (FAILED) */
    char peer[24];        /* "a.b.c.d:port", for logs and tests */
};

#define GCH_NET_INIT { 0, 0, 0, 0, 0, "" }

#endif
