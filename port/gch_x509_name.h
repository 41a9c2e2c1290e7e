/*
 * gch_x509_name.h - the two things a trust store needs to know about X.509
 * names without parsing whole certificates: where a certificate's subject is,
 * and OpenSSL's canonical form of a name.
 *
 * The canonical form is what OpenSSL hashes for a hashed CA directory
 * (c_rehash, `openssl rehash`, curl's --capath): files are named by the first
 * four bytes of its SHA-1, little-endian, as "%08x.N" (port/gch_tls_trust.h
 * computes that). It is also how two encodings of one name compare equal:
 * every string type (PrintableString, T61String, IA5String, VisibleString,
 * BMPString, UniversalString, UTF8String) becomes a UTF8String, leading and
 * trailing white space dropped, inner runs of it one space, ASCII letters lower
 * case; every other value is kept as it is; each RDN is re-encoded as a DER SET
 * (its attributes sorted), and the outer SEQUENCE is left out.
 *
 * Pure functions over DER bytes (local CA files, and the issuer name of a
 * server's certificate): bounded, no allocation, no Mbed TLS.
 */
#ifndef GCH_X509_NAME_H
#define GCH_X509_NAME_H

#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"

/* Most attributes one RDN may hold in the canonical form (more: GCH_ERR_TOO_LARGE). */
#define GCH_X509_RDN_MAX 16u

/* The subject Name of a DER certificate, its SEQUENCE header included (as Mbed
 * TLS's subject_raw). GCH_ERR_TLS_CA when der is not a certificate's shape. */
gch_status_t gch_x509_cert_subject(const uint8_t *der, size_t len, const uint8_t **name, size_t *name_len);

/* OpenSSL's canonical encoding of a DER Name (SEQUENCE header included) into
 * out. GCH_OK; GCH_ERR_TLS_CA for a malformed name or string (a BMPString of
 * odd length, ...); GCH_ERR_NOSPACE when out is too small; GCH_ERR_TOO_LARGE
 * for an RDN of more than GCH_X509_RDN_MAX attributes. */
gch_status_t gch_x509_name_canon(const uint8_t *name, size_t len, uint8_t *out, size_t cap, size_t *out_len);

#endif
