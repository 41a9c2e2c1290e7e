/*
 * gch_action.h - what the API says about a Data Action, in one place: where
 * its two templates live and how they are fetched, and the request targets of
 * the action endpoints (GET /api/v2/integrations/actions ...).
 *
 * The templates are the one part of an action that a careless PATCH loses: the
 * platform replaces config wholesale, GET may return a template only as a URI,
 * and a config sent without the text resets it to the default. Every module
 * that deals with them (the PATCH body, the fetch before it, the fingerprint
 * that verifies after it) reads this table.
 */
#ifndef GCH_ACTION_H
#define GCH_ACTION_H

#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"

enum { GCH_TEMPLATE_REQUEST = 0, GCH_TEMPLATE_SUCCESS = 1, GCH_TEMPLATE_COUNT = 2 };

typedef struct {
    const char *section;      /* member of config holding it: "request" / "response" */
    const char *text_key;     /* its inline text: "requestTemplate" / "successTemplate" */
    const char *uri_key;      /* its link when not inline: "requestTemplateUri" / ... */
    const char *path;         /* text_key from the action root: "config.request.requestTemplate" */
    const char *suffix;       /* the text endpoint below the action: "/templates/requesttemplate.vm" */
    const char *draft_suffix; /* ... and below its draft: "/draft/templates/requesttemplate.vm" */
} gch_action_template_t;

extern const gch_action_template_t gch_action_templates[GCH_TEMPLATE_COUNT];

/* "/api/v2/integrations/actions/{id}<suffix>" into buf (NUL-terminated), the id
 * percent-encoded; suffix is "" or a path and query ("?includeConfig=true").
 * GCH_OK or GCH_ERR_NOSPACE. */
gch_status_t gch_action_target(char *buf, size_t cap, const char *id, const char *suffix);

/* What one page of the action list asks for. category and name may be NULL. */
typedef struct {
    uint32_t page_size;
    uint32_t page; /* 1-based */
    const char *category;
    const char *name; /* the platform matches it partially: callers re-check */
} gch_action_list_query_t;

/* "/api/v2/integrations/actions?pageSize=..&pageNumber=..&includeConfig=true
 * &includeAuthActions=true[&category=..][&name=..]" into buf. GCH_OK or GCH_ERR_NOSPACE. */
gch_status_t gch_action_list_target(char *buf, size_t cap, const gch_action_list_query_t *q);

#endif
