/*
 * gch_lwip_resolve.c - host name to IPv4 address for platform/lwip.
 *
 * A numeric IPv4 address is parsed in place (ipaddr_aton); anything else goes to
 * lwIP's DNS client when the board enabled it (LWIP_DNS), else it is GCH_ERR_DNS.
 * lwIP answers a lookup later through a callback whose argument it keeps even
 * after we gave up waiting; that is why the answer lands in one static slot
 * tagged with a generation number instead of on the caller's stack. Single
 * threaded, one lookup at a time (NO_SYS=1).
 */
#include <string.h>

#include "lwip/dns.h"
#include "lwip/ip_addr.h"
#include "lwip/opt.h"

#include "gch_lwip_board.h"
#include "gch_lwip_internal.h"
#include "gch_platform.h"
#include "gch_port.h"

#if LWIP_DNS
enum { LOOKUP_WAITING, LOOKUP_FOUND, LOOKUP_FAILED };

static struct {
    uintptr_t generation; /* which lookup the callback answers */
    int state;
    ip_addr_t addr;
} lookup;

static void on_dns(const char *name, const ip_addr_t *addr, void *arg)
{
    (void)name;
    if ((uintptr_t)arg != lookup.generation) {
        return; /* the answer to a lookup we stopped waiting for */
    }
    if (addr != NULL && IP_IS_V4(addr)) {
        ip_addr_copy(lookup.addr, *addr);
        lookup.state = LOOKUP_FOUND;
    } else {
        lookup.state = LOOKUP_FAILED;
    }
}

static gch_status_t resolve_name(const char *host, ip_addr_t *out, uint64_t deadline)
{
    lookup.generation++;
    lookup.state = LOOKUP_WAITING;
    err_t e = dns_gethostbyname(host, out, on_dns, (void *)lookup.generation);
    if (e == ERR_OK) {
        return IP_IS_V4(out) ? GCH_OK : GCH_ERR_DNS; /* cached or a literal */
    }
    if (e != ERR_INPROGRESS) {
        return GCH_ERR_DNS;
    }
    while (lookup.state == LOOKUP_WAITING) {
        if (gch_lwip_expired(deadline) || gch_port_cancelled()) {
            lookup.generation++; /* a late answer is ignored */
            return GCH_ERR_TIMEOUT;
        }
        gch_lwip_board_poll();
    }
    if (lookup.state != LOOKUP_FOUND) {
        return GCH_ERR_DNS;
    }
    ip_addr_copy(*out, lookup.addr);
    return GCH_OK;
}
#endif

gch_status_t gch_lwip_resolve(const char *host, ip_addr_t *out, uint64_t deadline)
{
    if (host == NULL || host[0] == '\0') {
        return GCH_ERR_DNS;
    }
    if (ipaddr_aton(host, out)) {
        return GCH_OK;
    }
#if LWIP_DNS
    return resolve_name(host, out, deadline);
#else
    (void)deadline;
    return GCH_ERR_DNS; /* this board has no DNS client: numeric addresses only */
#endif
}
