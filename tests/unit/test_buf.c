/* test_buf.c - gch_buf_t: bounded appends, all-or-nothing, sticky overflow. */
#include <stdint.h>

#include "base/gch_buf.h"
#include "gch_test.h"

static void test_appends_bytes_strings_and_numbers(void)
{
    char mem[32];
    gch_buf_t b;
    gch_buf_init(&b, mem, sizeof mem);
    gch_buf_append(&b, "ab", 2);
    gch_buf_append_str(&b, "cd");
    gch_buf_append_byte(&b, '=');
    gch_buf_append_u64(&b, 0);
    gch_buf_append_byte(&b, ',');
    gch_buf_append_u64(&b, 4096);
    GCH_CHECK_STR(b.data, b.len, "abcd=0,4096");
    GCH_CHECK_EQ_INT(gch_buf_status(&b), GCH_OK);
}

static void test_u64_max_is_written_in_full(void)
{
    char mem[20];
    gch_buf_t b;
    gch_buf_init(&b, mem, sizeof mem);
    gch_buf_append_u64(&b, UINT64_MAX);
    GCH_CHECK_STR(b.data, b.len, "18446744073709551615");
    GCH_CHECK_EQ_INT(gch_buf_status(&b), GCH_OK);
}

static void test_exact_fit_is_not_overflow(void)
{
    char mem[4];
    gch_buf_t b;
    gch_buf_init(&b, mem, sizeof mem);
    gch_buf_append_str(&b, "abcd");
    GCH_CHECK_EQ_INT(b.len, 4);
    GCH_CHECK_EQ_INT(gch_buf_status(&b), GCH_OK);
}

static void test_append_that_does_not_fit_writes_nothing(void)
{
    char mem[8] = "........";
    gch_buf_t b;
    gch_buf_init(&b, mem, 4);
    gch_buf_append_str(&b, "ab");
    gch_buf_append_str(&b, "cde");
    GCH_CHECK_EQ_INT(b.len, 2);
    GCH_CHECK_MEM(mem, 8, "ab......", 8);
    GCH_CHECK_EQ_INT(gch_buf_status(&b), GCH_ERR_NOSPACE);
}

static void test_overflow_is_sticky(void)
{
    char mem[4];
    gch_buf_t b;
    gch_buf_init(&b, mem, sizeof mem);
    gch_buf_append_str(&b, "abcde");
    gch_buf_append_str(&b, "x");
    GCH_CHECK_EQ_INT(b.len, 0);
    GCH_CHECK(b.overflow);
}

static void test_number_that_does_not_fit_writes_nothing(void)
{
    char mem[3];
    gch_buf_t b;
    gch_buf_init(&b, mem, sizeof mem);
    gch_buf_append_u64(&b, 1000);
    GCH_CHECK_EQ_INT(b.len, 0);
    GCH_CHECK_EQ_INT(gch_buf_status(&b), GCH_ERR_NOSPACE);
}

static void test_null_storage_has_no_room(void)
{
    gch_buf_t b;
    gch_buf_init(&b, NULL, 10);
    gch_buf_append(&b, "", 0);
    GCH_CHECK_EQ_INT(gch_buf_status(&b), GCH_OK);
    gch_buf_append_byte(&b, 'x');
    GCH_CHECK_EQ_INT(gch_buf_status(&b), GCH_ERR_NOSPACE);
}

GCH_TEST_MAIN(GCH_TEST(test_appends_bytes_strings_and_numbers), GCH_TEST(test_u64_max_is_written_in_full),
              GCH_TEST(test_exact_fit_is_not_overflow), GCH_TEST(test_append_that_does_not_fit_writes_nothing),
              GCH_TEST(test_overflow_is_sticky), GCH_TEST(test_number_that_does_not_fit_writes_nothing),
              GCH_TEST(test_null_storage_has_no_room))
