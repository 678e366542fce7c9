/*
 * test.h -- the tiny test harness (libuv/cmark style).  A test is
 *     TEST(name) { ... }
 * at the start of a line in tests/unit_*.c; the Makefile collects the names.
 * Assertions record a failure and return from the test; CHECK* continue.
 */
#ifndef TH_TEST_H
#define TH_TEST_H
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "thresh.h"

#define TEST(name) void test_##name(void); void test_##name(void)

void th_test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void th_test_skip(const char *why);
int th_test_failed(void);

/* ../shared (or $THRESH_SHARED) if it exists, else NULL: tests that need it
 * SKIP with a message. */
const char *th_test_shared(void);
/* The CLI under test ($THRESH_BIN, default build/thresh). */
const char *th_test_bin(void);
/* Reads a whole file (caller frees with free()); NULL if unreadable. */
char *th_test_read(const char *path, size_t *len);
/* Runs a shell command, captures stdout (caller frees); *status = exit. */
char *th_test_run(const char *cmd, int *status);

#define CHECK(c) \
    do { if (!(c)) th_test_fail(__FILE__, __LINE__, "CHECK(%s)", #c); } while (0)
#define ASSERT(c) \
    do { if (!(c)) { th_test_fail(__FILE__, __LINE__, "ASSERT(%s)", #c); return; } } while (0)
#define ASSERT_EQ(a, b)                                                        \
    do { long long _a = (long long)(a), _b = (long long)(b);                   \
        if (_a != _b) { th_test_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", \
                                     #a, #b, _a, _b); return; } } while (0)
#define ASSERT_STR(a, b)                                                       \
    do { const char *_a = (a), *_b = (b);                                      \
        if (!_a || !_b || strcmp(_a, _b) != 0) {                               \
            th_test_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", #a, #b, \
                         _a ? _a : "(null)", _b ? _b : "(null)"); return; } } while (0)
#define ASSERT_CONTAINS(hay, needle)                                           \
    do { const char *_h = (hay), *_n = (needle);                               \
        if (!_h || !strstr(_h, _n)) {                                          \
            th_test_fail(__FILE__, __LINE__, "\"%s\" not found in %s", _n, #hay); \
            return; } } while (0)
#define ASSERT_NOT_CONTAINS(hay, needle)                                       \
    do { const char *_h = (hay), *_n = (needle);                               \
        if (_h && strstr(_h, _n)) {                                            \
            th_test_fail(__FILE__, __LINE__, "\"%s\" unexpectedly in %s", _n, #hay); \
            return; } } while (0)
#define SKIP(why) do { th_test_skip(why); return; } while (0)

#endif
