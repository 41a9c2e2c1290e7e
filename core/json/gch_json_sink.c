/* gch_json_sink.c - the two sinks every caller of a JSON writer needs (see gch_json_sink.h). */
#include "gch_json_sink.h"

gch_status_t gch_json_sink_count(void *ctx, const char *bytes, size_t len)
{
    (void)bytes;
    *(size_t *)ctx += len;
    return GCH_OK;
}

gch_status_t gch_json_sink_buf(void *ctx, const char *bytes, size_t len)
{
    gch_buf_t *b = ctx;
    gch_buf_append(b, bytes, len);
    return gch_buf_status(b);
}
