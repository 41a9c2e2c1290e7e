/*
 * gcheal_ca_store.h - where the CLI's trusted roots live: a PEM bundle
 * (--ca-file, by default the system's /etc/ssl/certs/ca-certificates.crt) and/or
 * a hashed directory (--ca-path, as curl's --capath: files named by OpenSSL's
 * subject hash, "<hash>.0", "<hash>.1", ...). Nothing is loaded up front: the
 * TLS verification asks for an issuer (port/gch_tls_trust.h) and the store reads
 * the bundle as a stream, one certificate at a time through one 16 KiB buffer,
 * or opens the directory's files for that issuer's hash. The file I/O of trust
 * lives here, on the board side; the core and the port glue never touch files.
 */
#ifndef GCHEAL_CA_STORE_H
#define GCHEAL_CA_STORE_H

#include <stdint.h>

#include "gch_tls_trust.h"

/* Largest certificate the store hands on (bigger ones are skipped). */
#define GCHEAL_CA_DER_MAX (16u * 1024u)

typedef struct {
    const char *file; /* PEM bundle, or NULL */
    const char *dir;  /* hashed directory, or NULL */
    uint32_t file_certs;  /* certificates in the file when it was checked */
    uint32_t files_read;  /* files opened by lookups */
} gcheal_ca_store_t;

/* Checks what the options name: the file opens and holds at least one
 * certificate, the directory opens. 0, or -1 after one line on stderr. */
int gcheal_ca_store_open(gcheal_ca_store_t *s, const char *file, const char *dir);

/* The store as the TLS configuration wants it (s outlives it). */
gch_tls_trust_store_t gcheal_ca_store(gcheal_ca_store_t *s);

#endif
