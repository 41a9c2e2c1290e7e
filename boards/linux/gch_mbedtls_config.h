/* gch_mbedtls_config.h - Mbed TLS configuration for the Linux host boards. */
#ifndef GCH_MBEDTLS_CONFIG_H
#define GCH_MBEDTLS_CONFIG_H
#define MBEDTLS_HAVE_ASM                    /* x86-64 bignum assembly: faster handshakes */
#define MBEDTLS_AESNI_C                     /* AES-NI where the CPU has it */
#define MBEDTLS_MEMORY_DEBUG                /* exact arena high-water mark for -v */
#define MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK /* roots looked up in the CA store on demand
                                                      (port/gch_tls_trust.c), not all parsed */
#include "gch_mbedtls_common.h"
#endif
