/*
 * fuzz_fw_record.c - libFuzzer harness for the firmware's provisioned-record
 * reader (boards/mps2-an386/gch_fw_record.h), which reads whatever a config
 * sector holds.
 *
 * Input: byte 0 bit 0 set = the rest is a payload, wrapped in a header with
 * the right magic, version, length and CRC (so the fuzzer reaches the
 * fields); clear = the rest is the sector as it is. Either way the sector is
 * padded with 0xFF to 8 KiB like erased flash.
 * Properties: no memory error; a refusal says why in a NUL-terminated line
 * within its buffer; an acceptance yields settings within the documented
 * limits, every string NUL-terminated inside the sector (or a region's host
 * names), the CA inside the sector, and a secret that never shows up in the
 * refusal text of the same record with one more byte appended.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "gch_fw_record.h"

static uint8_t sector[8192];

static int inside(const void *p)
{
    return (const uint8_t *)p >= sector && (const uint8_t *)p < sector + sizeof sector;
}

static void check_text(const char *s, size_t max)
{
    if (s == NULL) {
        return;
    }
    size_t n = strlen(s);
    FUZZ_ASSERT(n >= 1 && n <= max);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    int wrap = data[0] & 1;
    data++;
    size--;
    memset(sector, 0xFF, sizeof sector);
    size_t off = wrap ? GCH_FW_RECORD_HEADER : 0;
    if (size > sizeof sector - off) {
        size = sizeof sector - off;
    }
    memcpy(sector + off, data, size);
    if (wrap) {
        uint32_t crc = gch_fw_crc32(sector + off, size);
        uint32_t h[4] = { GCH_FW_RECORD_MAGIC, GCH_FW_RECORD_VERSION | (GCH_FW_RECORD_HEADER << 16), (uint32_t)size,
                          crc };
        memcpy(sector, h, sizeof h); /* the host is little-endian like the board */
    }
    gch_fw_settings_t s;
    char why[160];
    memset(why, 'x', sizeof why);
    int rc = gch_fw_record_parse(sector, sizeof sector, &s, why, sizeof why);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc != 0) {
        FUZZ_ASSERT(memchr(why, '\0', sizeof why) != NULL && why[0] != '\0');
        return 0;
    }
    FUZZ_ASSERT(s.api_host != NULL && s.login_host != NULL && s.client_id != NULL && s.client_secret != NULL);
    check_text(s.api_host, GCH_FW_HOST_MAX);
    check_text(s.login_host, GCH_FW_HOST_MAX);
    check_text(s.client_id, GCH_FW_CLIENT_ID_MAX);
    check_text(s.client_secret, GCH_FW_SECRET_MAX);
    check_text(s.category, GCH_FW_FILTER_MAX);
    check_text(s.integration_id, GCH_FW_FILTER_MAX);
    FUZZ_ASSERT(inside(s.client_id) && inside(s.client_secret));
    FUZZ_ASSERT(s.region != NULL || (inside(s.api_host) && inside(s.login_host)));
    FUZZ_ASSERT(s.api_port >= 1 && s.login_port >= 1 && s.mode <= 2);
    FUZZ_ASSERT(s.min_timeout >= 1 && s.min_timeout <= 60 && s.set_timeout <= 60);
    FUZZ_ASSERT(s.unset_is >= 1 && s.unset_is <= 60);
    FUZZ_ASSERT(s.interval_s >= 1 && s.interval_s <= GCH_FW_INTERVAL_MAX);
    FUZZ_ASSERT(s.watchdog_s >= GCH_FW_WATCHDOG_MIN && s.watchdog_s <= GCH_FW_WATCHDOG_MAX);
    FUZZ_ASSERT(s.name_count <= GCH_FW_NAMES_MAX);
    for (uint32_t i = 0; i < s.name_count; i++) {
        check_text(s.names[i], GCH_FW_FILTER_MAX);
    }
    if (s.ca != NULL) {
        FUZZ_ASSERT(inside(s.ca) && s.ca_len > 0 && inside(s.ca + s.ca_len - 1));
    }
    /* The same record with a stray byte after it: refused, and the reason
     * does not quote the secret. */
    if (wrap && size + 1 <= sizeof sector - off) {
        char secret[GCH_FW_SECRET_MAX + 1];
        memcpy(secret, s.client_secret, strlen(s.client_secret) + 1);
        sector[off + size] = 0x00;
        uint32_t h[4] = { GCH_FW_RECORD_MAGIC, GCH_FW_RECORD_VERSION | (GCH_FW_RECORD_HEADER << 16), (uint32_t)size + 1,
                          gch_fw_crc32(sector + off, size + 1) };
        memcpy(sector, h, sizeof h);
        FUZZ_ASSERT(gch_fw_record_parse(sector, sizeof sector, &s, why, sizeof why) == -1);
        FUZZ_ASSERT(strlen(secret) < 4 || strstr(why, secret) == NULL);
    }
    return 0;
}
