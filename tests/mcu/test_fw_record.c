/*
 * test_fw_record.c - the firmware's provisioned-record reader
 * (boards/mps2-an386/gch_fw_record.c), built for the host with ASan/UBSan:
 * what a good record yields, and one clear refusal for each way a record
 * can be wrong, none of which quotes a value.
 */
#include <stdint.h>
#include <string.h>

#include "gch_fw_record.h"
#include "gch_test.h"

#define SECRET "s3cret-value-never-shown"

typedef struct {
    uint8_t b[8192];
    size_t len; /* payload bytes so far */
} rec_t;

static void start(rec_t *r)
{
    memset(r->b, 0xFF, sizeof r->b);
    r->len = 0;
}

static void put(rec_t *r, unsigned tag, const void *v, size_t n)
{
    uint8_t *p = r->b + GCH_FW_RECORD_HEADER + r->len;
    p[0] = (uint8_t)tag;
    p[1] = (uint8_t)n;
    p[2] = (uint8_t)(n >> 8);
    memcpy(p + 3, v, n);
    r->len += 3 + n;
}

static void text(rec_t *r, unsigned tag, const char *s)
{
    put(r, tag, s, strlen(s) + 1);
}

static void num(rec_t *r, unsigned tag, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    put(r, tag, b, 4);
}

static void w32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static const uint8_t *finish(rec_t *r)
{
    w32(r->b, GCH_FW_RECORD_MAGIC);
    r->b[4] = GCH_FW_RECORD_VERSION;
    r->b[5] = 0;
    r->b[6] = GCH_FW_RECORD_HEADER;
    r->b[7] = 0;
    w32(r->b + 8, (uint32_t)r->len);
    w32(r->b + 12, gch_fw_crc32(r->b + GCH_FW_RECORD_HEADER, r->len));
    return r->b;
}

static void base(rec_t *r)
{
    start(r);
    text(r, GCH_FW_TAG_API_HOST, "api.gcheal.test");
    num(r, GCH_FW_TAG_API_PORT, 4433);
    text(r, GCH_FW_TAG_LOGIN_HOST, "login.gcheal.test");
    text(r, GCH_FW_TAG_CLIENT_ID, "device-1");
    text(r, GCH_FW_TAG_CLIENT_SECRET, SECRET);
}

static gch_fw_settings_t set;
static char why[160];

static int parse(rec_t *r)
{
    why[0] = '\0';
    int rc = gch_fw_record_parse(finish(r), sizeof r->b, &set, why, sizeof why);
    if (strstr(why, SECRET) != NULL) {
        return 99; /* the reason quoted the secret */
    }
    return rc;
}

#define REFUSED(r, text_)                                                                                              \
    do {                                                                                                               \
        GCH_CHECK_EQ_INT(parse(r), -1);                                                                                \
        if (strstr(why, (text_)) == NULL) {                                                                            \
            fprintf(stderr, "  why: %s\n", why);                                                                       \
        }                                                                                                              \
        GCH_CHECK(strstr(why, (text_)) != NULL);                                                                       \
    } while (0)

static void test_good_record_with_hosts_and_defaults(void)
{
    rec_t r;
    base(&r);
    num(&r, GCH_FW_TAG_CA_BUILTIN, 1);
    text(&r, GCH_FW_TAG_NAME, "A");
    text(&r, GCH_FW_TAG_NAME, "B");
    GCH_CHECK_EQ_INT(parse(&r), 0);
    GCH_CHECK(strcmp(set.api_host, "api.gcheal.test") == 0 && set.api_port == 4433);
    GCH_CHECK(strcmp(set.login_host, "login.gcheal.test") == 0 && set.login_port == 443);
    GCH_CHECK(strcmp(set.client_secret, SECRET) == 0);
    GCH_CHECK(set.mode == 1 && set.min_timeout == 5 && set.set_timeout == 0 && set.unset_is == 60);
    GCH_CHECK(set.interval_s == 300 && set.watchdog_s == 120 && set.ca == NULL);
    GCH_CHECK(set.name_count == 2 && strcmp(set.names[1], "B") == 0);
}

static void test_region_names_both_hosts(void)
{
    rec_t r;
    start(&r);
    text(&r, GCH_FW_TAG_REGION, "ap-southeast-2");
    text(&r, GCH_FW_TAG_CLIENT_ID, "d");
    text(&r, GCH_FW_TAG_CLIENT_SECRET, SECRET);
    static const char pem[] = "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n";
    put(&r, GCH_FW_TAG_CA, pem, sizeof pem);
    GCH_CHECK_EQ_INT(parse(&r), 0);
    GCH_CHECK(strcmp(set.api_host, "api.mypurecloud.com.au") == 0);
    GCH_CHECK(strcmp(set.login_host, "login.mypurecloud.com.au") == 0);
    GCH_CHECK(set.ca != NULL && set.ca_len == sizeof pem);
}

static void test_blank_bad_magic_version_length_crc(void)
{
    rec_t r;
    start(&r);
    GCH_CHECK_EQ_INT(gch_fw_record_parse(r.b, sizeof r.b, &set, why, sizeof why), -1);
    GCH_CHECK(strstr(why, "blank") != NULL);
    base(&r);
    num(&r, GCH_FW_TAG_CA_BUILTIN, 1);
    finish(&r);
    r.b[0] ^= 1;
    GCH_CHECK_EQ_INT(gch_fw_record_parse(r.b, sizeof r.b, &set, why, sizeof why), -1);
    GCH_CHECK(strstr(why, "bad magic") != NULL);
    finish(&r);
    r.b[4] = 2;
    GCH_CHECK_EQ_INT(gch_fw_record_parse(r.b, sizeof r.b, &set, why, sizeof why), -1);
    GCH_CHECK(strstr(why, "record version 2") != NULL);
    finish(&r);
    w32(r.b + 8, 9000);
    GCH_CHECK_EQ_INT(gch_fw_record_parse(r.b, sizeof r.b, &set, why, sizeof why), -1);
    GCH_CHECK(strstr(why, "runs past") != NULL);
    finish(&r);
    r.b[GCH_FW_RECORD_HEADER + 10] ^= 0x40;
    GCH_CHECK_EQ_INT(gch_fw_record_parse(r.b, sizeof r.b, &set, why, sizeof why), -1);
    GCH_CHECK(strstr(why, "CRC mismatch") != NULL);
    GCH_CHECK_EQ_INT(gch_fw_record_parse(r.b, 8, &set, why, sizeof why), -1);
}

static void test_oversized_secret_is_refused_without_quoting_it(void)
{
    rec_t r;
    start(&r);
    text(&r, GCH_FW_TAG_REGION, "us-east-1");
    text(&r, GCH_FW_TAG_CLIENT_ID, "d");
    char big[200];
    memset(big, 'k', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big, SECRET, strlen(SECRET));
    text(&r, GCH_FW_TAG_CLIENT_SECRET, big);
    REFUSED(&r, "client_secret is 199 bytes, over the limit of 128");
}

static void test_each_wrong_field_is_named(void)
{
    rec_t r;
    start(&r);
    text(&r, GCH_FW_TAG_REGION, "xx-nowhere-9");
    text(&r, GCH_FW_TAG_CLIENT_ID, "d");
    text(&r, GCH_FW_TAG_CLIENT_SECRET, SECRET);
    num(&r, GCH_FW_TAG_CA_BUILTIN, 1);
    REFUSED(&r, "unknown region");

    base(&r);
    REFUSED(&r, "no CA");
    base(&r);
    num(&r, GCH_FW_TAG_CA_BUILTIN, 1);
    put(&r, GCH_FW_TAG_CA, "-----BEGIN", 10);
    REFUSED(&r, "PEM without its terminating NUL");
    base(&r);
    num(&r, GCH_FW_TAG_CA_BUILTIN, 1);
    text(&r, GCH_FW_TAG_REGION, "us-east-1");
    REFUSED(&r, "both a region and hosts");
    base(&r);
    num(&r, GCH_FW_TAG_CA_BUILTIN, 1);
    text(&r, GCH_FW_TAG_CLIENT_ID, "again");
    REFUSED(&r, "client_id given twice");
    base(&r);
    num(&r, GCH_FW_TAG_WATCHDOG, 200);
    REFUSED(&r, "watchdog 200 is outside 4..171");
    base(&r);
    num(&r, GCH_FW_TAG_INTERVAL, 0);
    REFUSED(&r, "interval 0 is outside");
    base(&r);
    put(&r, GCH_FW_TAG_MODE, "\1", 1);
    REFUSED(&r, "mode is not a 4-byte number");
    base(&r);
    text(&r, GCH_FW_TAG_API_PORT + 40, "x");
    REFUSED(&r, "unknown field tag 43");
    base(&r);
    for (int i = 0; i < 5; i++) {
        text(&r, GCH_FW_TAG_NAME, "n");
    }
    REFUSED(&r, "more than 4 names");
    start(&r);
    text(&r, GCH_FW_TAG_API_HOST, "api.example/evil");
    REFUSED(&r, "api_host is not a host name");
    start(&r);
    put(&r, GCH_FW_TAG_CLIENT_ID, "a\0b", 4);
    REFUSED(&r, "client_id is not a single line of text");
    start(&r);
    text(&r, GCH_FW_TAG_REGION, "us-east-1");
    text(&r, GCH_FW_TAG_CLIENT_ID, "d");
    REFUSED(&r, "no client_id or no client_secret");
    start(&r);
    text(&r, GCH_FW_TAG_API_HOST, "a");
    REFUSED(&r, "not both api_host and login_host");
}

static void test_truncated_fields(void)
{
    rec_t r;
    base(&r);
    r.b[GCH_FW_RECORD_HEADER + r.len] = GCH_FW_TAG_MODE;
    r.len += 2; /* a field header cut short */
    REFUSED(&r, "inside a field header");
    base(&r);
    put(&r, GCH_FW_TAG_CATEGORY, "abc", 3);
    r.len -= 1; /* the value runs past the record */
    REFUSED(&r, "runs past the record");
}

static void test_crc32_matches_zlib(void)
{
    GCH_CHECK_EQ_INT(gch_fw_crc32((const uint8_t *)"123456789", 9), 0xCBF43926u);
    GCH_CHECK_EQ_INT(gch_fw_crc32(NULL, 0), 0);
}

GCH_TEST_MAIN(GCH_TEST(test_good_record_with_hosts_and_defaults), GCH_TEST(test_region_names_both_hosts),
              GCH_TEST(test_blank_bad_magic_version_length_crc),
              GCH_TEST(test_oversized_secret_is_refused_without_quoting_it), GCH_TEST(test_each_wrong_field_is_named),
              GCH_TEST(test_truncated_fields), GCH_TEST(test_crc32_matches_zlib))
