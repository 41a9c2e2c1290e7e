/*
 * gch_mbedtls_platform.c - Mbed TLS's platform hooks on top of the porting
 * interface: wall time and milliseconds from gch_clock_*, entropy from
 * gch_entropy_fill, and gmtime_r as plain arithmetic (no libc time zones, which
 * firmware does not have).
 */
#include <string.h>
#include <time.h>

#include "gch_port.h"
#include "mbedtls/build_info.h"
#include "mbedtls/entropy.h"
#include "mbedtls/platform_time.h"
#include "mbedtls/platform_util.h"

/* Named by MBEDTLS_PLATFORM_TIME_MACRO. */
mbedtls_time_t gch_mbedtls_time(mbedtls_time_t *t);
mbedtls_time_t gch_mbedtls_time(mbedtls_time_t *t)
{
    mbedtls_time_t now = (mbedtls_time_t)gch_clock_wall();
    if (t != NULL) {
        *t = now;
    }
    return now;
}

mbedtls_ms_time_t mbedtls_ms_time(void)
{
    return (mbedtls_ms_time_t)gch_clock_ms();
}

/* Days since 1970-01-01 -> civil date (proleptic Gregorian), after H. Hinnant. */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf)
{
    int64_t t = (int64_t)*tt;
    int64_t days = t / 86400;
    int64_t secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days -= 1;
    }
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    memset(tm_buf, 0, sizeof *tm_buf);
    tm_buf->tm_year = y - 1900;
    tm_buf->tm_mon = m - 1;
    tm_buf->tm_mday = d;
    tm_buf->tm_hour = (int)(secs / 3600);
    tm_buf->tm_min = (int)(secs / 60 % 60);
    tm_buf->tm_sec = (int)(secs % 60);
    return tm_buf;
}

/* MBEDTLS_ENTROPY_HARDWARE_ALT: the platform's strong source feeds both the
 * CTR_DRBG and PSA's RNG. Failure is reported, never papered over. */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    (void)data;
    if (gch_entropy_fill(output, len) != GCH_OK) {
        *olen = 0;
        return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    *olen = len;
    return 0;
}
