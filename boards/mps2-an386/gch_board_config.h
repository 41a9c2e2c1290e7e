/*
 * gch_board_config.h - buffer sizes of the MPS2 AN386 firmware (read by
 * core/gch_config.h through GCH_CONFIG_FILE, and force-included into every
 * file of ours so port/gch_tls_arena.c sees the arena size too).
 *
 * Sized for 96 KiB of RAM and for what real Data Actions look like: a listed
 * entity with its config is at most ~3 KB and ~150 JSON tokens (templates come
 * back as URIs), and the template texts of the actions that need fixing are
 * at most a few KB. A larger action is reported as skipped with its size,
 * never truncated; a full fix table costs one more pass, not correctness.
 */
#ifndef GCH_BOARD_CONFIG_H
#define GCH_BOARD_CONFIG_H

#define GCH_RX_SIZE 2048u          /* TLS already holds a whole record */
#define GCH_HEAD_OUT_SIZE 1024u    /* request line + headers incl. the bearer token */
#define GCH_HEAD_IN_SIZE 2048u
#define GCH_MAX_HEADERS 32u
#define GCH_DOC_SIZE 4096u         /* one entity / one fetched action */
#define GCH_DOC_TOKENS 256u
#define GCH_TEMPLATE_SIZE 2048u    /* both template texts of one action */
#define GCH_FIX_TABLE 8u           /* actions fixed per pass */
#define GCH_ID_MAX 64u             /* "custom_-_" + a UUID is 45 */
#define GCH_NAME_MAX 128u
#define GCH_TOKEN_MAX 512u         /* OAuth access token */
#define GCH_SMALL_BODY_SIZE 3072u  /* token answer, ErrorBody, integration list */
#define GCH_SMALL_BODY_TOKENS 160u
#define GCH_STASH_SIZE 0u          /* no listed entities kept: each fix starts with a GET */
#define GCH_SEEN_IDS 32u           /* ids remembered to notice a repeated page (256 B) */

/* Mbed TLS arena: one TLS session at a time (gch_tls_connector single_session), its 16 KiB
 * input record buffer included. Painted high-water mark of a fix run against
 * the emulator: ~26 KiB (docs/SIZE.md); the rest is margin for longer
 * certificate chains. */
#define GCH_TLS_ARENA_SIZE (32u * 1024u)

#endif
