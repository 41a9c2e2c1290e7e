/*
 * gch_http_client.c - drives the HTTP parser from a transport through the
 * caller's receive window. Used by the Genesys API layer and by gch-get.
 */
#include "gch_http_client.h"

#include <string.h>

#include "base/gch_buf.h"
#include "gch_port.h"

gch_status_t gch_http_client_init(gch_http_client_t *c, const gch_http_client_config_t *cfg)
{
    memset(c, 0, sizeof *c);
    if (cfg->rx == NULL || cfg->rx_cap == 0 || cfg->head_out == NULL || cfg->head_out_cap == 0) {
        return GCH_ERR_ARG;
    }
    c->cfg = *cfg;
    gch_http_parser_config_t pc = { cfg->head_in, cfg->head_in_cap, cfg->headers, cfg->max_headers, 0, 0 };
    c->broken = true; /* nothing attached yet */
    return gch_http_parser_init(&c->parser, &pc);
}

void gch_http_client_attach(gch_http_client_t *c, gch_transport_t tr)
{
    c->tr = tr;
    c->rx_off = c->rx_len = 0;
    c->in_body = c->done = c->broken = false;
}

/* Time left for one I/O call: the smaller of the per-call and exchange deadlines. */
static uint32_t io_budget(const gch_http_client_t *c)
{
    uint64_t now = gch_clock_ms();
    if (now >= c->deadline_ms) {
        return 0;
    }
    uint64_t left = c->deadline_ms - now;
    return left < c->cfg.io_timeout_ms ? (uint32_t)left : c->cfg.io_timeout_ms;
}

static gch_status_t io_status(gch_io_t io)
{
    switch (io) {
    case GCH_IO_TIMEOUT: return GCH_ERR_TIMEOUT;
    case GCH_IO_CLOSED: return GCH_ERR_CLOSED;
    default: return GCH_ERR_NET;
    }
}

static gch_status_t send_all(gch_http_client_t *c, const uint8_t *p, size_t len)
{
    while (len > 0) {
        size_t moved = 0;
        gch_io_t io = c->tr.send(c->tr.ctx, p, len, io_budget(c), &moved);
        if (io != GCH_IO_DATA) {
            c->broken = true;
            return io_status(io);
        }
        p += moved;
        len -= moved;
    }
    return GCH_OK;
}

gch_status_t gch_http_send_head(gch_http_client_t *c, const gch_http_request_t *req)
{
    if (c->broken) {
        return GCH_ERR_STATE;
    }
    gch_buf_t b;
    gch_buf_init(&b, c->cfg.head_out, c->cfg.head_out_cap);
    gch_status_t st = gch_http_request_write(req, &b);
    if (st != GCH_OK) {
        return st;
    }
    if (c->rx_len != 0) {
        /* The server sent bytes nobody asked for: the stream is out of sync. */
        c->broken = true;
        return GCH_ERR_HTTP_UNEXPECTED_DATA;
    }
    c->deadline_ms = gch_clock_ms() + c->cfg.request_timeout_ms;
    c->in_body = c->done = false;
    gch_http_parser_reset(&c->parser, strcmp(req->method, "HEAD") == 0);
    return send_all(c, (const uint8_t *)b.data, b.len);
}

gch_status_t gch_http_send_body(gch_http_client_t *c, const void *data, size_t len)
{
    return c->broken ? GCH_ERR_STATE : send_all(c, data, len);
}

/* Receive more bytes into the window (only when it is empty). */
static gch_status_t fill(gch_http_client_t *c, gch_http_event_t *ev)
{
    size_t moved = 0;
    gch_io_t io = c->tr.recv(c->tr.ctx, c->cfg.rx, c->cfg.rx_cap, io_budget(c), &moved);
    if (io == GCH_IO_DATA) {
        c->rx_off = 0;
        c->rx_len = moved;
        return GCH_OK;
    }
    c->broken = true;
    if (io == GCH_IO_CLOSED) {
        if (gch_http_parser_idle(&c->parser)) {
            return GCH_ERR_CLOSED; /* closed before answering: a stale kept-alive connection */
        }
        return gch_http_parser_feed_eof(&c->parser, ev);
    }
    return io_status(io);
}

/* Run the parser until it reports an event other than NEED_MORE. */
static gch_status_t next_event(gch_http_client_t *c, gch_http_event_t *ev)
{
    bool may_fill = false; /* first let the parser report what it already knows (e.g. DONE) */
    for (;;) {
        if (c->rx_len == 0 && may_fill) {
            ev->type = GCH_HTTP_EV_NEED_MORE;
            gch_status_t st = fill(c, ev);
            if (st != GCH_OK || ev->type != GCH_HTTP_EV_NEED_MORE) {
                return st;
            }
        }
        may_fill = true;
        size_t used = 0;
        gch_status_t st = gch_http_parser_feed(&c->parser, c->cfg.rx + c->rx_off, c->rx_len, &used, ev);
        c->rx_off += used;
        c->rx_len -= used;
        if (st != GCH_OK) {
            c->broken = true;
            return st;
        }
        if (ev->type != GCH_HTTP_EV_NEED_MORE) {
            return GCH_OK;
        }
    }
}

gch_status_t gch_http_recv_head(gch_http_client_t *c)
{
    gch_http_event_t ev;
    gch_status_t st = next_event(c, &ev);
    if (st != GCH_OK) {
        return st;
    }
    if (ev.type != GCH_HTTP_EV_HEAD) {
        c->broken = true;
        return GCH_ERR_STATE;
    }
    c->in_body = true;
    return GCH_OK;
}

gch_status_t gch_http_recv_body(gch_http_client_t *c, const uint8_t **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (c->done) {
        return GCH_OK;
    }
    if (!c->in_body) {
        return GCH_ERR_STATE;
    }
    gch_http_event_t ev;
    gch_status_t st = next_event(c, &ev);
    if (st != GCH_OK) {
        return st;
    }
    if (ev.type == GCH_HTTP_EV_BODY) {
        *data = ev.data;
        *len = ev.len;
    } else if (ev.type == GCH_HTTP_EV_DONE) {
        c->done = true;
        c->in_body = false;
    }
    return GCH_OK;
}

gch_status_t gch_http_skip_body(gch_http_client_t *c)
{
    const uint8_t *d;
    size_t n;
    do {
        gch_status_t st = gch_http_recv_body(c, &d, &n);
        if (st != GCH_OK) {
            return st;
        }
    } while (n > 0);
    return GCH_OK;
}

bool gch_http_reusable(const gch_http_client_t *c)
{
    return c->done && !c->broken && c->parser.keep_alive && c->rx_len == 0;
}
