/*
 * utf8.c -- UTF-8 encode/decode/repair and whitespace helpers.
 */
#include "utf8.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

int th__utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t th__utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len < n) {
        /* Truncated: consume the valid continuation bytes there are. */
        size_t i = 1;
        while (i < len && (s[i] & 0xC0) == 0x80)
            i++;
        *cp = 0xFFFD;
        return i;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return i;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return n;
    }
    *cp = v;
    return n;
}

bool th__utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
#ifdef __SSE2__
        /* ASCII sixteen bytes a step, jumping to the first high byte */
        while (i + 16 <= len) {
            unsigned hi = (unsigned)_mm_movemask_epi8(
                _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
            if (hi) {
                i += (size_t)__builtin_ctz(hi);
                goto multi;
            }
            i += 16;
        }
        /* fewer than sixteen bytes left: the string's last sixteen,
         * those before i shifted out */
        if (i < len && len >= 16) {
            unsigned hi = (unsigned)_mm_movemask_epi8(_mm_loadu_si128(
                              (const __m128i *)(const void *)(s + len - 16))) >>
                          (i - (len - 16));
            if (!hi)
                break;
            i += (size_t)__builtin_ctz(hi);
            goto multi;
        }
#endif
        while (i < len && s[i] < 0x80)
            i++;
        if (i >= len)
            break;
#ifdef __SSE2__
    multi:
#endif
        /* a run of multi-byte sequences: th__utf8_seq accepts what
         * th__utf8_decode decodes to a code point (U+FFFD itself, EF BF
         * BD, included) */
        do {
            size_t n = th__utf8_seq(s + i, len - i);
            if (!n)
                return false;
            i += n;
        } while (i < len && s[i] >= 0x80);
    }
    return true;
}

/* True when s[0..len) is valid UTF-8 without NUL bytes. */
static bool clean_utf8(const char *s, size_t len)
{
    return th__utf8_valid(s, len) && memchr(s, 0, len) == NULL;
}

char *th__utf8_repair(th_arena *a, const char *s, size_t len, size_t *outlen)
{
    /* The common case: already clean, one copy. */
    if (clean_utf8(s, len)) {
        char *c = th__arena_strndup(a, s, len);
        if (c && outlen)
            *outlen = len;
        return c;
    }
    /* Worst case: every byte becomes a 3-byte U+FFFD. */
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = th__arena_alloc(a, len * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c)
                out[o++] = (char)c;
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = th__utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD) {
            o += (size_t)th__utf8_encode(0xFFFD, out + o);
        } else {
            memcpy(out + o, s + i, n);
            o += n;
        }
        i += n;
    }
    out[o] = '\0';
    if (outlen)
        *outlen = o;
    return out;
}

/* th__utf8_space_len, inlined in this file's white-space loops. */
static inline size_t space_len(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0)
        return 0;
    if (th__is_space(s[0]) || s[0] == '\v')
        return 1;
    if (len >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0x85))
        return 2;
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        ((s[2] >= 0x80 && s[2] <= 0x8B) || s[2] == 0xAF || s[2] == 0xA8 ||
         s[2] == 0xA9))
        return 3;
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)
        return 3;
    if (len >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3;
    return 0;
}

/* U+00AD SOFT HYPHEN: an invisible hyphenation hint inside a word
 * ("Mit\u00adtel\u00adal\u00adter"); full-text search, shingles and language
 * ID would see it as a break, so document text drops it. */
static inline bool soft_hyphen(const char *s, size_t len)
{
    return len >= 2 && (unsigned char)s[0] == 0xC2 &&
           (unsigned char)s[1] == 0xAD;
}

size_t th__utf8_space_len(const char *str, size_t len)
{
    return space_len(str, len);
}

/* Bytes of s[0..len) that are already collapsed: no leading space, only
 * single ASCII spaces each followed by a non-space, no other whitespace.
 * Sixteen bytes at a time (SSE2) while they are printable ASCII and
 * single spaces. */
static size_t collapsed_prefix(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
#ifdef __SSE2__
        /* the block at b: at i, or the string's last sixteen bytes
         * when fewer are left (those before i were looked at) */
        if (i + 16 <= len || len >= 16) {
            size_t b = i + 16 <= len ? i : len - 16;
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + b));
            unsigned hi = (unsigned)_mm_movemask_epi8(v);
            unsigned sp = (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
            unsigned ctl = (unsigned)_mm_movemask_epi8(
                               _mm_cmplt_epi8(v, _mm_set1_epi8(0x21))) &
                           ~hi & ~sp;
            /* non-ASCII bytes that may start a Unicode space (the first
             * bytes C2, E2, E3, EF of th__utf8_space_len); any other
             * non-ASCII byte is part of a non-space */
            unsigned lead = (unsigned)_mm_movemask_epi8(_mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2))),
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE3)),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF)))));
            /* a space before another space, a control byte or such a
             * byte, or before the next block, a leading space: looked at
             * one by one below */
            unsigned bad = lead | ctl | (sp & ((sp | lead | ctl) >> 1)) |
                           (sp & 0x8000u) | (b == 0 ? sp & 1u : 0u);
            bad &= ~0u << (i - b);
            /* each flagged byte of the block in turn: the same tests
             * as the byte loop below; a lead byte of a non-space or a
             * single space between non-spaces is fine */
            while (bad) {
                size_t j = b + (size_t)__builtin_ctz(bad);
                unsigned char c = (unsigned char)s[j];
                if (c == ' ') {
                    if (j == 0 || j + 1 >= len)
                        return j;
                    unsigned char d = (unsigned char)s[j + 1];
                    if (!(d > 0x20 && (d < 0x80 || !space_len(
                                                      s + j + 1, len - j - 1))))
                        return j;
                } else if (c < 0x80 || space_len(s + j, len - j) ||
                           soft_hyphen(s + j, len - j)) {
                    return j;
                }
                bad &= bad - 1;
            }
            i = b + 16;
            continue;
        }
#endif
        unsigned char c = (unsigned char)s[i];
        if (c > 0x20 && c < 0x80) {
            i++;
            continue;
        }
        if (c == ' ') {
            /* a single space between two non-spaces */
            if (i == 0 || i + 1 >= len)
                return i;
            unsigned char d = (unsigned char)s[i + 1];
            if (d > 0x20 && (d < 0x80 || !space_len(s + i + 1,
                                                           len - i - 1))) {
                i++;
                continue;
            }
            return i;
        }
        if (c < 0x80 || space_len(s + i, len - i) || soft_hyphen(s + i, len - i))
            return i;
        i++; /* a byte of a non-space sequence */
    }
    return i;
}

size_t th__collapse_space(char *s, size_t len)
{
    size_t i = collapsed_prefix(s, len);
    if (i == len) {
        s[len] = '\0';
        return len;
    }
    size_t o = i;
    int pending = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        /* Fast path: printable ASCII, and bytes >= 0x80 that cannot
         * start a Unicode space (th__utf8_space_len's first bytes are
         * C2, E2, E3 and EF), are copied as is. */
        if (c > 0x20 && (c < 0x80 || (c != 0xC2 && c != 0xE2 && c != 0xE3 &&
                                      c != 0xEF))) {
            if (pending) {
                if (o > 0)
                    s[o++] = ' ';
                pending = 0;
            }
            s[o++] = (char)c;
            i++;
            continue;
        }
        if (soft_hyphen(s + i, len - i)) {
            i += 2; /* dropped: the word goes on */
            continue;
        }
        size_t n = space_len(s + i, len - i);
        if (n) {
            pending = 1;
            i += n;
            continue;
        }
        if (pending && o > 0)
            s[o++] = ' ';
        pending = 0;
        s[o++] = s[i++];
    }
    s[o] = '\0';
    return o;
}

bool th__has_bytes(const char *h, size_t hn, const char *n, size_t nn)
{
    if (nn == 0 || nn > hn)
        return nn == 0;
    for (size_t k = 0; k + nn <= hn;) {
        const char *q = memchr(h + k, n[0], hn - nn + 1 - k);
        if (!q)
            return false;
        k = (size_t)(q - h);
        if (!memcmp(q, n, nn))
            return true;
        k++;
    }
    return false;
}
