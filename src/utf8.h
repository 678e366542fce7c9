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

/* A 32-bit hash of v[0..len), 8 bytes a step, for the per-page caches
 * of class/id answers (extract_class.c, comments.c): an entry is checked
 * byte for byte, so any hash gives the same answers; this one is cheap. */
static inline uint32_t th__cache_hash(const char *v, size_t len,
                                      uint64_t seed)
{
    uint64_t h = 0x9e3779b97f4a7c15u ^ len ^ seed;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, v + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdu;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    for (unsigned k = 0; i < len; i++, k += 8)
        w |= (uint64_t)(unsigned char)v[i] << k;
    h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
    return (uint32_t)(h ^ (h >> 29));
}

/* Whether n[0..nn) occurs in h[0..hn) (nn > 0): memmem, which C11 and
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
