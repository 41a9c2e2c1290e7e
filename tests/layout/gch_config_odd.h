/*
 * gch_config_odd.h - every setting of core/gch_config.h set away from its
 * default (and odd-sized), for tests/layout: if any header sized a struct by a
 * default of its own instead of this file's value, two views of that struct
 * would differ in size and the check would fail.
 */
#ifndef GCH_CONFIG_ODD_H
#define GCH_CONFIG_ODD_H

#define GCH_RX_SIZE 1031u
#define GCH_HEAD_OUT_SIZE 1543u
#define GCH_HEAD_IN_SIZE 2053u
#define GCH_MAX_HEADERS 19u
#define GCH_HTTP_MAX_CHUNK_SIZE 99991u
#define GCH_HTTP_MAX_CHUNK_LINE 97u
#define GCH_PROXY_HEAD_SIZE 1399u
#define GCH_PROXY_MAX_HEADERS 13u
#define GCH_PROXY_HOST_MAX 99u
#define GCH_PROXY_AUTH_MAX 201u
#define GCH_JSON_MAX_DEPTH 23u
#define GCH_JSON_URI_MAX 1024u
#define GCH_JSON_KEY_MAX 41u
#define GCH_TOKEN_MAX 777u
#define GCH_OAUTH_TEXT_MAX 45u
#define GCH_SMALL_BODY_SIZE 3001u
#define GCH_SMALL_BODY_TOKENS 211u
#define GCH_ERROR_MESSAGE_MAX 131u
#define GCH_ERROR_FIELD_MAX 57u
#define GCH_ACTION_TIMEOUT_MAX 90u
#define GCH_DOC_SIZE 5003u
#define GCH_DOC_TOKENS 307u
#define GCH_TEMPLATE_SIZE 2011u
#define GCH_FIX_TABLE 3u
#define GCH_STASH_SIZE 3001u
#define GCH_SEEN_IDS 13u
#define GCH_INTEGRATION_CACHE 5u
#define GCH_ID_MAX 67u
#define GCH_NAME_MAX 71u
#define GCH_TLS_ARENA_SIZE 40009u

#endif
