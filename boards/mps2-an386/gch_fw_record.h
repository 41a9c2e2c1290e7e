/*
 * gch_fw_record.h - the device's provisioned configuration: one record in a
 * reserved flash sector, written by boards/mps2-an386/provision.py from a
 * small text file, read in place (its strings are used straight from flash).
 *
 * Layout (little-endian):
 *   header  "GCHP" magic (u32 0x50484347), version u16 (1), header size u16
 *           (16), payload length u32, CRC-32 (IEEE, as zlib) of the payload u32
 *   payload fields: tag u8, length u16, value. Text values carry their
 *           terminating NUL; numbers are u32. Version 1 knows every tag below:
 *           an unknown or repeated tag (NAME excepted) is refused.
 *
 * Pure code (no hardware): the host builds it for its unit test and fuzzer.
 */
#ifndef GCH_FW_RECORD_H
#define GCH_FW_RECORD_H

#include <stddef.h>
#include <stdint.h>

#define GCH_FW_RECORD_MAGIC 0x50484347u
#define GCH_FW_RECORD_VERSION 1u
#define GCH_FW_RECORD_HEADER 16u

enum {
    GCH_FW_TAG_REGION = 1,   /* short name, e.g. "us-east-1" */
    GCH_FW_TAG_API_HOST = 2, /* instead of a region: both hosts by name */
    GCH_FW_TAG_API_PORT = 3,
    GCH_FW_TAG_LOGIN_HOST = 4,
    GCH_FW_TAG_LOGIN_PORT = 5,
    GCH_FW_TAG_CLIENT_ID = 6,
    GCH_FW_TAG_CLIENT_SECRET = 7,
    GCH_FW_TAG_MODE = 8, /* 0 scan, 1 fix, 2 fix --dry-run */
    GCH_FW_TAG_MIN_TIMEOUT = 9,
    GCH_FW_TAG_SET_TIMEOUT = 10,
    GCH_FW_TAG_UNSET_IS = 11,
    GCH_FW_TAG_INTERVAL = 12, /* seconds between runs */
    GCH_FW_TAG_WATCHDOG = 13, /* seconds without a feed before the board resets */
    GCH_FW_TAG_CATEGORY = 14,
    GCH_FW_TAG_INTEGRATION = 15,
    GCH_FW_TAG_NAME = 16,       /* repeatable: exact action names */
    GCH_FW_TAG_CA = 17,         /* PEM (with its NUL) or DER bundle */
    GCH_FW_TAG_CA_BUILTIN = 18, /* u32 1: the CA compiled into the firmware */
    GCH_FW_TAG_MAX = 18
};

/* Limits (the provisioning tool enforces the same ones). */
#define GCH_FW_HOST_MAX 63u /* lwIP's DNS_MAX_NAME_LENGTH - 1 */
#define GCH_FW_CLIENT_ID_MAX 64u
#define GCH_FW_SECRET_MAX 128u
#define GCH_FW_FILTER_MAX 127u /* category, integration id, one name */
#define GCH_FW_NAMES_MAX 4u
#define GCH_FW_INTERVAL_MAX 86400u
#define GCH_FW_WATCHDOG_MIN 4u
#define GCH_FW_WATCHDOG_MAX 171u /* 2^32 ticks of the 25 MHz watchdog clock */

typedef struct {
    const char *region; /* NULL when the hosts were given */
    const char *api_host, *login_host;
    uint16_t api_port, login_port;
    const char *client_id, *client_secret;
    uint32_t mode; /* 0 scan, 1 fix, 2 fix --dry-run */
    uint32_t min_timeout, set_timeout, unset_is;
    uint32_t interval_s, watchdog_s;
    const char *category, *integration_id;
    const char *names[GCH_FW_NAMES_MAX];
    uint32_t name_count;
    const uint8_t *ca; /* NULL: the built-in CA */
    size_t ca_len;
} gch_fw_settings_t;

/* Checks the record at sector (cap bytes) and fills *out with pointers into
 * it. Returns 0, or -1 with one line in why (never a field's value, so the
 * secret cannot leak through it). */
int gch_fw_record_parse(const uint8_t *sector, size_t cap, gch_fw_settings_t *out, char *why, size_t why_cap);

/* CRC-32 (IEEE 802.3, reflected, as zlib.crc32). */
uint32_t gch_fw_crc32(const uint8_t *p, size_t n);

/* Genesys Cloud region short name -> API and login hosts; -1 when unknown. */
int gch_fw_region_hosts(const char *region, const char **api, const char **login);

#endif
