/*
 * gch_hash.h - FNV-1a, 64 bits: the one non-cryptographic hash of the core.
 *
 * It tells apart what must not be confused by accident (a page that repeats the
 * previous one, a config or template that changed after a PATCH) without
 * keeping a second copy in memory. It is not a defence against a peer that
 * crafts collisions: what a server could gain by one is a missed repeat or a
 * missed difference, and both are checked again by other means (page caps,
 * the verifier's fields).
 */
#ifndef GCH_HASH_H
#define GCH_HASH_H

#include <stddef.h>
#include <stdint.h>

#define GCH_HASH_INIT 0xcbf29ce484222325ull /* FNV-1a offset basis */

/* Continues hash over data[0..len); start with GCH_HASH_INIT. */
uint64_t gch_hash_bytes(uint64_t hash, const void *data, size_t len);

#endif
