/*
 * gch_net_lwip.c - the net part of the porting interface on lwIP's raw TCP API
 * (NO_SYS=1): the same code for a TAP device on a host and an Ethernet MAC on a
 * microcontroller.
 *
 * lwIP calls us back (connected, recv, err) from inside the board's poll
 * function; the blocking calls below just loop on gch_lwip_board_poll() until
 * their callback changed the state or the deadline passed. Received pbufs are
 * queued on the connection as they arrive and handed out on demand; the window
 * is reopened (tcp_recved) only for pbufs the caller has consumed, so a slow
 * reader throttles the peer instead of exhausting the pbuf pool. Called by the
 * TLS glue in port/.
 */
#include <stdio.h>
#include <string.h>

#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"

#include "gch_lwip_board.h"
#include "gch_lwip_internal.h"
#include "gch_platform.h"
#include "gch_port.h"

/* ---- lwIP callbacks: they only record what happened ---- */

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    gch_net_t *net = arg;
    (void)pcb;
    if (net != NULL) {
        net->state = err == ERR_OK ? GCH_LWIP_OPEN : GCH_LWIP_FAILED;
        net->err = (int8_t)err;
    }
    return ERR_OK;
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    gch_net_t *net = arg;
    (void)pcb;
    if (p == NULL) {
        net->state = GCH_LWIP_PEER_CLOSED; /* FIN: what is queued can still be read */
        return ERR_OK;
    }
    if (err != ERR_OK) {
        pbuf_free(p);
        return ERR_OK;
    }
    if (net->rx == NULL) {
        net->rx = p;
        net->rx_off = 0;
    } else {
        pbuf_cat(net->rx, p); /* ours now; the window stays closed until consumed */
    }
    return ERR_OK;
}

/* RST, abort or a failed connect: lwIP has already freed the pcb. */
static void on_err(void *arg, err_t err)
{
    gch_net_t *net = arg;
    if (net != NULL) {
        net->pcb = NULL;
        net->state = GCH_LWIP_FAILED;
        net->err = (int8_t)err;
    }
}

/* Stop lwIP from calling us about this pcb (before close or abort). */
static void detach(struct tcp_pcb *pcb)
{
    tcp_arg(pcb, NULL);
    tcp_recv(pcb, NULL); /* lwIP's default then acknowledges and drops late data */
    tcp_err(pcb, NULL);
}

static void free_rx(gch_net_t *net)
{
    if (net->rx != NULL) {
        pbuf_free(net->rx);
    }
    net->rx = NULL;
    net->rx_off = 0;
}

/* ---- connect ---- */

static void remember_peer(gch_net_t *net, const ip_addr_t *addr, uint16_t port)
{
    char host[IP4ADDR_STRLEN_MAX];
    if (ipaddr_ntoa_r(addr, host, (int)sizeof host) == NULL) {
        host[0] = '\0';
    }
    snprintf(net->peer, sizeof net->peer, "%s:%u", host, (unsigned)port);
}

void gch_net_init(gch_net_t *net)
{
    memset(net, 0, sizeof *net);
    net->state = GCH_LWIP_IDLE;
}

gch_status_t gch_net_connect(gch_net_t *net, const char *host, uint16_t port, uint32_t timeout_ms)
{
    uint64_t deadline = gch_clock_ms() + timeout_ms;
    ip_addr_t addr;
    gch_net_init(net);
    gch_status_t st = gch_lwip_resolve(host, &addr, deadline);
    if (st != GCH_OK) {
        return st;
    }
    struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
    if (pcb == NULL) {
        return GCH_ERR_CONNECT; /* MEMP_NUM_TCP_PCB exhausted */
    }
    net->pcb = pcb;
    net->state = GCH_LWIP_CONNECTING;
    tcp_arg(pcb, net);
    tcp_recv(pcb, on_recv);
    tcp_err(pcb, on_err);
    /* Requests go out as head then body: do not let Nagle hold the body back. */
    tcp_nagle_disable(pcb);
    if (tcp_connect(pcb, &addr, port, on_connected) != ERR_OK) {
        detach(pcb);
        tcp_abort(pcb);
        gch_net_init(net);
        return GCH_ERR_CONNECT;
    }
    while (net->state == GCH_LWIP_CONNECTING) {
        if (gch_lwip_expired(deadline) || gch_port_cancelled()) {
            gch_net_close(net);
            return GCH_ERR_TIMEOUT;
        }
        gch_lwip_board_poll();
    }
    if (net->state != GCH_LWIP_OPEN) {
        gch_net_close(net);
        return GCH_ERR_CONNECT; /* refused (RST) or unreachable */
    }
    remember_peer(net, &addr, port);
    return GCH_OK;
}

/* ---- send ---- */

gch_io_t gch_net_send(gch_net_t *net, const uint8_t *buf, size_t len, uint32_t timeout_ms, size_t *moved)
{
    uint64_t deadline = gch_clock_ms() + timeout_ms;
    *moved = 0;
    for (;;) {
        if (net->state != GCH_LWIP_OPEN && net->state != GCH_LWIP_PEER_CLOSED) {
            return GCH_IO_ERROR; /* failed, or never connected */
        }
        /* Room in the send buffer and in the segment queue (tcp_write says ERR_MEM). */
        size_t room = tcp_sndbuf(net->pcb);
        if (room > 0 && len > 0) {
            uint16_t n = (uint16_t)(len < room ? len : room);
            err_t e = tcp_write(net->pcb, buf, n, TCP_WRITE_FLAG_COPY);
            if (e == ERR_OK) {
                (void)tcp_output(net->pcb);
                *moved = n;
                return GCH_IO_DATA;
            }
            if (e != ERR_MEM) {
                return GCH_IO_ERROR;
            }
        }
        if (gch_lwip_expired(deadline) || gch_port_cancelled()) {
            return GCH_IO_TIMEOUT;
        }
        gch_lwip_board_poll(); /* ACKs free room */
    }
}

/* ---- receive ---- */

/* Copy up to cap queued bytes out; free (and only then acknowledge) every pbuf
 * that was used up. */
static size_t take_rx(gch_net_t *net, uint8_t *buf, size_t cap)
{
    size_t got = 0;
    while (net->rx != NULL && got < cap) {
        struct pbuf *p = net->rx;
        size_t left = (size_t)p->len - net->rx_off;
        size_t n = cap - got < left ? cap - got : left;
        memcpy(buf + got, (const uint8_t *)p->payload + net->rx_off, n);
        got += n;
        net->rx_off = (uint16_t)(net->rx_off + n);
        if (net->rx_off == p->len) {
            struct pbuf *rest = p->next; /* pbuf_cat left its reference with us */
            u16_t done = p->len;
            p->next = NULL;
            p->tot_len = p->len;
            pbuf_free(p);
            net->rx = rest;
            net->rx_off = 0;
            if (net->pcb != NULL) {
                tcp_recved(net->pcb, done);
            }
        }
    }
    return got;
}

gch_io_t gch_net_recv(gch_net_t *net, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *moved)
{
    uint64_t deadline = gch_clock_ms() + timeout_ms;
    *moved = 0;
    if (net->state == GCH_LWIP_IDLE) {
        return GCH_IO_ERROR;
    }
    for (;;) {
        if (net->rx != NULL && cap > 0) {
            *moved = take_rx(net, buf, cap);
            return GCH_IO_DATA;
        }
        if (net->state == GCH_LWIP_PEER_CLOSED) {
            return GCH_IO_CLOSED;
        }
        if (net->state == GCH_LWIP_FAILED) {
            return GCH_IO_ERROR;
        }
        if (gch_lwip_expired(deadline) || gch_port_cancelled()) {
            return GCH_IO_TIMEOUT;
        }
        gch_lwip_board_poll();
    }
}

/* ---- close ---- */

int gch_net_is_open(const gch_net_t *net)
{
    return net->state != GCH_LWIP_IDLE;
}

void gch_net_close(gch_net_t *net)
{
    struct tcp_pcb *pcb = net->pcb;
    if (pcb != NULL) {
        /* lwIP answers a close with unread data by a RST: what we drop here was
         * received in order, so count it read and close with a FIN. */
        if (net->rx != NULL && net->state != GCH_LWIP_CONNECTING) {
            tcp_recved(pcb, (u16_t)(net->rx->tot_len - net->rx_off));
        }
        detach(pcb);
        /* An orderly FIN after whatever is still queued; if lwIP has no memory
         * for it, a RST still frees the pcb. */
        if (net->state == GCH_LWIP_CONNECTING || tcp_close(pcb) != ERR_OK) {
            tcp_abort(pcb);
        }
    }
    free_rx(net);
    net->pcb = NULL;
    net->state = GCH_LWIP_IDLE;
}

void gch_net_peer(const gch_net_t *net, char *out, size_t cap)
{
    if (cap > 0) {
        snprintf(out, cap, "%s", net->peer);
    }
}
