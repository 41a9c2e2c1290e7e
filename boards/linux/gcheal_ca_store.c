/*
 * gcheal_ca_store.c - the CLI's trust store: a PEM bundle streamed on each
 * lookup, and/or a hashed directory (see gcheal_ca_store.h).
 */
#include "gcheal_ca_store.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gch_pem.h"
#include "gch_x509_name.h"
#include "gcheal_journal.h"

#define HASHED_FILES_MAX 64u /* <hash>.0 .. <hash>.63: more collisions than any store has */

static uint8_t der[GCHEAL_CA_DER_MAX];
static uint8_t chunk[4096];
static gch_pem_reader_t pem;

/* The lookup's offer, or a count of the certificates in the file. */
typedef struct {
    gch_tls_trust_offer_fn offer;
    void *offer_ctx;
    uint32_t certs;
} sink_t;

static void on_cert(void *ctx, const uint8_t *d, size_t len)
{
    sink_t *s = ctx;
    const uint8_t *name;
    size_t name_len;
    if (gch_x509_cert_subject(d, len, &name, &name_len) != GCH_OK) {
        return;
    }
    s->certs++;
    if (s->offer != NULL) {
        s->offer(s->offer_ctx, d, len);
    }
}

/* Every certificate of one PEM file through s. 0, or the errno of fopen/fread. */
static int stream_file(gcheal_ca_store_t *st, const char *path, sink_t *s)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return errno != 0 ? errno : EIO;
    }
    st->files_read++;
    gch_pem_init(&pem, der, sizeof der);
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        gch_pem_feed(&pem, chunk, n, on_cert, s);
    }
    int err = ferror(f) ? EIO : 0;
    fclose(f);
    gch_pem_finish(&pem, on_cert, s);
    return err;
}

static int find(void *ctx, const uint8_t *name, size_t name_len, uint32_t name_hash, gch_tls_trust_offer_fn offer,
                void *offer_ctx)
{
    gcheal_ca_store_t *st = ctx;
    sink_t s = { offer, offer_ctx, 0 };
    int rc = 0;
    (void)name; /* the bundle is read whole; the lookup compares the names */
    (void)name_len;
    if (st->file != NULL && stream_file(st, st->file, &s) != 0) {
        rc = -1;
    }
    if (st->dir != NULL && name_hash != 0) {
        static char path[4096]; /* not on the stack: TLS verification runs deep in it */
        for (unsigned i = 0; i < HASHED_FILES_MAX; i++) {
            int k = snprintf(path, sizeof path, "%s/%08x.%u", st->dir, (unsigned)name_hash, i);
            if (k < 0 || (size_t)k >= sizeof path) {
                return -1;
            }
            int err = stream_file(st, path, &s);
            if (err == ENOENT) {
                break; /* the first missing number ends the chain, as in OpenSSL */
            }
            if (err != 0) {
                rc = -1;
            }
        }
    }
    return rc;
}

int gcheal_ca_store_open(gcheal_ca_store_t *s, const char *file, const char *dir)
{
    memset(s, 0, sizeof *s);
    s->file = file;
    s->dir = dir;
    if (file != NULL) {
        sink_t count = { NULL, NULL, 0 };
        int err = stream_file(s, file, &count);
        if (err != 0) {
            fprintf(stderr, "%sgcheal: cannot read CA file %s: %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), file,
                    strerror(err));
            return -1;
        }
        if (count.certs == 0) {
            fprintf(stderr, "%sgcheal: CA file %s: %s (no PEM certificate in it)\n",
                    gcheal_journal_prefix(GCHEAL_LOG_ERR), file, gch_strerror(GCH_ERR_TLS_CA));
            return -1;
        }
        s->file_certs = count.certs;
        s->files_read = 0;
    }
    if (dir != NULL) {
        DIR *d = opendir(dir);
        if (d == NULL) {
            fprintf(stderr, "%sgcheal: cannot open CA directory %s: %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), dir,
                    strerror(errno));
            return -1;
        }
        closedir(d);
    }
    return 0;
}

gch_tls_trust_store_t gcheal_ca_store(gcheal_ca_store_t *s)
{
    gch_tls_trust_store_t t = { s, find };
    return t;
}
