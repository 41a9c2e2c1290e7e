/*
 * gch_json_sink.h - where generated JSON goes: a callback that takes slices.
 *
 * Writers in core/gch_json_* (the PATCH body builder, the string escaper) emit
 * through a sink instead of into a buffer, so the Genesys layer can run the same
 * writer twice: once into gch_json_sink_count() for Content-Length, then into a
 * sink that sends to the socket. No second full-size buffer is needed.
 */
#ifndef GCH_JSON_SINK_H
#define GCH_JSON_SINK_H

#include <stddef.h>

#include "base/gch_buf.h"
#include "base/gch_status.h"

/* Takes bytes[0..len) (borrowed for the duration of the call). A non-OK return
 * stops the writer, which returns that status unchanged. */
typedef gch_status_t (*gch_json_sink_fn)(void *ctx, const char *bytes, size_t len);

/* ctx is a size_t*, increased by len. Never fails. */
gch_status_t gch_json_sink_count(void *ctx, const char *bytes, size_t len);

/* ctx is a gch_buf_t*; GCH_ERR_NOSPACE as soon as the buffer overflows. */
gch_status_t gch_json_sink_buf(void *ctx, const char *bytes, size_t len);

#endif
