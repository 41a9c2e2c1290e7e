/*
 * test_heal_decide.c - the job's pure parts: the fields it reads of an action,
 * the policy's verdicts, the exit status of the CLI contract, and the config
 * fingerprint that verifies a PATCH changed nothing else.
 */
#include <string.h>

#include "gch_test.h"
#include "heal/gch_heal_fingerprint.h"
#include "heal/gch_heal_internal.h"
#include "json/gch_json_doc.h"

static jsmntok_t pool[256];

static gch_policy_t policy(void)
{
    gch_policy_t p = GCH_POLICY_DEFAULTS;
    return p;
}

static void test_restrictive_means_below_the_minimum_with_unset_as_configured(void)
{
    gch_policy_t p = policy();
    GCH_CHECK(gch_heal_is_restrictive(&p, 4));
    GCH_CHECK(!gch_heal_is_restrictive(&p, 5));
    GCH_CHECK(!gch_heal_is_restrictive(&p, -1)); /* absent: 60 by default */
    p.unset_is = 3;
    GCH_CHECK(gch_heal_is_restrictive(&p, -1));
}

static void test_the_new_timeout_is_set_timeout_or_else_the_minimum(void)
{
    gch_policy_t p = policy();
    GCH_CHECK_EQ_INT(gch_heal_new_timeout(&p), 5);
    p.set_timeout = 30;
    GCH_CHECK_EQ_INT(gch_heal_new_timeout(&p), 30);
}

static void test_static_and_custom_auth_actions_are_not_editable(void)
{
    GCH_CHECK(gch_heal_not_editable("static_e7b86b86") != NULL);
    GCH_CHECK(gch_heal_not_editable("customAuth_-_5f0c2a52") != NULL);
    GCH_CHECK(gch_heal_not_editable("custom_-_8d3c1f7e") == NULL);
    GCH_CHECK(gch_heal_not_editable("staticky") != NULL); /* the prefix decides, as the platform's ids do */
}

static void test_fields_are_read_decoded_with_the_timeout(void)
{
    static const char json[] = "{\"id\":\"custom_-_1\",\"name\":\"Get\\u0020Order\",\"category\":\"Web\","
                               "\"integrationId\":\"i-1\",\"config\":{\"timeoutSeconds\":3,\"request\":{}}}";
    gch_pending_t p;
    bool has_config = false;
    memset(&p, 0, sizeof p);
    GCH_CHECK_EQ_INT(gch_heal_read_fields(json, sizeof json - 1, &p, &has_config), GCH_OK);
    GCH_CHECK(strcmp(p.id, "custom_-_1") == 0);
    GCH_CHECK(strcmp(p.name, "Get Order") == 0);
    GCH_CHECK(strcmp(p.integration_id, "i-1") == 0);
    GCH_CHECK(has_config);
    GCH_CHECK_EQ_INT(p.timeout, 3);
}

static void test_an_entity_without_config_is_fetched_later(void)
{
    static const char json[] = "{\"id\":\"a\",\"name\":\"n\"}";
    gch_pending_t p;
    bool has_config = true;
    GCH_CHECK_EQ_INT(gch_heal_read_fields(json, sizeof json - 1, &p, &has_config), GCH_OK);
    GCH_CHECK(!has_config);
    GCH_CHECK_EQ_INT(p.timeout, -1);
}

static void test_a_timeout_that_is_not_a_whole_number_is_refused(void)
{
    static const char *const bad[] = { "{\"id\":\"a\",\"config\":{\"timeoutSeconds\":3.5}}",
                                       "{\"id\":\"a\",\"config\":{\"timeoutSeconds\":\"3\"}}",
                                       "{\"id\":\"a\",\"config\":{\"timeoutSeconds\":-1}}" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gch_pending_t p;
        bool has_config;
        GCH_CHECK_EQ_INT(gch_heal_read_fields(bad[i], strlen(bad[i]), &p, &has_config), GCH_ERR_JSON_TYPE);
    }
}

static void test_an_entity_without_an_id_is_refused(void)
{
    static const char json[] = "{\"name\":\"n\",\"config\":{}}";
    gch_pending_t p;
    bool has_config;
    GCH_CHECK_EQ_INT(gch_heal_read_fields(json, sizeof json - 1, &p, &has_config), GCH_ERR_JSON_MISSING);
}

static void test_exit_codes_follow_the_cli_contract(void)
{
    gch_policy_t scan = policy(), fix = policy();
    fix.mode = GCH_MODE_FIX;
    gch_summary_t clean = { 10, 0, 0, 0, 0, 1, 3, 0, 0 };
    gch_summary_t found = { 10, 2, 0, 0, 0, 1, 3, 0, 0 };
    gch_summary_t fixed = { 10, 2, 2, 0, 0, 1, 9, 2, 12 };
    gch_summary_t partial = { 10, 2, 1, 1, 0, 1, 9, 1, 6 };
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_OK, &clean, &scan), GCH_EXIT_CLEAN);
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_OK, &found, &scan), GCH_EXIT_FOUND);
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_OK, &fixed, &fix), GCH_EXIT_CLEAN);
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_OK, &partial, &fix), GCH_EXIT_INCOMPLETE);
    fix.dry_run = true;
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_OK, &found, &fix), GCH_EXIT_FOUND);
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_ERR_AUTH, &clean, &fix), GCH_EXIT_AUTH);
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_ERR_PERMISSION, &clean, &fix), GCH_EXIT_AUTH);
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_ERR_CONFIG, &clean, &fix), GCH_EXIT_USAGE);
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_ERR_TLS_CA, &clean, &fix), GCH_EXIT_USAGE);
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_ERR_CANCELLED, &clean, &fix), GCH_EXIT_INTERRUPTED);
    GCH_CHECK_EQ_INT(gch_heal_exit_code(GCH_ERR_TLS_VERIFY, &clean, &fix), GCH_EXIT_FAILURE);
}

static void test_result_names_are_the_json_statuses(void)
{
    GCH_CHECK(strcmp(gch_result_name(GCH_RESULT_WOULD_FIX), "would-fix") == 0);
    GCH_CHECK(strcmp(gch_result_name(GCH_RESULT_FAILED), "failed") == 0);
    GCH_CHECK(strcmp(gch_result_name((gch_result_t)99), "unknown") == 0);
}

/* Fingerprint of the "config" member of json. */
static uint64_t print_of(const char *json)
{
    gch_json_doc_t doc;
    int cfg;
    uint64_t out = 0;
    if (gch_json_doc_parse(&doc, json, strlen(json), pool, 256) != GCH_OK ||
        gch_json_member(&doc, 0, "config", &cfg) != GCH_OK || gch_heal_fingerprint(&doc, cfg, &out) != GCH_OK) {
        return 0;
    }
    return out;
}

static void test_the_fingerprint_ignores_member_order_and_escapes(void)
{
    uint64_t a = print_of("{\"config\":{\"a\":1,\"b\":\"x\\u0041\",\"c\":[1,{\"d\":null}]}}");
    uint64_t b = print_of("{\"config\":{\"c\":[1,{\"d\":null}],\"b\":\"xA\",\"a\":1}}");
    GCH_CHECK(a != 0);
    GCH_CHECK(a == b);
}

static void test_the_fingerprint_leaves_out_the_timeout_and_the_templates(void)
{
    uint64_t a = print_of("{\"config\":{\"timeoutSeconds\":3,\"request\":{\"requestTemplateUri\":\"/u\",\"x\":1}}}");
    uint64_t b = print_of("{\"config\":{\"timeoutSeconds\":5,\"request\":{\"requestTemplate\":\"t\",\"x\":1}}}");
    GCH_CHECK(a == b);
}

static void test_the_fingerprint_sees_every_other_change(void)
{
    uint64_t base = print_of("{\"config\":{\"a\":[1,2],\"b\":{\"c\":\"d\"},\"e\":true}}");
    GCH_CHECK(base != print_of("{\"config\":{\"a\":[2,1],\"b\":{\"c\":\"d\"},\"e\":true}}"));
    GCH_CHECK(base != print_of("{\"config\":{\"a\":[1,2],\"b\":{\"c\":\"D\"},\"e\":true}}"));
    GCH_CHECK(base != print_of("{\"config\":{\"a\":[1,2],\"b\":{\"c\":\"d\"},\"e\":false}}"));
    GCH_CHECK(base != print_of("{\"config\":{\"a\":[1,2],\"b\":{\"c\":\"d\"}}}"));
    GCH_CHECK(base != print_of("{\"config\":{\"a\":[1,2],\"b\":{\"c\":\"d\",\"f\":{}},\"e\":true}}"));
    GCH_CHECK(base != print_of("{\"config\":{\"a\":[1,2.0],\"b\":{\"c\":\"d\"},\"e\":true}}"));
}

GCH_TEST_MAIN(GCH_TEST(test_restrictive_means_below_the_minimum_with_unset_as_configured),
              GCH_TEST(test_the_new_timeout_is_set_timeout_or_else_the_minimum),
              GCH_TEST(test_static_and_custom_auth_actions_are_not_editable),
              GCH_TEST(test_fields_are_read_decoded_with_the_timeout),
              GCH_TEST(test_an_entity_without_config_is_fetched_later),
              GCH_TEST(test_a_timeout_that_is_not_a_whole_number_is_refused),
              GCH_TEST(test_an_entity_without_an_id_is_refused), GCH_TEST(test_exit_codes_follow_the_cli_contract),
              GCH_TEST(test_result_names_are_the_json_statuses),
              GCH_TEST(test_the_fingerprint_ignores_member_order_and_escapes),
              GCH_TEST(test_the_fingerprint_leaves_out_the_timeout_and_the_templates),
              GCH_TEST(test_the_fingerprint_sees_every_other_change))
