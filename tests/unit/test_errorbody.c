/*
 * test_errorbody.c - the Genesys ErrorBody parser: decoded, bounded, tolerant.
 */
#include <stdint.h>
#include <string.h>

#include "api/gch_errorbody.h"
#include "gch_test.h"

static jsmntok_t pool[256];
static gch_json_doc_t doc;
static gch_errorbody_t eb;

static gch_status_t errorbody(const char *json)
{
    gch_status_t st = gch_json_doc_parse(&doc, json, strlen(json), pool, 256);
    return st != GCH_OK ? st : gch_errorbody_parse(&doc, &eb);
}

static void test_errorbody_members_are_decoded(void)
{
    GCH_CHECK_EQ_INT(errorbody("{\"message\":\"Version \\\"3\\\" is stale\",\"code\":\"bad.request\",\"status\":400,"
                               "\"messageParams\":{},\"contextId\":\"8f1c-42\",\"details\":[],\"errors\":[]}"),
                     GCH_OK);
    GCH_CHECK(strcmp(eb.message, "Version \"3\" is stale") == 0);
    GCH_CHECK(strcmp(eb.code, "bad.request") == 0);
    GCH_CHECK(strcmp(eb.context_id, "8f1c-42") == 0);
    GCH_CHECK(eb.has_status);
    GCH_CHECK_EQ_INT(eb.status, 400);
    GCH_CHECK(!eb.truncated);
}

static void test_errorbody_tolerates_missing_and_mistyped_members(void)
{
    GCH_CHECK_EQ_INT(errorbody("{\"message\":null,\"status\":\"409\",\"code\":[]}"), GCH_OK);
    GCH_CHECK(eb.message[0] == '\0' && eb.code[0] == '\0' && eb.context_id[0] == '\0');
    GCH_CHECK(!eb.has_status);
    GCH_CHECK_EQ_INT(errorbody("{}"), GCH_OK);
}

static void test_errorbody_long_message_is_cut_at_a_character_boundary(void)
{
    static char json[GCH_ERROR_MESSAGE_MAX * 2 + 64];
    size_t n = 0;
    memcpy(json, "{\"message\":\"", 12);
    n = 12;
    /* 'a' then 3-byte characters: the cut must not split one. */
    json[n++] = 'a';
    while (n < 12 + GCH_ERROR_MESSAGE_MAX + 30) {
        memcpy(json + n, "\342\200\231", 3);
        n += 3;
    }
    memcpy(json + n, "\"}", 3);
    GCH_CHECK_EQ_INT(errorbody(json), GCH_OK);
    GCH_CHECK(eb.truncated);
    size_t len = strlen(eb.message);
    GCH_CHECK(len < GCH_ERROR_MESSAGE_MAX);
    GCH_CHECK_EQ_INT((len - 1) % 3, 0);
}

static void test_errorbody_of_a_non_object_is_a_type_error(void)
{
    GCH_CHECK_EQ_INT(errorbody("[{\"message\":\"x\"}]"), GCH_ERR_JSON_TYPE);
    GCH_CHECK(eb.message[0] == '\0');
}

GCH_TEST_MAIN(GCH_TEST(test_errorbody_members_are_decoded),
              GCH_TEST(test_errorbody_tolerates_missing_and_mistyped_members),
              GCH_TEST(test_errorbody_long_message_is_cut_at_a_character_boundary),
              GCH_TEST(test_errorbody_of_a_non_object_is_a_type_error))
