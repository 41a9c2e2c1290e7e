/*
 * gch_tls_connector.c - gch_connector_t on top of gch_tls: opens a verified TLS
 * connection per endpoint kind and hands the core its transport. The callbacks
 * take gch_connector_ctx_t (the same struct as gch_tls_connector_t), spelled as
 * the contract spells it, so make stack matches them to the calls through it.
 */
#include "gch_tls_connector.h"

#include <stdio.h>
#include <string.h>

static gch_status_t tc_open(gch_connector_ctx_t *tc, gch_conn_kind_t kind, const char *host, uint16_t port,
                            gch_transport_t *out)
{
    gch_tls_conn_t *c = &tc->conn[kind];
    gch_tls_close(c);
    if (tc->single_session) {
        gch_tls_close(&tc->conn[kind == GCH_CONN_LOGIN ? GCH_CONN_API : GCH_CONN_LOGIN]);
    }
    tc->connects++;
    tc->bytes_out += c->bytes_out; /* the connection's counters restart with it */
    tc->bytes_in += c->bytes_in;
    gch_status_t st = gch_tls_connect_via(c, tc->cfg, &tc->dialer, host, port, tc->connect_timeout_ms);
    if (st != GCH_OK) {
        return st;
    }
    *out = gch_tls_transport(c);
    return GCH_OK;
}

static void tc_close(gch_connector_ctx_t *tc, gch_conn_kind_t kind)
{
    gch_tls_close(&tc->conn[kind]);
}

static void tc_describe(gch_connector_ctx_t *tc, gch_conn_kind_t kind, char *out, size_t cap)
{
    gch_tls_describe(&tc->conn[kind], out, cap);
}

gch_connector_t gch_tls_connector_init(gch_tls_connector_t *tc, gch_tls_config_t *cfg, uint32_t connect_timeout_ms,
                                       bool single_session)
{
    memset(tc, 0, sizeof *tc);
    tc->cfg = cfg;
    tc->connect_timeout_ms = connect_timeout_ms;
    tc->single_session = single_session;
    for (int i = 0; i < GCH_CONN_COUNT; i++) {
        gch_net_init(&tc->conn[i].net);
    }
    gch_connector_t c = { tc, tc_open, tc_close, tc_describe };
    return c;
}

void gch_tls_connector_set_dialer(gch_tls_connector_t *tc, gch_tls_dialer_t dialer)
{
    tc->dialer = dialer;
}

void gch_tls_connector_bytes(const gch_tls_connector_t *tc, uint64_t *sent, uint64_t *received)
{
    *sent = tc->bytes_out;
    *received = tc->bytes_in;
    for (int i = 0; i < GCH_CONN_COUNT; i++) {
        *sent += tc->conn[i].bytes_out;
        *received += tc->conn[i].bytes_in;
    }
}

void gch_tls_connector_close_all(gch_tls_connector_t *tc)
{
    for (int i = 0; i < GCH_CONN_COUNT; i++) {
        gch_tls_close(&tc->conn[i]);
    }
}
