/*
 * test_status.c - the one status enum: every code has its own name, and the
 * bands that decide retries (transient) and alerts (the peer broke the protocol).
 */
#include <string.h>

#include "base/gch_status.h"
#include "gch_test.h"

/* Every code of gch_status.h, in order. */
static const gch_status_t all[] = { GCH_OK,
                                    GCH_ERR_ARG,
                                    GCH_ERR_NOSPACE,
                                    GCH_ERR_STATE,
                                    GCH_ERR_CONFIG,
                                    GCH_ERR_DNS,
                                    GCH_ERR_CONNECT,
                                    GCH_ERR_TIMEOUT,
                                    GCH_ERR_CLOSED,
                                    GCH_ERR_NET,
                                    GCH_ERR_TRUNCATED,
                                    GCH_ERR_TLS,
                                    GCH_ERR_TLS_VERIFY,
                                    GCH_ERR_TLS_MEMORY,
                                    GCH_ERR_TLS_CA,
                                    GCH_ERR_PROXY_AUTH,
                                    GCH_ERR_PROXY,
                                    GCH_ERR_HTTP_STATUS_LINE,
                                    GCH_ERR_HTTP_HEADER_SYNTAX,
                                    GCH_ERR_HTTP_BARE_LF,
                                    GCH_ERR_HTTP_HEADERS_TOO_LARGE,
                                    GCH_ERR_HTTP_TOO_MANY_HEADERS,
                                    GCH_ERR_HTTP_CONTENT_LENGTH,
                                    GCH_ERR_HTTP_CL_AND_CHUNKED,
                                    GCH_ERR_HTTP_TRANSFER_ENCODING,
                                    GCH_ERR_HTTP_CHUNK_SIZE,
                                    GCH_ERR_HTTP_CHUNK_TOO_LARGE,
                                    GCH_ERR_HTTP_CHUNK_LINE_TOO_LONG,
                                    GCH_ERR_HTTP_TRAILER,
                                    GCH_ERR_HTTP_UNEXPECTED_DATA,
                                    GCH_ERR_JSON_SYNTAX,
                                    GCH_ERR_JSON_TOO_DEEP,
                                    GCH_ERR_JSON_TOKENS,
                                    GCH_ERR_JSON_TYPE,
                                    GCH_ERR_JSON_MISSING,
                                    GCH_ERR_JSON_DUPLICATE,
                                    GCH_ERR_TOO_LARGE,
                                    GCH_ERR_URL,
                                    GCH_ERR_URL_FOREIGN_HOST,
                                    GCH_ERR_AUTH,
                                    GCH_ERR_HTTP_STATUS,
                                    GCH_ERR_RATE_LIMITED,
                                    GCH_ERR_PAGING,
                                    GCH_ERR_VERIFY,
                                    GCH_ERR_CANCELLED };
#define COUNT (sizeof all / sizeof all[0])

static void test_every_code_has_its_own_name(void)
{
    for (size_t i = 0; i < COUNT; i++) {
        const char *a = gch_strerror(all[i]);
        GCH_CHECK(a != NULL && a[0] != '\0');
        GCH_CHECK(strcmp(a, "unknown status") != 0);
        for (size_t j = 0; j < i; j++) {
            GCH_CHECK(strcmp(a, gch_strerror(all[j])) != 0);
        }
    }
    GCH_CHECK(strcmp(gch_strerror((gch_status_t)999), "unknown status") == 0);
}

static void test_only_network_bad_luck_is_transient(void)
{
    for (size_t i = 0; i < COUNT; i++) {
        bool net = all[i] >= GCH_ERR_DNS && all[i] <= GCH_ERR_TRUNCATED;
        GCH_CHECK(gch_status_is_transient(all[i]) == net);
    }
    GCH_CHECK(gch_status_is_transient(GCH_ERR_TRUNCATED)); /* a cut answer: read it again */
    GCH_CHECK(!gch_status_is_transient(GCH_ERR_TLS_VERIFY));
}

static void test_alerts_are_the_protocol_breaches_and_never_transient(void)
{
    GCH_CHECK(gch_status_is_alert(GCH_ERR_HTTP_BARE_LF));
    GCH_CHECK(gch_status_is_alert(GCH_ERR_JSON_DUPLICATE));
    GCH_CHECK(gch_status_is_alert(GCH_ERR_URL_FOREIGN_HOST));
    GCH_CHECK(!gch_status_is_alert(GCH_ERR_TRUNCATED));
    GCH_CHECK(!gch_status_is_alert(GCH_ERR_TOO_LARGE));
    GCH_CHECK(!gch_status_is_alert(GCH_ERR_AUTH));
    GCH_CHECK(!gch_status_is_alert(GCH_ERR_PROXY_AUTH)); /* the proxy said no, in proper HTTP */
    GCH_CHECK(!gch_status_is_transient(GCH_ERR_PROXY));  /* ... and would say it again */
    for (size_t i = 0; i < COUNT; i++) {
        GCH_CHECK(!(gch_status_is_alert(all[i]) && gch_status_is_transient(all[i])));
    }
}

GCH_TEST_MAIN(GCH_TEST(test_every_code_has_its_own_name), GCH_TEST(test_only_network_bad_luck_is_transient),
              GCH_TEST(test_alerts_are_the_protocol_breaches_and_never_transient))
