/*
 * gch_port.h - the porting contract: everything gcheal's core asks of the
 * world, declared once. The core, the shared port glue (port/) and every
 * platform (platform/posix, platform/lwip) include this header, so a platform
 * whose definition differs from a declaration here fails to compile instead of
 * linking silently. Bound at link time: one platform per image, no indirection
 * where firmware would pay for it.
 *
 * Two kinds of calls:
 *   - functions a platform defines: net, clock, entropy, sleep, cancel, log;
 *   - two small interfaces of function pointers, as in coreHTTP's transport
 *     interface, that let the core run over anything that moves bytes:
 *     gch_transport_t (one byte stream) and gch_connector_t (opens the
 *     streams the API layer asks for). port/gch_tls.c and
 *     port/gch_tls_connector.c implement them over TLS; unit tests implement
 *     them with a scripted fake.
 *
 * Shared rules for every I/O call:
 *   - Blocking: a call blocks for at most its timeout_ms (0 = do not wait);
 *     on lwIP "blocking" means polling the board's network until data, room
 *     or the deadline arrives.
 *   - Outcomes: each call tells four outcomes apart (gch_io_t): bytes moved,
 *     nothing moved before the deadline, orderly close by the peer, error.
 *     "Closed" and "no data yet" are never the same answer.
 *   - Ownership: buffers are the caller's and only borrowed for the call;
 *     connection state (gch_net_t, gch_net_ctx_t) is caller-owned storage the
 *     implementation fills; nothing is ever allocated.
 *   - Not thread-safe: one caller at a time per connection.
 */
#ifndef GCH_PORT_H
#define GCH_PORT_H

#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"

/* ---------------------------------------------------------------- byte streams */

typedef enum {
    GCH_IO_DATA = 0, /* *moved > 0 bytes were sent or received */
    GCH_IO_TIMEOUT,  /* the deadline passed with nothing moved (0 ms = would block) */
    GCH_IO_CLOSED,   /* the peer closed its side in order (recv only) */
    GCH_IO_ERROR     /* reset, unreachable or any other failure: close the connection */
} gch_io_t;

/*
 * The state of one byte stream, defined by the transport implementation an
 * image links (port/gch_tls.h: a TLS session over a gch_net_t; the unit tests:
 * a scripted fake). The core only passes the pointer back.
 */
typedef struct gch_net_ctx gch_net_ctx_t;

/*
 * One byte stream the HTTP client runs over.
 * send: moves 1..len bytes of buf (at least one unless the outcome is not DATA);
 *       *moved = bytes taken. Blocks at most timeout_ms.
 * recv: moves 1..cap bytes into buf; *moved = bytes written. Blocks at most
 *       timeout_ms. GCH_IO_CLOSED only once every byte before the close was read.
 * After GCH_IO_ERROR the stream is dead: the owner closes it.
 */
typedef struct gch_transport {
    gch_net_ctx_t *ctx; /* owned by whoever opened the stream; outlives the calls */
    gch_io_t (*send)(gch_net_ctx_t *ctx, const uint8_t *buf, size_t len, uint32_t timeout_ms, size_t *moved);
    gch_io_t (*recv)(gch_net_ctx_t *ctx, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *moved);
} gch_transport_t;

/* Which of the two endpoints a connection is for. */
typedef enum { GCH_CONN_LOGIN = 0, GCH_CONN_API = 1, GCH_CONN_COUNT = 2 } gch_conn_kind_t;

/* The state of a connector, defined by its implementation (port/gch_tls_connector.h). */
typedef struct gch_connector_ctx gch_connector_ctx_t;

/*
 * How the API layer gets its byte streams; the board wires it to TLS.
 * open: connect to host:port for `kind` (closing any previous connection of that
 *       kind), handshake, and hand back its transport, valid until close or the
 *       next open of the same kind. Blocks up to the connector's own connect
 *       timeout. Returns GCH_OK, GCH_ERR_DNS, GCH_ERR_CONNECT, GCH_ERR_TIMEOUT,
 *       GCH_ERR_NET, GCH_ERR_CLOSED, GCH_ERR_TLS, GCH_ERR_TLS_VERIFY or
 *       GCH_ERR_TLS_MEMORY; a connector that reaches hosts through an HTTP proxy
 *       also GCH_ERR_TRUNCATED, GCH_ERR_PROXY_AUTH, GCH_ERR_PROXY and the
 *       GCH_ERR_HTTP_* alerts of a broken answer to CONNECT.
 * close: safe on a kind that is not open; never blocks longer than a best-effort
 *       close_notify.
 * describe: one NUL-terminated line on why the last open of `kind` failed
 *       (certificate reasons, the proxy's answer), "" when it has nothing to
 *       add; called for every open that ended a request. May be NULL.
 */
typedef struct {
    gch_connector_ctx_t *ctx;
    gch_status_t (*open)(gch_connector_ctx_t *ctx, gch_conn_kind_t kind, const char *host, uint16_t port,
                         gch_transport_t *out);
    void (*close)(gch_connector_ctx_t *ctx, gch_conn_kind_t kind);
    void (*describe)(gch_connector_ctx_t *ctx, gch_conn_kind_t kind, char *out, size_t cap);
} gch_connector_t;

/* ---------------------------------------------------------------- net (platform) */

/*
 * One TCP connection. The platform defines struct gch_net in its own
 * gch_platform.h (platform/posix: a socket; platform/lwip: a pcb and its pbufs)
 * and GCH_NET_INIT; code that owns a gch_net_t includes that header too.
 */
typedef struct gch_net gch_net_t;

/* Puts net in the "not connected" state. Call once before first use. */
void gch_net_init(gch_net_t *net);
/* Non-zero while connected (also after the peer closed, until gch_net_close). */
int gch_net_is_open(const gch_net_t *net);
/* Resolves host (a name, an IPv4 literal or an IPv6 literal without brackets)
 * and connects, all within timeout_ms. net must not be open.
 * Returns GCH_OK, GCH_ERR_DNS, GCH_ERR_CONNECT or GCH_ERR_TIMEOUT. */
gch_status_t gch_net_connect(gch_net_t *net, const char *host, uint16_t port, uint32_t timeout_ms);
/* The gch_transport_t send/recv contract above, over one TCP connection. */
gch_io_t gch_net_send(gch_net_t *net, const uint8_t *buf, size_t len, uint32_t timeout_ms, size_t *moved);
gch_io_t gch_net_recv(gch_net_t *net, uint8_t *buf, size_t cap, uint32_t timeout_ms, size_t *moved);
/* Releases the connection without blocking. Safe on a closed or never-connected net. */
void gch_net_close(gch_net_t *net);
/* The peer address of a connected net as NUL-terminated text ("127.0.0.1:443",
 * "[::1]:443"), cut to cap; "" when not connected. For logs and tests only. */
void gch_net_peer(const gch_net_t *net, char *out, size_t cap);

/* ---------------------------------------------------------------- time, entropy */

/* Monotonic milliseconds since an arbitrary start; never goes back. Never blocks. */
uint64_t gch_clock_ms(void);
/* Seconds since 1970 UTC (certificate validity), or -1 when the board has no
 * calendar. Never blocks. */
int64_t gch_clock_wall(void);
/* Fills buf with cryptographically strong bytes, or returns an error status
 * (never weak bytes). Feeds Mbed TLS, PSA and the back-off jitter. */
gch_status_t gch_entropy_fill(uint8_t *buf, size_t len);

/* ---------------------------------------------------------------- sleep, cancel, log */

/* Waits ms (back-off, Retry-After, the watch interval); on lwIP it keeps polling
 * the network meanwhile. Returns 0 after the full wait, non-zero as soon as
 * gch_port_cancelled() became true. */
int gch_sleep_ms(uint32_t ms);
/* Non-zero once the user asked to stop (SIGINT/SIGTERM on POSIX; board-defined
 * elsewhere), except while the core holds cancellation (below). The core checks it
 * before each request and between actions; net and TLS calls give up on it. */
int gch_port_cancelled(void);
/* hold != 0: from here on gch_port_cancelled() answers 0, so no layer (core, TLS,
 * net) abandons the exchange in flight; a stop requested meanwhile is kept, not
 * lost, and shows once the core releases the hold (hold == 0). The core holds it
 * from the start of a PATCH to the end of its verification: a PATCH is never cut
 * halfway. Never blocks. */
void gch_port_hold_cancel(int hold);
/* Writes one line (no trailing newline, not NUL-terminated: len bytes) at level
 * 0 = error .. 3 = debug. Never holds a secret: the core never passes one. */
void gch_log_write(int level, const char *line, size_t len);

#endif
