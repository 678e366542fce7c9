/*
 * utf8.h -- UTF-8 helpers shared by every stage: encoding a code point,
 * decoding one sequence with U+FFFD for invalid bytes, validating and
 * repairing a buffer, and whitespace handling.  No allocation except in
 * th__utf8_repair (arena).
 */
#ifndef TH_UTF8_H
#define TH_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Writes code point cp (invalid ones as U+FFFD) to out[0..4); returns the
 * byte count (1-4). */
int th__utf8_encode(uint32_t cp, char out[4]);

/* Decodes one sequence at s[0..len) (len > 0).  Sets *cp (U+FFFD for an
 * invalid sequence) and returns the bytes consumed (>= 1). */
size_t th__utf8_decode(const char *s, size_t len, uint32_t *cp);

/* True when s[0..len) is valid UTF-8 (no surrogates, no overlongs). */
bool th__utf8_valid(const char *s, size_t len);

/* A valid-UTF-8, NUL-terminated copy of s[0..len) in the arena: invalid
 * sequences become U+FFFD, NUL bytes are dropped.  *outlen may be NULL. */
char *th__utf8_repair(th_arena *a, const char *s, size_t len, size_t *outlen);

/* Length (2..4) of the valid UTF-8 sequence at s[0] >= 0x80 (shortest
 * form, no surrogate, at most U+10FFFF: what th__utf8_decode accepts
 * without answering U+FFFD for bad bytes), or 0 when it is not one. */
static inline size_t th__utf8_seq(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    if (c >= 0xC2 && c <= 0xDF)
        return len >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (len < 3 || (s[2] & 0xC0) != 0x80)
            return 0;
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
        unsigned char hi = c == 0xED ? 0x9F : 0xBF;
        return s[1] >= lo && s[1] <= hi ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (len < 4 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
        return s[1] >= lo && s[1] <= hi ? 4 : 0;
    }
    return 0;
}

/* ASCII / HTML whitespace: space, \t, \n, \f, \r. */
static inline bool th__is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* A 64-bit hash of s[0..n) for in-memory tables whose hits are confirmed
 * byte for byte (the text lexicon, the per-page class/id caches of
 * extraction and comments): eight bytes at a time, the last 1..8 bytes by
 * two overlapping 4-byte loads or three single bytes (every byte read
 * lies within s[0..n)), so a word of up to eight bytes is hashed without
 * a loop.  Any hash gives the same answers; this one is cheap. */
static inline uint64_t th__mem_hash(const char *s, size_t n, uint64_t seed)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n ^ seed, v;
    size_t i = 0;
    for (; i + 8 < n; i += 8) {
        memcpy(&v, s + i, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    size_t r = n - i; /* 0 only when n == 0 */
    if (r >= 4) {
        uint32_t a, b;
        memcpy(&a, s + i, 4);
        memcpy(&b, s + i + r - 4, 4);
        v = a | (uint64_t)b << 32;
    } else {
        v = r ? (unsigned char)s[i] |
                    (uint64_t)(unsigned char)s[i + r / 2] << 8 |
                    (uint64_t)(unsigned char)s[i + r - 1] << 16
              : 0;
    }
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* Whether n[0..nn) occurs in h[0..hn) (true for nn == 0): memmem, which C11 and
 * POSIX lack. */
bool th__has_bytes(const char *h, size_t hn, const char *n, size_t nn);

/* Trims ASCII / HTML whitespace from both ends of s[0..*n). */
static inline const char *th__trim_space(const char *s, size_t *n)
{
    while (*n && th__is_space((unsigned char)*s))
        s++, (*n)--;
    while (*n && th__is_space((unsigned char)s[*n - 1]))
        (*n)--;
    return s;
}

/* Length in bytes of a Unicode whitespace character at s (U+00A0, U+2000-
 * U+200B, U+202F, U+205F, U+3000, U+FEFF and ASCII space), or 0. */
size_t th__utf8_space_len(const char *s, size_t len);

/* Collapses runs of whitespace (Unicode spaces included) to one ASCII space
 * and trims both ends, in place; drops U+00AD SOFT HYPHEN (a hyphenation
 * hint that would split words for search and dedup).  Returns the new
 * length; writes a NUL. */
size_t th__collapse_space(char *s, size_t len);

#endif
