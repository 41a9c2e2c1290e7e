/*
 * gch_proxy.h - TLS through an HTTP proxy: the dialer a TLS connector uses to
 * reach a host through a CONNECT tunnel (port/gch_tls.h, gch_tls_dialer_t).
 *
 * For each connection the connector opens, the dialer connects to the proxy
 * with gch_net_*, asks "CONNECT host:port" (core/http/gch_http_connect.h), with
 * Basic credentials when it has them, reads the answer, and hands the same
 * gch_net_t back: the TLS handshake then runs end to end through the tunnel,
 * with SNI and certificate verification against the host, never the proxy.
 * A host on the NO_PROXY list (core/http/gch_no_proxy.h) is dialled directly.
 * Nothing above the connector knows: a tunnel is kept alive and reopened
 * exactly like a direct connection.
 *
 * Memory: one gch_proxy_t (4.5 KiB on a 64-bit host with the default sizes,
 * 3.9 KiB on the Cortex-M4; GCH_PROXY_* in gch_config.h size it), caller-owned,
 * shared by all connections of its connector (they are dialled one at a time).
 * A board that never calls gch_proxy_dialer() links none of this.
 */
#ifndef GCH_PROXY_H
#define GCH_PROXY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gch_config.h"
#include "gch_tls.h"
#include "http/gch_http_connect.h"

/* Bytes of the proxy's answer read at a time (they go through the parser into
 * answer.head); more would only be refused: nothing follows a 2xx head. */
#define GCH_PROXY_RX_CHUNK 256u

typedef struct {
    char host[GCH_PROXY_HOST_MAX]; /* no brackets */
    uint16_t port;
    char authorization[GCH_PROXY_AUTH_MAX]; /* "Basic ...", "" without credentials; a secret */
    size_t authorization_len;
    const char *no_proxy; /* NO_PROXY list, borrowed (outlives the proxy); NULL: none */

    /* Counters, for -v and the bench. */
    uint32_t tunnels;       /* CONNECT answered 2xx */
    uint32_t direct;        /* connections that bypassed the proxy (NO_PROXY) */
    uint64_t connect_bytes; /* bytes of CONNECT requests and their answers */

    /* Scratch of one dial. The CONNECT request is written into answer.head, sent
     * and wiped before the answer is read into the same place. */
    gch_http_connect_reader_t answer;
    uint8_t rx[GCH_PROXY_RX_CHUNK];  /* the answer's bytes, one read at a time */
    char why[GCH_ERROR_MESSAGE_MAX]; /* the last dial's failure, or its route */
} gch_proxy_t;

/*
 * host/port: the proxy (host without brackets, < GCH_PROXY_HOST_MAX). user and
 * password (NULL: no credentials) are encoded at once into the Basic value and
 * not kept: the caller wipes its copies. Returns GCH_OK, GCH_ERR_ARG (a host
 * too long or empty, a user with ':' or a control character in either) or
 * GCH_ERR_NOSPACE (credentials over GCH_PROXY_AUTH_MAX once encoded).
 */
gch_status_t gch_proxy_init(gch_proxy_t *p, const char *host, uint16_t port, const char *user, const char *password,
                            const char *no_proxy);

/* The dialer to give the TLS connector (gch_tls_connector_set_dialer). */
gch_tls_dialer_t gch_proxy_dialer(gch_proxy_t *p);

/*
 * Connects net to host:port through the proxy (or directly when NO_PROXY says
 * so) within timeout_ms. GCH_OK with the tunnel open and no byte of it read;
 * otherwise net is closed, p->why says why in one line, and the status is the
 * proxy's connection failure (GCH_ERR_DNS, _CONNECT, _TIMEOUT, _NET, _CLOSED,
 * _TRUNCATED), its refusal (GCH_ERR_PROXY_AUTH for 407 or 401, GCH_ERR_PROXY for any
 * other status) or a broken answer (a GCH_ERR_HTTP_* alert, among them
 * GCH_ERR_HTTP_UNEXPECTED_DATA for bytes sent after the 2xx head before our
 * TLS handshake began: a TLS server never speaks first).
 */
gch_status_t gch_proxy_dial(gch_proxy_t *p, gch_net_t *net, const char *host, uint16_t port, uint32_t timeout_ms);

/* Wipes the credentials and the last request. */
void gch_proxy_wipe(gch_proxy_t *p);

#endif
