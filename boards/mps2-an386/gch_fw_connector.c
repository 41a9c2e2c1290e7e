/*
 * gch_fw_connector.c - one TLS session at a time. A session costs ~19 KiB of
 * the Mbed TLS arena (the 16 KiB input record buffer dominates); the heal job
 * keeps its login connection open while it works on the API one, which on
 * this board would double the arena. Opening one kind therefore closes the
 * other first. The core then sees a dropped keep-alive connection the next
 * time it needs the login host (token renewal, once a day) and reconnects,
 * which it already does for servers that close idle connections.
 *
 * It also remembers the address each host name last resolved to, for the
 * console line of a run, and says on the console where a name leads the
 * first time and whenever that changes (DNS moved the service, a new lease).
 */
#include "gch_fw_connector.h"

#include <stdio.h>
#include <string.h>

#include "gch_fw_report.h"

typedef struct {
    gch_connector_t inner;
    gch_tls_connector_t *tc;
    char peer[GCH_CONN_COUNT][24];   /* this run's */
    char said[GCH_CONN_COUNT][24];   /* last one on the console */
} fw_connector_t;

static fw_connector_t fw; /* one per image: the board has one job */

static gch_status_t fw_open(void *ctx, gch_conn_kind_t kind, const char *host, uint16_t port,
                            gch_transport_t *out)
{
    fw_connector_t *c = ctx;
    gch_conn_kind_t other = kind == GCH_CONN_LOGIN ? GCH_CONN_API : GCH_CONN_LOGIN;
    gch_tls_close(&c->tc->conn[other]); /* a no-op when it is not open */
    gch_status_t st = c->inner.open(c->inner.ctx, kind, host, port, out);
    if (gch_net_is_open(&c->tc->conn[kind].net)) {
        gch_net_peer(&c->tc->conn[kind].net, c->peer[kind], sizeof c->peer[kind]);
        if (strcmp(c->peer[kind], c->said[kind]) != 0) {
            memcpy(c->said[kind], c->peer[kind], sizeof c->said[kind]);
            gch_fw_printf("gcheal: %s is %s\n", host, c->peer[kind]);
        }
    }
    return st;
}

void gch_fw_connector_forget_peers(void)
{
    for (int k = 0; k < GCH_CONN_COUNT; k++) {
        fw.peer[k][0] = '\0';
    }
}

const char *gch_fw_connector_peer(gch_conn_kind_t kind)
{
    return fw.peer[kind][0] != '\0' ? fw.peer[kind] : "-";
}

static void fw_close(void *ctx, gch_conn_kind_t kind)
{
    fw_connector_t *c = ctx;
    c->inner.close(c->inner.ctx, kind);
}

static void fw_describe(void *ctx, gch_conn_kind_t kind, char *out, size_t cap)
{
    fw_connector_t *c = ctx;
    c->inner.describe(c->inner.ctx, kind, out, cap);
}

gch_connector_t gch_fw_connector_init(gch_tls_connector_t *tc, gch_tls_config_t *cfg,
                                      uint32_t connect_timeout_ms)
{
    fw.inner = gch_tls_connector_init(tc, cfg, connect_timeout_ms);
    fw.tc = tc;
    gch_connector_t c = { &fw, fw_open, fw_close, fw_describe };
    return c;
}
