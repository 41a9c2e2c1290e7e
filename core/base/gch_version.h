/*
 * gch_version.h - the release version of gcheal.
 *
 * Sent in every request's User-Agent (gch_http_request.c) and printed by the CLI.
 */
#ifndef GCH_VERSION_H
#define GCH_VERSION_H

#define GCH_VERSION "0.1.0"

#endif
