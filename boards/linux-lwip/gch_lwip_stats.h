/*
 * gch_lwip_stats.h - lwIP's counters as the linux-lwip board prints them at exit.
 */
#ifndef GCH_LWIP_STATS_H
#define GCH_LWIP_STATS_H

#include <stdio.h>

#include "gch_tapif.h"

/* Two lines, stable "name=value" fields (tests/lwip parses them):
 *   gcheal-lwip: tcp sent=N received=N retransmits=N opens=N closes=N failed-opens=N ...
 *   gcheal-lwip: pools (in use/peak/size) NAME=U/P/N ... heap=U/P/N bytes
 */
void gch_lwip_stats_print(FILE *out, const gch_tapif_t *tap);

#endif
