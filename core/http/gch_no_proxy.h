/*
 * gch_no_proxy.h - which hosts bypass the proxy: the NO_PROXY list as curl
 * documents it, read in place (no copy, no allocation).
 *
 * Entries are separated by commas (blanks around them are ignored):
 *   *                      every host
 *   example.com            example.com and every name under it (www.example.com),
 *   .example.com           the same (the leading dot is ignored), not nonexample.com
 *   192.168.1.7  ::1       that IP literal (IPv6 also in brackets: [::1]); IPs are
 *                          compared as addresses, so ::1 matches 0:0::1
 *   10.0.0.0/8  fd00::/8   every address in that CIDR range
 *   host:8443  [::1]:8443  any of the above, on that port only
 * Names are compared ASCII case-insensitively, a trailing dot on either side is
 * ignored. A name entry never matches an IP literal host and the other way round
 * (no resolving). Entries that are none of the above are ignored.
 */
#ifndef GCH_NO_PROXY_H
#define GCH_NO_PROXY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when host:port is in list[0..list_len): connect to it directly. host is a
 * name, an IPv4 literal or an IPv6 literal (with or without brackets). */
bool gch_no_proxy_match(const char *list, size_t list_len, const char *host, size_t host_len, uint16_t port);

/* Parses an IPv4 (dotted quad) or IPv6 literal (RFC 4291 text, no zone, no
 * brackets) into 16 bytes (IPv4: the first 4). Returns 4, 16, or 0 when s is
 * not an IP literal. */
int gch_ip_parse(const char *s, size_t len, uint8_t out[16]);

#endif
