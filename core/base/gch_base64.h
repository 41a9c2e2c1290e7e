/* gch_base64.h - standard base64 (RFC 4648, padded) for the Basic auth header. */
#ifndef GCH_BASE64_H
#define GCH_BASE64_H

#include "gch_buf.h"
#include <stddef.h>

void gch_base64_append(gch_buf_t *out, const void *data, size_t len);

#endif
