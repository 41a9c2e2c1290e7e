/*
 * gch_json_edit.h - the PATCH body that raises one action's timeout, built in place.
 *
 * Input: the body of GET /api/v2/integrations/actions/{id}?includeConfig=true,
 * parsed with gch_json_doc_parse(). Output, through a sink, in slices:
 *
 *   {"name":<as fetched>,"category":<as fetched>,"version":<N>,"config":<config>}
 *
 * where <config> is byte for byte the fetched config except:
 *   - the value of "timeoutSeconds" is replaced by the new value, or, when the
 *     member is absent, "timeoutSeconds":N is inserted as config's first member
 *     (or, for timeout 0, the member is left out);
 *   - when a template comes back only as a URI and its text is supplied,
 *     the "requestTemplateUri" member is replaced by "requestTemplate":<text>
 *     (JSON-escaped), and "successTemplateUri" by "successTemplate":<text>.
 * Nothing copied is re-encoded: CRLF, unicode, escapes and whitespace stay as
 * fetched. "category" is left out only when the action has none.
 *
 * Why templates matter: the platform replaces config wholesale, and a config
 * without its template texts resets them to ${input.rawRequest} (data loss).
 * So a URI-only template without supplied text is refused (GCH_ERR_ARG):
 * ask gch_action_templates_needed() first and fetch what it names from
 * /api/v2/integrations/actions/{id}/templates/{requesttemplate,successtemplate}.vm.
 *
 * Every check happens before the first byte is emitted: on an error the sink
 * has received nothing (unless the sink itself failed). Run it once into
 * gch_json_sink_count() for Content-Length, then into the socket sink.
 */
#ifndef GCH_ACTION_PATCH_H
#define GCH_ACTION_PATCH_H

#include "gch_config.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/gch_status.h"
#include "json/gch_json_path.h"
#include "json/gch_json_sink.h"

/* Template texts as fetched (text/plain bodies, raw bytes). Borrowed for the
 * duration of the call; NULL text = not supplied. */
typedef struct {
    const char *request;
    size_t request_len;
    const char *success;
    size_t success_len;
} gch_template_texts_t;

/*
 * Which templates config carries only as a URI (a "...TemplateUri" string and
 * no inline "...Template"): those the caller must fetch before building.
 * Errors: the action's structure (GCH_ERR_JSON_MISSING/_TYPE/_DUPLICATE).
 */
gch_status_t gch_action_templates_needed(const gch_json_doc_t *action, bool *need_request, bool *need_success);

/*
 * Emits the PATCH body. timeout_s in 1..GCH_ACTION_TIMEOUT_MAX, or 0 to remove
 * config.timeoutSeconds (with one adjacent comma; the platform default applies
 * again: how an undo puts back a timeout that was absent). tpl may be NULL.
 * Errors: GCH_ERR_JSON_MISSING (no name/version/config), GCH_ERR_JSON_TYPE (name
 * not a string, version not a non-negative integer, config not an object),
 * GCH_ERR_JSON_DUPLICATE (a member we edit or copy appears twice), GCH_ERR_ARG
 * (timeout out of range; a URI-only template without its text, or a text
 * supplied for a template that is not URI-only), or the sink's status.
 */
gch_status_t gch_action_patch_body(const gch_json_doc_t *action, uint32_t timeout_s, const gch_template_texts_t *tpl,
                                   gch_json_sink_fn sink, void *ctx);

#endif
