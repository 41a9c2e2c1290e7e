/*
 * gch_tls_trust.c - trusted roots looked up on demand through Mbed TLS's
 * trusted-CA callback (see gch_tls_trust.h). Built only where the board's Mbed
 * TLS configuration enables MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK.
 */
#include "gch_tls_trust.h"

#include <string.h>

#include "gch_x509_name.h"
#include "mbedtls/sha1.h"

static gch_tls_trust_stats_t stats;

const gch_tls_trust_stats_t *gch_tls_trust_stats(void)
{
    return &stats;
}

gch_status_t gch_tls_trust_name_hash(const uint8_t *name, size_t len, uint32_t *hash)
{
    static uint8_t canon[GCH_TLS_TRUST_NAME_MAX];
    uint8_t md[20];
    size_t n = 0;
    gch_status_t st = gch_x509_name_canon(name, len, canon, sizeof canon, &n);
    if (st != GCH_OK) {
        return st;
    }
    if (mbedtls_sha1(canon, n, md) != 0) {
        return GCH_ERR_TLS;
    }
    *hash = (uint32_t)md[0] | (uint32_t)md[1] << 8 | (uint32_t)md[2] << 16 | (uint32_t)md[3] << 24;
    return GCH_OK;
}

#if defined(MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK)

#include "mbedtls/platform.h"

/* One lookup: the name wanted, and the candidates kept so far. */
typedef struct {
    const uint8_t *name; /* the child's issuer, raw */
    size_t name_len;
    const uint8_t *canon; /* its canonical form, or NULL */
    size_t canon_len;
    mbedtls_x509_crt *chain; /* arena-allocated; handed to Mbed TLS */
    uint32_t kept;
} lookup_t;

static uint8_t canon_wanted[GCH_TLS_TRUST_NAME_MAX], canon_offered[GCH_TLS_TRUST_NAME_MAX];

static bool same_name(const lookup_t *l, const uint8_t *subject, size_t len)
{
    if (len == l->name_len && memcmp(subject, l->name, len) == 0) {
        return true;
    }
    size_t n = 0;
    return l->canon != NULL && gch_x509_name_canon(subject, len, canon_offered, sizeof canon_offered, &n) == GCH_OK &&
           n == l->canon_len && memcmp(canon_offered, l->canon, n) == 0;
}

static void offer(void *ctx, const uint8_t *der, size_t len)
{
    lookup_t *l = ctx;
    const uint8_t *subject;
    size_t subject_len;
    stats.offered++;
    if (l->kept >= GCH_TLS_TRUST_MAX_CANDIDATES || gch_x509_cert_subject(der, len, &subject, &subject_len) != GCH_OK ||
        !same_name(l, subject, subject_len)) {
        return;
    }
    if (l->chain == NULL) {
        l->chain = mbedtls_calloc(1, sizeof *l->chain);
        if (l->chain == NULL) {
            return; /* arena exhausted: the chain will not verify */
        }
        mbedtls_x509_crt_init(l->chain);
    }
    if (mbedtls_x509_crt_parse_der(l->chain, der, len) == 0) {
        l->kept++;
        stats.matched++;
    }
}

/* Mbed TLS's trusted-CA callback: who could have issued child? */
static int ca_callback(void *p, mbedtls_x509_crt const *child, mbedtls_x509_crt **candidates)
{
    const gch_tls_trust_store_t *store = p;
    lookup_t l = { child->issuer_raw.p, child->issuer_raw.len, NULL, 0, NULL, 0 };
    uint32_t hash = 0;
    stats.lookups++;
    if (gch_x509_name_canon(l.name, l.name_len, canon_wanted, sizeof canon_wanted, &l.canon_len) == GCH_OK) {
        l.canon = canon_wanted;
        (void)gch_tls_trust_name_hash(l.name, l.name_len, &hash);
    }
    if (store->find(store->ctx, l.name, l.name_len, hash, offer, &l) != 0) {
        stats.store_errors++;
    }
    if (l.chain != NULL && l.kept == 0) {
        mbedtls_x509_crt_free(l.chain);
        mbedtls_free(l.chain);
        l.chain = NULL;
    }
    *candidates = l.chain; /* Mbed TLS frees the list after the check */
    return 0;
}

gch_status_t gch_tls_config_init_store(gch_tls_config_t *cfg, const gch_tls_trust_store_t *store)
{
    gch_status_t st = gch_tls_config_init(cfg, NULL, 0);
    if (st == GCH_OK) {
        mbedtls_ssl_conf_ca_cb(&cfg->conf, ca_callback, (void *)(uintptr_t)store);
        mbedtls_ssl_conf_ca_cb(&cfg->conf12, ca_callback, (void *)(uintptr_t)store);
    }
    return st;
}

#else

gch_status_t gch_tls_config_init_store(gch_tls_config_t *cfg, const gch_tls_trust_store_t *store)
{
    (void)cfg;
    (void)store;
    return GCH_ERR_CONFIG;
}

#endif
