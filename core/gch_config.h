/*
 * gch_config.h - compile-time sizes of every buffer gcheal owns.
 *
 * A board overrides any of these with -DGCH_CONFIG_FILE='"my_config.h"' (read
 * first) or -DNAME=value; these defaults are for a Linux host. Memory does not
 * depend on the number of actions or the page size: only on these numbers.
 */
#ifndef GCH_CONFIG_H
#define GCH_CONFIG_H

#ifdef GCH_CONFIG_FILE
#include GCH_CONFIG_FILE
#endif

#ifndef GCH_RX_SIZE
#define GCH_RX_SIZE 16384u          /* receive window between TLS and the HTTP parser */
#endif
#ifndef GCH_HEAD_OUT_SIZE
#define GCH_HEAD_OUT_SIZE 2048u     /* one request head (request line + headers) */
#endif
#ifndef GCH_HEAD_IN_SIZE
#define GCH_HEAD_IN_SIZE 8192u      /* response header block bound */
#endif
#ifndef GCH_MAX_HEADERS
#define GCH_MAX_HEADERS 48u
#endif
#ifndef GCH_DOC_SIZE
#define GCH_DOC_SIZE (512u * 1024u) /* one listed entity, or one fetched action */
#endif
#ifndef GCH_DOC_TOKENS
#define GCH_DOC_TOKENS 32768u       /* jsmn tokens for one document */
#endif
#ifndef GCH_TEMPLATE_SIZE
#define GCH_TEMPLATE_SIZE (512u * 1024u) /* both template texts of one action */
#endif
#ifndef GCH_FIX_TABLE
#define GCH_FIX_TABLE 128u          /* actions remembered per page (a full table re-reads the page) */
#endif
#ifndef GCH_INTEGRATION_CACHE
#define GCH_INTEGRATION_CACHE 32u   /* integration types remembered (orgs have few) */
#endif
#ifndef GCH_ID_MAX
#define GCH_ID_MAX 128u             /* action / integration id */
#endif
#ifndef GCH_NAME_MAX
#define GCH_NAME_MAX 256u           /* action name / category, unescaped UTF-8 */
#endif
#ifndef GCH_TOKEN_MAX
#define GCH_TOKEN_MAX 4096u         /* OAuth access token */
#endif
#ifndef GCH_SMALL_BODY_SIZE
#define GCH_SMALL_BODY_SIZE 8192u   /* token responses, error bodies, integration lists */
#endif
#ifndef GCH_SMALL_BODY_TOKENS
#define GCH_SMALL_BODY_TOKENS 1024u
#endif

#endif
