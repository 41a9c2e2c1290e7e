/*
 * gch_config.h - every compile-time setting of gcheal, in one place.
 *
 * A board overrides any of them in its own file, named with
 * -DGCH_CONFIG_FILE='"my_config.h"' (read first), or with -DNAME=value; the
 * defaults below are for a Linux host. Every header whose structs are sized by
 * a setting includes this one, so one image can never see two layouts of one
 * struct. Memory depends only on these numbers: not on the number of actions,
 * nor on the page size.
 *
 * Each entry: what it sizes, its range, and the default.
 */
#ifndef GCH_CONFIG_H
#define GCH_CONFIG_H

#ifdef GCH_CONFIG_FILE
#include GCH_CONFIG_FILE
#endif

/* ---------------------------------------------------------------- HTTP (core/http) */

/* Receive window between the transport and the HTTP parser (gch_api_t.rx).
 * 512 .. any; TLS already buffers one record, so 2 KiB is plenty on a board. */
#ifndef GCH_RX_SIZE
#define GCH_RX_SIZE 16384u
#endif
/* One request head: request line, Host, Authorization with the bearer token,
 * Accept, Content-Type/Length (gch_api_t.head_out). >= 512; a token longer than
 * GCH_HEAD_OUT_SIZE - 300 does not fit and fails the request, never truncated. */
#ifndef GCH_HEAD_OUT_SIZE
#define GCH_HEAD_OUT_SIZE 2048u
#endif
/* Bound of one response header block (gch_api_t.head_in). >= 512. */
#ifndef GCH_HEAD_IN_SIZE
#define GCH_HEAD_IN_SIZE 8192u
#endif
/* Response headers kept per response (gch_api_t.headers). 8 .. 255. */
#ifndef GCH_MAX_HEADERS
#define GCH_MAX_HEADERS 48u
#endif
/* Largest chunk a chunked body may announce (parser default). >= 1. */
#ifndef GCH_HTTP_MAX_CHUNK_SIZE
#define GCH_HTTP_MAX_CHUNK_SIZE (16u * 1024u * 1024u)
#endif
/* Longest chunk-size line, extensions and CRLF included (parser default). 8 .. 65535. */
#ifndef GCH_HTTP_MAX_CHUNK_LINE
#define GCH_HTTP_MAX_CHUNK_LINE 256u
#endif

/* ---------------------------------------------------------------- HTTP proxy (core/http, port/gch_proxy.c) */

/* The proxy's answer to CONNECT, status line and headers
 * (gch_http_connect_reader_t.head), and, before it, the CONNECT request itself.
 * A longer answer head is refused. >= 2 * GCH_PROXY_HOST_MAX + GCH_PROXY_AUTH_MAX + 128. */
#ifndef GCH_PROXY_HEAD_SIZE
#define GCH_PROXY_HEAD_SIZE 2048u
#endif
/* Header lines that answer may carry (gch_http_connect_reader_t.headers; none is
 * used, but each is checked). 8 .. 255. */
#ifndef GCH_PROXY_MAX_HEADERS
#define GCH_PROXY_MAX_HEADERS 32u
#endif
/* The proxy's host name, and the host a tunnel leads to, NUL included
 * (gch_proxy_t.host). >= 64. */
#ifndef GCH_PROXY_HOST_MAX
#define GCH_PROXY_HOST_MAX 256u
#endif
/* The Proxy-Authorization value, "Basic " + base64 of "user:password", NUL
 * included (gch_proxy_t.authorization): 512 holds 375 bytes of user:password. >= 64. */
#ifndef GCH_PROXY_AUTH_MAX
#define GCH_PROXY_AUTH_MAX 512u
#endif

/* ---------------------------------------------------------------- JSON (core/json) */

/* Deepest nesting the strict scanner accepts (gch_json_scan_t stack). 2 .. 255. */
#ifndef GCH_JSON_MAX_DEPTH
#define GCH_JSON_MAX_DEPTH 64u
#endif
/* nextUri/selfUri kept by the page splitter, raw bytes + 3 (gch_json_split_t). >= 16. */
#ifndef GCH_JSON_URI_MAX
#define GCH_JSON_URI_MAX 256u
#endif
/* Longest envelope member name the splitter recognises; longer ones are
 * unknown members (gch_json_split_t). 16 .. 255. */
#ifndef GCH_JSON_KEY_MAX
#define GCH_JSON_KEY_MAX 64u
#endif

/* ---------------------------------------------------------------- API (core/api) */

/* OAuth access token (gch_api_t.token; the Authorization header holds it too).
 * 64 .. any; Genesys tokens are under 100 bytes, other issuers' JWTs ~1-2 KiB. */
#ifndef GCH_TOKEN_MAX
#define GCH_TOKEN_MAX 4096u
#endif
/* token_type / error / error_description of an OAuth reply (gch_oauth_reply_t). >= 16. */
#ifndef GCH_OAUTH_TEXT_MAX
#define GCH_OAUTH_TEXT_MAX 128u
#endif
/* Token answers, ErrorBody and integration-list bodies, and their jsmn tokens
 * (gch_api_t.small, .small_tok). >= 512 bytes, >= 32 tokens. */
#ifndef GCH_SMALL_BODY_SIZE
#define GCH_SMALL_BODY_SIZE 8192u
#endif
#ifndef GCH_SMALL_BODY_TOKENS
#define GCH_SMALL_BODY_TOKENS 1024u
#endif
/* An ErrorBody's message, and every error message gcheal reports (gch_errorbody_t,
 * gch_api_error_t). >= 64. */
#ifndef GCH_ERROR_MESSAGE_MAX
#define GCH_ERROR_MESSAGE_MAX 256u
#endif
/* An ErrorBody's code, status and contextId, and an ININ-Correlation-Id. >= 40
 * (a correlation id is a 36-character UUID). */
#ifndef GCH_ERROR_FIELD_MAX
#define GCH_ERROR_FIELD_MAX 64u
#endif
/* Largest timeoutSeconds a PATCH may write: the platform accepts 1..60. */
#ifndef GCH_ACTION_TIMEOUT_MAX
#define GCH_ACTION_TIMEOUT_MAX 60u
#endif

/* ---------------------------------------------------------------- the job (core/heal) */

/* One listed entity or one fetched action, and its jsmn tokens (gch_heal_t.doc,
 * .tok). Larger actions are skipped with their size, never truncated.
 * >= 1024 bytes, >= 64 tokens. */
#ifndef GCH_DOC_SIZE
#define GCH_DOC_SIZE (512u * 1024u)
#endif
#ifndef GCH_DOC_TOKENS
#define GCH_DOC_TOKENS 32768u
#endif
/* Both template texts of one action, back to back (gch_heal_t.tpl). >= 64. */
#ifndef GCH_TEMPLATE_SIZE
#define GCH_TEMPLATE_SIZE (512u * 1024u)
#endif
/* Actions remembered per page for fixing; a page with more re-reads itself
 * (gch_heal_t.pending). 1 .. any. */
#ifndef GCH_FIX_TABLE
#define GCH_FIX_TABLE 128u
#endif
/* Listed entities kept for the fix, so a fix starts from the listing instead of a
 * GET (gch_heal_t.stash); 0 turns it off (every fix then starts with a GET).
 * Candidates that do not fit are fetched. 0 or >= 1024. */
#ifndef GCH_STASH_SIZE
#define GCH_STASH_SIZE (256u * 1024u)
#endif
/* Action ids remembered to notice a page the server repeats (gch_heal_t.seen,
 * 8 bytes each): an id among the last GCH_SEEN_IDS examined ends the listing.
 * >= 1. */
#ifndef GCH_SEEN_IDS
#define GCH_SEEN_IDS 1024u
#endif
/* Integration types remembered across pages (gch_heal_t.integrations). 1 .. any. */
#ifndef GCH_INTEGRATION_CACHE
#define GCH_INTEGRATION_CACHE 32u
#endif
/* Action or integration id, NUL included ("custom_-_" + UUID is 45). >= 48. */
#ifndef GCH_ID_MAX
#define GCH_ID_MAX 128u
#endif
/* Action name or category, unescaped UTF-8, NUL included. >= 16. */
#ifndef GCH_NAME_MAX
#define GCH_NAME_MAX 256u
#endif

/* ---------------------------------------------------------------- TLS (port/) */

/* The static arena Mbed TLS allocates from (port/gch_tls_arena.c). One TLS 1.3
 * session peaks near 30 KiB with one CA; >= 16 KiB. */
#ifndef GCH_TLS_ARENA_SIZE
#define GCH_TLS_ARENA_SIZE (1024u * 1024u)
#endif

/* ---------------------------------------------------------------- impossible combinations */

_Static_assert(GCH_RX_SIZE >= 512u, "GCH_RX_SIZE: at least 512");
_Static_assert(GCH_HEAD_IN_SIZE >= 512u, "GCH_HEAD_IN_SIZE: at least 512");
_Static_assert(GCH_HEAD_OUT_SIZE >= 512u, "GCH_HEAD_OUT_SIZE: at least 512");
_Static_assert(GCH_MAX_HEADERS >= 8u && GCH_MAX_HEADERS <= 255u, "GCH_MAX_HEADERS: 8..255");
_Static_assert(GCH_HTTP_MAX_CHUNK_SIZE >= 1u, "GCH_HTTP_MAX_CHUNK_SIZE: at least 1");
_Static_assert(GCH_HTTP_MAX_CHUNK_LINE >= 8u && GCH_HTTP_MAX_CHUNK_LINE <= 65535u, "GCH_HTTP_MAX_CHUNK_LINE: 8..65535");
_Static_assert(GCH_PROXY_HOST_MAX >= 64u && GCH_PROXY_AUTH_MAX >= 64u,
               "GCH_PROXY_HOST_MAX, GCH_PROXY_AUTH_MAX: at least 64");
_Static_assert(GCH_PROXY_HEAD_SIZE >= 2u * GCH_PROXY_HOST_MAX + GCH_PROXY_AUTH_MAX + 128u,
               "GCH_PROXY_HEAD_SIZE must hold a CONNECT request");
_Static_assert(GCH_PROXY_MAX_HEADERS >= 8u && GCH_PROXY_MAX_HEADERS <= 255u, "GCH_PROXY_MAX_HEADERS: 8..255");
_Static_assert(GCH_JSON_MAX_DEPTH >= 2u && GCH_JSON_MAX_DEPTH <= 255u, "GCH_JSON_MAX_DEPTH: 2..255");
_Static_assert(GCH_JSON_URI_MAX >= 16u, "GCH_JSON_URI_MAX: at least 16");
_Static_assert(GCH_JSON_KEY_MAX >= 16u && GCH_JSON_KEY_MAX <= 255u, "GCH_JSON_KEY_MAX: 16..255");
_Static_assert(GCH_TOKEN_MAX >= 64u, "GCH_TOKEN_MAX: at least 64");
_Static_assert(GCH_OAUTH_TEXT_MAX >= 16u, "GCH_OAUTH_TEXT_MAX: at least 16");
_Static_assert(GCH_SMALL_BODY_SIZE >= 512u && GCH_SMALL_BODY_TOKENS >= 32u,
               "GCH_SMALL_BODY_SIZE >= 512 and GCH_SMALL_BODY_TOKENS >= 32");
_Static_assert(GCH_ERROR_MESSAGE_MAX >= 64u, "GCH_ERROR_MESSAGE_MAX: at least 64");
_Static_assert(GCH_ERROR_FIELD_MAX >= 40u, "GCH_ERROR_FIELD_MAX must hold a correlation id");
_Static_assert(GCH_ACTION_TIMEOUT_MAX >= 1u && GCH_ACTION_TIMEOUT_MAX <= 999999u, "GCH_ACTION_TIMEOUT_MAX: 1..999999");
_Static_assert(GCH_DOC_SIZE >= 1024u && GCH_DOC_TOKENS >= 64u, "GCH_DOC_SIZE >= 1024, GCH_DOC_TOKENS >= 64");
_Static_assert(GCH_TEMPLATE_SIZE >= 64u, "GCH_TEMPLATE_SIZE: at least 64");
_Static_assert(GCH_FIX_TABLE >= 1u && GCH_INTEGRATION_CACHE >= 1u,
               "GCH_FIX_TABLE and GCH_INTEGRATION_CACHE: at least 1");
_Static_assert(GCH_STASH_SIZE == 0u || GCH_STASH_SIZE >= 1024u, "GCH_STASH_SIZE: 0 or at least 1024");
_Static_assert(GCH_SEEN_IDS >= 1u, "GCH_SEEN_IDS: at least 1");
_Static_assert(GCH_ID_MAX >= 48u, "GCH_ID_MAX must hold \"custom_-_\" and a UUID");
_Static_assert(GCH_NAME_MAX >= 16u, "GCH_NAME_MAX: at least 16");
_Static_assert(GCH_TLS_ARENA_SIZE >= 16u * 1024u, "GCH_TLS_ARENA_SIZE: at least 16 KiB");

#endif
