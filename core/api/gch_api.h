/*
 * gch_api.h - requests to Genesys Cloud with the platform's rules applied, and
 * nothing of what the requests are for (that is the job's, core/heal/):
 *   - the OAuth client-credentials token, renewed a minute before it expires
 *     (at half its life when it lives under two minutes) and once on a 401;
 *   - keep-alive connections through the board's connector (gch_port.h);
 *   - 429 waited out as Retry-After asks (up to max_retry_after_s), capped
 *     back-off with jitter on 502/503/504 and on dropped connections;
 *   - each answer's status and ININ-Correlation-Id handed back to the caller
 *     (gch_api_reply_t), and every failure described for a person
 *     (gch_api_error_t), ErrorBody message and code included.
 *
 * One caller-owned context (gch_api_t) holds the HTTP client, its buffers and
 * the token; it never allocates. One exchange at a time: gch_api_exchange()
 * sends a request and returns once the final answer's head is in; the caller
 * then reads the body (gch_api_read_body / gch_api_body_slice) or drops it
 * (gch_api_end) before the next exchange.
 */
#ifndef GCH_API_H
#define GCH_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"
#include "gch_config.h"
#include "gch_errorbody.h"
#include "gch_oauth_reply.h"
#include "gch_port.h"
#include "http/gch_http_client.h"
#include "json/gch_jsmn.h"
#include "json/gch_json_sink.h"

typedef struct {
    const char *api_host;   /* "api.mypurecloud.com"; caller-owned, outlives the context */
    uint16_t api_port;      /* 443 */
    const char *login_host; /* "login.mypurecloud.com" */
    uint16_t login_port;
    const char *client_id;       /* caller-owned */
    const char *client_secret;   /* caller-owned; never logged, never copied except into the
                                  * Basic header, which is wiped after each login */
    gch_connector_t connector;   /* opens the byte streams (gch_port.h) */
    uint32_t io_timeout_ms;      /* each read/write */
    uint32_t request_timeout_ms; /* one whole exchange */
    uint32_t max_retry_after_s;  /* a 429 asking to wait longer gives up */
    uint32_t max_attempts;       /* per request, for 429/5xx/network trouble */
    int verbose;                 /* 0 quiet .. 3 debug, through gch_log_write */
} gch_api_config_t;

/* Port 443 both ways, 15 s per read or write, 120 s per exchange, 429 waited
 * out up to 180 s, 6 attempts per request, quiet. */
#define GCH_API_CONFIG_DEFAULTS                                                                                        \
    {                                                                                                                  \
        NULL, 443, NULL, 443, NULL, NULL, { NULL, NULL, NULL, NULL }, 15000, 120000, 180, 6, 0                         \
    }

/* What the final answer of one exchange said. */
typedef struct {
    int status;                               /* HTTP status */
    char correlation_id[GCH_ERROR_FIELD_MAX]; /* ININ-Correlation-Id, or "" */
} gch_api_reply_t;

/* Why a request failed, for a person: what gch_api_exchange() and the
 * gch_api_error_* calls fill in. All strings NUL-terminated, cut to fit. */
typedef struct {
    gch_status_t status;
    int http_status;                          /* 0 when no answer was involved */
    char message[GCH_ERROR_MESSAGE_MAX];      /* ErrorBody message, OAuth error_description, TLS reason */
    char code[GCH_ERROR_FIELD_MAX];           /* ErrorBody code / OAuth error */
    char correlation_id[GCH_ERROR_FIELD_MAX]; /* ININ-Correlation-Id, or "" */
    char what[96];                            /* the request or step, "GET /api/v2/integrations/actions" */
} gch_api_error_t;

/* Writes a request body through sink; called twice per attempt (once to count
 * Content-Length, once to send), and again on a retry. */
typedef gch_status_t (*gch_body_writer_fn)(void *ctx, gch_json_sink_fn sink, void *sink_ctx);

typedef struct {
    gch_conn_kind_t kind;     /* which host: GCH_CONN_LOGIN or GCH_CONN_API */
    const char *method;       /* "GET", "PATCH", "POST", "DELETE" */
    const char *target;       /* path + query, already encoded; borrowed for the call */
    const char *accept;       /* Accept header value */
    const char *content_type; /* NULL: no body */
    gch_body_writer_fn body;  /* with content_type */
    void *body_ctx;
    const char *what; /* names the request in error messages */
} gch_api_req_t;

/* The whole context: public so a board can place it in static storage. Every
 * field is the API layer's; callers use the functions below. */
typedef struct gch_api {
    gch_api_config_t cfg;
    gch_http_client_t http;             /* one exchange at a time */
    gch_transport_t tr[GCH_CONN_COUNT]; /* streams from the connector */
    bool live[GCH_CONN_COUNT];          /* connection open and reusable */
    uint32_t uses[GCH_CONN_COUNT];      /* requests sent on the current connection */
    int attached;                       /* kind attached to http, -1 none */

    /* The token lives only here and in auth_header; gch_api_shutdown wipes both. */
    char token[GCH_TOKEN_MAX];
    char auth_header[GCH_TOKEN_MAX + 16]; /* "Bearer <token>" or "Basic <b64>" */
    uint64_t token_expiry_ms;             /* 0: no token */
    uint64_t token_margin_ms;             /* renew this long before expiry */
    bool have_token;

    uint8_t rx[GCH_RX_SIZE];
    char head_out[GCH_HEAD_OUT_SIZE];
    char head_in[GCH_HEAD_IN_SIZE];
    gch_http_header_t headers[GCH_MAX_HEADERS];
    gch_http_header_t req_headers[4]; /* Accept, Authorization, Content-Type */

    /* Token answers and error bodies, and their parses (not on the stack:
     * firmware stacks are small). */
    char small[GCH_SMALL_BODY_SIZE];
    jsmntok_t small_tok[GCH_SMALL_BODY_TOKENS];
    gch_oauth_reply_t oauth;
    gch_errorbody_t errbody;
    char pair[3 * 64]; /* a piece of "id:secret" being encoded */

    uint32_t requests; /* requests sent since gch_api_init */
} gch_api_t;

/* GCH_OK, or GCH_ERR_CONFIG when a host, the credentials or connector.open is missing. */
gch_status_t gch_api_init(gch_api_t *api, const gch_api_config_t *cfg);

/*
 * Sends r (logging in first when the token is missing or about to expire) and
 * retries per the rules above until a final answer's head arrived: GCH_OK, with
 * *reply (caller-owned, also used for the login's answer on the way) describing it (any status, 4xx/5xx included; the caller decides) and
 * its body still to be read. Otherwise the status that ended it, described in
 * *err: GCH_ERR_AUTH (the login host refused the credentials), GCH_ERR_CONFIG
 * (credentials too long), GCH_ERR_RATE_LIMITED, GCH_ERR_CANCELLED, a network or
 * TLS status (GCH_ERR_DNS, _CONNECT, _TIMEOUT, _CLOSED, _NET, _TLS, _TLS_VERIFY,
 * _TLS_MEMORY), any other status the connector's open returned (gch_port.h; its
 * describe() then fills err->message), an HTTP protocol alert (GCH_ERR_HTTP_*) or
 * GCH_ERR_NOSPACE (the request head does not fit GCH_HEAD_OUT_SIZE).
 */
gch_status_t gch_api_exchange(gch_api_t *api, const gch_api_req_t *r, gch_api_reply_t *reply, gch_api_error_t *err);
/* Reads the whole body into buf. Over cap: the rest is drained, *total tells
 * the full size, and the result is GCH_ERR_TOO_LARGE (never truncated silently).
 * Also a network or HTTP protocol status. */
gch_status_t gch_api_read_body(gch_api_t *api, char *buf, size_t cap, size_t *len, size_t *total);
/* Next raw body slice (len 0 at the end), for streaming parsers; the slice is
 * valid until the next call. Network or HTTP protocol status on failure. */
gch_status_t gch_api_body_slice(gch_api_t *api, const uint8_t **data, size_t *len);
/* Drops the rest of the body; closes the connection unless it may be reused.
 * GCH_OK, or the status that made reading the rest fail (the connection is then closed). */
gch_status_t gch_api_end(gch_api_t *api);

/* err := st and what, nothing else (a failure without an answer to read). */
void gch_api_error_set(gch_api_error_t *err, gch_status_t st, const char *what);
/* err := st, what and the answer in reply, with the ErrorBody message and code
 * read from its body (which this consumes). Never fails: an unreadable body
 * leaves message and code empty. */
void gch_api_error_from_reply(gch_api_t *api, const gch_api_reply_t *reply, gch_status_t st, const char *what,
                              gch_api_error_t *err);

/* One line through gch_log_write when cfg.verbose >= level. Never a secret. */
void gch_api_log(const gch_api_t *api, int level, const char *text);

/* Closes both connections and wipes every secret the context holds: token,
 * headers, the receive window and the last request head. */
void gch_api_shutdown(gch_api_t *api);
/* Closes every connection; the token stays until it expires (a watch loop between runs). */
void gch_api_disconnect(gch_api_t *api);

#endif
