/* gch_hash.c - see gch_hash.h. */
#include "gch_hash.h"

uint64_t gch_hash_bytes(uint64_t hash, const void *data, size_t len)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < len; i++) {
        hash = (hash ^ p[i]) * 0x100000001b3ull; /* FNV prime */
    }
    return hash;
}
