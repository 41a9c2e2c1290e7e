/*
 * gch_wipe.h - erase secrets (client secret pieces, tokens, bodies that held
 * them) so they do not outlive their use in RAM or in a core dump.
 */
#ifndef GCH_WIPE_H
#define GCH_WIPE_H

#include <stddef.h>

/* Overwrites p[0..n) with zeros through a volatile pointer, so the compiler
 * cannot drop the stores as dead. */
void gch_wipe(void *p, size_t n);

#endif
