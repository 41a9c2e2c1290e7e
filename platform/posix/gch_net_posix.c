/*
 * gch_net_posix.c - the net part of the porting interface on BSD sockets.
 *
 * getaddrinfo (IPv4 and IPv6), non-blocking connect bounded by a deadline that
 * covers every address tried, and poll() deadlines on each send and receive.
 * Called by the TLS glue in port/ (and by plain-TCP tests).
 */
#define _POSIX_C_SOURCE 200809L
#include "gch_platform.h"
#include "gch_port.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <unistd.h>

static int remaining_ms(uint64_t deadline)
{
    uint64_t now = gch_clock_ms();
    if (now >= deadline) {
        return 0;
    }
    uint64_t left = deadline - now;
    return left > 0x7fffffff ? 0x7fffffff : (int)left;
}

/* Wait until fd is ready for `events` or the deadline passes; retries EINTR
 * unless the user asked to stop. Returns 1 ready, 0 timeout, -1 error. */
static int wait_fd(int fd, short events, uint64_t deadline)
{
    for (;;) {
        struct pollfd p = { .fd = fd, .events = events, .revents = 0 };
        int r = poll(&p, 1, remaining_ms(deadline));
        if (r > 0) {
            return 1;
        }
        if (r == 0) {
            return 0;
        }
        if (errno != EINTR || gch_port_cancelled()) {
            return -1;
        }
    }
}

static void remember_peer(gch_net_t *net, const struct sockaddr *sa)
{
    char host[48] = "";
    unsigned port;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        port = ntohs(in->sin_port);
        snprintf(net->peer, sizeof net->peer, "%s:%u", host, port);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        port = ntohs(in6->sin6_port);
        snprintf(net->peer, sizeof net->peer, "[%s]:%u", host, port);
    }
}

/* One non-blocking connect attempt; returns GCH_OK with the fd kept in net. */
static gch_status_t try_address(gch_net_t *net, const struct addrinfo *ai, uint64_t deadline)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
        return GCH_ERR_CONNECT;
    }
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        close(fd);
        return GCH_ERR_CONNECT;
    }
    gch_status_t st = GCH_OK;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno != EINPROGRESS) {
            st = GCH_ERR_CONNECT;
        } else {
            int w = wait_fd(fd, POLLOUT, deadline);
            int soerr = 0;
            socklen_t sl = sizeof soerr;
            if (w == 0) {
                st = GCH_ERR_TIMEOUT;
            } else if (w < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 || soerr != 0) {
                st = GCH_ERR_CONNECT;
            }
        }
    }
    if (st != GCH_OK) {
        close(fd);
        return st;
    }
    int one = 1;
    /* Requests are written as head then body: do not let Nagle hold the body back. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    net->fd = fd;
    remember_peer(net, ai->ai_addr);
    return GCH_OK;
}

gch_status_t gch_net_connect(gch_net_t *net, const char *host, uint16_t port, uint32_t timeout_ms)
{
    char service[8];
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV;
    snprintf(service, sizeof service, "%u", (unsigned)port);
    net->fd = -1;
    net->peer[0] = '\0';

    uint64_t deadline = gch_clock_ms() + timeout_ms;
    int gai = getaddrinfo(host, service, &hints, &res);
    if (gai != 0 && gai != EAI_SYSTEM) {
        /* AI_ADDRCONFIG hides ::1 on hosts with no global IPv6: retry without it. */
        hints.ai_flags = AI_NUMERICSERV;
        gai = getaddrinfo(host, service, &hints, &res);
    }
    if (gai != 0 || res == NULL) {
        return GCH_ERR_DNS;
    }
    gch_status_t st = GCH_ERR_CONNECT;
    for (const struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
        st = try_address(net, ai, deadline);
        if (st == GCH_OK || st == GCH_ERR_TIMEOUT) {
            break;
        }
    }
    freeaddrinfo(res);
    return st;
}

gch_io_t gch_net_send(gch_net_t *net, const uint8_t *buf, size_t len, uint32_t timeout_ms, size_t *moved)
{
    uint64_t deadline = gch_clock_ms() + timeout_ms;
    *moved = 0;
    if (net->fd < 0) {
        return GCH_IO_ERROR;
    }
    for (;;) {
        ssize_t n = send(net->fd, buf, len, MSG_NOSIGNAL);
        if (n > 0) {
            *moved = (size_t)n;
            return GCH_IO_DATA;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            return GCH_IO_ERROR;
        }
        int w = wait_fd(net->fd, POLLOUT, deadline);
        if (w == 0) {
            return GCH_IO_TIMEOUT;
        }
        if (w < 0) {
            return GCH_IO_ERROR;
        }
    }
}

gch_io_t gch_net_recv(gch_net_t *net, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *moved)
{
    uint64_t deadline = gch_clock_ms() + timeout_ms;
    *moved = 0;
    if (net->fd < 0) {
        return GCH_IO_ERROR;
    }
    for (;;) {
#ifdef TCP_QUICKACK
        /* ACK at once, every time (Linux leaves quick-ACK mode on its own): a proxy
         * that relays an answer in two segments without TCP_NODELAY (tinyproxy)
         * otherwise holds the second until our delayed ACK, 40 ms an answer. */
        int one = 1;
        (void)setsockopt(net->fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#endif
        ssize_t n = recv(net->fd, buf, cap, 0);
        if (n > 0) {
            *moved = (size_t)n;
            return GCH_IO_DATA;
        }
        if (n == 0) {
            return GCH_IO_CLOSED;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            return GCH_IO_ERROR;
        }
        int w = wait_fd(net->fd, POLLIN, deadline);
        if (w == 0) {
            return GCH_IO_TIMEOUT;
        }
        if (w < 0) {
            return GCH_IO_ERROR;
        }
    }
}

void gch_net_init(gch_net_t *net)
{
    net->fd = -1;
    net->peer[0] = '\0';
}

int gch_net_is_open(const gch_net_t *net)
{
    return net->fd >= 0;
}

void gch_net_close(gch_net_t *net)
{
    if (net->fd >= 0) {
        close(net->fd);
    }
    net->fd = -1;
}

void gch_net_peer(const gch_net_t *net, char *out, size_t cap)
{
    if (cap > 0) {
        snprintf(out, cap, "%s", net->peer);
    }
}
