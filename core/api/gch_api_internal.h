/* gch_api_internal.h - what the files of the API layer share (not public). */
#ifndef GCH_API_INTERNAL_H
#define GCH_API_INTERNAL_H

#include "gch_api.h"

/* POST /oauth/token with Basic credentials; stores the token and its expiry.
 * reply is scratch for the login's answer. GCH_OK, or the failure described in
 * *err (GCH_ERR_AUTH when refused). */
gch_status_t gch_api_login(gch_api_t *api, gch_api_reply_t *reply, gch_api_error_t *err);
/* Close the connection of this kind (if open) and forget it. */
void gch_api_drop(gch_api_t *api, gch_conn_kind_t kind);
/* Copy src into dst[cap], cut to fit, always NUL-terminated. */
void gch_api_copy_text(char *dst, size_t cap, const char *src);

#endif
