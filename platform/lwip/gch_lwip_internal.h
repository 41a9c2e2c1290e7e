/*
 * gch_lwip_internal.h - helpers shared by the files of platform/lwip only.
 */
#ifndef GCH_LWIP_INTERNAL_H
#define GCH_LWIP_INTERNAL_H

#include <stdint.h>

#include "base/gch_status.h"
#include "lwip/ip_addr.h"

/* Absolute deadline -> "has it passed", on the board's clock. */
int gch_lwip_expired(uint64_t deadline);

/* Resolve host (numeric IPv4, else lwIP's DNS client when LWIP_DNS is on) to an
 * IPv4 address, polling the board until the answer or the deadline.
 * GCH_OK, GCH_ERR_DNS (no such name, or no DNS on this board) or GCH_ERR_TIMEOUT. */
gch_status_t gch_lwip_resolve(const char *host, ip_addr_t *out, uint64_t deadline);

#endif
