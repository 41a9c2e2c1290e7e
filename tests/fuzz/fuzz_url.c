/*
 * fuzz_url.c - libFuzzer harness for URL handling (core/http/gch_url.h): the strict
 * parser, the nextUri/Location same-origin guard and the component encoder.
 *
 * Input: byte 0 picks the configured API host and port (a DNS name on 443, one on
 * a custom port, ::1 with and without brackets); the rest is the server-supplied
 * URI.
 * Properties: no memory error; whatever the guard yields is a slice of the URI
 * that starts with exactly one '/', holds no byte a request line or a re-parse
 * could misread (controls, space, '#', '\', '@' before the path), and, put behind
 * "https://<configured host>:<port>" and parsed again, names the configured host
 * and port, never another: credentials cannot leave the host. The encoder emits
 * only unreserved bytes and %XX and decodes back to its input.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/gch_buf.h"
#include "fuzz_util.h"
#include "http/gch_url.h"

typedef struct {
    const char *host; /* as configured */
    const char *bare; /* as the parser reports it */
    uint16_t port;
} origin_t;

static const origin_t origins[4] = {
    { "api.mypurecloud.com", "api.mypurecloud.com", 443 },
    { "localhost", "localhost", 8443 },
    { "::1", "::1", 443 },
    { "[::1]", "::1", 8443 },
};

static bool ieq(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return false;
    }
    return true;
}

static void check_guard(const origin_t *o, const char *uri, size_t len)
{
    static char again[1024];
    const char *target = NULL;
    size_t tlen = 0;
    gch_url_t u;
    gch_buf_t b;
    gch_status_t st = gch_url_same_origin_path(o->host, strlen(o->host), o->port, uri, len, &target, &tlen);

    if (st != GCH_OK) {
        FUZZ_ASSERT(st == GCH_ERR_URL || st == GCH_ERR_URL_FOREIGN_HOST);
        return;
    }
    FUZZ_ASSERT(target >= uri && tlen > 0 && target + tlen <= uri + len);
    FUZZ_ASSERT(target[0] == '/' && (tlen == 1 || target[1] != '/'));
    for (size_t i = 0; i < tlen; i++) {
        unsigned char c = (unsigned char)target[i];
        FUZZ_ASSERT(c > 0x20 && c < 0x7f && c != '#' && c != '\\');
    }
    /* Requested as https://host:port<target>: the authority must be ours. */
    gch_buf_init(&b, again, sizeof again);
    gch_buf_append_str(&b, "https://");
    if (strchr(o->host, ':') && o->host[0] != '[') {
        gch_buf_append_byte(&b, '[');
        gch_buf_append_str(&b, o->host);
        gch_buf_append_byte(&b, ']');
    } else {
        gch_buf_append_str(&b, o->host);
    }
    gch_buf_append_byte(&b, ':');
    gch_buf_append_u64(&b, o->port);
    gch_buf_append(&b, target, tlen);
    if (gch_buf_status(&b) != GCH_OK)
        return;
    FUZZ_ASSERT(gch_url_parse(b.data, b.len, &u) == GCH_OK);
    FUZZ_ASSERT(u.absolute && ieq(u.host, u.host_len, o->bare) && u.port == o->port);
    FUZZ_ASSERT(u.target_len == tlen && memcmp(u.target, target, tlen) == 0);
}

static void check_parse(const char *uri, size_t len)
{
    gch_url_t u;
    if (gch_url_parse(uri, len, &u) != GCH_OK)
        return;
    FUZZ_ASSERT(u.target >= uri && u.target + u.target_len <= uri + len);
    FUZZ_ASSERT(u.path == u.target && u.path_len >= 1 && u.path_len <= u.target_len);
    FUZZ_ASSERT(u.path[0] == '/' && (u.path_len == 1 || u.path[1] != '/'));
    if (u.query)
        FUZZ_ASSERT(u.query == u.path + u.path_len + 1 && u.query + u.query_len == u.target + u.target_len);
    if (u.absolute) {
        FUZZ_ASSERT(u.host >= uri && u.host_len > 0 && u.host + u.host_len <= uri + len && u.port > 0);
        for (size_t i = 0; i < u.host_len; i++)
            FUZZ_ASSERT(u.host[i] != '@' && u.host[i] != '/' && u.host[i] != '\\' && u.host[i] != '%');
    } else {
        FUZZ_ASSERT(u.host == NULL && u.port == 0 && u.target == uri);
    }
}

static int hexv(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static void check_encode(const char *s, size_t len)
{
    static char enc[3 * 4096];
    gch_buf_t b;
    size_t j = 0;
    if (len > 4096)
        return;
    gch_buf_init(&b, enc, sizeof enc);
    gch_url_encode_component(&b, s, len);
    FUZZ_ASSERT(gch_buf_status(&b) == GCH_OK);
    for (size_t i = 0; i < b.len; j++) {
        char c = enc[i];
        FUZZ_ASSERT(j < len);
        if (c == '%') {
            FUZZ_ASSERT(i + 2 < b.len);
            FUZZ_ASSERT(hexv(enc[i + 1]) >= 0 && hexv(enc[i + 2]) >= 0);
            FUZZ_ASSERT((char)(hexv(enc[i + 1]) * 16 + hexv(enc[i + 2])) == s[j]);
            i += 3;
        } else {
            FUZZ_ASSERT((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '.' || c == '_' || c == '~');
            FUZZ_ASSERT(c == s[j]);
            i++;
        }
    }
    FUZZ_ASSERT(j == len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *uri;
    if (size < 1)
        return 0;
    uri = (const char *)data + 1;
    check_guard(&origins[data[0] & 3], uri, size - 1);
    check_parse(uri, size - 1);
    check_encode(uri, size - 1);
    return 0;
}
