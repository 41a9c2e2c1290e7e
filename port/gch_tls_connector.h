/*
 * gch_tls_connector.h - the connector the heal job uses, over port/gch_tls.c:
 * one TLS connection per endpoint kind (login, API), reused while the server
 * keeps it alive. Shared by every platform's board.
 */
#ifndef GCH_TLS_CONNECTOR_H
#define GCH_TLS_CONNECTOR_H

#include "gch_heal.h"
#include "gch_tls.h"

typedef struct {
    gch_tls_config_t *cfg;                /* borrowed; outlives the connector */
    gch_tls_conn_t conn[GCH_CONN_COUNT];  /* one per endpoint kind */
    uint32_t connect_timeout_ms;
    uint32_t connects;                    /* handshakes done (for -v and tests) */
} gch_tls_connector_t;

/* Returns the connector to put in gch_heal_config_t.connector. */
gch_connector_t gch_tls_connector_init(gch_tls_connector_t *tc, gch_tls_config_t *cfg,
                                       uint32_t connect_timeout_ms);
/* Close both connections. */
void gch_tls_connector_close_all(gch_tls_connector_t *tc);

#endif
