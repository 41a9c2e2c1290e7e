/*
 * gch_proxy_url.h - where the HTTP proxy is, as users write it: the --proxy
 * option or the HTTPS_PROXY variable, "http://[user[:password]@]host[:port]".
 *
 * Read as curl reads it: the scheme may be left out (http is meant), the port
 * defaults to 1080, a trailing "/" is allowed, the credentials are
 * percent-encoded. Strict otherwise: only http (a TLS or SOCKS proxy is another
 * protocol), no path, query or fragment, a host of letters, digits, '-' and '.'
 * or a bracketed IPv6 literal, a port from 1 to 65535. Results are slices of the
 * input; nothing is copied until gch_url_percent_decode().
 */
#ifndef GCH_PROXY_URL_H
#define GCH_PROXY_URL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"

#define GCH_PROXY_DEFAULT_PORT 1080u /* curl's, for a URL without a port */

typedef struct {
    const char *host; /* without brackets */
    size_t host_len;
    bool host_ipv6;
    uint16_t port;
    bool has_credentials; /* "user[:password]@" was present (user may be empty) */
    const char *user;     /* percent-encoded, as written */
    size_t user_len;
    const char *password; /* percent-encoded; empty when absent */
    size_t password_len;
} gch_proxy_url_t;

/* GCH_OK; GCH_ERR_CONFIG for a scheme other than http (https, socks5, ...);
 * GCH_ERR_URL for anything else that is not such a URL. */
gch_status_t gch_proxy_url_parse(const char *s, size_t len, gch_proxy_url_t *url);

/* Percent-decodes s[0..len) into out, NUL-terminated; *out_len without the NUL.
 * GCH_ERR_URL for a malformed %XX or an encoded NUL or control character,
 * GCH_ERR_NOSPACE when it does not fit (out then holds ""). */
gch_status_t gch_url_percent_decode(const char *s, size_t len, char *out, size_t cap, size_t *out_len);

#endif
