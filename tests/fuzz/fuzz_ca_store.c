/*
 * fuzz_ca_store.c - libFuzzer harness for what the on-demand trust store reads
 * (port/gch_pem.h, port/gch_x509_name.h): a PEM stream, a certificate's shape
 * and an X.509 name (the issuer of a server's certificate comes from the wire).
 *
 * Input: the whole input is a PEM stream, a DER certificate and a DER name.
 * Properties: no memory error; the PEM reader hands out the same certificates
 * (count and bytes) fed whole, one byte at a time or in random slices, none
 * larger than its buffer; a subject found lies inside the input and is a
 * SEQUENCE; a canonical name is stable: canonicalizing it again (wrapped in a
 * SEQUENCE) yields the same bytes, and a small buffer says NOSPACE, never
 * something shorter.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "gch_pem.h"
#include "gch_x509_name.h"

#define MAX_SEEN 64

typedef struct {
    size_t count;
    uint32_t digest[MAX_SEEN];
    size_t cap;
} seen_t;

static uint32_t fnv(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static void on_cert(void *ctx, const uint8_t *der, size_t len)
{
    seen_t *s = ctx;
    FUZZ_ASSERT(len > 0 && len <= s->cap);
    if (s->count < MAX_SEEN)
        s->digest[s->count] = fnv(der, len);
    s->count++;
}

static void read_pem(const uint8_t *data, size_t size, int mode, fuzz_rng_t *rng, seen_t *s)
{
    static uint8_t der[2048];
    gch_pem_reader_t r;
    memset(s, 0, sizeof *s);
    s->cap = sizeof der;
    gch_pem_init(&r, der, sizeof der);
    for (size_t off = 0; off < size;) {
        size_t n = fuzz_piece(rng, mode, size - off);
        gch_pem_feed(&r, data + off, n, on_cert, s);
        off += n;
    }
    gch_pem_finish(&r, on_cert, s);
    FUZZ_ASSERT(r.certs == s->count);
}

static void check_pem(const uint8_t *data, size_t size)
{
    seen_t whole, other;
    fuzz_rng_t rng;
    fuzz_rng_seed(&rng, data, size);
    read_pem(data, size, 0, &rng, &whole);
    for (int mode = 1; mode <= 2; mode++) {
        read_pem(data, size, mode, &rng, &other);
        FUZZ_ASSERT(other.count == whole.count);
        size_t n = whole.count < MAX_SEEN ? whole.count : MAX_SEEN;
        FUZZ_ASSERT(memcmp(other.digest, whole.digest, n * sizeof whole.digest[0]) == 0);
    }
}

static void check_name(const uint8_t *data, size_t size)
{
    static uint8_t canon[4096], again[4096 + 8], wrapped[4096 + 8];
    size_t n = 0, m = 0;
    gch_status_t st = gch_x509_name_canon(data, size, canon, sizeof canon, &n);
    FUZZ_ASSERT(st == GCH_OK || st == GCH_ERR_TLS_CA || st == GCH_ERR_NOSPACE || st == GCH_ERR_TOO_LARGE);
    if (st != GCH_OK)
        return;
    FUZZ_ASSERT(n <= sizeof canon);
    if (n > 0) {
        size_t small = 0;
        FUZZ_ASSERT(gch_x509_name_canon(data, size, again, n - 1, &small) == GCH_ERR_NOSPACE);
    }
    /* wrap in a SEQUENCE and canonicalize again: nothing changes */
    size_t h = 0;
    wrapped[h++] = 0x30;
    if (n < 0x80) {
        wrapped[h++] = (uint8_t)n;
    } else if (n < 0x100) {
        wrapped[h++] = 0x81;
        wrapped[h++] = (uint8_t)n;
    } else {
        wrapped[h++] = 0x82;
        wrapped[h++] = (uint8_t)(n >> 8);
        wrapped[h++] = (uint8_t)n;
    }
    memcpy(wrapped + h, canon, n);
    st = gch_x509_name_canon(wrapped, h + n, again, sizeof again, &m);
    FUZZ_ASSERT(st == GCH_OK);
    FUZZ_ASSERT(m == n && memcmp(again, canon, n) == 0);
}

static void check_subject(const uint8_t *data, size_t size)
{
    const uint8_t *name = NULL;
    size_t len = 0;
    if (gch_x509_cert_subject(data, size, &name, &len) != GCH_OK)
        return;
    FUZZ_ASSERT(name >= data && len >= 2 && name + len <= data + size && name[0] == 0x30);
    check_name(name, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_pem(data, size);
    check_subject(data, size);
    check_name(data, size);
    return 0;
}
