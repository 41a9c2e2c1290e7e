/*
 * gch_jsmn.c - the single translation unit that holds jsmn's implementation,
 * compiled with the configuration fixed in gch_jsmn.h.
 */
#define GCH_JSMN_IMPLEMENTATION
#include "gch_jsmn.h"
