/*
 * gch_port.h - the porting interface: what a platform supplies to gcheal.
 *
 * The core and the shared TLS glue call only these functions; a platform
 * (platform/posix, platform/lwip) implements all of them, bound at link time so
 * firmware pays for no indirection. The platform also defines struct gch_net in
 * its own gch_platform.h, found on the include path, so callers can own the
 * connection state without any allocation.
 *
 * Every I/O call tells four outcomes apart: bytes moved, nothing yet (timeout or
 * would-block), orderly close by the peer, and error.
 */
#ifndef GCH_PORT_H
#define GCH_PORT_H

#include <stddef.h>
#include <stdint.h>
#include "gch_status.h"
#include "gch_transport.h" /* gch_io_t */
#include "gch_platform.h"  /* struct gch_net for this platform */

typedef struct gch_net gch_net_t;

/* --- net --- */
/* Put a gch_net_t in the "not connected" state (before first use). */
void gch_net_init(gch_net_t *net);
int gch_net_is_open(const gch_net_t *net);
/* Resolve host (name, IPv4 or IPv6 literal) and connect within timeout_ms.
 * Returns GCH_OK, GCH_ERR_DNS, GCH_ERR_CONNECT or GCH_ERR_TIMEOUT. */
gch_status_t gch_net_connect(gch_net_t *net, const char *host, uint16_t port,
                             uint32_t timeout_ms);
gch_io_t gch_net_send(gch_net_t *net, const uint8_t *buf, size_t len,
                      uint32_t timeout_ms, size_t *moved);
gch_io_t gch_net_recv(gch_net_t *net, uint8_t *buf, size_t cap,
                      uint32_t timeout_ms, size_t *moved);
/* Safe to call on a closed or never-connected net. */
void gch_net_close(gch_net_t *net);
/* Write the peer address of a connected net as text ("127.0.0.1:443"); for logs. */
void gch_net_peer(const gch_net_t *net, char *out, size_t cap);

/* --- clock --- */
uint64_t gch_clock_ms(void);      /* monotonic milliseconds, never goes back */
int64_t gch_clock_wall(void);     /* seconds since 1970 UTC, or -1 when unknown */

/* --- entropy: cryptographically strong bytes, or an error (never weak bytes). --- */
gch_status_t gch_entropy_fill(uint8_t *buf, size_t len);

/* --- sleep: back-off and the watch loop. Returns early (non-zero) when
 * gch_port_cancelled() became true, so a signal ends a long wait promptly. --- */
int gch_sleep_ms(uint32_t ms);
/* True once the user asked to stop (SIGINT/SIGTERM on POSIX; board-defined elsewhere),
 * except while the core holds cancellation (below). */
int gch_port_cancelled(void);
/* hold != 0: from here on gch_port_cancelled() answers 0, so no layer (core, TLS, net)
 * abandons the exchange in flight; a stop requested meanwhile is kept, not lost, and
 * shows once the core releases the hold (hold == 0). The core holds it from the start
 * of a PATCH to the end of its verification: a PATCH is never cut halfway. */
void gch_port_hold_cancel(int hold);

/* --- log: one line, no trailing newline; level 0 = error .. 3 = debug. --- */
void gch_log_write(int level, const char *line, size_t len);

#endif
