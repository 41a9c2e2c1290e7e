/* gch_wipe.c - see gch_wipe.h. */
#include "gch_wipe.h"

void gch_wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--) {
        *v++ = 0;
    }
}
