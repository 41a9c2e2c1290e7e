/*
 * gch_lan9118.h - polled driver for the SMSC LAN9118 Ethernet controller as
 * an lwIP netif (MPS2 AN386: base 0x40200000, interrupts unused).
 */
#ifndef GCH_LAN9118_H
#define GCH_LAN9118_H

#include "lwip/err.h"
#include "lwip/netif.h"

/* netif_add() init callback: resets the chip, reads or sets the MAC address,
 * enables TX and RX. netif->state must point to the base address (uintptr_t). */
err_t gch_lan9118_netif_init(struct netif *netif);

/* Hand every received frame to netif->input, as long as lwIP has a pbuf for it;
 * frames lwIP cannot take now stay in the chip's FIFO for the next poll.
 * Returns the number of frames delivered. */
int gch_lan9118_poll(struct netif *netif);

/* Frame bytes moved since boot (without the FCS), for the cost of a run. */
void gch_lan9118_bytes(uint64_t *in, uint64_t *out);

#endif
