/*
 * gch_fw_record.c - reads the provisioned configuration record (layout in
 * gch_fw_record.h). Every check that fails names what is wrong in one line;
 * none quotes a value, so a bad secret never reaches the console.
 */
#include "gch_fw_record.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

uint32_t gch_fw_crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) {
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        }
    }
    return ~c;
}

static uint32_t le16(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
    return le16(p) | le16(p + 2) << 16;
}

static const char *const tag_names[GCH_FW_TAG_MAX + 1] = { "?",          "region",      "api_host",    "api_port",
                                                           "login_host", "login_port",  "client_id",   "client_secret",
                                                           "mode",       "min_timeout", "set_timeout", "unset_is",
                                                           "interval",   "watchdog",    "category",    "integration",
                                                           "name",       "ca",          "ca builtin" };

typedef struct {
    char *why;
    size_t cap;
} why_t;

static int fail(why_t *e, const char *what, const char *detail)
{
    snprintf(e->why, e->cap, "%s%s", what, detail);
    return -1;
}

/* A text value: NUL-terminated, no NUL inside, 1..max bytes of text. */
static int text(why_t *e, unsigned tag, const uint8_t *v, uint32_t len, size_t max, const char **out)
{
    if (len < 2 || v[len - 1] != '\0' || memchr(v, '\0', len - 1) != NULL) {
        return fail(e, tag_names[tag], " is not a single line of text");
    }
    if (len - 1 > max) {
        snprintf(e->why, e->cap, "%s is %u bytes, over the limit of %u", tag_names[tag], (unsigned)(len - 1),
                 (unsigned)max);
        return -1;
    }
    *out = (const char *)v;
    return 0;
}

static int number(why_t *e, unsigned tag, const uint8_t *v, uint32_t len, uint32_t lo, uint32_t hi, uint32_t *out)
{
    if (len != 4) {
        return fail(e, tag_names[tag], " is not a 4-byte number");
    }
    uint32_t x = le32(v);
    if (x < lo || x > hi) {
        snprintf(e->why, e->cap, "%s %u is outside %u..%u", tag_names[tag], (unsigned)x, (unsigned)lo, (unsigned)hi);
        return -1;
    }
    *out = x;
    return 0;
}

/* Host names go to DNS (or are IPv4 literals): letters, digits, '-' and '.'. */
static int host_name(why_t *e, unsigned tag, const char *h)
{
    for (const char *c = h; *c != '\0'; c++) {
        bool ok =
            (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '.';
        if (!ok) {
            return fail(e, tag_names[tag], " is not a host name");
        }
    }
    return 0;
}

static int field(why_t *e, gch_fw_settings_t *s, unsigned tag, const uint8_t *v, uint32_t len)
{
    uint32_t port = 0;
    int rc;
    switch (tag) {
    case GCH_FW_TAG_REGION: return text(e, tag, v, len, GCH_FW_HOST_MAX, &s->region);
    case GCH_FW_TAG_API_HOST:
        rc = text(e, tag, v, len, GCH_FW_HOST_MAX, &s->api_host);
        return rc != 0 ? rc : host_name(e, tag, s->api_host);
    case GCH_FW_TAG_LOGIN_HOST:
        rc = text(e, tag, v, len, GCH_FW_HOST_MAX, &s->login_host);
        return rc != 0 ? rc : host_name(e, tag, s->login_host);
    case GCH_FW_TAG_API_PORT:
    case GCH_FW_TAG_LOGIN_PORT:
        rc = number(e, tag, v, len, 1, 65535, &port);
        *(tag == GCH_FW_TAG_API_PORT ? &s->api_port : &s->login_port) = (uint16_t)port;
        return rc;
    case GCH_FW_TAG_CLIENT_ID: return text(e, tag, v, len, GCH_FW_CLIENT_ID_MAX, &s->client_id);
    case GCH_FW_TAG_CLIENT_SECRET: return text(e, tag, v, len, GCH_FW_SECRET_MAX, &s->client_secret);
    case GCH_FW_TAG_MODE: return number(e, tag, v, len, 0, 2, &s->mode);
    case GCH_FW_TAG_MIN_TIMEOUT: return number(e, tag, v, len, 1, 60, &s->min_timeout);
    case GCH_FW_TAG_SET_TIMEOUT: return number(e, tag, v, len, 0, 60, &s->set_timeout);
    case GCH_FW_TAG_UNSET_IS: return number(e, tag, v, len, 1, 60, &s->unset_is);
    case GCH_FW_TAG_INTERVAL: return number(e, tag, v, len, 1, GCH_FW_INTERVAL_MAX, &s->interval_s);
    case GCH_FW_TAG_WATCHDOG: return number(e, tag, v, len, GCH_FW_WATCHDOG_MIN, GCH_FW_WATCHDOG_MAX, &s->watchdog_s);
    case GCH_FW_TAG_CATEGORY: return text(e, tag, v, len, GCH_FW_FILTER_MAX, &s->category);
    case GCH_FW_TAG_INTEGRATION: return text(e, tag, v, len, GCH_FW_FILTER_MAX, &s->integration_id);
    case GCH_FW_TAG_NAME:
        if (s->name_count == GCH_FW_NAMES_MAX) {
            return fail(e, "more than 4 names", "");
        }
        return text(e, tag, v, len, GCH_FW_FILTER_MAX, &s->names[s->name_count++]);
    case GCH_FW_TAG_CA:
        if (len == 0) {
            return fail(e, "ca", " is empty");
        }
        /* Mbed TLS takes PEM only with its terminating NUL counted. */
        if (len >= 5 && memcmp(v, "-----", 5) == 0 && v[len - 1] != '\0') {
            return fail(e, "ca", " is PEM without its terminating NUL");
        }
        s->ca = v;
        s->ca_len = len;
        return 0;
    case GCH_FW_TAG_CA_BUILTIN: return number(e, tag, v, len, 1, 1, &port);
    default: return fail(e, "unknown field tag", "");
    }
}

static void defaults(gch_fw_settings_t *s)
{
    memset(s, 0, sizeof *s);
    s->api_port = s->login_port = 443;
    s->mode = 1;
    s->min_timeout = 5;
    s->unset_is = 60;
    s->interval_s = 300;
    s->watchdog_s = 120;
}

/* What the fields say together: hosts, credentials, CA. */
static int whole(why_t *e, gch_fw_settings_t *s, bool ca_builtin)
{
    if (s->region != NULL) {
        if (s->api_host != NULL || s->login_host != NULL) {
            return fail(e, "both a region and hosts: give one of them", "");
        }
        if (gch_fw_region_hosts(s->region, &s->api_host, &s->login_host) != 0) {
            return fail(e, "unknown region (see docs/PORTING.md for the region names)", "");
        }
    } else if (s->api_host == NULL || s->login_host == NULL) {
        return fail(e, "no region, and not both api_host and login_host", "");
    }
    if (s->client_id == NULL || s->client_secret == NULL) {
        return fail(e, "no client_id or no client_secret", "");
    }
    if ((s->ca != NULL) == ca_builtin) {
        return fail(
            e, ca_builtin ? "both a CA bundle and the built-in CA" : "no CA: give a bundle or choose the built-in one",
            "");
    }
    return 0;
}

int gch_fw_record_parse(const uint8_t *sector, size_t cap, gch_fw_settings_t *out, char *why, size_t why_cap)
{
    why_t e = { why, why_cap };
    defaults(out);
    if (cap < GCH_FW_RECORD_HEADER) {
        return fail(&e, "the config sector is too small", "");
    }
    uint32_t magic = le32(sector);
    if (magic == 0xFFFFFFFFu) {
        return fail(&e, "the config sector is blank", "");
    }
    if (magic != GCH_FW_RECORD_MAGIC) {
        return fail(&e, "the config sector holds no gcheal record (bad magic)", "");
    }
    uint32_t version = le16(sector + 4), hsize = le16(sector + 6), len = le32(sector + 8);
    if (version != GCH_FW_RECORD_VERSION || hsize != GCH_FW_RECORD_HEADER) {
        snprintf(why, why_cap, "record version %u, header %u bytes: this firmware reads version 1", (unsigned)version,
                 (unsigned)hsize);
        return -1;
    }
    if (len > cap - GCH_FW_RECORD_HEADER) {
        snprintf(why, why_cap, "record length %lu runs past the %lu-byte sector", (unsigned long)len,
                 (unsigned long)cap);
        return -1;
    }
    const uint8_t *p = sector + GCH_FW_RECORD_HEADER;
    uint32_t crc = gch_fw_crc32(p, len);
    if (crc != le32(sector + 12)) {
        snprintf(why, why_cap, "record CRC mismatch (stored %08lx, computed %08lx)", (unsigned long)le32(sector + 12),
                 (unsigned long)crc);
        return -1;
    }
    uint32_t seen = 0;
    bool ca_builtin = false;
    for (uint32_t off = 0; off < len;) {
        if (len - off < 3) {
            return fail(&e, "record ends inside a field header", "");
        }
        unsigned tag = p[off];
        uint32_t flen = le16(p + off + 1);
        off += 3;
        if (flen > len - off) {
            return fail(&e, "a record field runs past the record", "");
        }
        if (tag == 0 || tag > GCH_FW_TAG_MAX) {
            snprintf(why, why_cap, "unknown field tag %u", tag);
            return -1;
        }
        if (tag != GCH_FW_TAG_NAME && (seen & (1u << tag)) != 0) {
            return fail(&e, tag_names[tag], " given twice");
        }
        seen |= 1u << tag;
        if (field(&e, out, tag, p + off, flen) != 0) {
            return -1;
        }
        ca_builtin = ca_builtin || tag == GCH_FW_TAG_CA_BUILTIN;
        off += flen;
    }
    return whole(&e, out, ca_builtin);
}
