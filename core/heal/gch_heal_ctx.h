/*
 * gch_heal_ctx.h - the full layout of gch_heal_t: every buffer the job uses.
 *
 * Separate from gch_heal.h so most callers need not see the internals, but
 * public so a board can place the context in static storage and size it.
 */
#ifndef GCH_HEAL_CTX_H
#define GCH_HEAL_CTX_H

#include "gch_config.h"
#include "gch_heal.h"
#include "http/gch_http_client.h"
#include "json/gch_jsmn.h"
#include "api/gch_errorbody.h"
#include "json/gch_json_split.h"
#include "api/gch_oauth_reply.h"

/* One action remembered by the scan for the fix phase (or for a per-action GET
 * when the list carried no config). */
typedef struct {
    char id[GCH_ID_MAX];
    char name[GCH_NAME_MAX];
    char category[GCH_NAME_MAX];
    char integration_id[GCH_ID_MAX];
    int64_t timeout;        /* -1 absent */
    bool have_config;       /* false: listed without config (older platform) */
    bool function_action;   /* integration type function-data-actions */
} gch_pending_t;

/* An integration whose type is known: asked once per run of the program. */
typedef struct {
    char id[GCH_ID_MAX];
    bool function_action;   /* integrationType.id == function-data-actions */
} gch_integration_t;

/* What the fix of one action compares against after its PATCH. */
typedef struct {
    uint64_t config;      /* semantic fingerprint of config without timeout and templates */
    uint64_t request;     /* decoded request template text */
    uint64_t success;     /* decoded success template text */
} gch_fingerprints_t;

/* What one action's fix rounds share: whether a PATCH went out, and what it meant. */
typedef struct {
    bool sent;                  /* a PATCH was sent (its answer may have been lost) */
    int64_t found;              /* the timeout found before that PATCH */
    gch_fingerprints_t before;  /* the action as that PATCH was built from it */
} gch_fix_state_t;

struct gch_heal {
    gch_heal_config_t cfg;
    gch_http_client_t http;                 /* one exchange at a time */
    gch_transport_t tr[GCH_CONN_COUNT];     /* transports from the connector */
    bool live[GCH_CONN_COUNT];              /* connection open and reusable */
    uint32_t uses[GCH_CONN_COUNT];          /* requests sent on the current connection */
    int attached;                           /* kind attached to http, -1 none */

    /* Token: the secret lives only here and in auth_header; both wiped by finish. */
    char token[GCH_TOKEN_MAX];
    char auth_header[GCH_TOKEN_MAX + 16];   /* "Bearer <token>" or "Basic <b64>" */
    uint64_t token_expiry_ms;               /* 0: no token */
    uint64_t token_margin_ms;               /* renew this long before expiry */
    bool have_token;

    /* Buffers of the HTTP layer. */
    uint8_t rx[GCH_RX_SIZE];
    char head_out[GCH_HEAD_OUT_SIZE];
    char head_in[GCH_HEAD_IN_SIZE];
    gch_http_header_t headers[GCH_MAX_HEADERS];
    gch_http_header_t req_headers[4];       /* Accept, Authorization, Content-Type */
    char target[GCH_HEAD_OUT_SIZE / 2];     /* path + query of the request being built */

    /* Documents: one listed entity or one fetched action (never both at once). */
    char doc[GCH_DOC_SIZE];
    jsmntok_t tok[GCH_DOC_TOKENS];
    char tpl[GCH_TEMPLATE_SIZE];            /* fetched template texts, back to back */
    char small[GCH_SMALL_BODY_SIZE];        /* token, error and integration-list bodies */
    jsmntok_t small_tok[GCH_SMALL_BODY_TOKENS];
    gch_json_split_t split;
    gch_json_skim_field_t fields[6];        /* what the scan reads of each entity (GCH_HEAL_FIELDS) */

    /* Scan state. */
    gch_pending_t pending[GCH_FIX_TABLE];
    uint32_t pending_count;
    bool table_full;              /* the page holds more candidates than the table */
    gch_integration_t integrations[GCH_INTEGRATION_CACHE];
    uint32_t integration_count;   /* entries in use */
    uint32_t integration_next;    /* next entry to replace when full */
    uint64_t prev_first;          /* hash of the previous page's first entity */
    uint64_t cur_first;           /* ... and of this page's */
    bool repeated;                /* this page started like the previous one */

    /* Scratch that would otherwise sit on the stack (firmware stacks are small):
     * the action being examined, and parses of token and error answers. */
    gch_pending_t scratch;
    gch_fix_state_t fix;
    gch_oauth_reply_t oauth;
    gch_errorbody_t errbody;
    char pair[3 * 64];                      /* a piece of "id:secret" being encoded */

    /* Last response details, for failure messages. */
    int last_status;
    char correlation_id[64];
    char reason[512];
    gch_heal_error_t err;

    const gch_policy_t *pol;
    gch_report_fn report;
    void *user;
    gch_summary_t *sum;
};

#endif
