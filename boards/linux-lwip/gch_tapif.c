/*
 * gch_tapif.c - lwIP netif driver for a Linux TAP device (see gch_tapif.h).
 *
 * The kernel side of the TAP link is a normal interface with its own address;
 * lwIP's side is this driver. Frames are copied between one static frame
 * buffer and lwIP's pool pbufs: no heap. A frame that finds the pbuf pool
 * empty is dropped and counted (TCP resends it), exactly like a MAC whose DMA
 * ring ran out of buffers.
 */
#define _DEFAULT_SOURCE
#include "gch_tapif.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "lwip/stats.h"
#include "netif/ethernet.h"

#define FRAME_MAX 1536u /* 1514-byte Ethernet frame (no FCS) with room to spare */

static uint8_t frame[FRAME_MAX];

int gch_tapif_open(gch_tapif_t *tap, const char *name, const uint8_t mac[6])
{
    memset(tap, 0, sizeof *tap);
    tap->fd = -1;
    if (strlen(name) >= sizeof tap->name) {
        fprintf(stderr, "gcheal-lwip: TAP name %s is too long\n", name);
        return -1;
    }
    strcpy(tap->name, name);
    memcpy(tap->mac, mac, 6);
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "gcheal-lwip: cannot open /dev/net/tun: %s\n", strerror(errno));
        return -1;
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI; /* raw Ethernet frames, no packet-info prefix */
    memcpy(ifr.ifr_name, tap->name, strlen(tap->name));
    if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
        fprintf(stderr, "gcheal-lwip: cannot attach to TAP device %s: %s\n", name, strerror(errno));
        close(fd);
        return -1;
    }
    tap->fd = fd;
    return 0;
}

void gch_tapif_close(gch_tapif_t *tap)
{
    if (tap->fd >= 0) {
        close(tap->fd);
    }
    tap->fd = -1;
}

/* lwIP -> kernel: one frame per write(). */
static err_t tap_linkoutput(struct netif *netif, struct pbuf *p)
{
    gch_tapif_t *tap = netif->state;
    if (p->tot_len > FRAME_MAX) {
        return ERR_BUF;
    }
    u16_t n = pbuf_copy_partial(p, frame, p->tot_len, 0);
    ssize_t w;
    do {
        w = write(tap->fd, frame, n);
    } while (w < 0 && errno == EINTR);
    if (w != (ssize_t)n) {
        LINK_STATS_INC(link.err);
        return ERR_IF; /* the kernel queue is full: TCP will resend */
    }
    tap->tx_frames++;
    LINK_STATS_INC(link.xmit);
    return ERR_OK;
}

err_t gch_tapif_netif_init(struct netif *netif)
{
    gch_tapif_t *tap = netif->state;
    netif->name[0] = 't';
    netif->name[1] = 'p';
    netif->output = etharp_output;
    netif->linkoutput = tap_linkoutput;
    netif->mtu = 1500;
    netif->hwaddr_len = ETH_HWADDR_LEN;
    memcpy(netif->hwaddr, tap->mac, ETH_HWADDR_LEN);
    netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
    return ERR_OK;
}

/* kernel -> lwIP: one frame into a pool pbuf (chain), then the netif's input. */
static void deliver(struct netif *netif, gch_tapif_t *tap, size_t len)
{
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
    if (p == NULL) {
        tap->rx_dropped++;
        LINK_STATS_INC(link.memerr);
        LINK_STATS_INC(link.drop);
        return;
    }
    (void)pbuf_take(p, frame, (u16_t)len);
    tap->rx_frames++;
    LINK_STATS_INC(link.recv);
    if (netif->input(p, netif) != ERR_OK) {
        pbuf_free(p);
    }
}

int gch_tapif_poll(struct netif *netif, int wait_ms)
{
    gch_tapif_t *tap = netif->state;
    struct pollfd pfd = { .fd = tap->fd, .events = POLLIN, .revents = 0 };
    if (poll(&pfd, 1, wait_ms) <= 0) {
        return 0; /* nothing, or a signal: the caller's loop looks again */
    }
    int frames = 0;
    for (;;) {
        ssize_t n = read(tap->fd, frame, sizeof frame);
        if (n <= 0) {
            break; /* EAGAIN: drained */
        }
        if ((size_t)n < 14u) {
            continue; /* shorter than an Ethernet header */
        }
        deliver(netif, tap, (size_t)n);
        frames++;
    }
    return frames;
}
