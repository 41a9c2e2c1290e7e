/*
 * test_api.c - the API layer over scripted connections: the login and the
 * token's renewal (before expiry and on a 401), 429 waited out as Retry-After
 * asks or given up, back-off on 5xx, a kept-alive connection the server
 * dropped, a truncated body, refused credentials, connection failures,
 * cancellation, ErrorBody capture, and the wipe at shutdown.
 */
#include <stdio.h>
#include <string.h>

#include "api/gch_api.h"
#include "gch_fake.h"
#include "gch_test.h"

static gch_api_t api;
static gch_connector_ctx_t conns;
static gch_api_reply_t reply;
static gch_api_error_t err;

/* A whole HTTP answer with a correct Content-Length, kept in a rotating pool. */
static const char *answer(int status, const char *headers, const char *body)
{
    static char pool[16][1024];
    static size_t next;
    char *out = pool[next++ % 16];
    snprintf(out, sizeof pool[0], "HTTP/1.1 %d X\r\nContent-Length: %zu\r\n%s\r\n%s", status, strlen(body), headers,
             body);
    return out;
}

static const char *token_answer(const char *token, int expires_in)
{
    static char body[2][256];
    static int n;
    char *b = body[n++ % 2];
    snprintf(b, sizeof body[0], "{\"access_token\":\"%s\",\"token_type\":\"bearer\",\"expires_in\":%d}", token,
             expires_in);
    return answer(200, "", b);
}

static void setup(const fake_script_t *scripts, size_t count)
{
    fake_world_reset();
    gch_api_config_t cfg = GCH_API_CONFIG_DEFAULTS;
    cfg.api_host = "api.example.com";
    cfg.login_host = "login.example.com";
    cfg.client_id = "the-id";
    cfg.client_secret = "the-secret";
    cfg.connector = fake_connector(&conns, scripts, count);
    cfg.max_attempts = 3;
    cfg.verbose = 2;
    gch_api_init(&api, &cfg);
    memset(&reply, 0, sizeof reply);
    memset(&err, 0, sizeof err);
}

static gch_status_t get(const char *target)
{
    gch_api_req_t r = { GCH_CONN_API, "GET", target, "application/json", NULL, NULL, NULL, "GET test" };
    return gch_api_exchange(&api, &r, &reply, &err);
}

static gch_status_t get_and_read(const char *target, char *buf, size_t cap, size_t *len)
{
    gch_status_t st = get(target);
    size_t total = 0;
    return st == GCH_OK ? gch_api_read_body(&api, buf, cap, len, &total) : st;
}

static void test_the_first_request_logs_in_then_sends_the_bearer_token(void)
{
    fake_script_t s[] = {
        { { token_answer("tok-1", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
        { { answer(200, "ININ-Correlation-Id: c-1\r\n", "{}"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK }
    };
    setup(s, 2);
    char body[16];
    size_t len;
    GCH_CHECK_EQ_INT(get_and_read("/api/v2/x", body, sizeof body, &len), GCH_OK);
    GCH_CHECK_EQ_INT(reply.status, 200);
    GCH_CHECK(strcmp(reply.correlation_id, "c-1") == 0);
    GCH_CHECK_EQ_INT(conns.kinds[0], GCH_CONN_LOGIN);
    GCH_CHECK(strcmp(conns.hosts[0], "login.example.com") == 0);
    const char *login = fake_sent(&conns, 0);
    GCH_CHECK(strncmp(login, "POST /oauth/token HTTP/1.1\r\n", 28) == 0);
    GCH_CHECK(strstr(login, "Authorization: Basic dGhlLWlkOnRoZS1zZWNyZXQ=\r\n") != NULL); /* the-id:the-secret */
    GCH_CHECK(strstr(login, "\r\n\r\ngrant_type=client_credentials") != NULL);
    GCH_CHECK_EQ_INT(conns.closes, 1); /* the login connection is not kept */
    GCH_CHECK(strstr(fake_sent(&conns, 1), "Authorization: Bearer tok-1\r\n") != NULL);
    GCH_CHECK_EQ_INT(api.requests, 2);
}

static void test_a_token_is_renewed_a_minute_before_it_expires(void)
{
    fake_script_t s[] = { { { token_answer("tok-1", 3600), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { answer(200, "", "{}"), answer(200, "", "{}"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { token_answer("tok-2", 3600), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK } };
    setup(s, 3);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_api_end(&api), GCH_OK);
    fake_world.now_ms += 3600u * 1000u - 59000u; /* 59 s before expiry: inside the margin */
    GCH_CHECK_EQ_INT(get("/b"), GCH_OK);
    GCH_CHECK_EQ_INT(conns.opened, 3);
    GCH_CHECK_EQ_INT(conns.kinds[2], GCH_CONN_LOGIN);
    GCH_CHECK(strstr(fake_sent(&conns, 1), "Authorization: Bearer tok-2\r\n") != NULL);
}

static void test_a_short_lived_token_is_renewed_at_half_its_life(void)
{
    fake_script_t s[] = {
        { { token_answer("tok-1", 60), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
        { { answer(200, "", "{}"), answer(200, "", "{}"), answer(200, "", "{}"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
        { { token_answer("tok-2", 60), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK }
    };
    setup(s, 3);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_api_end(&api), GCH_OK);
    fake_world.now_ms += 29000; /* before half of 60 s: the same token */
    GCH_CHECK_EQ_INT(get("/b"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_api_end(&api), GCH_OK);
    GCH_CHECK_EQ_INT(conns.opened, 2);
    fake_world.now_ms += 2000; /* past half its life */
    GCH_CHECK_EQ_INT(get("/c"), GCH_OK);
    GCH_CHECK_EQ_INT(conns.opened, 3);
}

static void test_a_401_renews_the_token_once_and_repeats_the_request(void)
{
    fake_script_t s[] = {
        { { token_answer("tok-1", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
        { { answer(401, "", "{}"), answer(200, "", "{\"ok\":1}"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
        { { token_answer("tok-2", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK }
    };
    setup(s, 3);
    char body[16];
    size_t len;
    GCH_CHECK_EQ_INT(get_and_read("/a", body, sizeof body, &len), GCH_OK);
    GCH_CHECK_EQ_INT(reply.status, 200);
    GCH_CHECK_STR(body, len, "{\"ok\":1}");
    GCH_CHECK(strstr(fake_sent(&conns, 1), "Bearer tok-2") != NULL);
    GCH_CHECK_EQ_INT(fake_world.sleep_count, 0);
}

static void test_a_second_401_is_the_callers_answer(void)
{
    fake_script_t s[] = { { { token_answer("tok-1", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { answer(401, "", "{}"), answer(401, "", "{}"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { token_answer("tok-2", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK } };
    setup(s, 3);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    GCH_CHECK_EQ_INT(reply.status, 401);
    GCH_CHECK_EQ_INT(conns.opened, 3); /* one renewal, not a loop */
}

static void test_a_429_is_waited_out_as_retry_after_asks(void)
{
    fake_script_t s[] = {
        { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
        { { answer(429, "Retry-After: 7\r\n", "{}"), answer(200, "", "{}"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK }
    };
    setup(s, 2);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    GCH_CHECK_EQ_INT(reply.status, 200);
    GCH_CHECK_EQ_INT(fake_world.sleep_count, 1);
    GCH_CHECK_EQ_INT(fake_world.sleeps[0], 7000);
}

static void test_a_429_asking_too_long_ends_with_its_reason(void)
{
    fake_script_t s[] = { { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { answer(429, "Retry-After: 3600\r\nININ-Correlation-Id: c-429\r\n",
                                     "{\"message\":\"Rate limit exceeded\",\"code\":\"too.many.requests\"}"),
                              NULL },
                            0,
                            0,
                            FAKE_END_CLOSE,
                            GCH_OK } };
    setup(s, 2);
    GCH_CHECK_EQ_INT(get("/a"), GCH_ERR_RATE_LIMITED);
    GCH_CHECK_EQ_INT(err.status, GCH_ERR_RATE_LIMITED);
    GCH_CHECK_EQ_INT(err.http_status, 429);
    GCH_CHECK(strstr(err.message, "Retry-After 3600 s is over the limit of 180 s") != NULL);
    GCH_CHECK(strcmp(err.code, "too.many.requests") == 0);
    GCH_CHECK(strcmp(err.correlation_id, "c-429") == 0);
    GCH_CHECK_EQ_INT(fake_world.sleep_count, 0);
}

static void test_gateway_errors_back_off_with_growing_waits(void)
{
    fake_script_t s[] = {
        { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
        { { answer(503, "", ""), answer(502, "", ""), answer(200, "", "{}"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK }
    };
    setup(s, 2);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    GCH_CHECK_EQ_INT(reply.status, 200);
    GCH_CHECK_EQ_INT(fake_world.sleep_count, 2);
    GCH_CHECK(fake_world.sleeps[0] >= 250 && fake_world.sleeps[0] <= 500);
    GCH_CHECK(fake_world.sleeps[1] > fake_world.sleeps[0] && fake_world.sleeps[1] <= 1000);
}

static void test_gateway_errors_past_the_attempts_are_the_callers_answer(void)
{
    fake_script_t s[] = {
        { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
        { { answer(503, "", ""), answer(503, "", ""), answer(503, "", ""), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK }
    };
    setup(s, 2);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    GCH_CHECK_EQ_INT(reply.status, 503);
    GCH_CHECK_EQ_INT(fake_world.sleep_count, 2); /* max_attempts 3: two waits */
}

static void test_a_dropped_kept_alive_connection_is_replaced_at_once(void)
{
    fake_script_t s[] = { { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { answer(200, "", "{}"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK }, /* then closes */
                          { { answer(200, "", "{\"second\":1}"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK } };
    setup(s, 3);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_api_end(&api), GCH_OK);
    char body[32];
    size_t len;
    GCH_CHECK_EQ_INT(get_and_read("/b", body, sizeof body, &len), GCH_OK);
    GCH_CHECK_STR(body, len, "{\"second\":1}");
    GCH_CHECK_EQ_INT(conns.opened, 3);
    GCH_CHECK_EQ_INT(fake_world.sleep_count, 0); /* no back-off for a stale connection */
    GCH_CHECK(strstr(fake_sent(&conns, 2), "GET /b ") != NULL);
}

static void test_a_truncated_body_drops_the_connection(void)
{
    fake_script_t s[] = {
        { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
        { { "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":", NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK }
    };
    setup(s, 2);
    char body[128];
    size_t len;
    GCH_CHECK_EQ_INT(get_and_read("/a", body, sizeof body, &len), GCH_ERR_TRUNCATED);
    GCH_CHECK(!api.live[GCH_CONN_API]);
}

static void test_a_body_over_the_buffer_is_never_truncated(void)
{
    fake_script_t s[] = { { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { answer(200, "", "0123456789abcdef"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK } };
    setup(s, 2);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    char body[8];
    size_t len = 99, total = 0;
    GCH_CHECK_EQ_INT(gch_api_read_body(&api, body, sizeof body, &len, &total), GCH_ERR_TOO_LARGE);
    GCH_CHECK_EQ_INT(total, 16);
    GCH_CHECK_EQ_INT(len, 0);
}

static void test_refused_credentials_are_an_auth_error_with_the_oauth_reason(void)
{
    fake_script_t s[] = { { { answer(400, "ININ-Correlation-Id: c-auth\r\n",
                                     "{\"error\":\"invalid_client\",\"error_description\":\"client not found\"}"),
                              NULL },
                            0,
                            0,
                            FAKE_END_CLOSE,
                            GCH_OK } };
    setup(s, 1);
    GCH_CHECK_EQ_INT(get("/a"), GCH_ERR_AUTH);
    GCH_CHECK(strcmp(err.what, "POST /oauth/token") == 0);
    GCH_CHECK(strcmp(err.code, "invalid_client") == 0);
    GCH_CHECK(strcmp(err.message, "client not found") == 0);
    GCH_CHECK(strcmp(err.correlation_id, "c-auth") == 0);
    GCH_CHECK_EQ_INT(err.http_status, 400);
    GCH_CHECK(!api.have_token);
}

static void test_connection_failures_back_off_then_give_up(void)
{
    fake_script_t s[] = { { { NULL }, 0, 0, FAKE_END_CLOSE, GCH_ERR_CONNECT },
                          { { NULL }, 0, 0, FAKE_END_CLOSE, GCH_ERR_CONNECT },
                          { { NULL }, 0, 0, FAKE_END_CLOSE, GCH_ERR_CONNECT } };
    setup(s, 3);
    GCH_CHECK_EQ_INT(get("/a"), GCH_ERR_CONNECT);
    GCH_CHECK_EQ_INT(conns.opened, 3);
    GCH_CHECK_EQ_INT(fake_world.sleep_count, 2);
    GCH_CHECK(strcmp(err.what, "POST /oauth/token") == 0); /* the login could not connect */
}

static void test_a_refused_open_is_described_by_the_connector(void)
{
    /* The login works; the API host's open fails with a status that is not
     * network bad luck (a proxy's refusal): no back-off, and the connector's
     * own line on why becomes the message. */
    fake_script_t s[] = { { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { NULL }, 0, 0, FAKE_END_CLOSE, GCH_ERR_PROXY_AUTH } };
    setup(s, 2);
    GCH_CHECK_EQ_INT(get("/a"), GCH_ERR_PROXY_AUTH);
    GCH_CHECK_EQ_INT(conns.opened, 2);
    GCH_CHECK_EQ_INT(fake_world.sleep_count, 0);
    GCH_CHECK_EQ_INT(conns.describes, 1);
    GCH_CHECK(strcmp(err.message, "fake api open #2 refused") == 0);
    GCH_CHECK(strcmp(err.what, "GET test") == 0);
}

static void test_a_protocol_alert_is_never_retried(void)
{
    fake_script_t s[] = { { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { "HTTP/1.1 200 OK\nContent-Length: 0\n\n", NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK } };
    setup(s, 2);
    gch_status_t st = get("/a");
    GCH_CHECK(gch_status_is_alert(st));
    GCH_CHECK_EQ_INT(err.status, st);
    GCH_CHECK(strcmp(err.what, "GET test") == 0);
    GCH_CHECK_EQ_INT(conns.opened, 2);
    GCH_CHECK_EQ_INT(fake_world.sleep_count, 0);
}

static void test_a_cancel_request_stops_before_sending(void)
{
    fake_script_t s[] = { { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK } };
    setup(s, 1);
    fake_world.cancelled = 1;
    GCH_CHECK_EQ_INT(get("/a"), GCH_ERR_CANCELLED);
    GCH_CHECK_EQ_INT(conns.opened, 0);
    GCH_CHECK_EQ_INT(err.status, GCH_ERR_CANCELLED);
}

static void test_an_error_answer_is_described_from_its_errorbody(void)
{
    fake_script_t s[] = { { { token_answer("tok", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { answer(400, "ININ-Correlation-Id: c-400\r\n",
                                     "{\"message\":\"Supplied version 2 does not match latest draft version 1\","
                                     "\"code\":\"bad.request\",\"status\":400,\"contextId\":\"ctx\"}"),
                              NULL },
                            0,
                            0,
                            FAKE_END_CLOSE,
                            GCH_OK } };
    setup(s, 2);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    gch_api_error_from_reply(&api, &reply, GCH_ERR_HTTP_STATUS, "POST publish", &err);
    GCH_CHECK_EQ_INT(err.status, GCH_ERR_HTTP_STATUS);
    GCH_CHECK_EQ_INT(err.http_status, 400);
    GCH_CHECK(strcmp(err.message, "Supplied version 2 does not match latest draft version 1") == 0);
    GCH_CHECK(strcmp(err.code, "bad.request") == 0);
    GCH_CHECK(strcmp(err.correlation_id, "c-400") == 0);
    GCH_CHECK(strcmp(err.what, "POST publish") == 0);
}

static void test_shutdown_wipes_the_token_and_closes_everything(void)
{
    fake_script_t s[] = { { { token_answer("secret-token-value", 86399), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK },
                          { { answer(200, "", "{}"), NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK } };
    setup(s, 2);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_api_end(&api), GCH_OK);
    gch_api_shutdown(&api);
    GCH_CHECK(!api.live[GCH_CONN_API] && !api.live[GCH_CONN_LOGIN]);
    const char *p = (const char *)&api;
    for (size_t i = 0; i + 18 <= sizeof api; i++) {
        GCH_CHECK(memcmp(p + i, "secret-token-value", 18) != 0);
    }
    GCH_CHECK(strstr(fake_world.log, "secret") == NULL);
}

GCH_TEST_MAIN(GCH_TEST(test_the_first_request_logs_in_then_sends_the_bearer_token),
              GCH_TEST(test_a_token_is_renewed_a_minute_before_it_expires),
              GCH_TEST(test_a_short_lived_token_is_renewed_at_half_its_life),
              GCH_TEST(test_a_401_renews_the_token_once_and_repeats_the_request),
              GCH_TEST(test_a_second_401_is_the_callers_answer), GCH_TEST(test_a_429_is_waited_out_as_retry_after_asks),
              GCH_TEST(test_a_429_asking_too_long_ends_with_its_reason),
              GCH_TEST(test_gateway_errors_back_off_with_growing_waits),
              GCH_TEST(test_gateway_errors_past_the_attempts_are_the_callers_answer),
              GCH_TEST(test_a_dropped_kept_alive_connection_is_replaced_at_once),
              GCH_TEST(test_a_truncated_body_drops_the_connection),
              GCH_TEST(test_a_body_over_the_buffer_is_never_truncated),
              GCH_TEST(test_refused_credentials_are_an_auth_error_with_the_oauth_reason),
              GCH_TEST(test_connection_failures_back_off_then_give_up),
              GCH_TEST(test_a_protocol_alert_is_never_retried), GCH_TEST(test_a_cancel_request_stops_before_sending),
              GCH_TEST(test_an_error_answer_is_described_from_its_errorbody),
              GCH_TEST(test_a_refused_open_is_described_by_the_connector),
              GCH_TEST(test_shutdown_wipes_the_token_and_closes_everything))
