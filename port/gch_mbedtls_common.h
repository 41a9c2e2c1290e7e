/*
 * gch_mbedtls_common.h - the Mbed TLS profile every gcheal board shares.
 *
 * Included by each board's gch_mbedtls_config.h (MBEDTLS_CONFIG_FILE), which may
 * then adjust buffer sizes. A product decision, not a menu: TLS 1.2 and 1.3,
 * client only, certificate and host name verification always on, ECDHE with
 * AES-GCM or ChaCha20-Poly1305, RSA and ECDSA certificates, and no heap: Mbed TLS
 * allocates from a static arena owned by port/gch_tls_arena.c.
 */
#ifndef GCH_MBEDTLS_COMMON_H
#define GCH_MBEDTLS_COMMON_H

#include <stddef.h>
#include <time.h>
/* Hooks defined in port/gch_tls_arena.c and port/gch_mbedtls_platform.c. */
void *gch_arena_calloc_unset(size_t n, size_t size);
void gch_arena_free_unset(void *p);
time_t gch_mbedtls_time(time_t *t);

/* --- System support: time, entropy and memory come through the porting layer. --- */
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE /* certificate validity is checked */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY /* calloc/free -> the static arena */
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
#define MBEDTLS_MEMORY_ALIGN_MULTIPLE 8 /* the default 4 misaligns 64-bit fields */
/* Until the arena is set up, allocation fails: nothing may fall back to libc. */
#define MBEDTLS_PLATFORM_STD_CALLOC gch_arena_calloc_unset
#define MBEDTLS_PLATFORM_STD_FREE gch_arena_free_unset
#define MBEDTLS_PLATFORM_TIME_MACRO gch_mbedtls_time
#define MBEDTLS_PLATFORM_MS_TIME_ALT  /* mbedtls_ms_time() from gch_clock_ms() */
#define MBEDTLS_PLATFORM_GMTIME_R_ALT /* pure arithmetic: no libc time zone code */
#define MBEDTLS_NO_PLATFORM_ENTROPY   /* no /dev/urandom inside Mbed TLS ... */
#define MBEDTLS_ENTROPY_HARDWARE_ALT  /* ... entropy comes from gch_entropy_fill() */

/* --- Crypto primitives. --- */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES /* tables in flash, not RAM */
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C /* some CA chains still sign with SHA-1 */
#define MBEDTLS_SHA224_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA384_C
#define MBEDTLS_SHA512_C
#define MBEDTLS_HKDF_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21 /* RSA-PSS: required by TLS 1.3 for RSA certs */
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_PSA_CRYPTO_C /* TLS 1.3 runs its key schedule through PSA */
#define MBEDTLS_USE_PSA_CRYPTO
#define MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS /* no shared memory: skip PSA's copy of every
                                                 buffer (about 32 KiB per 16 KiB record) */
#define MBEDTLS_ERROR_C                      /* readable TLS errors for the user */

/* --- TLS: client only, 1.2 and 1.3. --- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE /* required by the TLS 1.3 client */

/* Record buffers: IN must hold a full 16 KiB record (servers rarely honour the
 * max_fragment_length extension); OUT only carries our small requests. */
#ifndef MBEDTLS_SSL_IN_CONTENT_LEN
#define MBEDTLS_SSL_IN_CONTENT_LEN 16384
#endif
#ifndef MBEDTLS_SSL_OUT_CONTENT_LEN
#define MBEDTLS_SSL_OUT_CONTENT_LEN 4096
#endif

#endif
