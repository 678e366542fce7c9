/*
 * text.c -- documents from already-flattened text (a crawler's dump or a
 * text browser's rendering).  A small sequence labeller:
 *
 *  1. one pass splits lines and computes features (indentation, bullet,
 *     length, words, capitalisation, final punctuation, pronouns, a hash
 *     of the letters for repeat detection) and a line kind from short-line
 *     word lists (text_lex.c);
 *  2. a Viterbi pass over five left-to-right regions (header, article,
 *     post-article furniture, comments, footer) with per-line scores picks
 *     where the article and the comment section lie;
 *  3. rules inside each region give the line labels (TITLE, BYLINE, BODY,
 *     CAPTION, RELATED, BOILER, COMMENT_AUTHOR, COMMENT, BLANK);
 *  4. the comment region is cut into comments (bullets/indentation, name
 *     lines that sign the text after them, numbered items, blank-line
 *     runs, widget lines) and threaded (indentation, else reply cues);
 *  5. the document is filled: title, byline, body blocks, captions,
 *     related stories, comments, and per-line labels on request.
 *
 * Linear in the input: no per-line allocation (one array in a scratch
 * arena), repeated lines found by hashing.  See docs/internals/text.md.
 */
#include "comments.h"
#include "text.h"
#include "text_int.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text_lex.h"
#ifdef TEXT_DEBUG
#include <stdio.h>
#endif
#include "utf8.h"

/* ------------------------------------------------------- helpers ---- */

static inline uint32_t lower_cp(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    return cp;
}

static inline bool upper_cp(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return true;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return true;
    if (cp >= 0x100 && cp <= 0x17F) {
        if ((cp <= 0x137 || (cp >= 0x14A && cp <= 0x177)) && !(cp & 1))
            return true;
        if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) &&
            (cp & 1))
            return true;
    }
    return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F);
}

static inline bool lower_letter(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return true;
    if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
        return true;
    if (cp >= 0x100 && cp <= 0x17F)
        return !upper_cp(cp);
    return (cp >= 0x3B1 && cp <= 0x3C9) || (cp >= 0x430 && cp <= 0x44F);
}

/* Han ideographs and kana: scripts written without spaces.  Two of them
 * count as one word and each as three characters (a Latin word of about
 * the same content), so CJK sentences weigh like Latin ones. */
static inline bool cjk_cp(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

/* upper_cp || lower_letter || U+0100-U+1FFF || cjk_cp, in the order of
 * the code points (one or two tests for the common ones). */
static inline bool letter_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20u) >= 'a' && (cp | 0x20u) <= 'z';
    if (cp < 0x100)
        return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
    if (cp < 0x2000)
        return true;
    return cjk_cp(cp);
}



/* Length of the Unicode space at s (ASCII space/tab or th__utf8_space_len). */
static inline size_t space_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)*s;
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r')
        return 1;
    if (c < 0x80)
        return 0;
    return th__utf8_space_len(s, n);
}

/* True when the 4-byte string lit occurs in s[0..n). */
static bool find4(const char *s, size_t n, const char *lit)
{
    for (size_t i = 0; i + 4 <= n; i++) {
        const char *p = memchr(s + i, lit[0], n - 3 - i);
        if (!p)
            return false;
        i = (size_t)(p - s);
        if (memcmp(p, lit, 4) == 0)
            return true;
    }
    return false;
}

/* True when s[0..n) has a " | " separator. */
static bool pipe_sep(const char *s, size_t n)
{
    const char *p = s, *e = s + n;
    while ((p = memchr(p, '|', (size_t)(e - p))) != NULL) {
        if (p > s && p + 1 < e && p[-1] == ' ' && p[1] == ' ')
            return true;
        p++;
    }
    return false;
}

/* ------------------------------------------------- feature pass ---- */

static const uint32_t g_bullets[] = {0x2022, 0x2023, 0x25E6, 0x2043, 0x25AA,
                                     0x25AB, 0x25A0, 0x25A1, 0x25CF, 0x25CB,
                                     0x2219, 0x00B7, 0x2605, 0x2606, 0x25BA,
                                     0x25B8, 0x2192, 0x27A2, 0x2013, 0x2014,
                                     0x2043, 0x25C6, 0x25C7, 0x2666};

static bool is_bullet_cp(uint32_t cp)
{
    if (cp == '*' || cp == '-' || cp == '+' || cp == 'o')
        return true;
    if (cp < 0xB7) /* below every entry of g_bullets: most lines */
        return false;
    for (size_t i = 0; i < sizeof g_bullets / sizeof g_bullets[0]; i++)
        if (g_bullets[i] == cp)
            return true;
    return false;
}

/* Strips indentation, a bullet or list number, and lynx "[12]" link
 * numbers at the start. */
static void split_content(const char *s, tl *l)
{
    size_t i = l->off, e = l->off + l->len;
    uint32_t col = 0;
    for (;;) {
        /* runs of ASCII spaces (w3m/lynx indentation) eight at a time */
        while (e - i >= 8 && memcmp(s + i, "        ", 8) == 0) {
            col += 8;
            i += 8;
        }
        while (i < e && s[i] == ' ') {
            col++;
            i++;
        }
        if (i >= e)
            break;
        if (s[i] == '\t') {
            col = (col + 8) & ~7u;
            i++;
            continue;
        }
        size_t k = space_at(s + i, e - i);
        if (!k)
            break;
        col++;
        i += k;
    }
    l->indent = col;
    /* trailing spaces */
    while (e > i) {
        size_t j = e - 1;
        unsigned char c = (unsigned char)s[j];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            e--;
            continue;
        }
        /* U+00A0 (C2 A0) and U+3000 etc. */
        if (j > i && (unsigned char)s[j] == 0xA0 &&
            (unsigned char)s[j - 1] == 0xC2) {
            e -= 2;
            continue;
        }
        break;
    }
    l->bullet = B_NONE;
    if (i < e) {
        uint32_t cp;
        size_t k = dec(s, e, i, &cp);
        if (is_bullet_cp(cp) && (i + k == e || space_at(s + i + k, e - i - k))) {
            if (cp != 'o' || i + k < e) {
                l->bullet = B_SYM;
                i += k;
            }
        } else if (cp >= '0' && cp <= '9') {
            size_t j = i;
            while (j < e && j - i < 4 && s[j] >= '0' && s[j] <= '9')
                j++;
            if (j < e && j - i < 4 && (s[j] == '.' || s[j] == ')') &&
                (j + 1 == e || s[j + 1] == ' ')) {
                l->bullet = B_NUM;
                i = j + 1;
            }
        } else if (cp == '[') {
            size_t j = i + 1;
            while (j < e && j - i < 7 && s[j] >= '0' && s[j] <= '9')
                j++;
            if (j > i + 1 && j < e && s[j] == ']')
                i = j + 1;
        }
        while (i < e) {
            size_t sk = space_at(s + i, e - i);
            if (!sk)
                break;
            i += sk;
        }
    }
    l->cs = i;
    l->ce = e;
}

/* ASCII classes for the feature pass. */
enum {
    FC_SP = 1, FC_UP = 2, FC_LO = 4, FC_DG = 8, FC_QT = 16, FC_QM = 32,
    FC_NOLAST = 64, FC_OPEN = 128
};
#define FC_AL (FC_UP | FC_LO | FC_DG)
/* Letters hashed per line: two lines with the same first HASH_LETTERS
 * letters and the same letter count are repeats. */
#define HASH_LETTERS 128
static const uint8_t g_fcls[256] = {
    [' '] = FC_SP, ['\t'] = FC_SP,
    ['"'] = FC_QT | FC_NOLAST, ['\''] = FC_QT | FC_NOLAST,
    [')'] = FC_NOLAST, [']'] = FC_NOLAST, ['*'] = FC_NOLAST,
    ['('] = FC_OPEN, ['['] = FC_OPEN, ['?'] = FC_QM, ['!'] = FC_QM,
    ['0'] = FC_DG, ['1'] = FC_DG, ['2'] = FC_DG, ['3'] = FC_DG,
    ['4'] = FC_DG, ['5'] = FC_DG, ['6'] = FC_DG, ['7'] = FC_DG,
    ['8'] = FC_DG, ['9'] = FC_DG,
#define R(c) [c] = FC_UP, [c + 32] = FC_LO
    R('A'), R('B'), R('C'), R('D'), R('E'), R('F'), R('G'), R('H'), R('I'),
    R('J'), R('K'), R('L'), R('M'), R('N'), R('O'), R('P'), R('Q'), R('R'),
    R('S'), R('T'), R('U'), R('V'), R('W'), R('X'), R('Y'), R('Z'),
#undef R
};

/* Running state of the feature pass over one line. */
typedef struct fstate {
    uint64_t h, acc;    /* letter hash; letters not yet mixed in */
    uint32_t nacc, hl, nch, nw, ncap, lastcp, firstcp, ncjk;
    bool inword, first_seen;
    uint16_t fl;
} fstate;

/* Feeds one letter (lowercased; a code point for non-ASCII) to the hash:
 * eight letters are packed into a word and mixed at once. */
static inline void hash_letter(fstate *f, uint32_t c)
{
    f->acc = (f->acc << 8) ^ c;
    if (++f->nacc == 8) {
        f->h = (f->h ^ f->acc) * 0x9E3779B97F4A7C15ull;
        f->h ^= f->h >> 29;
        f->acc = 0;
        f->nacc = 0;
    }
}

/* Feeds nb ASCII letters buf[0..nb) to the hash (buf readable up to
 * nb + 8 bytes): the same value as hash_letter on each in turn, since
 * acc is a shift-and-xor of the letters. */
static inline void hash_run(uint64_t *h, uint64_t *pacc, uint32_t *pnacc,
                            const unsigned char *buf, unsigned nb)
{
    unsigned j = 0;
    while (nb - j >= 8 - *pnacc) {
        unsigned k = 8 - *pnacc;
        uint64_t v;
        memcpy(&v, buf + j, 8);
        v = __builtin_bswap64(v) >> (8 * (8 - k));
        uint64_t acc = (*pnacc ? *pacc << (8 * k) : 0) ^ v;
        *h = (*h ^ acc) * 0x9E3779B97F4A7C15ull;
        *h ^= *h >> 29;
        *pacc = 0;
        *pnacc = 0;
        j += k;
    }
    unsigned r = nb - j;
    if (r) {
        uint64_t v;
        memcpy(&v, buf + j, 8);
        v = __builtin_bswap64(v) >> (8 * (8 - r));
        *pacc = (*pacc << (8 * r)) ^ v;
        *pnacc += r;
    }
}

/* The byte-at-a-time pass over s[i..lim) (sequences may end past lim,
 * never past e). */
static size_t feat_bytes(const char *s, size_t i, size_t lim, size_t e,
                         fstate *f)
{
    while (i < lim) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            unsigned fc = g_fcls[c];
            i++;
            f->nch++;
            if (fc & FC_SP) {
                f->inword = false;
                continue;
            }
            if (!f->inword) {
                f->nw++;
                f->ncap += (fc & (FC_UP | FC_DG)) != 0;
                f->inword = true;
            }
            if (fc & FC_AL) {
                if (!f->first_seen) {
                    f->first_seen = true;
                    f->firstcp = c;
                }
                if (f->hl < HASH_LETTERS)
                    hash_letter(f, c | 0x20u);
                f->hl++;
                f->lastcp = c;
                continue;
            }
            if (!f->first_seen && !(fc & (FC_QT | FC_OPEN))) {
                f->first_seen = true;
                f->firstcp = c;
            }
            if ((fc & FC_QT) && f->nch == 1)
                f->fl |= F_QUOTE;
            if (fc & FC_QM)
                f->fl |= F_QUEST;
            if (!(fc & FC_NOLAST))
                f->lastcp = c;
            continue;
        }
        uint32_t cp;
        size_t k = th__tx_dec(s + i, e - i, &cp);
        f->nch++;
        if (cp == 0xA0 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200A) ||
            cp == 0x3000) {
            f->inword = false;
        } else {
            bool q = quote_cp(cp);
            if (cp >= 0x3040 && cjk_cp(cp)) {
                if (!(f->ncjk++ & 1))
                    f->nw++;
                f->inword = true;
                f->nch += 2;
                if (!f->first_seen) {
                    f->first_seen = true;
                    f->firstcp = cp;
                }
                if (f->hl < HASH_LETTERS)
                    hash_letter(f, cp);
                f->hl++;
                f->lastcp = cp;
                i += k;
                continue;
            }
            if (cp == 0xFF1F || cp == 0xFF01)
                f->fl |= F_QUEST;
            if (!f->inword) {
                f->nw++;
                if (upper_cp(cp))
                    f->ncap++;
                f->inword = true;
            }
            if (!f->first_seen && !q) {
                f->first_seen = true;
                f->firstcp = cp;
            }
            if (f->nch == 1 && q)
                f->fl |= F_QUOTE;
            if (cp >= 0xC0 && letter_cp(cp)) {
                if (f->hl < HASH_LETTERS)
                    hash_letter(f, lower_cp(cp));
                f->hl++;
                if (!q)
                    f->lastcp = cp;
                i += k;
                continue;
            }
            if (!q)
                f->lastcp = cp;
        }
        i += k;
        /* A run of one non-letter (w3m draws a rule as a line of
         * U+2501): each copy after the first changes nothing but the
         * character count.  Only for a well-formed sequence, whose
         * decoding does not depend on the bytes after it. */
        if (cp != 0xFFFD && k >= 2) {
#ifdef __SSE2__
            /* sixteen bytes equal to the sixteen k before them are 16 / k
             * more copies (and a part) */
            while (e - i >= 16 &&
                   _mm_movemask_epi8(_mm_cmpeq_epi8(
                       _mm_loadu_si128((const __m128i *)(const void *)(s + i)),
                       _mm_loadu_si128((const __m128i *)(const void *)(s + i - k)))) ==
                       0xFFFF) {
                f->nch += (uint32_t)(16 / k);
                i += 16 / k * k;
            }
#endif
            while (e - i >= k && s[i] == s[i - k] && s[i + 1] == s[i + 1 - k] &&
                   (k == 2 || memcmp(s + i + 2, s + i + 2 - k, k - 2) == 0)) {
                f->nch++;
                i += k;
            }
        }
    }
    return i;
}

/* Set bits of a 16-bit mask (no popcnt instruction assumed): two
 * lookups in a 256-byte table (fewer instructions than the bit-twiddling
 * sum, three masks a block). */
#define P2(n) n, n + 1, n + 1, n + 2
#define P4(n) P2(n), P2(n + 1), P2(n + 1), P2(n + 2)
#define P6(n) P4(n), P4(n + 1), P4(n + 1), P4(n + 2)
static const uint8_t g_pop8[256] = {P6(0), P6(1), P6(1), P6(2)};
#undef P2
#undef P4
#undef P6
static inline uint32_t pop16(unsigned m)
{
    return (uint32_t)g_pop8[m & 0xFFu] + g_pop8[(m >> 8) & 0xFFu];
}

/* s[0..n) is the whole text: the line's last block may be read past its
 * end (the bytes after it are masked out). */
/* A line that is one text printed twice (lynx puts an image's alt text
 * and its caption, or a teaser's link and title, on one line): its
 * first 24 bytes come back near the middle. */
static bool self_repeat(const char *p, size_t n)
{
    if (n < 40 || n > 2000)
        return false;
    size_t h = n / 2;
#ifdef __SSE2__
    /* k in h-8 .. h+8 (h >= 20), k + 24 <= n: the starts k-1 = ' ',
     * k = p[0] of h-8 .. h+7 by one compare, then h+8 */
    size_t k0 = h - 8, kmax = h + 8 < n - 24 ? h + 8 : n - 24;
    if (kmax < k0)
        return false;
    __m128i sp = _mm_cmpeq_epi8(
        _mm_loadu_si128((const __m128i *)(const void *)(p + k0 - 1)),
        _mm_set1_epi8(' '));
    __m128i c0 = _mm_cmpeq_epi8(
        _mm_loadu_si128((const __m128i *)(const void *)(p + k0)),
        _mm_set1_epi8(p[0]));
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(sp, c0));
    if (kmax - k0 < 15)
        m &= (1u << (kmax - k0 + 1)) - 1u;
    bool found = false;
    for (; m && !found; m &= m - 1)
        found = memcmp(p + k0 + (unsigned)__builtin_ctz(m), p, 24) == 0;
    if (!found && kmax == h + 8 && p[h + 8] == p[0] && p[h + 7] == ' ' &&
        memcmp(p + h + 8, p, 24) == 0)
        found = true;
    if (!found)
        return false;
#else
    size_t k = h > 8 ? h - 8 : 0;
    for (; k <= h + 8 && k + 24 <= n; k++)
        if (p[k] == p[0] && p[k - 1] == ' ' && memcmp(p + k, p, 24) == 0)
            break;
    if (k > h + 8 || k + 24 > n)
        return false;
#endif
    /* words, not markup or a formula */
    int letters = 0;
    for (int i = 0; i < 32; i++) {
        if (p[i] == '<' || p[i] == '=' || p[i] == '"')
            return false;
        if (i < 16)
            letters += ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') ||
                       (unsigned char)p[i] >= 0x80;
    }
    return letters >= 10;
}

/* A line that is one short text printed over and over, the last copy
 * maybe cut: "How Stores Trick You How Stores Trick You How Stores Tr"
 * (w3m and lynx print a teaser's link, heading and hidden label of the
 * same headline on one line).  The line repeats with a period k >= 12
 * bytes that starts at a word (p[k..n) equals p[0..n-k)).  Only for
 * lines without a sentence end: a paragraph that says the same thing
 * twice is still text. */
#ifndef PERIOD_MIN
#define PERIOD_MIN 12
#endif
static bool periodic_line(const char *p, size_t n)
{
    if (n < 30 || n > 2000)
        return false;
    for (size_t k = PERIOD_MIN; k <= n / 2 + 1;) {
        const char *q = memchr(p + k, p[0], n / 2 + 2 - k);
        if (!q)
            return false;
        k = (size_t)(q - p);
        if (p[k - 1] == ' ' && memcmp(p + k, p, n - k) == 0)
            return true;
        k++;
    }
    return false;
}

/* most lines of spaces a blank run may hold and still count as one
 * paragraph break (0: off) */
#ifndef WS_RUN
#define WS_RUN 2
#endif
/* A text printed twice with nothing between the copies ("Jim ParsonsJim
 * Parsons", "Lemon seeds in a jarLemon seeds in a jar"): w3m and lynx
 * print a picture's alt text and title, or a card's two labels, side by
 * side.  The second copy starts right after the first's last byte,
 * not after a space: no word boundary separates them. */
#ifndef GLUED_WORDS
#define GLUED_WORDS 3
#endif
static bool glued_twice(const char *p, size_t n)
{
    if (n < 12 || (n & 1))
        return false;
    size_t h = n / 2;
    unsigned char c = (unsigned char)p[h - 1];
    if (c == ' ' || p[h] != p[0])
        return false;
    return memcmp(p, p + h, h) == 0;
}

/* a call, not inlined into th__text_extract's line loop: with
 * classify_all and score_line forced inline the loop ran no faster
 * (alternated runs: median 207 ms inlined, 204 ms as calls) */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
/* A list item printing its link text twice with small changes (lynx:
 * "Tom Cruise and Katie Holmes -- No Love Lost Tom Cruise, Katie Holmes
 * -- No Love Lost"): its first 12 bytes, at a word start, come back
 * between 30 % and 70 % of the line. */
#ifndef ITEM_REPEAT
#define ITEM_REPEAT 1
#endif
/* How many of the words of p[b..e) also occur in p[0..b) (*tot: all). */
static int shared_words(const char *p, size_t b, size_t e, int *tot)
{
    int found = 0;
    *tot = 0;
    for (size_t i = b; i < e;) {
        while (i < e && p[i] == ' ')
            i++;
        size_t ws = i;
        while (i < e && p[i] != ' ')
            i++;
        if (i == ws)
            break;
        size_t wl = i - ws;
        (*tot)++;
        for (size_t j = 0; j + wl <= b; j++)
            if ((j == 0 || p[j - 1] == ' ') && (j + wl == b || p[j + wl] == ' ') &&
                memcmp(p + j, p + ws, wl) == 0) {
                found++;
                break;
            }
    }
    return found;
}

static bool item_repeat(const char *p, size_t n)
{
    if (!ITEM_REPEAT || n < 40 || n > 400)
        return false;
    for (size_t k = n * 3 / 10; k <= n * 7 / 10 && k + 10 <= n; k++)
        if (p[k] == p[0] && p[k - 1] == ' ' && memcmp(p + k, p, 10) == 0) {
            /* the second copy's words are mostly the first's */
            int tot, f = shared_words(p, k, n, &tot);
            return tot >= 4 && 10 * f >= 7 * tot;
        }
    return false;
}

#ifdef __SSE2__
/* The last character of the ASCII bytes s[lo..hi) that sets lastcp in
 * the byte loop (not a space, a quote or a closing bracket), else cur. */
static inline uint32_t last_ascii(const char *s, size_t lo, size_t hi,
                                  uint32_t cur)
{
    while (hi > lo) {
        unsigned char c = (unsigned char)s[--hi];
        if (!(g_fcls[c] & (FC_SP | FC_NOLAST)))
            return c;
    }
    return cur;
}
#endif

#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void features_line(const char *s, size_t n, tl *l)
{
    size_t i = l->cs, e = l->ce;
    fstate f;
    memset(&f, 0, sizeof f);
    f.h = 0xCBF29CE484222325ull;
#ifdef __SSE2__
    /* Sixteen ASCII bytes at a time: byte classes as bit masks (bit k =
     * byte k); a block with a non-ASCII byte goes byte by byte.  The
     * running state is kept in locals (f is filled only around the calls
     * of feat_bytes), so it stays in registers. */
  {
    uint64_t hh = f.h, acc = 0;
    uint32_t nacc = 0, hl = 0, nch = 0, nw = 0, ncap = 0, lastcp = 0,
             firstcp = 0;
    bool inword = false, first_seen = false;
    uint16_t fl = 0;
    /* lastcp is found lazily: the ASCII bytes from lo on are not in it
     * yet (last_ascii) */
    size_t lo = i;
    /* the locals into f around feat_bytes, and back */
#define FST_SAVE()                                                         \
    (f.h = hh, f.acc = acc, f.nacc = nacc, f.hl = hl, f.nch = nch,         \
     f.nw = nw, f.ncap = ncap, f.lastcp = lastcp, f.firstcp = firstcp,     \
     f.inword = inword, f.first_seen = first_seen, f.fl = fl)
#define FST_LOAD()                                                         \
    (hh = f.h, acc = f.acc, nacc = f.nacc, hl = f.hl, nch = f.nch,         \
     nw = f.nw, ncap = f.ncap, lastcp = f.lastcp, firstcp = f.firstcp,     \
     inword = f.inword, first_seen = f.first_seen, fl = f.fl)
    while (i < e) {
        /* the line's last block: r < 16 bytes of it count */
        size_t r = e - i < 16 ? e - i : 16;
        __m128i v;
        if (i + 16 <= n) {
            v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        } else {
            char tb[16] = {0};
            memcpy(tb, s + i, r);
            v = _mm_loadu_si128((const __m128i *)(const void *)tb);
        }
        /* the ASCII bytes before the first non-ASCII one (all 16 when
         * there is none) */
        unsigned hi = (unsigned)_mm_movemask_epi8(v);
        unsigned k = hi ? (unsigned)__builtin_ctz(hi) : 16;
        /* k = min(k, r), written as arithmetic (callgrind: 3.4M fewer
         * instructions over the flat sets than the if) */
        k ^= (k ^ (unsigned)r) & (0u - (unsigned)(k > r));
        if (k == 0) {
            /* the non-ASCII bytes up to the block's next ASCII byte (the
             * last sequence may run past it) */
            unsigned asc = ~hi & 0xFFFFu;
            size_t run = asc ? (unsigned)__builtin_ctz(asc) : 16u;
            lastcp = last_ascii(s, lo, i, lastcp);
            FST_SAVE();
            i = feat_bytes(s, i, i + (run < r ? run : r), e, &f);
            FST_LOAD();
            lo = i;
            continue;
        }
        unsigned lim = (1u << k) - 1;
#define SET(c) _mm_set1_epi8((char)(c))
#define EQ(c) _mm_cmpeq_epi8(v, SET(c))
#define MASK(x) ((unsigned)_mm_movemask_epi8(x))
        /* ranges by one signed compare after a shift (the bytes are
         * ASCII): c - lo + 0x80 < hi - lo + 1 + 0x80 - 256 */
        __m128i lc = _mm_or_si128(v, SET(0x20));
        __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(lc, SET(0x80 - 'a')),
                                        SET(-128 + 26));
        __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, SET(0x80 - '0')),
                                       SET(-128 + 10));
        __m128i upper = _mm_and_si128(letter, _mm_cmplt_epi8(v, SET('Z' + 1)));
        unsigned sp = MASK(_mm_or_si128(EQ(' '), EQ('\t')));
        unsigned al = MASK(_mm_or_si128(letter, digit));
        unsigned ud = MASK(_mm_or_si128(upper, digit));
        al &= lim;
        unsigned ns = ~sp & lim;
        unsigned starts = ns & ~((ns << 1) | (inword ? 1u : 0u));
        nw += pop16(starts);
        ncap += pop16(starts & ud);
        inword = (ns >> (k - 1)) & 1;
        if (MASK(_mm_or_si128(EQ('?'), EQ('!'))) & lim)
            fl |= F_QUEST;
        if (!first_seen) {
            /* quotes matter only up to the first character (nch == 0
             * implies !first_seen) */
            unsigned qt = MASK(_mm_or_si128(EQ('"'), EQ('\'')));
            if (nch == 0 && (qt & 1))
                fl |= F_QUOTE;
            unsigned cand = ns & ~qt & ~MASK(_mm_or_si128(EQ('('), EQ('[')));
            if (cand) {
                first_seen = true;
                firstcp = (unsigned char)s[i + (unsigned)__builtin_ctz(cand)];
            }
        }
        if (al && hl < HASH_LETTERS) {
            /* the block's letters packed in order, then fed eight at a
             * time (the same value as hash_letter one by one) */
            /* one 16-byte copy per run of letters (a word or part of
             * one) instead of a loop over the 16 bytes */
            unsigned char blk[32], buf[40];
            unsigned nb = 0, m = al;
            _mm_storeu_si128((__m128i *)(void *)blk, lc);
            _mm_storeu_si128((__m128i *)(void *)(blk + 16), _mm_setzero_si128());
            while (m) {
                unsigned st = (unsigned)__builtin_ctz(m);
                unsigned run = (unsigned)__builtin_ctz(~(m >> st));
                _mm_storeu_si128((__m128i *)(void *)(buf + nb),
                                 _mm_loadu_si128((const __m128i *)(const void *)(blk + st)));
                nb += run;
                m &= m + (m & (0u - m)); /* the run cleared */
            }
            unsigned take = HASH_LETTERS - hl;
            hash_run(&hh, &acc, &nacc, buf, nb < take ? nb : take);
            hl += nb;
        } else {
            hl += pop16(al);
        }
        nch += k;
        i += k;
#undef SET
#undef EQ
#undef MASK
    }
    lastcp = last_ascii(s, lo, e, lastcp);
    FST_SAVE();
#undef FST_SAVE
#undef FST_LOAD
  }
    /* the block loop has reached e */
#else
    feat_bytes(s, i, e, e, &f);
#endif
    uint64_t h = (f.h ^ f.acc ^ ((uint64_t)f.nacc << 56)) * 0x9E3779B97F4A7C15ull;
    l->hash = (uint32_t)(h ^ (h >> 32));
    l->hlen = f.hl;
    l->nchars = f.nch;
    l->nwords = f.nw;
    l->ncap = f.ncap;
    l->cjk = f.ncjk * 6 >= f.nch; /* each counts three in nch */
    uint16_t fl = f.fl;
    uint32_t firstcp = f.firstcp, lastcp = f.lastcp;
    if (lower_letter(firstcp))
        fl |= F_LOWER;
    if (lastcp == '.' || lastcp == '!' || lastcp == '?' || lastcp == 0x2026 ||
        lastcp == 0x3002 || lastcp == 0xFF01 || lastcp == 0xFF1F || lastcp == 0xFF0E)
        l->endp = E_SENT;
    else if (lastcp == ':')
        l->endp = E_COLON;
    else if (lastcp == 0 )
        l->endp = E_NONE;
    else if (lastcp < 0x80 && !((lastcp >= 'a' && lastcp <= 'z') ||
                                (lastcp >= 'A' && lastcp <= 'Z') ||
                                (lastcp >= '0' && lastcp <= '9')))
        l->endp = E_PUNCT;
    else
        l->endp = E_ALNUM;
    l->flags = fl;
}

/* The features of a line.  Empty content (a blank line, a bullet
 * alone: about a third of the lines) gets the pass's values for no
 * bytes without the pass. */
static inline void features(const char *s, size_t n, tl *l)
{
    if (l->cs < l->ce) {
        features_line(s, n, l);
        return;
    }
    uint64_t h = 0xCBF29CE484222325ull * 0x9E3779B97F4A7C15ull;
    l->hash = (uint32_t)(h ^ (h >> 32));
    l->hlen = 0;
    l->nchars = 0;
    l->nwords = 0;
    l->ncap = 0;
    l->cjk = 1;
    l->endp = E_NONE;
    l->flags = 0;
}

/* A key for the tables that find lines with the same content
 * (fill_lines, classify_all): the length and the first and last sixteen
 * bytes (fewer: overlapping 8- or 4-byte loads, or three single bytes),
 * in constant time without a loop.  Equal content is always confirmed
 * by memcmp, so lines that share only their ends cost a compare, not a
 * wrong answer. */
static inline uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t a, b, c = 0, d = 0;
    if (n >= 8) {
        memcpy(&a, p, 8);
        memcpy(&b, p + n - 8, 8);
        if (n >= 16) {
            memcpy(&c, p + 8, 8);
            memcpy(&d, p + n - 16, 8);
        }
    } else if (n >= 4) {
        uint32_t a4, b4;
        memcpy(&a4, p, 4);
        memcpy(&b4, p + n - 4, 4);
        a = a4;
        b = b4;
    } else {
        a = n ? (unsigned char)p[0] | (uint64_t)(unsigned char)p[n / 2] << 8 |
                    (uint64_t)(unsigned char)p[n - 1] << 16
              : 0;
        b = 0;
    }
    uint64_t h = (0x9E3779B97F4A7C15ull ^ (uint64_t)n ^ a) * 0xff51afd7ed558ccdull;
    h = (h ^ (h >> 32) ^ b) * 0xc4ceb9fe1a85ec53ull;
    h = (h ^ (h >> 29) ^ c) * 0xff51afd7ed558ccdull;
    h = (h ^ (h >> 32) ^ d) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* An open-addressing table from a content hash to the first line that
 * had that content. */
typedef struct memo {
    uint32_t tag;   /* high bits of the hash */
    uint32_t line1; /* line index + 1; 0 = empty */
} memo;

/* A zeroed memo table for cand keys, at most half full (*cap a power of
 * two), or NULL on ENOMEM. */
static memo *memo_new(ctx *x, size_t cand, size_t *cap)
{
    size_t c = 16;
    while (c < cand * 2)
        c <<= 1;
    *cap = c;
    return th__arena_calloc(x->scratch, c, sizeof(memo));
}

/* The features of every line (after split_content).  The features are a
 * function of the content bytes alone, and a fifth of the lines repeat
 * an earlier line of their page byte for byte (navigation, names,
 * dates, widgets): those copy the first one's features instead of a
 * second pass over the bytes.  Leaves each line's content hash in x->ch
 * (0 for empty content) for classify_all. */
static int fill_lines(ctx *x)
{
    size_t nl = x->nl, cand = 0;
    x->ch = th__arena_alloc(x->scratch, (nl + 1) * sizeof *x->ch);
    if (!x->ch)
        return -1;
    for (size_t i = 0; i < nl; i++)
        cand += x->L[i].cs < x->L[i].ce;
    size_t cap;
    memo *m = memo_new(x, cand, &cap);
    if (!m)
        return -1;
    const char *s = x->s;
    for (size_t i = 0; i < nl; i++) {
        tl *l = &x->L[i];
        if (l->cs >= l->ce) {
            features(s, x->n, l);
            x->ch[i] = 0;
            continue;
        }
        size_t clen = l->ce - l->cs;
        uint64_t h = hash_bytes(s + l->cs, clen);
        x->ch[i] = h;
        if (i >= UINT32_MAX) {
            features_line(s, x->n, l);
            continue;
        }
        size_t k = (size_t)h & (cap - 1);
        for (;;) {
            if (!m[k].line1) {
                features_line(s, x->n, l);
                m[k].tag = (uint32_t)(h >> 32);
                m[k].line1 = (uint32_t)(i + 1);
                break;
            }
            const tl *o = &x->L[m[k].line1 - 1];
            if (m[k].tag == (uint32_t)(h >> 32) && o->ce - o->cs == clen &&
                memcmp(s + o->cs, s + l->cs, clen) == 0) {
                l->hash = o->hash;
                l->hlen = o->hlen;
                l->nchars = o->nchars;
                l->nwords = o->nwords;
                l->ncap = o->ncap;
                l->cjk = o->cjk;
                l->endp = o->endp;
                l->flags = o->flags;
                break;
            }
            k = (k + 1) & (cap - 1);
        }
    }
    return 0;
}

/* p[0..n) ends in an image file extension (".jpg", ".png", ".gif",
 * ".svg", ".jpeg", ".webp"), after at least one byte of name. */
bool th__text_image_ext(const char *p, size_t n)
{
    if (n < 5)
        return false;
    size_t d = p[n - 4] == '.' ? n - 3 : (n >= 6 && p[n - 5] == '.') ? n - 4 : 0;
    if (!d)
        return false;
    uint32_t e = 0;
    for (size_t k = d; k < n; k++)
        e = (e << 8) | (unsigned char)(p[k] | 0x20);
    return e == 0x6A7067u || e == 0x6A706567u || e == 0x706E67u ||
           e == 0x676966u || e == 0x77656270u || e == 0x737667u;
}

/* True when the short content looks like a person's name or a handle:
 * 1-4 tokens (a trailing parenthesised remark allowed), no sentence
 * punctuation.  *strict: capitalised tokens or handles. */
#ifndef NAME_LOWER
#define NAME_LOWER 1
#endif
/* name_like's ASCII classes: 0 ends the test (punctuation) */
enum { NC_DIGIT = 1, NC_UNDER, NC_LETTER, NC_MARK };
#define NC_AZ(c) [c] = NC_LETTER, [c + 32] = NC_LETTER
static const uint8_t g_namecls[128] = {
    ['0'] = NC_DIGIT, ['1'] = NC_DIGIT, ['2'] = NC_DIGIT, ['3'] = NC_DIGIT,
    ['4'] = NC_DIGIT, ['5'] = NC_DIGIT, ['6'] = NC_DIGIT, ['7'] = NC_DIGIT,
    ['8'] = NC_DIGIT, ['9'] = NC_DIGIT, ['_'] = NC_UNDER, ['@'] = NC_UNDER,
    ['.'] = NC_MARK, ['-'] = NC_MARK, ['\''] = NC_MARK,
    NC_AZ('A'), NC_AZ('B'), NC_AZ('C'), NC_AZ('D'), NC_AZ('E'), NC_AZ('F'),
    NC_AZ('G'), NC_AZ('H'), NC_AZ('I'), NC_AZ('J'), NC_AZ('K'), NC_AZ('L'),
    NC_AZ('M'), NC_AZ('N'), NC_AZ('O'), NC_AZ('P'), NC_AZ('Q'), NC_AZ('R'),
    NC_AZ('S'), NC_AZ('T'), NC_AZ('U'), NC_AZ('V'), NC_AZ('W'), NC_AZ('X'),
    NC_AZ('Y'), NC_AZ('Z')};

static bool name_like(const char *s, size_t b, size_t e, bool *strict)
{
    *strict = false;
    if (e - b > 64 || e == b)
        return false;
    /* Drop a trailing "(...)" remark. */
    if (s[e - 1] == ')') {
        size_t j = e - 1;
        while (j > b && s[j] != '(')
            j--;
        if (j > b) {
            e = j;
            while (e > b && s[e - 1] == ' ')
                e--;
        }
    }
    if (e == b)
        return false;
    /* an image file name ("IMG_8299.jpeg") is not a person */
    if (th__text_image_ext(s + b, e - b))
        return false;
    int tokens = 0, caps = 0, handles = 0, lowers = 0, longlow = 0;
#ifdef __SSE2__
    {
        /* An ASCII span (most calls; at most 64 bytes here): the byte
         * classes as 64-bit masks and the tokens taken from the space
         * mask, the same tests per token as the byte loop below without
         * a branch per byte. */
        size_t L = e - b;
        unsigned char buf[64] = {0};
        memcpy(buf, s + b, L);
        uint64_t hi = 0, sp = 0, dg = 0, un = 0, le = 0, mk = 0, up = 0;
        for (unsigned q = 0; q < (L + 15) / 16; q++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(buf + 16 * q));
#define NC_SET(c) _mm_set1_epi8((char)(c))
#define NC_MASK(x) ((uint64_t)(unsigned)_mm_movemask_epi8(x) << (16 * q))
            __m128i let = _mm_cmplt_epi8(
                _mm_add_epi8(_mm_or_si128(v, NC_SET(0x20)), NC_SET(0x80 - 'a')),
                NC_SET(-128 + 26));
            hi |= NC_MASK(v);
            sp |= NC_MASK(_mm_cmpeq_epi8(v, NC_SET(' ')));
            dg |= NC_MASK(_mm_cmplt_epi8(_mm_add_epi8(v, NC_SET(0x80 - '0')),
                                         NC_SET(-128 + 10)));
            un |= NC_MASK(_mm_or_si128(_mm_cmpeq_epi8(v, NC_SET('_')),
                                       _mm_cmpeq_epi8(v, NC_SET('@'))));
            le |= NC_MASK(let);
            mk |= NC_MASK(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, NC_SET('.')),
                                                    _mm_cmpeq_epi8(v, NC_SET('-'))),
                                       _mm_cmpeq_epi8(v, NC_SET('\''))));
            up |= NC_MASK(_mm_and_si128(let, _mm_cmplt_epi8(v, NC_SET('Z' + 1))));
#undef NC_SET
#undef NC_MASK
        }
        uint64_t valid = L >= 64 ? ~0ull : (1ull << L) - 1u;
        if (!(hi & valid)) {
            /* a byte of no class (, ; : ! ? " tab ...) */
            if (valid & ~(sp | dg | un | le | mk))
                return false;
            uint64_t ns = valid & ~sp;
            for (uint64_t st_m = ns & ~(ns << 1); st_m; st_m &= st_m - 1) {
                unsigned st = (unsigned)__builtin_ctzll(st_m);
                uint64_t rest = ~(ns >> st);
                unsigned len = rest ? (unsigned)__builtin_ctzll(rest) : 64u - st;
                uint64_t tm = (len >= 64 ? ~0ull : (1ull << len) - 1u) << st;
                bool digit = (dg & tm) != 0, under = (un & tm) != 0,
                     letters = (le & tm) != 0;
                tokens++;
                if (tokens > 4 || (!letters && !(digit && under) && !(digit && tokens > 1)))
                    return false;
                if (digit || under)
                    handles++;
                else if ((up >> st) & 1)
                    caps++;
                else {
                    lowers++;
                    if (len > 3 && tokens > 1 && caps)
                        longlow++;
                }
            }
            goto tokens_done;
        }
    }
#endif
    size_t i = b;
    while (i < e) {
        while (i < e && s[i] == ' ')
            i++;
        if (i >= e)
            break;
        size_t ts = i;
        bool digit = false, under = false, letters = false;
        uint32_t cp0 = 0;
        while (i < e && s[i] != ' ') {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) {
                /* ASCII: the same tests as below on the byte, by table */
                if (i == ts)
                    cp0 = c;
                unsigned k = g_namecls[c];
                if (!k)
                    return false; /* , ; : ! ? " etc. */
                digit |= k == NC_DIGIT;
                under |= k == NC_UNDER;
                letters |= k == NC_LETTER;
                i++;
                continue;
            }
            uint32_t cp;
            size_t k = dec(s, e, i, &cp);
            if (i == ts)
                cp0 = cp;
            if (cp >= '0' && cp <= '9')
                digit = true;
            else if (cp == '_' || cp == '@')
                under = true;
            else if (letter_cp(cp))
                letters = true;
            else if (cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019)
                ;
            else
                return false; /* , ; : ! ? " etc. */
            i += k;
        }
        tokens++;
        if (tokens > 4 || (!letters && !(digit && under) && !(digit && tokens > 1)))
            return false;
        if (digit || under)
            handles++;
        else if (upper_cp(cp0))
            caps++;
        else {
            lowers++;
            /* a lowercase word longer than a particle ("de", "van",
             * "von", "bin", "del") */
            if (i - ts > 3 && tokens > 1 && caps)
                longlow++;
        }
        (void)ts;
    }
#ifdef __SSE2__
tokens_done:
#endif
    (void)lowers;
    if (tokens < 1 || tokens > 4)
        return false;
    /* "New process", "Changing a newsroom culture": a heading in
     * sentence case; a capitalised name has no lowercase word after its
     * first but particles ("de", "van", "von", "bin"); all-lowercase
     * names are handles ("good american", "jsmith") */
    if (NAME_LOWER && tokens >= 2 && longlow)
        return false;
    if (s[e - 1] == '.' && tokens > 1 && e - b > 3 && s[e - 3] != ' ')
        return false; /* "Thanks." */
    *strict = (caps + handles == tokens) || (tokens >= 2 && caps >= tokens - 1 && caps >= 1);
    return true;
}

/* First- and second-person pronouns outside quotations, in the first
 * kilobyte of the line. */
static void persons(const char *s, tl *l)
{
    size_t n = l->ce - l->cs;
    int f = 0, sc = 0;
    th__tx_persons(s + l->cs, n < 1024 ? n : 1024, &f, &sc);
    l->first = (uint8_t)(f > 9 ? 9 : f);
    l->second = (uint8_t)(sc > 9 ? 9 : sc);
}

/* The context-free class of a non-blank line: kind and the F_CLASS
 * flags, first/second-person counts.  Short lines are normalised once and
 * split into words; every word-list test is a hash-table walk over those
 * words (text_lex.h). */
#define F_CLASS (F_OPENER | F_URL | F_SIGN | F_NAMEISH | F_NAMESTR | F_HEADING | \
                 F_RELLINE | F_CREDIT | F_NAMEDATE)
/* A caption ending with its credit: "... Photograph: Jane Doe for the
 * paper", "... Credit: Agency", "... Foto: Name" -- a caption word and a
 * colon in the last 60 bytes. */
static bool tail_credit(const char *p, size_t n)
{
    size_t lo = n > 60 ? n - 60 : 0;
    if (!memchr(p + lo, ':', n - lo))
        return false;
    for (size_t i = n; i-- > lo;) {
        if (p[i] != ':')
            continue;
        size_t b = i;
        while (b > lo && b > 0 && p[b - 1] != ' ' && p[b - 1] != '(')
            b--;
        size_t wl = i - b;
        if (wl < 4 || wl > 12 || b == 0)
            continue;
        char w[13];
        for (size_t k = 0; k < wl; k++)
            w[k] = (char)((p[b + k] >= 'A' && p[b + k] <= 'Z') ? p[b + k] + 32 : p[b + k]);
        if (th__tx_lookup(w, wl) & TXM(TX_CAP_PRE))
            return true;
    }
    return false;
}

/* "Read also ..." / "Auch interessant…": a heading that trails off
 * ends in an ellipsis, which is no sentence end. */
static bool ends_ellipsis(const char *p, size_t n)
{
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    return (n >= 3 && memcmp(p + n - 3, "\xE2\x80\xA6", 3) == 0) ||
           (n >= 3 && memcmp(p + n - 3, "...", 3) == 0);
}

/* A headline printed whole and cut short ("Headline of the story" next
 * to "Headline of the st..."): line i ends in an ellipsis and what comes
 * before it (8+ bytes) opens a longer line at most two non-blank lines
 * away.  Both are marked near repeats (teaser lists print a story's
 * headline twice, once truncated). */
static void truncated_repeat(ctx *x, size_t i)
{
    tl *l = &x->L[i];
    const char *p = x->s + l->cs;
    size_t n = l->ce - l->cs;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    if (n >= 3 && (memcmp(p + n - 3, "...", 3) == 0 ||
                   memcmp(p + n - 3, "\xE2\x80\xA6", 3) == 0))
        n -= 3;
    else
        return;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '.'))
        n--;
    if (n < 8)
        return;
    /* the two non-blank lines before and the two after */
    size_t cand[4];
    int nc = 0;
    for (size_t k = i, seen = 0; k > 0 && seen < 2;)
        if (x->L[--k].kind != K_BLANK)
            cand[nc++] = k, seen++;
    for (size_t k = i + 1, seen = 0; k < x->nl && seen < 2; k++)
        if (x->L[k].kind != K_BLANK)
            cand[nc++] = k, seen++;
    for (int c = 0; c < nc; c++) {
        tl *o = &x->L[cand[c]];
        if (o->ce - o->cs > n + 1 && memcmp(x->s + o->cs, p, n) == 0) {
            l->flags |= F_NEAR;
            o->flags |= F_NEAR;
            return;
        }
    }
}

/* The line ends in an ellipsis, or in one and a bracketed placeholder. */
#ifndef CUT_ON
#define CUT_ON 1
#endif
#ifndef CUT_B
#define CUT_B (-0.3f)
#endif
#ifndef CUT_LEN
#define CUT_LEN 100
#endif
#ifndef CUT_LINK
#define CUT_LINK 1
#endif
static bool cut_short(const char *p, size_t n)
{
    while (n && p[n - 1] == ' ')
        n--;
    if (n && p[n - 1] == ']') {
        size_t k = n - 1;
        while (k > 0 && p[k] != '[' && p[k] != ' ')
            k--;
        if (p[k] == '[')
            n = k;
        while (n && p[n - 1] == ' ')
            n--;
    }
    if (ends_ellipsis(p, n))
        return true;
    if (!CUT_LINK)
        return false;
    /* a summary cut off and followed by its link ("... sounds,… Read
     * more"): an ellipsis then at most three words, no sentence end */
    size_t k = n, words = 0;
    bool in = false;
    while (k > 0 && words <= 3) {
        char c = p[k - 1];
        if (c == '.' || c == '!' || c == '?') {
            if (k >= 3 && (memcmp(p + k - 3, "...", 3) == 0))
                return words >= 1 && k > 3;
            return false;
        }
        if (k >= 3 && (unsigned char)c == 0xA6 && memcmp(p + k - 3, "\xE2\x80\xA6", 3) == 0)
            return words >= 1 && k > 3;
        bool sp = c == ' ';
        if (!sp && !in)
            words++;
        in = !sp;
        k--;
    }
    return false;
}

/* Word w of a scanned line is a number or a date/time word. */
static bool date_word(th_tx_line *t, int w)
{
    const char *p = t->s + t->ws[w];
    if (*p >= '0' && *p <= '9')
        return true;
    return th__tx_word_lists(t, w) & (TXM(TX_DATEW) | TXM(TX_TIMEW) | TXM(TX_DATEFILL));
}

/* Where the name starts after the last " by " (von, par, por, di,
 * przez, door) in the line's last 48 bytes, or 0.  One pass over the
 * spaces, the words told apart by their first letter. */
static size_t by_name_at(const char *p, size_t n)
{
    size_t best = 0;
    for (size_t i = n > 48 ? n - 48 : 0; i + 4 < n; i++) {
        if (p[i] != ' ')
            continue;
        const char *w = p + i + 1;
        size_t left = n - i - 1, m = 0;
        switch (w[0]) {
        case 'b': m = left > 3 && w[1] == 'y' && w[2] == ' ' ? 3 : 0; break;
        case 'v': m = left > 4 && !memcmp(w, "von ", 4) ? 4 : 0; break;
        case 'd':
            m = left > 3 && !memcmp(w, "di ", 3)     ? 3
                : left > 5 && !memcmp(w, "door ", 5) ? 5
                                                     : 0;
            break;
        case 'p':
            m = left > 4 && (!memcmp(w, "par ", 4) || !memcmp(w, "por ", 4))
                    ? 4
                : left > 6 && !memcmp(w, "przez ", 6) ? 6
                                                      : 0;
            break;
        default: break;
        }
        if (m)
            best = i + 1 + m;
    }
    return best;
}

/* A dated line signed at its end: a date word among its first words,
 * then a byline word and a name to the end of the line ("Posted on
 * 2 November 2023 by Morag Lindsay"). */
static bool byline_tail(const char *s, const tl *l, th_tx_line *t)
{
    bool dated = false;
    for (int w = 0; w < t->nw - 2 && !dated; w++)
        dated = date_word(t, w);
    if (!dated)
        return false;
    size_t at = by_name_at(s + l->cs, l->ce - l->cs);
    bool strict;
    return at && name_like(s, l->cs + at, l->ce, &strict) && strict;
}

/* The first separator between a name and a date in a signature line:
 * a middle dot, " | ", a spaced dash, ", ".  *sep is where the name
 * ends, *after where the date begins. */
static bool name_date_sep(const char *p, size_t n, size_t *sep, size_t *after)
{
    for (size_t i = 1; i + 2 < n; i++) {
        size_t k = 0;
        if ((unsigned char)p[i] == 0xC2 && (unsigned char)p[i + 1] == 0xB7)
            k = 2;
        else if (p[i] == ' ' && (p[i + 1] == '|' || p[i + 1] == '-') && p[i + 2] == ' ')
            k = 3;
        else if (p[i] == ' ' && i + 4 < n && (unsigned char)p[i + 1] == 0xE2 &&
                 (unsigned char)p[i + 2] == 0x80 &&
                 ((unsigned char)p[i + 3] == 0x93 || (unsigned char)p[i + 3] == 0x94) &&
                 p[i + 4] == ' ')
            k = 5;
        else if (p[i] == ',' && p[i + 1] == ' ')
            k = 2;
        if (!k)
            continue;
        size_t e = i;
        while (e > 0 && p[e - 1] == ' ')
            e--;
        size_t a = i + k;
        while (a < n && p[a] == ' ')
            a++;
        if (e == 0 || a >= n)
            return false;
        *sep = e;
        *after = a;
        return true;
    }
    return false;
}

#ifndef RELTAIL
#define RELTAIL 1
#endif
#ifndef NAMEDATE_ON
#define NAMEDATE_ON 1
#endif
/* A picture's file name on a line of its own ("performance.jpg",
 * "[Breitbart-LOGO.jpg]"): text browsers print it for an image without
 * alt text. */
static bool image_name(const char *p, size_t n);

/* Bytes of p[0..n) inside TeX groups "{\command ...}" (balanced braces):
 * the alt text of a formula image printed next to the formula. */
static size_t tex_bytes(const char *p, size_t n)
{
    size_t in = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        const char *q = memchr(p + i, '{', n - 1 - i);
        if (!q)
            break;
        i = (size_t)(q - p);
        if (p[i + 1] != '\\')
            continue;
        size_t j = i;
        int depth = 0;
        for (; j < n; j++) {
            if (p[j] == '{')
                depth++;
            else if (p[j] == '}' && --depth == 0)
                break;
        }
        in += (j < n ? j + 1 : n) - i;
        i = j;
    }
    return in;
}

/* A line of image placeholders only: "[a.png?q=20] [a.png]" (lynx prints
 * an image without alt text as its file name, a query string kept). */
static bool image_tokens(const char *p, size_t n)
{
    size_t i = 0;
    int tokens = 0;
    while (i < n) {
        while (i < n && p[i] == ' ')
            i++;
        if (i >= n)
            break;
        if (p[i] != '[')
            return false;
        size_t b = i;
        while (i < n && p[i] != ']' && p[i] != ' ')
            i++;
        if (i >= n || p[i] != ']')
            return false;
        /* the name without its query string */
        size_t e = b + 1;
        while (e < i && p[e] != '?')
            e++;
        if (!th__text_image_ext(p + b + 1, e - b - 1))
            return false;
        tokens++;
        i++;
    }
    return tokens > 0;
}

/* A line that is one bracketed word and nothing else: "[hero-image]",
 * "[18l0k4fog1]", "[...]".  w3m prints an image as its alt text or, with
 * none, as its file name cut to ten characters, in brackets; a form
 * button as "[SUBMIT]".  A word of ASCII letters, digits, '-', '_' and
 * '.', not digits only (lynx link numbers, footnote marks). */
#ifndef PH_MAX
#define PH_MAX 42
#endif
static bool placeholder(const char *p, size_t n)
{
    if (n < 3 || n > PH_MAX || p[0] != '[' || p[n - 1] != ']')
        return false;
    bool nondigit = false;
    for (size_t i = 1; i + 1 < n; i++) {
        unsigned char c = (unsigned char)p[i];
        bool al = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '-' ||
                  c == '_' || c == '.';
        if (!al && !(c >= '0' && c <= '9'))
            return false;
        nondigit |= al;
    }
    return nondigit;
}

static bool image_name(const char *p, size_t n)
{
    if (n && p[n - 1] == ']' && p[0] == '[')
        p++, n -= 2;
    if (n < 5 || n > 120)
        return false;
    return th__text_image_ext(p, n) && memchr(p, ' ', n) == NULL;
}

/* A line of HTML markup ("<img src=... >", "<div style=...>"): it opens
 * with a tag and at most a fifth of it lies outside tags.  Renderers
 * print such text from <noscript> and escaped ad code. */
static bool markup_line(const char *p, size_t n)
{
    if (n < 4 || p[0] != '<' ||
        !(((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z') || p[1] == '!' || p[1] == '/'))
        return false;
    size_t out = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '<')
            in = true;
        else if (p[i] == '>')
            in = false;
        else if (!in && p[i] != ' ')
            out++;
    }
    if (out * 5 > n)
        return false;
    /* lynx's MathML ("[MATH: <mi> x </mi> ... :MATH]") wrapped onto
     * this line is a formula, not page markup */
    for (const char *q = p; (q = memchr(q, ':', n - (size_t)(q - p))) != NULL; q++)
        if (n - (size_t)(q - p) >= 6 && memcmp(q, ":MATH]", 6) == 0)
            return false;
    return true;
}

/* A markup line on its own (not in a listing of markup lines: code
 * examples) is no text. */
static inline bool markup_at(const ctx *x, const tl *l)
{
    return l->ce > l->cs && x->s[l->cs] == '<' && markup_line(x->s + l->cs, l->ce - l->cs);
}

static void lone_markup(ctx *x)
{
    size_t n = x->nl;
    bool prev_mk = false;
    for (size_t i = 0; i < n; i++) {
        tl *l = &x->L[i];
        if (l->kind == K_BLANK)
            continue;
        bool mk = markup_at(x, l);
        if (mk && !prev_mk) {
            long j = next_nonblank(x, i + 1, n);
            if (j < 0 || !markup_at(x, &x->L[j]))
                l->kind = K_SYMBOL;
        }
        prev_mk = mk;
    }
}

static inline uint32_t first_cp(const char *p, size_t n)
{
    uint32_t cp = 0;
    if (n)
        dec(p, n, 0, &cp);
    return cp;
}

#ifndef CJK_ITEM
#define CJK_ITEM 1
#endif
static void classify(ctx *x, tl *l)
{
    const char *s = x->s;
    size_t clen = l->ce - l->cs;
    /* lynx prints <ins> elements (ad slots, sponsored link widgets) as
     * "[INS: ... :INS]": such a line is no article text */
    if (clen >= 5 && s[l->cs] == '[' && memcmp(s + l->cs, "[INS:", 5) == 0) {
        l->kind = K_NAV;
        return;
    }
    /* and an <iframe> as "IFRAME: name-or-address" */
    if (clen >= 7 && s[l->cs] == 'I' && memcmp(s + l->cs, "IFRAME:", 7) == 0) {
        l->kind = K_NAV;
        return;
    }
    /* a formula: a TeX group makes up much of the line */
    if (clen >= 12) {
        const char *br = memchr(s + l->cs, '{', clen);
        if (br && (size_t)(br - (s + l->cs)) + 1 < clen && br[1] == '\\' &&
            3 * tex_bytes(s + l->cs, clen) >= clen) {
            l->kind = K_SYMBOL;
            return;
        }
    }
    if (image_name(s + l->cs, clen) ||
        (clen >= 7 && s[l->cs] == '[' && image_tokens(s + l->cs, clen)) ||
        (clen >= 3 && s[l->cs] == '[' && placeholder(s + l->cs, clen))) {
        l->kind = K_SYMBOL;
        return;
    }
    if (clen <= TH_TX_NORM_MAX) {
        char norm[TH_TX_NORM_MAX + 1];
        th_tx_line t;
        th__tx_scan(&t, s + l->cs, clen, norm);
        size_t n = t.n;
        uint8_t st[TX_NLISTS];
        uint32_t sm = th__tx_match(&t, 0, t.nw,
                                   TXM(TX_OPENER) | TXM(TX_CAP_PRE) |
                                       TXM(TX_RELATED) | TXM(TX_ABOUT) |
                                       TXM(TX_BYLINE),
                                   st);
#define STARTS(id) ((sm & TXM(id)) ? th__tx_bytes(&t, 0, st[id]) : 0)
        if (sm & TXM(TX_OPENER))
            l->flags |= F_OPENER;
        /* an address: a word starting "http" or the word "www" (the
         * normalised line has "://" and dots as spaces) */
        if (t.url) /* found by the scan, word by word */
            l->flags |= F_URL;
        bool shortl = l->nwords <= 12 && clen <= 120;
        int ch = shortl ? th__tx_is_chead(&t) : 0;
        /* the counted form ("There are 12 comments") opens with a word,
         * not a form control's "(BUTTON)" or "[link]" */
        if (ch == 1 || (ch == 2 && letter_cp(first_cp(s + l->cs, clen)))) {
            l->kind = K_CHEAD;
            return;
        }
        if (shortl) {
            int w = th__tx_all2(&t, TX_WIDGET, TX_FURN);
            if (w > 0) {
                l->kind = K_WIDGET;
                return;
            }
            if (w == 0 && n) {
                l->kind = K_NAV;
                return;
            }
        }
        if (l->hlen && shortl) {
            /* numbers and currency only ("2,500 $") */
            bool letters = false;
            for (size_t i = 0; i < n; i++)
                if (!(norm[i] >= '0' && norm[i] <= '9') && norm[i] != ' ') {
                    letters = true;
                    break;
                }
            if (!letters) {
                l->kind = K_NUMERIC;
                return;
            }
        }
        if (shortl && l->endp != E_SENT && th__tx_is_date(&t)) {
            l->kind = K_DATE;
            return;
        }
        unsigned sub = l->nwords <= 40
                           ? th__tx_contains(&t, l->nwords <= 14
                                                     ? TX_SUB_FURN | TX_SUB_CAP
                                                     : TX_SUB_FURN)
                           : 0;
        if (l->nwords <= 14 &&
            ((sub & TX_SUB_CAP) ||
             (STARTS(TX_CAP_PRE) && memchr(s + l->cs, ':', clen < 16 ? clen : 16)))) {
            l->kind = K_CAPTION;
            return;
        }
        if (shortl && (l->endp != E_SENT || ends_ellipsis(s + l->cs, clen)) &&
            n <= 60 && STARTS(TX_RELATED) &&
            (l->endp == E_COLON || STARTS(TX_RELATED) + 4 >= n ||
             (RELTAIL && st[TX_RELATED] >= 2 && t.nw <= st[TX_RELATED] + 4))) {
            l->kind = K_RELHEAD;
            return;
        }
        /* "More Great Stories", "Weitere Artikel": a short heading
         * opening with "more" and ending with "stories" */
        if (shortl && t.nw >= 2 && t.nw <= 5 && l->endp != E_SENT &&
            (th__tx_word_lists(&t, 0) & TXM(TX_MOREHEAD)) &&
            (th__tx_word_lists(&t, t.nw - 1) & TXM(TX_MORETAIL))) {
            l->kind = K_RELHEAD;
            return;
        }
        if (sub & TX_SUB_FURN) {
            l->kind = K_FURN;
            return;
        }
        if (l->nwords <= 10 && l->endp != E_SENT && STARTS(TX_ABOUT) &&
            l->bullet == B_NONE) {
            l->kind = K_ABOUT;
            return;
        }
        if (l->nwords >= 2 && l->nwords <= 9 && clen <= 90 &&
            l->endp != E_SENT) {
            size_t m = STARTS(TX_BYLINE);
            if (m && m < n) {
                bool stn;
                const char *p = s + l->cs;
                /* the rest after the prefix should start with a capital */
                size_t skip = 0, words = 0;
                while (skip < clen && words < 1) {
                    if (p[skip] == ' ' || p[skip] == ':')
                        words++;
                    skip++;
                }
                while (skip < clen && (p[skip] == ' ' || p[skip] == ':'))
                    skip++;
                uint32_t cp = 0;
                if (skip < clen)
                    dec(p, clen, skip, &cp);
                if (upper_cp(cp) || (name_like(p, skip, clen, &stn) && stn)) {
                    l->kind = K_BYLINE;
                    return;
                }
            }
        }
        /* "Posted on 2 November 2023 by Name", "12.03.2024 von Name": a
         * date, then a byline word and a name ending the line */
        if (l->nwords >= 4 && l->nwords <= 14 && clen <= 110 &&
            l->endp != E_SENT && t.nw >= 4 && byline_tail(s, l, &t)) {
            l->kind = K_BYLINE;
            return;
        }
        /* "Name · March 10, 2017 at 3:19 am": a name, a separator and a
         * date on one line sign what follows */
        if (NAMEDATE_ON && l->nwords >= 3 && l->nwords <= 16 && clen <= 120 &&
            l->endp != E_SENT && t.nw >= 3 && date_word(&t, t.nw - 1)) {
            size_t sep, after;
            bool stn;
            if (name_date_sep(s + l->cs, clen, &sep, &after) &&
                name_like(s, l->cs, l->cs + sep, &stn)) {
                th_tx_line t2;
                char norm2[TH_TX_NORM_MAX + 1];
                th__tx_scan(&t2, s + l->cs + after, clen - after, norm2);
                if (th__tx_is_date(&t2)) {
                    l->flags |= F_NAMEISH | F_NAMESTR | F_NAMEDATE;
                    l->kind = K_TEXT;
                    return;
                }
            }
        }
        /* "Read also: headline": a related phrase and a colon opening
         * a line of link text */
        if (STARTS(TX_RELATED) && l->nwords <= 30) {
            const char *p = s + l->cs;
            const char *colon = memchr(p, ':', clen < 48 ? clen : 48);
            if (colon) {
                int words = 0;
                bool in = false;
                for (const char *q = p; q < colon; q++) {
                    bool sp = *q == ' ' || *q == '\t';
                    if (!sp && !in)
                        words++;
                    in = !sp;
                }
                if ((words == st[TX_RELATED] || words == st[TX_RELATED] + 1) &&
                    (size_t)(colon - p) + 8 < clen)
                    l->flags |= F_RELLINE;
            }
        }
#undef STARTS
        /* a picture credit ("© Agency / Name") or a line of " | "
         * separated items (dates, rubrics, links) */
        if (l->nwords <= 40 &&
            (t.copy || /* "\xC2\xA9" in the raw line, noted by the scan */
             (l->endp != E_SENT && t.pipe && pipe_sep(s + l->cs, clen)) ||
             tail_credit(s + l->cs, clen)))
            l->flags |= F_CREDIT;
        bool strict;
        if (l->nwords <= 6 && clen <= 64) {
            /* "Name says:" */
            if (l->endp == E_COLON && th__tx_ends(&t, TX_SIGN)) {
                l->flags |= F_SIGN | F_NAMEISH | F_NAMESTR;
            } else if (l->endp != E_SENT && l->endp != E_COLON && t.nw &&
                       !(th__tx_word_lists(&t, 0) & TXM(TX_FUNC)) &&
                       name_like(s, l->cs, l->ce, &strict)) {
                l->flags |= F_NAMEISH;
                if (strict)
                    l->flags |= F_NAMESTR;
            }
        }
        int f = 0, sc = 0;
        th__tx_line_persons(&t, &f, &sc);
        l->first = (uint8_t)(f > 9 ? 9 : f);
        l->second = (uint8_t)(sc > 9 ? 9 : sc);
    } else {
        if (find4(s + l->cs, 200, "http"))
            l->flags |= F_URL;
        persons(s, l);
    }
    /* a list item of ideographs without a sentence end is a headline
     * ("two ideographs make a word" makes it look like seven words) */
    if ((l->nwords >= 7 || (l->nwords >= 4 && l->endp == E_SENT && l->nchars >= 30)) &&
        !(CJK_ITEM && l->cjk && l->bullet && l->endp != E_SENT))
        l->kind = K_PROSE;
    else
        l->kind = K_TEXT;
    if (l->endp != E_SENT && l->nwords <= 20 && l->nchars <= 200)
        l->flags |= F_HEADING;
}

/* Classifies every line.  Identical short lines (navigation, widgets,
 * repeated names and dates) are classified once: a hash table in the
 * scratch arena maps the content bytes (and bullet) to the first line
 * that had them, whose class is copied. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int classify_all(ctx *x)
{
    size_t cand = 0;
    for (size_t i = 0; i < x->nl; i++) {
        tl *l = &x->L[i];
        if (l->cs < l->ce && l->hlen && l->ce - l->cs <= TH_TX_NORM_MAX)
            cand++;
    }
    size_t cap;
    memo *m = memo_new(x, cand, &cap);
    if (!m)
        return -1;
    for (size_t i = 0; i < x->nl; i++) {
        tl *l = &x->L[i];
        if (l->cs >= l->ce) {
            l->kind = l->bullet ? K_SYMBOL : K_BLANK;
            continue;
        }
        if (l->hlen == 0) {
            l->kind = K_SYMBOL;
            continue;
        }
        size_t clen = l->ce - l->cs;
        if (clen > TH_TX_NORM_MAX || i >= UINT32_MAX) {
            classify(x, l);
            continue;
        }
        /* the content hash of the feature pass (fill_lines) */
        uint64_t h = x->ch[i] ^ l->bullet;
        size_t k = (size_t)h & (cap - 1);
        for (;;) {
            if (!m[k].line1) {
                classify(x, l);
                m[k].tag = (uint32_t)(h >> 32);
                m[k].line1 = (uint32_t)(i + 1);
                break;
            }
            const tl *o = &x->L[m[k].line1 - 1];
            if (m[k].tag == (uint32_t)(h >> 32) && o->ce - o->cs == clen && o->bullet == l->bullet &&
                memcmp(x->s + o->cs, x->s + l->cs, clen) == 0) {
                l->kind = o->kind;
                l->flags = (uint16_t)((l->flags & ~F_CLASS) | (o->flags & F_CLASS));
                l->first = o->first;
                l->second = o->second;
                break;
            }
            k = (k + 1) & (cap - 1);
        }
    }
    return 0;
}

#ifndef SHORT_SENT
#define SHORT_SENT 60.0f
#endif
#ifndef SHORT_BONUS
#define SHORT_BONUS 0.0f
#endif
/* Body evidence and comment evidence of one line (context-free part). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
#ifndef HEADLINE_ON
#define HEADLINE_ON 1
#endif
#ifndef HEADLINE_B
#define HEADLINE_B (-0.1f)
#endif
/* Three spaces in a row: table columns printed side by side. */
static bool col_gap(const char *p, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if (p[i] == ' ' && p[i + 1] == ' ' && p[i + 2] == ' ')
            return true;
    return false;
}

static void score_line(const char *s, tl *l)
{
    float b = 0, c = 0;
    switch (l->kind) {
    case K_PROSE: {
        float len = (float)l->nchars;
        if (l->endp == E_SENT)
            b = (len < SHORT_SENT ? SHORT_BONUS : 1.0f) + (len > 300 ? 5.0f : len / 60.0f);
        else if (HEADLINE_ON && l->nwords <= 16 && len <= 110 &&
                 l->ncap * 4 >= l->nwords * 3 && !col_gap(s + l->cs, l->ce - l->cs))
            b = HEADLINE_B; /* a title-case headline, not a paragraph (a
                             * table row's columns are no headline) */
        else
            b = 0.3f + (len > 360 ? 3.0f : len / 120.0f);
        if (l->bullet == B_SYM && l->nchars < 80)
            b -= 1.0f;
        if (l->flags & F_URL && l->nwords < 12)
            b -= 1.0f;
        c = 0;
        if (l->first)
            c += 0.3f;
        if (l->second)
            c += 0.5f;
        if (l->flags & F_LOWER)
            c += 0.4f;
        if (l->flags & F_QUEST)
            c += 0.3f;
        if (l->blank_before >= 2 && l->endp == E_SENT && !(l->flags & F_REPEAT))
            c += 0.6f;
        break;
    }
    case K_TEXT:
        b = l->endp == E_SENT ? 0.1f : -0.35f;
        if (l->endp == E_COLON && l->nwords >= 3)
            b = 0.3f; /* "Photos of the road:" introduces media */
        if (l->bullet == B_SYM)
            b -= 0.6f;
        if (l->flags & F_LOWER)
            c += 0.1f;
        if (l->endp == E_SENT && (l->first || l->second))
            c += 0.6f;
        break;
    case K_NAV: b = -1.5f; c = -0.3f; break;
    case K_FURN: b = -2.5f; c = -1.5f; break;
    case K_WIDGET: b = -2.0f; c = 2.5f; break;
    case K_CHEAD: b = -3.0f; c = 8.0f; break;
    case K_DATE: b = -0.3f; c = 0.3f; break;
    case K_CAPTION: b = -0.2f; break;
    case K_RELHEAD: b = -2.0f; c = -1.0f; break;
    case K_ABOUT: b = -1.0f; c = -0.5f; break;
    case K_BYLINE: b = 0.0f; break;
    case K_NUMERIC: b = -1.0f; break;
    case K_SYMBOL: b = -0.5f; break;
    default: break;
    }
    if (l->flags & F_REPEAT && l->kind != K_PROSE)
        b -= 0.5f;
    if ((l->kind == K_PROSE || l->kind == K_TEXT) && l->nwords >= 3) {
        /* a headline twice in a row (teaser), a credit, a "Read also:"
         * link: not article text */
        if ((l->flags & (F_NEAR | F_CREDIT)) && b > -0.5f)
            b = -0.5f;
        if (l->flags & F_RELLINE) {
            b = -1.0f;
            c = -0.5f;
        }
    }
    /* a short line cut off with an ellipsis (a picture's placeholder may
     * follow: "34 raisons de ne jamais aller… [34-raisons]") is a
     * teaser's headline or summary; inside an article it stays */
    if (CUT_ON && (l->kind == K_PROSE || l->kind == K_TEXT) && l->nchars <= CUT_LEN &&
        l->nwords >= 3 && b > CUT_B && cut_short(s + l->cs, l->ce - l->cs))
        b = CUT_B;
    l->b = b;
    l->c = c;
}

/* ----------------------------------------------------- regions ---- */


#ifndef META_CHEAD
#define META_CHEAD 1
#endif
/* A comment heading that is one item of a bullet list whose item just
 * before it (same indentation) is empty or navigation -- the icons of a
 * share bar, "Share / Tweet / Comments" -- is a link to the comments, not
 * the heading over them. */
static bool chead_in_menu(const ctx *x, size_t i)
{
    const tl *l = &x->L[i];
    for (size_t k = i, seen = 0; k > 0 && seen < 2;) {
        const tl *p = &x->L[--k];
        if (p->kind == K_BLANK) {
            seen++;
            continue;
        }
        return p->bullet && p->indent == l->indent &&
               p->cs == p->ce;
    }
    return false;
}

/* Context evidence: a name line followed by text, dates near names. */
static void context_scores(ctx *x)
{
    for (size_t i = 0; i < x->nl; i++) {
        tl *l = &x->L[i];
        if (l->kind == K_BLANK)
            continue;
        /* "0 Comments" / "12 Comments" under a byline or a date is the
         * article header's comment counter, not the comment section */
        if (l->kind == K_CHEAD && META_CHEAD) {
            size_t k = i;
            if (l->bullet && chead_in_menu(x, i)) {
                l->kind = K_NAV;
                l->b = -1.5f;
                l->c = -0.3f;
                continue;
            }
            for (int seen = 0; k > 0 && seen < 2;) {
                k--;
                if (x->L[k].kind == K_BLANK)
                    continue;
                seen++;
                if (x->L[k].kind == K_BYLINE || x->L[k].kind == K_DATE) {
                    l->kind = K_NAV;
                    l->b = -1.5f;
                    l->c = -0.3f;
                    break;
                }
            }
            continue;
        }
        /* a headline repeated a line or two away is a teaser, whatever
         * date follows it */
        if ((l->flags & F_NAMEISH) && !(l->flags & F_NEAR)) {
            long j = next_nonblank(x, i + 1, i + 4);
            if (j >= 0) {
                tl *n = &x->L[j];
                bool textafter = n->kind == K_PROSE || n->kind == K_DATE ||
                                 (n->kind == K_TEXT && !(n->flags & F_NAMEISH));
                bool deeper = n->indent > l->indent;
                if (textafter && ((l->flags & F_NAMESTR) || l->bullet)) {
                    /* strong: a signature form, a bullet over deeper
                     * text, a date, or the same name signing again */
                    /* (a bullet over deeper short text is a menu) */
                    /* a numbered heading ("1. Introduction", "7. CORS
                     * headers") over its section is no signed comment:
                     * a numbered name has two or more capitalised words */
                    bool section = l->bullet == B_NUM &&
                                   (l->nwords <= 1 || l->ncap < l->nwords);
                    bool strong = (l->flags & F_SIGN) ||
                                  (l->bullet && deeper && n->kind == K_PROSE && !section) ||
                                  n->kind == K_DATE;
                    l->c += strong ? 2.0f : 0.5f;
                    if (strong)
                        l->flags |= F_ANCHOR;
                    l->b -= 0.4f;
                }
                if (n->kind == K_DATE)
                    l->c += 0.8f, n->c += 0.8f;
            }
        }
    }
}

/* Comments follow the article: a name signing the text after it (a
 * byline "Name / date" under the headline) before EARLY_SHARE of the
 * page's prose is the article's own signature, not a comment anchor. */
#ifndef EARLY_SHARE
#define EARLY_SHARE 0.3f
#endif
static void early_names(ctx *x)
{
    float tot = 0, acc = 0;
    for (size_t i = 0; i < x->nl; i++)
        if (x->L[i].b > 0)
            tot += x->L[i].b;
    for (size_t i = 0; i < x->nl && acc < EARLY_SHARE * tot; i++) {
        tl *l = &x->L[i];
        if (l->b > 0)
            acc += l->b;
        if ((l->flags & F_ANCHOR) && l->kind != K_CHEAD && l->kind != K_WIDGET) {
            l->flags &= (uint16_t)~F_ANCHOR;
            l->c -= 1.5f;
        }
    }
}

static float furn_emit(const tl *l)
{
    return l->b > 0 ? -l->b : -0.7f * l->b;
}

/* A figure's lines (a caption, a credit, alt text printed twice) end
 * before a blank-line run that the picture left: such a run is no
 * boundary between article and comments. */
static inline bool after_figure(const tl *p)
{
    return (p->flags & (F_NEAR | F_CREDIT)) || p->kind == K_CAPTION;
}

/* Strong comment-section evidence: a comment heading or widget, a signed
 * name, a sentence after a run of blank lines. */
static bool is_anchor(const ctx *x, size_t i)
{
    const tl *l = &x->L[i];
    return l->kind == K_CHEAD || l->kind == K_WIDGET || (l->flags & F_ANCHOR) ||
           (x->runs && l->kind == K_PROSE && l->endp == E_SENT && l->blank_before >= 2 &&
            i > (size_t)l->blank_before + 1 &&
            x->L[i - l->blank_before - 1].label != 1 &&
            !after_figure(&x->L[i - l->blank_before - 1]));
}

/* Do blank-line runs mark container boundaries on this page?  Dumps that
 * keep runs (crawler text) set article paragraphs one blank line apart
 * and comments two or more; w3m/lynx dumps of sloppy markup also keep
 * runs from empty elements in the middle of an article.  The runs count
 * only when, before the first run between two sentences, the page's
 * sentences were mostly one blank line apart. */
#ifndef RUNS_MIN_SINGLE
#define RUNS_MIN_SINGLE 3
#endif
static bool runs_layout(const ctx *x)
{
    int n0 = 0, n1 = 0;
    bool prev = false;
    for (size_t i = 0; i < x->nl; i++) {
        const tl *l = &x->L[i];
        if (l->kind == K_BLANK)
            continue;
        bool sent = l->kind == K_PROSE && l->endp == E_SENT;
        if (sent && l->blank_before >= 2 && i > l->blank_before)
            return n1 >= RUNS_MIN_SINGLE && 2 * n0 <= n1;
        if (sent && prev) {
            if (l->blank_before == 1)
                n1++;
            else
                n0++;
        }
        prev = sent;
    }
    return false;
}

/* Viterbi over H -> A -> P -> C -> F (each may be empty).  The comment
 * region is split in two states: before and after its first anchor (a
 * comment heading, a comment widget, a signed name); a comment region
 * without an anchor is not allowed, so weak cues alone never open one. */
#define R_C0 R_N
/* the cost of resuming the article after a post-article block; dumps
 * without blank-run structure (w3m/lynx) interrupt articles with more
 * blocks (galleries, teasers, ads), so resuming costs less there */
#ifndef TRESUME
#define TRESUME 6.0f
#endif
#ifndef C0_B
#define C0_B 0.7f
#endif
static int decode_regions(ctx *x)
{
    size_t n = x->nl;
    const int NS = R_N + 1;
    uint8_t *bp = th__arena_alloc(x->scratch, n * (size_t)NS + 1);
    if (!bp)
        return -1;
    const float T_C = 3.0f, T_A = 0.5f, T_RESUME = x->runs ? 7.0f : TRESUME;
    /* Before its first anchor a comment region holds prose at a discount
     * (unmarked first comments); in dumps without blank-run structure
     * that discount is smaller, or article text resumed after a teaser
     * block would rather open a comment region than pay the resume. */
    const float c0b = x->runs ? 0.85f : C0_B;
    float dp[R_N + 1];
    const float NEG = -1e30f;
    for (int r = 0; r < NS; r++)
        dp[r] = NEG;
    dp[R_HEAD] = 0;
    dp[R_ART] = -T_A;
    for (size_t i = 0; i < n; i++) {
        tl *l = &x->L[i];
        float e[R_N + 1];
        bool anchor = false;
        if (l->kind == K_BLANK) {
            for (int r = 0; r < NS; r++)
                e[r] = 0;
        } else {
            anchor = is_anchor(x, i);
            float f = furn_emit(l);
            e[R_HEAD] = f;
            e[R_POST] = f;
            e[R_FOOT] = f;
            e[R_ART] = l->b - (l->c > 0 ? 0.6f * l->c : 0);
            /* Article paragraphs sit one blank line apart; a longer run
             * between two sentences marks a container boundary (a
             * comment) in dumps that keep blank runs. */
            if (x->runs && l->kind == K_PROSE && l->endp == E_SENT &&
                l->blank_before >= 2 && i > l->blank_before) {
                tl *pv = &x->L[i - l->blank_before - 1];
                if (pv->kind == K_PROSE && pv->endp == E_SENT)
                    e[R_ART] -= 3.0f;
            }
            float pc = l->b > 0 ? 0.85f * l->b : 0.4f * l->b;
            e[R_CMT] = pc + l->c;
            e[R_C0] = (l->b > 0 ? c0b * l->b : 0.4f * l->b) + l->c;
            if (i < x->cmt_floor)
                e[R_CMT] = e[R_C0] = -1e6f;
        }
        float nd[R_N + 1];
        uint8_t *b = bp + i * (size_t)NS;
#define TRY(to, from, cost)                                                 \
    do {                                                                    \
        if (dp[from] > NEG / 2 && dp[from] - (cost) > nd[to]) {             \
            nd[to] = dp[from] - (cost);                                     \
            b[to] = (uint8_t)(from);                                        \
        }                                                                   \
    } while (0)
        for (int r = 0; r < NS; r++) {
            nd[r] = dp[r];
            b[r] = (uint8_t)r;
        }
        TRY(R_ART, R_HEAD, T_A);
        TRY(R_POST, R_ART, 0);
        /* the article resumes after a teaser, gallery or nav block */
        TRY(R_ART, R_POST, T_RESUME);
        /* entering the comment region: straight into C1 at an anchor,
         * else into C0 */
        if (anchor) {
            TRY(R_CMT, R_ART, T_C);
            TRY(R_CMT, R_POST, T_C);
            TRY(R_CMT, R_C0, 0);
            nd[R_C0] = NEG;
        } else {
            TRY(R_C0, R_ART, T_C);
            TRY(R_C0, R_POST, T_C);
        }
        TRY(R_FOOT, R_CMT, 0);
#undef TRY
        for (int r = 0; r < NS; r++)
            dp[r] = nd[r] > NEG / 2 ? nd[r] + e[r] : NEG;
    }
    int best = R_HEAD;
    for (int r = 1; r < R_N; r++)
        if (dp[r] > dp[best])
            best = r;
    for (size_t i = n; i-- > 0;) {
        x->L[i].region = (uint8_t)(best == R_C0 ? R_CMT : best);
        best = bp[i * (size_t)NS + best];
    }
    return 0;
}

/* The article ends with its dense part: a stretch of article text
 * resumed after a post-article block (an author box, a newsletter pitch
 * in sentences, a teaser with a summary line), holding at most
 * TAIL_PROSE prose lines and under TAIL_SHARE of the mass of the
 * article's largest stretch, is post-article, from the page's last
 * stretch backwards. */
#ifndef TAIL_PROSE
#define TAIL_PROSE 6
#endif
#ifndef TAIL_SHARE
#define TAIL_SHARE 0.4f
#endif
#ifndef TAIL_FAR
#define TAIL_FAR 30
#endif
#ifndef TEASER_GAP
#define TEASER_GAP 10
#endif
#ifndef TEASER_MAXLEN
#define TEASER_MAXLEN 280
#endif
/* Lines b..e of the article region read as a teaser list: three or more
 * sentence lines (summaries) and never two paragraphs in a row -- each
 * sits between a headline, a picture, a link -- nor lines of prose
 * wrapped one under the other; each summary a sentence or two. */
static bool teaser_list(const ctx *x, size_t b, size_t e)
{
    int units = 0;
    const tl *pv = NULL;
    for (size_t k = b; k < e; k++) {
        const tl *l = &x->L[k];
        if (l->kind == K_BLANK || l->region != R_ART)
            continue;
        /* a paragraph: prose, no heading, no short question or line */
        bool para = l->kind == K_PROSE && l->b > 0 && !(l->flags & F_HEADING) &&
                    l->nchars >= SHORT_SENT;
        if (pv) {
            bool ppara = pv->kind == K_PROSE && pv->b > 0 && !(pv->flags & F_HEADING) &&
                         pv->nchars >= SHORT_SENT;
            /* wrapped: the line before was filled up to a wrap width */
            if ((para && ppara) || (l->blank_before == 0 && l->kind == K_PROSE &&
                                    pv->kind == K_PROSE && l->b > 0 && pv->b > 0 &&
                                    pv->nchars >= SHORT_SENT))
                return false;
        }
        if (l->kind == K_PROSE && l->endp == E_SENT && l->b > 0 && !l->bullet) {
            if (l->nchars > TEASER_MAXLEN)
                return false;
            units++;
        }
        pv = l;
    }
    return units >= 3;
}

/* Two paragraphs in a row in the article region within lines b..e: an
 * article set as one, not a list of units. */
static bool adjacent_paragraphs(const ctx *x, size_t b, size_t e)
{
    const tl *pv = NULL;
    for (size_t k = b; k < e; k++) {
        const tl *l = &x->L[k];
        if (l->kind == K_BLANK)
            continue;
        bool para = l->region == R_ART && l->kind == K_PROSE && l->b > 0 &&
                    !(l->flags & F_HEADING) && l->nchars >= SHORT_SENT;
        if (para && pv)
            return true;
        pv = para ? l : NULL;
    }
    return false;
}

static void trim_article_tail(ctx *x)
{
    float best = 0, mass = 0;
    for (size_t i = 0; i <= x->nl; i++) {
        if (i == x->nl || (x->L[i].region != R_ART && x->L[i].kind != K_BLANK)) {
            if (mass > best)
                best = mass;
            mass = 0;
            continue;
        }
        if (x->L[i].region == R_ART && x->L[i].b > 0)
            mass += x->L[i].b;
    }
    if (best <= 0)
        return;
    /* walk the stretches from the end */
    size_t i = x->nl;
    for (;;) {
        while (i > 0 && x->L[i - 1].region != R_ART)
            i--;
        if (i == 0)
            return;
        size_t e = i, b = i;
        while (b > 0 && (x->L[b - 1].region == R_ART || x->L[b - 1].kind == K_BLANK))
            b--;
        float m = 0;
        int prose = 0;
        for (size_t k = b; k < e; k++)
            if (x->L[k].region == R_ART) {
                if (x->L[k].b > 0)
                    m += x->L[k].b;
                if (x->L[k].kind == K_PROSE)
                    prose++;
            }
        /* only a resumed stretch: post-article lines before it */
        size_t p = b;
        while (p > 0 && x->L[p - 1].kind == K_BLANK)
            p--;
        /* resumed far from the article (after a long post-article block:
         * a footer's disclaimer), a stretch smaller than the article's
         * largest is no part of it; after a block of TEASER_GAP lines, a
         * teaser list (units of headline and summary) that follows an
         * article set in paragraphs is none either, whatever its size */
        int gap = 0;
        for (size_t k = p; k > 0 && x->L[k - 1].region == R_POST && gap < TAIL_FAR; k--)
            gap += x->L[k - 1].kind != K_BLANK;
        float share = gap >= TAIL_FAR ? 1.0f : TAIL_SHARE;
        if (p == 0 || x->L[p - 1].region != R_POST ||
            ((prose > TAIL_PROSE || m >= share * best) &&
             !(gap >= TEASER_GAP && teaser_list(x, b, e) && adjacent_paragraphs(x, 0, b))))
            return;
        for (size_t k = b; k < e; k++)
            if (x->L[k].region == R_ART)
                x->L[k].region = R_POST;
        i = b;
    }
}

/* Stretches nested deeper than the article: the article's largest
 * stretch sets the indentation of its prose (the most common); another
 * stretch, separated from it by lines outside the article, whose prose
 * lines all sit deeper (by two columns or more) is the content of list
 * items or side boxes (teasers, menus with descriptions): before the
 * largest stretch it is header, after it post-article. */
#ifndef NEST_ON
#define NEST_ON 1
#endif
#ifndef NEST_HEAD
#define NEST_HEAD 1
#endif
static void nested_stretches(ctx *x)
{
    if (!NEST_ON)
        return;
    size_t n = x->nl;
    float best = 0, mass = 0;
    size_t cb = 0, ce = 0, b = 0;
    int nst = 0;      /* stretches holding article lines */
    bool has = false; /* the current one does */
    for (size_t i = 0; i <= n; i++) {
        if (i == n || (x->L[i].region != R_ART && x->L[i].kind != K_BLANK)) {
            if (mass > best)
                best = mass, cb = b, ce = i;
            nst += has;
            has = false;
            mass = 0;
            b = i + 1;
            continue;
        }
        if (x->L[i].region == R_ART) {
            has = true;
            if (x->L[i].b > 0)
                mass += x->L[i].b;
        }
    }
    if (best <= 0 || nst < 2)
        return;
    uint32_t hist[64] = {0};
    for (size_t i = cb; i < ce; i++)
        if (x->L[i].region == R_ART && x->L[i].kind == K_PROSE)
            hist[x->L[i].indent > 63 ? 63 : x->L[i].indent]++;
    uint32_t ci = 0;
    for (uint32_t k = 1; k < 64; k++)
        if (hist[k] > hist[ci])
            ci = k;
    if (ci >= 62)
        return; /* too deep to tell */
    /* the largest stretch must read as an article (paragraphs in a row),
     * not be a list of links itself */
    if (!adjacent_paragraphs(x, cb, ce))
        return;
    for (size_t i = 0; i < n;) {
        if (i >= cb && i < ce) {
            i = ce;
            continue;
        }
        if (x->L[i].region != R_ART) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < n && (x->L[e].region == R_ART || x->L[e].kind == K_BLANK))
            e++;
        int prose = 0, deeper = 0;
        /* a plain list (every prose line a bullet item) may be the
         * article's own: only text set under items or in boxes counts */
        int items = 0;
        for (size_t k = i; k < e; k++)
            if (x->L[k].region == R_ART && x->L[k].kind == K_PROSE &&
                !(NEST_HEAD && (x->L[k].flags & F_HEADING))) {
                prose++;
                items += x->L[k].bullet != B_NONE;
                deeper += x->L[k].indent >= ci + 2;
            }
        if (prose && deeper == prose && items < prose)
            for (size_t k = i; k < e; k++)
                if (x->L[k].region == R_ART)
                    x->L[k].region = i < cb ? R_HEAD : R_POST;
        i = e;
    }
}

/* A bullet item opening with a time of day ("13:54 Headline"). */
static bool time_item(const ctx *x, size_t i)
{
    const tl *l = &x->L[i];
    if (!l->bullet || l->ce - l->cs < 6)
        return false;
    const char *p = x->s + l->cs;
    int d = 0;
    while (d < 2 && p[d] >= '0' && p[d] <= '9')
        d++;
    return d >= 1 && (p[d] == ':' || p[d] == 'h' || p[d] == '.') &&
           p[d + 1] >= '0' && p[d + 1] <= '5' && p[d + 2] >= '0' && p[d + 2] <= '9' &&
           p[d + 3] == ' ';
}

/* The first of three time-stamped bullet items within 30 lines: a news
 * ticker or live feed beside the article. */
static bool ticker_start(const ctx *x, size_t i)
{
    if (!time_item(x, i))
        return false;
    int n = 1;
    for (size_t k = i + 1; k < x->nl && k < i + 30 && n < 3; k++)
        if (time_item(x, k))
            n++;
    return n >= 3;
}

/* A related-stories heading ("More on this topic", "Lesen Sie auch")
 * after most of the article's text ends the article: what the decoder
 * resumed after it (teasers with a summary sentence) is post-article. */
#ifndef END_SHARE
#define END_SHARE 0.6f
#endif
#ifndef REL_INLINE
#define REL_INLINE 1
#endif
static bool end_at_related(ctx *x)
{
    float tot = 0, acc = 0;
    for (size_t i = 0; i < x->nl; i++)
        if (x->L[i].region == R_ART && x->L[i].b > 0)
            tot += x->L[i].b;
    if (tot <= 0)
        return false;
    for (size_t i = 0; i < x->nl; i++) {
        tl *l = &x->L[i];
        if (l->region == R_ART && l->b > 0)
            acc += l->b;
        if (l->region != R_ART && l->region != R_POST)
            continue;
        /* a ticker is a strong end: after 30 % of the article text */
        if (!(l->kind == K_RELHEAD && acc >= END_SHARE * tot) &&
            !(acc >= 0.3f * tot && ticker_start(x, i)))
            continue;
        /* a related link or two set inside the article: paragraphs in a
         * row come back within the next few lines */
        if (l->kind == K_RELHEAD && REL_INLINE) {
            size_t e = i + 1;
            for (int seen = 0; e < x->nl && seen < 4; e++)
                seen += x->L[e].kind != K_BLANK;
            const tl *pv = NULL;
            bool back = false;
            for (size_t k = i + 1; k < e && !back; k++) {
                const tl *q = &x->L[k];
                if (q->kind == K_BLANK)
                    continue;
                /* a paragraph set apart by a blank line, no list item */
                bool para = q->region == R_ART && q->kind == K_PROSE &&
                            q->endp == E_SENT && q->nchars >= 80 && !q->bullet &&
                            q->blank_before >= 1;
                back = para && pv;
                pv = para ? q : NULL;
            }
            if (back)
                continue;
        }
        for (size_t k = i; k < x->nl; k++)
            if (x->L[k].region == R_ART)
                x->L[k].region = R_POST;
        return true;
    }
    return false;
}

/* An author bio written as a sentence: "Jane Doe is a senior reporter
 * covering ...", "Max Muster ist Redakteur ...": a capitalised name of at
 * most three words, a copula, a role word within six words. */
static bool bio_line(const ctx *x, const tl *l)
{
    if (l->kind != K_PROSE || l->nwords > 80 ||
        !upper_cp(first_cp(x->s + l->cs, l->ce - l->cs)))
        return false;
    size_t n = l->ce - l->cs;
    if (n > TH_TX_NORM_MAX)
        n = TH_TX_NORM_MAX;
    th_tx_line t;
    char norm[TH_TX_NORM_MAX + 1];
    th__tx_scan(&t, x->s + l->cs, n, norm);
    if (t.nw < 4 || (th__tx_word_lists(&t, 0) & TXM(TX_FUNC)))
        return false;
    for (int w = 1; w <= 3 && w < t.nw; w++) {
        uint8_t len[TX_NLISTS];
        if (!(th__tx_match(&t, w, t.nw, TXM(TX_COPULA), len) & TXM(TX_COPULA)))
            continue;
        int c = w + len[TX_COPULA];
        for (int k = c; k < t.nw && k < c + 6; k++)
            if (th__tx_match(&t, k, t.nw, TXM(TX_ROLE), len) & TXM(TX_ROLE))
                return true;
        return false;
    }
    return false;
}

/* The article's last paragraphs, when they are author bios, are
 * post-article. */
static void trim_bio(ctx *x)
{
    size_t i = x->nl;
    for (int k = 0; k < 2; k++) {
        while (i > 0 && !(x->L[i - 1].region == R_ART && x->L[i - 1].kind == K_PROSE))
            i--;
        if (i == 0 || !bio_line(x, &x->L[i - 1]))
            return;
        for (size_t j = i - 1; j < x->nl; j++)
            if (x->L[j].region == R_ART)
                x->L[j].region = R_POST;
        i--;
    }
}

/* A bullet list between two parts of the article (its items short, so
 * each scores below zero and the decoder steps out of the article for
 * them) is article text: a post-article stretch whose every line is a
 * bullet item of text, with article lines on both sides. */
/* A list the article reaches into is the article's: bullet items on
 * consecutive lines (no blank line between), at the indentation of an
 * article item next to them, text rather than links or repeats, join the
 * article (a changelog printed as one long list). */
#ifndef LIST_GROW
#define LIST_GROW 1
#endif
static inline bool list_peer(const tl *l, const tl *a)
{
    return l->bullet && l->indent == a->indent && l->region != R_ART &&
           l->region != R_CMT && (l->kind == K_TEXT || l->kind == K_PROSE) &&
           !(l->flags & (F_REPEAT | F_NEAR | F_CREDIT | F_RELLINE | F_URL));
}

static void grow_lists(ctx *x)
{
    if (!LIST_GROW)
        return;
    for (size_t i = 0; i < x->nl; i++) {
        tl *a = &x->L[i];
        if (a->region != R_ART || !a->bullet || a->kind == K_BLANK)
            continue;
        /* upwards while the item above follows without a blank line */
        for (size_t k = i; k > 0 && x->L[k].blank_before == 0 && list_peer(&x->L[k - 1], a); k--)
            x->L[k - 1].region = R_ART;
        for (size_t k = i + 1; k < x->nl && x->L[k].blank_before == 0 && list_peer(&x->L[k], a); k++)
            x->L[k].region = R_ART;
    }
}

/* The nearest line at or before i (-1: none) / at or after i (nl: none)
 * that is not blank. */
static long prev_filled(const ctx *x, long i)
{
    while (i >= 0 && x->L[i].kind == K_BLANK)
        i--;
    return i;
}

static size_t next_filled(const ctx *x, size_t i)
{
    while (i < x->nl && x->L[i].kind == K_BLANK)
        i++;
    return i;
}

static void lists_in_article(ctx *x)
{
    size_t i = 0;
    while (i < x->nl) {
        if (x->L[i].region != R_POST || x->L[i].kind == K_BLANK) {
            i++;
            continue;
        }
        size_t b = i, e = i;
        bool list = true;
        int items = 0;
        while (e < x->nl && (x->L[e].region == R_POST || x->L[e].kind == K_BLANK)) {
            const tl *l = &x->L[e];
            if (l->kind != K_BLANK) {
                if (!l->bullet || (l->kind != K_TEXT && l->kind != K_PROSE) ||
                    (l->flags & (F_REPEAT | F_NEAR | F_CREDIT | F_RELLINE | F_URL)))
                    list = false;
                items++;
            }
            e++;
        }
        i = e;
        if (!list || items < 2)
            continue;
        long p = prev_filled(x, (long)b - 1);
        size_t q = next_filled(x, e);
        if (p < 0 || q >= x->nl || x->L[p].region != R_ART || x->L[q].region != R_ART)
            continue;
        for (size_t k = b; k < e; k++)
            if (x->L[k].region == R_POST)
                x->L[k].region = R_ART;
    }
}

/* A stretch the decoder put after the article but which the article
 * resumes after is article text when it holds only plain lines: text,
 * sentences, dates, symbols (short headings over a few items, a table
 * of figures, a list of plain words).  One navigation or furniture line,
 * a related or comment heading, a widget, a name, a caption, a credit,
 * an address or a repeat keeps it out: menus, share blocks and teasers
 * between two parts of an article always carry one of them. */
#ifndef PLAIN_GAP_FLAGS
#define PLAIN_GAP_FLAGS (F_REPEAT | F_NEAR | F_CREDIT | F_RELLINE | F_URL)
#endif
static inline bool art_paragraph(const tl *l);

/* The next stretch of R_POST lines (blank lines inside it included) at or
 * after *i with article lines on both sides: [*b, *e), and the nearest
 * non-blank lines before (*p) and after (*q) it.  *i moves past every
 * stretch looked at; false when none is left. */
static bool next_post_gap(const ctx *x, size_t *i, size_t *b, size_t *e,
                          size_t *p, size_t *q)
{
    while (*i < x->nl) {
        if (x->L[*i].region != R_POST || x->L[*i].kind == K_BLANK) {
            (*i)++;
            continue;
        }
        size_t bb = *i, ee = *i;
        while (ee < x->nl &&
               (x->L[ee].region == R_POST || x->L[ee].kind == K_BLANK))
            ee++;
        *i = ee;
        long pp = prev_filled(x, (long)bb - 1);
        size_t qq = next_filled(x, ee);
        if (pp < 0 || qq >= x->nl || x->L[pp].region != R_ART ||
            x->L[qq].region != R_ART)
            continue;
        *b = bb, *e = ee, *p = (size_t)pp, *q = qq;
        return true;
    }
    return false;
}

static void post_to_article(ctx *x, size_t b, size_t e)
{
    for (size_t k = b; k < e; k++)
        if (x->L[k].region == R_POST)
            x->L[k].region = R_ART;
}

static void plain_gaps(ctx *x)
{
    size_t i = 0, b, e, p, q;
    while (next_post_gap(x, &i, &b, &e, &p, &q)) {
        bool plain = true;
        for (size_t k = b; k < e && plain; k++) {
            const tl *l = &x->L[k];
            if (l->kind != K_BLANK &&
                ((l->kind != K_TEXT && l->kind != K_PROSE && l->kind != K_DATE &&
                  l->kind != K_SYMBOL) ||
                 (l->flags & (PLAIN_GAP_FLAGS))))
                plain = false;
        }
        if (!plain)
            continue;
        if (!art_paragraph(&x->L[p]) && !art_paragraph(&x->L[q]))
            continue;
        post_to_article(x, b, e);
    }
}

/* A line of program code (a <pre> block rendered line by line): two or
 * more of { } ( ) ; = < > [ ], or a line ending in ; { or }. */
static bool code_line(const char *s, const tl *l)
{
    size_t n = l->ce - l->cs;
    if (n == 0 || n > 400)
        return false;
    static const unsigned char codech[256] = {
        ['{'] = 1, ['}'] = 1, ['('] = 1, [')'] = 1, [';'] = 1,
        ['='] = 1, ['<'] = 1, ['>'] = 1, ['['] = 1, [']'] = 1};
    const char *p = s + l->cs;
    char last = p[n - 1];
    if (last == ';' || last == '{' || last == '}')
        return true;
    const unsigned char *u = (const unsigned char *)p;
    unsigned k = 0;
    for (size_t i = 0; i < n; i++) {
        k += codech[u[i]];
        if (k >= 2)
            return true;
    }
    return false;
}

/* A table rule of a listing's output: box-drawing characters other than
 * the heavy horizontal one (w3m's <hr>). */
static bool box_line(const char *s, const tl *l)
{
    const unsigned char *p = (const unsigned char *)s + l->cs;
    size_t n = l->ce - l->cs;
    if (l->nchars >= n)
        return false; /* ASCII (or ideographs, three characters each) */
    for (const unsigned char *q = p; n >= 3 && (q = memchr(q, 0xE2, n - 2 - (size_t)(q - p))) != NULL; q++)
        if ((q[1] == 0x94 || q[1] == 0x95) && !(q[1] == 0x94 && q[2] == 0x81))
            return true;
    return false;
}

#define CODE_PROSE 1
#define CODE_BODY 1
#define PROMPT_ON 1

/* A code line of a listing, stricter than code_line: it ends in ; { or
 * }, or holds two of { } ( ) [ ] = ; and is no bracketed placeholder
 * ("[image-name]", "[SUBMIT]"), no sentence with a parenthesis (a prose
 * line needs = ; { or }), no caption printed twice (a repeated line of
 * three or more words needs = ; { } [ ] or a final comma: listings
 * repeat their keyword lines and expressions). */
static bool listing_code(const char *s, const tl *l)
{
    size_t n = l->ce - l->cs;
    if (n == 0 || n > 400)
        return false;
    const unsigned char *p = (const unsigned char *)s + l->cs;
    unsigned char last = p[n - 1];
    if (last == ';' || last == '{' || last == '}')
        return true;
    if (p[0] == '[' && last == ']')
        return false;
    /* a shell prompt over a command ("$ hg push") */
    if (PROMPT_ON && n >= 3 && p[0] == '$' && p[1] == ' ' &&
        ((p[2] >= 'a' && p[2] <= 'z') || p[2] == '.' || p[2] == '/'))
        return true;
    static const unsigned char cls[256] = {
        ['{'] = 3, ['}'] = 3, ['('] = 1, [')'] = 1, [';'] = 3,
        ['='] = 3, ['['] = 5, [']'] = 5};
    unsigned k = 0, strong = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = cls[p[i]];
        k += c != 0;
        strong |= c;
        if (k >= 2 && (strong & 2))
            return true; /* every test below passes */
    }
    if ((l->flags & (F_REPEAT | F_NEAR)) && l->nwords > 2 && !(strong & 6) && last != ',')
        return false;
    return k >= 2 && (l->kind != K_PROSE || (strong & 2));
}

/* A block (lines with no blank line between them, from k up to e): its
 * lines, code lines or table rules, sentences, and whether it holds a
 * bullet, link, furniture, caption, date, credit or TeX (listings
 * have none; a result row of numbers may read as a navigation line).
 * Returns the block's end.  Outside a gap (gap false) a block that can
 * be no listing is only walked to its end. */
typedef struct lblock {
    int lines, code, prose;
    bool menu;
} lblock;

static size_t scan_block(const ctx *x, size_t k, size_t e, lblock *o, bool gap)
{
    o->lines = o->code = o->prose = 0;
    o->menu = false;
    for (; k < e && x->L[k].kind != K_BLANK; k++) {
        const tl *l = &x->L[k];
        o->lines++;
        if (!gap && (o->menu || o->prose))
            continue; /* no listing: only the block's end is wanted */
        if (box_line(x->s, l))
            o->code++;
        else if (l->bullet || l->kind == K_NAV || l->kind == K_FURN ||
                 l->kind == K_WIDGET || l->kind == K_RELHEAD ||
                 l->kind == K_CHEAD || l->kind == K_CAPTION ||
                 l->kind == K_BYLINE || l->kind == K_DATE ||
                 (l->flags & (F_URL | F_RELLINE | F_CREDIT)) ||
                 tex_bytes(x->s + l->cs, l->ce - l->cs))
            o->menu = true;
        else if (listing_code(x->s, l))
            o->code++;
        else if (l->kind == K_PROSE && (l->endp == E_SENT || l->endp == E_COLON) &&
                 !(l->flags & (F_REPEAT | F_NEAR | F_CREDIT | F_RELLINE)))
            o->prose++;
    }
    return k;
}

/* A listing: two or more code lines or table rules, no sentence, no
 * bullet, link or furniture; its other lines (keywords, result rows) go
 * with it. */
static inline bool listing(const lblock *o)
{
    return !o->menu && o->code >= 2 && o->prose == 0;
}

/* Any box-drawing table rule between lines b and e (one memchr over
 * their bytes). */
static bool gap_box(const ctx *x, size_t b, size_t e)
{
    const unsigned char *p = (const unsigned char *)x->s + x->L[b].off;
    const unsigned char *end = (const unsigned char *)x->s + x->L[e - 1].off + x->L[e - 1].len;
    for (const unsigned char *q = p; end - q >= 3 && (q = memchr(q, 0xE2, (size_t)(end - q - 2))) != NULL; q++)
        if ((q[1] == 0x94 || q[1] == 0x95) && !(q[1] == 0x94 && q[2] == 0x81))
            return true;
    return false;
}

/* A tutorial's stretch: listings and the sentences that introduce or
 * explain them, nothing else (listing lines 60 % of the lines that are
 * not sentences, no more sentences than listing lines).  A listing line
 * is a code line (code_line counted `code` of them) or a table rule, so
 * a stretch with fewer than two of them and no rule is none. */
static bool listings_gap(const ctx *x, size_t b, size_t e, int code)
{
    if (!CODE_PROSE || (code < 2 && !gap_box(x, b, e)))
        return false;
    int lines = 0, lcode = 0, prose = 0;
    size_t k = b;
    while (k < e) {
        if (x->L[k].kind == K_BLANK) {
            k++;
            continue;
        }
        lblock o;
        k = scan_block(x, k, e, &o, true);
        lines += o.lines;
        prose += o.prose;
        if (listing(&o))
            lcode += o.lines;
        else if (!o.menu)
            lcode += o.code;
    }
    return lcode >= 4 && lines - prose >= 4 && 10 * lcode >= 6 * (lines - prose) &&
           prose <= lcode;
}

/* A code listing between two parts of the article is article text: a
 * stretch outside the article, with article text on both sides, whose
 * lines are mostly code (its introduction ending in ':' may come with
 * it), or a tutorial's stretch of listings and the sentences that
 * introduce or explain them, nothing else (listing lines 60 % of the
 * lines that are not sentences, no more sentences than listing lines).
 * Listings inside the article are labelled BODY whatever their lines
 * read like (SQL keywords, result rows): in_listing, asked by
 * label_noncomment. */
static void code_in_article(ctx *x)
{
    size_t i = 0;
    while (i < x->nl) {
        if (x->L[i].region == R_ART || x->L[i].kind == K_BLANK) {
            i++;
            continue;
        }
        size_t b = i, e = i;
        bool ok = true;
        while (e < x->nl && x->L[e].region != R_ART) {
            if (x->L[e].region == R_CMT)
                ok = false;
            e++;
        }
        i = e;
        /* only a stretch with article text on both sides (checked before
         * any line is read) */
        long p = prev_filled(x, (long)b - 1);
        if (!ok || p < 0 || e >= x->nl || x->L[p].region != R_ART || e - b > 400)
            continue;
        /* the plain test first: mostly code lines */
        int lines = 0, code = 0;
        size_t k;
        for (k = b; k < e; k++) {
            const tl *l = &x->L[k];
            if (l->kind != K_BLANK) {
                lines++;
                code += code_line(x->s, l);
            }
        }
        if ((code < 2 || 10 * code < 6 * lines) && !listings_gap(x, b, e, code))
            continue;
        for (k = b; k < e; k++)
            x->L[k].region = R_ART;
    }
}

/* Before the article's tail is trimmed: a stretch between two parts of
 * the article made only of program lines (each a listing line holding
 * a bracket, a parenthesis, '=' or ';': "console.log(x); // true",
 * "});") is the article's code example.  Left outside, it made the
 * explanation after it a stretch "resumed after a post-article block"
 * that the tail trim cut, and the next one before it, and so on.  Form
 * fields ("Name * [ ]") have no such character and stay out. */
static bool program_line(const char *s, const tl *l)
{
    size_t n = l->ce - l->cs;
    if (!listing_code(s, l))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[l->cs + i];
        if (c == '(' || c == ')' || c == ';' || c == '{' || c == '}' || c == '=')
            return true;
    }
    return false;
}

static void program_gaps(ctx *x)
{
    size_t i = 0, b, e, p, q;
    while (next_post_gap(x, &i, &b, &e, &p, &q)) {
        bool prog = true;
        int lines = 0;
        for (size_t k = b; k < e && prog; k++)
            if (x->L[k].kind != K_BLANK) {
                lines++;
                prog = program_line(x->s, &x->L[k]);
            }
        if (prog && lines >= 2)
            post_to_article(x, b, e);
    }
}

/* Is line i (in the article) in a listing block, all of it article?
 * Asked by the labeller only for article lines that would not be BODY;
 * the answer is kept for the rest of the block (*end). */
static bool in_listing(const ctx *x, size_t i, size_t *end, bool *yes)
{
    if (i < *end)
        return *yes;
    size_t b = i;
    while (b > 0 && x->L[b - 1].kind != K_BLANK)
        b--;
    lblock o;
    *end = scan_block(x, b, x->nl, &o, false);
    bool art = *end - b >= 2;
    for (size_t k = b; k < *end && art; k++)
        art = x->L[k].region == R_ART;
    *yes = art && listing(&o);
    return *yes;
}

/* Comment evidence of a line, weaker than an anchor: a name that signs
 * the text after it, a date, a reply widget. */
static bool cmt_evidence(const ctx *x, size_t i)
{
    const tl *l = &x->L[i];
    return is_anchor(x, i) || l->kind == K_DATE ||
           ((l->flags & F_NAMEISH) && l->c >= 0.5f);
}

#define EVIDENCE_STRETCH 6 /* prose lines without comment evidence */
/* The new floor when the comment region holds, before its first anchor,
 * EVIDENCE_STRETCH prose lines with no comment evidence among them: the
 * first evidence line after that stretch (or the end); else 0. */
static size_t evidence_floor(ctx *x)
{
    size_t s = 0;
    while (s < x->nl && x->L[s].region != R_CMT)
        s++;
    if (s >= x->nl)
        return 0;
    int run = 0;
    bool cut = false;
    for (size_t i = s; i < x->nl && x->L[i].region == R_CMT; i++) {
        const tl *l = &x->L[i];
        if (l->kind == K_BLANK)
            continue;
        if (cut) {
            if (cmt_evidence(x, i))
                return i > x->cmt_floor ? i : 0;
            continue;
        }
        if (is_anchor(x, i))
            return 0;
        if (cmt_evidence(x, i)) {
            run = 0;
            continue;
        }
        if (l->kind == K_PROSE && !(l->flags & F_REPEAT) && ++run >= EVIDENCE_STRETCH)
            cut = true;
    }
    return cut ? x->nl : 0;
}

/* In dumps that keep blank-line runs, comments are separated by two or
 * more blank lines while article paragraphs are one apart.  When the
 * comment region shows that layout, the blank-run-separated paragraphs
 * just before it are comments too (unmarked first comments), and so are
 * the comment-like sentences that end the paragraph group before them. */
static void extend_comments_back(ctx *x)
{
    tl *L = x->L;
    size_t s0 = x->nl, e0 = x->nl;
    for (size_t i = 0; i < x->nl; i++)
        if (L[i].region == R_CMT) {
            if (s0 == x->nl)
                s0 = i;
            e0 = i + 1;
        }
    if (s0 >= e0)
        return;
    int runs2 = 0;
    bool text = false;
    for (size_t i = s0; i < e0; i++) {
        if (L[i].kind == K_BLANK)
            continue;
        if (text && L[i].blank_before >= 2 && L[i].kind == K_PROSE)
            runs2++;
        text = true;
    }
    if (runs2 < 2 || !x->runs)
        return;
    size_t start = s0;
    while (start < e0 && L[start].kind == K_BLANK)
        start++;
    for (;;) {
        if (start >= x->nl || L[start].blank_before < 2 || start <= L[start].blank_before)
            break;
        /* the paragraph group before the run */
        size_t j = start - L[start].blank_before - 1;
        size_t gstart = j;
        bool ok = true;
        for (;;) {
            tl *l = &L[gstart];
            if (l->region != R_ART && l->region != R_POST)
                ok = false;
            if (l->kind != K_PROSE || l->endp != E_SENT || l->label == TH_LABEL_TITLE)
                ok = false;
            if (!ok || l->blank_before != 1 || gstart < 2)
                break;
            gstart -= 2;
        }
        if (ok) {
            /* the whole group is prose: it is a comment */
            for (size_t k = gstart; k < start; k++)
                L[k].region = R_CMT;
            start = gstart;
            continue;
        }
        /* mixed group: take its trailing comment-like sentences */
        size_t k = j;
        while (L[k].kind == K_PROSE && L[k].endp == E_SENT && L[k].c > 0.2f &&
               (L[k].region == R_ART || L[k].region == R_POST)) {
            L[k].region = R_CMT;
            for (size_t m = k + 1; m < start; m++)
                L[m].region = R_CMT;
            start = k;
            if (L[k].blank_before != 1 || k < 2)
                break;
            k -= 2;
        }
        break;
    }
}

/* ------------------------------------------------------ labelling ---- */

/* Streaming comparison: are the letters of line j the title's letters
 * repeated one or more times? */
static bool title_repeat(ctx *x, size_t t, size_t j)
{
    const tl *a = &x->L[t], *b = &x->L[j];
    if (a->hlen == 0 || b->hlen < a->hlen || b->hlen % a->hlen)
        return false;
    if (b->hlen == a->hlen)
        return a->hash == b->hash;
    /* walk both */
    const char *s = x->s;
    size_t ia = a->cs, ib = b->cs;
    for (;;) {
        uint32_t ca = 0, cb = 0;
        while (ib < b->ce) {
            size_t k = dec(s, b->ce, ib, &cb);
            ib += k;
            if ((cb < 0x80 && ((cb | 32) >= 'a' && (cb | 32) <= 'z')) ||
                (cb >= '0' && cb <= '9') || (cb >= 0xC0 && letter_cp(cb)))
                break;
            cb = 0;
        }
        if (!cb)
            return true;
        for (;;) {
            if (ia >= a->ce)
                ia = a->cs;
            size_t k = dec(s, a->ce, ia, &ca);
            ia += k;
            if ((ca < 0x80 && ((ca | 32) >= 'a' && (ca | 32) <= 'z')) ||
                (ca >= '0' && ca <= '9') || (ca >= 0xC0 && letter_cp(ca)))
                break;
        }
        if (lower_cp(ca) != lower_cp(cb) &&
            !(ca < 0x80 && cb < 0x80 && (ca | 32) == (cb | 32)))
            return false;
    }
}

static void pick_title(ctx *x, size_t astart)
{
    x->title = -1;
    float best = 1.4f;
    int seen = 0;
    for (size_t j = astart + 1; j-- > 0 && seen < 16;) {
        tl *l = &x->L[j];
        if (l->kind == K_BLANK)
            continue;
        seen++;
        if (j != astart && l->kind == K_PROSE && l->endp == E_SENT &&
            l->nchars > 160)
            continue;
        if (l->kind != K_TEXT && l->kind != K_PROSE)
            continue;
        if (l->nwords < 2 || l->nwords > 30 || l->nchars > 250 ||
            l->endp == E_COLON || l->bullet)
            continue;
        if (l->endp == E_SENT && l->nchars > 100 && j == astart)
            continue;
        /* a picture credit ("... Photo: Name", "(c) Agency") signs a
         * caption, never a headline */
        if ((l->flags & F_CREDIT) && tail_credit(x->s + l->cs, l->ce - l->cs))
            continue;
        /* the first line of a hard-wrapped paragraph (the next line goes
         * on in lower case at the same indentation) is no heading */
        if (j + 1 < x->nl && x->L[j + 1].kind != K_BLANK &&
            (x->L[j + 1].flags & F_LOWER) && x->L[j + 1].indent == l->indent)
            continue;
        float sc = 3.0f - (float)seen * 0.25f;
        if (l->flags & F_REPEAT)
            sc += 0.8f;
        if (l->ncap * 2 >= l->nwords)
            sc += 0.6f;
        if (l->nwords >= 4)
            sc += 0.4f;
        if (l->endp == E_SENT)
            sc -= 1.2f;
        if (l->indent < (uint32_t)x->body_indent)
            sc += 0.6f;
        if (l->flags & F_NAMEISH)
            sc -= 0.8f;
        if (sc > best) {
            best = sc;
            x->title = (long)j;
        }
    }
    if (x->title >= 0) {
        /* prefer the first occurrence of a repeated title */
        tl *t = &x->L[x->title];
        for (size_t j = 0; j < (size_t)x->title; j++)
            if (x->L[j].hash == t->hash && x->L[j].hlen == t->hlen &&
                x->L[j].kind != K_BLANK && x->title - (long)j < 40) {
                x->title = (long)j;
                break;
            }
    }
}

static bool is_heading_line(const tl *l)
{
    return (l->kind == K_TEXT || l->kind == K_PROSE || l->kind == K_NAME) &&
           l->endp != E_SENT && l->nwords >= 2 && l->nwords <= 20 &&
           l->nchars <= 160 && !l->bullet;
}

/* A headline followed by a byline after the article has begun means a
 * second article (a related story printed in full): the article region
 * ends there. */
#ifndef SPLIT2_ON
#define SPLIT2_ON 1
#endif
#ifndef SPLIT2_NEXT
#define SPLIT2_NEXT 1
#endif
static bool headline_byline(ctx *x, size_t i)
{
    if (!is_heading_line(&x->L[i]))
        return false;
    long j = next_nonblank(x, i + 1, i + 4);
    return j >= 0 && x->L[j].kind == K_BYLINE;
}

/* The body mass of the story starting at line i of the article region:
 * up to the next headline over a byline or the region's end. */
static float story_mass(ctx *x, size_t i)
{
    float m = 0;
    for (; i < x->nl && (x->L[i].region == R_ART || x->L[i].kind == K_BLANK); i++) {
        if (x->L[i].region == R_ART && headline_byline(x, i))
            break;
        if (x->L[i].region == R_ART && x->L[i].b > 0)
            m += x->L[i].b;
    }
    return m;
}
static void split_second_article(ctx *x)
{
    if (!SPLIT2_ON)
        return;
    int prose = 0;
    float tot = 0, before = 0;
    for (size_t i = 0; i < x->nl; i++)
        if (x->L[i].region == R_ART && x->L[i].b > 0)
            tot += x->L[i].b;
    for (size_t i = 0; i < x->nl; i++) {
        tl *l = &x->L[i];
        if (l->region != R_ART)
            continue;
        if (l->kind == K_PROSE)
            prose++;
        if (l->b > 0)
            before += l->b;
        if (prose < 3 || (long)i == x->title || !headline_byline(x, i))
            continue;
        long j = next_nonblank(x, i + 1, i + 4);
        /* the story printed after the main one is the smaller part; a
         * headline and byline after a few teasers start the article */
        if (before < 0.35f * (tot - before))
            return;
        /* an edition printing several stories in full: a related story
         * is shorter than the article it follows */
        if (SPLIT2_NEXT && story_mass(x, (size_t)j + 1) > before)
            return;
        for (size_t k = i; k < x->nl && x->L[k].region == R_ART; k++)
            x->L[k].region = R_POST;
        x->related_from = (long)i;
        return;
    }
}

static bool near_title(ctx *x, size_t i, size_t astart)
{
    long ref = x->title >= 0 ? x->title : (long)astart;
    long d = (long)i - ref;
    if (d < -4 || d > 10)
        return false;
    /* no prose in between */
    size_t a = (size_t)(d < 0 ? (long)i : ref), b = (size_t)(d < 0 ? ref : (long)i);
    for (size_t k = a + 1; k < b; k++)
        if (x->L[k].kind == K_PROSE && x->L[k].nchars > 120)
            return false;
    return true;
}

/* A furniture cue ("cookie", "advertising", "donation", "powered by")
 * inside a sentence in the middle of the article is the article's own
 * word: the line is article text when it is a sentence of some length
 * (not a numbered item: reference lists cite "Terms and Conditions")
 * and the article, without leaving its region, has a paragraph (a
 * sentence of 80+ characters) before it and another after it.  A pitch
 * closing the article ("write to us ... our newsletter.") has none
 * after it. */
#ifndef FURN_WORDS
#define FURN_WORDS 8
#endif
#ifndef FURN_PARA
#define FURN_PARA 80
#endif
#ifndef FURN_REACH
#define FURN_REACH 2000
#endif
static inline bool art_paragraph(const tl *l)
{
    return l->kind == K_PROSE && l->endp == E_SENT && l->nchars >= FURN_PARA;
}

static bool furn_in_prose(const ctx *x, size_t i)
{
    const tl *l = &x->L[i];
    if (l->nwords < FURN_WORDS || l->bullet == B_NUM ||
        (l->endp != E_SENT && l->endp != E_COLON))
        return false;
    /* both walks stop after FURN_REACH lines (pathological inputs: many
     * furniture lines in one long article region) */
    bool before = false, after = false;
    for (size_t k = i; k-- > 0 && !before && i - k <= FURN_REACH;) {
        if (x->L[k].kind == K_BLANK)
            continue;
        if (x->L[k].region != R_ART)
            break;
        before = art_paragraph(&x->L[k]);
    }
    for (size_t k = i + 1; k < x->nl && before && !after && k - i <= FURN_REACH; k++) {
        if (x->L[k].kind == K_BLANK)
            continue;
        if (x->L[k].region != R_ART)
            break;
        after = art_paragraph(&x->L[k]);
    }
    return before && after;
}

#ifndef REL_ITEM_LEN
#define REL_ITEM_LEN 160
#endif
static void label_noncomment(ctx *x, size_t astart)
{
    bool related = false, lst_yes = false, rel_items = false;
    size_t about_until = 0, lst_end = 0;
    for (size_t i = 0; i < x->nl; i++) {
        tl *l = &x->L[i];
        uint8_t lab;
        /* the list right under a related heading inside the article
         * ("Related articles" over linked headlines): its items are
         * RELATED; the first line that is no such item ends it */
        if (rel_items && l->kind != K_BLANK && l->kind != K_RELHEAD) {
            if (l->bullet && l->region == R_ART &&
                (l->kind == K_PROSE || l->kind == K_TEXT) && l->endp != E_SENT &&
                l->nchars <= REL_ITEM_LEN) {
                l->label = TH_LABEL_RELATED;
                continue;
            }
            rel_items = false;
        }
        if (l->kind == K_BLANK) {
            l->label = TH_LABEL_BLANK;
            if (i && x->L[i - 1].kind == K_BLANK && related) {
                /* two blank lines end a related run outside prose */
            }
            continue;
        }
        if (l->region == R_CMT)
            continue;
        if ((long)i == x->related_from)
            related = true;
        if ((long)i == x->title) {
            l->label = TH_LABEL_TITLE;
            continue;
        }
        if (l->flags & F_TITLEREP) {
            l->label = TH_LABEL_CAPTION;
            continue;
        }
        if (i < about_until) {
            l->label = TH_LABEL_BOILER;
            continue;
        }
        switch (l->kind) {
        case K_ABOUT: {
            size_t k = i + 1;
            while (k < x->nl && x->L[k].kind != K_BLANK)
                k++;
            about_until = k;
            lab = TH_LABEL_BOILER;
            break;
        }
        case K_RELHEAD:
            related = true;
            rel_items = l->region == R_ART;
            lab = TH_LABEL_RELATED;
            break;
        case K_CAPTION:
            lab = l->region != R_FOOT ? TH_LABEL_CAPTION : TH_LABEL_BOILER;
            break;
        case K_BYLINE:
        case K_DATE:
            if (near_title(x, i, astart) && l->region != R_POST &&
                l->region != R_FOOT)
                lab = TH_LABEL_BYLINE;
            else if (related)
                lab = TH_LABEL_RELATED;
            else
                lab = TH_LABEL_BOILER;
            break;
        case K_PROSE:
        case K_TEXT:
            if (l->region == R_ART) {
                if (l->flags & F_RELLINE)
                    lab = TH_LABEL_RELATED;
                else if ((l->flags & (F_NEAR | F_CREDIT)) && l->nwords >= 3)
                    lab = is_heading_line(l) && !(l->flags & F_CREDIT)
                              ? TH_LABEL_RELATED
                              : TH_LABEL_CAPTION;
                else if ((l->flags & F_REPEAT) && l->kind == K_TEXT)
                    lab = TH_LABEL_BOILER;
                else if (l->kind == K_TEXT && l->endp != E_SENT &&
                         l->nwords <= 3 && !(l->flags & F_HEADING))
                    lab = TH_LABEL_BOILER;
                else
                    lab = TH_LABEL_BODY;
                related = false;
            } else if (l->region == R_POST && (related || l->kind == K_TEXT) &&
                       !(l->flags & F_REPEAT)) {
                lab = related || is_heading_line(l) ? TH_LABEL_RELATED
                                                    : TH_LABEL_BOILER;
            } else {
                lab = TH_LABEL_BOILER;
            }
            break;
        case K_FURN:
            lab = l->region == R_ART && furn_in_prose(x, i) ? TH_LABEL_BODY
                                                             : TH_LABEL_BOILER;
            break;
        default:
            lab = TH_LABEL_BOILER;
        }
        /* listings inside the article are BODY whatever their lines read
         * like (SQL keywords, result rows) */
        if (CODE_BODY && lab != TH_LABEL_BODY && l->region == R_ART &&
            in_listing(x, i, &lst_end, &lst_yes)) {
            lab = TH_LABEL_BODY;
            related = false;
        }
        l->label = lab;
    }
}

/* A stream of teasers: headlines each with a date or time line and
 * nothing else ("Headline / 1 mars 2019 à 15:20 / Headline / ...").  A
 * run of TEASER_DATES or more such units (a headline: a line of text
 * without a final stop, at most 160 characters; the date line before or
 * after it) has no paragraph to read: its headlines are RELATED, not
 * BODY, wherever the decoder put them.  A live blog's entries carry
 * their text under the time and stay. */
#ifndef TEASER_DATES
#define TEASER_DATES 3
#endif
static inline bool teaser_head(const ctx *x, const tl *l)
{
    return (l->kind == K_PROSE || l->kind == K_TEXT) && l->nchars <= 160 &&
           l->nwords >= 2 && !l->bullet && x->s[l->ce - 1] != '.';
}

/* The run of alternating headline and date lines from line b (non-blank):
 * its last line, or b when it holds fewer than TEASER_DATES units. */
static size_t teaser_run(const ctx *x, size_t b)
{
    size_t n = x->nl, last = b;
    int heads = 0, dates = 0;
    bool want_date = false, any = false;
    for (size_t k = b; k < n; k++) {
        const tl *l = &x->L[k];
        if (l->kind == K_BLANK)
            continue;
        if (l->region == R_CMT)
            break;
        bool d = l->kind == K_DATE;
        if (any && d != want_date)
            break;
        if (!d && !teaser_head(x, l))
            break;
        any = true;
        heads += !d;
        dates += d;
        want_date = !d;
        last = k;
    }
    return heads >= TEASER_DATES && dates >= TEASER_DATES ? last : b;
}

static void teaser_dates(ctx *x)
{
    if (!TEASER_DATES)
        return;
    size_t n = x->nl;
    /* runs are looked for around date lines only: from the headline
     * before a date, or from the date */
    for (size_t i = 0; i < n; i++) {
        if (x->L[i].kind != K_DATE)
            continue;
        size_t b = i;
        while (b > 0 && x->L[b - 1].kind == K_BLANK)
            b--;
        size_t start = b > 0 ? b - 1 : i, last = start;
        if (start != i)
            last = teaser_run(x, start);
        if (last == start) {
            start = i;
            last = teaser_run(x, i);
        }
        if (last == start)
            continue;
        for (size_t j = start; j <= last; j++)
            if (x->L[j].label == TH_LABEL_BODY)
                x->L[j].label = TH_LABEL_RELATED;
        i = last;
    }
}

/* lynx prints MathML as "[MATH: <mi> x </mi> <mo> = </mo> ... :MATH]"
 * (a long formula wraps onto the next lines): the text keeps the
 * formula's symbols, not its tags. */
static bool has_math(const char *p, size_t n)
{
    for (const char *q = p; (q = memchr(q, '[', n - (size_t)(q - p))) != NULL; q++)
        if (n - (size_t)(q - p) >= 6 && memcmp(q, "[MATH:", 6) == 0)
            return true;
    return false;
}

static size_t strip_math(char *p, size_t n, int *st)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (*st == 0) {
            if (p[i] == '[' && n - i >= 6 && memcmp(p + i, "[MATH:", 6) == 0) {
                *st = 1;
                i += 6;
            } else {
                p[o++] = p[i++];
            }
        } else if (*st == 2) {
            if (p[i++] == '>')
                *st = 1;
        } else if (*st == 3) {
            /* an <annotation> (the formula's TeX source, another
             * encoding of the same symbols) is skipped whole */
            if (p[i] == '<' && n - i >= 12 && memcmp(p + i, "</annotation", 12) == 0)
                *st = 2;
            i++;
        } else if (p[i] == '<') {
            *st = n - i >= 11 && memcmp(p + i, "<annotation", 11) == 0 ? 3 : 2;
            i++;
        } else if (p[i] == ':' && n - i >= 6 && memcmp(p + i, ":MATH]", 6) == 0) {
            *st = 0;
            i += 6;
        } else {
            p[o++] = p[i++];
        }
    }
    return o;
}

/* The width a hard-wrapped dump (w3m, lynx, fmt) broke its lines at, or 0
 * when the body does not look wrapped: the widest body line (indentation
 * included) is at most 200 columns and a third of the body lines (3 or
 * more) come within 15% of it. */
static uint32_t wrap_width(const ctx *x)
{
    uint32_t w = 0;
    size_t nbody = 0, nnear = 0;
    for (size_t i = 0; i < x->nl; i++)
        if (x->L[i].label == TH_LABEL_BODY) {
            nbody++;
            if (x->L[i].indent + x->L[i].nchars > w)
                w = x->L[i].indent + x->L[i].nchars;
        }
    if (w < 40 || w > 200)
        return 0;
    for (size_t i = 0; i < x->nl; i++)
        if (x->L[i].label == TH_LABEL_BODY &&
            (x->L[i].indent + x->L[i].nchars) * 20 >= w * 17)
            nnear++;
    return nnear >= 3 && nnear * 3 >= nbody ? w : 0;
}

/* Line i goes on at line i + 1: both plain lines (no bullet) at one
 * indentation, and the next line's first word would not have fitted
 * after line i within the wrap width. */
bool th__text_wraps_on(const ctx *x, size_t i)
{
    if (!x->wrapw || i + 1 >= x->nl)
        return false;
    const tl *a = &x->L[i], *b = &x->L[i + 1];
    if (a->kind == K_BLANK || b->kind == K_BLANK || a->bullet || b->bullet ||
        a->indent != b->indent)
        return false;
    uint32_t fw = 0;
    while (b->cs + fw < b->ce && x->s[b->cs + fw] != ' ')
        fw++;
    return a->indent + a->nchars + 1 + fw > x->wrapw;
}

/* Body line i goes on at body line i + 1. */
static bool wraps_on(const ctx *x, size_t i)
{
    return i + 1 < x->nl && x->L[i].label == TH_LABEL_BODY &&
           x->L[i + 1].label == TH_LABEL_BODY && th__text_wraps_on(x, i);
}

static int fill_doc(ctx *x, th_doc *doc, cbuild *cb, const th_options *opts)
{
    tl *L = x->L;
    if (x->title >= 0 && !(opts->flags & TH_OPT_NO_META)) {
        tl *t = &L[x->title];
        doc->title = th__doc_str(doc, x->s + t->cs, t->ce - t->cs, true);
    }
    /* Room for the longest line, or for a whole paragraph of hard-wrapped
     * lines joined with spaces. */
    x->wrapw = wrap_width(x);
    size_t maxl = 0, run = 0;
    for (size_t i = 0; i < x->nl; i++) {
        if (L[i].ce - L[i].cs > maxl && L[i].label != TH_LABEL_BLANK)
            maxl = L[i].ce - L[i].cs;
        if (L[i].label == TH_LABEL_BODY) {
            run += L[i].ce - L[i].cs + 1;
            if (run > maxl)
                maxl = run;
            if (!wraps_on(x, i))
                run = 0;
        }
    }
    char *tmp = th__arena_alloc(x->scratch, maxl + 1);
    if (!tmp)
        return -1;
    size_t off = 0; /* bytes of a paragraph joined so far in tmp */
    int math = 0; /* inside a lynx [MATH: ... :MATH] span (2: in a tag) */
    for (size_t i = 0; i < x->nl; i++) {
        tl *l = &L[i];
        size_t n;
        if (l->label != TH_LABEL_BODY && l->label != TH_LABEL_BLANK)
            math = 0;
        switch (l->label) {
        case TH_LABEL_BODY:
            n = th__text_clean_copy(x->s, l->cs, l->ce, tmp + off);
            if (math || has_math(tmp + off, n)) {
                n = strip_math(tmp + off, n, &math);
                size_t k = 0;
                while (k < n && (tmp[off + k] == ' ' || tmp[off + k] == '\t'))
                    k++;
                if (k == n) {
                    if (off && th__doc_add_block(doc, TH_BLOCK_PARAGRAPH, 0,
                                                 false, tmp, off - 1, NULL, 0))
                        return -1;
                    off = 0;
                    break;
                }
            }
            if (!math && wraps_on(x, i)) {
                off += n;
                tmp[off++] = ' ';
                break;
            }
            if (off) {
                if (th__doc_add_block(doc, TH_BLOCK_PARAGRAPH, 0, false, tmp,
                                      off + n, NULL, 0))
                    return -1;
                off = 0;
                break;
            }
            if (th__doc_add_block(doc,
                                  l->bullet ? TH_BLOCK_LIST_ITEM
                                  : (l->flags & F_HEADING) && l->kind == K_TEXT
                                      ? TH_BLOCK_HEADING
                                      : TH_BLOCK_PARAGRAPH,
                                  l->bullet ? 1 : (l->flags & F_HEADING) &&
                                                          l->kind == K_TEXT
                                                      ? 2
                                                      : 0,
                                  l->bullet == B_NUM, tmp, n, NULL, 0))
                return -1;
            break;
        case TH_LABEL_CAPTION:
            if (th__doc_add_caption(doc, x->s + l->cs, l->ce - l->cs))
                return -1;
            break;
        case TH_LABEL_RELATED:
            if (l->kind != K_RELHEAD &&
                th__doc_add_related(doc, x->s + l->cs, l->ce - l->cs, NULL))
                return -1;
            break;
        case TH_LABEL_BYLINE:
            if (!doc->date && !(opts->flags & TH_OPT_NO_META)) {
                char iso[32];
                if (th__date_parse(x->s + l->cs, l->ce - l->cs, iso))
                    doc->date = th__doc_str(doc, iso, strlen(iso), true);
            }
            if (l->kind == K_BYLINE && !(opts->flags & TH_OPT_NO_META)) {
                /* drop the "By" word, or all before a last "by" ("Posted
                 * on 2 May 2023 by Name", "Written by Name") */
                size_t b = l->cs, at = by_name_at(x->s + l->cs, l->ce - l->cs);
                if (at)
                    b += at;
                else
                    while (b < l->ce && x->s[b] != ' ')
                        b++;
                while (b < l->ce && (x->s[b] == ' ' || x->s[b] == ':'))
                    b++;
                if (b < l->ce) {
                    if (th__doc_add_author(doc, x->s + b, l->ce - b))
                        return -1;
                    if (!doc->byline)
                        doc->byline = doc->authors[0];
                }
            }
            break;
        default:
            break;
        }
    }
    if (!(opts->flags & TH_OPT_NO_COMMENTS) && th__text_add_comment_docs(x, doc, cb))
        return -1;
    if (opts->flags & TH_OPT_KEEP_LABELS) {
        /* One copy of the input; every line points into it. */
        char *copy = th__arena_alloc(&doc->arena, x->n + 1);
        th_line *lines = th__arena_alloc(&doc->arena,
                                         (x->nl ? x->nl : 1) * sizeof *lines);
        if (!copy || !lines)
            return -1;
        memcpy(copy, x->s, x->n);
        copy[x->n] = '\0';
        for (size_t i = 0; i < x->nl; i++) {
            copy[L[i].off + L[i].len] = '\0';
            lines[i].text = copy + L[i].off;
            lines[i].len = L[i].len;
            lines[i].label = (th_label)L[i].label;
        }
        doc->lines = lines;
        doc->nlines = x->nl;
        doc->cap_lines = x->nl;
    }
    return 0;
}

/* A page of a few lines where no line reads as article text (a stub, a
 * test page, a one-paragraph note): its text lines are the body, as an
 * HTML extractor keeps the only content of a page. */
static void short_page_body(ctx *x)
{
    size_t n = 0;
    for (size_t i = 0; i < x->nl; i++) {
        const tl *l = &x->L[i];
        if (l->label == TH_LABEL_BODY || l->region == R_CMT)
            return;
        if (l->kind != K_BLANK && ++n > 12)
            return;
    }
    for (size_t i = 0; i < x->nl; i++) {
        tl *l = &x->L[i];
        if ((l->kind == K_TEXT || l->kind == K_PROSE) &&
            (l->label == TH_LABEL_BOILER || l->label == TH_LABEL_TITLE))
            l->label = TH_LABEL_BODY;
    }
}

/* ------------------------------------------------------- driver ---- */

/* Lines whose letters occur on another line too (F_REPEAT): one pass
 * over a hash table of (letter hash, letter count) -> first line. */
typedef struct hent {
    uint32_t hash, hlen;
    uint32_t first1; /* first line + 1; 0 = empty */
    uint32_t last;   /* latest line with these letters */
} hent;

#ifndef TOC_ON
#define TOC_ON 1
#endif
/* A table of contents: three or more items of one list (each within
 * three lines of the one before), printed again later in the same order,
 * each time as a heading over a paragraph.  Returns the last of those
 * headings, or 0. */
static size_t toc_end(const ctx *x)
{
    int run = 0;
    size_t last = 0, pf = 0, pl = 0;
    for (int k = 0; k < x->toc_n; k++) {
        size_t f = x->toc[0][k], h = x->toc[1][k];
        long j = next_nonblank((ctx *)x, h + 1, h + 4);
        bool sect = j >= 0 && x->L[j].kind == K_PROSE && x->L[j].endp == E_SENT;
        if (!sect)
            continue;
        if (run && f > pf && f <= pf + 3 && h > pl)
            run++;
        else
            run = 1;
        pf = f;
        pl = h;
        if (run >= 3)
            last = h;
    }
    return last;
}
static int mark_repeats(ctx *x)
{
    size_t cnt = 0;
    for (size_t i = 0; i < x->nl; i++)
        if (x->L[i].cs < x->L[i].ce && x->L[i].hlen)
            cnt++;
    size_t cap = 64;
    while (cap < cnt * 2)
        cap <<= 1;
    hent *t = th__arena_calloc(x->scratch, cap, sizeof *t);
    if (!t)
        return -1;
    size_t mask = cap - 1;
    for (size_t i = 0; i < x->nl; i++) {
        tl *l = &x->L[i];
        if (l->cs >= l->ce || l->hlen == 0)
            continue;
        size_t k = (l->hash ^ l->hlen * 2654435761u) & mask;
        while (t[k].first1 && (t[k].hash != l->hash || t[k].hlen != l->hlen))
            k = (k + 1) & mask;
        if (t[k].first1) {
            tl *f = &x->L[t[k].first1 - 1];
            /* a table of contents: a list item printed once more, later,
             * as a heading of its own (no bullet) */
            if (f->bullet && !l->bullet && t[k].last == t[k].first1 - 1 &&
                i - t[k].last > 8 && l->nwords <= 10 && l->endp != E_SENT &&
                x->toc_n < 32) {
                x->toc[0][x->toc_n] = t[k].first1 - 1;
                x->toc[1][x->toc_n++] = (uint32_t)i;
            }
            f->flags |= F_REPEAT;
            l->flags |= F_REPEAT;
            /* a repeat a few lines away (F_NEAR): a teaser's headline
             * printed twice (link and heading), an image's alt text over
             * its caption; long sentences repeated are left alone */
            if (i - t[k].last <= 8 &&
                !(l->endp == E_SENT && l->nchars >= 160)) {
                x->L[t[k].last].flags |= F_NEAR;
                l->flags |= F_NEAR;
            }
        } else {
            t[k].hash = l->hash;
            t[k].hlen = l->hlen;
            t[k].first1 = (uint32_t)(i + 1);
        }
        t[k].last = (uint32_t)i;
    }
    return 0;
}

#ifndef ALT_PREFIX
#define ALT_PREFIX 24
#endif
th_status th__text_extract(th_doc *doc, const char *utf8, size_t len,
                           const th_options *opts)
{
    th_options def;
    if (!opts) {
        th_options_init(&def);
        opts = &def;
    }
    ctx x;
    memset(&x, 0, sizeof x);
    th_arena scratch;
    th__arena_init(&scratch);
    x.scratch = &scratch;
    x.s = utf8;
    x.n = len;
    x.title = -1;
    x.related_from = -1;
    th_status st = TH_ENOMEM;

    /* Line offsets are 32-bit: a larger input is read up to its last
     * line break before 4 GiB. */
    if (len >= UINT32_MAX) {
        const char *q = NULL;
        size_t lim = UINT32_MAX - 1;
        for (size_t k = lim; k-- > lim - 65536 && !q;)
            if (utf8[k] == '\n')
                q = utf8 + k;
        len = q ? (size_t)(q - utf8) : lim;
        x.n = len;
    }
    /* split lines (their features follow in fill_lines); the line
     * array grows geometrically (lines average ~50 bytes) */
    {
        size_t cap = len / 48 + 16, i = 0, off = 0;
        uint32_t blanks = 0;
        uint32_t wsrun = 0;
        x.L = th__arena_alloc(&scratch, cap * sizeof *x.L);
        if (!x.L)
            goto done;
        while (off < len) {
            const char *q = memchr(utf8 + off, '\n', len - off);
            size_t e = q ? (size_t)(q - utf8) : len;
            size_t le = e;
            if (le > off && utf8[le - 1] == '\r')
                le--;
            if (i == cap) {
                tl *nL = th__arena_realloc(&scratch, x.L, cap * sizeof *x.L,
                                           2 * cap * sizeof *x.L);
                if (!nL)
                    goto done;
                x.L = nL;
                cap *= 2;
            }
            tl *l = &x.L[i];
            memset(l, 0, sizeof *l);
            l->off = (uint32_t)off;
            l->len = (uint32_t)(le - off);
            split_content(utf8, l);
            l->blank_before = (uint8_t)(blanks > 255 ? 255 : blanks);
            /* a run holding one or two lines of spaces is an empty
             * element's box (an ad slot, a spacer cell) that w3m printed
             * between two paragraphs, not a gap between containers: one
             * paragraph break.  (Runs of many such lines are button rows;
             * runs_layout reads them as before, so both stay runs.) */
            if (WS_RUN && wsrun >= 1 && wsrun <= WS_RUN && blanks >= 2)
                l->blank_before = 1;
            if (l->cs >= l->ce && !l->bullet) {
                if (l->len > 0)
                    wsrun++;
                blanks++;
            } else {
                blanks = 0;
                wsrun = 0;
            }
            off = e + 1;
            i++;
            if (!q)
                break;
        }
        x.nl = i;
    }
    size_t nl = x.nl;
    if (fill_lines(&x))
        goto done;
    if (mark_repeats(&x))
        goto done;
    th__tx_init();
    if (classify_all(&x))
        goto done;
    lone_markup(&x);
    /* lynx lists the page's <link> elements on its first line ("#alternate
     * ...", "#RSS Feed", "#publisher Home copyright ..."): no text */
    for (size_t i = 0, seen = 0; i < nl && seen < 3; i++) {
        tl *l = &x.L[i];
        if (l->kind == K_BLANK)
            continue;
        seen++;
        if (l->ce - l->cs >= 2 && utf8[l->cs] == '#' &&
            (((unsigned char)utf8[l->cs + 1] | 0x20) >= 'a' &&
             ((unsigned char)utf8[l->cs + 1] | 0x20) <= 'z'))
            l->kind = K_NAV;
    }
    x.runs = runs_layout(&x);
    /* a line printed twice (lynx: alt text and caption on one line) is a
     * near repeat; dumps with blank-run structure (crawler text) print
     * such pairs on lines of their own */
    if (!x.runs)
        for (size_t i = 0; i < nl; i++) {
            tl *l = &x.L[i];
            if (l->nwords >= 6 && (self_repeat(utf8 + l->cs, l->ce - l->cs) ||
                                   (l->bullet && item_repeat(utf8 + l->cs, l->ce - l->cs)) ||
                                   (l->endp != E_SENT && periodic_line(utf8 + l->cs, l->ce - l->cs))))
                l->flags |= F_NEAR;
            else if (l->nwords >= GLUED_WORDS && l->endp != E_SENT &&
                     glued_twice(utf8 + l->cs, l->ce - l->cs))
                l->flags |= F_NEAR;
        }
    /* an image's alt text over its caption with a credit: the caption
     * (next non-blank line, at most two down) opens with the same
     * ALT_PREFIX bytes, rewords or extends it and names the picture's
     * source ("Name after the win." over "Name after the win. | Photo:
     * Agency"): the alt text is a near repeat */
    for (size_t j = 1; j < nl; j++) {
        const tl *m = &x.L[j];
        if (!((m->flags & F_CREDIT) || m->kind == K_CAPTION) ||
            m->ce - m->cs < ALT_PREFIX)
            continue;
        size_t i = j - 1;
        if (x.L[i].kind == K_BLANK && i > 0 && j - i < 2)
            i--;
        tl *l = &x.L[i];
        size_t ln = l->ce - l->cs;
        if (l->kind == K_BLANK || l->nwords < 4 || ln < ALT_PREFIX ||
            (l->flags & (F_CREDIT | F_NEAR)))
            continue;
        if (memcmp(utf8 + l->cs, utf8 + m->cs, ALT_PREFIX) == 0)
            l->flags |= F_NEAR;
    }
    for (size_t i = 0; i < nl; i++)
        if (x.L[i].nwords >= 2 && x.L[i].ce - x.L[i].cs >= 11 &&
            (utf8[x.L[i].ce - 1] == '.' || (unsigned char)utf8[x.L[i].ce - 1] == 0xA6))
            truncated_repeat(&x, i);
    for (size_t i = 0; i < nl; i++) {
        tl *l = &x.L[i];
        score_line(utf8, l);
        if (!x.runs && l->kind == K_PROSE && l->blank_before >= 2 &&
            l->endp == E_SENT && !(l->flags & F_REPEAT))
            l->c -= 0.6f;
    }
    context_scores(&x);
    early_names(&x);
    for (size_t i = 0; i < nl; i++)
        if (x.L[i].kind == K_ABOUT)
            for (size_t k = i + 1; k < nl && x.L[k].kind != K_BLANK; k++)
                if (x.L[k].b > -2.0f)
                    x.L[k].b = -2.0f;
    /* A comment heading after the first 30 % of the page's prose marks
     * where comments may begin at the earliest, unless signed comments
     * come before it. */
    {
        float tot = 0, acc = 0;
        for (size_t i = 0; i < nl; i++)
            if (x.L[i].b > 0)
                tot += x.L[i].b;
        int signed_before = 0; /* signed names past the first 30 % */
        for (size_t i = 0; i < nl; i++) {
            if (x.L[i].b > 0)
                acc += x.L[i].b;
            if (acc < 0.3f * tot)
                continue;
            if (x.L[i].flags & F_ANCHOR)
                signed_before++;
            if (x.L[i].kind == K_CHEAD) {
                /* a heading under a thread of signed comments ("Leave a
                 * reply" after them) is no floor */
                if (signed_before < 3)
                    x.cmt_floor = i;
                break;
            }
        }
    }
    /* A table of contents names the article's sections: comments come
     * after the last of them. */
    if (TOC_ON && x.toc_n >= 3) {
        size_t last = toc_end(&x);
        if (last && x.cmt_floor < last + 1)
            x.cmt_floor = last + 1;
    }
    /* Comments follow an article: none before its first real paragraph
     * (a sentence of some length), whatever menus or lists precede it. */
    for (size_t i = 0; i < nl; i++)
        if (x.L[i].kind == K_PROSE && x.L[i].endp == E_SENT && x.L[i].nchars >= 80) {
            if (x.cmt_floor < i + 1)
                x.cmt_floor = i + 1;
            break;
        }
    if (decode_regions(&x))
        goto done;
    /* A comment region opened early must show comment evidence: before its
     * first anchor, a stretch of paragraphs with no name, date or widget
     * line is article text; the region may begin after it at the
     * earliest (decoded again; the floor only rises). */
    for (int pass = 0; pass < 16; pass++) {
        size_t f = evidence_floor(&x);
        if (!f)
            break;
        x.cmt_floor = f;
        if (decode_regions(&x))
            goto done;
    }
    program_gaps(&x);
    trim_article_tail(&x);
    nested_stretches(&x);
    /* what a related heading cut off may leave a small resumed stretch
     * at the new end */
    if (end_at_related(&x))
        trim_article_tail(&x);
    trim_bio(&x);
    lists_in_article(&x);
    plain_gaps(&x);
    grow_lists(&x);
    code_in_article(&x);
    /* the body indentation: the most common indent of article prose */
    {
        uint32_t hist[17] = {0};
        for (size_t i = 0; i < nl; i++)
            if (x.L[i].region == R_ART && x.L[i].kind == K_PROSE)
                hist[x.L[i].indent > 16 ? 16 : x.L[i].indent]++;
        int bi = 0;
        for (int k = 1; k < 17; k++)
            if (hist[k] > hist[bi])
                bi = k;
        x.body_indent = bi;
    }
    size_t astart = nl;
    for (size_t i = 0; i < nl; i++)
        if (x.L[i].region == R_ART && x.L[i].kind != K_BLANK) {
            astart = i;
            break;
        }
    if (astart == nl) {
        /* no article: the first prose line, if any */
        for (size_t i = 0; i < nl; i++)
            if (x.L[i].kind == K_PROSE) {
                astart = i;
                break;
            }
    }
    if (astart < nl) {
        pick_title(&x, astart);
        if (x.title >= 0) {
            for (size_t i = 0; i < nl; i++)
                if ((long)i != x.title && x.L[i].kind != K_BLANK &&
                    x.L[i].region != R_CMT && title_repeat(&x, (size_t)x.title, i))
                    x.L[i].flags |= F_TITLEREP;
        }
    }
    /* Name lines right after the comment region (authors whose text is
     * missing) still belong to it. */
    for (size_t i = 1; i < nl; i++)
        if (x.L[i].region == R_FOOT && x.L[i - 1].region == R_CMT &&
            (x.L[i].kind == K_BLANK || (x.L[i].flags & F_NAMEISH) ||
             x.L[i].kind == K_DATE))
            x.L[i].region = R_CMT;
    extend_comments_back(&x);
#ifdef TEXT_DEBUG
    for (size_t i = 0; i < nl; i++)
        fprintf(stderr, "%zu r%d k%d b%.2f c%.2f f%x %.*s\n", i + 1, x.L[i].region,
                x.L[i].kind, x.L[i].b, x.L[i].c, x.L[i].flags, (int)(x.L[i].ce - x.L[i].cs > 60 ? 60 : x.L[i].ce - x.L[i].cs), utf8 + x.L[i].cs);
#endif
    split_second_article(&x);
    label_noncomment(&x, astart);
    teaser_dates(&x);
    short_page_body(&x);
    cbuild cb;
    memset(&cb, 0, sizeof cb);
    {
        size_t b = nl, e = nl;
        for (size_t i = 0; i < nl; i++)
            if (x.L[i].region == R_CMT) {
                if (b == nl)
                    b = i;
                e = i + 1;
            }
        if (b < e) {
            if (th__text_build_comments(&x, b, e, &cb))
                goto done;
            th__text_thread_flat(&x, &cb);
        }
    }
    if (fill_doc(&x, doc, &cb, opts))
        goto done;
    st = TH_OK;
done:
    th__arena_cleanup(&scratch);
    if (st == TH_OK && doc->oom)
        st = TH_ENOMEM;
    return st;
}
