/*
 * gch_tls_connector.h - the port contract's gch_connector_t over port/gch_tls.c:
 * one verified TLS connection per endpoint kind (login, API), reused while the
 * server keeps it alive. Shared by every platform's board.
 *
 * A board short of RAM asks for one session at a time (single_session): opening
 * one kind first closes the other, so the TLS arena holds one session, not two.
 */
#ifndef GCH_TLS_CONNECTOR_H
#define GCH_TLS_CONNECTOR_H

#include <stdbool.h>

#include "gch_port.h"
#include "gch_tls.h"

/* The connector state of the port contract (gch_connector_ctx_t). */
typedef struct gch_connector_ctx {
    gch_tls_config_t *cfg;               /* borrowed; outlives the connector */
    gch_tls_conn_t conn[GCH_CONN_COUNT]; /* one per endpoint kind */
    gch_tls_dialer_t dialer;             /* how connections reach their host; none: directly */
    uint32_t connect_timeout_ms;
    uint32_t connects;            /* handshakes done (for -v and tests) */
    bool single_session;          /* at most one open connection */
    uint64_t bytes_out, bytes_in; /* of the connections already replaced */
} gch_tls_connector_t;

/* Returns the connector to hand to the API layer (gch_heal_config_t.connector). */
gch_connector_t gch_tls_connector_init(gch_tls_connector_t *tc, gch_tls_config_t *cfg, uint32_t connect_timeout_ms,
                                       bool single_session);
/* Every connection opened from now on is dialled by dialer (port/gch_proxy.h:
 * through an HTTP proxy). The API layer above never knows. */
void gch_tls_connector_set_dialer(gch_tls_connector_t *tc, gch_tls_dialer_t dialer);
/* Close both connections. */
void gch_tls_connector_close_all(gch_tls_connector_t *tc);
/* TLS bytes sent and received on the wire by every connection so far. */
void gch_tls_connector_bytes(const gch_tls_connector_t *tc, uint64_t *sent, uint64_t *received);

#endif
