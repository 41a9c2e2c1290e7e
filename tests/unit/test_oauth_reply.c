/*
 * test_oauth_reply.c - the OAuth token answer parser.
 */
#include <stdint.h>
#include <string.h>

#include "api/gch_oauth_reply.h"
#include "gch_test.h"

static jsmntok_t pool[256];
static gch_json_doc_t doc;
static char secret[64];
static gch_oauth_reply_t tok;

static gch_status_t oauth(const char *json)
{
    gch_status_t st = gch_json_doc_parse(&doc, json, strlen(json), pool, 256);
    if (st != GCH_OK)
        return st;
    memset(secret, 'X', sizeof secret);
    memset(&tok, 0, sizeof tok);
    tok.access_token = secret;
    tok.access_token_cap = sizeof secret;
    return gch_oauth_reply_parse(&doc, &tok);
}

static bool all_zero(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return false;
    return true;
}

static void test_token_answer_gives_token_type_and_lifetime(void)
{
    GCH_CHECK_EQ_INT(oauth("{\"access_token\":\"abc.DEF-123_\\/x\",\"token_type\":\"bearer\",\"expires_in\":86400}"),
                     GCH_OK);
    GCH_CHECK_STR(tok.access_token, tok.access_token_len, "abc.DEF-123_/x");
    GCH_CHECK(tok.access_token[tok.access_token_len] == '\0');
    GCH_CHECK(strcmp(tok.token_type, "bearer") == 0);
    GCH_CHECK(tok.has_expires_in);
    GCH_CHECK_EQ_INT(tok.expires_in, 86400);
}

static void test_token_answer_without_lifetime_is_accepted(void)
{
    GCH_CHECK_EQ_INT(oauth("{\"token_type\":\"Bearer\",\"access_token\":\"t\",\"refresh_token\":\"r\"}"), GCH_OK);
    GCH_CHECK(!tok.has_expires_in);
    GCH_CHECK(strcmp(tok.token_type, "Bearer") == 0);
}

static void test_error_answer_is_an_auth_failure_with_its_texts(void)
{
    GCH_CHECK_EQ_INT(oauth("{\"error\":\"invalid_client\",\"description\":\"authentication failed\","
                           "\"error_description\":\"authentication failed (\\u00e9)\"}"),
                     GCH_ERR_AUTH);
    GCH_CHECK(strcmp(tok.error, "invalid_client") == 0);
    GCH_CHECK(strcmp(tok.error_description, "authentication failed (\303\251)") == 0);
    GCH_CHECK(all_zero(secret, sizeof secret));
}

static void test_error_answer_falls_back_to_description(void)
{
    GCH_CHECK_EQ_INT(oauth("{\"error\":\"invalid_grant\",\"description\":\"bad\"}"), GCH_ERR_AUTH);
    GCH_CHECK(strcmp(tok.error_description, "bad") == 0);
}

static void test_error_wins_over_a_token(void)
{
    GCH_CHECK_EQ_INT(oauth("{\"access_token\":\"t\",\"error\":\"x\"}"), GCH_ERR_AUTH);
    GCH_CHECK(all_zero(secret, sizeof secret));
}

static void test_missing_token_is_reported(void)
{
    GCH_CHECK_EQ_INT(oauth("{\"token_type\":\"bearer\",\"expires_in\":10}"), GCH_ERR_JSON_MISSING);
    GCH_CHECK(all_zero(secret, sizeof secret));
}

static void test_token_too_long_for_the_buffer_is_refused_and_wiped(void)
{
    char json[200];
    memcpy(json, "{\"access_token\":\"", 17);
    memset(json + 17, 'a', 64);
    memcpy(json + 81, "\"}", 3);
    GCH_CHECK_EQ_INT(oauth(json), GCH_ERR_NOSPACE);
    GCH_CHECK_EQ_INT(tok.access_token_len, 0);
    GCH_CHECK(all_zero(secret, sizeof secret));
}

static void test_token_of_exactly_the_capacity_minus_nul_fits(void)
{
    char json[200];
    memcpy(json, "{\"access_token\":\"", 17);
    memset(json + 17, 'a', 63);
    memcpy(json + 80, "\"}", 3);
    GCH_CHECK_EQ_INT(oauth(json), GCH_OK);
    GCH_CHECK_EQ_INT(tok.access_token_len, 63);
}

static void test_bad_member_types_are_refused_and_wiped(void)
{
    GCH_CHECK_EQ_INT(oauth("{\"access_token\":42}"), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(oauth("{\"access_token\":\"\"}"), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(oauth("{\"access_token\":\"a\\u0000b\"}"), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(oauth("{\"access_token\":\"t\",\"expires_in\":\"3600\"}"), GCH_ERR_JSON_TYPE);
    GCH_CHECK(all_zero(secret, sizeof secret));
    GCH_CHECK_EQ_INT(oauth("{\"access_token\":\"t\",\"expires_in\":0}"), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(oauth("{\"access_token\":\"t\",\"expires_in\":3600.5}"), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(oauth("{\"access_token\":\"t\",\"token_type\":7}"), GCH_ERR_JSON_TYPE);
    GCH_CHECK_EQ_INT(oauth("[\"access_token\"]"), GCH_ERR_JSON_TYPE);
}

static void test_duplicate_token_is_refused(void)
{
    GCH_CHECK_EQ_INT(oauth("{\"access_token\":\"a\",\"access_token\":\"b\"}"), GCH_ERR_JSON_DUPLICATE);
    GCH_CHECK(all_zero(secret, sizeof secret));
}

GCH_TEST_MAIN(GCH_TEST(test_token_answer_gives_token_type_and_lifetime),
              GCH_TEST(test_token_answer_without_lifetime_is_accepted),
              GCH_TEST(test_error_answer_is_an_auth_failure_with_its_texts),
              GCH_TEST(test_error_answer_falls_back_to_description), GCH_TEST(test_error_wins_over_a_token),
              GCH_TEST(test_missing_token_is_reported),
              GCH_TEST(test_token_too_long_for_the_buffer_is_refused_and_wiped),
              GCH_TEST(test_token_of_exactly_the_capacity_minus_nul_fits),
              GCH_TEST(test_bad_member_types_are_refused_and_wiped), GCH_TEST(test_duplicate_token_is_refused))
