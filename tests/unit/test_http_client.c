/*
 * test_http_client.c - one HTTP/1.1 exchange at a time over a scripted stream:
 * bodies in slices down to one byte, keep-alive and close, partial writes,
 * truncation, silence until the deadline, and bytes nobody asked for.
 */
#include <stdio.h>
#include <string.h>

#include "gch_fake.h"
#include "gch_test.h"
#include "http/gch_http_client.h"

static uint8_t rx[64];
static char head_out[512], head_in[1024];
static gch_http_header_t headers[16];
static gch_http_client_t client;
static struct gch_net_ctx conn;

static void setup(const fake_script_t *s)
{
    fake_world_reset();
    gch_http_client_config_t cfg = { rx, sizeof rx, head_out, sizeof head_out, head_in, sizeof head_in, headers,
                                     16, 1000,      5000 };
    gch_http_client_init(&client, &cfg);
    gch_http_client_attach(&client, fake_stream(&conn, s));
}

static gch_status_t get(const char *target)
{
    gch_http_header_t accept = { "Accept", 6, "application/json", 16 };
    gch_http_request_t req = { "GET", "api.example.com", 15, 443, target, strlen(target), &accept, 1, false, 0 };
    gch_status_t st = gch_http_send_head(&client, &req);
    return st == GCH_OK ? gch_http_recv_head(&client) : st;
}

/* The whole body, or the status that ended it. */
static gch_status_t body(char *out, size_t cap, size_t *len)
{
    *len = 0;
    for (;;) {
        const uint8_t *d;
        size_t n;
        gch_status_t st = gch_http_recv_body(&client, &d, &n);
        if (st != GCH_OK || n == 0) {
            return st;
        }
        if (*len + n > cap) {
            return GCH_ERR_NOSPACE;
        }
        memcpy(out + *len, d, n);
        *len += n;
    }
}

#define OK_HELLO "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"

static void test_a_content_length_body_arrives_whole_in_one_byte_slices(void)
{
    fake_script_t s = { { OK_HELLO, NULL }, 1, 0, FAKE_END_CLOSE, GCH_OK };
    setup(&s);
    GCH_CHECK_EQ_INT(get("/a"), GCH_OK);
    GCH_CHECK_EQ_INT(client.parser.status, 200);
    char out[16];
    size_t len;
    GCH_CHECK_EQ_INT(body(out, sizeof out, &len), GCH_OK);
    GCH_CHECK_STR(out, len, "hello");
    GCH_CHECK(gch_http_reusable(&client));
}

static void test_the_request_head_names_host_target_and_headers(void)
{
    fake_script_t s = { { OK_HELLO, NULL }, 0, 3, FAKE_END_CLOSE, GCH_OK }; /* 3 bytes per send */
    setup(&s);
    GCH_CHECK_EQ_INT(get("/api/v2/x?y=1"), GCH_OK);
    conn.sent[conn.sent_len] = '\0';
    GCH_CHECK(strncmp(conn.sent, "GET /api/v2/x?y=1 HTTP/1.1\r\n", 28) == 0);
    GCH_CHECK(strstr(conn.sent, "\r\nHost: api.example.com\r\n") != NULL);
    GCH_CHECK(strstr(conn.sent, "\r\nAccept: application/json\r\n") != NULL);
    GCH_CHECK(conn.sent_len >= 4 && memcmp(conn.sent + conn.sent_len - 4, "\r\n\r\n", 4) == 0);
}

static void test_a_chunked_body_longer_than_the_window_is_joined(void)
{
    static char answer[512];
    snprintf(answer, sizeof answer,
             "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
             "40\r\n%s\r\n3;ext=1\r\nabc\r\n0\r\n\r\n",
             "0123456789012345678901234567890123456789012345678901234567890123");
    fake_script_t s = { { answer, NULL }, 7, 0, FAKE_END_CLOSE, GCH_OK };
    setup(&s);
    GCH_CHECK_EQ_INT(get("/chunked"), GCH_OK);
    char out[128];
    size_t len;
    GCH_CHECK_EQ_INT(body(out, sizeof out, &len), GCH_OK);
    GCH_CHECK_EQ_INT(len, 67);
    GCH_CHECK(memcmp(out + 64, "abc", 3) == 0);
    GCH_CHECK(gch_http_reusable(&client));
}

static void test_two_exchanges_share_a_kept_alive_connection(void)
{
    fake_script_t s = {
        { OK_HELLO, "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}", NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK
    };
    setup(&s);
    GCH_CHECK_EQ_INT(get("/one"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_http_skip_body(&client), GCH_OK);
    GCH_CHECK(gch_http_reusable(&client));
    GCH_CHECK_EQ_INT(get("/two"), GCH_OK);
    GCH_CHECK_EQ_INT(client.parser.status, 404);
    GCH_CHECK_EQ_INT(gch_http_skip_body(&client), GCH_OK);
    GCH_CHECK_EQ_INT(conn.heads, 2);
}

static void test_connection_close_makes_the_connection_unusable(void)
{
    fake_script_t s = {
        { "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK
    };
    setup(&s);
    GCH_CHECK_EQ_INT(get("/close"), GCH_OK);
    GCH_CHECK_EQ_INT(gch_http_skip_body(&client), GCH_OK);
    GCH_CHECK(!gch_http_reusable(&client));
}

static void test_a_close_inside_the_body_is_truncation(void)
{
    fake_script_t s = { { "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK };
    setup(&s);
    GCH_CHECK_EQ_INT(get("/cut"), GCH_OK);
    char out[16];
    size_t len;
    GCH_CHECK_EQ_INT(body(out, sizeof out, &len), GCH_ERR_TRUNCATED);
    GCH_CHECK(!gch_http_reusable(&client));
}

static void test_a_reset_before_the_head_is_a_network_error(void)
{
    fake_script_t s = { { NULL }, 0, 0, FAKE_END_RESET, GCH_OK };
    setup(&s);
    gch_status_t st = get("/reset");
    GCH_CHECK(st == GCH_ERR_NET || st == GCH_ERR_CLOSED);
}

static void test_silence_ends_at_the_deadline(void)
{
    fake_script_t s = { { NULL }, 0, 0, FAKE_END_SILENT, GCH_OK };
    setup(&s);
    uint64_t start = fake_world.now_ms;
    GCH_CHECK_EQ_INT(get("/silent"), GCH_ERR_TIMEOUT);
    GCH_CHECK(fake_world.now_ms - start <= 5000 + 1000); /* the exchange deadline, not forever */
}

static void test_an_interim_100_continue_is_skipped(void)
{
    fake_script_t s = { { "HTTP/1.1 100 Continue\r\n\r\n" OK_HELLO, NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK };
    setup(&s);
    GCH_CHECK_EQ_INT(get("/continue"), GCH_OK);
    GCH_CHECK_EQ_INT(client.parser.status, 200);
}

static void test_a_malformed_status_line_is_an_alert(void)
{
    fake_script_t s = { { "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n", NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK };
    setup(&s);
    gch_status_t st = get("/bad");
    GCH_CHECK(gch_status_is_alert(st));
    GCH_CHECK(!gch_status_is_transient(st));
}

static void test_bytes_after_the_response_are_refused(void)
{
    fake_script_t s = { { OK_HELLO "junk", NULL }, 0, 0, FAKE_END_CLOSE, GCH_OK };
    setup(&s);
    GCH_CHECK_EQ_INT(get("/extra"), GCH_OK);
    char out[16];
    size_t len;
    GCH_CHECK_EQ_INT(body(out, sizeof out, &len), GCH_OK);
    GCH_CHECK_STR(out, len, "hello");
    /* The stream is out of step: the next request is refused, never sent. */
    size_t sent = conn.sent_len;
    GCH_CHECK_EQ_INT(get("/next"), GCH_ERR_HTTP_UNEXPECTED_DATA);
    GCH_CHECK_EQ_INT(conn.sent_len, sent);
}

GCH_TEST_MAIN(GCH_TEST(test_a_content_length_body_arrives_whole_in_one_byte_slices),
              GCH_TEST(test_the_request_head_names_host_target_and_headers),
              GCH_TEST(test_a_chunked_body_longer_than_the_window_is_joined),
              GCH_TEST(test_two_exchanges_share_a_kept_alive_connection),
              GCH_TEST(test_connection_close_makes_the_connection_unusable),
              GCH_TEST(test_a_close_inside_the_body_is_truncation),
              GCH_TEST(test_a_reset_before_the_head_is_a_network_error), GCH_TEST(test_silence_ends_at_the_deadline),
              GCH_TEST(test_an_interim_100_continue_is_skipped), GCH_TEST(test_a_malformed_status_line_is_an_alert),
              GCH_TEST(test_bytes_after_the_response_are_refused))
