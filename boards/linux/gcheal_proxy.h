/*
 * gcheal_proxy.h - the CLI's HTTP proxy: the options and environment resolved by
 * gcheal_args.c become a port/gch_proxy.h dialer on the TLS connector, with the
 * credentials from the URL or from --proxy-user-file. Every copy of a credential
 * this file makes is wiped once the Basic value is encoded; gch_proxy_t keeps
 * only that value, wiped by gcheal_proxy_finish().
 */
#ifndef GCHEAL_PROXY_H
#define GCHEAL_PROXY_H

#include "gch_proxy.h"
#include "gch_tls_connector.h"
#include "gcheal_args.h"

/* No proxy configured: nothing to do, 0. Else sets the connector's dialer and
 * returns 0, or 2 after one line on stderr (unreadable or malformed user file,
 * credentials too long). Wipes the credentials in o either way. */
int gcheal_proxy_setup(gcheal_opts_t *o, gch_tls_connector_t *tc);

/* The proxy in use (for -v figures), or NULL. */
const gch_proxy_t *gcheal_proxy_in_use(void);

/* Wipes the encoded credentials. Safe without a proxy. */
void gcheal_proxy_finish(void);

#endif
