/*
 * gch_tls.c - Mbed TLS client over gch_net_*, exposed as a gch_transport_t.
 *
 * BIO callbacks block on the platform's net calls until the deadline of the
 * current operation; a passed deadline surfaces as MBEDTLS_ERR_SSL_TIMEOUT and
 * then as GCH_IO_TIMEOUT / GCH_ERR_TIMEOUT, never as a generic TLS error.
 */
#include "gch_tls.h"

#include <stdio.h>
#include <string.h>

#include "gch_tls_arena.h"
#include "mbedtls/error.h"
#include "mbedtls/net_sockets.h" /* error codes only; MBEDTLS_NET_C is not built */
#include "psa/crypto.h"

static const int gch_ciphersuites[] = { MBEDTLS_TLS1_3_AES_128_GCM_SHA256,
                                        MBEDTLS_TLS1_3_AES_256_GCM_SHA384,
                                        MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256,
                                        MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                        MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                        MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                                        MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                                        MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                                        MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                                        0 };

static const uint16_t gch_groups[] = { MBEDTLS_SSL_IANA_TLS_GROUP_X25519, MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1,
                                       MBEDTLS_SSL_IANA_TLS_GROUP_SECP384R1, MBEDTLS_SSL_IANA_TLS_GROUP_NONE };

static uint32_t remaining(const gch_tls_conn_t *c)
{
    uint64_t now = gch_clock_ms();
    if (now >= c->deadline_ms) {
        return 0;
    }
    uint64_t left = c->deadline_ms - now;
    return left > 0xffffffffu ? 0xffffffffu : (uint32_t)left;
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    gch_tls_conn_t *c = ctx;
    size_t moved = 0;
    c->last_io = gch_net_send(&c->net, buf, len, remaining(c), &moved);
    c->bytes_out += moved;
    switch (c->last_io) {
    case GCH_IO_DATA: return (int)moved;
    case GCH_IO_TIMEOUT: return MBEDTLS_ERR_SSL_TIMEOUT;
    default: return MBEDTLS_ERR_NET_SEND_FAILED;
    }
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    gch_tls_conn_t *c = ctx;
    size_t moved = 0;
    c->last_io = gch_net_recv(&c->net, buf, len, remaining(c), &moved);
    c->bytes_in += moved;
    switch (c->last_io) {
    case GCH_IO_DATA: return (int)moved;
    case GCH_IO_TIMEOUT: return MBEDTLS_ERR_SSL_TIMEOUT;
    case GCH_IO_CLOSED: return 0; /* Mbed TLS reports MBEDTLS_ERR_SSL_CONN_EOF */
    default: return MBEDTLS_ERR_NET_RECV_FAILED;
    }
}

static int rng(void *ctx, unsigned char *out, size_t len)
{
    return mbedtls_ctr_drbg_random(ctx, out, len);
}

static gch_status_t setup_conf(mbedtls_ssl_config *conf, gch_tls_config_t *cfg, mbedtls_ssl_protocol_version max)
{
    if (mbedtls_ssl_config_defaults(conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT) != 0) {
        return GCH_ERR_TLS_MEMORY;
    }
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(conf, &cfg->ca, NULL);
    mbedtls_ssl_conf_rng(conf, rng, &cfg->drbg);
    mbedtls_ssl_conf_min_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_2);
    mbedtls_ssl_conf_max_tls_version(conf, max);
    mbedtls_ssl_conf_ciphersuites(conf, gch_ciphersuites);
    mbedtls_ssl_conf_groups(conf, gch_groups);
    return GCH_OK;
}

gch_status_t gch_tls_config_init(gch_tls_config_t *cfg, const uint8_t *ca, size_t ca_len)
{
    static const unsigned char pers[] = "gcheal";
    gch_tls_arena_init();
    memset(cfg, 0, sizeof *cfg);
    if (psa_crypto_init() != PSA_SUCCESS) {
        return GCH_ERR_TLS_MEMORY;
    }
    mbedtls_ssl_config_init(&cfg->conf);
    mbedtls_ssl_config_init(&cfg->conf12);
    mbedtls_entropy_init(&cfg->entropy);
    mbedtls_ctr_drbg_init(&cfg->drbg);
    mbedtls_x509_crt_init(&cfg->ca);
    cfg->ready = true; /* from here on, gch_tls_config_free() must run */

    if (ca != NULL) { /* NULL: the trust comes from a store (gch_tls_trust.c) */
        int parsed_bad = mbedtls_x509_crt_parse(&cfg->ca, ca, ca_len);
        if (parsed_bad < 0 || cfg->ca.raw.len == 0) {
            return GCH_ERR_TLS_CA;
        }
    }
    if (mbedtls_ctr_drbg_seed(&cfg->drbg, mbedtls_entropy_func, &cfg->entropy, pers, sizeof pers) != 0) {
        return GCH_ERR_TLS;
    }
    gch_status_t st = setup_conf(&cfg->conf, cfg, MBEDTLS_SSL_VERSION_TLS1_3);
    if (st == GCH_OK) {
        st = setup_conf(&cfg->conf12, cfg, MBEDTLS_SSL_VERSION_TLS1_2);
    }
    return st;
}

void gch_tls_config_free(gch_tls_config_t *cfg)
{
    if (!cfg->ready) {
        return;
    }
    mbedtls_ssl_config_free(&cfg->conf);
    mbedtls_ssl_config_free(&cfg->conf12);
    mbedtls_ctr_drbg_free(&cfg->drbg);
    mbedtls_entropy_free(&cfg->entropy);
    mbedtls_x509_crt_free(&cfg->ca);
    cfg->ready = false;
}

/* Map the outcome of a failed Mbed TLS call to our status. */
static gch_status_t map_error(gch_tls_conn_t *c, int ret)
{
    c->last_error = ret;
    if (ret == MBEDTLS_ERR_SSL_TIMEOUT) {
        return GCH_ERR_TIMEOUT;
    }
    if (ret == MBEDTLS_ERR_SSL_ALLOC_FAILED || ret == MBEDTLS_ERR_PK_ALLOC_FAILED ||
        ret == MBEDTLS_ERR_X509_ALLOC_FAILED) {
        return GCH_ERR_TLS_MEMORY;
    }
    if (ret == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
        return GCH_ERR_TLS_VERIFY;
    }
    if (ret == MBEDTLS_ERR_NET_RECV_FAILED || ret == MBEDTLS_ERR_NET_SEND_FAILED) {
        return GCH_ERR_NET;
    }
    if (ret == MBEDTLS_ERR_SSL_CONN_EOF || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
        return GCH_ERR_CLOSED;
    }
    return GCH_ERR_TLS;
}

/* One TCP connect (dialled) + handshake with the given settings. */
static gch_status_t attempt(gch_tls_conn_t *c, const mbedtls_ssl_config *conf, const gch_tls_dialer_t *dialer,
                            const char *host, uint16_t port, uint32_t timeout_ms)
{
    mbedtls_ssl_init(&c->ssl);
    c->open = true; /* ssl must be freed from here on */
    c->route = NULL;
    gch_status_t st = dialer != NULL && dialer->dial != NULL
                          ? dialer->dial(dialer->ctx, &c->net, host, port, timeout_ms, &c->route)
                          : gch_net_connect(&c->net, host, port, timeout_ms);
    c->dial_failed = st != GCH_OK;
    if (st != GCH_OK) {
        return st;
    }
    int ret = mbedtls_ssl_setup(&c->ssl, conf);
    if (ret == 0) {
        /* Sets SNI and the name the certificate must carry. */
        ret = mbedtls_ssl_set_hostname(&c->ssl, host);
    }
    if (ret != 0) {
        return map_error(c, ret);
    }
    mbedtls_ssl_set_bio(&c->ssl, c, bio_send, bio_recv, NULL);
    do {
        ret = mbedtls_ssl_handshake(&c->ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    c->verify_flags = mbedtls_ssl_get_verify_result(&c->ssl);
    return ret == 0 ? GCH_OK : map_error(c, ret);
}

gch_status_t gch_tls_connect(gch_tls_conn_t *c, gch_tls_config_t *cfg, const char *host, uint16_t port,
                             uint32_t timeout_ms)
{
    return gch_tls_connect_via(c, cfg, NULL, host, port, timeout_ms);
}

gch_status_t gch_tls_connect_via(gch_tls_conn_t *c, gch_tls_config_t *cfg, const gch_tls_dialer_t *dialer,
                                 const char *host, uint16_t port, uint32_t timeout_ms)
{
    memset(c, 0, sizeof *c);
    c->cfg = cfg;
    gch_net_init(&c->net);
    c->deadline_ms = gch_clock_ms() + timeout_ms;
    gch_status_t st = attempt(c, &cfg->conf, dialer, host, port, timeout_ms);
    /* A client offering TLS 1.3 must offer RSA-PSS, and Mbed TLS 3.6 then rejects
     * a TLS 1.2 server that signs its key exchange with PSS (OpenSSL servers do).
     * Such a server gets one more handshake offering TLS 1.2 only: same suites and
     * verification, just PKCS#1 v1.5 signatures, which TLS 1.2 allows. */
    if (st == GCH_ERR_TLS && c->last_error == MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER &&
        mbedtls_ssl_get_version_number(&c->ssl) == MBEDTLS_SSL_VERSION_TLS1_2) {
        gch_tls_close(c);
        uint64_t now = gch_clock_ms();
        uint32_t left = now < c->deadline_ms ? (uint32_t)(c->deadline_ms - now) : 0;
        st = attempt(c, &cfg->conf12, dialer, host, port, left);
    }
    return st;
}

static gch_io_t tls_send(gch_net_ctx_t *ctx, const uint8_t *buf, size_t len, uint32_t timeout_ms, size_t *moved)
{
    gch_tls_conn_t *c = ctx;
    c->deadline_ms = gch_clock_ms() + timeout_ms;
    *moved = 0;
    for (;;) {
        int ret = mbedtls_ssl_write(&c->ssl, buf, len);
        if (ret > 0) {
            *moved = (size_t)ret;
            return GCH_IO_DATA;
        }
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
            continue;
        }
        c->last_error = ret;
        return ret == MBEDTLS_ERR_SSL_TIMEOUT ? GCH_IO_TIMEOUT : GCH_IO_ERROR;
    }
}

static gch_io_t tls_recv(gch_net_ctx_t *ctx, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *moved)
{
    gch_tls_conn_t *c = ctx;
    c->deadline_ms = gch_clock_ms() + timeout_ms;
    *moved = 0;
    for (;;) {
        int ret = mbedtls_ssl_read(&c->ssl, buf, cap);
        if (ret > 0) {
            *moved = (size_t)ret;
            return GCH_IO_DATA;
        }
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
            continue;
        }
        c->last_error = ret;
        if (ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || ret == MBEDTLS_ERR_SSL_CONN_EOF) {
            return GCH_IO_CLOSED;
        }
        return ret == MBEDTLS_ERR_SSL_TIMEOUT ? GCH_IO_TIMEOUT : GCH_IO_ERROR;
    }
}

gch_transport_t gch_tls_transport(gch_tls_conn_t *c)
{
    gch_transport_t t = { c, tls_send, tls_recv };
    return t;
}

void gch_tls_close(gch_tls_conn_t *c)
{
    if (!c->open) {
        return;
    }
    if (gch_net_is_open(&c->net) && mbedtls_ssl_is_handshake_over(&c->ssl)) {
        c->deadline_ms = gch_clock_ms() + 100; /* close_notify is a courtesy: do not wait */
        (void)mbedtls_ssl_close_notify(&c->ssl);
    }
    gch_net_close(&c->net);
    mbedtls_ssl_free(&c->ssl);
    c->open = false;
}

void gch_tls_describe(const gch_tls_conn_t *c, char *out, size_t cap)
{
    char msg[160];
    if (cap == 0) {
        return;
    }
    out[0] = '\0';
    if (c->dial_failed || c->last_error == 0) {
        snprintf(out, cap, "%s", c->dial_failed && c->route != NULL ? c->route : "");
        return;
    }
    mbedtls_strerror(c->last_error, msg, sizeof msg);
    if (c->route != NULL) {
        size_t n = strlen(msg);
        snprintf(msg + n, sizeof msg - n, " (%s)", c->route);
    }
    if (c->last_error == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
        char why[256];
        int n = mbedtls_x509_crt_verify_info(why, sizeof why, "", c->verify_flags);
        /* Flatten the multi-line report into one log line. */
        for (int i = 0; i < n; i++) {
            if (why[i] == '\n') {
                why[i] = (i + 1 < n) ? ';' : '\0';
            }
        }
        snprintf(out, cap, "%s (%s)", msg, n > 0 ? why : "unknown reason");
        return;
    }
    snprintf(out, cap, "%s", msg);
}

void gch_tls_session_info(const gch_tls_conn_t *c, char *out, size_t cap)
{
    snprintf(out, cap, "%s %s", mbedtls_ssl_get_version(&c->ssl), mbedtls_ssl_get_ciphersuite(&c->ssl));
}
