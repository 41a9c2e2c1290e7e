/*
 * gch_proxy.c - CONNECT tunnels for the TLS connector (see gch_proxy.h).
 *
 * One deadline covers a whole dial: connect to the proxy, send CONNECT, read
 * the answer's head. The request holds the proxy credentials, so its buffer is
 * wiped as soon as it is sent (and on every failure before that).
 */
#include "gch_proxy.h"

#include <string.h>

#include "base/gch_buf.h"
#include "base/gch_wipe.h"
#include "http/gch_no_proxy.h"

gch_status_t gch_proxy_init(gch_proxy_t *p, const char *host, uint16_t port, const char *user, const char *password,
                            const char *no_proxy)
{
    memset(p, 0, sizeof *p);
    size_t n = host != NULL ? strlen(host) : 0;
    if (n == 0 || n >= sizeof p->host || port == 0) {
        return GCH_ERR_ARG;
    }
    memcpy(p->host, host, n + 1u);
    p->port = port;
    p->no_proxy = no_proxy;
    if (user != NULL) {
        const char *pw = password != NULL ? password : "";
        gch_buf_t b;
        gch_buf_init(&b, p->authorization, sizeof p->authorization - 1u);
        gch_status_t st = gch_http_basic_credentials(&b, user, strlen(user), pw, strlen(pw));
        if (st != GCH_OK) {
            gch_proxy_wipe(p);
            return st;
        }
        p->authorization_len = b.len;
        p->authorization[b.len] = '\0';
    }
    return GCH_OK;
}

void gch_proxy_wipe(gch_proxy_t *p)
{
    gch_wipe(p->authorization, sizeof p->authorization);
    gch_wipe(p->answer.head, sizeof p->answer.head);
    p->authorization_len = 0;
}

static uint32_t left_ms(uint64_t deadline)
{
    uint64_t now = gch_clock_ms();
    if (now >= deadline) {
        return 0;
    }
    return deadline - now > 0xffffffffu ? 0xffffffffu : (uint32_t)(deadline - now);
}

/* "host:port", "[v6]:port": how a host is named in messages. */
static void append_host_port(gch_buf_t *b, const char *host, uint16_t port)
{
    char num[21];
    bool v6 = strchr(host, ':') != NULL;
    gch_buf_append_str(b, v6 ? "[" : "");
    gch_buf_append_str(b, host);
    gch_buf_append_str(b, v6 ? "]:" : ":");
    gch_buf_append_str(b, gch_u64_text(port, num));
}

static gch_status_t send_all(gch_proxy_t *p, gch_net_t *net, const uint8_t *buf, size_t len, uint64_t deadline)
{
    for (size_t done = 0; done < len;) {
        size_t moved = 0;
        gch_io_t io = gch_net_send(net, buf + done, len - done, left_ms(deadline), &moved);
        if (io == GCH_IO_TIMEOUT) {
            return GCH_ERR_TIMEOUT;
        }
        if (io != GCH_IO_DATA) {
            return GCH_ERR_NET;
        }
        done += moved;
        p->connect_bytes += moved;
    }
    return GCH_OK;
}

static gch_status_t send_connect(gch_proxy_t *p, gch_net_t *net, const char *host, uint16_t port, uint64_t deadline)
{
    gch_buf_t b;
    gch_buf_init(&b, p->answer.head, sizeof p->answer.head); /* free until the answer comes */
    gch_http_connect_t req = { host, strlen(host), port, p->authorization_len > 0 ? p->authorization : NULL,
                               p->authorization_len };
    gch_status_t st = gch_http_connect_write(&req, &b);
    if (st == GCH_OK) {
        st = send_all(p, net, (const uint8_t *)b.data, b.len, deadline);
    }
    gch_wipe(b.data, b.len); /* it held the credentials */
    return st;
}

/* Reads the answer's head; GCH_OK once a 2xx head is in and nothing after it. */
static gch_status_t read_answer(gch_proxy_t *p, gch_net_t *net, uint64_t deadline, size_t *extra)
{
    gch_http_connect_reader_init(&p->answer);
    for (;;) {
        size_t moved = 0, used = 0;
        bool done = false;
        gch_io_t io = gch_net_recv(net, p->rx, sizeof p->rx, left_ms(deadline), &moved);
        if (io == GCH_IO_TIMEOUT) {
            return GCH_ERR_TIMEOUT;
        }
        if (io == GCH_IO_CLOSED) {
            return gch_http_connect_feed_eof(&p->answer);
        }
        if (io != GCH_IO_DATA) {
            return GCH_ERR_NET;
        }
        p->connect_bytes += moved;
        gch_status_t st = gch_http_connect_feed(&p->answer, p->rx, moved, &used, &done);
        if (st != GCH_OK || done) {
            *extra = moved - used;
            return (st == GCH_OK && *extra > 0) ? GCH_ERR_HTTP_UNEXPECTED_DATA : st;
        }
    }
}

/* p->why: one line on what went wrong, never a credential, cut to fit. reached:
 * the TCP connection to the proxy was made. Written in place (no copies on the
 * stack: this runs under the API layer's exchange). */
GCH_NOINLINE static void explain(gch_proxy_t *p, gch_status_t st, bool reached, const char *host, uint16_t port,
                                 size_t extra)
{
    gch_buf_t b;
    char num[21];
    gch_buf_init(&b, p->why, sizeof p->why - 1u);
    gch_buf_append_str(&b, reached ? "the proxy " : "cannot reach the proxy ");
    append_host_port(&b, p->host, p->port);
    if (!reached) {
        /* nothing to add */
    } else if (st == GCH_ERR_PROXY || st == GCH_ERR_PROXY_AUTH || st == GCH_ERR_HTTP_UNEXPECTED_DATA) {
        if (st == GCH_ERR_HTTP_UNEXPECTED_DATA) {
            gch_buf_append_str(&b, " sent ");
            gch_buf_append_str(&b, gch_u64_text(extra, num));
            gch_buf_append_str(&b, " bytes after \"");
        } else {
            gch_buf_append_str(&b, " answered CONNECT ");
            append_host_port(&b, host, port);
            gch_buf_append_str(&b, " with \"");
        }
        if (!b.overflow) {
            gch_http_connect_status_line(&p->answer, p->why + b.len, sizeof p->why - 1u - b.len);
            b.len += strlen(p->why + b.len);
        }
        gch_buf_append_str(&b, "\"");
        gch_buf_append_str(&b, st == GCH_ERR_HTTP_UNEXPECTED_DATA ? ", before the TLS handshake"
                               : st == GCH_ERR_PROXY              ? ""
                               : p->authorization_len > 0         ? " (credentials refused)"
                                                                  : " (it wants credentials)");
    } else if (gch_status_is_alert(st)) {
        gch_buf_append_str(&b, " answered CONNECT with a malformed head");
    } else if (st == GCH_ERR_TIMEOUT) {
        gch_buf_append_str(&b, " did not answer CONNECT in time");
    } else {
        gch_buf_append_str(&b, " dropped the connection before answering CONNECT");
    }
    p->why[b.len] = '\0';
}

gch_status_t gch_proxy_dial(gch_proxy_t *p, gch_net_t *net, const char *host, uint16_t port, uint32_t timeout_ms)
{
    uint64_t deadline = gch_clock_ms() + timeout_ms;
    size_t host_len = strlen(host);
    p->why[0] = '\0';
    if (p->no_proxy != NULL && gch_no_proxy_match(p->no_proxy, strlen(p->no_proxy), host, host_len, port)) {
        p->direct++;
        return gch_net_connect(net, host, port, timeout_ms);
    }
    gch_http_connect_reader_init(&p->answer);
    size_t extra = 0;
    gch_status_t st = gch_net_connect(net, p->host, p->port, timeout_ms);
    bool reached = st == GCH_OK;
    if (st == GCH_OK) {
        st = send_connect(p, net, host, port, deadline);
    }
    if (st == GCH_OK) {
        st = read_answer(p, net, deadline, &extra);
    }
    if (st != GCH_OK) {
        gch_net_close(net);
        explain(p, st, reached, host, port, extra);
        return st;
    }
    p->tunnels++;
    gch_buf_t b;
    gch_buf_init(&b, p->why, sizeof p->why - 1u);
    gch_buf_append_str(&b, "through the proxy ");
    append_host_port(&b, p->host, p->port);
    p->why[b.len] = '\0';
    return GCH_OK;
}

static gch_status_t dial(void *ctx, gch_net_t *net, const char *host, uint16_t port, uint32_t timeout_ms,
                         const char **note)
{
    gch_proxy_t *p = ctx;
    gch_status_t st = gch_proxy_dial(p, net, host, port, timeout_ms);
    *note = p->why[0] != '\0' ? p->why : NULL;
    return st;
}

gch_tls_dialer_t gch_proxy_dialer(gch_proxy_t *p)
{
    gch_tls_dialer_t d = { p, dial };
    return d;
}
