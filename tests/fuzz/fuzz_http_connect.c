/*
 * fuzz_http_connect.c - libFuzzer harness for the HTTP side of a proxy tunnel
 * (core/http/gch_http_connect.h): the reader of the proxy's answer to CONNECT,
 * and the CONNECT writer with Basic credentials.
 *
 * Input: the whole input is a proxy's answer; it is also cut into a host, a
 * port, a user and a password for the writer.
 * Properties of the reader: no memory error; fed whole, one byte at a time and
 * in random slices it reaches the same verdict, done flag and consumed count;
 * it never consumes a byte after the head (a 2xx verdict means the consumed
 * bytes end with the blank line and a 2xx status, everything after is the
 * tunnel's); the status line it reports is printable ASCII.
 * Properties of the writer: a request it writes is exactly one request line
 * naming the host, and the header lines it was given, every line ended by
 * CRLF with no other CR or LF; the Basic credentials decode back to
 * "user:password".
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/gch_buf.h"
#include "fuzz_util.h"
#include "http/gch_http_connect.h"

static gch_http_connect_reader_t rd;

typedef struct {
    gch_status_t st;
    bool done;
    size_t consumed;
} outcome_t;

static outcome_t read_answer(const uint8_t *data, size_t size, int mode, fuzz_rng_t *rng)
{
    outcome_t o = { GCH_OK, false, 0 };
    gch_http_connect_reader_init(&rd);
    while (!o.done) {
        size_t left = size - o.consumed;
        size_t n = fuzz_piece(rng, mode, left), used = 0;
        o.st = gch_http_connect_feed(&rd, data + o.consumed, n, &used, &o.done);
        FUZZ_ASSERT(used <= n);
        o.consumed += used;
        if (o.st != GCH_OK || left == 0) {
            break;
        }
        if (!o.done) {
            FUZZ_ASSERT(used == n); /* asking for more means every byte was taken */
        }
    }
    return o;
}

static void check_reader(const uint8_t *data, size_t size)
{
    fuzz_rng_t rng;
    fuzz_rng_seed(&rng, data, size);
    outcome_t whole = read_answer(data, size, 0, &rng);
    for (int mode = 1; mode <= 2; mode++) {
        outcome_t o = read_answer(data, size, mode, &rng);
        FUZZ_ASSERT(o.st == whole.st && o.done == whole.done);
        if (o.done || o.st == GCH_OK) {
            FUZZ_ASSERT(o.consumed == whole.consumed);
        }
    }
    FUZZ_ASSERT(whole.consumed <= size);
    if (whole.done) {
        uint16_t s = rd.parser.status;
        FUZZ_ASSERT(s >= 200 && s <= 599);
        FUZZ_ASSERT((whole.st == GCH_OK) == (s < 300));
        FUZZ_ASSERT(whole.st == GCH_OK || whole.st == GCH_ERR_PROXY || whole.st == GCH_ERR_PROXY_AUTH);
        FUZZ_ASSERT((whole.st == GCH_ERR_PROXY_AUTH) == (s == 407 || s == 401));
        FUZZ_ASSERT(whole.consumed >= 4 && memcmp(data + whole.consumed - 4, "\r\n\r\n", 4) == 0);
        char line[80];
        gch_http_connect_status_line(&rd, line, sizeof line);
        size_t n = strlen(line);
        FUZZ_ASSERT(n >= 12 && n < sizeof line && memcmp(line, "HTTP/1.", 7) == 0);
        for (size_t i = 0; i < n; i++) {
            FUZZ_ASSERT(line[i] >= 0x20 && line[i] < 0x7f);
        }
    } else {
        FUZZ_ASSERT(whole.st != GCH_OK || whole.consumed == size);
    }
}

static int b64v(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* base64 text -> bytes; returns the byte count, or -1 when malformed. */
static long b64_decode(const char *s, size_t n, uint8_t *out)
{
    size_t o = 0;
    if (n % 4 != 0)
        return -1;
    for (size_t i = 0; i < n; i += 4) {
        int v[4];
        int pad = 0;
        for (size_t k = 0; k < 4; k++) {
            if (s[i + k] == '=' && i + 4 == n && k >= 2) {
                v[k] = 0;
                pad++;
            } else if ((v[k] = b64v(s[i + k])) < 0 || pad > 0) {
                return -1;
            }
        }
        uint32_t q = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
        out[o++] = (uint8_t)(q >> 16);
        if (pad < 2)
            out[o++] = (uint8_t)(q >> 8);
        if (pad < 1)
            out[o++] = (uint8_t)q;
    }
    return (long)o;
}

static void check_writer(const uint8_t *data, size_t size)
{
    static char auth[GCH_PROXY_AUTH_MAX];
    static char req[GCH_PROXY_HEAD_SIZE];
    static uint8_t plain[GCH_PROXY_AUTH_MAX];
    if (size < 4)
        return;
    /* host | user | password, cut at the first two bytes' offsets */
    size_t a = data[0] % (size - 2) + 2, b = a + data[1] % (size - a + 1);
    const char *host = (const char *)data + 2, *user = (const char *)data + a, *pass = (const char *)data + b;
    size_t host_len = a - 2, user_len = b - a, pass_len = size - b;
    uint16_t port = (uint16_t)(data[0] << 8 | data[1]);

    gch_buf_t cred;
    gch_buf_init(&cred, auth, sizeof auth);
    gch_status_t st = gch_http_basic_credentials(&cred, user, user_len, pass, pass_len);
    FUZZ_ASSERT(st == GCH_OK || st == GCH_ERR_ARG || st == GCH_ERR_NOSPACE);
    if (st != GCH_OK) {
        FUZZ_ASSERT(cred.len == 0);
    } else {
        FUZZ_ASSERT(cred.len >= 6 && memcmp(auth, "Basic ", 6) == 0);
        long n = b64_decode(auth + 6, cred.len - 6, plain);
        FUZZ_ASSERT(n == (long)(user_len + 1 + pass_len));
        FUZZ_ASSERT(memcmp(plain, user, user_len) == 0 && plain[user_len] == ':' &&
                    memcmp(plain + user_len + 1, pass, pass_len) == 0);
    }

    gch_buf_t out;
    gch_buf_init(&out, req, sizeof req);
    gch_http_connect_t c = { host, host_len, port, st == GCH_OK ? auth : NULL, st == GCH_OK ? cred.len : 0 };
    gch_status_t w = gch_http_connect_write(&c, &out);
    FUZZ_ASSERT(w == GCH_OK || w == GCH_ERR_ARG || w == GCH_ERR_NOSPACE);
    if (w != GCH_OK)
        return;
    size_t lines = 0;
    for (size_t i = 0; i < out.len; i++) {
        if (req[i] == '\r' || req[i] == '\n') {
            FUZZ_ASSERT(req[i] == '\r' && i + 1 < out.len && req[i + 1] == '\n');
            lines++;
            i++;
        } else {
            FUZZ_ASSERT(req[i] != '\0');
        }
    }
    FUZZ_ASSERT(lines == (st == GCH_OK ? 5u : 4u)); /* request line, Host, User-Agent, [auth], blank */
    FUZZ_ASSERT(out.len > 8 && memcmp(req, "CONNECT ", 8) == 0);
    size_t off = 8 + (memchr(host, ':', host_len) ? 1u : 0u);
    FUZZ_ASSERT(off + host_len <= out.len && memcmp(req + off, host, host_len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_reader(data, size);
    check_writer(data, size);
    return 0;
}
