/* test_json_skim.c - one-pass member lookup used by the heal job's scan. */
#include <string.h>

#include "gch_test.h"
#include "json/gch_json_skim.h"
#include "json/gch_json_split.h"

enum { ID, NAME, CONFIG, TIMEOUT, COUNT };

static gch_status_t skim(const char *json, gch_json_skim_field_t *f)
{
    gch_json_skim_field_t init[COUNT] = {
        [ID] = { .parent = NULL, .key = "id" },
        [NAME] = { .parent = NULL, .key = "name" },
        [CONFIG] = { .parent = NULL, .key = "config" },
        [TIMEOUT] = { .parent = "config", .key = "timeoutSeconds" },
    };
    memcpy(f, init, sizeof init);
    return gch_json_skim(json, strlen(json), f, COUNT);
}

static void test_top_level_and_nested_members_are_found(void)
{
    gch_json_skim_field_t f[COUNT];
    GCH_CHECK_EQ_INT(skim("{\"id\":\"a1\",\"name\":\"N\",\"config\":{\"request\":{\"x\":1},\"timeoutSeconds\":3}}", f),
                     GCH_OK);
    GCH_CHECK(f[ID].found && f[ID].type == GCH_JSON_STRING);
    GCH_CHECK_STR(f[ID].raw, f[ID].len, "a1");
    GCH_CHECK_STR(f[NAME].raw, f[NAME].len, "N");
    GCH_CHECK(f[CONFIG].found && f[CONFIG].type == GCH_JSON_OBJECT);
    GCH_CHECK(f[TIMEOUT].found && f[TIMEOUT].type == GCH_JSON_NUMBER);
    GCH_CHECK_STR(f[TIMEOUT].raw, f[TIMEOUT].len, "3");
}

static void test_deeper_members_with_the_same_name_are_not_taken(void)
{
    gch_json_skim_field_t f[COUNT];
    const char *j = "{\"config\":{\"request\":{\"id\":\"inner\",\"timeoutSeconds\":9}},\"id\":\"outer\"}";
    GCH_CHECK_EQ_INT(skim(j, f), GCH_OK);
    GCH_CHECK_STR(f[ID].raw, f[ID].len, "outer");
    GCH_CHECK(!f[TIMEOUT].found);
}

static void test_a_nested_key_of_another_member_is_not_the_configs(void)
{
    gch_json_skim_field_t f[COUNT];
    GCH_CHECK_EQ_INT(skim("{\"contract\":{\"timeoutSeconds\":1},\"config\":{\"x\":true},\"id\":\"a\"}", f), GCH_OK);
    GCH_CHECK(f[CONFIG].found);
    GCH_CHECK(!f[TIMEOUT].found);
}

static void test_keys_match_after_decoding_escapes(void)
{
    gch_json_skim_field_t f[COUNT];
    GCH_CHECK_EQ_INT(skim("{\"\\u0069d\":\"x\\\"y\",\"config\":{\"timeout\\u0053econds\":null}}", f), GCH_OK);
    GCH_CHECK_STR(f[ID].raw, f[ID].len, "x\\\"y"); /* still escaped: the caller decodes */
    GCH_CHECK(f[TIMEOUT].found && f[TIMEOUT].type == GCH_JSON_NULL);
}

static void test_a_duplicated_member_is_refused(void)
{
    gch_json_skim_field_t f[COUNT];
    GCH_CHECK_EQ_INT(skim("{\"id\":\"a\",\"id\":\"b\"}", f), GCH_ERR_JSON_DUPLICATE);
    GCH_CHECK_EQ_INT(skim("{\"config\":{\"timeoutSeconds\":1,\"timeoutSeconds\":60}}", f), GCH_ERR_JSON_DUPLICATE);
}

static void test_not_an_object_or_broken_input_is_an_error(void)
{
    gch_json_skim_field_t f[COUNT];
    GCH_CHECK_EQ_INT(skim("[1,2]", f), GCH_ERR_JSON_TYPE);
    GCH_CHECK(skim("{\"id\":\"a\"", f) != GCH_OK);
    GCH_CHECK(skim("{\"id\":}", f) != GCH_OK);
}

static void test_numbers_and_literals_have_their_exact_text(void)
{
    gch_json_skim_field_t f[COUNT];
    GCH_CHECK_EQ_INT(skim("{\"name\":false,\"config\":{\"timeoutSeconds\":-12.5e3},\"id\":true}", f), GCH_OK);
    GCH_CHECK_STR(f[TIMEOUT].raw, f[TIMEOUT].len, "-12.5e3");
    GCH_CHECK_STR(f[NAME].raw, f[NAME].len, "false");
    GCH_CHECK_STR(f[ID].raw, f[ID].len, "true");
}

static void test_absent_members_are_reported_absent(void)
{
    gch_json_skim_field_t f[COUNT];
    GCH_CHECK_EQ_INT(skim("{}", f), GCH_OK);
    for (int i = 0; i < COUNT; i++) {
        GCH_CHECK(!f[i].found);
    }
}

/* The splitter feeds the skimmer the events of the entity it cuts: same fields
 * whatever the slicing, and a bad entity does not stop the page. */
static const char page[] =
    "{\"pageSize\":3,\"entities\":["
    "{\"id\":\"a\",\"config\":{\"request\":{\"requestTemplate\":\"{\\\"id\\\":1}\"},\"timeoutSeconds\":3},"
    "\"name\":\"N\\u00e9\"},"
    "{\"id\":\"b\",\"id\":\"c\"},"
    "{\"name\":\"x\",\"config\":{},\"id\":\"d\",\"version\":12}],\"pageCount\":1}";

typedef struct {
    char ids[3][8];
    char timeouts[3][8];
    gch_status_t status[3];
    int entities;
} seen_t;

static void split_all(size_t step, seen_t *out)
{
    static char ent[256];
    gch_json_split_t s;
    gch_json_skim_field_t f[COUNT] = {
        [ID] = { .parent = NULL, .key = "id" },
        [NAME] = { .parent = NULL, .key = "name" },
        [CONFIG] = { .parent = NULL, .key = "config" },
        [TIMEOUT] = { .parent = "config", .key = "timeoutSeconds" },
    };
    memset(out, 0, sizeof *out);
    gch_json_split_init(&s, ent, sizeof ent);
    gch_json_split_skim(&s, f, COUNT);
    size_t len = sizeof page - 1;
    for (size_t pos = 0; pos < len;) {
        size_t n = len - pos < step ? len - pos : step, used = 0;
        gch_json_split_ev_t ev;
        if (gch_json_split_feed(&s, page + pos, n, &used, &ev) != GCH_OK) {
            out->entities = -1;
            return;
        }
        pos += used;
        if (ev.type == GCH_JSON_SPLIT_ENTITY && out->entities < 3) {
            int i = out->entities++;
            out->status[i] = ev.skim_status;
            if (ev.skim_status == GCH_OK && f[ID].found) {
                memcpy(out->ids[i], f[ID].raw, f[ID].len < 7 ? f[ID].len : 7);
            }
            if (ev.skim_status == GCH_OK && f[TIMEOUT].found) {
                memcpy(out->timeouts[i], f[TIMEOUT].raw, f[TIMEOUT].len < 7 ? f[TIMEOUT].len : 7);
            }
        }
    }
}

static void test_the_splitter_reads_fields_in_its_own_pass(void)
{
    seen_t whole;
    split_all(sizeof page, &whole);
    GCH_CHECK_EQ_INT(whole.entities, 3);
    GCH_CHECK(strcmp(whole.ids[0], "a") == 0);
    GCH_CHECK(strcmp(whole.timeouts[0], "3") == 0);
    GCH_CHECK_EQ_INT(whole.status[1], GCH_ERR_JSON_DUPLICATE);
    GCH_CHECK_EQ_INT(whole.status[2], GCH_OK);
    GCH_CHECK(strcmp(whole.ids[2], "d") == 0);
    GCH_CHECK(whole.timeouts[2][0] == '\0');
    for (size_t step = 1; step < 40; step++) {
        seen_t cut;
        split_all(step, &cut);
        GCH_CHECK(memcmp(&cut, &whole, sizeof cut) == 0);
    }
}

GCH_TEST_MAIN(GCH_TEST(test_the_splitter_reads_fields_in_its_own_pass),
              GCH_TEST(test_top_level_and_nested_members_are_found),
              GCH_TEST(test_deeper_members_with_the_same_name_are_not_taken),
              GCH_TEST(test_a_nested_key_of_another_member_is_not_the_configs),
              GCH_TEST(test_keys_match_after_decoding_escapes), GCH_TEST(test_a_duplicated_member_is_refused),
              GCH_TEST(test_not_an_object_or_broken_input_is_an_error),
              GCH_TEST(test_numbers_and_literals_have_their_exact_text),
              GCH_TEST(test_absent_members_are_reported_absent))
