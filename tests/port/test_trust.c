/*
 * test_trust.c - the pieces of the on-demand trust store, checked against the
 * real thing: the PEM stream finds every certificate of the system bundle
 * whatever the slicing, the subject it finds is Mbed TLS's subject_raw, and the
 * subject hash is OpenSSL's (`openssl x509 -subject_hash`, run live) for every
 * root of the system store and for names made to be awkward (case, runs of
 * spaces, T61String, BMPString, a multi-valued RDN).
 *
 * Needs /etc/ssl/certs/ca-certificates.crt and the openssl command (Debian's
 * ca-certificates and openssl, both in scripts/host-packages.txt).
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gch_pem.h"
#include "gch_test.h"
#include "gch_tls_arena.h"
#include "gch_tls_trust.h"
#include "gch_x509_name.h"
#include "mbedtls/x509_crt.h"

#define BUNDLE "/etc/ssl/certs/ca-certificates.crt"
#define MAX_CERTS 400

static uint8_t file[512 * 1024];
static size_t file_len;
static uint8_t der_buf[16384];

typedef struct {
    size_t count;
    uint32_t digest[MAX_CERTS]; /* FNV-1a of each certificate */
    uint8_t *keep;              /* where to copy them, or NULL */
    size_t keep_len[MAX_CERTS], keep_off[MAX_CERTS], used;
} seen_t;

static seen_t whole, sliced;
static uint8_t kept[512 * 1024];

static uint32_t fnv(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    return h;
}

static void on_cert(void *ctx, const uint8_t *der, size_t len)
{
    seen_t *s = ctx;
    if (s->count < MAX_CERTS) {
        s->digest[s->count] = fnv(der, len);
        if (s->keep != NULL && s->used + len <= sizeof kept) {
            memcpy(s->keep + s->used, der, len);
            s->keep_off[s->count] = s->used;
            s->keep_len[s->count] = len;
            s->used += len;
        }
    }
    s->count++;
}

static int load_bundle(void)
{
    if (file_len > 0) {
        return 0;
    }
    FILE *f = fopen(BUNDLE, "rb");
    if (f == NULL) {
        return -1;
    }
    file_len = fread(file, 1, sizeof file, f);
    fclose(f);
    return 0;
}

static size_t count_markers(void)
{
    size_t n = 0;
    for (const uint8_t *p = file; (p = memmem(p, file_len - (size_t)(p - file), "-----BEGIN CERTIFICATE-----", 27));
         p++) {
        n++;
    }
    return n;
}

static void test_pem_stream_finds_every_certificate_in_any_slicing(void)
{
    GCH_CHECK(load_bundle() == 0);
    gch_pem_reader_t r;
    memset(&whole, 0, sizeof whole);
    whole.keep = kept;
    gch_pem_init(&r, der_buf, sizeof der_buf);
    gch_pem_feed(&r, file, file_len, on_cert, &whole);
    gch_pem_finish(&r, on_cert, &whole);
    GCH_CHECK(whole.count > 100);
    GCH_CHECK_EQ_INT(whole.count, count_markers());
    GCH_CHECK_EQ_INT(r.skipped, 0);
    for (size_t step = 1; step <= 997; step += 332) {
        memset(&sliced, 0, sizeof sliced);
        gch_pem_init(&r, der_buf, sizeof der_buf);
        for (size_t i = 0; i < file_len; i += step) {
            gch_pem_feed(&r, file + i, file_len - i < step ? file_len - i : step, on_cert, &sliced);
        }
        gch_pem_finish(&r, on_cert, &sliced);
        GCH_CHECK_EQ_INT(sliced.count, whole.count);
        GCH_CHECK(memcmp(sliced.digest, whole.digest, whole.count * sizeof whole.digest[0]) == 0);
    }
}

static size_t pem_count(const char *text, size_t cap, uint32_t *skipped)
{
    gch_pem_reader_t r;
    memset(&sliced, 0, sizeof sliced);
    gch_pem_init(&r, der_buf, cap);
    gch_pem_feed(&r, (const uint8_t *)text, strlen(text), on_cert, &sliced);
    gch_pem_finish(&r, on_cert, &sliced);
    *skipped = r.skipped;
    return sliced.count;
}

static void test_pem_skips_broken_blocks_whole(void)
{
    uint32_t skipped;
    /* "AAEC" is 00 01 02 */
    GCH_CHECK_EQ_INT(pem_count("-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----", 64, &skipped), 1);
    GCH_CHECK_EQ_INT(
        pem_count("x\n-----BEGIN CERTIFICATE-----\r\n AA EC\r\n-----END CERTIFICATE-----\r\n", 64, &skipped), 1);
    GCH_CHECK_EQ_INT(pem_count("-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nAAEC\n-----END CERTIFICATE-----\n",
                               64, &skipped),
                     0);
    GCH_CHECK_EQ_INT(skipped, 1);
    GCH_CHECK_EQ_INT(pem_count("-----BEGIN CERTIFICATE-----\nAAE=C\n-----END CERTIFICATE-----\n", 64, &skipped), 0);
    GCH_CHECK_EQ_INT(pem_count("-----BEGIN CERTIFICATE-----\nAAE\n-----END CERTIFICATE-----\n", 64, &skipped), 0);
    GCH_CHECK_EQ_INT(pem_count("-----BEGIN CERTIFICATE-----\nAAECAAEC\n-----END CERTIFICATE-----\n", 5, &skipped), 0);
    GCH_CHECK_EQ_INT(skipped, 1); /* larger than the buffer: skipped, never cut */
    GCH_CHECK_EQ_INT(pem_count("-----BEGIN CERTIFICATE-----\nAAEC\n", 64, &skipped), 0);
    GCH_CHECK_EQ_INT(skipped, 1);
    GCH_CHECK_EQ_INT(pem_count("-----BEGIN PRIVATE KEY-----\nAAEC\n-----END PRIVATE KEY-----\n"
                               "-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n",
                               64, &skipped),
                     1);
    GCH_CHECK_EQ_INT(pem_count("-----BEGIN CERTIFICATE-----\nAAEC\n-----BEGIN CERTIFICATE-----\nAAEC\n"
                               "-----END CERTIFICATE-----\n",
                               64, &skipped),
                     1); /* an unterminated block, then a good one */
    GCH_CHECK_EQ_INT(skipped, 1);
    GCH_CHECK_EQ_INT(pem_count("-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n", 64, &skipped), 1);
    /* a marker line longer than any marker (found by fuzz_ca_store) */
    GCH_CHECK_EQ_INT(pem_count("-----BEGIN CERTIFICATE-----\nAAEC\n----------------------------------------------- \n"
                               "-----END CERTIFICATE-----\n",
                               64, &skipped),
                     0);
    GCH_CHECK_EQ_INT(skipped, 1);
}

static void test_subject_is_mbedtls_subject_raw(void)
{
    GCH_CHECK(whole.count > 100);
    gch_tls_arena_init();
    for (size_t i = 0; i < whole.count && i < MAX_CERTS; i++) {
        const uint8_t *d = kept + whole.keep_off[i], *name;
        size_t n = 0;
        GCH_CHECK_EQ_INT(gch_x509_cert_subject(d, whole.keep_len[i], &name, &n), GCH_OK);
        mbedtls_x509_crt crt;
        mbedtls_x509_crt_init(&crt);
        GCH_CHECK_EQ_INT(mbedtls_x509_crt_parse_der(&crt, d, whole.keep_len[i]), 0);
        GCH_CHECK_MEM(name, n, crt.subject_raw.p, crt.subject_raw.len);
        mbedtls_x509_crt_free(&crt);
    }
    GCH_CHECK_EQ_INT(gch_x509_cert_subject((const uint8_t *)"\x30\x03\x02\x01\x00", 5, NULL, NULL), GCH_ERR_TLS_CA);
}

/* OpenSSL's subject hash of the DER certificate d, run live. */
static int openssl_hash(const uint8_t *d, size_t len, uint32_t *hash)
{
    char path[] = "/tmp/gch-trust-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, d, len) != (ssize_t)len) {
        return -1;
    }
    close(fd);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "openssl x509 -inform DER -in %s -noout -subject_hash", path);
    FILE *p = popen(cmd, "r");
    unsigned v = 0;
    int ok = p != NULL && fscanf(p, "%8x", &v) == 1;
    if (p != NULL) {
        pclose(p);
    }
    unlink(path);
    *hash = v;
    return ok ? 0 : -1;
}

static uint32_t our_hash_of_cert(const uint8_t *d, size_t len, gch_status_t *st)
{
    const uint8_t *name;
    size_t n;
    uint32_t h = 0;
    *st = gch_x509_cert_subject(d, len, &name, &n);
    if (*st == GCH_OK) {
        *st = gch_tls_trust_name_hash(name, n, &h);
    }
    return h;
}

static void test_subject_hash_is_openssls_for_the_system_store(void)
{
    GCH_CHECK(whole.count > 100);
    for (size_t i = 0; i < whole.count && i < MAX_CERTS; i++) {
        const uint8_t *d = kept + whole.keep_off[i];
        uint32_t theirs = 0;
        gch_status_t st;
        uint32_t ours = our_hash_of_cert(d, whole.keep_len[i], &st);
        GCH_CHECK_EQ_INT(st, GCH_OK);
        GCH_CHECK_EQ_INT(openssl_hash(d, whole.keep_len[i], &theirs), 0);
        if (ours != theirs) {
            fprintf(stderr, "  certificate %zu: ours %08x, openssl %08x\n", i, ours, theirs);
        }
        GCH_CHECK_EQ_INT(ours, theirs);
    }
}

/* A self-signed certificate for subj made by openssl (string_mask default:
 * Printable, else T61 for Latin-1, else BMP), as DER in der_buf. */
static size_t make_cert(const char *subj, bool multivalue)
{
    char dir[] = "/tmp/gch-names-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        return 0;
    }
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cd %s && printf '[req]\\ndistinguished_name=dn\\nstring_mask=default\\n[dn]\\n' > cfg && "
             "openssl req -x509 -config cfg -utf8 %s -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
             "-keyout k.pem -outform DER -out c.der -days 2 -subj '%s' 2>/dev/null",
             dir, multivalue ? "-multivalue-rdn" : "", subj);
    size_t n = 0;
    if (system(cmd) == 0) {
        char path[64];
        snprintf(path, sizeof path, "%s/c.der", dir);
        FILE *f = fopen(path, "rb");
        if (f != NULL) {
            n = fread(der_buf, 1, sizeof der_buf, f);
            fclose(f);
        }
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    (void)system(cmd);
    return n;
}

static void test_subject_hash_of_awkward_names_is_openssls(void)
{
    static const struct {
        const char *subj;
        bool multi;
    } names[] = {
        { "/CN=  Mixed   CASE \t Name  /O=Example", false },
        { "/C=DE/O=\xc3\x84rger \xc3\xbc"
          "ber Gr\xc3\xb6\xc3\x9f"
          "e/CN=t61",
          false },                                                         /* Latin-1: T61String */
        { "/CN=\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e  Root/O=BMP", false }, /* BMPString */
        { "/CN=b+O=A+OU=c/C=US", true },                                   /* one RDN, three values */
        { "/CN=\xe6\x97\xa5\xe6\x9c\xac+O=abcde", true }, /* BMP before O in DER, after it once canonical */
        { "/DC=com/DC=Example/CN=", false },
        { "/serialNumber=0042/CN=x", false },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = make_cert(names[i].subj, names[i].multi);
        GCH_CHECK(n > 0);
        uint32_t theirs = 0;
        gch_status_t st;
        uint32_t ours = our_hash_of_cert(der_buf, n, &st);
        GCH_CHECK_EQ_INT(st, GCH_OK);
        GCH_CHECK_EQ_INT(openssl_hash(der_buf, n, &theirs), 0);
        if (ours != theirs) {
            fprintf(stderr, "  %s: ours %08x, openssl %08x\n", names[i].subj, ours, theirs);
        }
        GCH_CHECK_EQ_INT(ours, theirs);
    }
}

static void test_two_encodings_of_one_name_are_one_canonical_name(void)
{
    /* SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, PrintableString "Foo  BAR " } } } */
    static const uint8_t printable[] = { 0x30, 0x14, 0x31, 0x12, 0x30, 0x10, 0x06, 0x03, 0x55, 0x04, 0x03,
                                         0x13, 0x09, 'F',  'o',  'o',  ' ',  ' ',  'B',  'A',  'R',  ' ' };
    /* the same as a BMPString "foo bar" */
    static const uint8_t bmp[] = { 0x30, 0x19, 0x31, 0x17, 0x30, 0x15, 0x06, 0x03, 0x55, 0x04, 0x03, 0x1e, 0x0e, 0,
                                   'f',  0,    'o',  0,    'o',  0,    ' ',  0,    'b',  0,    'a',  0,    'r' };
    uint8_t a[128], b[128];
    size_t an, bn;
    GCH_CHECK_EQ_INT(gch_x509_name_canon(printable, sizeof printable, a, sizeof a, &an), GCH_OK);
    GCH_CHECK_EQ_INT(gch_x509_name_canon(bmp, sizeof bmp, b, sizeof b, &bn), GCH_OK);
    GCH_CHECK_MEM(a, an, b, bn);
    static const uint8_t expect[] = { 0x31, 0x10, 0x30, 0x0e, 0x06, 0x03, 0x55, 0x04, 0x03,
                                      0x0c, 0x07, 'f',  'o',  'o',  ' ',  'b',  'a',  'r' };
    GCH_CHECK_MEM(a, an, expect, sizeof expect);
    GCH_CHECK_EQ_INT(gch_x509_name_canon(printable, sizeof printable, a, 10, &an), GCH_ERR_NOSPACE);
    GCH_CHECK_EQ_INT(gch_x509_name_canon(bmp, sizeof bmp - 1, b, sizeof b, &bn), GCH_ERR_TLS_CA);
}

GCH_TEST_MAIN(GCH_TEST(test_pem_stream_finds_every_certificate_in_any_slicing),
              GCH_TEST(test_pem_skips_broken_blocks_whole), GCH_TEST(test_subject_is_mbedtls_subject_raw),
              GCH_TEST(test_subject_hash_is_openssls_for_the_system_store),
              GCH_TEST(test_subject_hash_of_awkward_names_is_openssls),
              GCH_TEST(test_two_encodings_of_one_name_are_one_canonical_name))
