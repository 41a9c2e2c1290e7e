/*
 * gch_tapif.h - an lwIP netif over a Linux TAP device (/dev/net/tun, IFF_TAP |
 * IFF_NO_PI): each read() is one Ethernet frame from the kernel side of the link,
 * each write() one frame to it. Written for the linux-lwip board.
 */
#ifndef GCH_TAPIF_H
#define GCH_TAPIF_H

#include <stdint.h>

#include "lwip/netif.h"

typedef struct gch_tapif {
    int fd;                 /* the TAP file descriptor, non-blocking; -1 when closed */
    char name[16];          /* interface name (IFNAMSIZ) */
    uint8_t mac[6];         /* lwIP's side of the link */
    uint32_t rx_frames, tx_frames, rx_dropped; /* frames lwIP had no pbuf for */
} gch_tapif_t;

/* Attach to TAP interface `name` (created beforehand, e.g. `ip tuntap add NAME
 * mode tap`, or created now when we may). 0, or -1 with a message on stderr. */
int gch_tapif_open(gch_tapif_t *tap, const char *name, const uint8_t mac[6]);

/* netif_add() init function; the netif's state must be the gch_tapif_t. */
err_t gch_tapif_netif_init(struct netif *netif);

/* Wait up to wait_ms for a frame, then hand every waiting frame to netif->input.
 * Returns the number of frames passed to lwIP. */
int gch_tapif_poll(struct netif *netif, int wait_ms);

void gch_tapif_close(gch_tapif_t *tap);

#endif
