/*
 * gch_config_small.h - deliberately small buffers for the "small" host build
 * (build/small/gcheal). The integration tests run it to prove the paths that
 * large host buffers rarely take: a fix table that fills mid-page (the page is
 * read again from where it stopped) and actions too large for the document
 * buffer (skipped with their size, never truncated). Sizes of a small MCU.
 */
#ifndef GCH_CONFIG_SMALL_H
#define GCH_CONFIG_SMALL_H

#define GCH_DOC_SIZE (24u * 1024u)
#define GCH_DOC_TOKENS 2048u
#define GCH_TEMPLATE_SIZE (16u * 1024u)
#define GCH_FIX_TABLE 4u
#define GCH_RX_SIZE 4096u

#endif
