/*
 * gch_get.c - build/gch-get: fetch https URLs through gcheal's own stack
 * (POSIX net -> Mbed TLS glue -> HTTP/1.1 client) and write the bodies to
 * stdout. The first end-to-end proof of the foundation, and a handy probe.
 *
 *   gch-get [--ca-file PATH] [-v] URL...
 *
 * Several URLs on the same host share one kept-alive connection when the
 * server allows it. Exit: 0 all fetched with a 2xx status, 1 a non-2xx status,
 * 2 usage, 4 network, TLS or protocol failure.
 */
#include <stdio.h>
#include <string.h>

#include "http/gch_http_client.h"
#include "gch_posix.h"
#include "gch_tls.h"
#include "gch_tls_arena.h"
#include "http/gch_url.h"

#define CA_MAX (1024u * 1024u)
#define DEFAULT_CA "/etc/ssl/certs/ca-certificates.crt"

static uint8_t ca_pem[CA_MAX + 1];
static uint8_t rx[16384];
static char head_out[2048];
static char head_in[8192];
static gch_http_header_t headers[64];
static gch_tls_config_t tls_cfg;
static gch_tls_conn_t conn;
static gch_http_client_t http;

static int verbose;

static int load_ca(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "gch-get: cannot open CA file %s\n", path);
        return -1;
    }
    size_t n = fread(ca_pem, 1, CA_MAX, f);
    int too_big = !feof(f);
    fclose(f);
    if (too_big) {
        fprintf(stderr, "gch-get: CA file %s is over %u bytes\n", path, CA_MAX);
        return -1;
    }
    ca_pem[n] = 0;
    *len = n + 1; /* Mbed TLS wants PEM with its terminating NUL */
    return 0;
}

static int fail(const char *what, gch_status_t st)
{
    char why[320] = "";
    if (st == GCH_ERR_TLS || st == GCH_ERR_TLS_VERIFY) {
        gch_tls_describe(&conn, why, sizeof why);
    }
    fprintf(stderr, "gch-get: %s: %s%s%s\n", what, gch_strerror(st), why[0] ? ": " : "", why);
    return 4;
}

#define HOST_MAX 256 /* a URL host, NUL included */

/* Connected endpoint, to decide whether the next URL can reuse the connection. */
static char cur_host[HOST_MAX];
static uint16_t cur_port;

static int ensure_connection(const gch_url_t *u)
{
    char host[HOST_MAX];
    if (u->host_len >= sizeof host) {
        fprintf(stderr, "gch-get: host name too long\n");
        return 2;
    }
    memcpy(host, u->host, u->host_len);
    host[u->host_len] = '\0';
    if (conn.open && gch_http_reusable(&http) && strcmp(host, cur_host) == 0 && u->port == cur_port) {
        return 0;
    }
    gch_tls_close(&conn);
    gch_status_t st = gch_tls_connect(&conn, &tls_cfg, host, u->port, 10000);
    if (st != GCH_OK) {
        return fail("connect", st);
    }
    memcpy(cur_host, host, sizeof host);
    cur_port = u->port;
    gch_http_client_attach(&http, gch_tls_transport(&conn));
    if (verbose) {
        char info[128], peer[64];
        gch_tls_session_info(&conn, info, sizeof info);
        gch_net_peer(&conn.net, peer, sizeof peer);
        fprintf(stderr, "gch-get: connected to %s (%s), %s\n", host, peer, info);
        fprintf(stderr, "gch-get: TLS arena high-water mark: %zu bytes (of %zu)\n",
                gch_tls_arena_peak(), gch_tls_arena_size());
    }
    return 0;
}

static int fetch(const char *url)
{
    gch_url_t u;
    if (gch_url_parse(url, strlen(url), &u) != GCH_OK || !u.absolute) {
        fprintf(stderr, "gch-get: not an https URL: %s\n", url);
        return 2;
    }
    int rc = ensure_connection(&u);
    if (rc != 0) {
        return rc;
    }
    /* The Host header wants IPv6 literals in brackets again. */
    const char *host = u.host;
    size_t host_len = u.host_len;
    if (u.host_ipv6) {
        host = u.host - 1;
        host_len += 2;
    }
    gch_http_request_t req = { "GET", host, host_len, u.port, u.target, u.target_len, NULL, 0, false, 0 };
    gch_status_t st = gch_http_send_head(&http, &req);
    if (st == GCH_OK) {
        st = gch_http_recv_head(&http);
    }
    if (st != GCH_OK) {
        return fail("request", st);
    }
    const uint8_t *d;
    size_t n;
    do {
        st = gch_http_recv_body(&http, &d, &n);
        if (st != GCH_OK) {
            return fail("body", st);
        }
        if (n > 0 && fwrite(d, 1, n, stdout) != n) {
            fprintf(stderr, "gch-get: write error\n");
            return 4;
        }
    } while (n > 0);
    if (verbose) {
        fprintf(stderr, "gch-get: %s -> %u, %llu body bytes%s\n", url, http.parser.status,
                (unsigned long long)http.parser.body_bytes, gch_http_reusable(&http) ? ", kept alive" : "");
    }
    return (http.parser.status >= 200 && http.parser.status < 300) ? 0 : 1;
}

int main(int argc, char **argv)
{
    const char *ca_file = DEFAULT_CA;
    int first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "--ca-file") == 0 && first + 1 < argc) {
            ca_file = argv[++first];
        } else if (strcmp(argv[first], "-v") == 0) {
            verbose = 1;
        } else {
            break;
        }
    }
    if (first >= argc) {
        fprintf(stderr, "usage: gch-get [--ca-file PATH] [-v] https://host[:port]/path ...\n");
        return 2;
    }
    gch_posix_install_signals();
    size_t ca_len = 0;
    if (load_ca(ca_file, &ca_len) != 0) {
        return 2;
    }
    gch_status_t st = gch_tls_config_init(&tls_cfg, ca_pem, ca_len);
    if (st != GCH_OK) {
        fprintf(stderr, "gch-get: TLS setup: %s\n", gch_strerror(st));
        gch_tls_config_free(&tls_cfg);
        return 2;
    }
    gch_http_client_config_t hc = { rx, sizeof rx, head_out, sizeof head_out, head_in, sizeof head_in,
                                    headers, sizeof headers / sizeof headers[0], 10000, 60000 };
    (void)gch_http_client_init(&http, &hc);
    int rc = 0;
    for (int i = first; i < argc && rc == 0; i++) {
        rc = fetch(argv[i]);
    }
    fflush(stdout);
    gch_tls_close(&conn);
    gch_tls_config_free(&tls_cfg);
    return rc;
}
