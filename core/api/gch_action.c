/* gch_action.c - the Data Action facts of gch_action.h. */
#include "gch_action.h"

#include <string.h>

#include "base/gch_buf.h"
#include "http/gch_url.h"

const gch_action_template_t gch_action_templates[GCH_TEMPLATE_COUNT] = {
    [GCH_TEMPLATE_REQUEST] = { "request", "requestTemplate", "requestTemplateUri", "config.request.requestTemplate",
                               "/templates/requesttemplate.vm", "/draft/templates/requesttemplate.vm" },
    [GCH_TEMPLATE_SUCCESS] = { "response", "successTemplate", "successTemplateUri", "config.response.successTemplate",
                               "/templates/successtemplate.vm", "/draft/templates/successtemplate.vm" },
};

static gch_status_t finish(gch_buf_t *b, char *buf)
{
    gch_status_t st = gch_buf_status(b);
    buf[st == GCH_OK ? b->len : 0] = '\0';
    return st;
}

gch_status_t gch_action_target(char *buf, size_t cap, const char *id, const char *suffix)
{
    gch_buf_t b;
    gch_buf_init(&b, buf, cap - 1);
    gch_buf_append_str(&b, "/api/v2/integrations/actions/");
    gch_url_encode_component(&b, id, strlen(id));
    gch_buf_append_str(&b, suffix);
    return finish(&b, buf);
}

gch_status_t gch_action_list_target(char *buf, size_t cap, const gch_action_list_query_t *q)
{
    gch_buf_t b;
    gch_buf_init(&b, buf, cap - 1);
    gch_buf_append_str(&b, "/api/v2/integrations/actions?pageSize=");
    gch_buf_append_u64(&b, q->page_size);
    gch_buf_append_str(&b, "&pageNumber=");
    gch_buf_append_u64(&b, q->page);
    gch_buf_append_str(&b, "&includeConfig=true&includeAuthActions=true");
    if (q->category != NULL) {
        gch_buf_append_str(&b, "&category=");
        gch_url_encode_component(&b, q->category, strlen(q->category));
    }
    if (q->name != NULL) {
        gch_buf_append_str(&b, "&name=");
        gch_url_encode_component(&b, q->name, strlen(q->name));
    }
    return finish(&b, buf);
}
