/*
 * gch_heal.h - the job gcheal exists for, as a library: find every Data Action
 * whose config.timeoutSeconds is restrictive and raise it without changing
 * anything else.
 *
 * One caller-owned context (gch_heal_t) holds every buffer, sized by
 * gch_config.h; nothing allocates, nothing calls the OS except through the
 * porting interface and the connector the caller supplies. The caller gets one
 * callback per examined action and a summary.
 *
 *   static gch_heal_t heal;                // large: put it in static storage
 *   gch_heal_config_t cfg = GCH_HEAL_CONFIG_DEFAULTS;
 *   cfg.api.api_host = "api.mypurecloud.com"; ... cfg.api.connector = my_tls_connector;
 *   gch_heal_init(&heal, &cfg);
 *   gch_policy_t pol = GCH_POLICY_DEFAULTS;  pol.mode = GCH_MODE_FIX;
 *   gch_summary_t sum;
 *   gch_status_t st = gch_heal_run(&heal, &pol, on_action, user, &sum);
 *   gch_heal_finish(&heal);                // closes connections, wipes the token
 */
#ifndef GCH_HEAL_H
#define GCH_HEAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/gch_api.h"
#include "base/gch_status.h"
#include "gch_port.h"

typedef struct {
    gch_api_config_t api;   /* hosts, credentials, connector, timeouts, retries, verbosity */
    uint32_t max_conflicts; /* per action for 409/408/version 400 (default 5) */
    uint32_t max_pages;     /* per scan, guards a lying pageCount (default 10000) */
    uint32_t page_size;     /* default 100 */
} gch_heal_config_t;

#define GCH_HEAL_CONFIG_DEFAULTS                                                                                       \
    {                                                                                                                  \
        GCH_API_CONFIG_DEFAULTS, 5, 10000, 100                                                                         \
    }

typedef enum { GCH_MODE_SCAN = 0, GCH_MODE_FIX = 1 } gch_mode_t;

typedef struct {
    gch_mode_t mode;
    bool dry_run;             /* fix: report would-fix, send no PATCH */
    int min_timeout;          /* restrictive when the effective timeout is below this (5) */
    int set_timeout;          /* the value written (1..60; 0 = min_timeout) */
    int unset_is;             /* effective timeout of an action without one (60) */
    const char *const *names; /* exact names to consider (NULL/0 = all) */
    size_t name_count;
    const char *category;       /* only this category (NULL = all) */
    const char *integration_id; /* only this integration (NULL = all) */
} gch_policy_t;

#define GCH_POLICY_DEFAULTS                                                                                            \
    {                                                                                                                  \
        GCH_MODE_SCAN, false, 5, 0, 60, NULL, 0, NULL, NULL                                                            \
    }

typedef enum {
    GCH_RESULT_OK = 0,      /* effective timeout meets the policy */
    GCH_RESULT_RESTRICTIVE, /* scan: would be raised by fix */
    GCH_RESULT_FIXED,       /* fix: raised and verified */
    GCH_RESULT_WOULD_FIX,   /* fix --dry-run */
    GCH_RESULT_SKIPPED,     /* restrictive but not editable here (static, custom auth,
                             * too large, someone else's draft): see reason */
    GCH_RESULT_FAILED       /* the attempt failed: see reason, HTTP status, correlation id */
} gch_result_t;

const char *gch_result_name(gch_result_t r); /* "ok", "restrictive", "fixed", ... */

/* Everything the callback learns about one action; strings are NUL-terminated
 * UTF-8, owned by the context, valid only during the callback. */
/* How a change was made (or tried). */
typedef enum {
    GCH_METHOD_NONE = 0, /* no change was tried */
    GCH_METHOD_PATCH,    /* PATCH /actions/{id} with the whole config */
    GCH_METHOD_DRAFT     /* the draft flow: create, PATCH the draft, publish */
} gch_method_t;

const char *gch_method_name(gch_method_t m); /* "none", "patch", "draft" */

typedef struct {
    const char *id;
    const char *name;
    const char *category;
    const char *integration_id;
    int64_t timeout;     /* config.timeoutSeconds, or -1 when absent */
    int64_t new_timeout; /* FIXED / WOULD_FIX / RESTRICTIVE: the value fix writes */
    gch_result_t result;
    const char *reason;         /* "" when there is nothing to say */
    int http_status;            /* FAILED: last HTTP status (0 when none) */
    const char *correlation_id; /* FIXED, FAILED: ININ-Correlation-Id of the last answer, or "" */
    gch_method_t method;        /* FIXED, FAILED: how the change was made or tried */
    int64_t version_before;     /* FIXED, FAILED: the version the change was built from, or -1 */
    int64_t version_after;      /* FIXED: the version read back after it, or -1 */
} gch_action_report_t;

typedef void (*gch_report_fn)(void *user, const gch_action_report_t *r);

typedef struct {
    uint32_t examined, restrictive, fixed, skipped, failed;
    uint32_t pages;        /* list pages read */
    uint32_t requests;     /* HTTP requests sent (all kinds) */
    uint32_t patches;      /* PATCH requests sent */
    uint32_t fix_requests; /* requests spent on the actions reported fixed (their reads,
                            * template fetches, PATCH or draft steps, read-back) */
} gch_summary_t;

/* Why gch_heal_run stopped early (valid after it returned non-GCH_OK): the
 * request or step, the status, the HTTP answer and its ErrorBody. */
typedef gch_api_error_t gch_heal_error_t;

struct gch_heal; /* defined in gch_heal_ctx.h: all buffers, sized by gch_config.h */
typedef struct gch_heal gch_heal_t;

gch_status_t gch_heal_init(gch_heal_t *h, const gch_heal_config_t *cfg);
/* One pass: scan every page (and, in fix mode, fix what is restrictive).
 * Returns GCH_OK when the pass ran to its end, whatever the per-action results
 * (see the summary); otherwise the status that stopped it, with details in
 * gch_heal_last_error(). GCH_ERR_AUTH: credentials refused. GCH_ERR_CANCELLED:
 * the platform reported a stop request between actions. */
gch_status_t gch_heal_run(gch_heal_t *h, const gch_policy_t *pol, gch_report_fn report, void *user, gch_summary_t *sum);
const gch_heal_error_t *gch_heal_last_error(const gch_heal_t *h);

/* One undo: put an action's timeout back, but only if it still holds the value
 * gcheal wrote (someone else's later edit is never overwritten). */
typedef struct {
    const char *id;             /* the action */
    const char *name;           /* for the report (the action's current name replaces it) */
    const char *integration_id; /* tells a function action (draft-flow fallback); may be "" */
    int64_t expect;             /* the timeout gcheal wrote, which must still be there (-1: absent) */
    int64_t restore;            /* the value put back: 1..GCH_ACTION_TIMEOUT_MAX, or -1 to remove it */
} gch_revert_t;

/* Reverts one action, reported through `report` like a fix: FIXED (put back and
 * verified), WOULD_FIX (pol->dry_run), SKIPPED (changed since, or gone), FAILED.
 * Counts are ADDED to *sum (one call per action; zero it before the first).
 * pol: only dry_run is read. Returns GCH_OK unless the job must stop (as run). */
gch_status_t gch_heal_revert(gch_heal_t *h, const gch_revert_t *rv, const gch_policy_t *pol, gch_report_fn report,
                             void *user, gch_summary_t *sum);
/* Closes connections and wipes the access token and credentials buffers. */
void gch_heal_finish(gch_heal_t *h);
/* Closes connections but keeps the access token until it expires: between two
 * runs of a watch loop that should hold no idle connection (a device). */
void gch_heal_disconnect(gch_heal_t *h);

/* The exit status of the CLI contract, shared by every board that reports one:
 * 0 nothing restrictive (scan) / all fixed (fix) · 1 restrictive found (scan,
 * dry run) · 2 usage or configuration · 3 authentication · 4 network, TLS, HTTP
 * or protocol failure that stopped the job · 5 some restrictive actions skipped
 * or failed · 130 stopped by a signal. */
enum {
    GCH_EXIT_CLEAN = 0,
    GCH_EXIT_FOUND = 1,
    GCH_EXIT_USAGE = 2,
    GCH_EXIT_AUTH = 3,
    GCH_EXIT_FAILURE = 4,
    GCH_EXIT_INCOMPLETE = 5,
    GCH_EXIT_INTERRUPTED = 130
};
/* st: what gch_heal_run returned; sum: its summary (read only when st is OK).
 * A scan's first news is what fix would change; a fix's is what it could not. */
int gch_heal_exit_code(gch_status_t st, const gch_summary_t *sum, const gch_policy_t *pol);

/* Bytes of RAM one context needs (for board sizing reports). */
size_t gch_heal_context_size(void);

#endif
