/*
 * gch_fake.h - a scripted world for unit tests of the HTTP client and the API
 * layer: the port contract (virtual clock, sleeps that only advance it,
 * deterministic entropy, captured log), a fake byte stream (gch_transport_t)
 * and a fake connector (gch_connector_t), all from gch_port.h.
 *
 * A connection plays a script: the answers a server would send, one per
 * request, each released only once the request's head has been sent (as a real
 * server would), in slices of at most `slice` bytes per recv. What happens once
 * the answers are used up is the script's `end`: an orderly close, a reset, or
 * silence until the deadline. Everything sent is kept for the test to inspect.
 *
 * Include it in exactly one file per test program: it defines the port functions.
 */
#ifndef GCH_FAKE_H
#define GCH_FAKE_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "gch_port.h"

#define FAKE_MAX_ANSWERS 8
#define FAKE_MAX_CONNS 16
#define FAKE_SENT_CAP 16384

typedef enum { FAKE_END_CLOSE = 0, FAKE_END_RESET, FAKE_END_SILENT } fake_end_t;

typedef struct {
    const char *answers[FAKE_MAX_ANSWERS]; /* NULL-terminated; each one whole response */
    size_t slice;                          /* bytes per recv at most (0 = as many as fit) */
    size_t send_room;                      /* bytes per send at most (0 = all) */
    fake_end_t end;                        /* after the last answer */
    gch_status_t refuse;                   /* non-OK: the connector's open fails with it */
} fake_script_t;

struct gch_net_ctx {
    const fake_script_t *script;
    size_t served; /* answers fully delivered */
    size_t off;    /* bytes of the current answer delivered */
    size_t heads;  /* request heads sent so far */
    char sent[FAKE_SENT_CAP];
    size_t sent_len;
    bool open;
};

/* ---------------------------------------------------------------- the world */

static struct {
    uint64_t now_ms;
    uint32_t sleeps[64];
    size_t sleep_count;
    int cancelled;
    int held;
    char log[4096];
    size_t log_len;
} fake_world;

uint64_t gch_clock_ms(void)
{
    return fake_world.now_ms;
}

int64_t gch_clock_wall(void)
{
    return 1700000000;
}

gch_status_t gch_entropy_fill(uint8_t *buf, size_t len)
{
    memset(buf, 0x80, len); /* the middle of every jitter range: deterministic */
    return GCH_OK;
}

int gch_sleep_ms(uint32_t ms)
{
    if (fake_world.sleep_count < sizeof fake_world.sleeps / sizeof fake_world.sleeps[0]) {
        fake_world.sleeps[fake_world.sleep_count++] = ms;
    }
    fake_world.now_ms += ms;
    return gch_port_cancelled();
}

int gch_port_cancelled(void)
{
    return fake_world.held ? 0 : fake_world.cancelled;
}

void gch_port_hold_cancel(int hold)
{
    fake_world.held = hold;
}

void gch_log_write(int level, const char *line, size_t len)
{
    (void)level;
    if (fake_world.log_len + len + 1 < sizeof fake_world.log) {
        memcpy(fake_world.log + fake_world.log_len, line, len);
        fake_world.log_len += len;
        fake_world.log[fake_world.log_len++] = '\n';
        fake_world.log[fake_world.log_len] = '\0';
    }
}

static inline void fake_world_reset(void)
{
    memset(&fake_world, 0, sizeof fake_world);
    fake_world.now_ms = 1000;
}

/* ---------------------------------------------------------------- one stream */

static size_t fake_count_heads(const char *p, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i + 3 < n; i++) {
        c += memcmp(p + i, "\r\n\r\n", 4) == 0;
    }
    return c;
}

static gch_io_t fake_send(gch_net_ctx_t *c, const uint8_t *buf, size_t len, uint32_t timeout_ms, size_t *moved)
{
    (void)timeout_ms;
    *moved = 0;
    if (!c->open) {
        return GCH_IO_ERROR;
    }
    size_t room = c->script->send_room ? c->script->send_room : len;
    size_t n = len < room ? len : room;
    if (c->sent_len + n > sizeof c->sent) {
        return GCH_IO_ERROR;
    }
    memcpy(c->sent + c->sent_len, buf, n);
    c->sent_len += n;
    c->heads = fake_count_heads(c->sent, c->sent_len);
    *moved = n;
    return GCH_IO_DATA;
}

static gch_io_t fake_recv(gch_net_ctx_t *c, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *moved)
{
    *moved = 0;
    const fake_script_t *s = c->script;
    const char *a = s->answers[c->served];
    if (!c->open) {
        return GCH_IO_ERROR;
    }
    if (a == NULL) { /* every answer given */
        if (s->end == FAKE_END_SILENT) {
            fake_world.now_ms += timeout_ms;
            return GCH_IO_TIMEOUT;
        }
        return s->end == FAKE_END_RESET ? GCH_IO_ERROR : GCH_IO_CLOSED;
    }
    if (c->served >= c->heads) { /* no request to answer yet */
        fake_world.now_ms += timeout_ms;
        return GCH_IO_TIMEOUT;
    }
    size_t left = strlen(a) - c->off;
    size_t n = left < cap ? left : cap;
    if (s->slice && n > s->slice) {
        n = s->slice;
    }
    memcpy(buf, a + c->off, n);
    c->off += n;
    if (c->off == strlen(a)) {
        c->served++;
        c->off = 0;
    }
    *moved = n;
    return GCH_IO_DATA;
}

static inline gch_transport_t fake_stream(gch_net_ctx_t *c, const fake_script_t *s)
{
    memset(c, 0, sizeof *c);
    c->script = s;
    c->open = true;
    gch_transport_t t = { c, fake_send, fake_recv };
    return t;
}

/* ---------------------------------------------------------------- the connector */

struct gch_connector_ctx {
    const fake_script_t *scripts; /* one per connection, in the order they open */
    size_t count, opened, closes, describes;
    gch_conn_kind_t kinds[FAKE_MAX_CONNS];
    char hosts[FAKE_MAX_CONNS][64];
    struct gch_net_ctx conns[FAKE_MAX_CONNS];
};

static gch_status_t fake_open(gch_connector_ctx_t *f, gch_conn_kind_t kind, const char *host, uint16_t port,
                              gch_transport_t *out)
{
    (void)port;
    if (f->opened >= f->count || f->opened >= FAKE_MAX_CONNS) {
        return GCH_ERR_CONNECT; /* the script has no more connections */
    }
    size_t i = f->opened++;
    f->kinds[i] = kind;
    strncpy(f->hosts[i], host, sizeof f->hosts[i] - 1);
    if (f->scripts[i].refuse != GCH_OK) {
        return f->scripts[i].refuse;
    }
    *out = fake_stream(&f->conns[i], &f->scripts[i]);
    return GCH_OK;
}

static void fake_close(gch_connector_ctx_t *f, gch_conn_kind_t kind)
{
    (void)kind;
    f->closes++;
}

/* Says which kind failed and which status it last refused with. */
static void fake_describe(gch_connector_ctx_t *f, gch_conn_kind_t kind, char *out, size_t cap)
{
    f->describes++;
    snprintf(out, cap, "fake %s open #%zu refused", kind == GCH_CONN_LOGIN ? "login" : "api", f->opened);
}

static inline gch_connector_t fake_connector(gch_connector_ctx_t *f, const fake_script_t *scripts, size_t count)
{
    memset(f, 0, sizeof *f);
    f->scripts = scripts;
    f->count = count;
    gch_connector_t c = { f, fake_open, fake_close, fake_describe };
    return c;
}

/* The bytes connection i was sent, NUL-terminated in place (for strstr). */
static inline const char *fake_sent(gch_connector_ctx_t *f, size_t i)
{
    struct gch_net_ctx *c = &f->conns[i];
    c->sent[c->sent_len < sizeof c->sent ? c->sent_len : sizeof c->sent - 1] = '\0';
    return c->sent;
}

#endif
