/*
 * gch_tls.h - TLS client connections over the porting interface's net calls.
 *
 * Shared by every platform: Mbed TLS talks to gch_net_* through its BIO
 * callbacks, and a connection exposes itself to the HTTP client as a
 * gch_transport_t. Verification is not optional: certificate chain against the
 * configured CAs and the server name against the host we connected to.
 *
 * One gch_tls_config_t (CAs, RNG, settings) serves any number of connections;
 * the caller owns both structs and neither may move while in use.
 */
#ifndef GCH_TLS_H
#define GCH_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gch_config.h"
#include "gch_platform.h" /* struct gch_net of this platform */
#include "gch_port.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"

typedef struct {
    mbedtls_ssl_config conf;   /* TLS 1.2 and 1.3 */
    mbedtls_ssl_config conf12; /* TLS 1.2 only: offers no RSA-PSS (see gch_tls.c) */
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_x509_crt ca;
    bool ready;
} gch_tls_config_t;

/*
 * How a connection reaches its host. dial NULL: gch_net_connect() to it
 * directly. port/gch_proxy.c dials through an HTTP proxy's CONNECT tunnel.
 * dial connects net within timeout_ms and returns GCH_OK or why not (the
 * gch_net_connect() statuses, and those of the dialer); *note is a line about
 * the route taken or why it failed (NULL: nothing to say), valid until the next
 * dial. The TLS session then runs over net, end to end with the host.
 */
typedef struct {
    void *ctx;
    gch_status_t (*dial)(void *ctx, gch_net_t *net, const char *host, uint16_t port, uint32_t timeout_ms,
                         const char **note);
} gch_tls_dialer_t;

/* A TLS connection is the byte-stream state (gch_net_ctx_t) of the port contract. */
typedef struct gch_net_ctx {
    gch_tls_config_t *cfg; /* borrowed; outlives the connection */
    mbedtls_ssl_context ssl;
    gch_net_t net;
    uint64_t deadline_ms;  /* absolute deadline of the current operation */
    gch_io_t last_io;      /* what the net layer last reported, to map errors */
    int last_error;        /* last Mbed TLS error code, for messages */
    uint32_t verify_flags; /* certificate verification result of the handshake */
    const char *route;     /* the dialer's note (gch_tls_dialer_t), or NULL */
    bool dial_failed;      /* the last connect failed before TLS began */
    bool open;
    uint64_t bytes_out, bytes_in; /* TLS bytes on the wire, this connection */
} gch_tls_conn_t;

/* Parse the CA bundle (PEM or DER; PEM must include its terminating NUL in
 * ca_len, as Mbed TLS requires) and set up the RNG and TLS 1.2/1.3 client
 * settings. Returns GCH_ERR_TLS_CA when no certificate could be parsed. ca NULL
 * parses nothing: gch_tls_config_init_store() (gch_tls_trust.h) then names
 * where trusted roots are looked up. */
gch_status_t gch_tls_config_init(gch_tls_config_t *cfg, const uint8_t *ca, size_t ca_len);
void gch_tls_config_free(gch_tls_config_t *cfg);

/* TCP connect and TLS handshake with SNI and host name check, within timeout_ms. */
gch_status_t gch_tls_connect(gch_tls_conn_t *conn, gch_tls_config_t *cfg, const char *host, uint16_t port,
                             uint32_t timeout_ms);
/* The same, the TCP stream opened by dialer (NULL: directly). The handshake,
 * SNI and the certificate check are the host's, whatever the route. */
gch_status_t gch_tls_connect_via(gch_tls_conn_t *conn, gch_tls_config_t *cfg, const gch_tls_dialer_t *dialer,
                                 const char *host, uint16_t port, uint32_t timeout_ms);
/* The connection as a byte stream for the HTTP client. */
gch_transport_t gch_tls_transport(gch_tls_conn_t *conn);
/* Send close_notify (best effort), close the socket, release TLS memory. */
void gch_tls_close(gch_tls_conn_t *conn);

/* Human-readable reason for the last failure: the dialer's when the connect
 * failed, else the Mbed TLS message and, after a verification failure, which
 * checks failed (with the route, when a dialer named one); "" when there is
 * nothing to add to the status (a direct connect that failed). */
void gch_tls_describe(const gch_tls_conn_t *conn, char *out, size_t cap);
/* Negotiated protocol and suite, e.g. "TLSv1.3 TLS1-3-AES-128-GCM-SHA256". */
void gch_tls_session_info(const gch_tls_conn_t *conn, char *out, size_t cap);

#endif
