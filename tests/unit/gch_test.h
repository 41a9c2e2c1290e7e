/*
 * gch_test.h - a minimal unit-test harness (no dependencies, no heap).
 *
 * Each test is a function; GCH_CHECK records a failure with file and line and
 * returns from the test. main() runs the table and prints "N passed, N failed".
 *
 *   static void test_one_byte_feeding(void) { GCH_CHECK(x == 1); }
 *   GCH_TEST_MAIN(GCH_TEST(test_one_byte_feeding), ...)
 */
#ifndef GCH_TEST_H
#define GCH_TEST_H

#include <stdio.h>
#include <string.h>

struct gch_test {
    const char *name;
    void (*fn)(void);
};
extern int gch_test_failed_flag;

#define GCH_CHECK(cond)                                                                                                \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                                 \
            gch_test_failed_flag = 1;                                                                                  \
            return;                                                                                                    \
        }                                                                                                              \
    } while (0)

#define GCH_CHECK_EQ_INT(a, b)                                                                                         \
    do {                                                                                                               \
        long long gch_a_ = (long long)(a), gch_b_ = (long long)(b);                                                    \
        if (gch_a_ != gch_b_) {                                                                                        \
            fprintf(stderr, "  %s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b, gch_a_, gch_b_);   \
            gch_test_failed_flag = 1;                                                                                  \
            return;                                                                                                    \
        }                                                                                                              \
    } while (0)

#define GCH_CHECK_MEM(p, n, q, m)                                                                                      \
    do {                                                                                                               \
        size_t gch_n_ = (size_t)(n), gch_m_ = (size_t)(m);                                                             \
        if (gch_n_ != gch_m_ || memcmp((p), (q), gch_n_) != 0) {                                                       \
            fprintf(stderr, "  %s:%d: bytes differ: \"%.*s\" vs \"%.*s\"\n", __FILE__, __LINE__, (int)gch_n_,          \
                    (const char *)(p), (int)gch_m_, (const char *)(q));                                                \
            gch_test_failed_flag = 1;                                                                                  \
            return;                                                                                                    \
        }                                                                                                              \
    } while (0)

#define GCH_CHECK_STR(p, n, s) GCH_CHECK_MEM(p, n, s, strlen(s))

#define GCH_TEST(fn)                                                                                                   \
    {                                                                                                                  \
#fn, fn                                                                                                        \
    }

#define GCH_TEST_MAIN(...)                                                                                             \
    int gch_test_failed_flag;                                                                                          \
    int main(void)                                                                                                     \
    {                                                                                                                  \
        static const struct gch_test tests_[] = { __VA_ARGS__ };                                                       \
        int passed_ = 0, failed_ = 0;                                                                                  \
        for (size_t i_ = 0; i_ < sizeof tests_ / sizeof tests_[0]; i_++) {                                             \
            gch_test_failed_flag = 0;                                                                                  \
            tests_[i_].fn();                                                                                           \
            if (gch_test_failed_flag) {                                                                                \
                failed_++;                                                                                             \
                fprintf(stderr, "FAIL %s\n", tests_[i_].name);                                                         \
            } else                                                                                                     \
                passed_++;                                                                                             \
        }                                                                                                              \
        printf("%s: %d passed, %d failed\n", __FILE__, passed_, failed_);                                              \
        return failed_ ? 1 : 0;                                                                                        \
    }

#endif
