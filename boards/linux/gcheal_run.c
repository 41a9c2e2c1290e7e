/* gcheal_run.c - the run record's time format (gcheal_run.h). */
#define _POSIX_C_SOURCE 200809L
#include "gcheal_run.h"

#include <stdio.h>
#include <time.h>

void gcheal_utc(char out[GCHEAL_UTC_MAX], int64_t t)
{
    struct tm tm;
    time_t tt = (time_t)t;
    if (t < 0 || gmtime_r(&tt, &tm) == NULL ||
        strftime(out, GCHEAL_UTC_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
        snprintf(out, GCHEAL_UTC_MAX, "-");
    }
}
