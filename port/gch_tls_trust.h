/*
 * gch_tls_trust.h - trusted roots looked up when a chain needs one, instead of
 * a whole CA bundle parsed into the TLS arena (Mbed TLS's trusted-CA callback,
 * MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK; host boards only: the firmware
 * keeps its compiled-in CA).
 *
 * During verification Mbed TLS asks, for each certificate of the chain, which
 * trusted certificates could have issued it. The callback asks the board's
 * store (gch_tls_trust_store_t: a PEM bundle read as a stream, a hashed
 * directory) to offer the certificates that may carry the issuer's name, parses
 * only those whose subject equals it (byte for byte, or in OpenSSL's canonical
 * form, port/gch_x509_name.h) into the arena, and Mbed TLS frees them after the
 * check. The arena then holds one or two parsed roots for a moment, never the
 * whole store: with the system bundle it peaks within a few KB of a single-CA
 * configuration.
 */
#ifndef GCH_TLS_TRUST_H
#define GCH_TLS_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include "gch_tls.h"

/* Most candidates one lookup keeps (each a parsed certificate in the arena). */
#define GCH_TLS_TRUST_MAX_CANDIDATES 4u
/* Longest canonical name compared (longer names compare byte for byte only). */
#define GCH_TLS_TRUST_NAME_MAX 1024u

/* Hands one DER certificate of the store to the lookup (valid during the call). */
typedef void (*gch_tls_trust_offer_fn)(void *offer_ctx, const uint8_t *der, size_t len);

/*
 * A store of trusted certificates, defined by the board (file I/O stays there).
 * find: offer every certificate that may have the subject `name` (DER Name with
 * its SEQUENCE header); name_hash is OpenSSL's subject hash of it, or 0 when it
 * could not be computed (a hashed directory then has nothing to offer). Offering
 * more is harmless: only matches are kept. Returns 0, or -1 when the store
 * could not be read (the chain is then not trusted).
 */
typedef struct {
    void *ctx;
    int (*find)(void *ctx, const uint8_t *name, size_t name_len, uint32_t name_hash, gch_tls_trust_offer_fn offer,
                void *offer_ctx);
} gch_tls_trust_store_t;

/* Counters of the lookups, for -v and tests. */
typedef struct {
    uint32_t lookups; /* callback calls */
    uint32_t offered; /* certificates the store offered */
    uint32_t matched; /* ... kept as candidates */
    uint32_t store_errors;
} gch_tls_trust_stats_t;

/*
 * Sets up the RNG and the TLS 1.2/1.3 client settings as gch_tls_config_init()
 * does, but with trusted roots looked up in store (borrowed; it outlives cfg).
 * Returns GCH_ERR_CONFIG when Mbed TLS was built without the callback, else as
 * gch_tls_config_init() (never GCH_ERR_TLS_CA: the board checks its store).
 */
gch_status_t gch_tls_config_init_store(gch_tls_config_t *cfg, const gch_tls_trust_store_t *store);

/* OpenSSL's subject hash of a DER Name (X509_NAME_hash: the first four bytes of
 * the SHA-1 of its canonical form, little-endian), as "%08x" names the files of
 * a hashed directory. GCH_OK, or the gch_x509_name_canon() failure. */
gch_status_t gch_tls_trust_name_hash(const uint8_t *name, size_t len, uint32_t *hash);

/* The lookups so far (all configs). */
const gch_tls_trust_stats_t *gch_tls_trust_stats(void);

#endif
