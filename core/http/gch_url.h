/*
 * gch_url.h - the URLs gcheal builds and the URLs the server hands back.
 *
 * (a) gch_url_encode_component(): percent-encodes one query component (Genesys
 *     client layer, building ?pageSize=..&name=..).
 * (b) gch_url_parse(): a strict parser for "https://host[:port]/path?query" and the
 *     server-relative "/path?query". Results are slices into the input, no copies.
 * (c) gch_url_same_origin_path(): the guard every server-supplied URI (a page's
 *     nextUri, a Location) passes before it is requested. It yields a request target
 *     only for the configured host and port, so credentials never leave it.
 *
 * Strictness: only https, no userinfo, no fragment, no empty port, hosts of
 * letters/digits/'-'/'.' or a bracketed IPv6 literal (no zone id), path and query of
 * RFC 3986 pchar/'/'/'?' with well-formed %XX, and a path that never begins with
 * "//" (which a later re-parse would read as another authority).
 */
#ifndef GCH_URL_H
#define GCH_URL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_buf.h"
#include "base/gch_status.h"

#define GCH_URL_HTTPS_PORT 443u

/* Slices point into the string given to gch_url_parse(); valid while it lives. */
typedef struct {
    bool absolute;    /* "https://..." (true) or server-relative "/..." (false) */
    const char *host; /* absolute only; without brackets for IPv6; else NULL */
    size_t host_len;
    bool host_ipv6;     /* host was a bracketed IPv6 literal */
    uint16_t port;      /* absolute only: explicit port, or 443; else 0 */
    const char *target; /* path + optional "?query": what goes in the request line */
    size_t target_len;
    const char *path; /* target up to '?' (never empty, starts with one '/') */
    size_t path_len;
    const char *query; /* after '?', without it; NULL when there is no '?' */
    size_t query_len;
} gch_url_t;

/* Appends s percent-encoded: RFC 3986 unreserved bytes kept, all others %XX (upper). */
void gch_url_encode_component(gch_buf_t *out, const char *s, size_t len);

/* Parses an absolute https URL or a server-relative reference. GCH_ERR_URL if malformed. */
gch_status_t gch_url_parse(const char *s, size_t len, gch_url_t *url);

/*
 * host/host_len/port: the configured API host ("api.mypurecloud.com", "::1" or "[::1]")
 * and port. uri: the server-supplied reference. On GCH_OK, *target is a slice of uri
 * to put in the request line: the path+query of a server-relative reference, or of an
 * absolute https URL whose host equals host (ASCII case-insensitive) and whose port
 * equals port. GCH_ERR_URL_FOREIGN_HOST for another host or port (including "//host/..."),
 * GCH_ERR_URL for anything malformed or not https, GCH_ERR_ARG for an invalid host.
 */
gch_status_t gch_url_same_origin_path(const char *host, size_t host_len, uint16_t port, const char *uri, size_t uri_len,
                                      const char **target, size_t *target_len);

#endif
