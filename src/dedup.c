/*
 * dedup.c -- normalisation, hashing, MinHash + LSH index and the repeated
 * comment table (see dedup.h, docs/internals/dedup.md).
 *
 * Memory layout of the index, per document: one byte per MinHash value
 * (the b-bit signature used to verify candidates, 112 B by default), a
 * 4-byte cluster index, one exact-hash slot and up to `bands` LSH slots
 * (12 bytes each: a 64-bit key and a 32-bit doc index) in open-addressing
 * tables kept at most 70% full.  Only the first document with a given band
 * key is kept under it: later ones with the same key are reached through it.
 */
#include "dedup.h"

#include <pthread.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "mem.h"
#include "utf8.h"

static inline uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t fmix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

uint64_t th__hash64(const void *vp, size_t n, uint64_t seed)
{
    const unsigned char *p = vp;
    uint64_t h = seed ^ ((uint64_t)n * 0x9e3779b97f4a7c15ull);
    while (n >= 8) {
        uint64_t k;
        memcpy(&k, p, 8);
        h = rotl(h ^ fmix(k ^ 0x2545f4914f6cdd1dull), 29) * 0x9fb21c651e98df25ull;
        p += 8;
        n -= 8;
    }
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++)
        k |= (uint64_t)p[i] << (8 * i);
    h = rotl(h ^ fmix(k ^ ((uint64_t)n << 56)), 29) * 0x9fb21c651e98df25ull;
    return fmix(h);
}

/* ---------------------------------------------------- normalisation ---- */

enum { C_SEP = 0, C_WORD, C_SOLO };

/* The class of code point cp and its lower-case form. */
static int classify(uint32_t cp, uint32_t *lower)
{
    *lower = cp;
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') {
            *lower = cp + 32;
            return C_WORD;
        }
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            return C_WORD;
        return C_SEP;
    }
    if (cp < 0xC0)
        return (cp == 0xAA || cp == 0xB5 || cp == 0xBA) ? C_WORD : C_SEP;
    if (cp <= 0xDE) {
        if (cp == 0xD7)
            return C_SEP;
        *lower = cp + 32;
        return C_WORD;
    }
    if (cp == 0xF7)
        return C_SEP;
    if (cp < 0x100)
        return C_WORD;
    if (cp < 0x180) {
        /* Latin Extended-A: mostly upper/lower pairs at even/odd. */
        if ((cp < 0x138 || (cp >= 0x14A && cp < 0x178)) && !(cp & 1))
            *lower = cp + 1;
        else if (cp > 0x138 && cp < 0x149 && (cp & 1))
            *lower = cp + 1;
        else if (cp > 0x178 && cp < 0x17F && (cp & 1))
            *lower = cp + 1;
        return C_WORD;
    }
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) {
        *lower = cp + 32;
        return C_WORD;
    }
    if (cp >= 0x410 && cp <= 0x42F) {
        *lower = cp + 32;
        return C_WORD;
    }
    if (cp >= 0x400 && cp <= 0x40F) {
        *lower = cp + 80;
        return C_WORD;
    }
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFE10 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
        (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
        (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xFFFD || cp == 0xFEFF ||
        (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0x5BE || cp == 0x5C0 ||
        cp == 0x5C3 || cp == 0x60C || cp == 0x61F || cp == 0x6D4 ||
        cp == 0x964 || cp == 0x965)
        return C_SEP;
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x20000 && cp <= 0x2FFFF))
        return C_SOLO;
    return C_WORD;
}

/* The general loop: code point by code point through th_buf calls. */
static size_t normalize_slow(const char *text, size_t len, th_buf *out)
{
    size_t words = 0;
    bool in_word = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp, lo;
        size_t n = th__utf8_decode(text + i, len - i, &cp);
        int c = classify(cp, &lo);
        if (c == C_SEP) {
            in_word = false;
        } else {
            if (!in_word || c == C_SOLO) {
                if (words)
                    th__buf_putc(out, ' ');
                words++;
            }
            char u[4];
            int k = th__utf8_encode(lo, u);
            th__buf_append(out, u, (size_t)k);
            in_word = c == C_WORD;
        }
        i += n;
    }
    return words;
}

/* ASCII bytes: the lower-case byte of a word character, 0 for a
 * separator (classify() restricted to ASCII). */
static unsigned char g_ascii_norm[128];
static pthread_once_t g_ascii_once = PTHREAD_ONCE_INIT;

static void build_ascii_norm(void)
{
    for (unsigned c = 0; c < 128; c++) {
        uint32_t lo;
        g_ascii_norm[c] = classify(c, &lo) == C_WORD ? (unsigned char)lo : 0;
    }
}

static const unsigned char *ascii_norm(void)
{
    pthread_once(&g_ascii_once, build_ascii_norm);
    return g_ascii_norm;
}

#ifdef __SSE2__
/* 16 ASCII bytes at once, when every separator in them is a single one
 * between word characters (the common case; a separator that ends the
 * block is left pending, as the byte loop leaves it): writes the bytes
 * the byte loop would write, lower-cased, separators as spaces, at o
 * (16 bytes are stored; a pending space is not counted).  Returns 0 when
 * the block does not qualify (non-ASCII, or two separators in a row), else
 * 1 + the bytes written. */
static size_t norm_ascii16(const unsigned char *s, char *o, bool *in_word,
                           size_t *words)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    if (_mm_movemask_epi8(v))
        return 0; /* non-ASCII: signed compares below need bytes < 0x80 */
    __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                               _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    __m128i lo = _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
    __m128i wm = _mm_or_si128(
        _mm_and_si128(_mm_cmpgt_epi8(lo, _mm_set1_epi8('a' - 1)),
                      _mm_cmplt_epi8(lo, _mm_set1_epi8('z' + 1))),
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1))));
    unsigned w = (unsigned)_mm_movemask_epi8(wm);
    unsigned sep = ~w & 0xFFFFu;
    unsigned prev = *in_word ? 1u : 0u; /* bit -1: the byte before */
    unsigned sep_before = ((sep << 1) | (prev ^ 1u)) & 0xFFFFu;
    if (sep & sep_before)
        return 0; /* two separators in a row (or a leading one) */
    size_t n = 0;
    if (!prev && (w & 1u) && *words)
        o[n++] = ' '; /* the space a pending separator stands for */
    __m128i outv = _mm_or_si128(_mm_and_si128(wm, lo),
                                _mm_andnot_si128(wm, _mm_set1_epi8(' ')));
    _mm_storeu_si128((__m128i *)(void *)(o + n), outv);
    *words += (size_t)__builtin_popcount(w & sep_before);
    if (sep & 0x8000u) {
        *in_word = false; /* the last separator stays pending */
        n += 15;
    } else {
        *in_word = true;
        n += 16;
    }
    return n + 1;
}
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TH_NORM_AVX512 1
#include <immintrin.h>
/* 64 ASCII bytes at once (AVX-512 BW + VBMI2, chosen at run time): the
 * bytes the byte loop writes for them -- word characters lower-cased, the
 * first separator after a word as a space (compressed out: the rest of a
 * separator run writes nothing), a separator run that ends the block left
 * pending, the space before a block's first word when the run before it
 * began earlier.  Returns 1 + the bytes written, or 0 when the block has a
 * non-ASCII byte (*high: the first one's index). */
__attribute__((target("avx512f,avx512bw,avx512vbmi2")))
static size_t norm_ascii64(const unsigned char *s, char *o, bool *in_word,
                           size_t *words, unsigned *high)
{
    __m512i v = _mm512_loadu_si512((const void *)s);
    uint64_t hi = (uint64_t)_mm512_movepi8_mask(v);
    if (hi) {
        *high = (unsigned)__builtin_ctzll(hi);
        return 0;
    }
    __mmask64 up = _mm512_cmplt_epu8_mask(
        _mm512_sub_epi8(v, _mm512_set1_epi8('A')), _mm512_set1_epi8(26));
    __m512i lo = _mm512_mask_add_epi8(v, up, v, _mm512_set1_epi8(0x20));
    uint64_t w =
        (uint64_t)(_mm512_cmplt_epu8_mask(
                       _mm512_sub_epi8(lo, _mm512_set1_epi8('a')),
                       _mm512_set1_epi8(26)) |
                   _mm512_cmplt_epu8_mask(
                       _mm512_sub_epi8(v, _mm512_set1_epi8('0')),
                       _mm512_set1_epi8(10)));
    uint64_t sep = ~w;
    uint64_t prev = *in_word ? 1u : 0u;
    uint64_t after_word = (w << 1) | prev; /* bit j: byte j-1 is a word char */
    uint64_t keep = w | (sep & after_word);
    __m512i outv = _mm512_mask_blend_epi8(w, _mm512_set1_epi8(' '), lo);
    size_t n = 0;
    if (!prev && w && *words)
        o[n++] = ' ';
    _mm512_mask_compressstoreu_epi8(o + n, keep, outv);
    n += (size_t)__builtin_popcountll(keep);
    *words += (size_t)__builtin_popcountll(w & ~after_word);
    if (sep >> 63) {
        if (w || prev)
            n--; /* the trailing run's space stays pending */
        *in_word = false;
    } else {
        *in_word = true;
    }
    return n + 1;
}
#endif

size_t th__dedup_normalize(const char *text, size_t len, th_buf *out)
{
    /* The output is at most 4/3 of the input (a 3-byte ideograph after
     * another gets a space; case mapping keeps UTF-8 lengths), so with
     * that much room the bytes are written directly -- the same bytes
     * normalize_slow appends one call at a time. */
    size_t room = len + len / 2 + 8;
    if (out->err || room < len || room > out->max - out->len ||
        th__buf_reserve(out, room) != TH_OK)
        return normalize_slow(text, len, out);
    const unsigned char *an = ascii_norm();
    const unsigned char *s = (const unsigned char *)text;
    char *o = out->data + out->len;
    size_t words = 0;
    bool in_word = false;
    size_t bytewise_to = 0; /* a block that did not qualify: bytes */
#ifdef TH_NORM_AVX512
    bool avx = __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512vbmi2");
#endif
    for (size_t i = 0; i < len;) {
#ifdef TH_NORM_AVX512
        if (avx && i >= bytewise_to && i + 64 <= len) {
            unsigned high = 0;
            size_t r = norm_ascii64(s + i, o, &in_word, &words, &high);
            if (r) {
                o += r - 1;
                i += 64;
                continue;
            }
            /* Bytes up to the first non-ASCII one (its whole character
             * goes through the decode below), then blocks again. */
            bytewise_to = i + high + 1;
        }
#endif
#ifdef __SSE2__
        if (i >= bytewise_to && i + 16 <= len) {
            size_t r = norm_ascii16(s + i, o, &in_word, &words);
            if (r) {
                o += r - 1;
                i += 16;
                continue;
            }
            bytewise_to = i + 16;
        }
#endif
        unsigned char b = s[i];
        if (b < 0x80) {
            unsigned char k = an[b];
            if (!k) {
                in_word = false;
            } else {
                if (!in_word) {
                    if (words)
                        *o++ = ' ';
                    words++;
                    in_word = true;
                }
                *o++ = (char)k;
            }
            i++;
            continue;
        }
        uint32_t cp, lo;
        size_t n = th__utf8_decode(text + i, len - i, &cp);
        int c = classify(cp, &lo);
        if (c == C_SEP) {
            in_word = false;
        } else {
            if (!in_word || c == C_SOLO) {
                if (words)
                    *o++ = ' ';
                words++;
            }
            o += th__utf8_encode(lo, o);
            in_word = c == C_WORD;
        }
        i += n;
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    return words;
}

/* ---------------------------------------------------------- MinHash ---- */

/* Coefficients of the hash family, a fixed pseudo-random sequence so that
 * signatures are comparable across runs and machines. */
static uint64_t g_a[TH_DEDUP_MAX_HASHES], g_b[TH_DEDUP_MAX_HASHES];
static pthread_once_t g_coeffs_once = PTHREAD_ONCE_INIT;

static void build_coeffs(void)
{
    uint64_t s = 0x5eed5eed5eed5eedull;
    for (int i = 0; i < TH_DEDUP_MAX_HASHES; i++) {
        s += 0x9e3779b97f4a7c15ull;
        g_a[i] = fmix(s) | 1;
        s += 0x9e3779b97f4a7c15ull;
        g_b[i] = fmix(s);
    }
}

static void init_coeffs(void)
{
    pthread_once(&g_coeffs_once, build_coeffs);
}

/* m[h] = min(m[h], hash_h(x)) for h < nh and each x of xs[0..nx)
 * (values < 2^32 kept in 64-bit lanes): the inner loop of MinHash, nh
 * multiply-adds per shingle, shingles taken a block at a time so that the
 * minima stay in registers.  On x86-64 with GCC, CPUs with AVX-512 DQ
 * run it 8 lanes at a time (64-bit multiplies in vector registers),
 * chosen once at run time; the values are the same on every path (a
 * minimum does not depend on the order its values come in). */
static void min_update_from(uint64_t *m, unsigned from, unsigned nh,
                            const uint64_t *xs, size_t nx)
{
    for (unsigned h = from; h < nh; h++) {
        uint64_t a = g_a[h], b = g_b[h], mh = m[h];
        for (size_t k = 0; k < nx; k++) {
            uint64_t v = (a * xs[k] + b) >> 32;
            if (v < mh)
                mh = v;
        }
        m[h] = mh;
    }
}

/* xs[j] = the shingle value of words j..j+TH_SHINGLE-1 of wh, j < nx: a
 * chain of TH_SHINGLE mixes, each word's hash folded in with its place. */
static void shingle_mix(const uint64_t *wh, size_t nx, uint64_t *xs)
{
    for (size_t j = 0; j < nx; j++) {
        uint64_t x = 0;
        for (unsigned k = 0; k < TH_SHINGLE; k++)
            x = fmix(x ^ wh[j + k]) + k;
        xs[j] = x;
    }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TH_MINHASH_VEC 1
#include <immintrin.h>
__attribute__((target("avx512f,avx512dq")))
static void min_update_avx512(uint64_t *m, unsigned nh, const uint64_t *xs,
                              size_t nx)
{
    unsigned h = 0;
    for (; h + 8 <= nh; h += 8) {
        __m512i a = _mm512_loadu_si512((const void *)(g_a + h));
        __m512i b = _mm512_loadu_si512((const void *)(g_b + h));
        __m512i mv = _mm512_loadu_si512((const void *)(m + h));
        for (size_t k = 0; k < nx; k++) {
            __m512i xv = _mm512_set1_epi64((long long)xs[k]);
            __m512i v = _mm512_srli_epi64(
                _mm512_add_epi64(_mm512_mullo_epi64(a, xv), b), 32);
            mv = _mm512_min_epu64(mv, v);
        }
        _mm512_storeu_si512((void *)(m + h), mv);
    }
    min_update_from(m, h, nh, xs, nx);
}

/* shingle_mix, 8 shingles a lane each. */
__attribute__((target("avx512f,avx512dq")))
static void shingle_mix_avx512(const uint64_t *wh, size_t nx, uint64_t *xs)
{
    size_t j = 0;
    const __m512i c1 = _mm512_set1_epi64((long long)0xff51afd7ed558ccdull);
    const __m512i c2 = _mm512_set1_epi64((long long)0xc4ceb9fe1a85ec53ull);
    for (; j + 8 <= nx; j += 8) {
        __m512i x = _mm512_setzero_si512();
        for (unsigned k = 0; k < TH_SHINGLE; k++) {
            x = _mm512_xor_si512(
                x, _mm512_loadu_si512((const void *)(wh + j + k)));
            x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 33));
            x = _mm512_mullo_epi64(x, c1);
            x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 33));
            x = _mm512_mullo_epi64(x, c2);
            x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 33));
            x = _mm512_add_epi64(x, _mm512_set1_epi64((long long)k));
        }
        _mm512_storeu_si512((void *)(xs + j), x);
    }
    shingle_mix(wh + j, nx - j, xs + j);
}
#endif

static void min_update(uint64_t *m, unsigned nh, const uint64_t *xs,
                       size_t nx)
{
    min_update_from(m, 0, nh, xs, nx);
}


/* Shingles handed to the update per call. */
#define MH_BLOCK 32

/* th__hash64(p, n, 0x77) of a word of 0 < n < 8 bytes, given the 8 bytes
 * v loaded at p: its tail step on v masked to n bytes (the tail loop's
 * little-endian bytes), the same value. */
static inline uint64_t word_hash_short(size_t n, uint64_t v)
{
    uint64_t k = n ? v & (~0ull >> (64 - 8 * n)) : 0;
    uint64_t h = 0x77 ^ ((uint64_t)n * 0x9e3779b97f4a7c15ull);
    h = rotl(h ^ fmix(k ^ ((uint64_t)n << 56)), 29) * 0x9fb21c651e98df25ull;
    return fmix(h);
}

/* Words of norm[*pos..len) (space-separated) hashed into wh[] until it
 * holds cap hashes or the text ends; returns the count.  A word of fewer
 * than 8 bytes with 8 bytes readable is found and hashed from one load. */
static size_t word_hashes(const char *norm, size_t len, size_t *pos,
                          uint64_t *wh, size_t n, size_t cap)
{
    const unsigned char *u = (const unsigned char *)norm;
    size_t i = *pos;
    while (n < cap) {
        while (i < len && u[i] == ' ')
            i++;
        if (i >= len)
            break;
        if (len - i >= 8) {
            uint64_t v;
            memcpy(&v, u + i, 8);
            uint64_t t = v ^ 0x2020202020202020ull;
            /* The lowest flagged byte is the first space (borrows only
             * flag bytes above a real one). */
            uint64_t sp = (t - 0x0101010101010101ull) & ~t &
                          0x8080808080808080ull;
            if (sp) {
                size_t w = (size_t)__builtin_ctzll(sp) >> 3;
                wh[n++] = word_hash_short(w, v);
                i += w;
                continue;
            }
        }
        size_t s = i;
        const void *e = memchr(u + i, ' ', len - i);
        i = e ? (size_t)((const unsigned char *)e - u) : len;
        wh[n++] = th__hash64(norm + s, i - s, 0x77);
    }
    *pos = i;
    return n;
}

bool th__minhash(const char *norm, size_t len, unsigned bands, unsigned rows,
                 uint32_t *mins, uint64_t *bandkeys, uint8_t *bbit)
{
    init_coeffs();
    unsigned nh = bands * rows;
    if (nh == 0 || nh > TH_DEDUP_MAX_HASHES)
        return false;
    uint64_t m[TH_DEDUP_MAX_HASHES];
    for (unsigned i = 0; i < nh; i++)
        m[i] = UINT32_MAX;
    void (*update)(uint64_t *, unsigned, const uint64_t *, size_t) =
        min_update;
    void (*mix)(const uint64_t *, size_t, uint64_t *) = shingle_mix;
#ifdef TH_MINHASH_VEC
    if (__builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512dq")) {
        update = min_update_avx512;
        mix = shingle_mix_avx512;
    }
#endif
    /* A block of word hashes (the last TH_SHINGLE - 1 of the previous
     * block first), then its shingles: finding and hashing words, the
     * shingle mixes (a chain of TH_SHINGLE dependent mixes each) and the
     * minima are three tight loops, so the mixes of neighbouring
     * shingles overlap in the CPU. */
    uint64_t win[MH_BLOCK + TH_SHINGLE - 1];
    uint64_t xs[MH_BLOCK];
    size_t have = 0, pos = 0;
    size_t nw = 0;
    bool any = false;
    for (;;) {
        size_t n = word_hashes(norm, len, &pos, win, have,
                               MH_BLOCK + TH_SHINGLE - 1);
        nw += n - have;
        if (n < TH_SHINGLE)
            break; /* fewer than TH_SHINGLE words in all (have < n) */
        size_t nx = n - (TH_SHINGLE - 1);
        mix(win, nx, xs);
        update(m, nh, xs, nx);
        any = true;
        memmove(win, win + nx, (TH_SHINGLE - 1) * sizeof *win);
        have = TH_SHINGLE - 1;
        if (n < MH_BLOCK + TH_SHINGLE - 1)
            break; /* the text ended */
    }
    if (!any && nw > 0) {
        uint64_t x = 0;
        for (size_t k = 0; k < nw; k++)
            x = fmix(x ^ win[k]) + k;
        for (unsigned h = 0; h < nh; h++)
            mins[h] = (uint32_t)((g_a[h] * x + g_b[h]) >> 32);
        any = true;
    }
    if (!any)
        return false;
    if (nw >= TH_SHINGLE)
        for (unsigned h = 0; h < nh; h++)
            mins[h] = (uint32_t)m[h];
    for (unsigned b = 0; b < bands; b++)
        bandkeys[b] = th__hash64nz(mins + (size_t)b * rows,
                                   rows * sizeof(uint32_t), 0xB0 + b);
    for (unsigned h = 0; h < nh; h++)
        bbit[h] = (uint8_t)mins[h];
    return true;
}

double th__bbit_jaccard(const uint8_t *a, const uint8_t *b, unsigned n)
{
    if (!n)
        return 0;
    unsigned m = 0;
    for (unsigned i = 0; i < n; i++)
        m += a[i] == b[i];
    double r = (double)m / n;
    double est = (r - 1.0 / 256) / (1.0 - 1.0 / 256);
    return est < 0 ? 0 : est > 1 ? 1 : est;
}

/* ------------------------------------------------------ hash tables ---- */

/*
 * A key -> value map (64-bit keys, 0 = empty slot; 32-bit values) in
 * HT_SHARDS open-addressing shards chosen by the key's top 8 bits, each at
 * most 70% full and doubled on its own.  Why shards: one table doubling in
 * one go rehashes every key at once -- at ~838k documents the LSH table's
 * 11.7 million keys into a new 400 MB table, up to ~1 s of the writer's
 * CPU in one step (docs/internals/dedup.md).  A shard holds 1/256 of the
 * keys, and the shards' capacities are spread over one octave (shard i
 * holds HT_CAP0 * 2^(i/256) * 2^k slots after k doublings), so they fill
 * up and double at different times:
 * the rehashing and the fresh memory come a little at a time, at a
 * constant rate per key added, and the total capacity grows smoothly with
 * the keys (load 0.35-0.7 in each shard, ~0.5 on average at any size; a
 * single table's load swings from 0.35 to 0.7 with each doubling).
 * A slot's place in its shard is the key's low 32 bits scaled to the
 * shard's capacity ((lo * cap) >> 32: capacities need not be powers of
 * two), then linear probing.  Lookups and inserts give the same answers
 * as any other layout of the same map, so verdicts do not depend on it.
 */
#define HT_SHARD_BITS 8
#define HT_SHARDS (1u << HT_SHARD_BITS)
#define HT_CAP0 16.0 /* small: a small run touches every shard */

typedef struct ht_shard {
    uint64_t *keys; /* 0 = empty slot */
    uint32_t *vals;
    size_t cap, n;
    unsigned lvl; /* doublings so far */
} ht_shard;

typedef struct htab {
    ht_shard *sh; /* HT_SHARDS, allocated at the first insert */
    size_t cap, n; /* totals over the shards */
} htab;

static void ht_free(htab *t)
{
    if (t->sh)
        for (unsigned i = 0; i < HT_SHARDS; i++) {
            th__free(t->sh[i].keys);
            th__free(t->sh[i].vals);
        }
    th__free(t->sh);
    memset(t, 0, sizeof *t);
}

static inline ht_shard *ht_shard_of(const htab *t, uint64_t key)
{
    return &t->sh[key >> (64 - HT_SHARD_BITS)];
}

static inline size_t ht_slot(uint64_t key, size_t cap)
{
    return (size_t)(((uint64_t)(uint32_t)key * cap) >> 32);
}

/* The capacity of shard i after lvl doublings: HT_CAP0 * 2^(i / 256) *
 * 2^lvl, rounded (so the spread stays fine when HT_CAP0 is small). */
static size_t ht_capacity(unsigned i, unsigned lvl)
{
    double c = HT_CAP0;
    for (unsigned k = 0; k < i; k++)
        c *= 1.0027112750502025; /* 2^(1/256) */
    for (unsigned k = 0; k < lvl; k++)
        c *= 2;
    return (size_t)(c + 0.5);
}

static int ht_grow(htab *t, ht_shard *s)
{
    _Static_assert(HT_SHARDS == 256, "ht_capacity spreads over 256 shards");
    unsigned lvl = s->cap ? s->lvl + 1 : 0;
    if (lvl > 27) /* 2^31+ slots in a shard: ht_slot needs cap < 2^32 */
        return -1;
    size_t ncap = ht_capacity((unsigned)(s - t->sh), lvl);
    uint64_t *k = th__calloc(ncap, sizeof *k);
    uint32_t *v = th__malloc(ncap * sizeof *v);
    if (!k || !v) {
        th__free(k);
        th__free(v);
        return -1;
    }
    /* The slot order is the key order scaled, so the old slots, read in
     * order, land nearly in order in the new table. */
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->keys[i])
            continue;
        size_t j = ht_slot(s->keys[i], ncap);
        while (k[j])
            j = j + 1 == ncap ? 0 : j + 1;
        k[j] = s->keys[i];
        v[j] = s->vals[i];
    }
    th__free(s->keys);
    th__free(s->vals);
    t->cap += ncap - s->cap;
    s->keys = k;
    s->vals = v;
    s->cap = ncap;
    s->lvl = lvl;
    return 0;
}

static bool ht_get(const htab *t, uint64_t key, uint32_t *val)
{
    if (!t->sh || !key)
        return false;
    const ht_shard *s = ht_shard_of(t, key);
    if (!s->cap)
        return false;
    for (size_t j = ht_slot(key, s->cap);;) {
        if (!s->keys[j])
            return false;
        if (s->keys[j] == key) {
            *val = s->vals[j];
            return true;
        }
        j = j + 1 == s->cap ? 0 : j + 1;
    }
}

/* Inserts key -> val unless present.  1 inserted, 0 present (*old set),
 * -1 ENOMEM.  Key 0 (the empty mark) is never stored: 1, and later
 * lookups of 0 find nothing. */
static int ht_put(htab *t, uint64_t key, uint32_t val, uint32_t *old)
{
    if (!key)
        return 1;
    if (!t->sh && !(t->sh = th__calloc(HT_SHARDS, sizeof *t->sh)))
        return -1;
    ht_shard *s = ht_shard_of(t, key);
    if ((s->n + 1) * 10 > s->cap * 7 && ht_grow(t, s))
        return -1;
    size_t j = ht_slot(key, s->cap);
    while (s->keys[j]) {
        if (s->keys[j] == key) {
            if (old)
                *old = s->vals[j];
            return 0;
        }
        j = j + 1 == s->cap ? 0 : j + 1;
    }
    s->keys[j] = key;
    s->vals[j] = val;
    s->n++;
    t->n++;
    return 1;
}

/* ------------------------------------------------------------ index ---- */

struct th_dedup {
    unsigned bands, rows, nh;
    double threshold;
    htab exact, lsh, comments;
    uint8_t *bbit;     /* nh bytes per doc */
    uint32_t *cluster; /* per doc */
    uint32_t n, cap;
};

th_dedup *th__dedup_new(unsigned bands, unsigned rows, double threshold)
{
    if (!bands || !rows || bands * rows > TH_DEDUP_MAX_HASHES)
        return NULL;
    init_coeffs();
    th_dedup *d = th__calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->bands = bands;
    d->rows = rows;
    d->nh = bands * rows;
    d->threshold = threshold;
    return d;
}

void th__dedup_free(th_dedup *d)
{
    if (!d)
        return;
    ht_free(&d->exact);
    ht_free(&d->lsh);
    ht_free(&d->comments);
    th__free(d->bbit);
    th__free(d->cluster);
    th__free(d);
}

static uint32_t push_doc(th_dedup *d, const uint8_t *bbit, uint32_t cluster)
{
    if (d->n == UINT32_MAX - 1)
        return UINT32_MAX;
    if (d->n == d->cap) {
        uint32_t ncap = d->cap ? d->cap * 2 : 1024;
        uint8_t *b = th__realloc(d->bbit, (size_t)ncap * d->nh);
        if (!b)
            return UINT32_MAX;
        d->bbit = b;
        uint32_t *c = th__realloc(d->cluster, (size_t)ncap * sizeof *c);
        if (!c)
            return UINT32_MAX;
        d->cluster = c;
        d->cap = ncap;
    }
    uint32_t idx = d->n++;
    if (bbit)
        memcpy(d->bbit + (size_t)idx * d->nh, bbit, d->nh);
    else
        memset(d->bbit + (size_t)idx * d->nh, 0, d->nh);
    d->cluster[idx] = cluster == UINT32_MAX ? idx : cluster;
    return idx;
}

static int index_keys(th_dedup *d, uint32_t idx, uint64_t text_hash,
                      const uint64_t *bandkeys)
{
    if (ht_put(&d->exact, text_hash ? text_hash : 1, idx, NULL) < 0)
        return -1;
    if (bandkeys)
        for (unsigned b = 0; b < d->bands; b++)
            if (ht_put(&d->lsh, bandkeys[b], idx, NULL) < 0)
                return -1;
    return 0;
}

uint32_t th__dedup_add(th_dedup *d, uint64_t text_hash,
                       const uint64_t *bandkeys, const uint8_t *bbit,
                       th_dup_verdict *v)
{
    th_dup_verdict tmp;
    if (!v)
        v = &tmp;
    memset(v, 0, sizeof *v);
    v->kind = TH_DUP_NONE;
    uint32_t m;
    if (ht_get(&d->exact, text_hash ? text_hash : 1, &m)) {
        v->kind = TH_DUP_EXACT;
        v->match = m;
        v->jaccard = 1.0;
    } else if (bandkeys && bbit) {
        uint32_t tried[64];
        unsigned ntried = 0;
        double best = -1;
        for (unsigned b = 0; b < d->bands; b++) {
            if (!ht_get(&d->lsh, bandkeys[b], &m))
                continue;
            bool seen = false;
            for (unsigned k = 0; k < ntried; k++)
                seen = seen || tried[k] == m;
            if (seen)
                continue;
            if (ntried < 64)
                tried[ntried++] = m;
            double j = th__bbit_jaccard(bbit, d->bbit + (size_t)m * d->nh,
                                        d->nh);
            if (j >= d->threshold && (j > best || (j == best && m < v->match))) {
                best = j;
                v->kind = TH_DUP_NEAR;
                v->match = m;
                v->jaccard = j;
            }
        }
    }
    uint32_t cl = v->kind != TH_DUP_NONE ? d->cluster[v->match] : UINT32_MAX;
    uint32_t idx = push_doc(d, bbit, cl);
    if (idx == UINT32_MAX)
        return UINT32_MAX;
    v->cluster = d->cluster[idx];
    if (v->kind != TH_DUP_EXACT && index_keys(d, idx, text_hash, bandkeys))
        return UINT32_MAX;
    return idx;
}

uint32_t th__dedup_restore(th_dedup *d, uint64_t text_hash,
                           const uint64_t *bandkeys, const uint8_t *bbit,
                           uint32_t cluster)
{
    if (cluster != UINT32_MAX && cluster >= d->n)
        cluster = UINT32_MAX;
    uint32_t idx = push_doc(d, bbit, cluster);
    if (idx == UINT32_MAX)
        return UINT32_MAX;
    if (index_keys(d, idx, text_hash, bandkeys))
        return UINT32_MAX;
    return idx;
}

bool th__dedup_comment(th_dedup *d, uint64_t h, uint32_t doc)
{
    if (!h)
        return false;
    uint32_t old;
    int rc = ht_put(&d->comments, h, doc, &old);
    return rc == 0 && old != doc;
}

size_t th__dedup_memory(const th_dedup *d)
{
    if (!d)
        return 0;
    size_t slot = sizeof(uint64_t) + sizeof(uint32_t);
    return sizeof *d + (d->exact.cap + d->lsh.cap + d->comments.cap) * slot +
           (size_t)d->cap * (d->nh + sizeof(uint32_t));
}

uint32_t th__dedup_count(const th_dedup *d) { return d ? d->n : 0; }
