/*
 * gch_heal_ctx.h - the full layout of gch_heal_t: every buffer the job uses.
 *
 * Separate from gch_heal.h so most callers need not see the internals, but
 * public so a board can place the context in static storage and size it.
 * The API layer's context (gch_api_t: HTTP client, its buffers, the token) is
 * embedded; the job reaches it only through core/api's functions.
 */
#ifndef GCH_HEAL_CTX_H
#define GCH_HEAL_CTX_H

#include "api/gch_action_patch.h"
#include "api/gch_api.h"
#include "gch_config.h"
#include "gch_heal.h"
#include "json/gch_jsmn.h"
#include "json/gch_json_skim.h"
#include "json/gch_json_split.h"

/* One action remembered by the scan for the fix phase (or for a per-action GET
 * when the list carried no config). */
typedef struct {
    char id[GCH_ID_MAX];
    char name[GCH_NAME_MAX];
    char category[GCH_NAME_MAX];
    char integration_id[GCH_ID_MAX];
    int64_t timeout;      /* -1 absent */
    bool have_config;     /* false: listed without config (older platform) */
    bool function_action; /* integration type function-data-actions */
    uint32_t stash_off;   /* the entity as listed: gch_heal_t.stash[stash_off ..] */
    uint32_t stash_len;   /* ... of this many bytes; 0 = not kept (the fix GETs it) */
} gch_pending_t;

/* An integration whose type is known: asked once per run of the program. */
typedef struct {
    char id[GCH_ID_MAX];
    bool function_action; /* integrationType.id == function-data-actions */
} gch_integration_t;

/* What the fix of one action compares against after its PATCH. */
typedef struct {
    uint64_t config;  /* semantic fingerprint of config without timeout and templates */
    uint64_t request; /* decoded request template text */
    uint64_t success; /* decoded success template text */
} gch_fingerprints_t;

/* Where a fix reads and writes: the published action, or its draft. */
typedef enum { GCH_SITE_ACTION = 0, GCH_SITE_DRAFT = 1 } gch_site_t;

/* What one action's fix rounds share. */
typedef struct {
    bool sent;                 /* a PATCH was sent (its answer may have been lost) */
    int64_t found;             /* the timeout found before that PATCH */
    gch_fingerprints_t before; /* the action as that PATCH was built from it */
    gch_template_texts_t tpl;  /* template texts fetched for that PATCH (in gch_heal_t.tpl) */
    gch_method_t method;       /* how the change is being made */
    int64_t version_before;    /* the published version the change was built from (-1) */
    int64_t version_after;     /* the published version read back (-1) */
    int64_t version;           /* the version of the document last fetched (-1) */
    bool draft_created;        /* the draft flow made a draft that must not be left behind */
    bool draft_patched;        /* ... and our edit went into it */
    bool published;            /* the draft flow published (or found its draft gone): verify */
    bool fixed;                /* changed and verified: to be reported */
} gch_fix_state_t;

struct gch_heal {
    gch_heal_config_t cfg;
    gch_api_t api;                      /* requests to Genesys Cloud */
    char target[GCH_HEAD_OUT_SIZE / 2]; /* path + query of the request being built */
    gch_api_req_t req;                  /* ... and the request itself (fix) */

    /* Documents: one listed entity or one fetched action (never both at once). */
    char doc[GCH_DOC_SIZE];
    jsmntok_t tok[GCH_DOC_TOKENS];
    char tpl[GCH_TEMPLATE_SIZE]; /* fetched template texts, back to back */
    gch_json_split_t split;
    gch_json_skim_field_t fields[6]; /* what the scan reads of each entity (GCH_HEAL_FIELDS) */

    /* Scan state. */
    gch_pending_t pending[GCH_FIX_TABLE];
    uint32_t pending_count;
    bool table_full; /* the page holds more candidates than the table */
    gch_integration_t integrations[GCH_INTEGRATION_CACHE];
    uint32_t integration_count;  /* entries in use */
    uint32_t integration_next;   /* next entry to replace when full */
    uint64_t prev_first;         /* hash of the previous page's first entity */
    uint64_t cur_first;          /* ... and of this page's */
    bool repeated;               /* this page repeats what the listing already showed */
    uint64_t seen[GCH_SEEN_IDS]; /* hashes of the last examined ids, a ring */
    uint32_t seen_count, seen_next;
    /* Listed entities of the remembered actions (GCH_STASH_SIZE 0: none kept). */
    char stash[GCH_STASH_SIZE > 0u ? GCH_STASH_SIZE : 1u];
    uint32_t stash_used;
    /* A 403 on a change: the role cannot edit, so the rest fail without trying. */
    bool no_edit;
    char no_edit_reason[GCH_ERROR_MESSAGE_MAX + 96];
    gch_api_reply_t reply; /* the last answer: to a page, an integration list, or about
                                   * the action being fixed (a FAILED report carries it) */

    /* Scratch that would otherwise sit on the stack (firmware stacks are small):
     * the action being examined and what its fix rounds share. */
    gch_pending_t scratch;
    gch_fix_state_t fix;
    char reason[512];     /* the reason text of the report being built */
    gch_heal_error_t err; /* why the run stopped */

    /* The run in progress. */
    const gch_policy_t *pol;
    int64_t new_timeout;        /* the timeout a change writes (-1: removes it, an undo) */
    const gch_revert_t *revert; /* an undo in progress, or NULL */
    gch_report_fn report;
    void *user;
    gch_summary_t *sum;
    uint32_t requests_before; /* api.requests when the run started */
};

#endif
